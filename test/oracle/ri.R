# Reference values for randomisation inference (packages/core/src/stats/randomisation-inference):
# every assignment refitted with lm.fit — no Frisch–Waugh shortcut, no trialstat code.
#
#   node test/oracle/ri-input.mjs && Rscript test/oracle/ri.R     (from the repository root)
#
# Reads test/oracle/data/ri-input.json and writes test/oracle/ri.json. Needs: r-base-core, jsonlite.
# - Exact cases: R enumerates every assignment itself — combn() of the treated units within each
#   group (the permuted blocks, else the strata), crossed over groups with expand.grid() — and
#   refits each one.
# - The Monte Carlo case: the input lists the observed assignment and the 499 re-randomisations
#   trialstat draws for its seed (ri2 is not installed; this is the lm.fit loop ri2 would run over
#   a permutation matrix), and R refits each.
# The p-values follow ri2's convention (the share of the assignments with an estimate at least as
# extreme as the observed one, the observed one included), with trialstat's relative tie tolerance
# 1e-9 (ri2 rounds to 10 decimals). The interval inverts the test for constant effects: R solves
# each assignment's quadratic by the textbook formula, evaluates p(tau) between consecutive roots,
# and checks p(tau) there by refitting y - tau*T for every assignment.

source("test/oracle/json.R")
suppressPackageStartupMessages(library(jsonlite))
cases <- fromJSON("test/oracle/data/ri-input.json", simplifyVector = FALSE)
source("test/oracle/ri-functions.R")

out <- list()
for (cs in cases) {
  y <- num_vec(cs$y)
  t <- num_vec(cs$arm)
  X <- cbind(1, do.call(rbind, lapply(cs$x, num_vec)))
  if (ncol(X) == 1) X <- matrix(1, length(y), 1)
  w <- if (is.null(cs$w)) rep(1, length(y)) else num_vec(cs$w)
  unit <- if (is.null(cs$unit)) seq_along(y) else num_vec(cs$unit) + 1
  n_units <- max(unit)
  unit_arm <- vapply(seq_len(n_units), function(u) t[which(unit == u)[1]], 0)
  group_rows <- if (!is.null(cs$block)) num_vec(cs$block) else if (!is.null(cs$stratum)) num_vec(cs$stratum) else rep(0, length(y))
  group <- vapply(seq_len(n_units), function(u) group_rows[which(unit == u)[1]], 0)

  if (is.null(cs$draws)) {
    assignments <- enumerate_units(unit_arm, group)
  } else {
    assignments <- lapply(cs$assignments, num_vec)
  }
  rows_arm <- function(ua) ua[unit]
  a0 <- coef_arm(y, t, X, w)
  a <- vapply(assignments, function(ua) coef_arm(y, rows_arm(ua), X, w), 0)
  b <- vapply(assignments, function(ua) coef_arm(t, rows_arm(ua), X, w), 0)
  refit_p <- function(tau) {
    yt <- y - tau * t
    mean(vapply(assignments, function(ua) abs(coef_arm(yt, rows_arm(ua), X, w)), 0) >= (1 - eps) * abs(a0 - tau))
  }
  p <- p_values(a, a0)
  ci <- interval(a, b, a0, cs$level, refit_p)
  res <- list(name = cs$name, estimate = a0, assignments = length(assignments),
              p_two_sided = p$two_sided, p_upper = p$upper, p_lower = p$lower,
              conf_low = ci$low, conf_high = ci$high, conf_is_interval = ci$is_interval)
  if (is.null(cs$draws)) {
    res$sorted_a <- vec(sort(a))
    res$sorted_b <- vec(sort(b))
  } else {
    res$a <- vec(a)
    res$b <- vec(b)
  }
  out[[length(out) + 1]] <- res
}
writeLines(to_json(list(cases = out)), "test/oracle/ri.json")
cat("wrote test/oracle/ri.json\n")
