# Reference values for packages/core/src/stats/bootstrap:
#
# 1. The wild cluster bootstrap by brute force. For small data sets with G = 8 or 10 clusters, every
#    one of the 2^G Rademacher sign vectors is applied and the model REFITTED with lm(), its CR1
#    ("stata") variance from sandwich::vcovCL(type = "HC1") — no fast algebra, so an error in
#    trialstat's per-cluster shortcuts shows. WCR: y* = X b_restricted + v * u_restricted (the model
#    fitted under H0: beta_j = r); WCU: y* = X b + v * u. Written: each draw's bootstrap t (draw b has
#    v_g = -1 where bit g of b is set), the observed t, the p-value (share of draws with
#    |t*| > |t|, the draws with constant weights never counting: they reproduce +-t exactly under
#    WCR) and the test-inversion confidence interval: under WCR the ends of {r : p(r) > 1 - level},
#    found by uniroot on |t(r)| - (m-th largest |t*(r)|) with the brackets trialstat uses (steps of
#    se, 2se, 4se, ... out from the estimate), each evaluation refitting all 2^G samples; under WCU
#    b -/+ se * (m-th largest |t*|).
# 2. The pairs and the cluster bootstrap by boot::boot (R's own random numbers): the resamples it drew
#    (boot.array), the replicate estimates and standard errors, and boot.ci's percentile and
#    studentised intervals, the bootstrap standard error sd(t) and the symmetric bootstrap-t p-value.
#    trialstat's test refits the same resamples, so everything but the random numbers is compared.
#
#   Rscript test/oracle/bootstrap.R     (from the repository root; writes test/oracle/bootstrap.json)
#
# Needs: sandwich, boot. The data are generated here with a fixed seed and written into the JSON
# with 17 significant digits. The output is committed; the test suite needs no R.

suppressPackageStartupMessages({
  library(sandwich)
  library(boot)
})
source("test/oracle/json.R")
out <- "test/oracle/bootstrap.json"
set.seed(20260601)

# ---- data: a cluster-randomised trial, unequal cluster sizes ----
make_data <- function(G, sizes, extra = 0) {
  cluster <- rep(seq_len(G), sizes)
  n <- length(cluster)
  treat <- rep(rep(c(0, 1), length.out = G), sizes)
  x <- round(rnorm(n), 3)
  d <- data.frame(cluster = cluster, treat = treat, x = x)
  for (e in seq_len(extra)) d[[paste0("z", e)]] <- round(runif(n), 3)
  d$w <- round(runif(n, 0.5, 2), 3)
  d$y <- round(0.3 * treat + 0.5 * x + rnorm(G, sd = 0.5)[cluster] + rnorm(n) * (1 + treat), 3)
  d
}

cr1 <- function(fit, cl) vcovCL(fit, cluster = cl, type = "HC1")

# every sign vector, draw b in 0 .. 2^G - 1: v_g = -1 where bit g of b is set
sign_vector <- function(b, G) ifelse(bitwAnd(b, 2^(0:(G - 1))) > 0, -1, 1)

wild_brute <- function(d, rhs, term, r0, weights, impose_null, level = 0.95) {
  X <- model.matrix(as.formula(paste("~", rhs)), d)
  y <- d$y
  w <- if (weights) d$w else rep(1, nrow(d))
  cl <- d$cluster
  G <- length(unique(cl))
  j <- which(colnames(X) == term)
  full <- lm(y ~ X - 1, weights = w)
  b_hat <- unname(coef(full)[j])
  se <- sqrt(cr1(full, cl)[j, j])
  B <- 2^G
  alpha <- 1 - level
  m <- floor(alpha * B) + 1
  while (m > 1 && (m - 1) / B > alpha) m <- m - 1
  while (m / B <= alpha) m <- m + 1
  constant <- c(1, B)  # all ones and all minus ones (1-based)
  # bootstrap t's of every draw for the null value r (WCR) or the unrestricted DGP (WCU)
  draws_at <- function(r) {
    if (impose_null) {
      yr <- y - r * X[, j]
      restricted <- lm(yr ~ X[, -j, drop = FALSE] - 1, weights = w)
      u <- resid(restricted)
      centre <- r
    } else {
      u <- resid(full)
      centre <- b_hat
    }
    fitted0 <- y - u
    vapply(0:(B - 1), function(b) {
      v <- sign_vector(b, G)
      ys <- fitted0 + u * v[cl]
      f <- lm(ys ~ X - 1, weights = w)
      unname((coef(f)[j] - centre) / sqrt(cr1(f, cl)[j, j]))
    }, 0)
  }
  observed_at <- function(r) (b_hat - r) / se
  counted <- if (impose_null) setdiff(seq_len(B), constant) else seq_len(B)
  t_star <- draws_at(r0)
  t_obs <- observed_at(r0)
  p <- sum(abs(t_star[counted]) > abs(t_obs)) / B
  if (impose_null) {
    h <- function(r) abs(observed_at(r)) - sort(abs(draws_at(r)[counted]), decreasing = TRUE)[m]
    end <- function(direction) {
      inside <- b_hat
      for (step in 0:40) {
        outside <- b_hat + direction * se * 2^step
        value <- h(outside)
        if (value > 0) return(uniroot(h, sort(c(inside, outside)), tol = 1e-12 * se)$root)
        if (value < 0) inside <- outside
      }
      direction * Inf
    }
    ci <- c(end(-1), end(1))
  } else {
    q <- sort(abs(t_star[counted]), decreasing = TRUE)[m]
    ci <- b_hat + c(-1, 1) * se * q
  }
  list(rhs = rhs, term = term, column = j - 1, null_value = r0, weights = weights, impose_null = impose_null,
       level = level, clusters = G, estimate = b_hat, std_error = se, statistic = t_obs,
       t_star = vec(t_star), p_value = p, conf_low = ci[1], conf_high = ci[2])
}

d8 <- make_data(8, c(6, 9, 12, 7, 15, 8, 10, 5))
d10 <- make_data(10, c(5, 8, 6, 11, 7, 9, 4, 10, 6, 8), extra = 4)
wild <- list(
  wild_brute(d8, "treat + x", "treat", 0, FALSE, TRUE),
  wild_brute(d8, "treat + x", "treat", 0.5, FALSE, TRUE),
  wild_brute(d8, "treat + x", "x", 0, TRUE, TRUE),
  wild_brute(d8, "treat + x", "treat", 0, FALSE, FALSE),
  wild_brute(d10, "treat + x + z1 + z2 + z3 + z4", "treat", 0, FALSE, TRUE),
  wild_brute(d10, "treat + x + z1 + z2 + z3 + z4", "x", 0.2, TRUE, TRUE)
)

# ---- pairs and cluster bootstrap with boot::boot ----
resample_summary <- function(b, level = 0.95, null_value = 0) {
  t0 <- b$t0[1]
  se0 <- sqrt(b$t0[2])
  ci <- boot.ci(b, conf = level, type = c("perc", "stud"))
  z <- (b$t[, 1] - t0) / sqrt(b$t[, 2])
  list(estimate = t0, std_error = se0, boot_std_error = sd(b$t[, 1]),
       percentile = vec(ci$percent[4:5]), studentised = vec(ci$student[4:5]),
       p_value = mean(abs(z) > abs((t0 - null_value) / se0)),
       replicates = vec(b$t[, 1]), replicate_std_errors = vec(sqrt(b$t[, 2])))
}

pairs_case <- function(d, rhs, term, R, strata = NULL) {
  j <- term
  stat <- function(data, i) {
    f <- lm(as.formula(paste("y ~", rhs)), data = data[i, ])
    c(coef(f)[j], vcovHC(f, type = "HC2")[j, j])
  }
  b <- if (is.null(strata)) boot(d, stat, R = R) else boot(d, stat, R = R, strata = d[[strata]])
  rows <- boot.array(b, indices = TRUE) - 1  # draws x n, 0-based rows
  c(list(type = "pairs", rhs = rhs, term = term, se_type = "HC2", strata = if (is.null(strata)) NULL else strata,
         draws = R, rows = lapply(seq_len(R), function(r) vec(rows[r, ]))), resample_summary(b))
}

cluster_case <- function(d, rhs, term, R) {
  ids <- sort(unique(d$cluster))
  stat <- function(clusters, i) {
    drawn <- clusters$id[i]
    rows <- unlist(lapply(drawn, function(g) which(d$cluster == g)))
    slot <- rep(seq_along(drawn), vapply(drawn, function(g) sum(d$cluster == g), 0L))
    f <- lm(as.formula(paste("y ~", rhs)), data = d[rows, ])
    c(coef(f)[term], cr1(f, slot)[term, term])
  }
  b <- boot(data.frame(id = ids), stat, R = R)
  drawn <- boot.array(b, indices = TRUE) - 1  # draws x G, 0-based cluster codes
  c(list(type = "cluster", rhs = rhs, term = term, se_type = "stata", draws = R,
         drawn_clusters = lapply(seq_len(R), function(r) vec(drawn[r, ]))), resample_summary(b))
}

d60 <- make_data(12, rep(5, 12))
d60$arm <- d60$treat
resample <- list(
  pairs_case(d60, "treat + x", "treat", 199),
  pairs_case(d60, "treat + x", "treat", 199, strata = "arm"),
  cluster_case(d8, "treat + x", "treat", 199)
)

data_json <- function(d) lapply(as.list(d), vec)
writeLines(to_json(list(
  generated_by = "test/oracle/bootstrap.R",
  r_version = R.version.string,
  sandwich = as.character(packageVersion("sandwich")),
  boot = as.character(packageVersion("boot")),
  data = list(d8 = data_json(d8), d10 = data_json(d10), d60 = data_json(d60)),
  wild = wild,
  wild_data = vec(c("d8", "d8", "d8", "d8", "d10", "d10")),
  resample = resample,
  resample_data = vec(c("d60", "d60", "d8"))
)), out)
cat("wrote", out, "\n")
