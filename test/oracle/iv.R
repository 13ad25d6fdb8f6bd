# Reference values for two-stage least squares (estimatr::iv_robust, with diagnostics = TRUE) and
# Lin's (2013) covariate adjustment (estimatr::lm_lin).
#
#   Rscript test/oracle/iv.R        (from the repository root; writes test/oracle/iv.json and the
#                                    data sets test/oracle/data/iv1.csv, iv2.csv)
#
# Needs: r-base-core r-cran-estimatr r-cran-jsonlite (Debian). Every data set is written to CSV and
# read back before fitting, so R and trialstat see exactly the same numbers. The output is
# committed; the test suite needs no R.

suppressPackageStartupMessages({
  library(estimatr)
})

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits
source("test/oracle/oracle-data.R")  # out_dir, data_dir, write_data(): data written as trialstat reads them

# ---- data sets ----
set.seed(20261213)

# iv1: an encouragement trial with two-sided non-compliance, 36 clusters of unequal size (3 to 12),
# weights varying within clusters, a second random encouragement z2 and a third z3, a factor g,
# a three-valued arm for Lin's multi-arm case, and a few missing values.
sizes <- rep(3:12, length.out = 36)
cl <- rep(sprintf("c%02d", seq_along(sizes)), sizes)
n1 <- length(cl)
u <- rnorm(length(sizes), 0, 0.7)[as.integer(factor(cl))]
d <- data.frame(cl = cl)
d$treat <- rbinom(n1, 1, 0.5)
d$z2 <- rbinom(n1, 1, 0.4)
d$z3 <- round(rnorm(n1), 4)
d$x1 <- round(rnorm(n1, 5, 2), 3)
d$x2 <- round(runif(n1), 4)
d$g <- sample(c("A", "B", "C"), n1, replace = TRUE)
d$arm <- sample(0:2, n1, replace = TRUE)
d$w <- round(runif(n1, 0.4, 2.6), 3)
propensity <- plogis(-1.2 + 2.2 * d$treat + 0.9 * d$z2 + 0.25 * (d$x1 - 5) + 0.6 * u)
d$takeup <- rbinom(n1, 1, propensity)
d$hours <- round(d$takeup * (4 + 2 * d$z3 + rnorm(n1)) + 0.8 * d$z2 + rnorm(n1, 0, 0.5), 3)
d$y <- round(1 + 1.5 * d$takeup + 0.2 * d$hours + 0.4 * d$x1 - 0.8 * d$x2 + ifelse(d$g == "B", 0.5, ifelse(d$g == "C", -0.3, 0)) +
  0.3 * d$arm + u + 0.8 * u * d$takeup + rnorm(n1, 0, 1 + 0.5 * d$takeup), 4)
d$y[c(5, 77)] <- NA
d$x1[c(31)] <- NA
d$takeup[c(150)] <- NA
d$z2[c(200)] <- NA
iv1 <- write_data(d, "iv1")

# iv2: a weak instrument (first-stage F well below 10) and a small sample
set.seed(7)
n2 <- 80
e <- data.frame(treat = rbinom(n2, 1, 0.5), x1 = round(rnorm(n2), 3))
e$takeup <- rbinom(n2, 1, plogis(-0.4 + 0.35 * e$treat + 0.5 * e$x1))
e$y <- round(2 + 1 * e$takeup + 0.5 * e$x1 + rnorm(n2), 4)
iv2 <- write_data(e, "iv2")

# the README's example (examples/fit/make-engagement.R)
engagement <- read.csv("examples/fit/engagement.csv", stringsAsFactors = FALSE)

datasets <- list(iv1 = iv1, iv2 = iv2, engagement = engagement)
data_paths <- list(iv1 = "data/iv1.csv", iv2 = "data/iv2.csv", engagement = "../../examples/fit/engagement.csv")

tidy_rows <- function(fit) {
  t <- tidy(fit)
  lapply(seq_len(nrow(t)), function(j) list(
    term = t$term[j], estimate = t$estimate[j], std_error = t$std.error[j], statistic = t$statistic[j],
    df = t$df[j], p_value = t$p.value[j], conf_low = t$conf.low[j], conf_high = t$conf.high[j]))
}

fit_args <- function(df, se_type, weights, cluster, level) {
  args <- list(data = df, se_type = se_type, alpha = 1 - level)
  if (!is.null(weights)) args$weights <- df[[weights]]
  if (!is.null(cluster)) args$clusters <- df[[cluster]]
  args
}

common <- function(fit, df) {
  list(n = fit$nobs, n_dropped = nrow(df) - fit$nobs, rank = fit$rank, df_residual = fit$df.residual,
       r_squared = unname(fit$r.squared), n_clusters = if (is.null(fit$nclusters)) NULL else fit$nclusters,
       terms = vec(names(coef(fit))), coefficients = tidy_rows(fit),
       vcov = lapply(seq_len(nrow(vcov(fit))), function(i) vec(unname(vcov(fit)[i, ]))))  # rows stay arrays when 1 × 1
}

# ---- two-stage least squares ----
iv_cases <- list()
add_iv <- function(name, data_name, formula, se_type, weights = NULL, cluster = NULL, level = 0.95) {
  df <- datasets[[data_name]]
  args <- c(list(formula = as.formula(formula), diagnostics = TRUE), fit_args(df, se_type, weights, cluster, level))
  fit <- do.call(iv_robust, args)
  expected <- common(fit, df)
  fs <- fit$diagnostic_first_stage_fstatistic
  values <- fs[grepl("value$", names(fs)) & !grepl("p\\.value$", names(fs))]
  pvals <- fs[grepl("p\\.value$", names(fs))]
  two_part <- Formula::as.Formula(as.formula(formula))
  frame <- model.frame(two_part, data = df)
  endog <- setdiff(colnames(model.matrix(two_part, data = frame, rhs = 1)), colnames(model.matrix(two_part, data = frame, rhs = 2)))
  if (length(values) > 1) stopifnot(identical(endog, sub(":value$", "", names(values))))
  expected$first_stage <- lapply(seq_along(values), function(k) list(
    regressor = endog[k],
    statistic = unname(values[k]), df1 = unname(fs["nomdf"]), df2 = unname(fs["dendf"]), p_value = unname(pvals[k])))
  wh <- fit$diagnostic_endogeneity_test
  expected$wu_hausman <- list(statistic = unname(wh["value"]), df1 = unname(wh["numdf"]), df2 = unname(wh["dendf"]), p_value = unname(wh["p.value"]))
  oi <- fit$diagnostic_overid_test
  expected$overidentification <- list(statistic = unname(oi["value"]), df = unname(oi["df"]), p_value = unname(oi["p.value"]))
  iv_cases[[length(iv_cases) + 1]] <<- list(
    name = name, data = data_paths[[data_name]], formula = formula, se_type = se_type,
    weights = weights, cluster = cluster, level = level, expected = expected)
  invisible(fit)
}

simple <- "y ~ takeup | treat"
covariates <- "y ~ takeup + x1 + x2 | treat + x1 + x2"
overidentified <- "y ~ takeup + x1 + g | treat + z2 + x1 + g"
two_endogenous <- "y ~ takeup + hours + x1 | treat + z2 + z3 + x1"
for (se in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  add_iv(paste("simple", se), "iv1", simple, se)
  add_iv(paste("covariates", se), "iv1", covariates, se)
  add_iv(paste("covariates weighted", se), "iv1", covariates, se, weights = "w")
  add_iv(paste("overidentified with a factor", se), "iv1", overidentified, se)
  add_iv(paste("overidentified weighted", se), "iv1", overidentified, se, weights = "w")
  add_iv(paste("two endogenous", se), "iv1", two_endogenous, se)
}
for (se in c("CR0", "stata", "CR2")) {
  add_iv(paste("simple clustered", se), "iv1", simple, se, cluster = "cl")
  add_iv(paste("covariates clustered", se), "iv1", covariates, se, cluster = "cl")
  add_iv(paste("covariates clustered weighted", se), "iv1", covariates, se, weights = "w", cluster = "cl")
  add_iv(paste("overidentified clustered", se), "iv1", overidentified, se, cluster = "cl")
  add_iv(paste("overidentified clustered weighted", se), "iv1", overidentified, se, weights = "w", cluster = "cl")
  add_iv(paste("two endogenous clustered", se), "iv1", two_endogenous, se, cluster = "cl")
}
add_iv("factor() instruments and interactions", "iv1", "y ~ takeup + x1 + factor(arm) | treat + treat:x1 + x1 + factor(arm)", "HC2")
add_iv("no intercept, every instrument excluded", "iv1", "y ~ 0 + takeup | 0 + treat + z2", "HC2")
add_iv("no intercept, classical", "iv1", "y ~ 0 + takeup | 0 + treat + z2", "classical")
add_iv("90% intervals", "iv1", covariates, "HC2", level = 0.90)
add_iv("weak instrument HC2", "iv2", "y ~ takeup + x1 | treat + x1", "HC2")
add_iv("weak instrument classical", "iv2", "y ~ takeup + x1 | treat + x1", "classical")
add_iv("README example", "engagement", "swemwbs12 ~ engaged + swemwbs0 | treat + swemwbs0", "CR2", weights = "weight", cluster = "clinic")

# ---- Lin (2013) ----
lin_cases <- list()
add_lin <- function(name, data_name, formula, covariates, se_type, weights = NULL, cluster = NULL, level = 0.95) {
  df <- datasets[[data_name]]
  args <- c(list(formula = as.formula(formula), covariates = as.formula(covariates)), fit_args(df, se_type, weights, cluster, level))
  fit <- do.call(lm_lin, args)
  expected <- common(fit, df)
  expected$centres <- lapply(seq_along(fit$scaled_center), function(k) list(term = names(fit$scaled_center)[k], centre = unname(fit$scaled_center[k])))
  lin_cases[[length(lin_cases) + 1]] <<- list(
    name = name, data = data_paths[[data_name]], formula = formula, covariates = covariates,
    se_type = se_type, weights = weights, cluster = cluster, level = level, expected = expected)
  invisible(fit)
}

for (se in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  add_lin(paste("numeric covariates", se), "iv1", "y ~ treat", "~ x1 + x2", se)
  add_lin(paste("with a factor, weighted", se), "iv1", "y ~ treat", "~ x1 + g", se, weights = "w")
}
for (se in c("CR0", "stata", "CR2")) {
  add_lin(paste("clustered", se), "iv1", "y ~ treat", "~ x1 + x2 + g", se, cluster = "cl")
  add_lin(paste("clustered weighted", se), "iv1", "y ~ treat", "~ x1 + x2 + g", se, weights = "w", cluster = "cl")
}
add_lin("names: an interaction and factor()", "iv1", "y ~ treat", "~ x1 + x1:x2 + factor(arm)", "HC2")
add_lin("names: I()", "iv1", "y ~ treat", "~ I(x1^2) + x2", "HC2")
add_lin("three-valued numeric treatment", "iv1", "y ~ arm", "~ x1 + g", "HC2")
add_lin("factor treatment", "iv1", "y ~ factor(arm)", "~ x1 + x2", "CR2", cluster = "cl")
add_lin("no intercept, one treatment column", "iv1", "y ~ treat - 1", "~ x1 + x2", "HC2")
add_lin("no intercept, factor treatment", "iv1", "y ~ 0 + factor(arm)", "~ x1", "HC1", weights = "w")
add_lin("90% intervals", "iv1", "y ~ treat", "~ x1 + x2", "HC2", level = 0.90)
add_lin("small sample", "iv2", "y ~ treat", "~ x1", "HC2")
add_lin("README example", "engagement", "swemwbs12 ~ treat", "~ swemwbs0 + age + site", "HC2")

writeLines(to_json(list(
  r_version = R.version.string,
  estimatr_version = as.character(packageVersion("estimatr")),
  iv = iv_cases,
  lin = lin_cases
)), file.path(out_dir, "iv.json"))
