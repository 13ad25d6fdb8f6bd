# Lee (2009) trimming bounds and worst/best-case (Manski) bounds for a binary outcome, written by
# hand from the papers' formulas (see bounds.R): shared by bounds.R and inference-plan.R.

kept_mean_low <- function(y, w, p) {   # keep the lowest (1 - p) of the weight
  o <- order(y); y <- y[o]; w <- w[o]
  K <- (1 - p) * sum(w)
  q <- y[which(cumsum(w) >= K * (1 - 1e-15))[1]]
  below <- y < q
  (sum(w[below] * y[below]) + (K - sum(w[below])) * q) / K
}
kept_mean_high <- function(y, w, p) -kept_mean_low(-y, w, p)

lee <- function(y, arm, w) {
  r <- !is.na(y)
  q1 <- sum(w[arm == 1 & r]) / sum(w[arm == 1]); q0 <- sum(w[arm == 0 & r]) / sum(w[arm == 0])
  m <- function(a) sum(w[arm == a & r] * y[arm == a & r]) / sum(w[arm == a & r])
  y1 <- y[arm == 1 & r]; w1 <- w[arm == 1 & r]; y0 <- y[arm == 0 & r]; w0 <- w[arm == 0 & r]
  if (q1 > q0) {
    p <- (q1 - q0) / q1
    lower <- kept_mean_low(y1, w1, p) - m(0); upper <- kept_mean_high(y1, w1, p) - m(0); trimmed <- "treated"
  } else if (q0 > q1) {
    p <- (q0 - q1) / q0
    lower <- m(1) - kept_mean_high(y0, w0, p); upper <- m(1) - kept_mean_low(y0, w0, p); trimmed <- "control"
  } else {
    p <- 0; lower <- upper <- m(1) - m(0); trimmed <- "none"
  }
  list(lower = lower, upper = upper, trimmed = trimmed, trim_share = p, q1 = q1, q0 = q0, respondent_difference = m(1) - m(0))
}

manski <- function(y, arm, w) {
  filled <- function(a, fill) { v <- ifelse(is.na(y), fill, y); sum(w[arm == a] * v[arm == a]) / sum(w[arm == a]) }
  list(lower = filled(1, 0) - filled(0, 1), upper = filled(1, 1) - filled(0, 0))
}
