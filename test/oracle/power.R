# Reference values for power and minimum detectable effects (packages/core/src/stats/power and
# stats/distributions/noncentral-t.ts): R's pt(q, df, ncp), power.t.test and power.prop.test over a
# grid that includes unequal and one-sided cases, and Bloom's MDES formulas written out here in R.
#
#   Rscript test/oracle/power.R     (from the repository root; writes test/oracle/power.json)
#
# Needs: r-base-core (stats only). The output is committed; the test suite needs no R.
#
# R's power.t.test and power.prop.test solve for n, delta, sd, p1, p2 or sig.level with uniroot at
# tol = .Machine$double.eps^0.25 (1.2e-4): their answer is where that search stopped, which can be
# 3e-4 (relative) from the true solution. Each solved case is therefore recorded twice: `r` with R's
# default tol (what R prints) and `exact` with tol = 1e-13 (the solution itself).

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits
out <- "test/oracle/power.json"

# ---- pt(q, df, ncp): the noncentral t, both tails ----
pt_grid <- expand.grid(q = c(-3, -0.5, 0, 0.7, 1.96, 2.5, 6, 40), df = c(1, 3.5, 10, 57, 1000, 5e5),
                       ncp = c(-2, 0.3, 1, 2.8, 8, 38.5), stringsAsFactors = FALSE)
noncentral_t <- lapply(seq_len(nrow(pt_grid)), function(i) {
  g <- pt_grid[i, ]
  list(q = g$q, df = g$df, ncp = g$ncp,
       lower = suppressWarnings(pt(g$q, g$df, g$ncp)),
       upper = suppressWarnings(pt(g$q, g$df, g$ncp, lower.tail = FALSE)))
})

# ---- power.t.test ----
nul <- function(x) if (is.null(x)) NULL else x
t_case <- function(args) {
  r <- do.call(power.t.test, args)
  exact <- do.call(power.t.test, c(args, list(tol = 1e-13)))
  input <- args[c("n", "delta", "sd", "sig.level", "power", "type", "alternative", "strict")]
  names(input) <- c("n", "delta", "sd", "sig_level", "power", "type", "alternative", "strict")
  input <- lapply(input, function(v) if (is.null(v)) NA else v)
  pick <- function(res) list(n = res$n, delta = res$delta, sd = res$sd, sig_level = res$sig.level, power = res$power)
  list(input = input, r = pick(r), exact = pick(exact))
}
t_cases <- list()
add_t <- function(...) t_cases[[length(t_cases) + 1]] <<- t_case(list(...))
for (type in c("two.sample", "one.sample", "paired")) for (alt in c("two.sided", "one.sided")) for (strict in c(FALSE, TRUE)) {
  for (p in list(c(20, 1), c(200, 0.2), c(3, 2.5), c(1000, 0.05))) {
    add_t(n = p[1], delta = p[2], sd = 1, sig.level = 0.05, power = NULL, type = type, alternative = alt, strict = strict)
  }
  for (delta in c(0.1, 0.2, 0.5, 1.3)) for (power in c(0.5, 0.8, 0.9)) {
    add_t(n = NULL, delta = delta, sd = 1, sig.level = 0.05, power = power, type = type, alternative = alt, strict = strict)
  }
  for (n in c(5, 20, 100, 1000)) for (power in c(0.8, 0.9)) {
    add_t(n = n, delta = NULL, sd = 1, sig.level = 0.05, power = power, type = type, alternative = alt, strict = strict)
  }
}
# unequal sd, other alpha, sd and sig.level as unknowns, a negative delta
add_t(n = NULL, delta = 5, sd = 12, sig.level = 0.01, power = 0.9, type = "two.sample", alternative = "two.sided", strict = FALSE)
add_t(n = 50, delta = NULL, sd = 3.7, sig.level = 0.1, power = 0.8, type = "paired", alternative = "one.sided", strict = FALSE)
add_t(n = 40, delta = 0.5, sd = NULL, sig.level = 0.05, power = 0.8, type = "two.sample", alternative = "two.sided", strict = FALSE)
add_t(n = 40, delta = 0.5, sd = NULL, sig.level = 0.05, power = 0.8, type = "one.sample", alternative = "one.sided", strict = TRUE)
add_t(n = 40, delta = 0.5, sd = 1, sig.level = NULL, power = 0.8, type = "two.sample", alternative = "two.sided", strict = FALSE)
add_t(n = 15, delta = 0.8, sd = 1, sig.level = NULL, power = 0.9, type = "paired", alternative = "two.sided", strict = TRUE)
add_t(n = 60, delta = -0.4, sd = 1, sig.level = 0.05, power = NULL, type = "two.sample", alternative = "two.sided", strict = FALSE)
add_t(n = 1.5, delta = 3, sd = 1, sig.level = 0.05, power = NULL, type = "one.sample", alternative = "two.sided", strict = FALSE)
add_t(n = NULL, delta = 0.002, sd = 1, sig.level = 0.05, power = 0.8, type = "two.sample", alternative = "two.sided", strict = FALSE)

# ---- power.prop.test ----
prop_case <- function(args) {
  r <- do.call(power.prop.test, args)
  exact <- do.call(power.prop.test, c(args, list(tol = 1e-13)))
  input <- args[c("n", "p1", "p2", "sig.level", "power", "alternative", "strict")]
  names(input) <- c("n", "p1", "p2", "sig_level", "power", "alternative", "strict")
  input <- lapply(input, function(v) if (is.null(v)) NA else v)
  pick <- function(res) list(n = res$n, p1 = res$p1, p2 = res$p2, sig_level = res$sig.level, power = res$power)
  list(input = input, r = pick(r), exact = pick(exact))
}
prop_cases <- list()
add_p <- function(...) prop_cases[[length(prop_cases) + 1]] <<- prop_case(list(...))
for (alt in c("two.sided", "one.sided")) for (strict in c(FALSE, TRUE)) {
  for (pp in list(c(0.25, 0.55), c(0.5, 0.75), c(0.1, 0.12), c(0.8, 0.3))) {
    add_p(n = NULL, p1 = pp[1], p2 = pp[2], sig.level = 0.05, power = 0.8, alternative = alt, strict = strict)
    add_p(n = 150, p1 = pp[1], p2 = pp[2], sig.level = 0.05, power = NULL, alternative = alt, strict = strict)
  }
  add_p(n = 200, p1 = 0.3, p2 = NULL, sig.level = 0.05, power = 0.8, alternative = alt, strict = strict)
  add_p(n = 500, p1 = NULL, p2 = 0.4, sig.level = 0.05, power = 0.9, alternative = alt, strict = strict)
  add_p(n = 100, p1 = 0.2, p2 = 0.4, sig.level = NULL, power = 0.8, alternative = alt, strict = strict)
}
add_p(n = NULL, p1 = 0.25, p2 = 0.55, sig.level = 0.01, power = 0.95, alternative = "two.sided", strict = FALSE)
add_p(n = 1000, p1 = 0.05, p2 = NULL, sig.level = 0.1, power = 0.5, alternative = "one.sided", strict = FALSE)

# ---- Bloom's minimum detectable effect, written out ----
# multiplier M = t_{1-alpha/k}(df) + t_{power}(df) (k = 2 two-sided), or normal quantiles (df = Inf)
multiplier <- function(df, alpha, power, tside) {
  if (is.infinite(df)) qnorm(alpha / tside, lower.tail = FALSE) + qnorm(power)
  else qt(alpha / tside, df, lower.tail = FALSE) + qt(power, df)
}
# individual: SE^2 = D (1 - R2) / (P (1 - P) n r), df = n r - K - 2
se_individual <- function(n, P, R2, r, D) sqrt(D * (1 - R2) / (P * (1 - P) * n * r))
df_individual <- function(n, r, K, dist) if (dist == "normal") Inf else n * r - K - 2
# cluster: SE^2 = D [rho (1 - R2c) / (P (1 - P) J) + (1 - rho)(1 - R2) / (P (1 - P) J m r)], df = J - K - 2
se_cluster <- function(J, m, rho, P, R2, R2c, r, D) sqrt(D * (rho * (1 - R2c) / (P * (1 - P) * J) + (1 - rho) * (1 - R2) / (P * (1 - P) * J * m * r)))
df_cluster <- function(J, K, dist) if (dist == "normal") Inf else J - K - 2
bloom_power <- function(mdes, se, df, alpha, tside) {
  shortfall <- mdes / se - (if (is.infinite(df)) qnorm(alpha / tside, lower.tail = FALSE) else qt(alpha / tside, df, lower.tail = FALSE))
  if (is.infinite(df)) pnorm(shortfall) else pt(shortfall, df)
}
solve <- function(f, lower, upper) uniroot(f, c(lower, upper), tol = 1e-13)$root

mdes_cases <- list()
add_m <- function(input, expected) mdes_cases[[length(mdes_cases) + 1]] <<- list(input = input, expected = expected)
ind_grid <- expand.grid(n = c(100, 9785), P = c(0.5, 2 / 3), R2 = c(0, 0.3), r = c(1, 0.45),
                        alt = c("two.sided", "one.sided"), dist = c("t", "normal"), stringsAsFactors = FALSE)
ind_grid$D <- ifelse(ind_grid$r < 1, 1.3, 1)
ind_grid$K <- ifelse(ind_grid$R2 > 0, 5, 0)
ind_grid$alpha <- 0.05
ind_grid$power <- 0.8
ind_grid$alpha[seq(3, nrow(ind_grid), by = 7)] <- 0.01
ind_grid$power[seq(2, nrow(ind_grid), by = 5)] <- 0.9
for (i in seq_len(nrow(ind_grid))) {
  g <- ind_grid[i, ]
  tside <- if (g$alt == "two.sided") 2 else 1
  df <- df_individual(g$n, g$r, g$K, g$dist)
  se <- se_individual(g$n, g$P, g$R2, g$r, g$D)
  M <- multiplier(df, g$alpha, g$power, tside)
  mdes <- M * se
  common <- list(sig_level = g$alpha, alternative = g$alt, treated_share = g$P, r2 = g$R2, covariates = g$K,
                 response_rate = g$r, design_effect = g$D, distribution = g$dist)
  add_m(c(list(n = g$n, power = g$power), common), list(mdes = mdes, df = df, multiplier = M, standard_error = se))
  # power for an effect 1.2 x that MDES, and the n that gives MDES 0.15
  add_m(c(list(n = g$n, delta = 1.2 * mdes), common),
        list(power = bloom_power(1.2 * mdes, se, df, g$alpha, tside)))
  n_for <- solve(function(n) multiplier(df_individual(n, g$r, g$K, g$dist), g$alpha, g$power, tside) * se_individual(n, g$P, g$R2, g$r, g$D) - 0.15,
                 (g$K + 3) / g$r, 1e9)
  add_m(c(list(delta = 0.15, power = g$power), common), list(n = n_for))
}
cl_grid <- expand.grid(J = c(20, 60), m = c(10, 40), rho = c(0.01, 0.05, 0.2), R2 = c(0, 0.5), r = c(1, 0.6),
                       stringsAsFactors = FALSE)
cl_grid$R2c <- ifelse(cl_grid$R2 > 0, 0.6, 0)
cl_grid$K <- ifelse(cl_grid$R2c > 0, 1, 0)
cl_grid$P <- ifelse(seq_len(nrow(cl_grid)) %% 3 == 0, 0.4, 0.5)
cl_grid$D <- ifelse(seq_len(nrow(cl_grid)) %% 4 == 0, 1.2, 1)
cl_grid$dist <- ifelse(seq_len(nrow(cl_grid)) %% 5 == 0, "normal", "t")
cl_grid$alt <- ifelse(seq_len(nrow(cl_grid)) %% 6 == 0, "one.sided", "two.sided")
for (i in seq_len(nrow(cl_grid))) {
  g <- cl_grid[i, ]
  tside <- if (g$alt == "two.sided") 2 else 1
  df <- df_cluster(g$J, g$K, g$dist)
  se <- se_cluster(g$J, g$m, g$rho, g$P, g$R2, g$R2c, g$r, g$D)
  M <- multiplier(df, 0.05, 0.8, tside)
  mdes <- M * se
  common <- list(icc = g$rho, sig_level = 0.05, alternative = g$alt, treated_share = g$P, r2 = g$R2, r2_cluster = g$R2c,
                 covariates = g$K, response_rate = g$r, design_effect = g$D, distribution = g$dist)
  add_m(c(list(clusters = g$J, cluster_size = g$m, power = 0.8), common), list(mdes = mdes, df = df, multiplier = M, standard_error = se))
  add_m(c(list(clusters = g$J, cluster_size = g$m, delta = 0.9 * mdes), common), list(power = bloom_power(0.9 * mdes, se, df, 0.05, tside)))
  # clusters for MDES 0.25 at this cluster size; cluster size for 1.1 x this MDES with these clusters
  J_for <- solve(function(J) multiplier(df_cluster(J, g$K, g$dist), 0.05, 0.8, tside) * se_cluster(J, g$m, g$rho, g$P, g$R2, g$R2c, g$r, g$D) - 0.25,
                 g$K + 3, 1e9)
  add_m(c(list(cluster_size = g$m, delta = 0.25, power = 0.8), common), list(clusters = J_for))
  m_for <- solve(function(m) M * se_cluster(g$J, m, g$rho, g$P, g$R2, g$R2c, g$r, g$D) - 1.1 * mdes, 1, 1e9)
  add_m(c(list(clusters = g$J, delta = 1.1 * mdes, power = 0.8), common), list(cluster_size = m_for))
}
# a binary outcome: sd = sqrt(p1 (1 - p1)), the MDE in proportion points
se_b <- se_individual(1200, 0.5, 0.1, 0.5, 1.1)
M_b <- multiplier(df_individual(1200, 0.5, 4, "t"), 0.05, 0.8, 2)
add_m(list(n = 1200, p1 = 0.3, power = 0.8, sig_level = 0.05, alternative = "two.sided", treated_share = 0.5, r2 = 0.1,
           covariates = 4, response_rate = 0.5, design_effect = 1.1, distribution = "t"),
      list(mdes = M_b * se_b, delta = M_b * se_b * sqrt(0.3 * 0.7), p2 = 0.3 + M_b * se_b * sqrt(0.3 * 0.7)))

writeLines(to_json(list(
  r_version = R.version.string,
  noncentral_t = noncentral_t,
  power_t_test = t_cases,
  power_prop_test = prop_cases,
  mdes = mdes_cases
)), out)
cat("wrote", out, ":", length(noncentral_t), "pt,", length(t_cases), "power.t.test,", length(prop_cases), "power.prop.test,", length(mdes_cases), "MDES cases\n")
