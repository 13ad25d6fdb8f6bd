# The pairs bootstrap in R, on the same deterministic data as test/bench/synthetic.mjs:
#   Rscript test/bench/bootstrap-scenario.R <n> <k> <draws>
# boot::boot refitting lm and sandwich::vcovHC(type = "HC2") on each resample; prints
# {"seconds": ..., "peak_mb": ...}. The data are built before the clock starts.
suppressPackageStartupMessages({ library(boot); library(sandwich) })
args <- commandArgs(trailingOnly = TRUE)
n <- as.numeric(args[1]); k <- as.integer(args[2]); draws <- as.integer(args[3])
i <- seq_len(n)
d <- list()
for (j in seq_len(k - 1)) d[[paste0("x", j)]] <- sin(i * (j + 0.5) * 0.0137) + (((i * (j + 3)) %% 17) - 8) / 8
s <- 1
for (j in seq_len(k - 1)) s <- s + (if (j %% 3 == 0) -0.5 else 0.25) * d[[paste0("x", j)]]
noise <- sin(i * 12.9898) * 43758.5453
d$y <- s + 2 * (noise - floor(noise) - 0.5) * (1 + abs(d$x1))
d <- as.data.frame(d)
f <- as.formula(paste("y ~", paste(paste0("x", seq_len(k - 1)), collapse = " + ")))
set.seed(1)
t0 <- proc.time()[["elapsed"]]
b <- boot(d, function(data, idx) {
  fit <- lm(f, data = data[idx, ])
  c(coef(fit)[2], vcovHC(fit, type = "HC2")[2, 2])
}, R = draws)
ci <- boot.ci(b, type = c("perc", "stud"))
secs <- proc.time()[["elapsed"]] - t0
status <- readLines(sprintf("/proc/%d/status", Sys.getpid()))
peak <- as.numeric(gsub("[^0-9]", "", grep("^VmHWM", status, value = TRUE))) / 1024
cat(sprintf('{"seconds": %.3f, "peak_mb": %.1f}\n', secs, peak))
