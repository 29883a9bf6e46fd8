# The R side of the side-by-side benchmarks (issues 7 and 17), whole process against whole process: the same work as
#   linearized:  nethelp score   --input FILE --weight weight --strata country --format csv
#   bootstrap:   nethelp score   --input FILE --weight weight --strata country --ci bootstrap-percentile --replicates B
#   contrast:    nethelp compare --input FILE --weight weight --strata country --contrast "A=1,B=-0.5,C=-0.5" --format json
# i.e. load the long survey file, the design (each respondent its own PSU, strata = country, weights), and then
#   linearized:  svymean(na.rm = TRUE) of every scenario's net score;
#   bootstrap:   that, and a stratified bootstrap (respondents resampled within countries, weights kept) with B
#                replicates of all 10 scenarios, percentile intervals (boot + boot.ci(type = "perc"));
#   contrast:    the contrast of the three scenarios' net scores (domain means as ratios of totals, svycontrast).
#
# Run from the repository root:  Rscript tests/reference/bench.R MODE [FILE = data/synthetic/survey.csv] [B = 10000]
#                                (contrast: Rscript tests/reference/bench.R contrast FILE A B C)
# (R 4.2, survey 4.1, boot from Debian's packages). tests/NetHelpfulness.Benchmarks/side-by-side.sh times both sides.

suppressPackageStartupMessages({ library(survey); library(boot) })
args <- commandArgs(trailingOnly = TRUE)
mode <- if (length(args) >= 1) args[1] else "bootstrap"
path <- if (length(args) >= 2) args[2] else "data/synthetic/survey.csv"
stopifnot(mode %in% c("linearized", "bootstrap", "contrast"))
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
fmt <- function(x) sprintf("%.17g", x)

if (mode == "contrast") {
  # net_k = total(s_k answered_k) / total(answered_k); the contrast of the three by svycontrast on the totals.
  pick <- args[3:5]
  for (k in seq_along(pick)) {
    s <- wide[[paste0("s.", pick[k])]]
    wide[[paste0("y", k)]] <- ifelse(is.na(s), 0, s)
    wide[[paste0("a", k)]] <- as.numeric(!is.na(s))
  }
  design <- svydesign(ids = ~1, strata = ~country, weights = ~weight, data = wide)
  totals <- svytotal(~y1 + a1 + y2 + a2 + y3 + a3, design)
  con <- svycontrast(totals, quote(y1 / a1 - 0.5 * y2 / a2 - 0.5 * y3 / a3))
  write.csv(data.frame(estimate = fmt(coef(con)), se = fmt(SE(con))), row.names = FALSE, quote = FALSE)
  quit(save = "no")
}

# Linearized, as svymean(na.rm = TRUE) per scenario.
design <- svydesign(ids = ~1, strata = ~country, weights = ~weight, data = wide)
lin <- t(sapply(cols, function(col) { m <- svymean(as.formula(paste0("~", col)), design, na.rm = TRUE); c(coef(m), SE(m)) }))
if (mode == "linearized") {
  write.csv(data.frame(scenario = sub("^s\\.", "", cols), net = fmt(lin[, 1]), se = fmt(lin[, 2])), row.names = FALSE, quote = FALSE)
  quit(save = "no")
}

# Stratified bootstrap of the weighted net score of every scenario; skipped ratings drop out of that scenario only.
B <- if (length(args) >= 3) as.integer(args[3]) else 10000L
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
