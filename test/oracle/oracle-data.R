# The oracle scripts' data sets: each is written to test/oracle/data/<name>.csv, the file trialstat's
# tests read, and read back before fitting, so that R and trialstat fit exactly the same numbers.
# Sourced by fit.R and iv.R (out_dir is where their JSON fixtures go).

out_dir <- "test/oracle"
data_dir <- file.path(out_dir, "data")
dir.create(data_dir, showWarnings = FALSE, recursive = TRUE)

write_data <- function(df, name) {
  path <- file.path(data_dir, paste0(name, ".csv"))
  write.csv(df, path, row.names = FALSE, na = "")
  read.csv(path, stringsAsFactors = FALSE)
}
