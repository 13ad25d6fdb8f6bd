import { MULTIPLICITY_METHODS } from "../effects/multiplicity.js";
import { BOOTSTRAP_TYPES } from "../stats/bootstrap/fit-bootstrap.js";
import { WILD_WEIGHT_TYPES } from "../stats/bootstrap/wild-cluster-bootstrap.js";
import { MAX_RI_DRAWS } from "../stats/randomisation-inference/randomisation-inference.js";
import {
  type Static,
  anyOf,
  array,
  boolean,
  constant,
  describe,
  integer,
  number,
  object,
  oneOf,
  oneOfValues,
  optional,
  pair,
  record,
  string,
  stringOrNumber,
} from "./schema-builder.js";

/**
 * The SAP format, version 1, written once: the JSON Schema (draft-07) that `trialstat schema`
 * prints for editors and that ajv checks plans against (sap-validators.ts, compiled ahead of time by
 * scripts/compile-sap-schema.mjs), and — through `Static` — the TypeScript types of a parsed plan
 * (`Sap`, `SourceSpec`, `OutcomeSpec`, …, re-exported by sap/types.ts). Every object forbids unknown
 * keys: a typo must not silently drop an analysis. Reference with examples: docs/sap.md.
 *
 * @example
 * const plan: Sap = parseSap(text).sap!;            // the type of a plan this schema accepts
 * JSON.stringify(sapSchema);                        // the schema `trialstat schema` prints
 */

// --- building blocks
const name = string({ pattern: "^[A-Za-z][A-Za-z0-9_]*$", description: "A name: a letter, then letters, digits or _" });
const column = string({ minLength: 1, description: "A column name" });
const scalar = stringOrNumber();
const places = integer({ minimum: 0, maximum: 10 });
const codes = array(scalar, { description: "Missing-value codes, e.g. ['', 'NA', -9, 99]" });
const isoDate = "^\\d{4}-\\d{2}-\\d{2}$";

// --- sources
const columnType = oneOfValues(["number", "string", "date"]);
const columnSpec = object(
  {
    type: columnType,
    format: optional(oneOfValues(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM"], { description: "Date format (default YYYY-MM-DD)" })),
    values: optional(array(scalar, { minItems: 1, description: "The allowed codes: any other non-missing value is an error" })),
    min: optional(number()),
    max: optional(number()),
    missing: optional(describe(codes, "Extra missing-value codes for this column")),
  },
);

const sourceSpec = object({
  file: string({
    minLength: 1,
    description: "Data file, relative to the SAP's folder: .csv, .csv.gz, .dta, .sav, .zsav, .parquet, .arrow, .feather or .xlsx (read by extension)",
  }),
  sheet: optional(string({ minLength: 1, description: "The sheet to read from an .xlsx file (default: the first)" })),
  key: describe(column, "Participant identifier column"),
  shape: optional(oneOfValues(["wide", "long"], { description: "wide: one record per participant (default); long: many (e.g. monthly administrative records)" })),
  missing: optional(describe(codes, "Missing-value codes for every column (default \"\" and \"NA\")")),
  label: optional(string({ minLength: 1 })),
  columns: optional(record(columnSpec, { description: "Declared column types, checked against the data" })),
  wave: optional(
    object(
      { months: number({ minimum: 0, maximum: 1200 }) },
      { description: "This source is a survey wave falling due this many months after randomisation (withdrawals before then are not non-respondents)" },
    ),
  ),
  responded: optional(
    describe(column, "A survey wave's response indicator (0/1, yes/no, true/false): a row saying 0 or no is a non-respondent, as if the row were absent (default: every row is a response)"),
  ),
  duplicates: optional(
    object(
      { keep: oneOfValues(["first", "last"]), by: optional(describe(column, "Order by this column (else file order)")) },
      { description: "How to resolve duplicate keys in a wide source (default: they are an error)" },
    ),
  ),
});

// --- linkage and treatment
const linkageSpec = object({
  randomised: describe(name, "The source that defines the randomised population"),
  randomisation_date: optional(
    describe(column, "Its date-of-randomisation column (required with treatment; in a single-arm evaluation, optionally the date each person entered, e.g. was referred)"),
  ),
  withdrawal: optional(object({ source: name, date: column })),
  erasure: optional(object({ source: name, column, value: scalar })),
  unmatched_records: optional(oneOfValues(["error", "drop"], { description: "Records whose key is not randomised: stop (error, the default) or drop them (counted)" })),
});

const treatmentSpec = object({ column, treated: scalar, control: scalar });

// --- derived variables: one schema per kind, in the order of derive's oneOf
const windowSpec = object(
  {
    months: integer({ minimum: 1, maximum: 1200, description: "Length in months (at most 1200: a century)" }),
    start: optional(integer({ minimum: 0, maximum: 1200, description: "Months after randomisation at which the window opens (default 0)" })),
  },
  { description: "A window after each participant's randomisation date: [date + start months, date + start + months months)" },
);
const condition = object({ column, at_least: optional(number()), equals: optional(scalar) });
const itemsCommon = {
  source: describe(name, "The (wide) source holding the items"),
  items: array(column, { minItems: 1, description: "Item columns, in the instrument's order" }),
  labels: optional(record(number(), { description: "Text label → item value" })),
  missing_codes: optional(codes),
};

const instrumentDerive = object(
  {
    instrument: string(),
    ...itemsCommon,
    scale: optional(string({ description: "Which scale to keep (default the instrument's primary score): e.g. metric, raw, percent, mean, vas" })),
    value_set: optional(string()),
    missing_rule: optional(object({ max_missing: integer({ minimum: 0 }), prorate: boolean() })),
  },
  { title: "instrument score" },
);

const likertDerive = object(
  {
    likert: object({
      range: pair(number()),
      reverse: optional(array(integer({ minimum: 1 }))),
      aggregate: optional(oneOfValues(["sum", "mean"])),
      min_answered: optional(integer({ minimum: 1 })),
      prorate: optional(boolean()),
    }),
    ...itemsCommon,
  },
  { title: "Likert scale" },
);

const adminDerive = object(
  {
    from: describe(name, "A long source of dated records"),
    date: describe(column, "Column with each record's date (YYYY-MM-DD, or a YYYY-MM month)"),
    window: windowSpec,
    sum: optional(column),
    count: optional(condition),
    any: optional(condition),
    at_least: optional(number({ description: "Make it binary: 1 when the value is at least this" })),
    absent: optional(oneOfValues(["zero", "missing"], { description: "No records in the window: 0 (default) or missing" })),
    missing: optional(
      oneOfValues(["missing", "skip"], {
        description: "A sum over records one of which has a missing value: missing (default), or skip such records as R's aggregate(…, FUN = sum) does (na.action = na.omit)",
      }),
    ),
  },
  { title: "administrative outcome" },
);

const recodeDerive = object(
  {
    recode: string({ minLength: 1 }),
    bands: optional(
      array(
        object({
          label: string(),
          below: optional(anyOf([number(), string({ pattern: isoDate })], { description: "A number, or a YYYY-MM-DD date for a date variable" })),
        }),
        { minItems: 2, description: "Ordered cut-points: each band is below its limit (the last has none)" },
      ),
    ),
    map: optional(record(string(), { description: "Value → label" })),
    quantiles: optional(integer({ minimum: 2, maximum: 100, description: "Equal-count bands from the randomised population (e.g. 3 for terciles), lowest first" })),
    labels: optional(array(string())),
  },
  { title: "recode" },
);

/**
 * The kinds of derived variable, each with the key that marks it, in the order of derive's oneOf
 * (sap/parse.ts checks an entry against its own kind, so that a mistake is reported there).
 */
export const deriveKinds = [
  { key: "instrument", schema: instrumentDerive },
  { key: "likert", schema: likertDerive },
  { key: "from", schema: adminDerive },
  { key: "recode", schema: recodeDerive },
] as const;

// --- weights, populations, outcomes, covariates, inference
const weightsSpec = object({
  survey: describe(name, "The survey source whose response the weights model"),
  method: optional(oneOfValues(["logit", "cells", "rake"])),
  covariates: array(string(), { minItems: 1 }),
  within: optional(array(string())),
  trim: optional(object({ cap: optional(number({ exclusiveMinimum: 1 })), percentile: optional(number({ exclusiveMinimum: 0, maximum: 100 })) })),
  missing_covariates: optional(oneOfValues(["indicator", "error"])),
});

const filterValue = anyOf([
  scalar,
  array(scalar, { minItems: 1 }),
  object(
    { ">=": optional(number()), ">": optional(number()), "<=": optional(number()), "<": optional(number()) },
    { minProperties: 1 },
  ),
]);

const populationSpec = object({
  label: optional(string({ minLength: 1 })),
  where: optional(record(filterValue)),
  strata: optional(array(string(), { description: "Randomisation strata to adjust for in a pooled population" })),
});

const outcomeSpec = object({
  name: string({ minLength: 1 }),
  label: optional(string({ minLength: 1 })),
  role: oneOfValues(["primary", "secondary", "exploratory"]),
  type: oneOfValues(["binary", "continuous", "count"]),
  report: oneOfValues(["ppt", "sd", "currency", "raw"]),
  currency: optional(string()),
  weights: optional(name),
  model: optional(oneOfValues(["ols", "logit"])),
  populations: optional(array(name, { minItems: 1, description: "Restrict to these populations (default: all)" })),
  covariates: optional(array(string(), { description: "Covariates for this outcome in addition to covariates.variables (e.g. its own baseline measure: ANCOVA)" })),
  lin: optional(boolean({ description: "Also estimate the effect with Lin's (2013) adjustment, beside the ITT (default covariates.lin)" })),
  bounds: optional(
    array(oneOfValues(["lee", "worst_case"]), {
      minItems: 1,
      description: "Bounds for missing outcomes beside the overall effect: lee (trimming; Lee 2009), worst_case (every missing outcome 0, then 1: binary outcomes)",
    }),
  ),
});

// --- a single-arm service evaluation (instead of treatment): docs/sap.md#evaluation
const measureSpec = object({
  name: describe(name, "The measure's name, as results and tables show it"),
  label: optional(string({ minLength: 1 })),
  start: optional(describe(column, "Its value at the start: a variable (default: evaluation.start's column of this name, start.name)")),
  end: optional(describe(column, "Its value at the end (default: evaluation.end's column of this name, end.name)")),
  populations: optional(array(name, { minItems: 1, description: "Analyse the change in these populations (default: all)" })),
});

const flowStageSpec = object({
  label: string({ minLength: 1 }),
  where: optional(describe(record(filterValue), "Who is counted at this stage, as a population's where (default: everyone)")),
});

const evaluationSpec = object(
  {
    start: optional(describe(name, "The source (a wide one) of the first measurement, e.g. the first appointment")),
    end: optional(describe(name, "The source (a wide one) of the last measurement")),
    site: optional(describe(column, "Report by the levels of this variable (e.g. site or service) as well as overall")),
    measures: optional(array(measureSpec, { minItems: 1, description: "Measures taken at the start and the end: the paired change in each" })),
    talking_therapies: optional(
      object(
        { phq9: describe(name, "The measure holding PHQ-9 totals"), gad7: describe(name, "The measure holding GAD-7 totals") },
        { description: "NHS Talking Therapies reliable improvement, reliable deterioration, recovery and reliable recovery from these two measures" },
      ),
    ),
    flow: optional(array(flowStageSpec, { minItems: 1, description: "The stages of referral, participation and outcome, counted by site in this order" })),
  },
  { description: "A single-arm service evaluation (no control group): change from start to end, rates and the flow, by site. Replaces treatment" },
);

const covariatesSpec = object({
  variables: array(string()),
  missing: optional(oneOfValues(["indicator", "error", "complete_case"])),
  lin: optional(boolean({ description: "Estimate every outcome's effect also with Lin's (2013) adjustment, beside the ITT (an outcome's lin overrides)" })),
});

/** Which estimates an analysis applies to: the overall effect of these outcomes in these populations (default all). */
const analysisScope = {
  outcomes: optional(array(string({ minLength: 1 }), { minItems: 1, description: "Only these outcomes (default: every outcome)" })),
  populations: optional(array(name, { minItems: 1, description: "Only these populations (default: every population)" })),
};
const seed = integer({
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: "Seed of the random draws (a whole number, e.g. 20240101); each population × outcome draws from its own stream of it",
});

const randomisationSpec = object(
  {
    draws: integer({ minimum: 2, maximum: MAX_RI_DRAWS, description: "Assignments in the reference set, the observed one included (every assignment, once, when the design allows no more)" }),
    seed,
    blocks: optional(describe(column, "The permuted block each participant was randomised in: re-randomised within blocks, keeping each block's treated count")),
    strata: optional(array(string(), { description: "Columns whose combinations are the randomisation strata (default: the population's strata)" })),
    ...analysisScope,
  },
  { description: "Randomisation inference (Fisher) for the overall effect of each outcome: p-value and interval over re-randomised assignments" },
);

const bootstrapSpec = object(
  {
    draws: integer({ minimum: 2, maximum: 1_000_000, description: "Bootstrap draws, e.g. 999 or 9999" }),
    seed,
    type: optional(oneOfValues(BOOTSTRAP_TYPES, { description: "pairs (rows, within arms), cluster (whole clusters) or wild (wild cluster bootstrap-t); default wild with inference.cluster, else pairs" })),
    weights: optional(oneOfValues(WILD_WEIGHT_TYPES, { description: "Wild bootstrap weights (default rademacher)" })),
    ...analysisScope,
  },
  { description: "Bootstrap p-value and interval for the overall effect of each outcome" },
);

const takeUpSpec = object(
  {
    variable: describe(column, "The 0/1 take-up of the service (e.g. engaged with the service, from provider MI), known for every participant"),
    label: optional(string({ minLength: 1 })),
    ...analysisScope,
  },
  { description: "The complier average causal effect (two-stage least squares, the arm instrumenting take-up) beside each overall ITT effect" },
);

const multiplicityMethod = oneOfValues(MULTIPLICITY_METHODS);

const inferenceSpec = object({
  se: optional(oneOfValues(["classical", "HC0", "HC1", "HC2", "HC3", "CR0", "CR1", "stata", "CR2"])),
  cluster: optional(column),
  levels: optional(array(number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), { minItems: 1 })),
  multiplicity: optional(
    array(
      object({
        family: anyOf([oneOfValues(["primary", "secondary", "exploratory"]), array(string(), { minItems: 1 })]),
        method: multiplicityMethod,
        across: optional(oneOfValues(["population", "all"], { description: "Adjust within each population (default) or across all" })),
      }),
    ),
  ),
  randomisation: optional(randomisationSpec),
  bootstrap: optional(bootstrapSpec),
});

// --- output
const decimalsSpec = object({
  ppt: optional(describe(places, "Effects in percentage points (default 1)")),
  currency: optional(describe(places, "Effects in a currency (default 0)")),
  sd: optional(describe(places, "Effects in SD units (default 2)")),
  raw: optional(describe(places, "Effects in the outcome's units (default 2)")),
  mean: optional(describe(places, "Arm means of non-binary outcomes, and balance means (default 2)")),
  percent: optional(describe(places, "Percentages: descriptive tables, binary arm means, balance (default 0)")),
  rate: optional(describe(places, "Response rates (default 1)")),
  p: optional(describe(places, "p-values (default 3)")),
  smd: optional(describe(places, "Standardised differences (default 2)")),
});

const disclosureSpec = object(
  {
    min_count: optional(integer({ minimum: 1, maximum: 1000, description: "Suppress counts below this (default 10; at most 1000)" })),
    round_to: optional(integer({ minimum: 2, maximum: 1000, description: "Round published counts to a multiple of this, e.g. 5 (at most 1000)" })),
    suppress_zeros: optional(boolean({ description: "Treat zero counts as small (default false)" })),
    results: optional(boolean({ description: "Also control n by arm and arm means in results tables (default false)" })),
  },
  { description: "Statistical disclosure control of the released tables and report" },
);

const descriptiveSpec = object({
  title: string({ minLength: 1 }),
  variable: optional(describe(column, "A categorical characteristic: its categories are the rows")),
  multi: optional(array(column, { minItems: 1, description: "A multi-response question: one 0/1 (yes/no) variable per answer" })),
  labels: optional(record(string(), { description: "Category (or answer variable) → row label" })),
  order: optional(array(string(), { description: "Categories in this order (the rest after, sorted)" })),
  by: optional(describe(column, "Columns: this variable's levels (default output.trial_group, else the arm)")),
  chi_square: optional(boolean({ description: "Add a p-value column (Pearson's chi-square test)" })),
  population: optional(describe(name, "Describe this population (default every retained participant)")),
  base: optional(string({ description: "Who the base is, for the note under the table" })),
});

const balanceSpec = object(
  {
    variables: array(column, { minItems: 1 }),
    populations: optional(array(name, { minItems: 1, description: "One table per population (default every population)" })),
    labels: optional(record(string(), { description: "Variable → row label" })),
  },
  { description: "Baseline balance by arm" },
);

const outputSpec = object({
  decimals: optional(anyOf([places, decimalsSpec], { description: "Decimal places in report tables: one number for every effect unit, or per kind of figure" })),
  row_level: optional(boolean({ description: "Write the analysis frame (one row per participant, with identifiers); off by default" })),
  tables: optional(array(oneOfValues(["markdown", "csv"]))),
  spreadsheet: optional(boolean({ description: "Also write every table into tables.xlsx, laid out as the Government Statistical Service's spreadsheet guidance asks (default false)" })),
  disclosure: optional(disclosureSpec),
  trial_group: optional(describe(column, "The variable whose levels are the trial groups (columns of descriptive and response-rate tables)")),
  descriptives: optional(array(descriptiveSpec, { description: "Descriptive tables by trial group (HLT Tables 1.2–1.11, 6.4)" })),
  balance: optional(balanceSpec),
  stars: optional(
    anyOf([constant(false), array(number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), { minItems: 1, maxItems: 3 })], {
      description: "Significance stars: false for none, or up to three p-value thresholds for *, **, *** (default [0.10, 0.05, 0.01])",
    }),
  ),
});

// --- design: the planned power of the trial (docs/sap.md#design)
const proportion = number({ exclusiveMinimum: 0, exclusiveMaximum: 1 });
const rSquared = number({ minimum: 0, exclusiveMaximum: 1 });
const responseRate = number({ exclusiveMinimum: 0, maximum: 1 });
const designEffect = number({ minimum: 1, description: "Design effect of the non-response weights (Kish's 1 + CV²; 1 without weights)" });
const allocation = anyOf([proportion, string({ pattern: "^\\s*[0-9]+(\\.[0-9]+)?\\s*:\\s*[0-9]+(\\.[0-9]+)?\\s*$", description: "treated:control, e.g. 2:1" })], {
  description: "The share randomised to treatment (0.5), or treated:control as a ratio (\"2:1\")",
});

const designPopulationSpec = object(
  {
    n: optional(integer({ minimum: 3, description: "People randomised, both arms together" })),
    clusters: optional(integer({ minimum: 3, description: "Clusters randomised, both arms together (a cluster-randomised trial)" })),
    cluster_size: optional(number({ minimum: 1, description: "People per cluster, on average" })),
    allocation: optional(allocation),
    response_rate: optional(describe(responseRate, "Expected survey response rate in this population (survey outcomes)")),
  },
  { description: "The planned size of one population" },
);

const designOutcomeSpec = object(
  {
    control_rate: optional(anyOf([proportion, record(proportion)], { description: "Binary outcome: the control group's expected proportion, for every population or by population" })),
    sd: optional(number({ exclusiveMinimum: 0, description: "Continuous outcome: its standard deviation in its own units, to state the MDE in them" })),
    r2: optional(describe(rSquared, "Share of this outcome's variance explained by the covariates")),
    response_rate: optional(describe(responseRate, "Share of people for whom this outcome will be observed (default: the survey response rate for a weighted outcome, else 1)")),
    deff: optional(designEffect),
  },
  { description: "What the MDES of one outcome assumes" },
);

const designSpec = object(
  {
    sig_level: optional(describe(proportion, "Significance level α (default 0.05)")),
    power: optional(describe(proportion, "Power (default 0.8)")),
    alternative: optional(oneOfValues(["two.sided", "one.sided"], { description: "Two-sided (default) or one-sided tests" })),
    distribution: optional(oneOfValues(["t", "normal"], { description: "Quantiles of the multiplier: t on the design's degrees of freedom (default) or normal" })),
    allocation: optional(allocation),
    r2: optional(describe(rSquared, "Share of outcome variance explained by the covariates (default 0)")),
    r2_cluster: optional(describe(rSquared, "Cluster designs: share of between-cluster variance explained by cluster-level covariates (default 0)")),
    covariates: optional(integer({ minimum: 0, description: "Number of covariates, each costing a degree of freedom (default 0)" })),
    response_rate: optional(describe(responseRate, "Expected response rate of the surveys that measure weighted outcomes (default 1)")),
    deff: optional(designEffect),
    icc: optional(number({ minimum: 0, exclusiveMaximum: 1, description: "Intracluster correlation: makes the design cluster-randomised" })),
    populations: record(designPopulationSpec, { minProperties: 1, propertyNames: name, description: "Planned sizes, by population" }),
    outcomes: optional(record(designOutcomeSpec, { description: "Outcomes whose MDES is reported (default: the primary outcomes), with what each assumes" })),
  },
  { description: "The planned design: minimum detectable effects per population and outcome (docs/sap.md#design)" },
);

// --- economics: benefit–cost analysis (docs/sap.md#economics)
const costSpec = object(
  {
    per_recruit: optional(number({ exclusiveMinimum: 0, description: "Cost of the service per person randomised to the treatment group" })),
    recruits: optional(integer({ minimum: 1, description: "People randomised to the treatment group (needed to pool this population's cost)" })),
    pooled: optional(array(name, { minItems: 2, description: "A pooled population: its cost per recruit is that of these populations, weighted by their recruits" })),
  },
  { description: "The cost per recruit of one population: per_recruit, or pooled" },
);

const valueSpec = object(
  {
    exchequer: number({ description: "Financial benefit to the exchequer of one unit of the impact, in one year" }),
    society: number({ description: "Economic benefit to society of one unit of the impact, in one year" }),
    per: optional(oneOfValues(["unit", "sd"], { description: "unit: per unit of the outcome (a binary outcome's unit is one person; default); sd: per standard deviation among the controls" })),
    horizon_years: optional(integer({ minimum: 1, maximum: 100, description: "Years the benefit recurs (default: the section's)" })),
    persistence: optional(number({ minimum: 0, maximum: 1, description: "Share of a year's impact that remains the next year (default: the section's)" })),
  },
  { description: "The value of one unit of an outcome's impact" },
);

const economicsSpec = object(
  {
    currency: optional(string({ minLength: 1, description: "Currency of costs and values (default GBP)" })),
    seed: optional(integer({ minimum: 0, maximum: 9007199254740991, description: "Seed of the Monte Carlo draws (required in a plan)" })),
    draws: optional(integer({ minimum: 100, maximum: 10000000, description: "Monte Carlo draws (default 10,000)" })),
    discount_rate: optional(number({ minimum: 0, exclusiveMaximum: 1, description: "Annual discount rate (default 0.035, the Green Book's)" })),
    horizon_years: optional(integer({ minimum: 1, maximum: 100, description: "Years benefits recur (default 1: the trial's year)" })),
    persistence: optional(number({ minimum: 0, maximum: 1, description: "Share of a year's impact that remains the next year (default 1)" })),
    costs: record(costSpec, { minProperties: 1, propertyNames: name, description: "Cost per recruit to the treatment group, by population" }),
    values: record(valueSpec, { minProperties: 1, description: "Value per unit of impact, by outcome" }),
    covariances: optional(
      array(
        object({ population: name, outcomes: array(string({ minLength: 1 }), { minItems: 2 }), matrix: array(array(number())) }),
        { description: "Covariances of impacts one model estimated together (default: impacts are independent)" },
      ),
    ),
  },
  { description: "Benefit–cost analysis: returns per £1 spent and their Monte Carlo distribution (docs/sap.md#economics)" },
);

// --- a published table to reproduce (docs/reproduce.md)
const publishedSpec = object(
  {
    file: string({ minLength: 1, description: "The published table, typed in (CSV: population,outcome,subgroup,level,statistic,printed), relative to the SAP" }),
    stars: optional(
      record(number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), {
        minProperties: 1,
        description: 'Its significance marks and the p-value below which each is printed (default { "*": 0.10, "**": 0.05, "***": 0.01 })',
      }),
    ),
    confidence: optional(number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: "The confidence level of its intervals (default: the level the report's tables show)" })),
  },
  { description: "A published table to check the results against, cell by cell, as printed: trialstat reproduce, and a section of the report" },
);

// --- the plan
export const sapSchema = object(
  {
    trialstat: constant(1, { description: "Format version: 1" }),
    title: string({ minLength: 1 }),
    registration: object({
      id: string({ minLength: 1, description: "Trial registration, e.g. ISRCTN12345678" }),
      sap_version: string({ minLength: 1, description: 'SAP version, quoted: "1.0"' }),
      date: string({ pattern: isoDate, description: "SAP date, YYYY-MM-DD" }),
      url: optional(string()),
    }),
    sources: record(sourceSpec, {
      minProperties: 1,
      propertyNames: name,
      description: "Data extracts (CSV, .csv.gz, Stata, SPSS, Parquet, Arrow, Excel), by name",
    }),
    linkage: linkageSpec,
    treatment: optional(describe(treatmentSpec, "The randomised arms (a trial); a single-arm service evaluation has evaluation: instead")),
    evaluation: optional(evaluationSpec),
    derive: optional(record(oneOf(deriveKinds.map((k) => k.schema)), { propertyNames: name, description: "Derived variables, by name" })),
    weights: optional(record(weightsSpec, { propertyNames: name })),
    populations: record(populationSpec, { minProperties: 1, propertyNames: name }),
    outcomes: array(outcomeSpec, { minItems: 1 }),
    covariates: optional(covariatesSpec),
    subgroups: optional(array(string())),
    reference: optional(
      record(scalar, { description: "The reference level of a categorical variable of the models (covariate, subgroup or stratum), as R's relevel: variable → level" }),
    ),
    inference: optional(inferenceSpec),
    take_up: optional(takeUpSpec),
    labels: optional(
      record(record(string(), { description: "Value (as in the data) → label" }), {
        description: "Labels of a variable's values for the report, by variable: arms (the treatment column), subgroup levels, categories",
      }),
    ),
    variable_labels: optional(record(string(), { description: "Labels of variables for the report (subgroups, covariates), by variable" })),
    output: optional(outputSpec),
    design: optional(designSpec),
    economics: optional(economicsSpec),
    published: optional(publishedSpec),
  },
  { $schema: "http://json-schema.org/draft-07/schema#", $id: "https://trialstat.dev/schema/sap-1.json", title: "trialstat statistical analysis plan, format 1" },
);

// --- the types of a parsed plan
export type Sap = Static<typeof sapSchema>;
export type ColumnType = Static<typeof columnType>;
export type ColumnSpec = Static<typeof columnSpec>;
export type SourceSpec = Static<typeof sourceSpec>;
export type LinkageSpec = Static<typeof linkageSpec>;
export type EvaluationSpec = Static<typeof evaluationSpec>;
export type MeasureSpec = Static<typeof measureSpec>;
export type FlowStageSpec = Static<typeof flowStageSpec>;
export type InstrumentDerive = Static<typeof instrumentDerive>;
export type LikertDerive = Static<typeof likertDerive>;
export type WindowSpec = Static<typeof windowSpec>;
export type AdminDerive = Static<typeof adminDerive>;
export type RecodeDerive = Static<typeof recodeDerive>;
export type DeriveSpec = InstrumentDerive | LikertDerive | AdminDerive | RecodeDerive;
export type WeightsSpec = Static<typeof weightsSpec>;
export type FilterValue = Static<typeof filterValue>;
export type PopulationSpec = Static<typeof populationSpec>;
export type OutcomeSpec = Static<typeof outcomeSpec>;
export type InferenceSpec = Static<typeof inferenceSpec>;
export type RandomisationSpec = Static<typeof randomisationSpec>;
export type BootstrapSpec = Static<typeof bootstrapSpec>;
export type TakeUpSpec = Static<typeof takeUpSpec>;
export type MultiplicityMethod = Static<typeof multiplicityMethod>;
export type OutputSpec = Static<typeof outputSpec>;
export type PublishedSpec = Static<typeof publishedSpec>;
export type DecimalsSpec = Static<typeof decimalsSpec>;
export type DisclosureSpec = Static<typeof disclosureSpec>;
export type DescriptiveSpec = Static<typeof descriptiveSpec>;
export type BalanceSpec = Static<typeof balanceSpec>;
export type DesignSpec = Static<typeof designSpec>;
export type DesignPopulationSpec = Static<typeof designPopulationSpec>;
export type DesignOutcomeSpec = Static<typeof designOutcomeSpec>;
export type EconomicsSpec = Static<typeof economicsSpec>;
export type CostSpec = Static<typeof costSpec>;
export type ValueSpec = Static<typeof valueSpec>;

/** The economics section alone: what `trialstat cba` reads from its own file (sap/parse.ts, parseEconomics). */
export { economicsSpec };
