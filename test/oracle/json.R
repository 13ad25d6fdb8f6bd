# A JSON writer for the oracle scripts: numbers with 17 significant digits (jsonlite rounds to 15),
# so fixtures keep every bit R computed. Sourced by the oracle scripts that write JSON.
#   to_json(list(...)) — named lists become objects, unnamed lists arrays; vec(x) keeps a length-1
#   vector an array; a matrix becomes an array of rows; NA becomes null.

num <- function(x) if (is.na(x)) "null" else if (is.infinite(x)) (if (x > 0) "1e999" else "-1e999") else sprintf("%.17g", x)
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) paste0(inner, '"', k, '": ', to_json(x[[k]], inner)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
    }
    items <- vapply(x, function(v) paste0(inner, to_json(v, inner)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", indent, "]"))
  }
  if (is.matrix(x)) return(to_json(lapply(seq_len(nrow(x)), function(i) as.numeric(x[i, ])), indent))
  if (is.character(x)) {
    s <- ifelse(is.na(x), "null", paste0('"', gsub('"', '\\\\"', x), '"'))
  } else if (is.logical(x)) {
    s <- ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    s <- vapply(as.numeric(x), num, "")
  }
  if (inherits(x, "AsIs") || length(x) != 1) return(paste0("[", paste(s, collapse = ", "), "]"))
  s
}
scalar <- function(x) x
vec <- function(x) I(x)
