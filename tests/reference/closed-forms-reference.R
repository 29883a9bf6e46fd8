# Reference values for the closed-form parts of issue 4: the adjusted-Wald and Tango intervals of a
# net score, risk ratio / odds ratio / risk difference (closed forms and the design-based delta method),
# Holm and Benjamini-Hochberg adjusted p-values, two-sided normal p-values, and sample sizes.
#
# Writes test data (data/closed-forms/*.csv, synthetic) and what R computes on them
# (expected/closed-forms/*.csv). Every expected file opens with '#' lines: the R call or the formula
# written out in R, and the R and package versions. The C# tests read both; nothing here runs in CI.
#
# Run from this folder:   Rscript closed-forms-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
set.seed(20261204)

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0("# ", R.version.string, "; survey ", packageVersion("survey"))
out_dir <- "expected/closed-forms"
data_dir <- "data/closed-forms"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(data_dir, showWarnings = FALSE, recursive = TRUE)

write_expected <- function(name, header_lines, table) {
  path <- file.path(out_dir, name)
  writeLines(c(paste0("# ", header_lines), versions), path)
  suppressWarnings(write.table(table, path, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

# ==== 1. Net-score intervals =====================================================================
# Both take the helpful and creepy shares and a sample size n: the counts' n when the data are a simple
# random sample, else the design-based effective sample size n* = (ph + pc - net^2) / SE_lin^2.

# Adjusted Wald (Rocks 2016): pseudo-counts 3/4 helpful, 3/2 neutral, 3/4 creepy; n + 3.
adjusted_wald <- function(ph, pc, n, level) {
  z <- qnorm(1 - (1 - level) / 2)
  nt <- n + 3
  ah <- (ph * n + 0.75) / nt
  ac <- (pc * n + 0.75) / nt
  anet <- ah - ac
  se <- sqrt((ah + ac - anet^2) / nt)
  c(se = se, low = max(-1, anet - z * se), high = min(1, anet + z * se))
}

# Tango (1998) score statistic for delta = p_helpful - p_creepy, the two "discordant cells" being the
# helpful and the creepy answers; qc is the restricted maximum-likelihood estimate of p_creepy given delta
# (the positive root of A q^2 + B q + C = 0, from the trinomial likelihood with p_helpful = q + delta).
tango_z <- function(delta, ph, pc, n) {
  A <- 2
  B <- -ph - pc + (2 - ph + pc) * delta
  C <- -pc * delta * (1 - delta)
  # The discriminant is >= 0 in exact arithmetic (the restricted MLE exists); clamp rounding below 0.
  qc <- (sqrt(max(0, B^2 - 4 * A * C)) - B) / (2 * A)
  sqrt(n) * (ph - pc - delta) / sqrt(2 * qc + delta * (1 - delta))
}

# The interval is {delta : |Z(delta)| <= z}; Z falls from 0 at the estimate towards -Inf at 1 (+Inf at -1),
# so each limit is the root of Z = -z on [net, 1] and of Z = z on [-1, net]. The endpoint values passed to
# uniroot are the known limits (Z(net) = 0; a large value of the right sign at +-1, where Z is infinite).
tango <- function(ph, pc, n, level) {
  z <- qnorm(1 - (1 - level) / 2)
  net <- ph - pc
  upper <- if (ph == 1) 1 else uniroot(function(d) tango_z(d, ph, pc, n) + z, c(net, 1),
                                       f.lower = z, f.upper = -1e300, tol = 1e-15, maxiter = 10000)$root
  lower <- if (pc == 1) -1 else uniroot(function(d) tango_z(d, ph, pc, n) - z, c(-1, net),
                                        f.lower = 1e300, f.upper = -z, tol = 1e-15, maxiter = 10000)$root
  stopifnot(upper == 1 || abs(tango_z(upper, ph, pc, n) + z) < 1e-6,
            lower == -1 || abs(tango_z(lower, ph, pc, n) - z) < 1e-6)
  c(low = lower, high = upper)
}

# ---- 1a. from counts (simple random samples), including the edge cases --------------------------
cases <- data.frame(
  case = c("typical", "published_low", "n1_helpful", "n1_creepy", "n1_neutral", "all_helpful",
           "all_creepy", "all_neutral", "no_helpful", "no_creepy", "small", "large", "level90", "level99",
           "n2_helpful"),
  helpful = c(68, 26, 1, 0, 0, 50, 0, 0, 0, 5, 3, 7820, 40, 40, 2),
  neutral = c(21, 21, 0, 0, 1, 0, 0, 10, 5, 5, 2, 2415, 35, 35, 0),
  creepy = c(11, 53, 0, 1, 0, 0, 20, 0, 5, 0, 2, 1265, 25, 25, 0),
  level = c(0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.90, 0.99, 0.95))
rows <- lapply(seq_len(nrow(cases)), function(i) {
  k <- cases[i, ]
  n <- k$helpful + k$neutral + k$creepy
  ph <- k$helpful / n; pc <- k$creepy / n
  aw <- adjusted_wald(ph, pc, n, k$level)
  tg <- tango(ph, pc, n, k$level)
  data.frame(k, n = n, net = fmt(ph - pc), wald_se = fmt(sqrt((ph + pc - (ph - pc)^2) / n)),
             aw_se = fmt(aw[["se"]]), aw_ci_low = fmt(aw[["low"]]), aw_ci_high = fmt(aw[["high"]]),
             tango_ci_low = fmt(tg[["low"]]), tango_ci_high = fmt(tg[["high"]]))
})
write_expected("net-score-counts.csv", c(
  "Simple random samples (counts). z = qnorm(1 - (1 - level) / 2); ph = helpful / n; pc = creepy / n.",
  "adjusted Wald (Rocks 2016): nt = n + 3; ah = (helpful + 0.75) / nt; ac = (creepy + 0.75) / nt; anet = ah - ac;",
  "  aw_se = sqrt((ah + ac - anet^2) / nt); ci = [max(-1, anet - z * aw_se), min(1, anet + z * aw_se)]",
  "Tango (1998): Z(d) = sqrt(n) (ph - pc - d) / sqrt(2 qc + d (1 - d)), qc = (sqrt(B^2 - 4 A C) - B) / (2 A),",
  "  A = 2, B = -ph - pc + (2 - ph + pc) d, C = -pc d (1 - d) (B^2 - 4AC clamped at 0); upper = uniroot(Z(d) + z, c(net, 1), tol = 1e-15)",
  "  (1 when ph = 1), lower = uniroot(Z(d) - z, c(-1, net), tol = 1e-15) (-1 when pc = 1)",
  "wald_se = sqrt((ph + pc - net^2) / n) (reported as se by the Tango method)"), do.call(rbind, rows))

# ---- 1b. survey designs (synthetic ratings with weights, strata, clusters and skipped answers) ---
psu_per_stratum <- c(5, 8, 6, 10)
resp <- NULL
id <- 0
for (h in seq_along(psu_per_stratum)) {
  for (j in seq_len(psu_per_stratum[h])) {
    size <- sample(3:8, 1)
    for (k in seq_len(size)) {
      id <- id + 1
      resp <- rbind(resp, data.frame(
        respondent_id = sprintf("r%04d", id), country = c("DE", "FR", "JP", "BR")[h],
        stratum = paste0("S", h), cluster = sprintf("S%d-P%02d", h, j),
        weight = round(exp(rnorm(1, 0, 0.5)) * c(1, 2, 0.5, 1.5)[h], 6), stringsAsFactors = FALSE))
    }
  }
}
n <- nrow(resp)
attitude <- rnorm(n)
scenarios <- c("alpha", "beta", "gamma", "unanimous")
centre <- c(alpha = 0.7, beta = 0, gamma = -0.6)
ratings <- sapply(scenarios, function(s) {
  if (s == "unanimous") return(sample(4:5, n, replace = TRUE))   # everyone who answers finds it helpful
  latent <- centre[[s]] + 0.6 * attitude + rnorm(n, 0, 0.9)
  as.integer(cut(latent, c(-Inf, -1.2, -0.4, 0.3, 1.1, Inf)))
})
ratings[matrix(runif(n * length(scenarios)) < 0.05, n)] <- NA
long <- do.call(rbind, lapply(seq_along(scenarios), function(j)
  data.frame(resp, scenario = scenarios[j], rating = ratings[, j], stringsAsFactors = FALSE)))
long <- long[order(long$respondent_id, long$scenario), ]
write.csv(long[, c("respondent_id", "country", "weight", "stratum", "cluster", "scenario", "rating")],
          file.path(data_dir, "ratings-design.csv"), row.names = FALSE, na = "", quote = FALSE)

wide <- resp
score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
for (j in seq_along(scenarios)) wide[[paste0("s_", scenarios[j])]] <- score(ratings[, j])

designs <- list(
  "weighted-strata-clusters" = list(call = "svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide)",
                                    d = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide), weighted = TRUE),
  "weighted" = list(call = "svydesign(ids = ~1, weights = ~weight, data = wide)",
                    d = svydesign(ids = ~1, weights = ~weight, data = wide), weighted = TRUE),
  "unweighted-clusters" = list(call = "svydesign(ids = ~cluster, data = wide)",
                               d = suppressWarnings(svydesign(ids = ~cluster, data = wide)), weighted = FALSE))
rows <- list()
for (name in names(designs)) {
  dz <- designs[[name]]
  for (s in scenarios) {
    m <- svymean(as.formula(paste0("~s_", s)), dz$d, na.rm = TRUE)
    sv <- wide[[paste0("s_", s)]]; ok <- !is.na(sv)
    w <- if (dz$weighted) wide$weight[ok] else rep(1, sum(ok))
    ph <- sum(w[sv[ok] == 1]) / sum(w); pc <- sum(w[sv[ok] == -1]) / sum(w)
    net <- coef(m)[[1]]; se <- SE(m)[[1]]
    v <- ph + pc - net^2
    kish <- sum(w)^2 / sum(w^2)
    nstar <- if (se > 0 && v > 0) v / se^2 else kish
    aw <- adjusted_wald(ph, pc, nstar, 0.95)
    tg <- tango(ph, pc, nstar, 0.95)
    rows[[length(rows) + 1]] <- data.frame(design = name, scenario = s, method = "adjusted-wald", n = sum(ok),
      helpful = fmt(ph), creepy = fmt(pc), net = fmt(net), se = fmt(aw[["se"]]),
      ci_low = fmt(aw[["low"]]), ci_high = fmt(aw[["high"]]), n_star = fmt(nstar))
    rows[[length(rows) + 1]] <- data.frame(design = name, scenario = s, method = "tango", n = sum(ok),
      helpful = fmt(ph), creepy = fmt(pc), net = fmt(net), se = fmt(se),
      ci_low = fmt(tg[["low"]]), ci_high = fmt(tg[["high"]]), n_star = fmt(nstar))
  }
}
write_expected("net-score-design.csv", c(
  "Designs (one row per respondent, data/closed-forms/ratings-design.csv made wide; s = +1/0/-1, NA when skipped):",
  paste0("  ", names(designs), ": ", sapply(designs, `[[`, "call")),
  "m = svymean(~s, design, na.rm = TRUE); net = coef(m); se_lin = SE(m); ph, pc = weighted shares among answers;",
  "n_star = (ph + pc - net^2) / se_lin^2, or Kish's sum(w)^2 / sum(w^2) when se_lin = 0;",
  "adjusted-wald and tango as in net-score-counts.csv with n = n_star, level 0.95; se = aw_se (adjusted-wald) or se_lin (tango)"),
  do.call(rbind, rows))

# ==== 2. Risk ratio, odds ratio, risk difference ===================================================
# Synthetic trust-study-like data: 0/1 signals and outcomes with weights, strata and clusters.
psu_per_stratum <- c(8, 12, 10)
trust <- NULL
id <- 0
for (h in seq_along(psu_per_stratum)) {
  for (j in seq_len(psu_per_stratum[h])) {
    size <- sample(6:14, 1)
    cluster_effect <- rnorm(1, 0, 0.3)
    for (k in seq_len(size)) {
      id <- id + 1
      th <- rbinom(1, 1, c(0.35, 0.45, 0.55)[h])
      rc <- rbinom(1, 1, 0.5)
      trust <- rbind(trust, data.frame(
        respondent_id = sprintf("t%04d", id), country = c("US", "GB", "IN")[h],
        weight = round(exp(rnorm(1, 0, 0.4)) * c(1.2, 0.8, 1)[h], 6),
        stratum = paste0("S", h), cluster = sprintf("S%d-C%02d", h, j),
        transparent_humane = th, reliable_capable = rc,
        shares_personal_info = rbinom(1, 1, plogis(-1.4 + 1.1 * th + cluster_effect)),
        more_value_than_expected = rbinom(1, 1, plogis(-0.9 + 0.7 * th + cluster_effect)),
        shares_digital_info = rbinom(1, 1, plogis(-1.0 + 0.6 * rc + cluster_effect)),
        stringsAsFactors = FALSE))
    }
  }
}
write.csv(trust, file.path(data_dir, "trust-design.csv"), row.names = FALSE, quote = FALSE)

pairs <- list(c("transparent_humane", "shares_personal_info"),
              c("transparent_humane", "more_value_than_expected"),
              c("reliable_capable", "shares_digital_info"))
p2 <- function(est, se) 2 * pnorm(-abs(est / se))

# ---- 2a. closed forms on counts: Katz (1978) log RR, Woolf (1955) logit OR, Wald RD ---------------
rows <- list()
for (pr in pairs) for (level in c(0.95, 0.90)) {
  x <- trust[[pr[1]]]; y <- trust[[pr[2]]]
  a <- sum(x == 1 & y == 1); b <- sum(x == 1 & y == 0); c <- sum(x == 0 & y == 1); d <- sum(x == 0 & y == 0)
  n1 <- a + b; n0 <- c + d; p1 <- a / n1; p0 <- c / n0
  z <- qnorm(1 - (1 - level) / 2)
  lrr <- log(p1 / p0); se_lrr <- sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
  lor <- log((a * d) / (b * c)); se_lor <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
  rd <- p1 - p0; se_rd <- sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
  # The same standard errors from saturated binomial GLMs (a check, to the GLM's convergence tolerance).
  g_log <- glm(y ~ x, family = binomial(link = "log"))
  g_logit <- glm(y ~ x, family = binomial(link = "logit"))
  g_id <- glm(y ~ x, family = binomial(link = "identity"))
  stopifnot(isTRUE(all.equal(sqrt(vcov(g_log)[2, 2]), se_lrr, tolerance = 1e-6)),
            isTRUE(all.equal(sqrt(vcov(g_logit)[2, 2]), se_lor, tolerance = 1e-6)),
            isTRUE(all.equal(sqrt(vcov(g_id)[2, 2]), se_rd, tolerance = 1e-6)))
  rows[[length(rows) + 1]] <- data.frame(exposure = pr[1], outcome = pr[2], level = level,
    a = a, b = b, c = c, d = d, risk_exposed = fmt(p1), risk_unexposed = fmt(p0),
    rr = fmt(exp(lrr)), rr_se = fmt(se_lrr), rr_ci_low = fmt(exp(lrr - z * se_lrr)), rr_ci_high = fmt(exp(lrr + z * se_lrr)), rr_p = fmt(p2(lrr, se_lrr)),
    or = fmt(exp(lor)), or_se = fmt(se_lor), or_ci_low = fmt(exp(lor - z * se_lor)), or_ci_high = fmt(exp(lor + z * se_lor)), or_p = fmt(p2(lor, se_lor)),
    rd = fmt(rd), rd_se = fmt(se_rd), rd_ci_low = fmt(rd - z * se_rd), rd_ci_high = fmt(rd + z * se_rd), rd_p = fmt(p2(rd, se_rd)))
}
write_expected("ratio-counts.csv", c(
  "Unweighted 2x2 tables from data/closed-forms/trust-design.csv: a = exposed & outcome, b = exposed & no outcome,",
  "c = unexposed & outcome, d = unexposed & no outcome; n1 = a + b; n0 = c + d; p1 = a / n1; p0 = c / n0; z = qnorm(1 - (1 - level) / 2)",
  "risk ratio (Katz 1978): se = sqrt(1/a - 1/n1 + 1/c - 1/n0) on log(p1/p0); ci = exp(log(rr) -/+ z se)",
  "odds ratio (Woolf 1955): se = sqrt(1/a + 1/b + 1/c + 1/d) on log(ad/bc); ci = exp(log(or) -/+ z se)",
  "risk difference (Wald): se = sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0); ci = rd -/+ z se",
  "*_se on the log scale for ratios; *_p = 2 * pnorm(-abs(estimate / se)) against no effect (log ratio 0, difference 0)",
  "checked in the script against glm(y ~ x, family = binomial(link = 'log' | 'logit' | 'identity')) standard errors"),
  do.call(rbind, rows))

# ---- 2b. design-based: delta method on svyby domain means -----------------------------------------
ratio_designs <- list(
  "weighted-strata-clusters" = "svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = trust)",
  "weighted-strata" = "svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = trust)",
  "weighted" = "svydesign(ids = ~1, weights = ~weight, data = trust)",
  "unweighted-strata-clusters" = "svydesign(ids = ~cluster, strata = ~stratum, data = trust)")
rows <- list()
for (name in names(ratio_designs)) {
  for (pr in pairs) {
    trust$exposure_group <- factor(trust[[pr[1]]], levels = c(0, 1), labels = c("unexposed", "exposed"))
    trust$y <- trust[[pr[2]]]
    des <- suppressWarnings(eval(parse(text = ratio_designs[[name]])))
    by <- svyby(~y, ~exposure_group, des, svymean, covmat = TRUE)
    lrr <- svycontrast(by, quote(log(exposed / unexposed)))
    lor <- svycontrast(by, quote(log(exposed / (1 - exposed)) - log(unexposed / (1 - unexposed))))
    rd <- svycontrast(by, quote(exposed - unexposed))
    z <- qnorm(0.975)
    e <- function(x) coef(x)[[1]]; s <- function(x) SE(x)[[1]]
    rows[[length(rows) + 1]] <- data.frame(design = name, exposure = pr[1], outcome = pr[2],
      n_exposed = sum(trust[[pr[1]]] == 1), n_unexposed = sum(trust[[pr[1]]] == 0),
      risk_exposed = fmt(coef(by)[["exposed"]]), risk_unexposed = fmt(coef(by)[["unexposed"]]),
      rr = fmt(exp(e(lrr))), rr_se = fmt(s(lrr)), rr_ci_low = fmt(exp(e(lrr) - z * s(lrr))), rr_ci_high = fmt(exp(e(lrr) + z * s(lrr))), rr_p = fmt(p2(e(lrr), s(lrr))),
      or = fmt(exp(e(lor))), or_se = fmt(s(lor)), or_ci_low = fmt(exp(e(lor) - z * s(lor))), or_ci_high = fmt(exp(e(lor) + z * s(lor))), or_p = fmt(p2(e(lor), s(lor))),
      rd = fmt(e(rd)), rd_se = fmt(s(rd)), rd_ci_low = fmt(e(rd) - z * s(rd)), rd_ci_high = fmt(e(rd) + z * s(rd)), rd_p = fmt(p2(e(rd), s(rd))))
  }
}
write_expected("ratio-design.csv", c(
  "Designs on data/closed-forms/trust-design.csv:",
  paste0("  ", names(ratio_designs), ": ", unlist(ratio_designs)),
  "exposure_group = factor(exposure, levels = c(0, 1), labels = c('unexposed', 'exposed')); y = outcome;",
  "by = svyby(~y, ~exposure_group, design, svymean, covmat = TRUE);",
  "rr: svycontrast(by, quote(log(exposed / unexposed))); or: svycontrast(by, quote(log(exposed / (1 - exposed)) - log(unexposed / (1 - unexposed))));",
  "rd: svycontrast(by, quote(exposed - unexposed)); ci = exp(coef -/+ qnorm(0.975) SE) for ratios, coef -/+ qnorm(0.975) SE for rd;",
  "*_se = SE of the contrast (log scale for ratios); *_p = 2 * pnorm(-abs(coef / SE))"),
  do.call(rbind, rows))

# ==== 3. Multiplicity and p-values =================================================================
pcases <- list(
  mixed = c(0.01, 0.04, 0.03, 0.005, 0.2, 0.5),
  ties = c(0.02, 0.02, 0.02, 0.5, 0.001),
  single = c(0.3),
  bounds = c(0, 1, 0.5, 0.049, 0.051),
  random20 = round(c(runif(15), runif(5, 0, 0.01)), 8))
rows <- list()
for (name in names(pcases)) {
  p <- pcases[[name]]
  rows[[length(rows) + 1]] <- data.frame(case = name, index = seq_along(p), p = fmt(p),
    holm = fmt(p.adjust(p, "holm")), bh = fmt(p.adjust(p, "BH")))
}
write_expected("multiplicity.csv", c("holm = p.adjust(p, method = 'holm'); bh = p.adjust(p, method = 'BH'); per case, in input order"),
  do.call(rbind, rows))

pv <- data.frame(estimate = c(0.12, -0.12, 0.5, 0.0, 1.3, -2.1, 0.05, 0.2),
                 se = c(0.05, 0.05, 0.1, 0.2, 0.2, 0.3, 0.05, 0.01),
                 null = c(0, 0, 0.4, 0, 0, 0, 0.05, 0))
pv$p <- fmt(2 * pnorm(-abs((pv$estimate - pv$null) / pv$se)))
write_expected("pvalues.csv", "p = 2 * pnorm(-abs((estimate - null) / se))", pv)

# ==== 4. Sample sizes ===============================================================================
net_plans <- expand.grid(margin = c(0.03, 0.05, 0.02), helpful = c(0.6, 0.3), creepy = c(0.15, 0.45),
                         design_effect = c(1, 1.4), level = c(0.95, 0.9))
net_plans <- rbind(subset(net_plans, helpful + creepy <= 1),
                   data.frame(margin = 0.1, helpful = 1, creepy = 0, design_effect = 1, level = 0.95))
net_plans$variance <- with(net_plans, helpful + creepy - (helpful - creepy)^2)
net_plans$n <- with(net_plans, pmax(1, ceiling(qnorm(1 - (1 - level) / 2)^2 * variance * design_effect / margin^2)))
net_plans$variance <- fmt(net_plans$variance)
write_expected("plan-net.csv", c(
  "variance = helpful + creepy - (helpful - creepy)^2;",
  "n = max(1, ceiling(qnorm(1 - (1 - level) / 2)^2 * variance * design_effect / margin^2))"), net_plans)

paired <- expand.grid(margin = c(0.03, 0.05), helpful_a = 0.68, creepy_a = 0.11, helpful_b = c(0.58, 0.26),
                      creepy_b = c(0.2, 0.53), correlation = c(0, 0.4, -0.2, 1), design_effect = c(1, 1.4), level = 0.95)
paired <- subset(paired, helpful_b + creepy_b <= 1)
va <- with(paired, helpful_a + creepy_a - (helpful_a - creepy_a)^2)
vb <- with(paired, helpful_b + creepy_b - (helpful_b - creepy_b)^2)
paired$variance <- va + vb - 2 * paired$correlation * sqrt(va) * sqrt(vb)
paired$n <- with(paired, pmax(1, ceiling(qnorm(1 - (1 - level) / 2)^2 * variance * design_effect / margin^2)))
paired$variance <- fmt(paired$variance)
write_expected("plan-paired.csv", c(
  "var_x = helpful_x + creepy_x - (helpful_x - creepy_x)^2 for x = a, b (per-respondent score variances);",
  "variance = var_a + var_b - 2 * correlation * sqrt(var_a) * sqrt(var_b) (Var(s_a - s_b));",
  "n = max(1, ceiling(qnorm(1 - (1 - level) / 2)^2 * variance * design_effect / margin^2))"), paired)

cat("wrote", nrow(resp), "rated respondents and", nrow(trust), "trust respondents\n")
