# An independent re-implementation, in R, of what `trialstat run test/sap/mini/sap.yaml` computes:
# linkage (erasure, withdrawal before the 12-month survey), the administrative outcomes (month
# offsets 1..12 after the month of randomisation), recodes, missing-indicator covariates, and every
# effect with estimatr::lm_robust (HC2), subgroup contrasts, car::linearHypothesis interaction tests
# and p.adjust (Holm within population). Writes test/oracle/sap.json; test/sap/sap-oracle.test.ts
# compares every number of results.json with it.
#   Rscript test/oracle/sap.R      (from the repository root)
suppressPackageStartupMessages({ library(estimatr); library(car) })
source("test/oracle/mini-trial.R")

# PHQ-9 at 12 months: -8 and blanks missing; up to 2 missing items prorated (mean x 9, half up)
items <- surv[match(d$id, surv$id), paste0("phq", 1:9)]
items[items == -8] <- NA
answered <- rowSums(!is.na(items))
d$phq9_12 <- ifelse(eligible & !is.na(match(d$id, surv$id)) & answered >= 7, floor(rowSums(items, na.rm = TRUE) * 9 / answered + 0.5), NA)

source("test/oracle/mini-weights.R")

num <- function(x) if (is.null(x) || is.na(x)) "null" else sprintf("%.17g", x)
str <- function(x) if (is.null(x) || is.na(x)) "null" else paste0('"', x, '"')
rows <- list()
outcomes <- list(
  list(name = "employed13w", col = "employed13w", report = "ppt", role = "primary"),
  list(name = "earnings12", col = "earnings12", report = "currency", role = "primary"),
  list(name = "survey12.wellbeing", col = "wellbeing", report = "sd", role = "primary"),
  list(name = "months_employed12", col = "months_employed12", report = "raw", role = "secondary"),
  list(name = "phq9_12", col = "phq9_12", report = "sd", role = "secondary", weights = "nr12")
)
wmean <- function(y, w) sum(w * y) / sum(w)
wsd <- function(y, w) { w <- w * length(y) / sum(w); sqrt(sum(w * (y - wmean(y, w))^2) / (length(y) - 1)) }
pops <- list(scr = d$site == "SCR", all = rep(TRUE, nrow(d)))
strata <- list(scr = character(0), all = c("site"))

for (pname in names(pops)) {
  primary_idx <- c(); secondary_idx <- c()
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
    rhs <- c("treat", covs, strata[[pname]])
    fit <- lm_robust(as.formula(paste("y ~", paste(rhs, collapse = " + "))), data = a, se_type = "HC2", weights = w)
    ctl <- a$y[a$treat == 0]
    # effect: the estimate in the reported unit; effect_size: the estimate over the controls' SD, in every unit
    control_sd <- wsd(ctl, a$w[a$treat == 0])
    scale <- switch(o$report, ppt = 100, sd = 1 / control_sd, 1)
    est <- coef(fit)["treat"]; se <- fit$std.error["treat"]; df <- fit$df["treat"]
    row <- list(population = pname, outcome = o$name, subgroup = NA, level = NA, estimate = est, std_error = se, df = df,
                p_value = fit$p.value["treat"], conf_low_95 = fit$conf.low["treat"], conf_high_95 = fit$conf.high["treat"],
                conf_low_90 = est - qt(0.95, df) * se, conf_high_99 = est + qt(0.995, df) * se,
                effect = est * scale, effect_std_error = se * scale, effect_size = est / control_sd, control_sd = control_sd, control_mean = wmean(ctl, a$w[a$treat == 0]), treated_mean = wmean(a$y[a$treat == 1], a$w[a$treat == 1]),
                n_control = sum(a$treat == 0), n_treated = sum(a$treat == 1), interaction_p = NA, role = o$role)
    rows[[length(rows) + 1]] <- row
    if (o$role == "primary") primary_idx <- c(primary_idx, length(rows)) else secondary_idx <- c(secondary_idx, length(rows))
    for (s in c("gender", "age_band")) {
      b <- a[!is.na(a[[s]]), ]
      others <- setdiff(c(covs, strata[[pname]]), s)
      # a covariate constant in this subset (age_missing when the subgroup is age_band) is aliased:
      # trialstat reports it as null; here it is left out so that linearHypothesis accepts the model
      others <- others[sapply(others, function(x) length(unique(b[[x]])) > 1)]
      f <- as.formula(paste("y ~ treat *", s, if (length(others)) paste("+", paste(others, collapse = " + ")) else ""))
      fs <- lm_robust(f, data = b, se_type = "HC2", weights = w)
      V <- vcov(fs); bcoef <- coef(fs)
      lv <- sort(unique(b[[s]]))
      inter <- paste0("treat:", s, lv[-1])
      ip <- linearHypothesis(fs, paste(inter, "= 0"), vcov. = V, test = "F")$`Pr(>F)`[2]
      for (k in seq_along(lv)) {
        cvec <- setNames(rep(0, length(bcoef)), names(bcoef)); cvec["treat"] <- 1
        if (k > 1) cvec[inter[k - 1]] <- 1
        ok <- !is.na(bcoef)
        e <- sum(cvec[ok] * bcoef[ok]); v <- drop(t(cvec[ok]) %*% V %*% cvec[ok]); dfr <- fs$df.residual
        inlv <- b[[s]] == lv[k]
        rows[[length(rows) + 1]] <- list(population = pname, outcome = o$name, subgroup = s, level = lv[k], estimate = e, std_error = sqrt(v), df = dfr,
          p_value = 2 * pt(-abs(e / sqrt(v)), dfr), conf_low_95 = e - qt(0.975, dfr) * sqrt(v), conf_high_95 = e + qt(0.975, dfr) * sqrt(v),
          conf_low_90 = e - qt(0.95, dfr) * sqrt(v), conf_high_99 = e + qt(0.995, dfr) * sqrt(v),
          effect = e * scale, effect_std_error = sqrt(v) * scale, effect_size = e / control_sd, control_sd = control_sd, control_mean = wmean(b$y[inlv & b$treat == 0], b$w[inlv & b$treat == 0]), treated_mean = wmean(b$y[inlv & b$treat == 1], b$w[inlv & b$treat == 1]),
          n_control = sum(inlv & b$treat == 0), n_treated = sum(inlv & b$treat == 1), interaction_p = ip, role = o$role)
      }
    }
  }
  padj <- p.adjust(sapply(rows[primary_idx], function(r) r$p_value), "holm")
  for (k in seq_along(primary_idx)) rows[[primary_idx[k]]]$p_adjusted <- padj[k]
  padj <- p.adjust(sapply(rows[secondary_idx], function(r) r$p_value), "BH")
  for (k in seq_along(secondary_idx)) rows[[secondary_idx[k]]]$p_adjusted <- padj[k]
}

fields <- c("estimate", "std_error", "df", "p_value", "p_adjusted", "conf_low_90", "conf_low_95", "conf_high_95", "conf_high_99",
            "effect", "effect_std_error", "effect_size", "control_sd", "control_mean", "treated_mean", "n_control", "n_treated", "interaction_p")
json_rows <- sapply(rows, function(r) {
  parts <- c(sprintf('"population": %s', str(r$population)), sprintf('"outcome": %s', str(r$outcome)),
             sprintf('"subgroup": %s', str(r$subgroup)), sprintf('"level": %s', str(r$level)))
  for (f in fields) parts <- c(parts, sprintf('"%s": %s', f, num(unname(r[[f]]))))
  paste0("    {", paste(parts, collapse = ", "), "}")
})
writeLines(c("{", '  "generated_by": "test/oracle/sap.R",', '  "rows": [', paste(json_rows, collapse = ",\n"), "  ]", "}"), "test/oracle/sap.json")
cat("wrote test/oracle/sap.json:", length(rows), "rows\n")
