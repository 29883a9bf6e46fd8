# Reference values for calibrated designs (issue 13: post-stratification, raking, linear and bounded calibration,
# with calibration-aware variances; `nethelp weight`, `--calibrate`, SurveyCalibration).
#
# Reads the synthetic test survey data/design-survey.csv (written by contrast-reference.R: 323 respondents, 5 strata,
# 44 clusters, design weights, 6 scenarios of which 4 have skipped answers, and the respondent-level columns
# age_band, gender, region). Writes ILLUSTRATIVE population margins for it (data/calibration/*.csv: invented totals of
# an invented population of 250,000, nothing real), a copy of the survey with a single-PSU stratum for the lonely-PSU
# rules (data/calibration/lonely-psu-survey.csv), and what R's survey package computes (expected/calibration/*.csv).
# Nothing here runs in CI.
#
# Run from this folder:   Rscript calibration-reference.R        (a few minutes: the bootstrap rakes 20,000 replicates)
# Made with R 4.2 and survey 4.1, boot 1.3 from Debian's packages (r-base-core, r-cran-survey, r-cran-boot).
#
# What R does, and the C# code replicates (lib/NetHelpfulness/Estimation/Calibration):
# - postStratify: w = d * N_g / sum_g(d). svyrecvar replaces the influence values x by
#   x - w * rowsum(x * d / w, g) / sum_g(d)   (the within-post-stratum means).
# - rake: iterative proportional fitting, one postStratify per margin per pass, until the largest change of the
#   cross-classified weighted table between two passes is below epsilon (epsilon >= 1: counts; < 1: a fraction of the
#   sum of the starting weights), at most maxit passes. It stores the post-stratifications of its last pass; svyrecvar
#   applies them 10 times in turn: x <- x - w_k * ave(x / w_k, margin_k), w_k the weights after margin k of that pass.
# - calibrate(calfun = "linear") without bounds (regcalibrate): g = 1 + X (X'DX)^-1 (T - X'd); with bounds, and
#   calfun = "raking" or "logit": grake's Newton iterations (epsilon = 1e-7 on |misfit| / (1 + |T|), maxit = 50),
#   after scaling the starting weights by mean(T / X'd) when every total is more than 20 times the sample's, so that
#   the bounds apply to the scaled weights. svyrecvar: x <- qr.resid(qr(X * sqrt(d)), x / (g sqrt(d))) * g sqrt(d).
# - Domains (skipped answers, groups) of a calibrated design keep every respondent (weights 0 outside the domain),
#   so after the projection influence values are non-zero outside the domain and every stratum is present.

suppressPackageStartupMessages({
  library(survey)
  library(boot)
})
options(survey.lonely.psu = "fail")

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"), "; boot ", packageVersion("boot"))
dir.create("expected/calibration", showWarnings = FALSE, recursive = TRUE)
dir.create("data/calibration", showWarnings = FALSE, recursive = TRUE)
write_expected <- function(df, name, ...) {
  out <- file.path("expected/calibration", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

# ---- the survey, one row per respondent ------------------------------------------------------------------------
long <- read.csv("data/design-survey.csv", colClasses = "character")
scenarios <- unique(long$scenario)
wide <- long[!duplicated(long$respondent_id), c("respondent_id", "country", "age_band", "gender", "region", "stratum", "cluster", "weight")]
wide$weight <- as.numeric(wide$weight)
score <- function(r) ifelse(r == "", NA, ifelse(as.integer(r) >= 4, 1, ifelse(as.integer(r) <= 2, -1, 0)))
for (s in scenarios) {
  rows <- long[long$scenario == s, ]
  v <- score(rows$rating[match(wide$respondent_id, rows$respondent_id)])
  wide[[paste0("s_", s)]] <- v
  wide[[paste0("t_", s)]] <- ifelse(is.na(v), 0, v)
  wide[[paste0("a_", s)]] <- as.numeric(!is.na(v))
}
d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide, nest = TRUE)

# ---- illustrative margins of an invented population of 250,000 -------------------------------------------------
N <- 250000
age <- data.frame(age_band = c("18-34", "35-54", "55+"), Freq = N * c(0.29, 0.37, 0.34))
gender <- data.frame(gender = c("female", "male"), Freq = N * c(0.515, 0.485))
region <- data.frame(region = c("east", "north", "south", "west"), Freq = N * c(0.21, 0.27, 0.30, 0.22))
cells <- expand.grid(age_band = age$age_band, gender = gender$gender, stringsAsFactors = FALSE)
cells$Freq <- N * c(0.150, 0.190, 0.175, 0.140, 0.180, 0.165)
margins <- rbind(data.frame(variable = "age_band", level = age$age_band, total = age$Freq),
                 data.frame(variable = "gender", level = gender$gender, total = gender$Freq),
                 data.frame(variable = "region", level = region$region, total = region$Freq))
write_margins <- function(df, name) {
  out <- file.path("data/calibration", name)
  write.csv(df, out, row.names = FALSE, quote = FALSE)
}
write_margins(margins, "margins-age-gender-region.csv")
write_margins(transform(margins, total = total / N), "margins-age-gender-region-shares.csv")
write_margins(data.frame(variable = "age_band:gender", level = paste(cells$age_band, cells$gender, sep = ":"), total = cells$Freq),
              "margins-age-by-gender.csv")
writeLines(c("# Calibration test data (written by tests/reference/calibration-reference.R)", "",
             "ILLUSTRATIVE population margins for the SYNTHETIC test survey `../design-survey.csv`: the totals of an invented",
             "population of 250,000, not of any real population. `margins-age-gender-region.csv` (totals) and",
             "`margins-age-gender-region-shares.csv` (the same as shares) for raking and calibration, `margins-age-by-gender.csv`",
             "(crossed cells) for post-stratification. `lonely-psu-survey.csv` is `../design-survey.csv` with a column",
             "`stratum_lonely` in which cluster S5-C01 is alone in stratum S6."), "data/calibration/README.md")

# ---- the calibrated designs ------------------------------------------------------------------------------------
# Totals of the linear model ~age_band + gender + region (treatment contrasts: intercept, then the other levels).
pop <- c(`(Intercept)` = N, `age_band35-54` = age$Freq[2], `age_band55+` = age$Freq[3], gendermale = gender$Freq[2],
         regionnorth = region$Freq[2], regionsouth = region$Freq[3], regionwest = region$Freq[4])
model <- ~age_band + gender + region
tight <- list(maxit = 100, epsilon = 1e-10)
bounds <- c(0.4, 1.7)
designs <- list(
  none = d,
  poststratify = postStratify(d, ~age_band + gender, cells),
  rake = rake(d, list(~age_band, ~gender, ~region), list(age, gender, region), control = tight),
  rake_default = rake(d, list(~age_band, ~gender, ~region), list(age, gender, region)),
  linear = calibrate(d, model, pop),
  raking = calibrate(d, model, pop, calfun = "raking", epsilon = 1e-12),
  raking_bounded = calibrate(d, model, pop, calfun = "raking", bounds = bounds),
  linear_bounded = calibrate(d, model, pop, calfun = "linear", bounds = bounds),
  logit_bounded = calibrate(d, model, pop, calfun = "logit", bounds = bounds),
  raking_both_bounds = calibrate(d, model, pop, calfun = "raking", bounds = c(0.62, 1.7), maxit = 100))
calls <- c(
  "d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide, nest = TRUE)",
  "margins: data/calibration/margins-age-gender-region.csv (age, gender, region) and margins-age-by-gender.csv (cells)",
  "poststratify = postStratify(d, ~age_band + gender, cells)",
  "rake = rake(d, list(~age_band, ~gender, ~region), list(age, gender, region), control = list(maxit = 100, epsilon = 1e-10))",
  "rake_default = rake(d, list(~age_band, ~gender, ~region), list(age, gender, region))  # epsilon = 1, maxit = 10",
  "linear = calibrate(d, ~age_band + gender + region, pop)  # pop = c(N, totals of the non-first levels)",
  "raking = calibrate(d, ~age_band + gender + region, pop, calfun = 'raking', epsilon = 1e-12)",
  "raking_bounded / linear_bounded / logit_bounded = calibrate(d, ~age_band + gender + region, pop, calfun = ..., bounds = c(0.4, 1.7))",
  "raking_both_bounds = calibrate(d, ~age_band + gender + region, pop, calfun = 'raking', bounds = c(0.62, 1.7), maxit = 100)  # both bounds reached",
  "the bounds apply to the starting weights scaled by mean(pop / colSums(X * d)) = 566.2 (grake: every total is > 20 times the sample's)")

# Passes of the default rake: the smallest maxit that does not warn.
passes <- NA
for (m in 1:10) {
  warned <- FALSE
  withCallingHandlers(rake(d, list(~age_band, ~gender, ~region), list(age, gender, region), control = list(maxit = m, epsilon = 1)),
                      warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") })
  if (!warned) { passes <- m; break }
}
stopifnot(!is.na(passes))
write_expected(data.frame(method = "rake_default", epsilon = 1, maxit = 10, passes = passes), "rake-passes",
  "passes = the smallest maxit for which rake(d, list(~age_band, ~gender, ~region), list(age, gender, region), control = list(maxit = m, epsilon = 1)) converges without a warning")

weights_out <- data.frame(respondent_id = wide$respondent_id)
for (name in names(designs)) weights_out[[name]] <- fmt(weights(designs[[name]]))
write_expected(weights_out, "weights", calls, "weights(design) of each, one column per design")

# Net scores: svymean(~s, design, na.rm = TRUE), a domain mean over those who answered.
score_rows <- NULL
for (name in names(designs)) {
  for (s in scenarios) {
    m <- svymean(as.formula(paste0("~s_", s)), designs[[name]], na.rm = TRUE)
    score_rows <- rbind(score_rows, data.frame(design = name, scenario = s, n = sum(!is.na(wide[[paste0("s_", s)]])),
                                               estimate = fmt(coef(m)), se = fmt(SE(m))))
  }
}
write_expected(score_rows, "scores", calls, "svymean(~s_SCENARIO, design, na.rm = TRUE): coef and SE")

# Contrasts, paired differences and group differences on the raked and the linear designs.
ratio_terms <- function(ids) paste(c(paste0("t_", ids), paste0("a_", ids)), collapse = " + ")
contrast_rows <- NULL
paired_rows <- NULL
group_rows <- NULL
for (name in c("rake", "linear", "poststratify")) {
  dc <- designs[[name]]
  ids <- c("sale_alert", "in_aisle_offer", "overheard_coffee_ad")
  ct <- svycontrast(svytotal(as.formula(paste("~", ratio_terms(ids))), dc),
                    quote(t_sale_alert / a_sale_alert - 0.5 * t_in_aisle_offer / a_in_aisle_offer - 0.5 * t_overheard_coffee_ad / a_overheard_coffee_ad))
  contrast_rows <- rbind(contrast_rows, data.frame(design = name, contrast = "sale_alert=1;in_aisle_offer=-0.5;overheard_coffee_ad=-0.5",
                                                   estimate = fmt(coef(ct)), se = fmt(SE(ct))))
  for (p in list(c("sale_alert", "overheard_coffee_ad"), c("birthday_offer", "retargeted_ad_unknown_brand"))) {
    dd <- update(dc, D = wide[[paste0("s_", p[1])]] - wide[[paste0("s_", p[2])]])
    m <- svymean(~D, dd, na.rm = TRUE)
    paired_rows <- rbind(paired_rows, data.frame(design = name, a = p[1], b = p[2], n = sum(!is.na(dd$variables$D)),
                                                 estimate = fmt(coef(m)), se = fmt(SE(m))))
  }
  # Groups by region: region is a cluster-level column and west has no cluster in stratum S5, so this also checks that a
  # calibrated design keeps the strata a domain does not reach.
  for (s in c("sale_alert", "in_aisle_offer")) {
    by <- svyby(as.formula(paste0("~s_", s)), ~region, dc, svymean, na.rm = TRUE)
    for (g in by$region) {
      ind <- as.numeric(wide$region == g)
      dg <- update(dc, tg = ind * wide[[paste0("t_", s)]], ag = ind * wide[[paste0("a_", s)]],
                   tr = (wide$region == "east") * wide[[paste0("t_", s)]], ar = (wide$region == "east") * wide[[paste0("a_", s)]])
      diff <- svycontrast(svytotal(~tg + ag + tr + ar, dg), quote(tg / ag - tr / ar))
      group_rows <- rbind(group_rows, data.frame(design = name, scenario = s, group = g, reference = "east",
                                                 n = sum(ind * wide[[paste0("a_", s)]]),
                                                 estimate = fmt(coef(by)[by$region == g]), se = fmt(SE(by)[by$region == g]),
                                                 difference = fmt(coef(diff)), difference_se = fmt(SE(diff))))
    }
  }
}
write_expected(contrast_rows, "contrasts", calls,
  "svycontrast(svytotal(~t_a + t_b + t_c + a_a + a_b + a_c, design), quote(t_a / a_a - 0.5 * t_b / a_b - 0.5 * t_c / a_c)); t = score or 0, a = answered")
write_expected(paired_rows, "paired", calls, "svymean(~D, update(design, D = s_a - s_b), na.rm = TRUE)  # over those who rated both")
write_expected(group_rows, "groups", calls,
  "estimate, se: svyby(~s_SCENARIO, ~region, design, svymean, na.rm = TRUE)",
  "difference, difference_se: svycontrast(svytotal(~tg + ag + tr + ar, design), quote(tg / ag - tr / ar)); g = group, r = reference (east)")

# ---- lonely PSUs: cluster S5-C01 alone in a stratum S6 -----------------------------------------------------------
lonely_long <- long
lonely_long$stratum_lonely <- ifelse(lonely_long$cluster == "S5-C01", "S6", lonely_long$stratum)
write.csv(lonely_long, "data/calibration/lonely-psu-survey.csv", row.names = FALSE, quote = FALSE, na = "")
wide$stratum_lonely <- ifelse(wide$cluster == "S5-C01", "S6", wide$stratum)
lonely_rows <- NULL
for (rule in c("certainty", "average", "adjust")) {
  options(survey.lonely.psu = rule)
  dl <- svydesign(ids = ~cluster, strata = ~stratum_lonely, weights = ~weight, data = wide, nest = TRUE)
  for (name in c("rake", "linear")) {
    dc <- if (name == "rake") rake(dl, list(~age_band, ~gender, ~region), list(age, gender, region), control = tight) else calibrate(dl, model, pop)
    for (s in c("sale_alert", "birthday_offer")) {
      m <- svymean(as.formula(paste0("~s_", s)), dc, na.rm = TRUE)
      lonely_rows <- rbind(lonely_rows, data.frame(rule = rule, design = name, scenario = s, estimate = fmt(coef(m)), se = fmt(SE(m))))
    }
    by <- svyby(~s_birthday_offer, ~region, dc, svymean, na.rm = TRUE)
    lonely_rows <- rbind(lonely_rows, data.frame(rule = rule, design = name, scenario = paste0("birthday_offer@", by$region),
                                                 estimate = fmt(coef(by)), se = fmt(SE(by))))
  }
}
options(survey.lonely.psu = "fail")
write_expected(lonely_rows, "lonely-psu",
  "options(survey.lonely.psu = RULE); dl <- svydesign(ids = ~cluster, strata = ~stratum_lonely, weights = ~weight, data = wide, nest = TRUE)",
  "stratum_lonely = stratum, but cluster S5-C01 alone in stratum S6 (data/calibration/lonely-psu-survey.csv)",
  "rake = rake(dl, list(~age_band, ~gender, ~region), list(age, gender, region), control = list(maxit = 100, epsilon = 1e-10)); linear = calibrate(dl, ~age_band + gender + region, pop)",
  "svymean(~s_SCENARIO, design, na.rm = TRUE); scenario@group: svyby(~s_birthday_offer, ~region, design, svymean, na.rm = TRUE)")

# ---- the bootstrap with every replicate raked again ----------------------------------------------------------
# The C# engine resamples n_h of the n_h PSUs of every stratum with replacement, gives each respondent the weight
# (times drawn) x (design weight), rakes those weights to the margins, and takes the weighted net scores. boot() does the
# same on the PSUs with strata = their stratum; the statistic rakes the resampled respondents. survey::rake takes about
# 0.1 s a replicate, so the statistic rakes with the same iterative proportional fitting written on vectors (checked
# equal to survey::rake on the full sample and on resampled data), which allows B = 20,000.
margin_columns <- list(age_band = age, gender = gender, region = region)
ipf <- function(w, data, epsilon = 1e-10, maxit = 100) {
  levels <- lapply(names(margin_columns), function(v) match(data[[v]], margin_columns[[v]][[v]]))
  cross <- interaction(lapply(names(margin_columns), function(v) data[[v]]), drop = TRUE)
  old <- rowsum(w, cross)
  for (pass in 1:maxit) {
    for (k in seq_along(levels)) w <- w * (margin_columns[[k]]$Freq / rowsum(w, levels[[k]], reorder = TRUE))[levels[[k]]]
    new <- rowsum(w, cross)
    if (max(abs(new - old)) < epsilon * sum(data$weight)) return(as.vector(w))
    old <- new
  }
  stop("raking did not converge")
}
check_ipf <- function(data) {
  dd <- rake(svydesign(ids = ~1, weights = ~weight, data = data), list(~age_band, ~gender, ~region), list(age, gender, region), control = tight)
  stopifnot(isTRUE(all.equal(unname(weights(dd)), ipf(data$weight, data), tolerance = 1e-12)))
}
check_ipf(wide)
wide$raked_weight <- weights(designs$rake)
psus <- unique(wide[, c("stratum", "cluster")])
members <- split(seq_len(nrow(wide)), factor(wide$cluster, levels = psus$cluster))
resampled <- function(i) wide[unlist(members[i], use.names = FALSE), ]
set.seed(1); check_ipf(resampled(sample(nrow(psus), replace = TRUE)))
statistic <- function(p, i) {
  sample <- resampled(i)
  # A replicate in which nobody of some margin level is drawn cannot be raked (R's rake stops; so does nethelp).
  if (any(sapply(names(margin_columns), function(v) !all(margin_columns[[v]][[v]] %in% sample[[v]])))) return(rep(NA_real_, 2 * length(scenarios)))
  raked <- ipf(sample$weight, sample)
  sapply(scenarios, function(s) {
    a <- sample[[paste0("a_", s)]]
    c(sum(raked * a * sample[[paste0("t_", s)]]) / sum(raked * a), sum(sample$raked_weight * a * sample[[paste0("t_", s)]]) / sum(sample$raked_weight * a))
  })
}
# Region is a cluster-level column with few clusters per stratum: a replicate misses all clusters of one region with
# probability about 4e-5 (south), which cannot be raked. The seed is the first from 20261213 on with no such replicate.
B <- 20000
seed <- 20261213
repeat {
  set.seed(seed)
  b <- boot(psus, statistic, R = B, strata = factor(psus$stratum))
  if (!anyNA(b$t)) break
  seed <- seed + 1
}
boot_rows <- do.call(rbind, lapply(seq_along(scenarios), function(j) {
  raked <- 2 * j - 1
  ci <- boot.ci(b, type = "perc", index = raked)$percent[4:5]
  data.frame(scenario = scenarios[j], estimate = fmt(b$t0[raked]), se = fmt(sd(b$t[, raked])), ci_low = fmt(ci[1]), ci_high = fmt(ci[2]),
             se_raked_once = fmt(sd(b$t[, raked + 1])), replicates = B)
}))
write_expected(boot_rows, "bootstrap-rake-mc",
  paste0("set.seed(", seed, "); b <- boot(psus, statistic, R = 20000, strata = factor(psus$stratum))  # psus = the 44 clusters with their strata; the first seed from 20261213 on in which every replicate can be raked"),
  "statistic(p, i): the respondents of clusters i (a cluster drawn twice counts twice), their design weights raked to the margins (iterative proportional fitting to epsilon = 1e-10, as rake(control = list(maxit = 100, epsilon = 1e-10)); checked equal to survey::rake), then sum(w a t) / sum(w a) per scenario",
  "se = sd(b$t[, j]); ci = boot.ci(b, type = 'perc', index = j); se_raked_once = the same replicates with the full sample's raked weights, not raked again")

cat("wrote data/calibration/ and expected/calibration/ (", passes, " passes of the default rake)\n", sep = "")
