# Reference values for the net helpfulness score (issue 2).
#
# Writes test data (data/*.csv) and what R's survey package computes on them (expected/*.csv).
# The C# tests read both; nothing here runs in CI.
#
# Run from this folder:   Rscript net-score-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
set.seed(20261129)

fmt <- function(x) sprintf("%.17g", x)

# ---- test data: a stratified, clustered, weighted survey with skipped ratings -------------
n_strata <- 4
psu_per_stratum <- c(6, 9, 5, 12)
scenarios <- c("alpha", "beta", "gamma", "delta", "epsilon")
resp <- NULL
id <- 0
for (h in seq_len(n_strata)) {
  for (j in seq_len(psu_per_stratum[h])) {
    size <- sample(3:9, 1)
    for (k in seq_len(size)) {
      id <- id + 1
      resp <- rbind(resp, data.frame(
        respondent_id = sprintf("r%04d", id),
        country = c("DE", "FR", "JP", "BR")[h],
        stratum = paste0("S", h),
        cluster = sprintf("S%d-P%02d", h, j),
        weight = round(exp(rnorm(1, 0, 0.5)) * c(1, 2, 0.5, 1.5)[h], 6),
        stringsAsFactors = FALSE))
    }
  }
}
n <- nrow(resp)
# Ratings 1..5 with a respondent-level attitude so that ratings correlate within respondents.
attitude <- rnorm(n)
centre <- c(alpha = 0.6, beta = 0.2, gamma = 0, delta = -0.3, epsilon = -0.7)
ratings <- sapply(scenarios, function(s) {
  latent <- centre[[s]] + 0.6 * attitude + rnorm(n, 0, 0.9)
  as.integer(cut(latent, c(-Inf, -1.2, -0.4, 0.3, 1.1, Inf)))
})
# About 6% not answered: half written as empty ratings, half as absent rows.
skip <- matrix(runif(n * length(scenarios)) < 0.06, n)
ratings[skip] <- NA
absent <- skip & matrix(runif(n * length(scenarios)) < 0.5, n)

long <- do.call(rbind, lapply(seq_along(scenarios), function(j) {
  keep <- !absent[, j]
  data.frame(resp[keep, ], scenario = scenarios[j], rating = ratings[keep, j], stringsAsFactors = FALSE)
}))
long <- long[order(long$respondent_id, long$scenario), ]
write.csv(long[, c("respondent_id", "country", "weight", "stratum", "cluster", "scenario", "rating")],
          "data/stratified-clustered.csv", row.names = FALSE, na = "", quote = FALSE)

wide <- resp
for (j in seq_along(scenarios)) wide[[paste0("q_", scenarios[j])]] <- ratings[, j]
write.csv(wide, "data/stratified-clustered-wide.csv", row.names = FALSE, na = "", quote = FALSE)

# ---- what R computes ---------------------------------------------------------------------
score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
for (j in seq_along(scenarios)) wide[[paste0("s_", scenarios[j])]] <- score(ratings[, j])

one_case <- function(name, call_text, design, weighted) {
  rows <- lapply(scenarios, function(s) {
    f <- as.formula(paste0("~s_", s))
    m <- svymean(f, design, na.rm = TRUE)
    ci <- confint(m, level = 0.95)
    sv <- wide[[paste0("s_", s)]]
    ok <- !is.na(sv)
    w <- if (weighted) wide$weight[ok] else rep(1, sum(ok))
    data.frame(scenario = s, n = sum(ok),
               helpful = fmt(sum(w[sv[ok] == 1]) / sum(w)),
               neutral = fmt(sum(w[sv[ok] == 0]) / sum(w)),
               creepy = fmt(sum(w[sv[ok] == -1]) / sum(w)),
               net = fmt(coef(m)[[1]]), se = fmt(SE(m)[[1]]),
               ci_low = fmt(ci[1, 1]), ci_high = fmt(ci[1, 2]),
               design_effect = fmt(sum(ok) * sum(w^2) / sum(w)^2),
               effective_n = fmt(sum(w)^2 / sum(w^2)))
  })
  out <- paste0("expected/", name, ".csv")
  writeLines(c(paste0("# ", call_text), paste0("# ", R.version.string, "; survey ", packageVersion("survey"))), out)
  suppressWarnings(write.table(do.call(rbind, rows), out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

one_case("linearized-weighted-strata-clusters",
  "svymean(~s, svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide), na.rm = TRUE); confint(level = 0.95)",
  svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide), TRUE)
one_case("linearized-weighted-strata",
  "svymean(~s, svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = wide), na.rm = TRUE); confint(level = 0.95)",
  svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = wide), TRUE)
one_case("linearized-weighted",
  "svymean(~s, svydesign(ids = ~1, weights = ~weight, data = wide), na.rm = TRUE); confint(level = 0.95)",
  svydesign(ids = ~1, weights = ~weight, data = wide), TRUE)
one_case("linearized-unweighted-clusters",
  "svymean(~s, svydesign(ids = ~cluster, data = wide), na.rm = TRUE); confint(level = 0.95)",
  suppressWarnings(svydesign(ids = ~cluster, data = wide)), FALSE)
one_case("linearized-unweighted",
  "svymean(~s, svydesign(ids = ~1, data = wide), na.rm = TRUE); confint(level = 0.95)",
  suppressWarnings(svydesign(ids = ~1, data = wide)), FALSE)

# Wald (Rocks 2016, eq. 2), unweighted, written out.
rows <- lapply(scenarios, function(s) {
  sv <- wide[[paste0("s_", s)]]; sv <- sv[!is.na(sv)]; m <- length(sv)
  ph <- mean(sv == 1); pc <- mean(sv == -1); p0 <- mean(sv == 0); net <- ph - pc
  se <- sqrt((ph + pc - net^2) / m); z <- qnorm(0.975)
  data.frame(scenario = s, n = m, helpful = fmt(ph), neutral = fmt(p0), creepy = fmt(pc), net = fmt(net),
             se = fmt(se), ci_low = fmt(net - z * se), ci_high = fmt(net + z * se),
             design_effect = fmt(1), effective_n = fmt(m))
})
writeLines(c("# net = ph - pc; se = sqrt((ph + pc - net^2) / n); ci = net +/- qnorm(0.975) * se (unweighted, respondents who answered)",
             paste0("# ", R.version.string)), "expected/wald.csv")
suppressWarnings(write.table(do.call(rbind, rows), "expected/wald.csv", sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))

# A 90% level, to check the quantile.
d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide)
m <- svymean(~s_alpha, d, na.rm = TRUE); ci <- confint(m, level = 0.90)
writeLines(c("# confint(svymean(~s_alpha, svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide), na.rm = TRUE), level = 0.90)",
             paste0("# ", R.version.string, "; survey ", packageVersion("survey")),
             "scenario,net,se,ci_low,ci_high",
             paste("alpha", fmt(coef(m)[[1]]), fmt(SE(m)[[1]]), fmt(ci[1, 1]), fmt(ci[1, 2]), sep = ",")),
           "expected/linearized-level90.csv")
cat("wrote", n, "respondents\n")
