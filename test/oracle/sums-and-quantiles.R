# Reference values for two small pieces of the SAP runtime:
#
# 1. Administrative sums over records with a missing value (docs/sap.md, derive: missing): R's
#    aggregate(value ~ id, FUN = sum) drops records whose value is NA before summing (its default
#    na.action is na.omit: trialstat's `missing: skip`, where a participant whose every record is NA
#    has no records at all); with na.action = na.pass the sum of a participant with an NA is NA
#    (trialstat's default, `missing: missing`).
# 2. R's default quantile, type 7, on awkward vectors (ties, one or two values, probabilities whose
#    index is not exact in binary), which the one quantile function of trialstat must match to the bit.
#
#   Rscript test/oracle/sums-and-quantiles.R   (from the repository root; writes test/oracle/sums-and-quantiles.json)

source("test/oracle/json.R")

records <- data.frame(
  id = c("P1", "P1", "P1", "P2", "P2", "P3", "P4", "P4", "P5"),
  value = c(120.5, NA, 300, 80, 19.25, NA, NA, NA, 0)
)
participants <- c("P1", "P2", "P3", "P4", "P5", "P6")  # P6 has no records
skip <- aggregate(value ~ id, data = records, FUN = sum)
keep <- aggregate(value ~ id, data = records, FUN = sum, na.action = na.pass)
lookup <- function(table, ids) vapply(ids, function(i) if (i %in% table$id) table$value[table$id == i] else NA_real_, 0)

vectors <- list(
  c(3, 1, 2),
  c(5),
  c(2, 7),
  c(1, 1, 1, 4, 4, 9),
  c(0.1, 0.7, 0.2, 0.3, 0.9, 1e6, -3.5, 2.25, 2.25, 8),
  seq(0.5, 17, by = 1.5)
)
probs <- c(0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 2 / 3, 0.7, 0.75, 0.9, 0.95, 0.99, 1)

out <- list(
  sums = list(
    records = list(id = records$id, value = records$value),
    participants = participants,
    skip = unname(lookup(skip, participants)),
    missing = unname(lookup(keep, participants))
  ),
  quantiles = lapply(vectors, function(x) list(x = vec(x), probs = vec(probs), type7 = vec(unname(quantile(x, probs, type = 7)))))
)
writeLines(to_json(out), "test/oracle/sums-and-quantiles.json")
