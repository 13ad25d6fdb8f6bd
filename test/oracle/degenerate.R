# What R reports for designs that cannot support their variance (docs/statistics.md#designs-that-cannot-support-their-variance),
# which trialstat refuses instead:
#
#   Rscript test/oracle/degenerate.R   (from the repository root; writes test/oracle/degenerate.json
#                                       and test/oracle/data/degenerate-*.csv)
#
# - clustering on the arm (2 clusters, each wholly in one arm): lm_robust's CR2 standard error of the
#   effect is a small fraction of its HC2 one, with df 1, and the effect looks significant;
# - a single cluster: lm_robust gives standard errors of about 1e-17;
# - a constant outcome: lm gives a standard error of about 1e-16 and p ≈ 0 ("essentially perfect fit");
# - a subgroup level whose outcome is constant within each arm: its effect's standard error is 0.

suppressPackageStartupMessages(library(estimatr))
source("test/oracle/json.R")

data_dir <- "test/oracle/data"
write_data <- function(df, name) {
  path <- file.path(data_dir, paste0("degenerate-", name, ".csv"))
  write.csv(df, path, row.names = FALSE)
  read.csv(path, stringsAsFactors = FALSE)
}

set.seed(20260112)
n <- 40
d <- data.frame(treat = rep(0:1, length.out = n), x = round(rnorm(n), 4))
d$y <- round(1 + 0.2 * d$treat + d$x + rnorm(n), 4)
d$site <- ifelse(d$treat == 1, "T", "C")
d$one <- "k1"
d$group <- rep(c("A", "B"), each = n / 2)
d$z <- ifelse(d$group == "B", 10 + 2 * d$treat, d$y)
d$constant <- 3
d <- write_data(d, "trial")

on_arm <- lm_robust(y ~ treat + x, d, clusters = site, se_type = "CR2")
hc2 <- lm_robust(y ~ treat + x, d, se_type = "HC2")
one <- lm_robust(y ~ treat + x, d, clusters = one, se_type = "CR2")
constant <- suppressWarnings(summary(lm(constant ~ treat + x, d))$coefficients)
sub <- lm_robust(z ~ treat * group, d, se_type = "HC2")
L <- c(0, 1, 0, 1)

out <- list(
  clustered_on_arm = list(estimate = on_arm$coefficients[["treat"]], cr2_std_error = on_arm$std.error[["treat"]], df = on_arm$df[["treat"]], p_value = on_arm$p.value[["treat"]], hc2_std_error = hc2$std.error[["treat"]]),
  one_cluster = list(std_error = vec(unname(one$std.error)), p_value = vec(unname(one$p.value))),
  constant_outcome = list(std_error = vec(unname(constant[, 2])), p_value = vec(unname(constant[, 4]))),
  subgroup_level = list(estimate = sum(L * coef(sub)), std_error = sqrt(drop(t(L) %*% vcov(sub) %*% L)))
)
writeLines(to_json(out), "test/oracle/degenerate.json")
