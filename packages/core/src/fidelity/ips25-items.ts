/**
 * The 25 items of the IPS fidelity scale in the UK wording of the Centre for Mental Health's review
 * tool, in the order of the IPS-25 (Bond, Peterson, Becker & Drake 2012), as Project 100's
 * fidelity table prints them (McPin Foundation 2016, Table 3). Each is rated 1–5.
 *
 * Source: Project 100 evaluation report (McPin Foundation for Rethink Mental Illness, 2016),
 * Table 3, "Fidelity Scores for JCP and PP employment advice at start and end of Project 100".
 */
export const IPS25_ITEMS: readonly string[] = [
  "Number on caseload",
  "Employment staff provide no other support",
  "Vocational generalists (carry out all phases of employment support)",
  "Referrals from CMHT and attachment",
  "Frequent contact with CMHT",
  "Collaboration with JC+",
  "Acting as vocational unit",
  "Role of supervisor",
  "Zero exclusion of referrals",
  "Partner clinicians' focus on IPS/employment",
  "Executive team support for IPS",
  "Support with benefits advice",
  "Disclosure discussions",
  "Ongoing, work-based vocational assessment",
  "Rapid job search",
  "Individualised job search",
  "Frequency of employer contact",
  "Quality and depth of employer contact",
  "Diversity of job type/role",
  "Diversity of employer/company",
  "Open labour market 'competitive' jobs",
  "Planned individualised follow-along support",
  "Ongoing, time unlimited follow-along",
  "Employment staff out in the community",
  "Assertive engagement by integrated team",
];
