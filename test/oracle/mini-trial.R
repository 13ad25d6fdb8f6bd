# The mini trial's data (test/sap/mini/data) as R reads and links them — shared by sap.R and plan.R:
# erased participants removed, -9 ages missing, withdrawals before the 12-month survey fell due
# counted as not expected (eligible), wellbeing at 12 months, and the administrative outcomes from
# monthly records at offsets 1..12 after the month of randomisation (records on or after a
# withdrawal dropped). Defines base, surv, wd, d, eligible, inw.
dir <- "test/sap/mini/data"
base <- read.csv(file.path(dir, "baseline.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
surv <- read.csv(file.path(dir, "survey12.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
hm <- read.csv(file.path(dir, "hmrc.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)
wd <- read.csv(file.path(dir, "withdrawals.csv"), colClasses = c(id = "character"), stringsAsFactors = FALSE)

erased <- wd$id[wd$erased == "yes"]
d <- base[!(base$id %in% erased), ]
d$rand <- as.Date(d$randomised_on)
d$treat <- as.integer(d$arm == "T")
d$age[d$age == -9] <- NA
d$withdrawn <- as.Date(wd$withdrawn_on[match(d$id, wd$id)])

add_months <- function(date, k) {
  lt <- as.POSIXlt(date); y <- lt$year + 1900; m <- lt$mon + k; dd <- lt$mday
  y2 <- y + m %/% 12; m2 <- m %% 12 + 1
  last <- as.integer(format(as.Date(sprintf("%04d-%02d-01", y2, m2)) + 31 - as.integer(format(as.Date(sprintf("%04d-%02d-01", y2, m2)) + 31, "%d")), "%d"))
  as.Date(sprintf("%04d-%02d-%02d", y2, m2, pmin(dd, last)))
}
due <- add_months(d$rand, 12)
eligible <- is.na(d$withdrawn) | d$withdrawn >= due
d$wellbeing <- ifelse(eligible, surv$wellbeing[match(d$id, surv$id)], NA)

# administrative outcomes from monthly records: offsets 1..12, withdrawn participants' records on
# or after their withdrawal date dropped
hm <- hm[hm$id %in% d$id, ]
hm$first <- as.Date(paste0(hm$month, "-01"))
w_of <- d$withdrawn[match(hm$id, d$id)]
hm <- hm[is.na(w_of) | hm$first < w_of, ]
r_of <- d$rand[match(hm$id, d$id)]
lt_r <- as.POSIXlt(r_of); lt_m <- as.POSIXlt(hm$first)
hm$offset <- (lt_m$year - lt_r$year) * 12 + (lt_m$mon - lt_r$mon)
inw <- hm[hm$offset >= 1 & hm$offset <= 12, ]
d$earnings12 <- sapply(d$id, function(i) sum(inw$earnings[inw$id == i]))
weeks <- sapply(d$id, function(i) sum(inw$weeks[inw$id == i]))
d$employed13w <- as.integer(weeks >= 13)
d$months_employed12 <- sapply(d$id, function(i) length(unique(inw$month[inw$id == i & inw$weeks != 0])))
d$age_band <- ifelse(is.na(d$age), NA, ifelse(d$age < 35, "18-34", "35+"))

