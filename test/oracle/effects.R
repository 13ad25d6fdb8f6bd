# Reference values for multiplicity adjustment (stats::p.adjust) and quantile bands
# (quantile type 7 + cut), used by test/oracle/effects.test.ts.
#   Rscript test/oracle/effects.R      (from the repository root)
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
sets <- list(
  c(0.01, 0.04, 0.03, 0.2, 0.0005),
  c(0.05, 0.05, 0.01, 0.01, 0.5, 0.049),
  c(0.3, 0.001),
  c(0.02, NA, 0.04, 0.001),
  c(0.9),
  c(0.012, 0.021, 0.033, 0.044, 0.055, 0.061, 0.07, 0.4, 0.0001, 0.8, 0.0125),
  c(1e-10, 0.5, 0.5, 0.5, 0.02)
)
methods <- c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY")
items <- c()
for (s in sets) for (m in methods) {
  items <- c(items, sprintf('{"method": "%s", "p": %s, "adjusted": %s}', m, arr(s), arr(p.adjust(s, method = m))))
}
set.seed(7)
x <- round(rnorm(101, 50, 10), 1); x[c(3, 50)] <- NA
x <- c(x, 50, 50, 50)
q <- quantile(x, (1:2) / 3, na.rm = TRUE, type = 7)
bands <- as.integer(cut(x, c(-Inf, q, Inf)))
quant <- sprintf('{"x": %s, "q": 3, "cuts": %s, "band": %s}', arr(x), arr(unname(q)), arr(bands))
writeLines(c("{", '  "generated_by": "test/oracle/effects.R",', sprintf('  "p_adjust": [\n    %s\n  ],', paste(items, collapse = ",\n    ")), sprintf('  "quantile_bands": %s', quant), "}"),
           "test/oracle/effects.json")
cat("wrote test/oracle/effects.json\n")
