# The same benchmark scenario in R (estimatr::lm_robust), on the same deterministic data as
# test/bench/synthetic.mjs:   Rscript test/bench/fit-scenario.R <n> <k> <se_type> [clusters]
# prints {"seconds": ..., "peak_mb": ...}; the data are built before the clock starts.
suppressPackageStartupMessages(library(estimatr))
args <- commandArgs(trailingOnly = TRUE)
n <- as.numeric(args[1]); k <- as.integer(args[2]); se <- args[3]
clusters <- if (length(args) >= 4) as.numeric(args[4]) else NA
i <- seq_len(n)
d <- list()
for (j in seq_len(k - 1)) d[[paste0("x", j)]] <- sin(i * (j + 0.5) * 0.0137) + (((i * (j + 3)) %% 17) - 8) / 8
s <- 1
for (j in seq_len(k - 1)) s <- s + (if (j %% 3 == 0) -0.5 else 0.25) * d[[paste0("x", j)]]
noise <- sin(i * 12.9898) * 43758.5453
d$y <- s + 2 * (noise - floor(noise) - 0.5) * (1 + abs(d$x1))
if (!is.na(clusters)) d$cl <- floor(((i - 1) * clusters) / n)
d <- as.data.frame(d)
f <- as.formula(paste("y ~", paste(paste0("x", seq_len(k - 1)), collapse = " + ")))
t0 <- proc.time()[["elapsed"]]
fit <- if (is.na(clusters)) lm_robust(f, data = d, se_type = se) else lm_robust(f, data = d, se_type = se, clusters = cl)
secs <- proc.time()[["elapsed"]] - t0
status <- readLines(sprintf("/proc/%d/status", Sys.getpid()))
peak <- as.numeric(gsub("[^0-9]", "", grep("^VmHWM", status, value = TRUE))) / 1024
cat(sprintf('{"seconds": %.3f, "peak_mb": %.1f, "se_x1": %.17g, "df_x1": %.17g}\n', secs, peak, fit$std.error[2], fit$df[2]))
