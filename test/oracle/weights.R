# Reference values for non-response weights (packages/core/src/weights), from the R functions
# docs/statistics.md ("Non-response weights") names: glm (propensity per cell), survey::postStratify
# (weighting classes), survey::rake, survey::trimWeights(strict = TRUE), and the Kish design effect.
#
#   Rscript test/oracle/weights.R     (from the repository root; writes test/oracle/weights.json and
#                                      the example data, examples/weights/survey12.csv)
#
# Needs: r-base-core r-cran-survey r-cran-jsonlite (Debian). Every data set is written to CSV and
# read back before use, so R and trialstat see exactly the same numbers. The output is committed;
# the test suite needs no R.
#
# The pipeline mirrored for each method, within each cell of group x arm over the eligible:
#   raw weights -> rescale to mean 1 among the cell's respondents -> trimWeights(upper = cap, strict = TRUE)

suppressPackageStartupMessages(library(survey))

out_dir <- "test/oracle"
dir.create("examples/weights", showWarnings = FALSE, recursive = TRUE)

source("test/oracle/json.R")  # to_json(), vec(): numbers with 17 significant digits

write_data <- function(df, path) {
  write.csv(df, path, row.names = FALSE, na = "", quote = FALSE)
  read.csv(path, stringsAsFactors = FALSE, na.strings = "")
}

# ---- the example study: HLT-shaped, 12-month survey (HLT Table 6.2 response rates) ----
set.seed(20261124)
sizes <- c("SCR IW" = 300, "SCR OOW" = 450, "WMCA" = 450)
group <- rep(names(sizes), sizes)
n <- length(group)
arm <- unlist(lapply(sizes, function(s) sample(rep(c("T", "C"), length.out = s))))
age <- pmin(64, pmax(18, round(rnorm(n, 42, 11))))
female <- rbinom(n, 1, 0.5)
health <- sample(c("good", "fair", "poor"), n, replace = TRUE, prob = c(0.35, 0.4, 0.25))
swemwbs0 <- round(rnorm(n, 19 + ifelse(health == "good", 2, ifelse(health == "poor", -2, 0)), 3.5), 2)
# published 12-month response rates by cell (SCR IW T/C, SCR OOW T/C, WMCA T/C)
rate <- c("SCR IW.T" = 0.508, "SCR IW.C" = 0.430, "SCR OOW.T" = 0.424, "SCR OOW.C" = 0.405, "WMCA.T" = 0.410, "WMCA.C" = 0.361)
base <- qlogis(rate[paste(group, arm, sep = ".")])
p <- plogis(base + 0.03 * (age - 42) + 0.2 * female - 0.3 * (health == "poor") + 0.04 * (swemwbs0 - 19))
responded <- rbinom(n, 1, p)
eligible <- rbinom(n, 1, 0.98)
age[sample(n, 90)] <- NA
health[sample(n, 90)] <- NA
age_band <- ifelse(is.na(age), NA, ifelse(age < 35, "18-34", ifelse(age < 50, "35-49", "50-64")))
# the 12-month survey outcome (SWEMWBS), observed for respondents only
swemwbs12 <- round(10 + 0.5 * swemwbs0 + 0.6 * (arm == "T") + rnorm(n, 0, 3), 2)
swemwbs12[eligible == 0 | responded == 0] <- NA
survey12 <- data.frame(
  id = sprintf("H%04d", seq_len(n)), group = group, arm = arm, age = age, age_band = age_band,
  female = female, health = health, swemwbs0 = swemwbs0,
  eligible12 = ifelse(eligible == 1, "yes", "no"),
  responded12 = ifelse(eligible == 1, ifelse(responded == 1, "yes", "no"), NA),
  swemwbs12 = swemwbs12
)
d <- write_data(survey12, "examples/weights/survey12.csv")

elig <- d$eligible12 == "yes"
d$resp <- as.integer(d$responded12 == "yes")
d$cell <- paste0("group=", d$group, ", arm=", d$arm)
cells <- sort(unique(d$cell[elig]))  # group slowest, levels sorted: the order trialstat uses

# ---- the shared tail of the pipeline ----
rescale <- function(w) w / mean(w)
trim_strict <- function(w, cap) {
  if (is.null(cap)) return(w)
  des <- svydesign(ids = ~1, weights = ~w, data = data.frame(w = w))
  weights(trimWeights(des, upper = cap, strict = TRUE))
}
summary_of <- function(w) {
  q <- quantile(w, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  m <- mean(w)
  list(n = length(w), min = min(w), q1 = q[1], median = q[2], q3 = q[3], max = max(w), mean = m,
       cv = sqrt(mean((w - m)^2)) / m,
       design_effect = length(w) * sum(w^2) / sum(w)^2, effective_n = sum(w)^2 / sum(w^2))
}

# missing-covariate indicator policy: numeric -> eligible mean + 0/1 indicator; text -> "(missing)"
prepare <- function(df) {
  df$age_missing <- as.numeric(is.na(df$age))
  df$age_f <- ifelse(is.na(df$age), mean(df$age[elig], na.rm = TRUE), df$age)
  df$health_f <- ifelse(is.na(df$health), "(missing)", df$health)
  df$age_band_f <- ifelse(is.na(df$age_band), "(missing)", df$age_band)
  df
}
d <- prepare(d)

# balance (docs/statistics.md): SMD = (respondent mean - eligible mean) / SD of the eligible (n - 1)
balance_of <- function(df, w, rows, covariates) {
  out <- list()
  add <- function(covariate, level, x, keep) {
    e <- rows & keep
    r <- e & df$resp == 1
    me <- mean(x[e]); s <- sd(x[e])
    mr <- mean(x[r]); mw <- sum(w[r] * x[r]) / sum(w[r])
    smd <- function(m) if (s == 0) 0 else (m - me) / s
    out[[length(out) + 1]] <<- list(covariate = covariate, level = level, eligible_mean = me, respondent_mean = mr,
                                    weighted_mean = mw, sd = s, smd_unweighted = smd(mr), smd_weighted = smd(mw))
  }
  for (cv in covariates) {
    if (is.numeric(df[[cv]])) {
      add(cv, NULL, df[[cv]], !is.na(df[[cv]]))
      if (any(is.na(df[[cv]][rows]))) add(cv, "(missing)", as.numeric(is.na(df[[cv]])), rep(TRUE, nrow(df)))
    } else {
      x <- ifelse(is.na(df[[cv]]), "(missing)", df[[cv]])
      lv <- sort(unique(x[rows]))
      lv <- c(setdiff(lv, "(missing)"), intersect(lv, "(missing)"))
      for (l in lv) add(cv, l, as.numeric(x == l), rep(TRUE, nrow(df)))
    }
  }
  out
}
method_covariates <- list(logit = c("age", "female", "health", "swemwbs0"), cells = c("health", "female"),
                          rake = c("age_band", "female", "health"))

run_method <- function(method, cap = NULL, pctl = NULL, rake_control = list(maxit = 100, epsilon = 1e-7)) {
  w_all <- rep(NA_real_, nrow(d))
  cell_out <- list()
  for (cl in cells) {
    rows <- which(elig & d$cell == cl)
    cd <- d[rows, ]
    resp <- cd$resp == 1
    if (method == "logit") {
      ctl <- glm.control(epsilon = 1e-14, maxit = 100)
      fit <- glm(resp ~ age_f + age_missing + female + health_f + swemwbs0, family = binomial, data = cd, control = ctl)
      raw <- 1 / fitted(fit)[resp]
    } else if (method == "cells") {
      # weighting classes health x female within the cell, by post-stratification to the eligible counts
      cd$class <- paste(cd$health_f, cd$female)
      rd <- cd[resp, ]
      rd$w0 <- 1
      pop <- as.data.frame(table(class = cd$class))
      raw <- weights(postStratify(svydesign(ids = ~1, weights = ~w0, data = rd), ~class, pop))
    } else {
      rd <- cd[resp, ]
      rd$w0 <- nrow(cd) / nrow(rd)
      rd$female <- factor(rd$female)
      des <- svydesign(ids = ~1, weights = ~w0, data = rd)
      pops <- list(
        as.data.frame(table(age_band_f = cd$age_band_f)),
        as.data.frame(table(female = cd$female)),
        as.data.frame(table(health_f = cd$health_f))
      )
      raked <- withCallingHandlers(
        rake(des, list(~age_band_f, ~female, ~health_f), pops, control = rake_control),
        warning = function(w) stop(conditionMessage(w))
      )
      raw <- weights(raked)
    }
    w <- rescale(raw)
    cap_cell <- cap
    if (!is.null(pctl)) cap_cell <- min(c(cap, quantile(w, pctl / 100, type = 7, names = FALSE)))
    w <- trim_strict(w, cap_cell)
    w_all[rows[resp]] <- w
    cell_out[[length(cell_out) + 1]] <- list(label = cl, eligible = length(rows), respondents = sum(resp),
                                             cap = if (is.null(cap_cell)) NULL else cap_cell, summary = summary_of(w))
  }
  r <- !is.na(w_all)
  # overall balance: weights scaled within each cell to its eligible count
  scaled <- w_all
  for (cl in cells) {
    rows <- elig & d$cell == cl
    scaled[rows] <- w_all[rows] * sum(rows) / sum(w_all[rows & r])
  }
  list(method = method, cap = cap, percentile = pctl,
       rake = if (method == "rake") list(tolerance = rake_control$epsilon, max_iterations = rake_control$maxit) else NULL,
       weights = vec(w_all), cells = cell_out, summary = summary_of(w_all[r]),
       balance = balance_of(d, scaled, elig, method_covariates[[method]]))
}

cases <- list(
  logit = run_method("logit"),
  logit_trim = run_method("logit", cap = 2.5),
  logit_trim_percentile = run_method("logit", cap = 3, pctl = 95),
  cells = run_method("cells"),
  cells_trim = run_method("cells", cap = 1.5),
  rake = run_method("rake"),
  rake_trim = run_method("rake", cap = 2),
  rake_survey_defaults = run_method("rake", rake_control = list(maxit = 10, epsilon = 1))
)

# raking that cannot converge in 2 sweeps at this tolerance: survey warns, trialstat stops
nonconverged <- tryCatch({ run_method("rake", rake_control = list(maxit = 2, epsilon = 1e-12)); FALSE },
                         error = function(e) grepl("did not converge", conditionMessage(e)))
stopifnot(nonconverged)

# ---- trimWeights(strict = TRUE) on its own: skewed weights, several caps ----
set.seed(7)
trim_cases <- list()
for (spec in list(list(n = 40, sdlog = 0.8, cap = 3), list(n = 40, sdlog = 0.8, cap = 1.6), list(n = 200, sdlog = 1.2, cap = 4),
                  list(n = 7, sdlog = 1.5, cap = 2))) {
  w <- round(rlnorm(spec$n, 0, spec$sdlog), 6)
  w <- w / mean(w) * 1  # mean 1, as trialstat trims
  trim_cases[[length(trim_cases) + 1]] <- list(input = vec(w), cap = spec$cap, expected = vec(trim_strict(w, spec$cap)),
                                               design_effect = length(w) * sum(w^2) / sum(w)^2,
                                               effective_n = sum(w)^2 / sum(w^2))
}

# ---- raking on its own (survey's own example: api, stype x sch.wide) ----
data(api)
apiclus1$w0 <- apiclus1$pw
des <- svydesign(id = ~dnum, weights = ~w0, data = apiclus1, fpc = ~fpc)
pop_types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop_schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
api_raked <- rake(des, list(~stype, ~sch.wide), list(pop_types, pop_schwide), control = list(maxit = 50, epsilon = 1e-9))
api_rake <- list(
  start = vec(apiclus1$pw), stype = vec(as.character(apiclus1$stype)), sch_wide = vec(as.character(apiclus1$sch.wide)),
  population = list(stype = list(levels = vec(pop_types$stype), counts = vec(pop_types$Freq)),
                    sch_wide = list(levels = vec(pop_schwide$sch.wide), counts = vec(pop_schwide$Freq))),
  tolerance = 1e-9, max_iterations = 50, expected = vec(unname(weights(api_raked))))

oracle <- list(
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  survey_version = as.character(packageVersion("survey")),
  data = "examples/weights/survey12.csv",
  response = "responded12", eligible = "eligible12", within = vec(c("group", "arm")),
  covariates = lapply(method_covariates, vec),
  cases = cases,
  trim = trim_cases,
  api_rake = api_rake
)
writeLines(to_json(oracle), file.path(out_dir, "weights.json"))
cat("wrote", file.path(out_dir, "weights.json"), "\n")
