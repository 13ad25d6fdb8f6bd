# Reference values for the benefit-cost analysis (packages/core/src/economics): present-value factors
# of benefits that recur over a horizon, deterministic returns per £1 spent, the exact distribution
# of a return per £1 that is linear in jointly normal impacts (the closed form the Monte Carlo must
# approach), and R's summaries (mean, sd, type-7 quantiles, share above 1) of fixed draws.
#
#   Rscript test/oracle/economics.R     (from the repository root; writes test/oracle/economics.json)
#
# Needs: r-base-core (stats only). The output is committed; the test suite needs no R.

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits
out <- "test/oracle/economics.json"

# ---- present value of £1 a year over H years, discounted at r, persisting at rho ----
pv <- function(r, H, rho) sum((rho / (1 + r))^(0:(H - 1)))
pv_grid <- expand.grid(r = c(0, 0.015, 0.035, 0.1), H = c(1, 2, 5, 30, 100), rho = c(1, 0.8, 0.5, 0), stringsAsFactors = FALSE)
present_value <- lapply(seq_len(nrow(pv_grid)), function(i) {
  g <- pv_grid[i, ]
  list(discount_rate = g$r, years = g$H, persistence = g$rho, factor = pv(g$r, g$H, g$rho))
})

# ---- deterministic returns: benefits B_s = sum tau_k v_ks A_k, return B/C, net B - C ----
returns_case <- function(cost, tau, ex, soc, H, r, rho) {
  A <- mapply(pv, r, H, rho)
  B_ex <- sum(tau * ex * A); B_soc <- sum(tau * soc * A)
  list(cost = cost, estimate = vec(tau), exchequer = vec(ex), society = vec(soc), years = vec(H), discount_rate = r, persistence = vec(rho),
       factor = vec(A), benefit_exchequer = B_ex, benefit_society = B_soc,
       return_exchequer = B_ex / cost, return_society = B_soc / cost, net_exchequer = B_ex - cost, net_society = B_soc - cost)
}
returns <- list(
  returns_case(2116, c(0.031, 442, 0.021), c(3100, 0.32, 0), c(9000, 1, 70000), c(1, 1, 1), 0.035, c(1, 1, 1)),
  returns_case(3893, c(0.04, 150, 0.004), c(3100, 0.32, 0), c(9000, 1, 70000), c(3, 3, 1), 0.035, c(0.7, 0.7, 1)),
  returns_case(2416, c(-0.02, -233, 0.02), c(5000, 0.4, 1000), c(12000, 1, 60000), c(5, 2, 10), 0.035, c(1, 0.5, 0.9))
)

# ---- the linear case: one impact, or two jointly normal, no discounting ----
# return per £1 = v' tau / C with tau ~ N(mu, Sigma): normal with mean v' mu / C, sd sqrt(v' Sigma v) / C
p <- c(0.025, 0.05, 0.5, 0.95, 0.975)
linear_case <- function(cost, mu, se, v, rho = 0) {
  Sigma <- diag(se^2, length(se))
  if (length(se) == 2) Sigma[1, 2] <- Sigma[2, 1] <- rho * se[1] * se[2]
  m <- sum(v * mu) / cost; s <- sqrt(drop(t(v) %*% Sigma %*% v)) / cost
  list(cost = cost, estimate = vec(mu), std_error = vec(se), value = vec(v), correlation = rho, covariance = Sigma,
       mean = m, sd = s, quantiles = vec(m + s * qnorm(p)), p_above_one = pnorm((m - 1) / s),
       net_mean = m * cost - cost, net_sd = s * cost, p_net_above_zero = pnorm((m * cost - cost) / (s * cost)))
}
linear <- list(
  linear_case(2416, 0.1, 0.05, 60000),          # one impact: ratio N(2.4834, 1.2417)
  linear_case(3893, 0.04, 0.013, 9000),         # one impact, ratio well below 1
  linear_case(2116, c(0.1, 0.18), c(0.052, 0.05), c(25000, 15000), 0.6),    # two, correlated
  linear_case(2116, c(0.03, 442), c(0.016, 210), c(9000, 1), -0.3)          # two, negatively correlated
)

# ---- R's summaries of fixed draws (the summaries' arithmetic, apart from any random numbers) ----
set.seed(20240101)
x <- round(rnorm(999, 1.2, 0.8), 6)
summary_of <- function(x, threshold) list(draws = vec(x), threshold = threshold, mean = mean(x), sd = sd(x),
  quantiles = vec(unname(quantile(x, p, type = 7))), above = mean(x > threshold))
summaries <- list(summary_of(x, 1), summary_of(x[1:10], 0), summary_of(c(1, 1, 1, 2), 1))

# ---- the pooled costs of HLT Table 2.2 from its trial groups' costs and treated recruits (Table 1.1) ----
pooled <- list(
  list(name = "All SCR", parts = vec(c(2116, 2416)), recruits = vec(c(1260, 1799)), cost = sum(c(2116, 2416) * c(1260, 1799)) / sum(c(1260, 1799)), published = 2292),
  list(name = "All OOW", parts = vec(c(2416, 3893)), recruits = vec(c(1799, 1837)), cost = sum(c(2416, 3893) * c(1799, 1837)) / sum(c(1799, 1837)), published = 3162)
)

writeLines(to_json(list(present_value = present_value, returns = returns, linear = linear, summaries = summaries, pooled = pooled, quantile_probs = vec(p))), out)
cat("wrote", out, "\n")
