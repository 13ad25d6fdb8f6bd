# The same weights scenario in R (glm per cell, or survey::rake per cell; then rescale and
# survey::trimWeights(strict = TRUE)), on the data of test/bench/weights-synthetic.mjs:
#   Rscript test/bench/weights-scenario.R <n> <logit|rake>
# prints {"seconds", "peak_mb", "deff"}; the data are built before the clock starts.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
n <- as.numeric(args[1]); method <- args[2]
i <- seq_len(n)
d <- data.frame(group = c("A", "B", "C")[i %% 3 + 1], arm = c("C", "T")[(i %/% 3) %% 2 + 1],
                g = c("a", "b", "c")[((i * 5) %% 7) %% 3 + 1], h = c("p", "q")[((i * 3) %% 5) %% 2 + 1],
                x1 = sin(i * 0.0137) + (((i * 7) %% 17) - 8) / 8, x2 = cos(i * 0.731) * 2)
eta <- -0.3 + 0.5 * d$x1 - 0.3 * d$x2 + 0.2 * (d$g == "b") - 0.4 * (d$h == "q") + 0.3 * (d$arm == "T")
noise <- sin(i * 12.9898) * 43758.5453
d$r <- as.integer(noise - floor(noise) < plogis(eta))
t0 <- proc.time()[["elapsed"]]
w <- rep(NA_real_, n)
for (cell in split(seq_len(n), paste(d$group, d$arm))) {
  cd <- d[cell, ]
  resp <- cd$r == 1
  if (method == "logit") {
    fit <- glm(r ~ x1 + x2 + g + h, family = binomial, data = cd, control = glm.control(epsilon = 1e-14, maxit = 100))
    raw <- 1 / fitted(fit)[resp]
  } else {
    rd <- cd[resp, ]
    rd$w0 <- nrow(cd) / nrow(rd)
    des <- svydesign(ids = ~1, weights = ~w0, data = rd)
    raw <- weights(rake(des, list(~g, ~h), list(as.data.frame(table(g = cd$g)), as.data.frame(table(h = cd$h))),
                        control = list(maxit = 100, epsilon = 1e-7)))
  }
  x <- raw / mean(raw)
  x <- weights(trimWeights(svydesign(ids = ~1, weights = ~x, data = data.frame(x = x)), upper = 5, strict = TRUE))
  w[cell[resp]] <- x
}
secs <- proc.time()[["elapsed"]] - t0
w <- w[!is.na(w)]
status <- readLines(sprintf("/proc/%d/status", Sys.getpid()))
peak <- as.numeric(gsub("[^0-9]", "", grep("^VmHWM", status, value = TRUE))) / 1024
cat(sprintf('{"seconds": %.3f, "peak_mb": %.1f, "deff": %.17g}\n', secs, peak, length(w) * sum(w^2) / sum(w)^2))
