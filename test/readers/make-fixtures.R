# Writes the Stata and SPSS fixtures for the file readers with R's haven (ReadStat), then reads
# every fixture back -- including those written by other tools (make-fixtures.py: pandas;
# make-fixtures.mjs: DuckDB, apache-arrow, exceljs) -- with haven or readxl and records what R sees
# as <fixture>.expected.json. The reader tests compare trialstat's reading with these JSON files,
# so every expected value is R's, never trialstat's.
#
# Run from the repository root, after the other two generators:
#   /usr/bin/python3 test/readers/make-fixtures.py && npm install --prefix test/readers/tools && node test/readers/tools/make-fixtures.mjs \
#     && Rscript test/readers/make-fixtures.R
suppressPackageStartupMessages({ library(haven); library(readxl); library(jsonlite) })
dir <- "test/readers/fixtures"
dir.create(dir, showWarnings = FALSE, recursive = TRUE)

long_note <- paste(rep("Lorem ipsum dolor sit amet — ", 70), collapse = "")   # > 2045 bytes: a strL / very long string
people <- data.frame(
  id = sprintf("%03d", 1:8),
  name = c("Zoë", "Łukasz", "José", "", "李小龙", "O'Brien, \"Jr\"", "a,b", "x"),
  stringsAsFactors = FALSE
)
people$arm <- labelled(c(1, 0, 1, 0, 1, 0, 1, 0), c(Treatment = 1, Control = 0))
people$earnings <- c(1234.5, 0, -0.25, 1e10, NA, pi, 1/3, 2^53)
people$count <- c(0L, 1L, NA, -5L, 100000L, 7L, -2147483647L, 2147483620L)
people$randomised <- as.Date(c("2019-01-31", "2020-02-29", NA, "1960-01-01", "1959-12-31", "2021-12-31", "2000-03-01", "1970-01-01"))
people$interview <- as.POSIXct(c("2019-02-01 13:45:00", "2020-03-01 00:00:00", NA, "1960-01-01 23:59:59",
                                 "1959-12-31 00:00:01", "2022-01-01 12:00:00", "2000-03-01 06:30:00", "1970-01-01 00:00:00"), tz = "UTC")
people$note <- c(long_note, "short", "", long_note, "ünïcödé", NA, "z", "short")
people$note[is.na(people$note)] <- ""

# Stata: tagged (extended) missing values .a and .b, with labels of their own
stata <- people
stata$age <- labelled(c(34, tagged_na("a"), 51, NA, 29, tagged_na("b"), 62, 45),
                      c(Refused = tagged_na("a"), "Don't know" = tagged_na("b"), "Sixty-two" = 62))
for (v in c(13, 14, 15)) {
  format <- c("13" = 117, "14" = 118, "15" = 119)[[as.character(v)]]
  write_dta(stata, file.path(dir, sprintf("haven-%d.dta", format)), version = v)
}

# SPSS: user-missing values (discrete codes and a range), byte-code compressed and uncompressed
spss <- people
spss$q1 <- labelled_spss(c(1, 2, -9, 3, -8, 99, 5, 4), c(Low = 1, High = 5, Refused = -9, "Don't know" = -8),
                         na_values = c(-9, -8))
spss$income <- labelled_spss(c(100, 995, 250.5, 999, NA, 990, 0, 12), na_range = c(990, 999))
spss$grade <- labelled_spss(c("A", "B", "X", "C", "A", "", "B", "Z"), c(Good = "A", Poor = "C", Unknown = "X"), na_values = c("X", "Z"))
write_sav(spss, file.path(dir, "haven-bytecode.sav"), compress = "byte")
write_sav(spss, file.path(dir, "haven-uncompressed.sav"), compress = "none")
write_sav(spss, file.path(dir, "haven-zlib.zsav"), compress = "zsav")

# --- expected contents, as R reads each fixture -------------------------------------------------
cell_json <- function(x) {
  # the value of each cell as R sees it, the missing tag (Stata .a-.z) or user-missing flag (SPSS)
  tags <- if (is.double(x)) na_tag(x) else rep(NA_character_, length(x))
  user_missing <- if (inherits(x, "haven_labelled_spss")) is.na(x) & !is.na(vctrs::vec_data(x)) else rep(FALSE, length(x))
  raw <- if (inherits(x, "haven_labelled")) vctrs::vec_data(x) else x
  values <- if (inherits(raw, "Date")) format(raw, "%Y-%m-%d")
            else if (inherits(raw, "POSIXct")) format(raw, "%Y-%m-%d", tz = "UTC")
            else raw
  # numbers as "%.17g" text, which parses back to the identical double (JSON numbers would be rounded)
  if (is.numeric(values)) values <- ifelse(is.na(raw) & !user_missing, NA, sprintf("%.17g", as.double(values)))
  labels <- attr(x, "labels")
  label_keys <- if (is.null(labels)) NULL
                else if (is.double(labels)) ifelse(is.na(na_tag(labels)), vapply(vctrs::vec_data(labels), function(v) format(v, digits = 15), ""), paste0(".", na_tag(labels)))
                else as.character(labels)
  list(
    kind = if (inherits(raw, "Date") || inherits(raw, "POSIXct")) "date" else if (is.numeric(raw)) "number" else "text",
    values = values,
    tag = tags,
    user_missing = user_missing,
    labels = if (is.null(labels)) NULL else as.list(setNames(names(labels), label_keys))
  )
}
expected <- function(d) lapply(as.list(d), cell_json)
write_expected <- function(file, d) {
  writeLines(toJSON(list(nRows = nrow(d), columns = expected(d)), auto_unbox = TRUE, digits = I(17), na = "null", null = "null", pretty = TRUE),
             paste0(file, ".expected.json"))
}
# Format 117 has no encoding field: haven writes UTF-8 in it, pandas (like Stata 13) Windows-1252
dta_encoding <- function(f) if (grepl("haven-117", f)) "UTF-8" else if (grepl("117", f)) "windows-1252" else NULL
for (f in list.files(dir, pattern = "^(haven|pandas).*\\.dta$", full.names = TRUE)) write_expected(f, read_dta(f, encoding = dta_encoding(f)))
for (f in list.files(dir, pattern = "^haven.*\\.z?sav$", full.names = TRUE)) write_expected(f, read_sav(f, user_na = TRUE))
for (f in list.files(dir, pattern = "^exceljs.*\\.xlsx$", full.names = TRUE)) {
  for (sheet in excel_sheets(f)) {
    d <- as.data.frame(read_excel(f, sheet = sheet))
    writeLines(toJSON(list(nRows = nrow(d), columns = expected(d)), auto_unbox = TRUE, digits = I(17), na = "null", null = "null", pretty = TRUE),
               sprintf("%s.%s.expected.json", f, sheet))
  }
}

# The example trial (examples/fit/trial.csv) in Stata and SPSS form: `trialstat fit` must give the
# same output from every format (test/cli/data-formats.test.ts)
trial <- read.csv("examples/fit/trial.csv", stringsAsFactors = FALSE)
write_dta(trial, file.path(dir, "trial.dta"), version = 14)
write_sav(trial, file.path(dir, "trial.sav"))
survey <- read.csv("examples/weights/survey12.csv", stringsAsFactors = FALSE)
write_dta(survey, file.path(dir, "survey12.dta"), version = 14)
# PHQ-9 items with SPSS user-missing -9 ("refused") where test/cli/score.test.ts's phq.csv has blanks
phq <- data.frame(id = c("007", "008", "009"))
items <- rbind(c(0, 1, 2, 3, 0, 1, 2, 3, 0), c(3, 3, 3, 3, 3, 3, 3, -9, NA), c(1, -9, NA, 1, 1, 1, 1, 1, 1))
for (j in 1:9) phq[[paste0("phq9_", j)]] <- labelled_spss(items[, j], c("Not at all" = 0, "Nearly every day" = 3, Refused = -9), na_values = -9)
write_sav(phq, file.path(dir, "phq.sav"))

# The mini SAP's sources (test/sap/mini/data) in other formats: a plan over them must give the
# CSV plan's results (test/readers/sap-sources.test.ts)
mini <- "test/sap/mini/data"
dir.create(file.path(dir, "mini"), showWarnings = FALSE)
baseline <- read.csv(file.path(mini, "baseline.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
baseline$randomised_on <- as.Date(baseline$randomised_on)
write_dta(baseline, file.path(dir, "mini", "baseline.dta"), version = 14)
survey12 <- read.csv(file.path(mini, "survey12.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
survey12$interview_date <- as.Date(survey12$interview_date)
for (j in 1:9) survey12[[paste0("phq", j)]] <- labelled_spss(survey12[[paste0("phq", j)]], c("Not at all" = 0, Refused = -8), na_values = -8)
write_sav(survey12, file.path(dir, "mini", "survey12.sav"))
