# Reference values for the numeric-range checks (docs/statistics.md#designs-that-cannot-support-their-variance):
# a covariate on a scale near the largest double, and one near the smallest, as R fits them before
# and after rescaling.
#
#   Rscript test/oracle/rescale.R    (from the repository root; writes test/oracle/rescale.json and
#                                     test/oracle/data/rescale-*.csv)
#
# On the raw data R's lm reports the huge covariate with a standard error of exactly 0 (t = Inf,
# p = 0) and estimatr's lm_robust gives no estimates at all; trialstat refuses such data and says
# by what power of ten to rescale. After rescaling, lm and lm_robust (HC2) give the numbers that
# trialstat must give on the rescaled file.

suppressPackageStartupMessages(library(estimatr))
source("test/oracle/json.R")

data_dir <- "test/oracle/data"
dir.create(data_dir, showWarnings = FALSE, recursive = TRUE)
write_data <- function(df, name) {
  path <- file.path(data_dir, paste0(name, ".csv"))
  write.csv(df, path, row.names = FALSE)
  read.csv(path)
}

set.seed(20260111)
n <- 50
base <- data.frame(treat = rep(0:1, length.out = n), x = round(rnorm(n), 6))
base$y <- round(1 + 0.5 * base$treat + 0.8 * base$x + rnorm(n), 6)

case <- function(name, scale, factor) {
  raw <- base
  raw$x <- base$x * scale
  raw <- write_data(raw[, c("y", "treat", "x")], paste0("rescale-", name, "-raw"))
  scaled <- raw
  scaled$x <- raw$x * factor
  scaled <- write_data(scaled, paste0("rescale-", name, "-scaled"))
  lm_raw <- summary(lm(y ~ treat + x, raw))$coefficients
  robust_raw <- suppressWarnings(lm_robust(y ~ treat + x, raw, se_type = "HC2"))
  fit <- lm(y ~ treat + x, scaled)
  robust <- lm_robust(y ~ treat + x, scaled, se_type = "HC2")
  list(
    name = name,
    factor = factor,
    raw = list(lm_estimate = vec(lm_raw[, 1]), lm_std_error = vec(lm_raw[, 2]), lm_robust_estimate = vec(unname(coef(robust_raw)))),
    scaled = list(
      terms = names(coef(fit)),
      lm_estimate = vec(unname(coef(fit))),
      lm_std_error = vec(unname(summary(fit)$coefficients[, 2])),
      hc2_std_error = vec(unname(robust$std.error))
    )
  )
}

out <- list(cases = list(
  case("huge", 1e306, 1e-304),
  case("tiny", 1e-160, 1e160)
))
writeLines(to_json(out), "test/oracle/rescale.json")
