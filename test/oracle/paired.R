# Reference values for the single-arm (before/after) statistics in packages/core/src/stats/single-arm:
# t.test(x, y, paired = TRUE), wilcox.test(x, y, paired = TRUE, conf.int = TRUE) (exact and normal
# approximation; ties, zeros, small and large n, one-sided, mu and conf.level) and the Wilson
# interval, prop.test(x, n, correct = FALSE)$conf.int.
#
#   Rscript test/oracle/paired.R     (from the repository root; writes test/oracle/paired.json)
#
# Needs: r-base-core (stats only). The data are generated here with a fixed seed and written into
# the JSON with 17 significant digits, so R and trialstat see the same numbers. The output is
# committed; the test suite needs no R.

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits
out <- "test/oracle/paired.json"
set.seed(20260514)

with_warnings <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = warnings)
}

# ---- the data sets: x after, y before (a change score x - y) ----
phq_before <- sample(5:27, 200, replace = TRUE)
phq_after <- pmax(0, pmin(27, phq_before - sample(-4:10, 200, replace = TRUE)))
data_sets <- list(
  exact_small = list(x = round(rnorm(10, 12, 3), 2), y = round(rnorm(10, 10, 3), 2)),
  exact_tiny = list(x = c(3.1, 5.2, 4.4), y = c(2.0, 4.9, 1.2)),
  ties = list(x = round(rnorm(20, 14, 4)), y = round(rnorm(20, 12, 4))),
  zeros = list(x = c(5, 7, 7, 9, 10, 4, 6, 8, 12, 3, 5, 9, 11, 6, 7), y = c(5, 6, 9, 9, 7, 4, 3, 8, 10, 5, 2, 9, 6, 6, 4)),
  large_no_ties = list(x = round(rnorm(60, 20, 5), 3), y = round(rnorm(60, 18, 5), 3)),
  phq9_200 = list(x = phq_after, y = phq_before),
  missing = list(x = c(12.5, NA, 9.1, 14.2, 11.8, 10.4, NA, 13.3, 12.0, 9.9, 15.1, 8.7),
                 y = c(10.1, 11.0, NA, 12.6, 12.2, 8.1, 9.5, 10.9, 10.0, 10.4, 11.3, 9.0)),
  tiny_ties = list(x = c(4, 6, 5, 8), y = c(3, 5, 4, 5))
)

wilcox_case <- function(set, args) {
  d <- data_sets[[set]]
  res <- with_warnings(do.call(wilcox.test, c(list(x = d$x, y = d$y, paired = TRUE, conf.int = TRUE), args)))
  w <- res$value
  list(data = set, options = args,
       statistic = unname(w$statistic), p_value = w$p.value, estimate = unname(w$estimate),
       conf_low = w$conf.int[1], conf_high = w$conf.int[2], conf_level = attr(w$conf.int, "conf.level"),
       method = w$method, warnings = vec(res$warnings))
}
wilcox_cases <- list()
add_w <- function(set, ...) wilcox_cases[[length(wilcox_cases) + 1]] <<- wilcox_case(set, list(...))
for (set in names(data_sets)) {
  add_w(set)
  add_w(set, alternative = "greater")
  add_w(set, alternative = "less")
  add_w(set, conf.level = 0.9, mu = 0.5)
}
add_w("exact_small", exact = FALSE)
add_w("exact_small", exact = FALSE, correct = FALSE)
add_w("ties", correct = FALSE)
add_w("large_no_ties", exact = TRUE)
add_w("phq9_200", conf.level = 0.99, alternative = "less")

t_case <- function(set, args) {
  d <- data_sets[[set]]
  tt <- do.call(t.test, c(list(x = d$x, y = d$y, paired = TRUE), args))
  list(data = set, options = args, estimate = unname(tt$estimate), statistic = unname(tt$statistic),
       df = unname(tt$parameter), p_value = tt$p.value, conf_low = tt$conf.int[1], conf_high = tt$conf.int[2],
       std_error = tt$stderr)
}
t_cases <- list()
add_t <- function(set, ...) t_cases[[length(t_cases) + 1]] <<- t_case(set, list(...))
for (set in names(data_sets)) {
  add_t(set)
  add_t(set, alternative = "greater", mu = 1)
  add_t(set, alternative = "less", conf.level = 0.9)
}

wilson_cases <- list()
for (xn in list(c(0, 10), c(10, 10), c(13, 40), c(1, 3), c(450, 1000), c(2, 250), c(97, 98))) {
  for (level in c(0.95, 0.9)) for (alt in c("two.sided", "greater", "less")) {
    p <- suppressWarnings(prop.test(xn[1], xn[2], correct = FALSE, conf.level = level, alternative = alt))
    wilson_cases[[length(wilson_cases) + 1]] <- list(x = xn[1], n = xn[2], level = level, alternative = alt,
      estimate = unname(p$estimate), lower = p$conf.int[1], upper = p$conf.int[2])
  }
}

writeLines(to_json(list(
  r_version = R.version.string,
  data = lapply(data_sets, function(d) list(x = vec(d$x), y = vec(d$y))),
  wilcox = wilcox_cases,
  t_test = t_cases,
  wilson = wilson_cases
)), out)
cat("wrote", out, ":", length(wilcox_cases), "wilcox.test,", length(t_cases), "t.test,", length(wilson_cases), "prop.test cases\n")
