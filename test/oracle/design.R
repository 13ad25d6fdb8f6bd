# Reference values for a plan's design section (packages/core/src/analysis/design-mdes.ts): the
# minimum detectable effects of the design that test/sap/design-economics.test.ts appends to the
# mini plan, computed here from Bloom's formulas with R's qt — which of the plan's settings apply to
# which outcome (a response rate and a design effect only for outcomes weighted for non-response;
# a control rate in ppt for a binary outcome; an SD for earnings in pounds) written out again.
#
#   Rscript test/oracle/design.R     (from the repository root; writes test/oracle/design.json)
#
# Needs: r-base-core (stats only). The output is committed; the test suite needs no R.

source("test/oracle/json.R")
out <- "test/oracle/design.json"

mdes <- function(alpha, power, P, r2, K, n = NA, r = 1, D = 1, J = NA, m = NA, icc = NA, r2c = 0) {
  if (is.na(J)) {
    se <- sqrt(D * (1 - r2) / (P * (1 - P) * n * r)); df <- n * r - K - 2
  } else {
    se <- sqrt(D * (icc * (1 - r2c) / (P * (1 - P) * J) + (1 - icc) * (1 - r2) / (P * (1 - P) * J * m * r))); df <- J - K - 2
  }
  M <- qt(1 - alpha / 2, df) + qt(power, df)
  list(mdes = M * se, df = df, multiplier = M, standard_error = se)
}
case <- function(variant, population, outcome, res, mde = NA) c(list(variant = variant, population = population, outcome = outcome), res, list(mde = mde))

cases <- list()
add <- function(x) cases[[length(cases) + 1]] <<- x

# individually randomised: alpha 0.05, power 0.8, R2 0.2, no covariates; survey response 0.5 and
# design effect 1.3 for the weighted outcome (phq9_12) only
for (pop in list(list("scr", 400), list("all", 800))) {
  n <- pop[[2]]
  e <- mdes(0.05, 0.8, 0.5, 0.2, 0, n = n)
  add(case("individual", pop[[1]], "employed13w", e, if (pop[[1]] == "scr") 100 * e$mdes * sqrt(0.3 * 0.7) else NA))
  add(case("individual", pop[[1]], "earnings12", e, e$mdes * 3000))
  w <- mdes(0.05, 0.8, 0.5, 0.2, 0, n = n, r = 0.5, D = 1.3)
  add(case("individual", pop[[1]], "phq9_12", w, w$mdes))
}

# cluster-randomised 2:1, ICC 0.05, cluster-level R2 0.1, R2 0.3 for phq9_12, 2 covariates,
# one-sided at alpha 0.1 with 90% power (one-sided: the critical value is qt(1 - alpha, df))
mdes1 <- function(...) { args <- list(...); args$alpha <- 2 * args$alpha; do.call(mdes, args) }
for (pop in list(list("scr", 20), list("all", 40))) {
  J <- pop[[2]]
  e <- mdes1(alpha = 0.1, power = 0.9, P = 2 / 3, r2 = 0.2, K = 2, J = J, m = 15, icc = 0.05, r2c = 0.1)
  add(case("cluster", pop[[1]], "employed13w", e, 100 * e$mdes * sqrt(0.25 * 0.75)))
  w <- mdes1(alpha = 0.1, power = 0.9, P = 2 / 3, r2 = 0.3, K = 2, J = J, m = 15, icc = 0.05, r2c = 0.1, r = 0.6, D = 1.1)
  add(case("cluster", pop[[1]], "phq9_12", w, w$mdes))
}

writeLines(to_json(list(cases = cases)), out)
cat("wrote", out, "\n")
