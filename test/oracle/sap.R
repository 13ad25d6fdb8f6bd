# An independent re-implementation, in R, of what `trialstat run test/sap/mini/sap.yaml` computes:
# linkage (erasure, withdrawal before the 12-month survey), the administrative outcomes (month
# offsets 1..12 after the month of randomisation), recodes, missing-indicator covariates, and every
# effect with estimatr::lm_robust (HC2), subgroup contrasts, car::linearHypothesis interaction tests
# and p.adjust (Holm within population). Writes test/oracle/sap.json; test/sap/sap-oracle.test.ts
# compares every number of results.json with it.
#   Rscript test/oracle/sap.R      (from the repository root)
source("test/oracle/json.R")
source("test/oracle/effect-rows.R")
source("test/oracle/mini-trial.R")

# PHQ-9 at 12 months: -8 and blanks missing; up to 2 missing items prorated (mean x 9, half up)
items <- surv[match(d$id, surv$id), paste0("phq", 1:9)]
items[items == -8] <- NA
answered <- rowSums(!is.na(items))
d$phq9_12 <- ifelse(eligible & !is.na(match(d$id, surv$id)) & answered >= 7, floor(rowSums(items, na.rm = TRUE) * 9 / answered + 0.5), NA)

source("test/oracle/mini-weights.R")

outcomes <- list(
  list(name = "employed13w", col = "employed13w", report = "ppt", role = "primary"),
  list(name = "earnings12", col = "earnings12", report = "currency", role = "primary"),
  list(name = "survey12.wellbeing", col = "wellbeing", report = "sd", role = "primary"),
  list(name = "months_employed12", col = "months_employed12", report = "raw", role = "secondary"),
  list(name = "phq9_12", col = "phq9_12", report = "sd", role = "secondary", weights = "nr12")
)
pops <- list(scr = d$site == "SCR", all = rep(TRUE, nrow(d)))
strata <- list(scr = character(0), all = c("site"))
rows <- list()

for (pname in names(pops)) {
  for (o in outcomes) {
    weighted <- !is.null(o$weights)
    a <- d[pops[[pname]] & !is.na(d[[o$col]]) & (!weighted | !is.na(d$nr12)), ]
    a$y <- a[[o$col]]
    a$w <- if (weighted) a$nr12 else 1
    # missing-indicator covariates over the analysed rows
    a$age_missing <- as.integer(is.na(a$age))
    if (any(is.na(a$age))) {
      a$age[is.na(a$age)] <- mean(a$age, na.rm = TRUE)
      covs <- c("age", "age_missing", "gender", "score0")
    } else covs <- c("age", "gender", "score0")
    rows <- c(rows, outcome_rows(a, pname, o$name, covs, strata[[pname]], o$report, c("gender", "age_band"), role = o$role))
  }
  # within the population: Holm over the primary ITT rows, Benjamini-Hochberg over the secondary
  for (family in list(c("primary", "holm"), c("secondary", "BH"))) {
    idx <- which(vapply(rows, function(r) r$population == pname && is.na(r$subgroup) && r$role == family[1], TRUE))
    padj <- p.adjust(vapply(rows[idx], function(r) r$p_value, 0), family[2])
    for (k in seq_along(idx)) rows[[idx[k]]]$p_adjusted <- padj[k]
  }
}

fields <- c("estimate", "std_error", "df", "p_value", "p_adjusted", "conf_low_90", "conf_low_95", "conf_high_95", "conf_high_99",
            "effect", "effect_std_error", "effect_size", "control_sd", "control_mean", "treated_mean", "n_control", "n_treated", "interaction_p")
writeLines(oracle_json(rows, fields, "test/oracle/sap.R: estimatr::lm_robust (HC2), car::linearHypothesis, p.adjust"), "test/oracle/sap.json")
cat("wrote test/oracle/sap.json:", length(rows), "rows\n")
