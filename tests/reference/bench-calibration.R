# The R side of the calibration side-by-side benchmark (issue 13): rake a large survey on 3 variables and the net
# scores' SEs under the raked design, the same work as
#   nethelp score --input FILE --layout wide --scenario-prefix q_ --weight weight --strata stratum \
#                 --calibrate MARGINS --calibration rake --format csv
#
# Run from the repository root (R 4.2, survey 4.1 from Debian's packages):
#   Rscript tests/reference/bench-calibration.R write FILE MARGINS [respondents = 1e6]   # the SYNTHETIC test file, once
#   Rscript tests/reference/bench-calibration.R run FILE MARGINS                        # rake + svymean, timed
# tests/NetHelpfulness.Benchmarks/calibration-side-by-side.sh runs both sides.

suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]; path <- args[2]; margins_path <- args[3]
ages <- c("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
regions <- sprintf("R%02d", 1:12)

if (mode == "write") {
  # SYNTHETIC: 1e6 respondents in 20 strata, 6 age bands x 2 genders x 12 regions, log-normal design weights, and
  # three scenarios rated 1-5 (2% skipped) whose ratings depend on age and gender, so that raking moves them.
  n <- if (length(args) >= 4) as.integer(args[4]) else 1000000L
  set.seed(20261213)
  age <- sample(ages, n, replace = TRUE, prob = c(0.14, 0.2, 0.2, 0.18, 0.16, 0.12))
  gender <- sample(c("female", "male"), n, replace = TRUE, prob = c(0.45, 0.55))
  region <- sample(regions, n, replace = TRUE, prob = 12:1)
  attitude <- rnorm(n) + 0.25 * (match(age, ages) - 3.5) / 2.5 - 0.2 * (gender == "male")
  rating <- function(shift) { r <- as.integer(cut(shift + attitude + rnorm(n), c(-Inf, -1.2, -0.4, 0.3, 1.1, Inf))); r[runif(n) < 0.02] <- NA; r }
  survey <- data.frame(respondent_id = sprintf("b%07d", seq_len(n)), stratum = sprintf("S%02d", 1 + (seq_len(n) %% 20)),
                       age_band = age, gender = gender, region = region, weight = round(exp(rnorm(n, 0, 0.4)), 4),
                       q_sale_alert = rating(0.9), q_in_aisle_offer = rating(0.4), q_overheard_coffee_ad = rating(-0.6))
  write.csv(survey, path, row.names = FALSE, quote = FALSE, na = "")
  N <- 5e7  # ILLUSTRATIVE population
  margins <- rbind(data.frame(variable = "age_band", level = ages, total = N * c(0.11, 0.16, 0.17, 0.18, 0.18, 0.20)),
                   data.frame(variable = "gender", level = c("female", "male"), total = N * c(0.51, 0.49)),
                   data.frame(variable = "region", level = regions, total = N / 12))
  write.csv(margins, margins_path, row.names = FALSE, quote = FALSE)
  quit(save = "no")
}

timing <- function(label, expr) {
  t <- system.time(value <- force(expr))[["elapsed"]]
  message(sprintf("R %-34s %6.2f s", label, t))
  value
}
survey <- timing("read.csv", read.csv(path, colClasses = c(respondent_id = "character", stratum = "character", age_band = "character",
                                                          gender = "character", region = "character")))
margins <- read.csv(margins_path, colClasses = c(variable = "character", level = "character"))
population <- lapply(c("age_band", "gender", "region"), function(v) {
  m <- margins[margins$variable == v, ]
  setNames(data.frame(m$level, m$total), c(v, "Freq"))
})
scenarios <- sub("^q_", "", grep("^q_", names(survey), value = TRUE))
for (s in scenarios) {
  r <- survey[[paste0("q_", s)]]
  survey[[paste0("s_", s)]] <- ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
}
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = survey)
raked <- timing("rake (3 variables, default control)", rake(design, list(~age_band, ~gender, ~region), population))
out <- timing("svymean + SE of each scenario", do.call(rbind, lapply(scenarios, function(s) {
  m <- svymean(as.formula(paste0("~s_", s)), raked, na.rm = TRUE)
  data.frame(scenario = s, net = sprintf("%.17g", coef(m)), se = sprintf("%.17g", SE(m)))
})))
write.csv(out, row.names = FALSE, quote = FALSE)
