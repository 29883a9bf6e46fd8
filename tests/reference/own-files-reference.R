# Reference values for researchers' own files (issue 12): the same SYNTHETIC wide survey as an SPSS file written by
# haven and by GNU PSPP, as a Qualtrics-style CSV export with text answers, and as a plain wide CSV whose identifier
# column is `id` and which has no country; and what R's survey package computes on it, read with haven.
#
# Run from this folder:   Rscript own-files-reference.R      (needs r-cran-survey, r-cran-haven and pspp)
# Made with R 4.2, survey 4.1, haven 2.5 and GNU PSPP 1.6 from Debian's packages. Nothing here runs in CI.
#
# The respondents and ratings are those of data/design-survey.csv (written by contrast-reference.R). In the SPSS
# files each scenario is a numeric variable q_<scenario> coded 1-5 with value labels "Very creepy" ... "Very helpful",
# 9 = "Don't know" declared user-missing (an answer of 9 is not answered), and some system-missing values (skipped).

suppressPackageStartupMessages({ library(survey); library(haven) })
options(survey.lonely.psu = "fail")
fmt <- function(x) sprintf("%.17g", x)
versions <- paste0(R.version.string, "; survey ", packageVersion("survey"), "; haven ", packageVersion("haven"))
write_expected <- function(df, name, ...) {
  out <- file.path("expected/own-files", paste0(name, ".csv"))
  writeLines(c(paste0("# ", c(...)), paste0("# ", versions)), out)
  suppressWarnings(write.table(df, out, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE))
}

long <- read.csv("data/design-survey.csv", stringsAsFactors = FALSE, na.strings = "")
scenarios <- unique(long$scenario)
resp <- long[!duplicated(long$respondent_id), c("respondent_id", "age_band", "gender", "stratum", "cluster", "weight")]
wide <- data.frame(id = sprintf("%d", seq_len(nrow(resp)) + 1000), resp[, c("age_band", "gender", "stratum", "cluster", "weight")])
set.seed(20261202)
for (s in scenarios) {
  r <- long$rating[long$scenario == s][match(resp$respondent_id, long$respondent_id[long$scenario == s])]
  # Some of the skipped answers are "Don't know" (9, user-missing); the rest stay system-missing.
  dk <- is.na(r) & runif(length(r)) < 0.5
  r[dk] <- 9
  wide[[paste0("q_", s)]] <- r
}
label_of <- c("Very creepy" = 1, "Creepy" = 2, "Neither" = 3, "Helpful" = 4, "Very helpful" = 5, "Don't know" = 9)
question <- c(sale_alert = "A brand you shop with tells you when items go on sale",
              repurchase_reminder = "A reminder to buy again",
              birthday_offer = "A birthday offer",
              in_aisle_offer = "An offer while you browse the aisles",
              retargeted_ad_unknown_brand = "An ad from a brand you never bought from",
              overheard_coffee_ad = "A coffee ad after you talked about coffee")

# ---- haven: labelled_spss with user-missing 9 ---------------------------------------------------------------
hv <- wide
for (s in scenarios) {
  v <- paste0("q_", s)
  hv[[v]] <- labelled_spss(as.numeric(wide[[v]]), labels = label_of, na_values = 9, label = question[[s]])
}
hv$weight <- as.numeric(hv$weight)
write_sav(hv, "data/own-files/survey-haven.sav", compress = "byte")
write_sav(hv, "data/own-files/survey-haven.zsav", compress = "zsav")

# ---- GNU PSPP: the same from a CSV, with syntax -------------------------------------------------------------
write.csv(wide, "data/own-files/survey-wide-for-pspp.csv", row.names = FALSE, na = "", quote = FALSE)
qvars <- paste0("q_", scenarios)
sps <- c(
  "SET DECIMAL=DOT.",
  "GET DATA /TYPE=TXT /FILE='data/own-files/survey-wide-for-pspp.csv' /ENCODING='UTF-8' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=','",
  paste0("  /VARIABLES=id A8 age_band A8 gender A8 stratum A4 cluster A8 weight F12.6 ", paste(qvars, "F1.0", collapse = " "), "."),
  paste0("VARIABLE LABELS ", paste(sprintf("%s '%s'", qvars, gsub("'", "''", question[scenarios])), collapse = " /"), "."),
  paste0("VALUE LABELS ", paste(qvars, collapse = " "), " 1 'Very creepy' 2 'Creepy' 3 'Neither' 4 'Helpful' 5 'Very helpful' 9 'Don''t know'."),
  paste0("MISSING VALUES ", paste(qvars, collapse = " "), " (9)."),
  "SAVE OUTFILE='data/own-files/survey-pspp.sav' /COMPRESSED.")
writeLines(sps, "data/own-files/survey-pspp.sps")
stopifnot(system("pspp data/own-files/survey-pspp.sps") == 0)
file.remove("data/own-files/survey-wide-for-pspp.csv")

# ---- a Qualtrics-style export: three header rows, choice texts ----------------------------------------------
q <- data.frame(StartDate = "2026-11-20 10:00:00", EndDate = "2026-11-20 10:06:00", Status = "IP Address",
                ResponseId = sprintf("R_%s", wide$id), wide[, c("stratum", "cluster", "weight")], stringsAsFactors = FALSE)
for (s in scenarios) {
  v <- wide[[paste0("q_", s)]]
  q[[paste0("Q1_", s)]] <- ifelse(is.na(v), "", names(label_of)[match(v, label_of)])
}
header2 <- c("Start Date", "End Date", "Response Type", "Response ID", "stratum", "cluster", "weight",
             paste0("How creepy or helpful is this? - ", question[scenarios]))
header3 <- c('{"ImportId":"startDate","timeZone":"Europe/Berlin"}', '{"ImportId":"endDate","timeZone":"Europe/Berlin"}',
             '{"ImportId":"status"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID90_TEXT"}', '{"ImportId":"QID91_TEXT"}',
             '{"ImportId":"QID92_TEXT"}', sprintf('{"ImportId":"QID1_%d"}', seq_along(scenarios)))
quote_csv <- function(x) ifelse(grepl('[",]', x), paste0('"', gsub('"', '""', x), '"'), x)
lines <- c(paste(quote_csv(names(q)), collapse = ","), paste(quote_csv(header2), collapse = ","), paste(quote_csv(header3), collapse = ","),
           apply(q, 1, function(row) paste(quote_csv(trimws(as.character(row))), collapse = ",")))
writeLines(lines, "data/own-files/qualtrics-export.csv")
writeLines(c("label,code", "Very creepy,1", "Creepy,2", "Neither,3", "Helpful,4", "Very helpful,5", "Don't know,"),
           "data/own-files/qualtrics-labels.csv")

# ---- a plain wide CSV: identifier `id`, no country, skipped answers empty, "Don't know" as 9 -> here simply empty --
plain <- wide
for (v in qvars) plain[[v]] <- ifelse(plain[[v]] %in% 9, NA, plain[[v]])
write.csv(plain, "data/own-files/survey-wide.csv", row.names = FALSE, na = "", quote = FALSE)

# ---- what survey computes on each file, read with haven (user-missing -> NA) ---------------------------------
reference <- function(data, path, id) {
  data$weight <- as.numeric(data$weight)
  d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = data, nest = TRUE)
  do.call(rbind, lapply(scenarios, function(s) {
    v <- zap_labels(data[[paste0("q_", s)]])
    data$score <- ifelse(is.na(v), NA, ifelse(v >= 4, 1, ifelse(v <= 2, -1, 0)))
    d <- update(d, score = data$score)
    m <- svymean(~score, d, na.rm = TRUE)
    data.frame(file = path, scenario = s, n = sum(!is.na(data$score)), net = fmt(coef(m)), se = fmt(SE(m)))
  }))
}
rows <- rbind(
  reference(as.data.frame(read_sav("data/own-files/survey-haven.sav")), "survey-haven.sav"),
  reference(as.data.frame(read_sav("data/own-files/survey-haven.zsav")), "survey-haven.zsav"),
  reference(as.data.frame(read_sav("data/own-files/survey-pspp.sav")), "survey-pspp.sav"),
  reference(read.csv("data/own-files/survey-wide.csv", stringsAsFactors = FALSE), "survey-wide.csv"))
write_expected(rows, "net-scores",
  "data <- read_sav(FILE)  # haven: user-missing (9) becomes NA",
  "d <- svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, data = data, nest = TRUE)",
  "svymean(~score, d, na.rm = TRUE) per scenario, score = +1 (4-5), 0 (3), -1 (1-2)",
  "qualtrics-export.csv holds the same answers as text (Don't know = not answered), so its net scores are those of survey-wide.csv")
cat("wrote data/own-files/ and expected/own-files/net-scores.csv\n")
