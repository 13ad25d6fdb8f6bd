# An independent re-implementation, in R, of `trialstat run test/sap/mini/inference.yaml`: the mini
# trial with the analyses a plan asks for beside the ITT —
# - the ITT: estimatr::lm_robust (HC2), covariates age (mean-filled, with a missing indicator when
#   an analysed participant lacks it) and gender, the pooled population's strata site and group,
#   the survey outcomes weighted by nr12 (as sap.R builds it), Holm over the primary outcomes;
# - Lin's adjustment: estimatr::lm_lin(y ~ treat, covariates = ~ the ITT's covariates and strata);
# - the CACE: estimatr::iv_robust(y ~ engaged + X | treat + X, diagnostics = TRUE), with take-up
#   (engaged, from the provider's records) by arm;
# - randomisation inference in the population "older" (15 participants, 8 treated): every one of
#   the choose(15, 8) = 6,435 assignments refitted with lm.fit (ri-functions.R: ri2's p-value, the
#   interval by inverting the test);
# - the pairs bootstrap of earnings12 in scr: the resamples trialstat drew (listed in
#   data/inference-plan-input.json, made by inference-plan-input.mjs) refitted with lm and
#   sandwich::vcovHC(type = "HC2"), summarised as boot.ci does (norm.inter) with the symmetric
#   bootstrap-t p-value;
# - bounds for the survey outcomes (bounds-functions.R): Lee's by hand, worst/best case for the
#   binary one, over every member of the population, an outcome missing where nr12 is.
# Writes test/oracle/inference-plan.json; test/sap/inference-oracle.test.ts compares.
#   Rscript test/oracle/inference-plan.R      (from the repository root)
suppressPackageStartupMessages({ library(estimatr); library(sandwich); library(boot); library(jsonlite) })
source("test/oracle/json.R")
source("test/oracle/mini-trial.R")
source("test/oracle/mini-weights.R")
source("test/oracle/ri-functions.R")
source("test/oracle/bounds-functions.R")

provider <- read.csv(file.path(dir, "provider.csv"), colClasses = c(id = "character"))
work <- read.csv(file.path(dir, "work12.csv"), colClasses = c(id = "character"))
d$engaged <- provider$engaged[match(d$id, provider$id)]
d$in_work <- work$in_work[match(d$id, work$id)]
d$gender <- relevel(factor(d$gender), ref = "M")
d$site <- relevel(factor(d$site), ref = "WMCA")
d$group <- factor(d$group)

outcomes <- list(
  list(name = "employed13w", col = "employed13w", report = "ppt", role = "primary", pops = c("scr", "pooled", "older")),
  list(name = "earnings12", col = "earnings12", report = "currency", role = "primary", pops = c("scr", "pooled", "older")),
  list(name = "survey12.wellbeing", col = "wellbeing", report = "sd", role = "secondary", weighted = TRUE, bounds = "lee", pops = c("scr", "pooled")),
  list(name = "work12.in_work", col = "in_work", report = "ppt", role = "secondary", weighted = TRUE, bounds = c("lee", "worst_case"), pops = c("scr", "pooled"))
)
pops <- list(scr = d$site == "SCR", pooled = rep(TRUE, nrow(d)), older = !is.na(d$age) & d$age >= 63)
strata <- list(scr = character(0), pooled = c("site", "group"), older = character(0))
wmean <- function(y, w) sum(w * y) / sum(w)
wsd <- function(y, w) { w <- w * length(y) / sum(w); sqrt(sum(w * (y - wmean(y, w))^2) / (length(y) - 1)) }
boot_input <- fromJSON("test/oracle/data/inference-plan-input.json", simplifyVector = FALSE)$bootstrap

rows <- list()
row_of <- function(pname, o, analysis, est, se, df, a, extra = list()) {
  ctl <- a$treat == 0
  control_sd <- wsd(a$y[ctl], a$w[ctl])
  scale <- switch(o$report, ppt = 100, sd = 1 / control_sd, 1)
  q <- qt(0.975, df)
  c(list(population = pname, outcome = o$name, analysis = analysis, estimate = est, std_error = se, df = df,
         p_value = 2 * pt(-abs(est / se), df), conf_low_95 = est - q * se, conf_high_95 = est + q * se,
         effect = est * scale, effect_std_error = se * scale, effect_size = est / control_sd, control_sd = control_sd,
         control_mean = wmean(a$y[ctl], a$w[ctl]), treated_mean = wmean(a$y[!ctl], a$w[!ctl]),
         n_control = sum(ctl), n_treated = sum(!ctl)), extra)
}

for (pname in names(pops)) {
  for (o in outcomes) {
    if (!(pname %in% o$pops)) next
    weighted <- isTRUE(o$weighted)
    members <- d[pops[[pname]], ]
    a <- members[!is.na(members[[o$col]]) & (!weighted | !is.na(members$nr12)), ]
    a$y <- a[[o$col]]
    a$w <- if (weighted) a$nr12 else 1
    covs <- c("age", "gender")
    if (any(is.na(a$age))) {
      a$age_missing <- as.integer(is.na(a$age))
      a$age[is.na(a$age)] <- mean(a$age, na.rm = TRUE)
      covs <- c("age", "age_missing", "gender")
    }
    x <- c(covs, strata[[pname]])
    rhs <- paste(x, collapse = " + ")
    itt <- lm_robust(as.formula(paste("y ~ treat +", rhs)), data = a, weights = w, se_type = "HC2")
    r <- row_of(pname, o, "itt", coef(itt)[["treat"]], itt$std.error[["treat"]], itt$df[["treat"]], a, list(role = o$role))

    if (pname == "older") {
      # every assignment of the 15 participants with 8 treated, refitted; an assignment whose arm lies in
      # the covariates' span has no estimate (the arm entered last, as lm gives it NA) and is left out
      X <- model.matrix(as.formula(paste("~", rhs)), a)
      coef_arm <- function(y, t, X, w) {
        s <- sqrt(w)
        b <- lm.fit(cbind(X, t) * s, y * s)$coefficients
        unname(b[length(b)])
      }
      assignments <- enumerate_units(a$treat, rep(0, nrow(a)))
      est <- vapply(assignments, function(t) coef_arm(a$y, t, X, a$w), 0)
      bt <- vapply(assignments, function(t) coef_arm(a$treat, t, X, a$w), 0)
      ok <- !is.na(est)
      a0 <- coef_arm(a$y, a$treat, X, a$w)
      refit_p <- function(tau) {
        yt <- a$y - tau * a$treat
        mean(vapply(assignments[ok], function(t) abs(coef_arm(yt, t, X, a$w)), 0) >= (1 - eps) * abs(a0 - tau))
      }
      ci <- interval(est[ok], bt[ok], a0, 0.95, refit_p)
      r$ri_estimate <- a0
      r$ri_p_value <- p_values(est[ok], a0)$two_sided
      r$ri_draws <- sum(ok)
      r$ri_assignments <- length(assignments)
      r$ri_conf_low <- ci$low
      r$ri_conf_high <- ci$high
    }

    if (pname == "scr" && o$name == boot_input$outcome) {
      ids <- vapply(boot_input$ids, identity, "")
      if (!identical(ids, a$id)) stop("the bootstrap's participants are not those analysed here, in this order")
      X <- model.matrix(as.formula(paste("~ treat +", rhs)), a)
      j <- which(colnames(X) == "treat")
      replicate <- t(vapply(boot_input$resamples, function(idx) {
        idx <- unlist(idx) + 1
        fit <- lm(a$y[idx] ~ X[idx, ] - 1)
        # a resample that loses a column, or in which one row alone fixes a coefficient (leverage 1,
        # HC2 undefined), cannot support the model: a failed draw
        if (anyNA(coef(fit)) || any(1 - hatvalues(fit) < 1e-10)) return(c(NA, NA))
        se <- sqrt(vcovHC(fit, type = "HC2")[j, j])
        c(coef(fit)[[j]], se)
      }, c(0, 0)))
      good <- !is.na(replicate[, 1])
      theta <- replicate[good, 1]
      z <- (theta - r$estimate) / replicate[good, 2]
      q <- boot:::norm.inter(z, c(0.975, 0.025))[, 2]
      r$boot_draws_failed <- sum(!good)
      r$boot_std_error <- sd(theta)
      r$boot_conf_low <- r$estimate - r$std_error * q[1]
      r$boot_conf_high <- r$estimate - r$std_error * q[2]
      r$boot_p_value <- mean(abs(z) > abs(r$estimate / r$std_error))
    }

    if (!is.null(o$bounds)) {
      y <- ifelse(is.na(members$nr12), NA, members[[o$col]])
      ones <- rep(1, length(y))
      l <- lee(y, members$treat, ones)
      r$bounds_n_control <- sum(members$treat == 0)
      r$bounds_n_treated <- sum(members$treat == 1)
      r$response_control <- l$q0
      r$response_treated <- l$q1
      r$lee_lower <- l$lower
      r$lee_upper <- l$upper
      r$lee_trim_share <- l$trim_share
      if ("worst_case" %in% o$bounds) {
        m <- manski(y, members$treat, ones)
        r$worst_case_lower <- m$lower
        r$worst_case_upper <- m$upper
      }
    }
    rows[[length(rows) + 1]] <- r

    lin <- lm_lin(y ~ treat, covariates = as.formula(paste("~", rhs)), data = a, weights = w, se_type = "HC2")
    rows[[length(rows) + 1]] <- row_of(pname, o, "lin", coef(lin)[["treat"]], lin$std.error[["treat"]], lin$df[["treat"]], a)

    if (pname != "older") {
      iv <- iv_robust(as.formula(paste("y ~ engaged +", rhs, "| treat +", rhs)), data = a, weights = w, se_type = "HC2", diagnostics = TRUE)
      f <- iv$diagnostic_first_stage_fstatistic
      ctl <- a$treat == 0
      rows[[length(rows) + 1]] <- row_of(pname, o, "cace", coef(iv)[["engaged"]], iv$std.error[["engaged"]], iv$df[["engaged"]], a, list(
        take_up_control = wmean(a$engaged[ctl], a$w[ctl]), take_up_treated = wmean(a$engaged[!ctl], a$w[!ctl]),
        first_stage_f = f[["value"]], first_stage_df1 = f[[2]], first_stage_df2 = f[[3]], first_stage_p = f[["p.value"]]))
    }
  }
}

# Holm over each population's primary ITT rows
for (pname in names(pops)) {
  idx <- which(vapply(rows, function(r) r$population == pname && r$analysis == "itt" && identical(r$role, "primary"), TRUE))
  padj <- p.adjust(vapply(rows[idx], function(r) r$p_value, 0), "holm")
  for (k in seq_along(idx)) rows[[idx[k]]]$p_adjusted <- padj[k]
}
for (k in seq_along(rows)) rows[[k]]$role <- NULL

writeLines(to_json(list(source = "test/oracle/inference-plan.R: estimatr::lm_robust, lm_lin, iv_robust (HC2); lm.fit over every assignment; lm + sandwich HC2 over the bootstrap's resamples; Lee and worst-case bounds by hand", rows = rows)), "test/oracle/inference-plan.json")
cat("wrote test/oracle/inference-plan.json:", length(rows), "rows\n")
