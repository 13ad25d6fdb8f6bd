# Reference values for service outcome monitoring and fidelity against outcomes, computed in R:
# - funnel-plot control limits for a proportion (Spiegelhalter 2005, Statistics in Medicine 24:1185,
#   Appendix A.1.1), written out here from the paper with qbinom/pbinom: exact binomial limits with
#   interpolation, and the normal approximation; for targets, denominators and levels across the range;
# - pbinom and qbinom at the same points (binomialCdf, binomialQuantile);
# - for the example monitoring return (examples/monitoring/outcomes.csv): each service's rate and
#   prop.test(x, n, correct = FALSE)$conf.int, its place against the 95% and 99.8% limits around 55%,
#   and against the 55% and 25% benchmarks, per period and over both; caseload per specialist;
# - cor(x, y, method = "spearman") on vectors with and without ties, and Project 100's end fidelity
#   totals against its job outcome rates.
#
#   Rscript test/oracle/monitoring.R     (from the repository root; writes test/oracle/monitoring.json)
#
# Needs: r-base-core (stats only). test/oracle/monitoring.test.ts compares; the suite needs no R.

source("test/oracle/json.R")
out <- "test/oracle/monitoring.json"

interpolated <- function(p, n, target) {
  r <- qbinom(p, n, target)
  alpha <- (pbinom(r, n, target) - p) / (pbinom(r, n, target) - pbinom(r - 1, n, target))
  (r - alpha) / n
}
limits <- list()
for (target in c(0.55, 0.25, 0.1, 0.9, 0.5)) for (n in c(1, 2, 5, 12, 40, 88, 250, 1000, 5000)) for (level in c(0.95, 0.998)) {
  lo <- (1 - level) / 2
  hi <- (1 + level) / 2
  z <- qnorm(hi)
  limits[[length(limits) + 1]] <- list(
    target = target, n = n, level = level,
    binomial = list(lower = interpolated(lo, n, target), upper = interpolated(hi, n, target)),
    normal = list(lower = target - z * sqrt(target * (1 - target) / n), upper = target + z * sqrt(target * (1 - target) / n))
  )
}

binomial <- list()
for (case in list(c(3, 10, 0.55), c(0, 40, 0.55), c(27, 40, 0.55), c(39, 40, 0.55), c(120, 250, 0.55), c(2, 5000, 0.001), c(4990, 5000, 0.999))) {
  binomial[[length(binomial) + 1]] <- list(k = case[1], n = case[2], theta = case[3], cdf = pbinom(case[1], case[2], case[3]))
}
quantiles <- list()
for (p in c(0.001, 0.025, 0.5, 0.975, 0.999)) for (case in list(c(40, 0.55), c(12, 0.25), c(1000, 0.55), c(5, 0.9))) {
  quantiles[[length(quantiles) + 1]] <- list(p = p, n = case[1], theta = case[2], q = qbinom(p, case[1], case[2]))
}

d <- read.csv("examples/monitoring/outcomes.csv", stringsAsFactors = FALSE)
position <- function(x, n, target) {
  rate <- x / n
  if (rate > interpolated(0.999, n, target)) return("above 99.8%")
  if (rate > interpolated(0.975, n, target)) return("above 95%")
  if (rate < interpolated(0.001, n, target)) return("below 99.8%")
  if (rate < interpolated(0.025, n, target)) return("below 95%")
  "within 95%"
}
versus <- function(ci, b) if (ci[1] > b) "above" else if (ci[2] < b) "below" else "consistent"
row <- function(service, period, people, jobs, specialists) {
  ci <- prop.test(jobs, people, correct = FALSE)$conf.int
  list(service = service, period = period, people = people, jobs = jobs, rate = jobs / people, low = ci[1], high = ci[2],
       funnel = position(jobs, people, 0.55), vs_target = versus(ci, 0.55), vs_comparison = versus(ci, 0.25),
       caseload = if (is.na(specialists)) NULL else people / specialists)
}
periods <- sort(unique(d$period))
services <- unique(d$service)
rows <- list()
for (p in periods) for (s in services) {
  r <- d[d$period == p & d$service == s, ]
  if (nrow(r)) rows[[length(rows) + 1]] <- row(s, p, r$people, r$jobs, r$specialists)
}
for (s in services) {
  r <- d[d$service == s, ]
  rows[[length(rows) + 1]] <- row(s, NULL, sum(r$people), sum(r$jobs), NA)
}

spearman <- list(
  list(x = c(88, 91, 89), y = c(2 / 17, 4 / 22, 5 / 25)),
  list(x = c(1, 2, 3, 4, 5, 6), y = c(2, 1, 4, 3, 6, 5)),
  list(x = c(60, 91, 66, 89, 83, 88, 70), y = c(0.1, 0.3, 0.1, 0.25, 0.2, 0.2, 0.15)),
  list(x = c(3, 3, 3, 1, 2), y = c(5, 4, 4, 1, 1))
)
for (k in seq_along(spearman)) spearman[[k]]$rho <- cor(spearman[[k]]$x, spearman[[k]]$y, method = "spearman")

writeLines(to_json(list(
  r_version = R.version.string,
  limits = limits,
  binomial_cdf = binomial,
  binomial_quantile = quantiles,
  example = rows,
  spearman = spearman
)), out)
cat("wrote", out, ":", length(limits), "funnel limit cases,", length(rows), "monitoring rows\n")
