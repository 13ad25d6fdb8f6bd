# Randomisation inference by refitting (see ri.R): the arm's coefficient by lm.fit, ri2's p-values
# with trialstat's relative tie tolerance, every assignment within groups (combn, expand.grid), and
# the interval by inverting the test. Shared by ri.R and inference-plan.R.

eps <- 1e-9

num_vec <- function(v) vapply(v, function(e) if (is.null(e)) NA_real_ else as.numeric(e), 0)

coef_arm <- function(y, t, X, w) {
  s <- sqrt(w)
  unname(lm.fit(cbind(t, X) * s, y * s)$coefficients[1])
}

p_values <- function(a, a0) {
  list(two_sided = mean(abs(a) >= (1 - eps) * abs(a0)),
       upper = mean(a >= a0 - eps * abs(a0)),
       lower = mean(a <= a0 + eps * abs(a0)))
}

# every assignment of the units: combn within groups, expand.grid across them (unit-level arms)
enumerate_units <- function(unit_arm, group) {
  groups <- sort(unique(group))
  choices <- lapply(groups, function(g) {
    units <- which(group == g)
    k <- sum(unit_arm[units])
    cm <- combn(length(units), k)
    lapply(seq_len(ncol(cm)), function(j) units[cm[, j]])
  })
  grid <- expand.grid(lapply(choices, seq_along))
  lapply(seq_len(nrow(grid)), function(r) {
    arm <- integer(length(unit_arm))
    for (g in seq_along(choices)) arm[choices[[g]][[grid[r, g]]]] <- 1L
    arm
  })
}

interval <- function(a, b, a0, level, refit_p) {
  alpha <- 1 - level
  cc <- (1 - eps)^2
  A <- b^2 - cc
  B <- -2 * (a * b - cc * a0)
  C <- a^2 - cc * a0^2
  disc <- B^2 - 4 * A * C
  two <- disc > 0 & A != 0
  roots <- c((-B[two] - sqrt(disc[two])) / (2 * A[two]), (-B[two] + sqrt(disc[two])) / (2 * A[two]), (-C / B)[A == 0 & B != 0])
  cand <- sort(roots[is.finite(roots)])
  # roots that agree to 1e-10 of the spread are one (pairs of assignments can share a root up to rounding)
  cand <- cand[c(TRUE, diff(cand) > 1e-10 * (max(cand) - min(cand)))]
  mids <- c(cand[1] - 1, (head(cand, -1) + tail(cand, -1)) / 2, cand[length(cand)] + 1)
  p_at <- function(tau) mean(abs(a - tau * b) >= (1 - eps) * abs(a0 - tau))
  pv <- vapply(mids, p_at, 0)
  inside <- which(pv > alpha)
  first <- inside[1]
  last <- inside[length(inside)]
  low <- if (first == 1) -Inf else cand[first - 1]
  high <- if (last == length(mids)) Inf else cand[last]
  # the shortcut est(y - tau T, T*) = a - tau b, checked by refits on both sides of each end
  for (i in unique(c(first, last, max(first - 1, 1), min(last + 1, length(mids))))) {
    if (abs(refit_p(mids[i]) - pv[i]) > 1e-12) stop(sprintf("tau %g: refit p %g, shortcut p %g", mids[i], refit_p(mids[i]), pv[i]))
  }
  list(low = low, high = high, is_interval = length(inside) == last - first + 1)
}
