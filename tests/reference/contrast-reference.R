# Reference values for contrasts of scenario net scores (issue 11: `nethelp compare --contrast`, DesignEstimates).
#
# Writes a synthetic test survey with a stratified, clustered, weighted design, skipped answers and extra
# respondent-level columns (data/design-survey.csv; long layout), and what R's survey package computes on it
# (expected/contrast/*.csv). The same file serves the calibration, model and banner references. Nothing here runs in CI.
#
# Run from this folder:   Rscript contrast-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).
#
# A contrast sum_k c_k net_k takes each scenario's net score over the respondents who answered it (a domain mean).
# svymean(~s_a + s_b + s_c, design, na.rm = TRUE) would drop every respondent who skipped any of them, so the
# domain means are written as ratios of totals, net_k = total(s_k * answered_k) / total(answered_k), and the contrast
# as svycontrast(svytotal(...), quote(...)): its delta-method influence is exactly that of the domain means
# (Lumley 2010, sections 2.3-2.4). Where nobody skipped, this equals svycontrast(svymean(~s_a + ..., design), c(...)),
# which the script also checks on the complete-case scenarios.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
set.seed(20261201)

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"))
write_expected <- function(df, name, ...) {
  out <- file.path("expected/contrast", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

# ---- the respondents: 5 strata, 6-11 clusters each, 4-12 respondents per cluster ------------------------------
scenarios <- c("sale_alert", "repurchase_reminder", "birthday_offer", "in_aisle_offer",
               "retargeted_ad_unknown_brand", "overheard_coffee_ad")
shift <- c(1.1, 0.8, 0.6, 0.5, -0.3, -0.6)
resp <- NULL
id <- 0
for (h in 1:5) {
  for (j in seq_len(sample(6:11, 1))) {
    size <- sample(4:12, 1)
    region <- sample(c("north", "south", "east", "west"), 1)
    for (k in seq_len(size)) {
      id <- id + 1
      resp <- rbind(resp, data.frame(
        respondent_id = sprintf("p%04d", id),
        country = sample(c("BR", "DE", "FR", "JP"), 1, prob = c(0.3, 0.3, 0.2, 0.2)),
        age_band = sample(c("18-34", "35-54", "55+"), 1, prob = c(0.35, 0.4, 0.25)),
        gender = sample(c("female", "male"), 1),
        region = region,
        stratum = paste0("S", h),
        cluster = sprintf("S%d-C%02d", h, j),
        weight = round(exp(rnorm(1, 0, 0.5)) * c(1, 1.6, 0.7, 1.2, 2.1)[h], 6),
        panel_note = sample(c("", "recruited online", "recruited by phone"), 1),
        stringsAsFactors = FALSE))
    }
  }
}
n <- nrow(resp)
attitude <- rnorm(n) + 0.3 * (resp$age_band == "18-34") - 0.2 * (resp$gender == "male")
ratings <- sapply(seq_along(scenarios), function(j) {
  latent <- shift[j] + 0.7 * attitude + 0.8 * rnorm(n)
  r <- as.integer(cut(latent, c(-Inf, -1.2, -0.4, 0.3, 1.1, Inf)))
  # The first two scenarios are answered by everyone; the others are skipped now and then.
  if (j > 2) r[runif(n) < 0.07] <- NA
  r
})
colnames(ratings) <- scenarios

long <- do.call(rbind, lapply(seq_along(scenarios), function(j)
  data.frame(resp, scenario = scenarios[j], rating = ratings[, j], stringsAsFactors = FALSE)))
long <- long[order(long$respondent_id, match(long$scenario, scenarios)), ]
out <- long
out$rating <- ifelse(is.na(out$rating), "", as.character(out$rating))
write.csv(out[, c("respondent_id", "country", "age_band", "gender", "region", "stratum", "cluster", "weight",
                  "panel_note", "scenario", "rating")], "data/design-survey.csv", row.names = FALSE, quote = FALSE, na = "")

# ---- the design on the wide data ------------------------------------------------------------------------------
score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
wide <- resp
for (j in seq_along(scenarios)) {
  s <- score(ratings[, j])
  wide[[paste0("s_", scenarios[j])]] <- s
  wide[[paste0("a_", scenarios[j])]] <- as.numeric(!is.na(s))
  wide[[paste0("t_", scenarios[j])]] <- ifelse(is.na(s), 0, s)
}
d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide, nest = TRUE)

contrasts <- list(
  list(name = "top_vs_two", terms = c(sale_alert = 1, in_aisle_offer = -0.5, overheard_coffee_ad = -0.5)),
  list(name = "mean_of_four", terms = c(sale_alert = 0.25, repurchase_reminder = 0.25, birthday_offer = 0.25, in_aisle_offer = 0.25)),
  list(name = "difference", terms = c(birthday_offer = 1, retargeted_ad_unknown_brand = -1)),
  list(name = "single", terms = c(overheard_coffee_ad = 1)))

rows <- NULL
for (ct in contrasts) {
  ids <- names(ct$terms)
  totals <- svytotal(as.formula(paste("~", paste(c(paste0("t_", ids), paste0("a_", ids)), collapse = " + "))), d)
  expr <- parse(text = paste(sprintf("(%s) * t_%s / a_%s", fmt(ct$terms), ids, ids), collapse = " + "))[[1]]
  est <- svycontrast(totals, expr)
  se <- SE(est)
  z <- qnorm(0.975)
  rows <- rbind(rows, data.frame(
    name = ct$name,
    contrast = paste(sprintf("%s=%s", ids, format(ct$terms, scientific = FALSE, trim = TRUE)), collapse = ";"),
    estimate = fmt(coef(est)), se = fmt(se), ci_low = fmt(coef(est) - z * se), ci_high = fmt(coef(est) + z * se),
    stringsAsFactors = FALSE))
}
write_expected(rows, "contrasts",
  "d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide, nest = TRUE)",
  "svycontrast(svytotal(~t_a + t_b + ... + a_a + a_b + ..., d), quote(c_a * t_a / a_a + c_b * t_b / a_b + ...))",
  "t_k = score of scenario k (0 when not answered), a_k = answered; CI = estimate -/+ qnorm(0.975) * SE",
  "contrast: scenario=coefficient separated by ';' (the command line separates them by ',')")

# The same on the two scenarios nobody skipped, the plain way: svycontrast(svymean(...), c(...)).
plain <- svycontrast(svymean(~s_sale_alert + s_repurchase_reminder, d), c(1, -1))
write_expected(data.frame(name = "complete_cases", contrast = "sale_alert=1;repurchase_reminder=-1",
                          estimate = fmt(coef(plain)), se = fmt(SE(plain)),
                          ci_low = fmt(coef(plain) - qnorm(0.975) * SE(plain)), ci_high = fmt(coef(plain) + qnorm(0.975) * SE(plain))),
  "contrasts-complete-cases",
  "svycontrast(svymean(~s_sale_alert + s_repurchase_reminder, d), c(1, -1))  # both answered by everyone")

# A ratio of two net scores (delta method) and the covariance matrix of three domain means.
ids <- c("sale_alert", "birthday_offer", "overheard_coffee_ad")
totals <- svytotal(as.formula(paste("~", paste(c(paste0("t_", ids), paste0("a_", ids)), collapse = " + "))), d)
ratio <- svycontrast(totals, quote((t_sale_alert / a_sale_alert) / (t_birthday_offer / a_birthday_offer)))
write_expected(data.frame(name = "ratio", a = "sale_alert", b = "birthday_offer", estimate = fmt(coef(ratio)), se = fmt(SE(ratio))),
  "ratio", "svycontrast(svytotal(...), quote((t_sale_alert / a_sale_alert) / (t_birthday_offer / a_birthday_offer)))")
means <- svycontrast(totals, list(
  sale_alert = quote(t_sale_alert / a_sale_alert),
  birthday_offer = quote(t_birthday_offer / a_birthday_offer),
  overheard_coffee_ad = quote(t_overheard_coffee_ad / a_overheard_coffee_ad)))
v <- vcov(means)
cov_rows <- do.call(rbind, lapply(seq_along(ids), function(i) data.frame(a = ids[i], b = ids, covariance = fmt(v[i, ]))))
write_expected(cov_rows, "covariance",
  "vcov(svycontrast(svytotal(...), list(sale_alert = quote(t_sale_alert / a_sale_alert), ...)))  # the domain means' covariance")

cat("wrote data/design-survey.csv (", n, " respondents) and expected/contrast/\n", sep = "")
