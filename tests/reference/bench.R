# The R side of the side-by-side benchmark (issue 7): the same work as
#   nethelp score --input data/synthetic/survey.csv --weight weight --strata country \
#                 --ci bootstrap-percentile --replicates 10000 --format csv
# i.e. load the survey, the linearized net score of every scenario, and a stratified bootstrap (respondents
# resampled within countries, weights kept) with B = 10,000 for all 10 scenarios, with percentile intervals.
#
# Run from the repository root:   Rscript tests/reference/bench.R [data/synthetic/survey.csv] [10000]
# (R 4.2, survey 4.1, boot from Debian's packages). tests/NetHelpfulness.Benchmarks/side-by-side.sh times both.

suppressPackageStartupMessages({ library(survey); library(boot) })
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) >= 1) args[1] else "data/synthetic/survey.csv"
B <- if (length(args) >= 2) as.integer(args[2]) else 10000L
set.seed(20261129)

long <- read.csv(path, colClasses = c(respondent_id = "character", country = "character", weight = "numeric",
                                      scenario = "character", rating = "integer"))
long$s <- ifelse(long$rating >= 4, 1, ifelse(long$rating <= 2, -1, 0))
# One row per respondent, one score column per scenario (NA where skipped), by index rather than reshape().
ids <- unique(long$respondent_id); row <- match(long$respondent_id, ids)
scenarios <- unique(long$scenario); column <- match(long$scenario, scenarios)
S <- matrix(NA_real_, length(ids), length(scenarios)); S[cbind(row, column)] <- long$s
first <- match(seq_along(ids), row)
wide <- data.frame(respondent_id = ids, country = long$country[first], weight = long$weight[first])
cols <- paste0("s.", scenarios)
wide[cols] <- S

# Linearized, as svymean(na.rm = TRUE) per scenario.
design <- svydesign(ids = ~1, strata = ~country, weights = ~weight, data = wide)
lin <- t(sapply(cols, function(col) { m <- svymean(as.formula(paste0("~", col)), design, na.rm = TRUE); c(coef(m), SE(m)) }))

# Stratified bootstrap of the weighted net score of every scenario; skipped ratings drop out of that scenario only.
answered <- !is.na(S); S[!answered] <- 0; W <- wide$weight
statistic <- function(d, i) {
  wa <- W[i] * answered[i, , drop = FALSE]
  colSums(wa * S[i, , drop = FALSE]) / colSums(wa)
}
b <- boot(seq_len(nrow(S)), statistic, R = B, strata = factor(wide$country))
ci <- t(sapply(seq_along(cols), function(j) boot.ci(b, type = "perc", index = j)$percent[4:5]))
out <- data.frame(scenario = sub("^s\\.", "", cols), net = lin[, 1], se_linearized = lin[, 2],
                  se_bootstrap = apply(b$t, 2, sd), ci_low = ci[, 1], ci_high = ci[, 2])
write.csv(out, row.names = FALSE)
