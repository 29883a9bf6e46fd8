# Reference values for the rating distribution (issue 5: the spectrum figure's bars).
#
# Reads the test data written by net-score-reference.R (data/stratified-clustered-wide.csv) and writes what
# R's survey package computes: the weighted share of every scale point, and of the helpful (4-5) and creepy (1-2)
# ranges, with linearized SEs and 95% intervals (expected/rating-distribution-*.csv).
#
# Run from this folder:   Rscript rating-distribution-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
fmt <- function(x) sprintf("%.17g", x)
wide <- read.csv("data/stratified-clustered-wide.csv", stringsAsFactors = FALSE)
scenarios <- sub("^q_", "", grep("^q_", names(wide), value = TRUE))

one_case <- function(name, call_text, make_design) {
  rows <- list()
  for (s in scenarios) {
    r <- wide[[paste0("q_", s)]]
    data <- wide
    data$rating <- factor(r, levels = 1:5)
    data$helpful <- as.numeric(r >= 4 & r <= 5)
    data$creepy <- as.numeric(r >= 1 & r <= 2)
    design <- make_design(data)
    m <- svymean(~rating, design, na.rm = TRUE)
    ci <- confint(m, level = 0.95)
    for (k in 1:5) {
      rows[[length(rows) + 1]] <- data.frame(scenario = s, from = k, to = k, share = fmt(coef(m)[[k]]),
        se = fmt(SE(m)[[k]]), ci_low = fmt(ci[k, 1]), ci_high = fmt(ci[k, 2]))
    }
    for (range in list(list(4, 5, ~helpful), list(1, 2, ~creepy))) {
      m2 <- svymean(range[[3]], design, na.rm = TRUE)
      ci2 <- confint(m2, level = 0.95)
      rows[[length(rows) + 1]] <- data.frame(scenario = s, from = range[[1]], to = range[[2]], share = fmt(coef(m2)[[1]]),
        se = fmt(SE(m2)[[1]]), ci_low = fmt(ci2[1, 1]), ci_high = fmt(ci2[1, 2]))
    }
  }
  out <- paste0("expected/", name, ".csv")
  writeLines(c(paste0("# ", call_text), paste0("# ", R.version.string, "; survey ", packageVersion("survey"))), out)
  suppressWarnings(write.table(do.call(rbind, rows), out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

one_case("rating-distribution-weighted-strata-clusters",
  "svymean(~factor(rating, levels = 1:5), svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide), na.rm = TRUE) and svymean(~helpful) / svymean(~creepy) with helpful = rating in 4:5, creepy = rating in 1:2; confint(level = 0.95)",
  function(d) svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = d))
one_case("rating-distribution-unweighted",
  "svymean(~factor(rating, levels = 1:5), svydesign(ids = ~1, data = wide), na.rm = TRUE) and svymean(~helpful) / svymean(~creepy) with helpful = rating in 4:5, creepy = rating in 1:2; confint(level = 0.95)",
  function(d) suppressWarnings(svydesign(ids = ~1, data = d)))
cat("done\n")
