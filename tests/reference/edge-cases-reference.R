# Reference values for numerical edge cases (issue 8): lonely PSUs under each rule, extreme weights.
#
# Run from this folder:   Rscript edge-cases-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages.

suppressPackageStartupMessages(library(survey))
set.seed(8)
fmt <- function(x) sprintf("%.17g", x)

# A stratified design in which stratum C has a single PSU; 3 scenarios with skipped ratings.
n <- 60
d <- data.frame(respondent_id = sprintf("r%02d", 1:n),
                country = "XX",
                stratum = c(rep("A", 25), rep("B", 34), "C"),
                cluster = c(rep(sprintf("A%d", 1:5), each = 5), rep(sprintf("B%d", 1:17), each = 2), "C1"),
                weight = round(runif(n, 0.2, 5), 4),
                stringsAsFactors = FALSE)
for (s in c("x", "y", "z")) {
  r <- sample(1:5, n, replace = TRUE)
  r[sample(n, 4)] <- NA
  d[[paste0("q_", s)]] <- r
}
d$q_z[60] <- NA   # stratum C has nobody answering z: it drops out of that domain
write.csv(d, "data/lonely-psu-wide.csv", row.names = FALSE, na = "", quote = FALSE)
score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
for (s in c("x", "y", "z")) d[[paste0("s_", s)]] <- score(d[[paste0("q_", s)]])

rows <- NULL
for (rule in c("certainty", "average", "adjust", "remove")) {
  options(survey.lonely.psu = rule)
  des <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d)
  for (s in c("x", "y", "z")) {
    m <- svymean(as.formula(paste0("~s_", s)), des, na.rm = TRUE)
    rows <- rbind(rows, data.frame(rule = rule, scenario = s, net = fmt(coef(m)[[1]]), se = fmt(SE(m)[[1]])))
  }
}
writeLines(c("# options(survey.lonely.psu = rule); svymean(~s, svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = lonely-psu-wide), na.rm = TRUE)",
             paste0("# ", R.version.string, "; survey ", packageVersion("survey"))), "expected/lonely-psu.csv")
write.table(rows, "expected/lonely-psu.csv", sep = ",", row.names = FALSE, quote = FALSE, append = TRUE)

# Weights spanning 1e-6 .. 1e6.
options(survey.lonely.psu = "fail")
n <- 200
e <- data.frame(respondent_id = sprintf("e%03d", 1:n), country = "XX",
                weight = 10^runif(n, -6, 6), stringsAsFactors = FALSE)
e$weight <- as.numeric(sprintf("%.10g", e$weight))
e$q_w <- sample(1:5, n, replace = TRUE)
write.csv(e, "data/extreme-weights-wide.csv", row.names = FALSE, quote = FALSE)
e$s_w <- score(e$q_w)
m <- svymean(~s_w, svydesign(ids = ~1, weights = ~weight, data = e))
writeLines(c("# svymean(~s_w, svydesign(ids = ~1, weights = ~weight, data = extreme-weights-wide))",
             paste0("# ", R.version.string, "; survey ", packageVersion("survey")),
             "scenario,net,se",
             paste("w", fmt(coef(m)[[1]]), fmt(SE(m)[[1]]), sep = ",")), "expected/extreme-weights.csv")
cat("ok\n")
