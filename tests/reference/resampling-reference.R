# Reference values for resampling, paired and group comparisons, and relationship/tracking effects (issue 4).
#
# Writes a synthetic test survey (data/resampling-*.csv) and what R's survey and boot packages compute on it
# (expected/resampling/*.csv). The C# tests read both; nothing here runs in CI.
#
# Run from this folder:   Rscript resampling-reference.R
# Made with R 4.2 and survey 4.1, boot 1.3 from Debian's packages (r-base-core, r-cran-survey, r-cran-boot).
#
# Conventions shared with the C# code (lib/NetHelpfulness/Estimation):
# - score s = +1 (rating 4-5), 0 (3), -1 (1-2), NA when not answered;
# - the bootstrap resamples PSUs (respondents when there are no clusters) within strata, n_h per stratum, and the
#   statistic is the weighted mean sum(w*s)/sum(w) over those who answered, for every scenario at once;
# - the statistic reweights each stratum by n_h / (PSUs of the stratum in the sample), which changes nothing in a
#   bootstrap replicate (always n_h) and makes boot's jackknife (empinf type = "jack") the JKn jackknife;
# - BCa uses those jackknife influence values: boot.ci(..., type = "bca", L = empinf(b, type = "jack")).

suppressPackageStartupMessages({
  library(survey)
  library(boot)
})
options(survey.lonely.psu = "fail")
set.seed(20260402)

fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"), "; boot ", packageVersion("boot"))
dir.create("expected/resampling", showWarnings = FALSE, recursive = TRUE)
write_expected <- function(df, name, ...) {
  out <- file.path("expected/resampling", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

# ---- the scenario catalogue (a test fixture with the study's ids; descriptions are placeholders) --------------
ids <- c("sale_alert", "repurchase_reminder", "birthday_offer", "loyalty_recommendations", "in_aisle_offer",
         "retargeted_ad_known_brand", "smart_speaker_ad_known_brand", "retargeted_ad_unknown_brand",
         "walk_by_offer_unknown_store", "overheard_coffee_ad")
relationship <- c(rep("established", 7), rep("none", 3))
tracking <- c(rep("none", 4), "geo_tracking", "third_party_cookies", "device_listening",
              "third_party_cookies", "geo_tracking", "device_listening")
write.csv(data.frame(id = ids, label = gsub("_", " ", ids), description = "synthetic test fixture",
                     relationship = relationship, tracking = tracking, source = "illustrative"),
          "data/resampling-scenarios.csv", row.names = FALSE, quote = FALSE)

# ---- a synthetic survey: 4 strata, clusters, weights, countries crossing strata and clusters, skips -----------
psu_per_stratum <- c(8, 10, 7, 12)
resp <- NULL
id <- 0
for (h in seq_along(psu_per_stratum)) {
  for (j in seq_len(psu_per_stratum[h])) {
    size <- sample(5:13, 1)
    for (k in seq_len(size)) {
      id <- id + 1
      resp <- rbind(resp, data.frame(
        respondent_id = sprintf("r%04d", id),
        country = sample(c("BR", "DE", "JP"), 1, prob = c(0.3, 0.45, 0.25)),
        stratum = paste0("S", h),
        cluster = sprintf("S%d-P%02d", h, j),
        weight = round(exp(rnorm(1, 0, 0.45)) * c(1, 1.8, 0.6, 1.3)[h], 6),
        stringsAsFactors = FALSE))
    }
  }
}
n <- nrow(resp)
centre <- c(0.95, 0.8, 0.7, 0.6, 0.55, 0.05, -0.15, -0.2, -0.3, -0.55)
country_shift <- c(BR = 0.15, DE = -0.1, JP = 0.05)
attitude <- rnorm(n)
ratings <- sapply(seq_along(ids), function(j) {
  latent <- centre[j] + country_shift[resp$country] + 0.6 * attitude + rnorm(n, 0, 0.9)
  as.integer(cut(latent, c(-Inf, -1.1, -0.35, 0.3, 1.1, Inf)))
})
colnames(ratings) <- ids
skip <- matrix(runif(n * length(ids)) < 0.05, n)
ratings[skip] <- NA
absent <- skip & matrix(runif(n * length(ids)) < 0.5, n)
long <- do.call(rbind, lapply(seq_along(ids), function(j) {
  keep <- !absent[, j]
  data.frame(resp[keep, ], scenario = ids[j], scenario_order = j, rating = ratings[keep, j], stringsAsFactors = FALSE)
}))
long <- long[order(long$respondent_id, long$scenario_order), ]
write.csv(long[, c("respondent_id", "country", "weight", "stratum", "cluster", "scenario", "rating")],
          "data/resampling-survey.csv", row.names = FALSE, na = "", quote = FALSE)

score <- function(r) ifelse(is.na(r), NA, ifelse(r >= 4, 1, ifelse(r <= 2, -1, 0)))
S <- apply(ratings, 2, score)
wide <- resp
for (j in seq_along(ids)) wide[[paste0("s_", ids[j])]] <- S[, j]
design_full <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide)
design_strata <- svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = wide)
design_srs <- suppressWarnings(svydesign(ids = ~1, data = wide))
full_call <- "svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = wide)"

# ---- bootstrap ------------------------------------------------------------------------------------------------
# Unit-level sums: A = w*s, W = w*answered; resampled units are respondents, or clusters (their sums).
A <- resp$weight * ifelse(is.na(S), 0, S)
W <- resp$weight * !is.na(S)
make_stat <- function(A, W, st) {
  nh <- tabulate(st)
  function(data, i) {
    f <- tabulate(st[i], nbins = length(nh))
    scale <- (nh / f)[st[i]]
    colSums(A[i, , drop = FALSE] * scale) / colSums(W[i, , drop = FALSE] * scale)
  }
}
st_resp <- as.integer(factor(resp$stratum))
cluster_f <- factor(resp$cluster, levels = unique(resp$cluster))
A_psu <- rowsum(A, cluster_f)
W_psu <- rowsum(W, cluster_f)
st_psu <- as.integer(factor(resp$stratum[match(levels(cluster_f), resp$cluster)]))

# (1) Jackknife influence values (closed form, compared to 1e-9).
jack <- function(A, W, st, ids_out, name, call_text) {
  stat <- make_stat(A, W, st)
  b <- boot(seq_len(nrow(A)), stat, R = 2, strata = st)  # only to carry data and statistic into empinf
  L <- sapply(seq_along(ids), function(j) empinf(b, index = j, type = "jack"))
  out <- data.frame(unit = ids_out)
  for (j in seq_along(ids)) out[[ids[j]]] <- fmt(L[, j])
  write_expected(out, name, call_text)
}
jack(A, W, st_resp, resp$respondent_id, "jackknife-respondents",
     "empinf(boot(1:n, stat, R = 2, strata = stratum), index = j, type = 'jack'); units = respondents; stat(d, i) = colSums(A[i,]*sc)/colSums(W[i,]*sc), A = weight*s, W = weight*answered, sc = n_h/#{i in h}")
jack(A_psu, W_psu, st_psu, levels(cluster_f), "jackknife-clusters",
     "empinf(boot(1:P, stat, R = 2, strata = stratum), index = j, type = 'jack'); units = clusters (rowsum of A and W by cluster); stat as for respondents")

# (2) Monte-Carlo references: boot with B = 50000, percentile and BCa intervals (L = jackknife).
mc_boot <- function(A, W, st, name, unit_text, R = 50000, seed = 1) {
  set.seed(seed)
  stat <- make_stat(A, W, st)
  b <- boot(seq_len(nrow(A)), stat, R = R, strata = st)
  rows <- lapply(seq_len(ncol(A)), function(j) {
    L <- empinf(b, index = j, type = "jack")
    ci <- boot.ci(b, conf = 0.95, type = c("perc", "bca"), index = j, L = L)
    data.frame(column = colnames(A)[j], estimate = fmt(b$t0[j]), se = fmt(sd(b$t[, j])),
               perc_low = fmt(ci$percent[4]), perc_high = fmt(ci$percent[5]),
               bca_low = fmt(ci$bca[4]), bca_high = fmt(ci$bca[5]), replicates = R)
  })
  write_expected(do.call(rbind, rows), name,
    paste0("set.seed(", seed, "); b <- boot(1:n, stat, R = ", R, ", strata = stratum); units = ", unit_text,
           "; boot.ci(b, conf = 0.95, type = c('perc', 'bca'), index = j, L = empinf(b, index = j, type = 'jack')); se = sd(b$t[, j])"))
  invisible(b)
}
colnames(A) <- colnames(W) <- ids
colnames(A_psu) <- colnames(W_psu) <- ids
b_resp <- mc_boot(A, W, st_resp, "bootstrap-mc-respondents", "respondents, weighted, strata = stratum")
mc_boot(A_psu, W_psu, st_psu, "bootstrap-mc-clusters", "clusters (rowsum of A and W by cluster), strata = stratum", seed = 2)

# (3) Intervals from fixed replicates (closed form given the replicates, compared to 1e-9): the first 1000 and
#     999 replicates of the respondent bootstrap for two scenarios, with their jackknife L.
pick <- c("sale_alert", "overheard_coffee_ad")
rep_out <- data.frame(replicate = 1:1000)
for (s in pick) rep_out[[s]] <- fmt(b_resp$t[1:1000, match(s, ids)])
write_expected(rep_out, "interval-replicates", "b$t[1:1000, j] of the bootstrap-mc-respondents run (set.seed(1); boot(..., R = 50000, strata = stratum))")
L_out <- data.frame(unit = resp$respondent_id)
for (s in pick) L_out[[s]] <- fmt(empinf(b_resp, index = match(s, ids), type = "jack"))
write_expected(L_out, "interval-influence", "empinf(b, index = j, type = 'jack') of the same run")
rows <- NULL
for (s in pick) {
  j <- match(s, ids)
  L <- empinf(b_resp, index = j, type = "jack")
  for (B in c(1000, 999)) for (conf in c(0.95, 0.9)) {
    b_sub <- b_resp
    b_sub$t <- b_resp$t[1:B, , drop = FALSE]
    b_sub$R <- B
    t <- b_sub$t[, j]
    ci <- boot.ci(b_sub, conf = conf, type = c("perc", "bca"), index = j, L = L)
    rows <- rbind(rows, data.frame(scenario = s, replicates = B, level = conf, t0 = fmt(b_resp$t0[j]), sd = fmt(sd(t)),
                                   perc_low = fmt(ci$percent[4]), perc_high = fmt(ci$percent[5]),
                                   bca_low = fmt(ci$bca[4]), bca_high = fmt(ci$bca[5])))
  }
}
write_expected(rows, "interval-expected",
  "b_sub <- b; b_sub$t <- b$t[1:replicates, ]; b_sub$R <- replicates; boot.ci(b_sub, conf = level, type = c('perc', 'bca'), index = j, L = empinf(b, index = j, type = 'jack')); sd = sd(b_sub$t[, j])")

# ---- paired differences ---------------------------------------------------------------------------------------
pairs <- list(c("sale_alert", "overheard_coffee_ad"), c("in_aisle_offer", "walk_by_offer_unknown_store"),
              c("retargeted_ad_known_brand", "retargeted_ad_unknown_brand"), c("birthday_offer", "birthday_offer"))
paired <- function(design, name, call_text) {
  rows <- lapply(pairs, function(p) {
    fa <- paste0("s_", p[1]); fb <- paste0("s_", p[2])
    D <- design$variables[[fa]] - design$variables[[fb]]
    dd <- update(design, D = D)
    m_d <- svymean(~D, dd, na.rm = TRUE)
    if (p[1] != p[2]) {
      m <- svymean(as.formula(paste0("~", fa, "+", fb)), design, na.rm = TRUE)
      ct <- svycontrast(m, c(1, -1))
      stopifnot(isTRUE(all.equal(coef(ct)[[1]], coef(m_d)[[1]], tolerance = 1e-12)),
                isTRUE(all.equal(SE(ct)[[1]], SE(m_d)[[1]], tolerance = 1e-12)))
    } else {
      ct <- m_d
    }
    ci <- confint(ct, level = 0.95)
    data.frame(a = p[1], b = p[2], n = sum(!is.na(D)), estimate = fmt(coef(ct)[[1]]), se = fmt(SE(ct)[[1]]),
               ci_low = fmt(ci[1, 1]), ci_high = fmt(ci[1, 2]))
  })
  write_expected(do.call(rbind, rows), name, call_text)
}
paired(design_full, "paired-linearized-strata-clusters",
       paste0("svycontrast(svymean(~s_a + s_b, ", full_call, ", na.rm = TRUE), c(1, -1)) (= svymean(~D, na.rm = TRUE), checked); a = b: svymean(~D); confint(level = 0.95)"))
paired(design_strata, "paired-linearized-strata",
       "svycontrast(svymean(~s_a + s_b, svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = wide), na.rm = TRUE), c(1, -1)); confint(level = 0.95)")
rows <- lapply(pairs, function(p) {
  D <- S[, p[1]] - S[, p[2]]; D <- D[!is.na(D)]; m <- length(D)
  est <- mean(D); se <- sqrt((mean(D^2) - est^2) / m); z <- qnorm(0.975)
  data.frame(a = p[1], b = p[2], n = m, estimate = fmt(est), se = fmt(se), ci_low = fmt(est - z * se), ci_high = fmt(est + z * se))
})
write_expected(do.call(rbind, rows), "paired-wald", "D = s_a - s_b over respondents who answered both; se = sqrt((mean(D^2) - mean(D)^2) / n); ci = mean(D) +/- qnorm(0.975) * se (unweighted)")
# Bootstrap of one paired difference (B = 50000), Monte-Carlo reference.
D <- S[, "sale_alert"] - S[, "overheard_coffee_ad"]
AD <- matrix(resp$weight * ifelse(is.na(D), 0, D), ncol = 1, dimnames = list(NULL, "sale_alert-overheard_coffee_ad"))
WD <- matrix(resp$weight * !is.na(D), ncol = 1)
mc_boot(AD, WD, st_resp, "paired-bootstrap-mc", "respondents, weighted, strata = stratum; statistic = weighted mean of D = s_sale_alert - s_overheard_coffee_ad", seed = 3)

# ---- groups (domains of the full design) ----------------------------------------------------------------------
groups <- sort(unique(resp$country))
group_rows <- NULL
diff_rows <- NULL
for (s in ids) {
  # survey 4.1.1's svyby(..., na.rm = TRUE, covmat = TRUE) fails ("number of items to replace"), so the covariance
  # comes from the same domains written as groups of a factor: country for those who answered, "skip:country" for
  # those who did not (a score of 0 there is never used). Coefficients and SEs are checked against
  # svyby(~s, ~country, design, svymean, na.rm = TRUE).
  sv <- wide[[paste0("s_", s)]]
  dd <- update(design_full, s0 = ifelse(is.na(sv), 0, sv), domain = ifelse(is.na(sv), paste0("skip:", country), country))
  by <- svyby(~s0, ~domain, dd, svymean, covmat = TRUE)
  plain <- svyby(as.formula(paste0("~s_", s)), ~country, design_full, svymean, na.rm = TRUE)
  stopifnot(isTRUE(all.equal(unname(coef(by)[groups]), unname(coef(plain)[groups]), tolerance = 1e-12)),
            isTRUE(all.equal(unname(SE(by)[match(groups, names(coef(by)))]), unname(SE(plain)[match(groups, names(coef(plain)))]), tolerance = 1e-12)))
  ci <- confint(by, level = 0.95)
  for (g in groups) {
    ok <- !is.na(sv) & wide$country == g; w <- wide$weight[ok]
    group_rows <- rbind(group_rows, data.frame(group = g, scenario = s, n = sum(ok),
      helpful = fmt(sum(w[sv[ok] == 1]) / sum(w)), neutral = fmt(sum(w[sv[ok] == 0]) / sum(w)),
      creepy = fmt(sum(w[sv[ok] == -1]) / sum(w)), net = fmt(coef(by)[[g]]), se = fmt(SE(by)[match(g, names(coef(by)))]),
      ci_low = fmt(ci[g, 1]), ci_high = fmt(ci[g, 2]),
      design_effect = fmt(sum(ok) * sum(w^2) / sum(w)^2), effective_n = fmt(sum(w)^2 / sum(w^2))))
  }
  for (ref in c("BR", "JP")) for (g in setdiff(groups, ref)) {
    contrast <- setNames((names(coef(by)) == g) - (names(coef(by)) == ref), names(coef(by)))
    ct <- svycontrast(by, contrast)
    cci <- confint(ct, level = 0.95)
    n_both <- sum(!is.na(sv) & wide$country %in% c(g, ref))
    diff_rows <- rbind(diff_rows, data.frame(group = g, reference = ref, scenario = s, n = n_both,
      estimate = fmt(coef(ct)[[1]]), se = fmt(SE(ct)[[1]]), ci_low = fmt(cci[1, 1]), ci_high = fmt(cci[1, 2])))
  }
}
write_expected(group_rows, "groups-linearized",
  paste0("svyby(~s, ~country, ", full_call, ", svymean, na.rm = TRUE); confint(level = 0.95); shares and Kish deff written out over the group's respondents who answered"))
write_expected(diff_rows, "group-differences-linearized",
  "svycontrast(svyby(~s0, ~domain, design, svymean, covmat = TRUE), group - reference), domain = country if answered else skip:country, s0 = s or 0 (svyby's na.rm with covmat fails in survey 4.1.1; coefficients and SEs checked equal to na.rm = TRUE); confint(level = 0.95); n = respondents of both groups who answered")

# ---- relationship and tracking effects --------------------------------------------------------------------------
side <- function(cols) {
  M <- S[, cols, drop = FALSE]
  answered <- rowSums(!is.na(M))
  list(answered = answered, mean = rowSums(M, na.rm = TRUE) / answered,
       helpful = rowSums(M == 1, na.rm = TRUE) / answered, creepy = rowSums(M == -1, na.rm = TRUE) / answered)
}
# Per respondent: the mean over the usable pairs (both sides with an answered scenario) of side A minus side B.
effect_values <- function(effect_pairs) {
  k <- numeric(n); d <- h1 <- h2 <- c1 <- c2 <- numeric(n)
  for (p in effect_pairs) {
    a <- side(p[[1]]); b <- side(p[[2]]); ok <- a$answered > 0 & b$answered > 0
    k[ok] <- k[ok] + 1
    d[ok] <- d[ok] + a$mean[ok] - b$mean[ok]
    h1[ok] <- h1[ok] + a$helpful[ok]; h2[ok] <- h2[ok] + b$helpful[ok]
    c1[ok] <- c1[ok] + a$creepy[ok]; c2[ok] <- c2[ok] + b$creepy[ok]
  }
  na <- ifelse(k > 0, 1, NA)
  data.frame(D = d / k * na, H1 = h1 / k * na, H2 = h2 / k * na, C1 = c1 / k * na, C2 = c2 / k * na)
}
ids_where <- function(rel, trk) ids[relationship == rel & trk(tracking)]
tracking_types <- c("third_party_cookies", "geo_tracking", "device_listening")
matched <- lapply(tracking_types, function(t) list(ids_where("established", function(x) x == t), ids_where("none", function(x) x == t)))
rel_only <- ids_where("established", function(x) x == "none")
effects <- c(
  list(relationship = matched),
  setNames(lapply(matched, list), paste0("relationship:", tracking_types)),
  list(tracking = list(list(rel_only, ids_where("established", function(x) x != "none")))),
  setNames(lapply(tracking_types, function(t) list(list(rel_only, ids_where("established", function(x) x == t)))), paste0("tracking:", tracking_types)))
effects_table <- function(design, name, call_text) {
  rows <- lapply(names(effects), function(e) {
    v <- effect_values(effects[[e]])
    dd <- update(design, D = v$D, H1 = v$H1, H2 = v$H2, C1 = v$C1, C2 = v$C2)
    m <- svymean(~D, dd, na.rm = TRUE); ci <- confint(m, level = 0.95)
    hh <- svycontrast(svymean(~H1 + H2, dd, na.rm = TRUE), quote(2 * asin(sqrt(H1)) - 2 * asin(sqrt(H2))))
    hc <- svycontrast(svymean(~C1 + C2, dd, na.rm = TRUE), quote(2 * asin(sqrt(C1)) - 2 * asin(sqrt(C2))))
    ph <- coef(svymean(~H1 + H2, dd, na.rm = TRUE)); pc <- coef(svymean(~C1 + C2, dd, na.rm = TRUE))
    ok <- !is.na(v$D); w <- weights(design)[ok]; x <- v$D[ok]; nd <- sum(ok)
    xbar <- sum(w * x) / sum(w); sdw <- sqrt(sum(w * (x - xbar)^2) / sum(w) * nd / (nd - 1))
    z <- qnorm(0.975)
    data.frame(effect = e, n = nd, estimate = fmt(coef(m)[[1]]), se = fmt(SE(m)[[1]]), ci_low = fmt(ci[1, 1]), ci_high = fmt(ci[1, 2]),
               helpful_first = fmt(ph[[1]]), helpful_second = fmt(ph[[2]]),
               h_helpful = fmt(coef(hh)[[1]]), h_helpful_se = fmt(SE(hh)[[1]]),
               h_helpful_ci_low = fmt(coef(hh)[[1]] - z * SE(hh)[[1]]), h_helpful_ci_high = fmt(coef(hh)[[1]] + z * SE(hh)[[1]]),
               creepy_first = fmt(pc[[1]]), creepy_second = fmt(pc[[2]]),
               h_creepy = fmt(coef(hc)[[1]]), h_creepy_se = fmt(SE(hc)[[1]]),
               h_creepy_ci_low = fmt(coef(hc)[[1]] - z * SE(hc)[[1]]), h_creepy_ci_high = fmt(coef(hc)[[1]] + z * SE(hc)[[1]]),
               d_z = fmt(xbar / sdw))
  })
  write_expected(do.call(rbind, rows), name, call_text,
    "D, H1, H2, C1, C2 per respondent: mean over the usable pairs (both sides with an answered scenario) of side means / helpful / creepy fractions; NA with no usable pair",
    "estimate: svymean(~D, na.rm = TRUE); h: svycontrast(svymean(~H1 + H2, na.rm = TRUE), quote(2*asin(sqrt(H1)) - 2*asin(sqrt(H2)))) (same for C); d_z = xbar_w / sqrt(sum(w (D - xbar_w)^2) / sum(w) * n / (n - 1))")
}
effects_table(design_full, "effects-strata-clusters", paste0("design = ", full_call))
effects_table(design_srs, "effects-unweighted", "design = svydesign(ids = ~1, data = wide)")

cat("wrote", n, "respondents\n")
