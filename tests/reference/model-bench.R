# The R side of the model side-by-side benchmark (issue 14): the same work as
#   nethelp model --input FILE --weight weight --strata country --scenarios CATALOGUE \
#                 --terms "relationship*tracking + country" [--outcome helpful] --format csv
# i.e. load the long file, join the catalogue's relationship and tracking by scenario, and fit the design-based linear
# model of the net score and the logistic model of helpful on the stacked ratings (each respondent its own PSU,
# strata = country, weights), with the sandwich standard errors (svyglm) and the Wald tests of the terms (regTermTest).
#
# Run from the repository root:   Rscript tests/reference/model-bench.R FILE CATALOGUE [linear|logit|both]
# (R 4.2, survey 4.1 from Debian's packages). tests/NetHelpfulness.Benchmarks/side-by-side-model.sh writes the files
# (the scaling benchmark's synthetic file and a catalogue covering every relationship x tracking cell) and times both.

suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]
catalogue <- read.csv(args[2], colClasses = "character")
which <- if (length(args) >= 3) args[3] else "both"

clock <- proc.time()
long <- read.csv(path, colClasses = c(respondent_id = "character", country = "character", weight = "numeric",
                                      scenario = "character", rating = "integer"))
long <- long[!is.na(long$rating), ]
row <- match(long$scenario, catalogue$id)
long$relationship <- factor(catalogue$relationship[row], levels = c("none", "established"))
long$tracking <- factor(catalogue$tracking[row], levels = c("none", sort(setdiff(unique(catalogue$tracking), "none"), method = "radix")))
long$country <- factor(long$country, levels = sort(unique(long$country), method = "radix"))
long$net <- ifelse(long$rating >= 4, 1, ifelse(long$rating <= 2, -1, 0))
long$helpful <- as.numeric(long$net == 1)
design <- svydesign(ids = ~respondent_id, strata = ~country, weights = ~weight, data = long, nest = TRUE)
loaded <- proc.time() - clock

fit <- function(formula, ...) {
  clock <- proc.time()
  m <- svyglm(formula, design, ...)
  tests <- sapply(attr(terms(m), "term.labels"), function(t) regTermTest(m, as.formula(paste("~", t)))$p)
  list(model = m, tests = tests, seconds = (proc.time() - clock)[["elapsed"]])
}
out <- list()
if (which %in% c("linear", "both")) out$linear <- fit(net ~ relationship * tracking + country)
if (which %in% c("logit", "both")) out$logit <- fit(helpful ~ relationship * tracking + country, family = quasibinomial())
cat(sprintf("rows %d; load + design %.1f s; %s\n", nrow(long), loaded[["elapsed"]],
            paste(sprintf("%s fit %.1f s", names(out), sapply(out, function(o) o$seconds)), collapse = "; ")))
for (name in names(out)) {
  m <- out[[name]]$model
  write.csv(data.frame(model = name, term = names(coef(m)), estimate = sprintf("%.17g", coef(m)), se = sprintf("%.17g", SE(m))),
            row.names = FALSE, quote = FALSE)
}
