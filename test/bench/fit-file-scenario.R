# `fit` from a CSV file in R, the whole process timed by the caller (test/bench/fit-file.suite.mjs):
#   Rscript test/bench/fit-file-scenario.R <file> <se_type> [cluster column]
# reads the file with data.table::fread and fits y on every other column but the cluster column
# with estimatr::lm_robust; prints {"se_x1": ...} so the suite can check both sides agree.
suppressPackageStartupMessages({ library(data.table); library(estimatr) })
args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[1])
xs <- setdiff(names(d), c("y", "cl"))
f <- as.formula(paste("y ~", paste(xs, collapse = " + ")))
fit <- if (length(args) >= 3) lm_robust(f, data = d, se_type = args[2], clusters = cl) else lm_robust(f, data = d, se_type = args[2])
cat(sprintf('{"se_x1": %.17g}\n', fit$std.error[2]))
