# The rows trialstat's results hold for one outcome in one population — the ITT effect, and the
# effect in each level of each subgroup — computed in R's own terms for the plan oracles (sap.R,
# plan.R): estimatr::lm_robust (HC2, weighted by a$w), each level's effect as the contrast
# treat + treat:S<level> of `y ~ treat * S + others`, car::linearHypothesis (F) for the interaction.
#   outcome_rows(a, population, outcome, covariates, strata, report, subgroups, role)
# a: the analysed rows, with y, w (1 for an unweighted outcome) and the variables; covariates: with
# any missing indicator; report: ppt, sd, currency or raw. A subgroup that is a factor keeps its
# levels' order (a reference level set with relevel), text is sorted. Each row also carries `role`,
# for the caller's multiplicity adjustment.
suppressPackageStartupMessages({ library(estimatr); library(car) })

wmean <- function(y, w) sum(w * y) / sum(w)
wsd <- function(y, w) { w <- w * length(y) / sum(w); sqrt(sum(w * (y - wmean(y, w))^2) / (length(y) - 1)) }

outcome_rows <- function(a, population, outcome, covariates, strata, report, subgroups, role = NA) {
  control <- a$treat == 0
  control_sd <- wsd(a$y[control], a$w[control])
  # effect: the estimate in the reported unit; effect_size: the estimate over the controls' SD, in every unit
  scale <- switch(report, ppt = 100, sd = 1 / control_sd, 1)
  # one row: the estimate e with its SE and df, over the rows of `in_rows` that are in the level
  row <- function(subgroup, level, e, se, df, in_rows, in_level, interaction_p) list(
    population = population, outcome = outcome, subgroup = subgroup, level = level,
    estimate = e, std_error = se, df = df, p_value = 2 * pt(-abs(e / se), df),
    conf_low_90 = e - qt(0.95, df) * se, conf_low_95 = e - qt(0.975, df) * se,
    conf_high_95 = e + qt(0.975, df) * se, conf_high_99 = e + qt(0.995, df) * se,
    effect = e * scale, effect_std_error = se * scale, effect_size = e / control_sd, control_sd = control_sd,
    control_mean = wmean(in_rows$y[in_level & in_rows$treat == 0], in_rows$w[in_level & in_rows$treat == 0]),
    treated_mean = wmean(in_rows$y[in_level & in_rows$treat == 1], in_rows$w[in_level & in_rows$treat == 1]),
    n_control = sum(in_level & in_rows$treat == 0), n_treated = sum(in_level & in_rows$treat == 1),
    interaction_p = interaction_p, role = role)

  fit <- lm_robust(as.formula(paste("y ~", paste(c("treat", covariates, strata), collapse = " + "))), data = a, se_type = "HC2", weights = w)
  rows <- list(row(NA, NA, unname(coef(fit)["treat"]), unname(fit$std.error["treat"]), unname(fit$df["treat"]), a, rep(TRUE, nrow(a)), NA))
  for (s in subgroups) {
    b <- droplevels(a[!is.na(a[[s]]), ])
    others <- setdiff(c(covariates, strata), s)
    # a covariate constant in this subset (age_missing when the subgroup is age band) is aliased:
    # trialstat reports it as left out; here it is left out so that linearHypothesis accepts the model
    others <- others[sapply(others, function(x) length(unique(b[[x]])) > 1)]
    fs <- lm_robust(as.formula(paste("y ~ treat *", s, if (length(others)) paste("+", paste(others, collapse = " + ")) else "")), data = b, se_type = "HC2", weights = w)
    V <- vcov(fs); coefs <- coef(fs)
    levels_s <- if (is.factor(b[[s]])) levels(b[[s]]) else sort(unique(b[[s]]))
    interaction <- paste0("treat:", s, levels_s[-1])
    interaction_p <- linearHypothesis(fs, paste(interaction, "= 0"), vcov. = V, test = "F")$`Pr(>F)`[2]
    estimable <- !is.na(coefs)
    for (k in seq_along(levels_s)) {
      contrast <- setNames(rep(0, length(coefs)), names(coefs)); contrast["treat"] <- 1
      if (k > 1) contrast[interaction[k - 1]] <- 1
      e <- sum(contrast[estimable] * coefs[estimable])
      v <- drop(t(contrast[estimable]) %*% V %*% contrast[estimable])
      rows[[length(rows) + 1]] <- row(s, levels_s[k], e, sqrt(v), fs$df.residual, b, b[[s]] == levels_s[k], interaction_p)
    }
  }
  rows
}

# The oracle's rows as JSON (json.R): the identifying fields, then `fields`, for each row (null
# where a row has none, as a subgroup's p_adjusted).
oracle_json <- function(rows, fields, generated_by) {
  keep <- c("population", "outcome", "subgroup", "level", fields)
  to_json(list(generated_by = generated_by, rows = lapply(rows, function(r) setNames(lapply(keep, function(k) if (is.null(r[[k]])) NA else r[[k]]), keep))))
}
