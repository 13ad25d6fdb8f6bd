# The randomisation-inference benchmark in R, as ri2 would run it: the coefficient of the arm
# refitted with lm.fit for the observed assignment and draws − 1 permutations (within blocks when
# asked), p the share with |estimate| >= |observed|. The whole process is timed, as for trialstat.
#   Rscript test/bench/ri-scenario.R <data.csv> <k> <draws> [blocks]
# prints {"seconds", "peak_mb", "estimate", "p"}.
args <- commandArgs(trailingOnly = TRUE)
d <- data.table::fread(args[1])
k <- as.integer(args[2]); draws <- as.integer(args[3]); blocked <- length(args) >= 4
X <- cbind(1, as.matrix(d[, paste0("x", seq_len(k - 2)), with = FALSE]))
y <- d$y
t <- d$treat
est <- function(arm) lm.fit(cbind(X[, 1], arm, X[, -1]), y)$coefficients[2]
observed <- est(t)
set.seed(1)
block <- if (blocked) d$block else rep(0L, length(t))
by_block <- order(block) # rows grouped by block
sims <- numeric(draws - 1)
for (s in seq_len(draws - 1)) {
  perm <- t
  perm[by_block] <- t[order(block, runif(length(t)))] # each block's arms in random order
  sims[s] <- est(perm)
}
p <- mean(c(TRUE, abs(sims) >= abs(observed)))
secs <- proc.time()[["elapsed"]]
status <- readLines(sprintf("/proc/%d/status", Sys.getpid()))
peak <- as.numeric(gsub("[^0-9]", "", grep("^VmHWM", status, value = TRUE))) / 1024
cat(sprintf('{"seconds": %.3f, "peak_mb": %.1f, "estimate": %.17g, "p": %.17g}\n', secs, peak, unname(observed), p))
