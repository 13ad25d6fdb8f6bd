# examples/fit/engagement.csv: the example trial (trial.csv) with `engaged`, whether the participant
# engaged with the service (one-sided non-compliance is rare in practice: a few controls found
# their way to it). Used by the README's two-stage least-squares (CACE) example.
#
#   Rscript examples/fit/make-engagement.R        (from the repository root)
set.seed(20261201)
trial <- read.csv("examples/fit/trial.csv", stringsAsFactors = FALSE)
p <- ifelse(trial$treat == 1, plogis(0.9 + 0.03 * (trial$age - 40)), 0.06)
trial$engaged <- rbinom(nrow(trial), 1, p)
write.csv(trial, "examples/fit/engagement.csv", row.names = FALSE, na = "", quote = FALSE)
