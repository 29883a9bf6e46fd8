# Reference values for the design-based model on stacked ratings (issue 14: `nethelp model`, SurveyModel).
#
# Writes a SYNTHETIC test survey (data/model-survey.csv, long layout: stratified, clustered, weighted, skipped
# answers, respondents and one whole cluster who answered nothing, a numeric covariate) and its scenario catalogue
# (data/model-scenarios.csv: 12 scenarios covering all 8 cells of relationship x tracking, and an extra column
# `channel`), then what R's survey package computes on the stacked data (expected/model/*.csv). Nothing here runs in CI.
#
# Run from this folder:   Rscript model-reference.R
# Made with R 4.2 and survey 4.1 from Debian's packages (r-base-core, r-cran-survey).
#
# The stacked data frame has one row per respondent x scenario of the file, the outcome NA where the rating was
# skipped. svyglm drops those rows from the fit (na.action) and from the design with design[-nas, ], which keeps the
# number of PSUs of every stratum (fpc$sampsize): a PSU without any answer still counts in its stratum, as a
# respondent outside a domain does in svymean(na.rm = TRUE); degf() counts only the PSUs and strata that keep rows.
# Two designs: ids = ~cluster (PSUs are clusters) and ids = ~respondent_id (each respondent its own PSU).
#
# Logistic fits use family = quasibinomial() and glm.control(epsilon = 1e-14, maxit = 100), so that the reference
# is the maximum of the pseudo-likelihood to the last digits; with the default epsilon = 1e-8 the coefficients move
# by less than 1e-9 (checked below and printed).
#
# Predictive margins (Graubard & Korn 1999): for a cell of relationship x tracking, the weighted mean over the model's
# rows of the predicted value with relationship and tracking set to the cell and every other covariate as observed.
# Its influence on a row is w (mu_c - m_c) / sum(w) (svymean of the fitted values) plus the coefficients' influence
# times d m_c / d beta; the variance is svyrecvar of the two summed per row (the full linearisation, with the
# covariance of the two parts). svypredmeans() adds the two variances without that covariance; its values are
# written beside ours for comparison (columns svypredmeans_*), on the models where it applies.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")
set.seed(20261214)

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"))
dir.create("expected/model", showWarnings = FALSE, recursive = TRUE)
write_expected <- function(df, name, ...) {
  out <- file.path("expected/model", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

# ---- the scenario catalogue: every cell of relationship x tracking, one to three scenarios each -----------------
catalogue <- data.frame(
  id = c("sale_alert", "repurchase_reminder", "birthday_offer", "in_aisle_offer", "loyalty_app_location",
         "retargeted_ad_known_brand", "smart_speaker_ad_known_brand", "newsletter_unknown_brand", "cold_email_offer",
         "retargeted_ad_unknown_brand", "walk_by_offer_unknown_store", "overheard_coffee_ad"),
  label = c("Sale alert", "Repurchase reminder", "Birthday offer", "In-aisle offer", "Loyalty app location offer",
            "Retargeted ad (known brand)", "Smart-speaker ad (known brand)", "Newsletter (unknown brand)",
            "Cold email offer", "Retargeted ad (unknown brand)", "Walk-by offer (unknown store)", "Coffee ad after a chat"),
  relationship = c(rep("established", 7), rep("none", 5)),
  tracking = c("none", "none", "none", "geo_tracking", "geo_tracking", "third_party_cookies", "device_listening",
               "none", "none", "third_party_cookies", "geo_tracking", "device_listening"),
  channel = c("app", "email", "email", "app", "app", "web", "speaker", "web", "email", "web", "app", "web"),
  stringsAsFactors = FALSE)
write.csv(catalogue, "data/model-scenarios.csv", row.names = FALSE, quote = FALSE)
base <- c(1.2, 0.9, 0.8, 0.5, 0.3, -0.1, -0.4, -0.2, -0.5, -0.6, -0.8, -1.0)

# ---- the respondents: 5 strata, 5-8 clusters each, 4-10 respondents per cluster ---------------------------------
resp <- NULL
id <- 0
for (h in 1:5) {
  for (j in seq_len(sample(5:8, 1))) {
    for (k in seq_len(sample(4:10, 1))) {
      id <- id + 1
      age <- sample(18:79, 1)
      resp <- rbind(resp, data.frame(
        respondent_id = sprintf("m%04d", id),
        country = sample(c("BR", "DE", "FR", "JP"), 1, prob = c(0.3, 0.3, 0.2, 0.2)),
        age = age,
        age_band = if (age < 35) "18-34" else if (age < 55) "35-54" else "55+",
        stratum = paste0("S", h),
        cluster = sprintf("S%d-C%02d", h, j),
        weight = round(exp(rnorm(1, 0, 0.45)) * c(1, 1.5, 0.8, 1.2, 1.9)[h], 6),
        stringsAsFactors = FALSE))
    }
  }
}
n <- nrow(resp)
country_shift <- c(BR = 0.25, DE = -0.2, FR = -0.05, JP = 0.1)
attitude <- rnorm(n) + country_shift[resp$country] - 0.012 * (resp$age - 45)
ratings <- sapply(seq_along(base), function(j) {
  latent <- base[j] + 0.8 * attitude + 0.9 * rnorm(n)
  r <- as.integer(cut(latent, c(-Inf, -1.1, -0.35, 0.35, 1.1, Inf)))
  r[runif(n) < 0.08] <- NA
  r
})
# Some respondents answered nothing, and so did every respondent of one cluster (a PSU without any row).
nothing <- runif(n) < 0.03 | resp$cluster == resp$cluster[which(resp$stratum == "S2")[1]]
ratings[nothing, ] <- NA

long <- do.call(rbind, lapply(seq_along(base), function(j)
  data.frame(resp, scenario = catalogue$id[j], rating = ratings[, j], stringsAsFactors = FALSE)))
long <- long[order(long$respondent_id, match(long$scenario, catalogue$id)), ]
out <- long
out$rating <- ifelse(is.na(out$rating), "", as.character(out$rating))
write.csv(out[, c("respondent_id", "country", "age", "age_band", "stratum", "cluster", "weight", "scenario", "rating")],
          "data/model-survey.csv", row.names = FALSE, quote = FALSE, na = "")

# ---- the stacked data: the catalogue's columns joined, outcomes, factors with treatment contrasts ---------------
stacked <- merge(long, catalogue[, c("id", "relationship", "tracking", "channel")], by.x = "scenario", by.y = "id")
stacked <- stacked[order(stacked$respondent_id, match(stacked$scenario, catalogue$id)), ]
s <- ifelse(is.na(stacked$rating), NA, ifelse(stacked$rating >= 4, 1, ifelse(stacked$rating <= 2, -1, 0)))
stacked$net <- s
stacked$helpful <- as.numeric(s == 1)
stacked$creepy <- as.numeric(s == -1)
# Levels: the reference first (the level "none" where there is one, else the first by name), then the rest by name.
as_factor <- function(x, ref = NULL) {
  lv <- sort(unique(x), method = "radix")
  if (is.null(ref)) ref <- if ("none" %in% lv) "none" else lv[1]
  factor(x, levels = c(ref, setdiff(lv, ref)))
}
for (v in c("relationship", "tracking", "country", "channel")) stacked[[v]] <- as_factor(stacked[[v]])

designs <- list(
  clusters = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = stacked, nest = TRUE),
  respondents = svydesign(ids = ~respondent_id, strata = ~stratum, weights = ~weight, data = stacked, nest = TRUE))

tight <- glm.control(epsilon = 1e-14, maxit = 100)
models <- list(
  list(name = "net_saturated_country", formula = net ~ relationship * tracking + country, family = "linear", designs = c("clusters", "respondents")),
  list(name = "helpful_saturated_country", formula = helpful ~ relationship * tracking + country, family = "logit", designs = c("clusters", "respondents")),
  list(name = "creepy_additive_age", formula = creepy ~ relationship + tracking + country + age, family = "logit", designs = "clusters"),
  list(name = "net_relationship_by_country", formula = net ~ relationship * country + tracking + channel, family = "linear", designs = "clusters"),
  list(name = "net_nested_dummies", formula = net ~ tracking + relationship:tracking, family = "linear", designs = "clusters"),
  list(name = "net_references", formula = net ~ relationship * tracking + country, family = "linear", designs = "clusters",
       references = list(relationship = "established", tracking = "geo_tracking", country = "JP")),
  list(name = "net_aliased_channel", formula = net ~ relationship * tracking + channel, family = "linear", designs = "clusters"))

fit <- function(m, design) {
  if (!is.null(m$references)) {
    for (v in names(m$references)) design$variables[[v]] <- as_factor(as.character(design$variables[[v]]), m$references[[v]])
  }
  if (m$family == "linear") svyglm(m$formula, design) else svyglm(m$formula, design, family = quasibinomial(), control = tight)
}

coef_rows <- NULL; test_rows <- NULL; margin_rows <- NULL; contrast_rows <- NULL; info_rows <- NULL
for (m in models) for (dn in m$designs) {
  g <- fit(m, designs[[dn]])
  d <- g$survey.design
  b <- coef(g); V <- vcov(g); se <- sqrt(diag(V))
  ci <- confint(g)                       # t quantile with df = g$df.residual (confint.svyglm)
  st <- summary(g)$coefficients           # p from t with df.residual
  aliased <- names(which(is.na(coef(g, na.rm = FALSE))))
  if (m$family == "logit") {
    default <- svyglm(m$formula, designs[[dn]], family = quasibinomial())
    cat(sprintf("%s/%s: |default epsilon - tight| = %.3g in the coefficients\n", m$name, dn, max(abs(coef(default) - b))))
  }
  coef_rows <- rbind(coef_rows, data.frame(model = m$name, design = dn, term = names(b), estimate = fmt(b), se = fmt(se),
    t = fmt(st[, 3]), p = fmt(st[, 4]), ci_low = fmt(ci[, 1]), ci_high = fmt(ci[, 2]), stringsAsFactors = FALSE))
  info_rows <- rbind(info_rows, data.frame(model = m$name, design = dn, rows = nrow(model.frame(d)), degf = degf(d),
    df_residual = g$df.residual, aliased = if (length(aliased)) paste(aliased, collapse = ";") else "none", stringsAsFactors = FALSE))

  # Wald tests of every term: regTermTest with the model's df (F) and with df = Inf (chi-square).
  for (term in attr(terms(g), "term.labels")) {
    f <- regTermTest(g, as.formula(paste("~", term)))
    x <- regTermTest(g, as.formula(paste("~", term)), df = Inf)
    test_rows <- rbind(test_rows, data.frame(model = m$name, design = dn, term = term, df = f$df, ddf = f$ddf,
      f = fmt(f$Ftest), p_f = fmt(f$p), chisq = fmt(x$chisq), p_chisq = fmt(x$p), stringsAsFactors = FALSE))
  }

  if (length(aliased)) next
  # The coefficients' influence on each row, as svy.varcoef computes it (estfun %*% Ainv); their svyrecvar is vcov.
  estfun <- model.matrix(g) * resid(g, "working") * g$weights
  beta_influence <- estfun %*% g$naive.cov
  stopifnot(max(abs(svyrecvar(beta_influence, d$cluster, d$strata, d$fpc) - V)) < 1e-14 * max(abs(V)) + 1e-20)

  # Predictive margins of relationship x tracking over the model's rows, with their influence values.
  mf <- model.frame(d); w <- weights(d, "sampling"); W <- sum(w)
  cells <- expand.grid(relationship = levels(mf$relationship), tracking = levels(mf$tracking), stringsAsFactors = FALSE)
  influence <- matrix(0, nrow(mf), nrow(cells)); estimate <- numeric(nrow(cells))
  for (k in seq_len(nrow(cells))) {
    nd <- mf
    nd$relationship <- factor(cells$relationship[k], levels = levels(mf$relationship))
    nd$tracking <- factor(cells$tracking[k], levels = levels(mf$tracking))
    X <- model.matrix(delete.response(terms(g)), nd)
    eta <- drop(X %*% b)
    mu <- g$family$linkinv(eta)
    estimate[k] <- sum(w * mu) / W
    gradient <- colSums(w * g$family$mu.eta(eta) * X) / W
    influence[, k] <- w * (mu - estimate[k]) / W + beta_influence %*% gradient
  }
  Vm <- svyrecvar(influence, d$cluster, d$strata, d$fpc)
  rows <- data.frame(model = m$name, design = dn, relationship = cells$relationship, tracking = cells$tracking,
                     estimate = fmt(estimate), se = fmt(sqrt(diag(Vm))), stringsAsFactors = FALSE)
  if (!grepl("relationship \\* tracking", deparse(m$formula)) || grepl("channel", deparse(m$formula))) {
    rows$svypredmeans_estimate <- ""; rows$svypredmeans_se <- ""
  } else {
    # The same cells through svypredmeans on the equivalent model (net ~ country + cell), for comparison.
    d2 <- update(d, cell = interaction(relationship, tracking, sep = "|"))
    adjust <- if (m$family == "linear") svyglm(update(m$formula, . ~ country), d2)
              else svyglm(update(m$formula, . ~ country), d2, family = quasibinomial(), control = tight)
    pm <- svypredmeans(adjust, ~cell)
    key <- paste(cells$relationship, cells$tracking, sep = "|")
    rows$svypredmeans_estimate <- fmt(coef(pm)[key]); rows$svypredmeans_se <- fmt(SE(pm)[match(key, names(coef(pm)))])
  }
  margin_rows <- rbind(margin_rows, rows)

  # Contrasts between cells: each level minus the reference within each level of the other factor, their mean over
  # that factor's levels, and (tracking, more than two levels) the mean of the other levels minus the reference.
  key <- function(r, t) which(cells$relationship == r & cells$tracking == t)
  add <- function(name, coefficients) {
    est <- sum(coefficients * estimate); v <- drop(t(coefficients) %*% Vm %*% coefficients)
    contrast_rows <<- rbind(contrast_rows, data.frame(model = m$name, design = dn, contrast = name, estimate = fmt(est), se = fmt(sqrt(v)), stringsAsFactors = FALSE))
  }
  rl <- levels(mf$relationship); tl <- levels(mf$tracking)
  for (r in rl[-1]) {
    total <- numeric(nrow(cells))
    for (t in tl) { c <- numeric(nrow(cells)); c[key(r, t)] <- 1; c[key(rl[1], t)] <- -1; total <- total + c / length(tl)
      add(sprintf("relationship %s - %s | tracking = %s", r, rl[1], t), c) }
    add(sprintf("relationship %s - %s | mean over tracking", r, rl[1]), total)
  }
  for (t in tl[-1]) {
    total <- numeric(nrow(cells))
    for (r in rl) { c <- numeric(nrow(cells)); c[key(r, t)] <- 1; c[key(r, tl[1])] <- -1; total <- total + c / length(rl)
      add(sprintf("tracking %s - %s | relationship = %s", t, tl[1], r), c) }
    add(sprintf("tracking %s - %s | mean over relationship", t, tl[1]), total)
  }
  total <- numeric(nrow(cells))
  for (r in rl) { c <- numeric(nrow(cells)); for (t in tl[-1]) c[key(r, t)] <- 1 / (length(tl) - 1); c[key(r, tl[1])] <- -1
    total <- total + c / length(rl); add(sprintf("tracking (mean of the others) - %s | relationship = %s", tl[1], r), c) }
  add(sprintf("tracking (mean of the others) - %s | mean over relationship", tl[1]), total)
}

calls <- c(
  "stacked: one row per respondent x scenario of data/model-survey.csv, data/model-scenarios.csv joined by scenario = id;",
  "net = +1/0/-1 (ratings 4-5 / 3 / 1-2), helpful = (net == 1), creepy = (net == -1), NA where skipped;",
  "factor levels: the reference (\"none\" where there is one, else the first by name) then the rest by name;",
  "clusters:    svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = stacked, nest = TRUE)",
  "respondents: svydesign(ids = ~respondent_id, strata = ~stratum, weights = ~weight, data = stacked, nest = TRUE)",
  "linear: svyglm(formula, design); logit: svyglm(formula, design, family = quasibinomial(), control = glm.control(epsilon = 1e-14, maxit = 100))",
  "net_references: references established, geo_tracking and JP (levels: the reference, then the rest by name)")
write_expected(coef_rows, "coefficients", calls,
  "estimate = coef(g); se = sqrt(diag(vcov(g))); t, p = summary(g)$coefficients (t with g$df.residual); ci = confint(g) (t quantile, df.residual)")
write_expected(info_rows, "models", calls,
  "rows = model rows; degf = degf(g$survey.design); df_residual = g$df.residual; aliased = names of the NA coefficients")
write_expected(test_rows, "tests", calls,
  "f, p_f, df, ddf = regTermTest(g, ~term) (method = \"Wald\", df = g$df.residual); chisq, p_chisq = regTermTest(g, ~term, df = Inf)")
write_expected(margin_rows, "margins", calls,
  "predictive margin of a cell: sum(w * mu_c) / sum(w) over the model's rows; influence w (mu_c - m_c) / sum(w) + beta_influence %*% dm_c/dbeta;",
  "se = sqrt(diag(svyrecvar(influence, d$cluster, d$strata, d$fpc))); svypredmeans_*: svypredmeans(svyglm(outcome ~ country, d), ~interaction(relationship, tracking))")
write_expected(contrast_rows, "contrasts", calls,
  "contrasts c'm of the margins; se = sqrt(c' V c), V = svyrecvar of the margins' influence values")
cat("wrote data/model-survey.csv (", n, " respondents, ", sum(!is.na(ratings)), " ratings) and expected/model/\n", sep = "")
