# An independent re-implementation, in R, of `trialstat run test/sap/mini/adjusted.yaml`: the mini
# trial analysed as ordinary SAPs say it — the common covariates (age with a missing indicator,
# gender) plus, for wellbeing, its own baseline score0 (ANCOVA); a pooled population adjusted for
# two randomisation strata (site, group); gender and site compared with the reference levels the
# plan names (relevel: M, WMCA); subgroups by gender and age band; HC2 (estimatr::lm_robust),
# car::linearHypothesis and p.adjust (Holm). Writes test/oracle/plan.json; test/sap/plan-oracle.test.ts
# compares every number of the results with it.
#   Rscript test/oracle/plan.R      (from the repository root)
suppressPackageStartupMessages({ library(estimatr); library(car) })
source("test/oracle/mini-trial.R")
# the plan's reference levels, as R's relevel; age band as a factor
d$gender <- relevel(factor(d$gender), ref = "M")
d$site <- relevel(factor(d$site), ref = "WMCA")
d$group <- factor(d$group)
d$age_band <- factor(d$age_band)

num <- function(x) if (is.null(x) || is.na(x)) "null" else sprintf("%.17g", x)
str <- function(x) if (is.null(x) || is.na(x)) "null" else paste0('"', x, '"')
outcomes <- list(
  list(name = "employed13w", col = "employed13w", report = "ppt", own = character(0)),
  list(name = "earnings12", col = "earnings12", report = "currency", own = character(0)),
  list(name = "survey12.wellbeing", col = "wellbeing", report = "sd", own = "score0")
)
pops <- list(scr = d$site == "SCR", pooled = rep(TRUE, nrow(d)))
strata <- list(scr = character(0), pooled = c("site", "group"))
rows <- list()
primary_idx <- list(scr = integer(0), pooled = integer(0))

for (pname in names(pops)) {
  for (o in outcomes) {
    a <- d[pops[[pname]] & !is.na(d[[o$col]]), ]
    a$y <- a[[o$col]]
    # missing-indicator method over the analysed rows
    covs <- c("age", "gender", o$own)
    if (any(is.na(a$age))) {
      a$age_missing <- as.integer(is.na(a$age))
      a$age[is.na(a$age)] <- mean(a$age, na.rm = TRUE)
      covs <- c("age", "age_missing", "gender", o$own)
    }
    rhs <- c("treat", covs, strata[[pname]])
    fit <- lm_robust(as.formula(paste("y ~", paste(rhs, collapse = " + "))), data = a, se_type = "HC2")
    ctl <- a$y[a$treat == 0]
    control_sd <- sd(ctl)
    scale <- switch(o$report, ppt = 100, sd = 1 / control_sd, 1)
    est <- coef(fit)[["treat"]]; se <- fit$std.error[["treat"]]; df <- fit$df[["treat"]]
    rows[[length(rows) + 1]] <- list(population = pname, outcome = o$name, subgroup = NA, level = NA,
      estimate = est, std_error = se, df = df, p_value = fit$p.value[["treat"]],
      conf_low_95 = fit$conf.low[["treat"]], conf_high_95 = fit$conf.high[["treat"]],
      effect = est * scale, effect_std_error = se * scale, effect_size = est / control_sd, control_sd = control_sd,
      control_mean = mean(ctl), treated_mean = mean(a$y[a$treat == 1]),
      n_control = sum(a$treat == 0), n_treated = sum(a$treat == 1), interaction_p = NA)
    primary_idx[[pname]] <- c(primary_idx[[pname]], length(rows))
    for (s in c("gender", "age_band")) {
      b <- droplevels(a[!is.na(a[[s]]), ])
      others <- setdiff(c(covs, strata[[pname]]), s)
      # a covariate constant in this subset (age_missing when the subgroup is age band) is aliased:
      # trialstat reports it as left out; here it is left out so that linearHypothesis accepts the model
      others <- others[sapply(others, function(x) length(unique(b[[x]])) > 1)]
      fs <- lm_robust(as.formula(paste("y ~ treat *", s, if (length(others)) paste("+", paste(others, collapse = " + ")) else "")), data = b, se_type = "HC2")
      V <- vcov(fs); bcoef <- coef(fs)
      lv <- levels(b[[s]])
      inter <- paste0("treat:", s, lv[-1])
      ip <- linearHypothesis(fs, paste(inter, "= 0"), vcov. = V, test = "F")$`Pr(>F)`[2]
      for (k in seq_along(lv)) {
        cvec <- setNames(rep(0, length(bcoef)), names(bcoef)); cvec["treat"] <- 1
        if (k > 1) cvec[inter[k - 1]] <- 1
        ok <- !is.na(bcoef)
        e <- sum(cvec[ok] * bcoef[ok]); v <- drop(t(cvec[ok]) %*% V %*% cvec[ok]); dfr <- fs$df.residual
        inlv <- b[[s]] == lv[k]
        rows[[length(rows) + 1]] <- list(population = pname, outcome = o$name, subgroup = s, level = lv[k],
          estimate = e, std_error = sqrt(v), df = dfr, p_value = 2 * pt(-abs(e / sqrt(v)), dfr),
          conf_low_95 = e - qt(0.975, dfr) * sqrt(v), conf_high_95 = e + qt(0.975, dfr) * sqrt(v),
          effect = e * scale, effect_std_error = sqrt(v) * scale, effect_size = e / control_sd, control_sd = control_sd,
          control_mean = mean(b$y[inlv & b$treat == 0]), treated_mean = mean(b$y[inlv & b$treat == 1]),
          n_control = sum(inlv & b$treat == 0), n_treated = sum(inlv & b$treat == 1), interaction_p = ip)
      }
    }
  }
}
for (pname in names(primary_idx)) {
  idx <- primary_idx[[pname]]
  padj <- p.adjust(sapply(rows[idx], function(r) r$p_value), "holm")
  for (k in seq_along(idx)) rows[[idx[k]]]$p_adjusted <- padj[k]
}

fields <- c("estimate", "std_error", "df", "p_value", "p_adjusted", "conf_low_95", "conf_high_95", "effect", "effect_std_error",
            "effect_size", "control_sd", "control_mean", "treated_mean", "n_control", "n_treated", "interaction_p")
json_rows <- sapply(rows, function(r) {
  parts <- c(sprintf('"population": %s', str(r$population)), sprintf('"outcome": %s', str(r$outcome)),
             sprintf('"subgroup": %s', str(r$subgroup)), sprintf('"level": %s', str(r$level)),
             sapply(fields, function(f) sprintf('"%s": %s', f, num(r[[f]]))))
  paste0("    {", paste(parts, collapse = ", "), "}")
})
writeLines(c("{", '  "source": "test/oracle/plan.R: estimatr::lm_robust (HC2), relevel, car::linearHypothesis, p.adjust",', '  "rows": [', paste(json_rows, collapse = ",\n"), "  ]", "}"), "test/oracle/plan.json")
cat("wrote test/oracle/plan.json:", length(rows), "rows\n")
