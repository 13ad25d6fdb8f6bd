import type { MultiplicityMethod } from "../effects/multiplicity.js";

/**
 * The statistical analysis plan (SAP), format version 1, as TypeScript types. The JSON Schema in
 * schema.ts describes the same document for editors and other tools; docs/sap.md documents every
 * field with an example.
 */
export interface Sap {
  trialstat: 1;
  title: string;
  registration: { id: string; sap_version: string; date: string; url?: string };
  sources: Record<string, SourceSpec>;
  linkage: LinkageSpec;
  treatment: { column: string; treated: string | number; control: string | number };
  derive?: Record<string, DeriveSpec>;
  weights?: Record<string, WeightsSpec>;
  populations: Record<string, PopulationSpec>;
  outcomes: OutcomeSpec[];
  covariates?: { variables: string[]; missing?: "indicator" | "error" | "complete_case" };
  subgroups?: string[];
  /** The reference level of factors, by variable (R's relevel): the level other levels are compared with. */
  reference?: Record<string, string | number>;
  inference?: InferenceSpec;
  output?: OutputSpec;
}

export type ColumnType = "number" | "string" | "date";

export interface ColumnSpec {
  type: ColumnType;
  /** For dates: YYYY-MM-DD (default), DD/MM/YYYY, MM/DD/YYYY or YYYY-MM (a month). */
  format?: string;
  /** Allowed values (codes); any other non-missing value is an error. */
  values?: (string | number)[];
  min?: number;
  max?: number;
  /** Extra missing-value codes for this column. */
  missing?: (string | number)[];
}

export interface SourceSpec {
  /** .csv, .csv.gz, .dta, .sav, .zsav, .parquet, .arrow, .feather or .xlsx (read by extension). */
  file: string;
  /** The sheet of an .xlsx file (default: the first). */
  sheet?: string;
  key: string;
  /** wide: one record per participant; long: many (e.g. monthly administrative records). */
  shape?: "wide" | "long";
  /** Missing-value codes for every column (default "" and "NA"). */
  missing?: (string | number)[];
  columns?: Record<string, ColumnSpec>;
  /** A survey wave: when it falls due after randomisation (withdrawals before then are not non-respondents). */
  wave?: { months: number };
  /** How to resolve duplicate keys in a wide source (default: error). */
  duplicates?: { keep: "first" | "last"; by?: string };
  label?: string;
}

export interface LinkageSpec {
  /** The source whose rows are the randomised participants. */
  randomised: string;
  /** Column of the randomised source with each participant's randomisation date. */
  randomisation_date: string;
  withdrawal?: { source: string; date: string };
  erasure?: { source: string; column: string; value: string | number };
  /** Records whose key is not among the randomised: stop (error, the default) or drop them (counted). */
  unmatched_records?: "error" | "drop";
}

export type DeriveSpec = InstrumentDerive | LikertDerive | AdminDerive | RecodeDerive;

export interface InstrumentDerive {
  instrument: string;
  source: string;
  items: string[];
  /** Which scale to keep (default the instrument's primary score): e.g. metric, raw, percent, mean, vas. */
  scale?: string;
  labels?: Record<string, number>;
  missing_codes?: (string | number)[];
  missing_rule?: { max_missing: number; prorate: boolean };
  value_set?: string;
}

export interface LikertDerive {
  likert: {
    range: [number, number];
    reverse?: number[];
    aggregate?: "sum" | "mean";
    min_answered?: number;
    prorate?: boolean;
  };
  source: string;
  items: string[];
  labels?: Record<string, number>;
  missing_codes?: (string | number)[];
}

export interface WindowSpec {
  /** Length of the window in months after randomisation. */
  months: number;
  /** Months after randomisation at which the window opens (default 0). */
  start?: number;
}

export interface AdminDerive {
  /** A long source of dated records. */
  from: string;
  /** Column with each record's date (YYYY-MM-DD, or a YYYY-MM month). */
  date: string;
  window: WindowSpec;
  /** What to compute over the records in the window (exactly one). */
  sum?: string;
  count?: { column: string; at_least?: number; equals?: number | string };
  any?: { column: string; at_least?: number; equals?: number | string };
  /** A binary outcome: 1 when the computed value is at least this. */
  at_least?: number;
  /** Value for a participant with no records in the window (default 0). */
  absent?: "zero" | "missing";
}

export interface RecodeDerive {
  recode: string;
  /** Ordered cut-points: each band is below its limit (the last has none). */
  bands?: { label: string; below?: number | string }[];
  /** Value → label. */
  map?: Record<string, string>;
  /** Equal-count bands from the randomised population (e.g. 3 for terciles), lowest first. */
  quantiles?: number;
  labels?: string[];
}

export interface WeightsSpec {
  survey: string;
  method?: "logit" | "cells" | "rake";
  covariates: string[];
  within?: string[];
  trim?: { cap?: number; percentile?: number };
  missing_covariates?: "indicator" | "error";
}

export type FilterValue = string | number | (string | number)[] | { ">="?: number; ">"?: number; "<="?: number; "<"?: number };

export interface PopulationSpec {
  label?: string;
  where?: Record<string, FilterValue>;
  /** Randomisation strata to adjust for in a pooled population. */
  strata?: string[];
}

export interface OutcomeSpec {
  name: string;
  label?: string;
  role: "primary" | "secondary" | "exploratory";
  type: "binary" | "continuous" | "count";
  report: "ppt" | "sd" | "currency" | "raw";
  currency?: string;
  weights?: string;
  model?: "ols" | "logit";
  /** Restrict to these populations (default: all). */
  populations?: string[];
  /** Covariates this outcome's models add to the plan's (e.g. its own baseline value: ANCOVA). */
  covariates?: string[];
}

export interface InferenceSpec {
  se?: "classical" | "HC0" | "HC1" | "HC2" | "HC3" | "CR0" | "CR1" | "stata" | "CR2";
  cluster?: string;
  levels?: number[];
  multiplicity?: { family: "primary" | "secondary" | "exploratory" | string[]; method: MultiplicityMethod; across?: "population" | "all" }[];
}

export type { MultiplicityMethod };

export interface OutputSpec {
  /** Decimal places in report tables: one number for every effect unit, or per kind of figure. */
  decimals?: number | DecimalsSpec;
  /** Write the analysis frame (one row per participant, with identifiers) — off by default. */
  row_level?: boolean;
  tables?: ("markdown" | "csv")[];
  /** Statistical disclosure control of the released tables and report (off unless given). */
  disclosure?: DisclosureSpec;
  /** The variable whose levels are the trial groups: columns of descriptive and response-rate tables. */
  trial_group?: string;
  /** Descriptive tables of characteristics by trial group (HLT Tables 1.2–1.11, 6.4). */
  descriptives?: DescriptiveSpec[];
  /** Baseline balance by arm (means or percentages and standardised differences). */
  balance?: BalanceSpec;
}

export interface DecimalsSpec {
  ppt?: number;
  currency?: number;
  sd?: number;
  raw?: number;
  mean?: number;
  percent?: number;
  rate?: number;
  p?: number;
  smd?: number;
}

export interface DisclosureSpec {
  /** Counts below this are suppressed (default 10). */
  min_count?: number;
  /** Round every published count to a multiple of this (e.g. 5). */
  round_to?: number;
  /** Treat zero counts as small too (default false). */
  suppress_zeros?: boolean;
  /** Also control n by arm (and arm means) in the results tables (default false). */
  results?: boolean;
}

export interface DescriptiveSpec {
  title: string;
  /** A categorical characteristic: its categories are the rows. */
  variable?: string;
  /** A multi-response question: one 0/1 (yes/no) variable per answer; each answer is a row. */
  multi?: string[];
  /** Category (or answer variable) → row label. */
  labels?: Record<string, string>;
  /** Categories in this order (the rest after, sorted). */
  order?: string[];
  /** Columns: this variable's levels (default output.trial_group, else the arm). */
  by?: string;
  /** Add a p-value column: Pearson's chi-square test of the characteristic by column. */
  chi_square?: boolean;
  /** Describe this population (default every retained participant). */
  population?: string;
  /** Who the base is, for the note under the table. */
  base?: string;
}

export interface BalanceSpec {
  variables: string[];
  /** One table per population (default every population). */
  populations?: string[];
  /** Variable → row label. */
  labels?: Record<string, string>;
}
