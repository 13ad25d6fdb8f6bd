# Reference values for the bounds for missing outcomes (packages/core/src/stats/missing-outcome-bounds):
# Lee (2009) trimming bounds, written by hand from the paper's formulas, and worst/best-case (Manski)
# bounds for a binary outcome.
#
#   Rscript test/oracle/bounds.R     (from the repository root; writes test/oracle/bounds.json)
#
# Needs: r-base-core. The data are generated here with a fixed seed and written into the JSON.
# Lee's bounds (Review of Economic Studies 76(3), 2009, Proposition 1a): with response rates q1, q0,
# trim p = (q_hi - q_lo) / q_hi of the more-responding arm's respondents from the top (lower bound)
# or the bottom (upper bound) of its outcome distribution. Computed from the (weighted) quantile
# y_q at the kept mass K = (1 - p) W: the trimmed mean is (sum_{y < y_q} w y + (K - W_{< y_q}) y_q) / K,
# which removes exactly the share p when units tie at the quantile (Lee's E[Y | Y <= y_{1-p}] for a
# continuous outcome). The simple form mean(y[y <= quantile(y, 1 - p, type = 1)]) is checked where it applies.

source("test/oracle/json.R")
out <- "test/oracle/bounds.json"
set.seed(20260601)

source("test/oracle/bounds-functions.R")

cases <- list()
add <- function(name, y, arm, w = NULL, binary = FALSE) {
  ww <- if (is.null(w)) rep(1, length(y)) else w
  cases[[length(cases) + 1]] <<- list(name = name, y = vec(y), arm = vec(arm), weights = if (is.null(w)) NULL else vec(w),
                                      lee = lee(y, arm, ww), manski = if (binary) manski(y, arm, ww) else NULL)
}

# earnings: treatment raises response (trim the treated); 400 units
n <- 400; arm <- rep(0:1, each = n / 2)
earn <- round(exp(rnorm(n, 9 + 0.1 * arm, 0.6)), 2)
earn[runif(n) > ifelse(arm == 1, 0.8, 0.65)] <- NA
add("earnings_trim_treated", earn, arm)
# the control arm responds more (trim the controls), design weights
w <- round(runif(n, 0.5, 2.5), 3)
earn2 <- round(rnorm(n, 300 + 20 * arm, 80), 1)
earn2[runif(n) > ifelse(arm == 1, 0.6, 0.75)] <- NA
add("weighted_trim_control", earn2, arm, w)
# binary employment with heavy ties, weighted
emp <- rbinom(n, 1, ifelse(arm == 1, 0.55, 0.45))
emp[runif(n) > ifelse(arm == 1, 0.7, 0.6)] <- NA
add("employment_binary_weighted", emp, arm, round(runif(n, 0.3, 3), 3), binary = TRUE)
add("employment_binary", emp, arm, binary = TRUE)
# a discrete score 0-10 with ties at the cut
score <- sample(0:10, n, replace = TRUE)
score[runif(n) > ifelse(arm == 1, 0.9, 0.7)] <- NA
add("discrete_ties", score, arm)
# Lee's simple form where it applies: no ties, p * n1 whole (10 treated respond of 10, 8 control of 10)
y_small <- c(c(2.1, 3.4, 0.7, 5.2, 4.4, 1.9, 6.3, 2.8, 3.3, 4.9), c(1.2, 2.2, 3.1, 0.4, 2.7, 3.9, 1.5, 2.0, NA, NA))
arm_small <- rep(1:0, each = 10)
add("simple_form", y_small, arm_small)
y1 <- y_small[1:10]; m0 <- mean(y_small[11:18])
stopifnot(abs(cases[[6]]$lee$lower - (mean(y1[y1 <= quantile(y1, 0.8, type = 1)]) - m0)) < 1e-12,
          abs(cases[[6]]$lee$upper - (mean(y1[y1 > quantile(y1, 0.2, type = 1)]) - m0)) < 1e-12)

writeLines(to_json(list(cases = cases)), out)
cat("wrote", out, "\n")
