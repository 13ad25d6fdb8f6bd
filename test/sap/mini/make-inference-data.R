# Makes the two extracts that test/sap/mini/inference.yaml adds to the mini trial (run once; the
# CSVs are committed):
# - data/provider.csv: the provider's management information, engaged = 1 when the participant
#   engaged with the service (take-up; treated about 60%, controls about 8%: two-sided
#   non-compliance), for every randomised participant;
# - data/work12.csv: "in paid work" at the 12-month survey (0/1), for the survey's respondents
#   only (about 1 in 12 of them skipped the question, left blank): a binary survey outcome with
#   missing values, for bounds.
#   Rscript test/sap/mini/make-inference-data.R     (from the repository root)
set.seed(20240613)
dir <- "test/sap/mini/data"
base <- read.csv(file.path(dir, "baseline.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
surv <- read.csv(file.path(dir, "survey12.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
treated <- base$arm == "T"
engaged <- as.integer(runif(nrow(base)) < ifelse(treated, 0.6, 0.08))
write.csv(data.frame(id = base$id, engaged = engaged), file.path(dir, "provider.csv"), row.names = FALSE, quote = FALSE)
arm <- treated[match(surv$id, base$id)]
in_work <- as.integer(runif(nrow(surv)) < ifelse(arm, 0.52, 0.4))
in_work[runif(nrow(surv)) < 1 / 12] <- NA
write.csv(data.frame(id = surv$id, in_work = in_work), file.path(dir, "work12.csv"), row.names = FALSE, quote = FALSE, na = "")
cat("wrote", file.path(dir, "provider.csv"), "and", file.path(dir, "work12.csv"), "\n")
