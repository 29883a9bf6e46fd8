# Reference values for banner tables (issue 15: `nethelp banner`, Banner.Compute).
#
# Reads the synthetic test survey data/design-survey.csv (written by contrast-reference.R: 5 strata, clusters nested
# in strata, weights, about 7% skipped answers on four of the six scenarios, and the banner columns age_band, gender,
# country, region and panel_note, whose empty values are the "(unknown)" level) and writes what R's survey package
# computes on it (expected/banner/*.csv). Nothing here runs in CI.
#
# Run from this folder:   Rscript banner-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).
#
# Each cell is a domain of the whole design: the respondents of one level who answered the scenario. svyby(...,
# covmat = TRUE) fails with na.rm = TRUE, so the design is first restricted to the respondents who answered,
# subset(d, !is.na(s)), which keeps every stratum's PSU count of the full design (fpc$sampsize), as domain estimation
# needs; svyby then takes each level of that subset as a domain.
#
# The test of two columns a, b of one variable in one scenario: z = (net_a - net_b) / SE, with
# SE^2 = V_aa + V_bb - 2 V_ab from vcov(svyby(..., covmat = TRUE)); p = 2 * pnorm(-|z|). The family adjusted together
# is every pair of the variable's tested columns (cells with at least min_cell respondents who answered) in that
# scenario: p.adjust(p, method) over those pairs. A column is "greater than" another when its net score is higher and
# the adjusted p is below alpha = 0.05.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"))
dir.create("expected/banner", showWarnings = FALSE)
write_expected <- function(df, name, ...) {
  out <- file.path("expected/banner", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE, na = ""))
}

long <- read.csv("data/design-survey.csv", stringsAsFactors = FALSE, colClasses = c(rating = "integer"))
scenarios <- unique(long$scenario)
variables <- c("age_band", "gender", "country", "region", "panel_note")
resp <- long[!duplicated(long$respondent_id),
             c("respondent_id", "stratum", "cluster", "weight", variables)]
score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
for (j in seq_along(scenarios)) {
  rows <- long[long$scenario == scenarios[j], ]
  s <- score(rows$rating[match(resp$respondent_id, rows$respondent_id)])
  resp[[paste0("s", j)]] <- s
  resp[[paste0("h", j)]] <- as.numeric(s == 1)
  resp[[paste0("c", j)]] <- as.numeric(s == -1)
}
# Empty values of a banner column are their own level, "(unknown)", placed after the others.
for (v in variables) resp[[v]][resp[[v]] == ""] <- "(unknown)"
level_order <- function(v) {
  known <- sort(unique(resp[[v]][resp[[v]] != "(unknown)"]), method = "radix")  # ordinal (C-locale) order
  c(known, if (any(resp[[v]] == "(unknown)")) "(unknown)")
}
letter_of <- function(k) LETTERS[k]

d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = resp, nest = TRUE)
z <- qnorm(0.975)
kish <- function(w) sum(w)^2 / sum(w^2)

cells <- NULL
domains <- list()
for (j in seq_along(scenarios)) {
  s <- paste0("s", j)
  answered <- !is.na(resp[[s]])
  ds <- d[answered, ]
  total <- svymean(as.formula(paste0("~", s)), ds)
  cells <- rbind(cells, data.frame(
    scenario = scenarios[j], variable = "(total)", level = "Total", letter = "", n = sum(answered),
    effective_n = fmt(kish(resp$weight[answered])), net = fmt(coef(total)), se = fmt(SE(total)),
    ci_low = fmt(coef(total) - z * SE(total)), ci_high = fmt(coef(total) + z * SE(total)),
    helpful = fmt(coef(svymean(as.formula(paste0("~h", j)), ds))),
    creepy = fmt(coef(svymean(as.formula(paste0("~c", j)), ds))), stringsAsFactors = FALSE))
  for (v in variables) {
    levels <- level_order(v)
    by <- svyby(as.formula(paste0("~", s)), as.formula(paste0("~", v)), ds, svymean, covmat = TRUE)
    helpful <- svyby(as.formula(paste0("~h", j)), as.formula(paste0("~", v)), ds, svymean)
    creepy <- svyby(as.formula(paste0("~c", j)), as.formula(paste0("~", v)), ds, svymean)
    key <- as.character(by[[v]])
    est <- setNames(coef(by), key)[levels]
    V <- vcov(by)
    dimnames(V) <- list(key, key)
    V <- V[levels, levels]
    n <- sapply(levels, function(l) sum(answered & resp[[v]] == l))
    domains[[paste(scenarios[j], v)]] <- list(levels = levels, est = est, V = V, n = n)
    for (k in seq_along(levels)) {
      l <- levels[k]
      inside <- answered & resp[[v]] == l
      se <- sqrt(V[l, l])
      cells <- rbind(cells, data.frame(
        scenario = scenarios[j], variable = v, level = l, letter = letter_of(k), n = sum(inside),
        effective_n = fmt(kish(resp$weight[inside])), net = fmt(est[[l]]), se = fmt(se),
        ci_low = fmt(est[[l]] - z * se), ci_high = fmt(est[[l]] + z * se),
        helpful = fmt(setNames(coef(helpful), as.character(helpful[[v]]))[[l]]),
        creepy = fmt(setNames(coef(creepy), as.character(creepy[[v]]))[[l]]), stringsAsFactors = FALSE))
    }
  }
}
write_expected(cells, "cells",
  "d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = resp, nest = TRUE); ds <- d[!is.na(s), ]",
  "Total: svymean(~s, ds); a level: svyby(~s, ~variable, ds, svymean, covmat = TRUE), SE = sqrt(diag(vcov(.)))",
  "helpful, creepy: svyby(~I(s == 1), ~variable, ds, svymean), svyby(~I(s == -1), ...); CI = net -/+ qnorm(0.975) * SE",
  "effective_n = (sum w)^2 / sum w^2 over the cell (Kish); letters A, B, ... in level order (ordinal, '(unknown)' last)")

# Pairwise tests and letters, for two minimum cell sizes: 30 (the default; nothing is suppressed on this file) and
# 65 (FR and some region and panel_note cells are suppressed, so the families shrink scenario by scenario).
for (min_cell in c(30, 65)) {
  pairs <- NULL
  letters <- NULL
  for (j in seq_along(scenarios)) {
    for (v in variables) {
      dom <- domains[[paste(scenarios[j], v)]]
      tested <- dom$levels[dom$n >= min_cell]
      fam <- NULL
      if (length(tested) >= 2) {
        for (a in seq_along(tested)) for (b in seq_along(tested)) if (a < b) {
          la <- tested[a]; lb <- tested[b]
          diff <- dom$est[[la]] - dom$est[[lb]]
          se <- sqrt(dom$V[la, la] + dom$V[lb, lb] - 2 * dom$V[la, lb])
          fam <- rbind(fam, data.frame(a = la, b = lb, difference = diff, se = se, p = 2 * pnorm(-abs(diff / se)),
                                       stringsAsFactors = FALSE))
        }
        fam$p_holm <- p.adjust(fam$p, "holm")
        fam$p_bonferroni <- p.adjust(fam$p, "bonferroni")
        fam$p_bh <- p.adjust(fam$p, "BH")
        pairs <- rbind(pairs, data.frame(scenario = scenarios[j], variable = v, a = fam$a, b = fam$b,
          difference = fmt(fam$difference), se = fmt(fam$se), p = fmt(fam$p), p_holm = fmt(fam$p_holm),
          p_bonferroni = fmt(fam$p_bonferroni), p_bh = fmt(fam$p_bh), stringsAsFactors = FALSE))
      }
      above <- function(column) {
        sapply(dom$levels, function(l) {
          if (is.null(fam)) return("")
          beaten <- c(fam$b[fam$a == l & fam[[column]] < 0.05 & fam$difference > 0],
                      fam$a[fam$b == l & fam[[column]] < 0.05 & fam$difference < 0])
          paste(letter_of(sort(match(beaten, dom$levels))), collapse = "")
        })
      }
      letters <- rbind(letters, data.frame(scenario = scenarios[j], variable = v, level = dom$levels,
        letter = letter_of(seq_along(dom$levels)), n = dom$n, suppressed = ifelse(dom$n < min_cell, "yes", "no"),
        greater_than_none = above("p"), greater_than_holm = above("p_holm"),
        greater_than_bonferroni = above("p_bonferroni"), greater_than_bh = above("p_bh"), stringsAsFactors = FALSE))
    }
  }
  write_expected(pairs, paste0("pairs-min-cell-", min_cell),
    "every pair a < b (level order) of a variable's tested columns (n >= min_cell) in a scenario, from svyby(~s, ~variable, ds, svymean, covmat = TRUE):",
    "difference = net_a - net_b; se = sqrt(V[a,a] + V[b,b] - 2 V[a,b]), V = vcov(.); p = 2 * pnorm(-abs(difference / se))",
    "p_holm, p_bonferroni, p_bh = p.adjust(p, 'holm' | 'bonferroni' | 'BH') over the pairs of that scenario and variable",
    paste0("min_cell = ", min_cell))
  write_expected(letters, paste0("letters-min-cell-", min_cell),
    "greater_than_<adjust>: letters of the columns of the same variable this one is significantly above (adjusted p < 0.05, net higher)",
    "none = unadjusted p; holm, bonferroni, bh = p.adjust over the scenario's pairs of that variable (pairs-min-cell-*.csv)",
    paste0("min_cell = ", min_cell, "; suppressed = fewer than min_cell respondents answered (never tested)"))
}

cat("wrote expected/banner/ (", nrow(cells), " cells)\n", sep = "")
