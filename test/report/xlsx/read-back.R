# Reads test/report/xlsx/gss-tables.xlsx (written by make-fixture.mjs) with readxl and records every
# cell of every sheet as R sees it — its type (numeric, text or blank) and value — in
# gss-tables.readxl.json, which spreadsheet-oracle.test.ts compares with the workbook. Run from the
# repository root: Rscript test/report/xlsx/read-back.R
suppressPackageStartupMessages({ library(readxl); library(jsonlite) })
dir <- "test/report/xlsx"
f <- file.path(dir, "gss-tables.xlsx")
sheets <- excel_sheets(f)
out <- list(sheets = sheets, cells = list())
for (s in sheets) {
  d <- suppressMessages(read_excel(f, sheet = s, col_names = FALSE, col_types = "list", .name_repair = "minimal"))
  rows <- lapply(seq_len(nrow(d)), function(i) lapply(seq_len(ncol(d)), function(j) {
    v <- d[[j]][[i]]
    if (is.null(v) || (length(v) == 1 && is.na(v))) list(type = "blank")
    else if (is.numeric(v)) list(type = "numeric", value = v)
    else list(type = "text", value = as.character(v))
  }))
  out$cells[[s]] <- rows
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(dir, "gss-tables.readxl.json"))
