# An independent re-implementation, in R, of `trialstat run test/sap/mini/adjusted.yaml`: the mini
# trial analysed as ordinary SAPs say it — the common covariates (age with a missing indicator,
# gender) plus, for wellbeing, its own baseline score0 (ANCOVA); a pooled population adjusted for
# two randomisation strata (site, group); gender and site compared with the reference levels the
# plan names (relevel: M, WMCA); subgroups by gender and age band; HC2 (estimatr::lm_robust),
# car::linearHypothesis and p.adjust (Holm). Writes test/oracle/plan.json; test/sap/plan-oracle.test.ts
# compares every number of the results with it.
#   Rscript test/oracle/plan.R      (from the repository root)
source("test/oracle/json.R")
source("test/oracle/effect-rows.R")
source("test/oracle/mini-trial.R")
# the plan's reference levels, as R's relevel; age band as a factor
d$gender <- relevel(factor(d$gender), ref = "M")
d$site <- relevel(factor(d$site), ref = "WMCA")
d$group <- factor(d$group)
d$age_band <- factor(d$age_band)

outcomes <- list(
  list(name = "employed13w", col = "employed13w", report = "ppt", own = character(0)),
  list(name = "earnings12", col = "earnings12", report = "currency", own = character(0)),
  list(name = "survey12.wellbeing", col = "wellbeing", report = "sd", own = "score0")
)
pops <- list(scr = d$site == "SCR", pooled = rep(TRUE, nrow(d)))
strata <- list(scr = character(0), pooled = c("site", "group"))
rows <- list()

for (pname in names(pops)) {
  for (o in outcomes) {
    a <- d[pops[[pname]] & !is.na(d[[o$col]]), ]
    a$y <- a[[o$col]]
    a$w <- 1
    # missing-indicator method over the analysed rows
    covs <- c("age", "gender", o$own)
    if (any(is.na(a$age))) {
      a$age_missing <- as.integer(is.na(a$age))
      a$age[is.na(a$age)] <- mean(a$age, na.rm = TRUE)
      covs <- c("age", "age_missing", "gender", o$own)
    }
    rows <- c(rows, outcome_rows(a, pname, o$name, covs, strata[[pname]], o$report, c("gender", "age_band"), role = "primary"))
  }
  # Holm over the population's (primary) ITT rows
  idx <- which(vapply(rows, function(r) r$population == pname && is.na(r$subgroup), TRUE))
  padj <- p.adjust(vapply(rows[idx], function(r) r$p_value, 0), "holm")
  for (k in seq_along(idx)) rows[[idx[k]]]$p_adjusted <- padj[k]
}

fields <- c("estimate", "std_error", "df", "p_value", "p_adjusted", "conf_low_95", "conf_high_95", "effect", "effect_std_error",
            "effect_size", "control_sd", "control_mean", "treated_mean", "n_control", "n_treated", "interaction_p")
writeLines(oracle_json(rows, fields, "test/oracle/plan.R: estimatr::lm_robust (HC2), relevel, car::linearHypothesis, p.adjust"), "test/oracle/plan.json")
cat("wrote test/oracle/plan.json:", length(rows), "rows\n")
