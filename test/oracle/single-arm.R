# Reference values for a single-arm service evaluation (a SAP with evaluation:), computed in R from
# the IPS-in-IAPT example's data (examples/ips-in-iapt/data, committed), independently of trialstat:
# per site and in total — the flow's counts; each measure's completers (both / start only / end only
# / neither), means, SDs and ranges, t.test(end, start, paired = TRUE) and wilcox.test(end, start,
# paired = TRUE, conf.int = TRUE); paid job rates with prop.test(x, n, correct = FALSE)$conf.int;
# counts; NHS Talking Therapies reliable change and recovery (written out here from the manual's
# definitions) with Wilson intervals.
#
#   Rscript test/oracle/single-arm.R     (from the repository root; writes test/oracle/single-arm.json)
#
# Needs: r-base-core (stats only). test/oracle/single-arm.test.ts runs examples/ips-in-iapt/sap.yaml
# and compares; the suite needs no R.

source("test/oracle/json.R")
out <- "test/oracle/single-arm.json"
data <- "examples/ips-in-iapt/data"
read <- function(f) read.csv(file.path(data, f), stringsAsFactors = FALSE, na.strings = c("", "NA"))
referrals <- read("referrals.csv")
iapt_first <- read("iapt_first.csv")
iapt_last <- read("iapt_last.csv")
ips_first <- read("ips_first.csv")
ips_last <- read("ips_last.csv")

# each person's value from a source with one row per person (NA without a row)
from <- function(source, values) values[match(referrals$id, source$id)]
total <- function(source, prefix, k) {
  items <- as.matrix(source[, paste0(prefix, "_", seq_len(k))])
  rowSums(items)  # NA when any item is missing: the instruments allow none
}
gad7 <- list(start = from(iapt_first, iapt_first$gad7), end = from(iapt_last, iapt_last$gad7))
phq9 <- list(start = from(iapt_first, iapt_first$phq9), end = from(iapt_last, iapt_last$phq9))
who5 <- list(start = from(iapt_first, total(iapt_first, "who5", 5)), end = from(iapt_last, total(iapt_last, "who5", 5)))
jsse <- list(start = from(ips_first, total(ips_first, "jsse", 9)), end = from(ips_last, total(ips_last, "jsse", 9)))

evaluated <- which(referrals$consented %in% "yes")
ips_users <- which(referrals$consented %in% "yes" & referrals$ips_user %in% 1)
sites <- sort(unique(referrals$site))
groups <- function(members) c(lapply(sites, function(s) list(site = s, rows = members[referrals$site[members] == s])), list(list(site = NULL, rows = members)))

quiet <- function(expr) suppressWarnings(expr)
spread <- function(x) if (length(x) == 0) NULL else list(mean = mean(x), sd = if (length(x) > 1) sd(x) else NULL, min = min(x), max = max(x))

change <- function(measure, name, population, members) {
  lapply(groups(members), function(g) {
    s <- measure$start[g$rows]
    e <- measure$end[g$rows]
    both <- !is.na(s) & !is.na(e)
    x <- e[both]
    y <- s[both]
    d <- x - y
    row <- list(population = population, measure = name, site = g$site, n = length(g$rows), both = sum(both),
                start_only = sum(!is.na(s) & is.na(e)), end_only = sum(is.na(s) & !is.na(e)), neither = sum(is.na(s) & is.na(e)),
                start = spread(y), end = spread(x), change = spread(d))
    if (sum(both) >= 2 && length(unique(d)) > 1) {
      t <- t.test(x, y, paired = TRUE)
      row$t <- list(estimate = unname(t$estimate), std_error = t$stderr, statistic = unname(t$statistic), df = unname(t$parameter),
                    p_value = t$p.value, low = t$conf.int[1], high = t$conf.int[2])
    }
    if (sum(both) >= 1 && any(d != 0)) {
      w <- quiet(wilcox.test(x, y, paired = TRUE, conf.int = TRUE))
      row$wilcoxon <- list(estimate = unname(w$estimate), statistic = unname(w$statistic), p_value = w$p.value, low = w$conf.int[1],
                           high = w$conf.int[2], achieved_level = attr(w$conf.int, "conf.level"), method = w$method)
    }
    row
  })
}

wilson <- function(x, n) {
  if (n == 0) return(NULL)
  ci <- prop.test(x, n, correct = FALSE)$conf.int
  list(low = ci[1], high = ci[2])
}

rates <- lapply(groups(ips_users), function(g) {
  y <- referrals$paid_job[g$rows]
  n <- sum(!is.na(y))
  x <- sum(y, na.rm = TRUE)
  list(population = "ips_users", outcome = "paid_job", site = g$site, n = length(g$rows), denominator = n, count = x, wilson = quiet(wilson(x, n)))
})

counts <- unlist(lapply(c("job_outcomes", "appointments", "applications", "interviews"), function(o) {
  lapply(groups(ips_users), function(g) {
    y <- referrals[[o]][g$rows]
    y <- y[!is.na(y)]
    list(population = "ips_users", outcome = o, site = g$site, n = length(g$rows), missing = length(g$rows) - length(y),
         with_any = sum(y >= 1), total = sum(y), mean_per_person = mean(y), mean_among_any = if (any(y >= 1)) sum(y) / sum(y >= 1) else NULL,
         min = min(y), max = max(y))
  })
}), recursive = FALSE)

# NHS Talking Therapies: caseness PHQ-9 >= 10 or GAD-7 >= 8; reliable change 6 (PHQ-9), 4 (GAD-7)
talking_therapies <- unlist(lapply(groups(evaluated), function(g) {
  p0 <- phq9$start[g$rows]; p1 <- phq9$end[g$rows]; g0 <- gad7$start[g$rows]; g1 <- gad7$end[g$rows]
  complete <- !is.na(p0) & !is.na(p1) & !is.na(g0) & !is.na(g1)
  case0 <- (p0 >= 10 | g0 >= 8)
  case1 <- (p1 >= 10 | g1 >= 8)
  down <- function(a, b, k) a - b >= k
  improved <- (down(p0, p1, 6) & !down(g1, g0, 4)) | (down(g0, g1, 4) & !down(p1, p0, 6))
  deteriorated <- (down(p1, p0, 6) & !down(g0, g1, 4)) | (down(g1, g0, 4) & !down(p0, p1, 6))
  recovered <- case0 & !case1
  measures <- list(
    reliable_improvement = list(among = complete, yes = improved),
    reliable_deterioration = list(among = complete, yes = deteriorated),
    recovery = list(among = complete & case0, yes = recovered),
    reliable_recovery = list(among = complete & case0, yes = recovered & improved)
  )
  lapply(names(measures), function(m) {
    among <- which(measures[[m]]$among)
    x <- sum(measures[[m]]$yes[among])
    list(population = "evaluated", measure = m, site = g$site, n = length(g$rows), denominator = length(among), count = x, wilson = quiet(wilson(x, length(among))))
  })
}), recursive = FALSE)

stages <- list(
  list(label = "Total referrals", rows = seq_len(nrow(referrals))),
  list(label = "Declined IPS", rows = which(referrals$referral == "declined_ips")),
  list(label = "Declined IPS and IAPT", rows = which(referrals$referral == "declined_both")),
  list(label = "Total participants", rows = which(referrals$referral == "participant")),
  list(label = "Participants in the evaluation", rows = evaluated),
  list(label = "IPS service users", rows = ips_users)
)
flow <- unlist(lapply(stages, function(s) lapply(groups(s$rows), function(g) list(label = s$label, site = g$site, n = length(g$rows)))), recursive = FALSE)

writeLines(to_json(list(
  r_version = R.version.string,
  flow = flow,
  changes = c(change(gad7, "gad7", "evaluated", evaluated), change(phq9, "phq9", "evaluated", evaluated),
              change(who5, "who5", "evaluated", evaluated), change(jsse, "jsse", "ips_users", ips_users)),
  rates = rates,
  counts = counts,
  talking_therapies = talking_therapies
)), out)
cat("wrote", out, "\n")
