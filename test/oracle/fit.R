# Reference values for the regression engine, from the R functions docs/statistics.md names.
#
#   Rscript test/oracle/fit.R        (from the repository root; writes test/oracle/fit.json and
#                                     the data sets in test/oracle/data/)
#
# Needs: r-base-core r-cran-estimatr r-cran-sandwich r-cran-lmtest r-cran-car r-cran-jsonlite
# (Debian). Every data set is written to CSV and read back before fitting, so R and trialstat
# see exactly the same numbers. The output is committed; the test suite needs no R.

suppressPackageStartupMessages({
  library(estimatr)
  library(sandwich)
  library(lmtest)
  library(car)
})

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits
source("test/oracle/oracle-data.R")  # out_dir, data_dir, write_data(): data written as trialstat reads them

# ---- data sets ----
set.seed(20261124)
n1 <- 60
d1 <- data.frame(
  id = 1:n1,
  treat = rep(0:1, length.out = n1),
  x1 = round(rnorm(n1, 10, 3), 3),
  x2 = round(runif(n1), 4),
  g = sample(c("A", "B", "C"), n1, replace = TRUE),
  w = round(runif(n1, 0.4, 2.5), 3)
)
d1$y <- round(2 + 0.8 * d1$treat + 0.3 * d1$x1 - d1$x2 + ifelse(d1$g == "B", 0.5, ifelse(d1$g == "C", -0.4, 0)) +
  rnorm(n1, 0, 1 + 0.5 * d1$treat), 4)
d1$employed <- rbinom(n1, 1, plogis(-0.5 + 0.9 * d1$treat + 0.08 * (d1$x1 - 10)))
d1 <- write_data(d1, "d1")

# clusters of unequal size (1..10), weights varying within clusters, a few missing values
sizes <- c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 5, 7, 2, 8)
cl <- rep(sprintf("k%02d", seq_along(sizes)), sizes)
n2 <- length(cl)
u <- rnorm(length(sizes))[as.integer(factor(cl))]
d2 <- data.frame(
  cl = cl,
  treat = rbinom(n2, 1, 0.5),
  x1 = round(rnorm(n2), 4),
  g = sample(c("low", "mid", "high"), n2, replace = TRUE),
  w = round(runif(n2, 0.5, 3), 3)
)
d2$y <- round(1 + 0.6 * d2$treat + 0.4 * d2$x1 + u + rnorm(n2), 4)
d2$employed <- rbinom(n2, 1, plogis(-0.2 + 0.8 * d2$treat + 0.5 * u))
d2$y[c(4, 30)] <- NA
d2$x1[c(11)] <- NA
d2 <- write_data(d2, "d2")

# small n
d3 <- write_data(data.frame(y = c(1.2, 2.3, 2.9, 4.1, 5.2, 5.8, 7.4, 8.1), x = c(1, 2, 3, 4, 5, 6, 7, 8),
                            z = c(0, 1, 0, 1, 1, 0, 1, 0)), "d3")

# collinear: x3 = x1 + x2
d4 <- d1[, c("y", "treat", "x1", "x2")]
d4$x3 <- d4$x1 + d4$x2
d4 <- write_data(d4, "d4")

# sandwich's PetersenCL (5,000 rows, 500 firms)
data("PetersenCL", package = "sandwich")
petersen <- write_data(PetersenCL, "petersen")

# d1 with three weights of 0 (lm and Stata leave such rows out) and its employment as yes/no text
d5 <- d1
d5$w[c(3, 17, 40)] <- 0
d5$employed_yn <- ifelse(d5$employed == 1, "yes", "no")
d5 <- write_data(d5, "d5")

datasets <- list(d1 = d1, d2 = d2, d3 = d3, d4 = d4, petersen = petersen, d5 = d5)

# ---- linear models ----
cases <- list()
wald <- list()

tidy_lm <- function(fit, level) {
  ci <- confint(fit, level = level)
  s <- summary(fit)$coefficients
  terms <- names(coef(fit))
  lapply(seq_along(terms), function(j) {
    list(term = terms[j], estimate = unname(coef(fit)[j]), std_error = unname(s[j, "Std. Error"]),
         statistic = unname(s[j, "t value"]), df = unname(fit$df[j]), p_value = unname(s[j, "Pr(>|t|)"]),
         conf_low = unname(ci[j, 1]), conf_high = unname(ci[j, 2]))
  })
}

# summary(lm_robust)'s closing lines: R², adjusted R², residual SE and the robust F test of all slopes
# (on n - k, or clusters - 1, denominator df)
# (on n - k, or clusters - 1, denominator df). The F statistic b'V⁻¹b/q is recomputed with V scaled to
# unit diagonal before solving: estimatr's own solve loses digits when V is ill-conditioned (the I()
# powers case, condition number 1e10, differs in the 4th digit); where V is well-conditioned the two agree
# to 1e-9, which this script checks.
glance_lm <- function(fit) {
  f <- summary(fit)$fstatistic
  slopes <- setdiff(names(coef(fit)), "(Intercept)")
  b <- coef(fit)[slopes]
  V <- vcov(fit)[slopes, slopes, drop = FALSE]
  D <- diag(1 / sqrt(diag(V)), nrow = length(slopes))
  statistic <- drop(crossprod(D %*% b, solve(D %*% V %*% D, D %*% b))) / length(slopes)
  if (kappa(V) < 1e8) stopifnot(abs(statistic / f["value"] - 1) < 1e-9)
  list(r_squared = unname(fit$r.squared), adj_r_squared = unname(fit$adj.r.squared), sigma = sqrt(fit$res_var),
       statistic = statistic, statistic_lm_robust = unname(f["value"]), df = unname(f["numdf"]), df_denominator = unname(f["dendf"]),
       p_value = pf(statistic, f["numdf"], f["dendf"], lower.tail = FALSE))
}

add_lm <- function(name, data_name, formula, se_type, weights = NULL, cluster = NULL, level = 0.95, reference = NULL) {
  df <- datasets[[data_name]]
  # the reference level of a factor, as trialstat's --reference variable=level
  for (v in names(reference)) df[[v]] <- relevel(factor(df[[v]]), ref = reference[[v]])
  # rows of weight 0 are left out as lm (and Stata) leave them out: estimatr keeps them in n and in the
  # residual df (so its classical SEs and its t df differ); lm_robust on the other rows is lm's convention
  fitted_rows <- if (is.null(weights)) df else df[df[[weights]] != 0 | is.na(df[[weights]]), ]
  args <- list(formula = as.formula(formula), data = fitted_rows, se_type = se_type, alpha = 1 - level)
  if (!is.null(weights)) args$weights <- fitted_rows[[weights]]
  if (!is.null(cluster)) args$clusters <- fitted_rows[[cluster]]
  fit <- do.call(lm_robust, args)
  lmfit <- if (is.null(weights)) lm(as.formula(formula), data = df) else lm(as.formula(formula), data = df, weights = df[[weights]])
  cases[[length(cases) + 1]] <<- list(
    name = name, data = paste0("data/", data_name, ".csv"), formula = formula, family = "gaussian",
    se_type = se_type, weights = weights, cluster = cluster, level = level, reference = reference,
    expected = list(
      n = fit$nobs, n_dropped = nrow(df) - fit$nobs, rank = fit$rank, df_residual = fit$df.residual,
      r_squared = unname(fit$r.squared), n_clusters = if (is.null(cluster)) NULL else fit$nclusters,
      terms = vec(names(coef(fit))),
      aliased = vec(names(coef(lmfit))[is.na(coef(lmfit))]),
      coefficients = tidy_lm(fit, level),
      vcov = vcov(fit),
      glance = glance_lm(fit)
    )
  )
  invisible(fit)
}

for (se in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  add_lm(paste0("d1 ", se), "d1", "y ~ treat + x1 + x2 + g", se)
  add_lm(paste0("d1 weighted ", se), "d1", "y ~ treat + x1 + x2 + g", se, weights = "w")
}
add_lm("d1 HC2 90%", "d1", "y ~ treat + x1 + x2 + g", "HC2", level = 0.90)
for (se in c("CR0", "stata", "CR2")) {
  add_lm(paste0("d2 ", se), "d2", "y ~ treat + x1 + g", se, cluster = "cl")
  add_lm(paste0("d2 weighted ", se), "d2", "y ~ treat + x1 + g", se, weights = "w", cluster = "cl")
}
add_lm("d2 HC2 with missing values", "d2", "y ~ treat + x1 + g", "HC2")

# interactions and coding
f_int <- add_lm("d1 interaction treat*g HC2", "d1", "y ~ treat * g + x1", "HC2")
add_lm("d1 treat + treat:g (contrasts)", "d1", "y ~ treat + treat:g", "HC2")
add_lm("d1 x1 + treat:g (indicator coding)", "d1", "y ~ x1 + treat:g", "HC2")
add_lm("d1 no intercept with factor", "d1", "y ~ g - 1 + x1", "HC1")
add_lm("d1 no intercept + 0", "d1", "y ~ 0 + x1 + treat", "classical")
add_lm("d1 interaction of numerics, reordered", "d1", "y ~ x1:x2 + x1", "HC3")
add_lm("d1 powers by I()", "d1", "y ~ x1 + I(x1^2) + I(log(x1 + 20))", "HC2")
add_lm("d1 (a+b+c)^2", "d1", "y ~ (treat + x1 + g)^2", "HC2")
add_lm("d1 factor() of a number", "d1", "y ~ factor(treat) + x1", "HC2")
f_cr2 <- add_lm("d2 interaction CR2", "d2", "y ~ treat * g + x1", "CR2", cluster = "cl")
add_lm("d3 small n classical", "d3", "y ~ x + z", "classical")
# plans and fit: a factor's reference level (relevel), functions of variables named as R names them,
# and rows of weight 0 left out
add_lm("d1 relevelled factor g = C", "d1", "y ~ treat * g + x1", "HC2", reference = list(g = "C"))
add_lm("d2 relevelled factor, CR2", "d2", "y ~ treat + g + x1", "CR2", cluster = "cl", reference = list(g = "mid"))
add_lm("d1 log(), sqrt(), abs(), exp()", "d1", "y ~ treat + log(x1) + sqrt(abs(x2 - 0.5)) + exp(x2)", "HC2")
add_lm("d1 log() outcome", "d1", "log(y + 10) ~ treat + x1", "HC1")
add_lm("d5 weights with zeros HC2", "d5", "y ~ treat + x1 + g", "HC2", weights = "w")
add_lm("d5 weights with zeros classical", "d5", "y ~ treat + x1", "classical", weights = "w")
add_lm("d3 small n HC3", "d3", "y ~ x + z", "HC3")

# rank deficiency: lm aliases x3; estimatr (Eigen pivoting) may alias another column, so the
# reference for the identified coefficients is lm_robust on the design without lm's aliased column.
local({
  df <- d4
  lmfit <- lm(y ~ treat + x1 + x2 + x3, data = df)
  fit <- lm_robust(y ~ treat + x1 + x2, data = df, se_type = "HC2")
  ci <- confint(fit)
  s <- summary(fit)$coefficients
  rows <- tidy_lm(fit, 0.95)
  rows[[length(rows) + 1]] <- list(term = "x3", estimate = NA, std_error = NA, statistic = NA, df = NA, p_value = NA, conf_low = NA, conf_high = NA)
  cases[[length(cases) + 1]] <<- list(
    name = "d4 collinear x3 = x1 + x2", data = "data/d4.csv", formula = "y ~ treat + x1 + x2 + x3", family = "gaussian",
    se_type = "HC2", weights = NULL, cluster = NULL, level = 0.95,
    expected = list(n = fit$nobs, n_dropped = 0, rank = fit$rank, df_residual = fit$df.residual, r_squared = unname(fit$r.squared),
                    n_clusters = NULL, terms = vec(names(coef(lmfit))), aliased = vec(names(coef(lmfit))[is.na(coef(lmfit))]),
                    coefficients = rows, vcov = vcov(fit))
  )
})

# sandwich's check values: Stata-style cluster SEs for PetersenCL
add_lm("PetersenCL stata", "petersen", "y ~ x", "stata", cluster = "firm")
add_lm("PetersenCL CR2", "petersen", "y ~ x", "CR2", cluster = "firm")
petersen_check <- sqrt(diag(vcovCL(lm(y ~ x, data = petersen), cluster = ~firm, type = "HC1")))

# ---- Wald tests: car::linearHypothesis with the robust vcov, F on (q, n - k) ----
add_wald <- function(name, case_name, fit, terms, test = "F") {
  lh <- linearHypothesis(fit, paste(terms, "= 0"), vcov. = vcov(fit), test = test)
  stat <- if (test == "F") lh$F[2] else lh$Chisq[2]
  p <- if (test == "F") lh$`Pr(>F)`[2] else lh$`Pr(>Chisq)`[2]
  wald[[length(wald) + 1]] <<- list(name = name, case = case_name, terms = vec(terms), test = if (test == "F") "F" else "chisq",
                                    statistic = stat, df1 = lh$Df[2], df2 = if (test == "F") lh$Res.Df[2] else NULL, p_value = p)
}
add_wald("treat:g interaction, HC2", "d1 interaction treat*g HC2", f_int, c("treat:gB", "treat:gC"))
add_wald("treat:g interaction, CR2", "d2 interaction CR2", f_cr2, c("treat:glow", "treat:gmid"))
add_wald("one term, HC2", "d1 interaction treat*g HC2", f_int, c("x1"))

# ---- logistic regression ----
logit_cases <- list()
add_logit <- function(name, data_name, formula, se_type, weights = NULL, cluster = NULL, ame = NULL, level = 0.95) {
  df <- datasets[[data_name]]
  # a yes/no outcome: glm reads the factor's second level (in sorted order) as the event
  response <- all.vars(as.formula(formula))[1]
  if (is.character(df[[response]])) df[[response]] <- factor(df[[response]])
  ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  fit <- if (is.null(weights)) glm(as.formula(formula), family = binomial, data = df, control = ctl) else
    suppressWarnings(glm(as.formula(formula), family = binomial, data = df, weights = df[[weights]], control = ctl))
  V <- switch(se_type,
    classical = vcov(fit),
    HC0 = vcovHC(fit, type = "HC0"),
    HC1 = vcovHC(fit, type = "HC1"),
    stata = vcovCL(fit, cluster = df[[cluster]][as.integer(rownames(model.frame(fit)))], type = "HC0", cadjust = TRUE)
  )
  ct <- coeftest(fit, vcov. = V)
  z <- qnorm(1 - (1 - level) / 2)
  est <- coef(fit)
  se <- sqrt(diag(V))
  rows <- lapply(seq_along(est), function(j) list(
    term = names(est)[j], estimate = unname(est[j]), std_error = unname(se[j]), statistic = unname(ct[j, 3]), df = NA,
    p_value = unname(ct[j, 4]), conf_low = unname(est[j] - z * se[j]), conf_high = unname(est[j] + z * se[j])))
  expected <- list(n = nobs(fit), n_dropped = nrow(df) - nobs(fit), rank = fit$rank, df_residual = fit$df.residual,
                   n_clusters = if (is.null(cluster)) NULL else length(unique(df[[cluster]][as.integer(rownames(model.frame(fit)))])),
                   terms = vec(names(est)), coefficients = rows, vcov = V, deviance = fit$deviance,
                   glance = list(deviance = fit$deviance, null_deviance = fit$null.deviance, df_null = fit$df.null,
                                 # a weighted logit is a pseudo-likelihood fit: trialstat reports no likelihood for it
                                 log_lik = if (is.null(weights)) as.numeric(logLik(fit)) else NULL,
                                 aic = if (is.null(weights)) AIC(fit) else NULL, bic = if (is.null(weights)) BIC(fit) else NULL,
                                 wald_all_slopes = local({
                                   slopes <- setdiff(names(est), "(Intercept)")
                                   lh <- linearHypothesis(fit, paste(slopes, "= 0"), vcov. = V, test = "Chisq")
                                   list(statistic = lh$Chisq[2], df = lh$Df[2], p_value = lh$`Pr(>Chisq)`[2])
                                 })))
  if (!is.null(ame)) {
    # average marginal effect of a 0/1 variable with a delta-method SE (the definition that
    # marginaleffects::avg_comparisons computes numerically)
    mf <- model.frame(fit)
    d0 <- mf; d0[[ame]] <- 0
    d1_ <- mf; d1_[[ame]] <- 1
    tt <- delete.response(terms(fit))
    X0 <- model.matrix(tt, d0); X1 <- model.matrix(tt, d1_)
    p0 <- plogis(drop(X0 %*% est)); p1 <- plogis(drop(X1 %*% est))
    wt <- if (is.null(weights)) rep(1, nrow(mf)) else mf[["(weights)"]]
    estimate <- sum(wt * (p1 - p0)) / sum(wt)
    grad <- colSums(wt * (p1 * (1 - p1) * X1 - p0 * (1 - p0) * X0)) / sum(wt)
    se_ame <- sqrt(drop(t(grad) %*% V %*% grad))
    expected$marginal_effect <- list(term = ame, estimate = estimate, std_error = se_ame, statistic = estimate / se_ame,
                                     p_value = 2 * pnorm(-abs(estimate / se_ame)), conf_low = estimate - z * se_ame,
                                     conf_high = estimate + z * se_ame, mean_at_0 = sum(wt * p0) / sum(wt), mean_at_1 = sum(wt * p1) / sum(wt))
  }
  logit_cases[[length(logit_cases) + 1]] <<- list(name = name, data = paste0("data/", data_name, ".csv"), formula = formula,
    family = "binomial", se_type = se_type, weights = weights, cluster = cluster, level = level, marginal_effect = ame, expected = expected)
  invisible(list(fit = fit, V = V))
}
for (se in c("classical", "HC0", "HC1")) add_logit(paste0("d1 logit ", se), "d1", "employed ~ treat + x1 + g", se, ame = "treat")
add_logit("d1 weighted logit HC0", "d1", "employed ~ treat + x1 + g", "HC0", weights = "w", ame = "treat")
add_logit("d5 logit of a yes/no outcome HC0", "d5", "employed_yn ~ treat + x1", "HC0", ame = "treat")
lg <- add_logit("d2 logit stata clusters", "d2", "employed ~ treat + x1", "stata", cluster = "cl", ame = "treat")
lgi <- add_logit("d1 logit interaction HC0", "d1", "employed ~ treat * x2 + x1", "HC0", ame = "treat")
local({
  lh <- linearHypothesis(lgi$fit, c("treat = 0", "treat:x2 = 0"), vcov. = lgi$V, test = "Chisq")
  wald[[length(wald) + 1]] <<- list(name = "logit treat and treat:x2, HC0", case = "d1 logit interaction HC0",
    terms = vec(c("treat", "treat:x2")), test = "chisq", statistic = lh$Chisq[2], df1 = lh$Df[2], df2 = NULL, p_value = lh$`Pr(>Chisq)`[2])
})

# ---- linear hypotheses written as text (trialstat fit --test): car::linearHypothesis reads the same text
hypotheses <- list()
add_hypothesis <- function(case_name, fit, V, text, test = "F") {
  restrictions <- trimws(strsplit(text, ",")[[1]])
  lh <- linearHypothesis(fit, restrictions, vcov. = V, test = test)
  hypotheses[[length(hypotheses) + 1]] <<- list(case = case_name, hypothesis = text, test = if (test == "F") "F" else "chisq",
    statistic = if (test == "F") lh$F[2] else lh$Chisq[2], df1 = lh$Df[2], df2 = if (test == "F") lh$Res.Df[2] else NULL,
    p_value = if (test == "F") lh$`Pr(>F)`[2] else lh$`Pr(>Chisq)`[2])
}
add_hypothesis("d1 interaction treat*g HC2", f_int, vcov(f_int), "treat = 0, treat:gB = 0")
add_hypothesis("d1 interaction treat*g HC2", f_int, vcov(f_int), "gB = gC")
add_hypothesis("d1 interaction treat*g HC2", f_int, vcov(f_int), "2*x1 - treat = 1, gB + gC = 0")
add_hypothesis("d2 interaction CR2", f_cr2, vcov(f_cr2), "treat + treat:glow = 0")
add_hypothesis("d1 logit interaction HC0", lgi$fit, lgi$V, "treat = 0, treat:x2 = 0", test = "Chisq")
add_hypothesis("d1 logit interaction HC0", lgi$fit, lgi$V, "x1 = 0.1", test = "Chisq")

# ---- distribution functions (the tails that jstat gets wrong) ----
tq <- c(-40, -8, -2.5, -1.2, -0.3, 0, 0.7, 1.96, 3.5, 12)
tdf <- c(1, 2.5, 3.7, 10, 30, 230, 9998, 1e6)
dist <- list(
  pt = lapply(tdf, function(df) list(df = df, t = vec(tq), p = vec(pt(tq, df)))),
  qt = lapply(tdf, function(df) list(df = df, p = vec(c(0.0005, 0.005, 0.025, 0.05, 0.5, 0.9, 0.95, 0.975, 0.995)),
                                      q = vec(qt(c(0.0005, 0.005, 0.025, 0.05, 0.5, 0.9, 0.95, 0.975, 0.995), df)))),
  pnorm = list(z = vec(c(-37, -20, -8, -3, -1, 0, 0.5, 2, 6)), p = vec(pnorm(c(-37, -20, -8, -3, -1, 0, 0.5, 2, 6)))),
  qnorm = list(p = vec(c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999)),
               q = vec(qnorm(c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999)))),
  pf = lapply(list(c(1, 10), c(2, 50), c(3, 1e6), c(5, 7.3), c(12, 230)), function(d)
    list(df1 = d[1], df2 = d[2], f = vec(c(0.1, 1, 2.5, 4.2, 10, 100)), p = vec(pf(c(0.1, 1, 2.5, 4.2, 10, 100), d[1], d[2], lower.tail = FALSE)))),
  pchisq = lapply(c(1, 2, 3, 7, 20), function(df)
    list(df = df, x = vec(c(0.01, 0.5, 3, 10, 30, 80)), p = vec(pchisq(c(0.01, 0.5, 3, 10, 30, 80), df, lower.tail = FALSE))))
)

result <- list(
  generated_by = "test/oracle/fit.R",
  r_version = R.version.string,
  packages = list(estimatr = as.character(packageVersion("estimatr")), sandwich = as.character(packageVersion("sandwich")),
                  car = as.character(packageVersion("car")), lmtest = as.character(packageVersion("lmtest"))),
  petersen_hc1_check = vec(unname(petersen_check)),
  linear = cases,
  logit = logit_cases,
  wald = wald,
  hypotheses = hypotheses,
  distributions = dist
)
writeLines(to_json(result), file.path(out_dir, "fit.json"))
cat("wrote", file.path(out_dir, "fit.json"), ":", length(cases), "linear,", length(logit_cases), "logit,", length(wald), "Wald cases\n")
