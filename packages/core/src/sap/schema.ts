/**
 * The JSON Schema (draft-07) of a SAP file, format version 1 — printed by `trialstat schema` so that
 * editors can validate SAP files as they are written. Every object forbids unknown keys: a typo
 * must not silently drop an analysis. Types: sap/types.ts; reference: docs/sap.md.
 */
const name = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]*$", description: "A name: a letter, then letters, digits or _" };
const column = { type: "string", minLength: 1, description: "A column name" };
const scalar = { type: ["string", "number"] };
const places = { type: "integer", minimum: 0, maximum: 10 };
const codes = { type: "array", items: scalar, description: "Missing-value codes, e.g. ['', 'NA', -9, 99]" };
const windowSpec = {
  type: "object",
  additionalProperties: false,
  required: ["months"],
  description: "A window after each participant's randomisation date: [date + start months, date + start + months months)",
  properties: {
    months: { type: "integer", minimum: 1, maximum: 1200, description: "Length in months (at most 1200: a century)" },
    start: { type: "integer", minimum: 0, maximum: 1200, description: "Months after randomisation at which the window opens (default 0)" },
  },
};
const condition = {
  type: "object",
  additionalProperties: false,
  required: ["column"],
  properties: { column, at_least: { type: "number" }, equals: scalar },
};
const itemsCommon = {
  source: { ...name, description: "The (wide) source holding the items" },
  items: { type: "array", items: column, minItems: 1, description: "Item columns, in the instrument's order" },
  labels: { type: "object", additionalProperties: { type: "number" }, description: "Text label → item value" },
  missing_codes: codes,
};

export const sapSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://trialstat.dev/schema/sap-1.json",
  title: "trialstat statistical analysis plan, format 1",
  type: "object",
  additionalProperties: false,
  required: ["trialstat", "title", "registration", "sources", "linkage", "treatment", "populations", "outcomes"],
  properties: {
    trialstat: { const: 1, description: "Format version: 1" },
    title: { type: "string", minLength: 1 },
    registration: {
      type: "object",
      additionalProperties: false,
      required: ["id", "sap_version", "date"],
      properties: {
        id: { type: "string", minLength: 1, description: "Trial registration, e.g. ISRCTN12345678" },
        sap_version: { type: "string", minLength: 1, description: 'SAP version, quoted: "1.0"' },
        date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "SAP date, YYYY-MM-DD" },
        url: { type: "string" },
      },
    },
    sources: {
      type: "object",
      minProperties: 1,
      propertyNames: name,
      description: "Data extracts (CSV, .csv.gz, Stata, SPSS, Parquet, Arrow, Excel), by name",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["file", "key"],
        properties: {
          file: {
            type: "string",
            minLength: 1,
            description: "Data file, relative to the SAP's folder: .csv, .csv.gz, .dta, .sav, .zsav, .parquet, .arrow, .feather or .xlsx (read by extension)",
          },
          sheet: { type: "string", minLength: 1, description: "The sheet to read from an .xlsx file (default: the first)" },
          key: { ...column, description: "Participant identifier column" },
          shape: { enum: ["wide", "long"], description: "wide: one record per participant (default); long: many" },
          missing: codes,
          label: { type: "string" },
          columns: {
            type: "object",
            description: "Declared column types, checked against the data",
            additionalProperties: {
              type: "object",
              additionalProperties: false,
              required: ["type"],
              properties: {
                type: { enum: ["number", "string", "date"] },
                format: { enum: ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM"], description: "Date format (default YYYY-MM-DD)" },
                values: { type: "array", items: scalar, minItems: 1, description: "The allowed codes" },
                min: { type: "number" },
                max: { type: "number" },
                missing: codes,
              },
            },
          },
          wave: {
            type: "object",
            additionalProperties: false,
            required: ["months"],
            description: "This source is a survey wave falling due this many months after randomisation",
            properties: { months: { type: "number", minimum: 0, maximum: 1200 } },
          },
          duplicates: {
            type: "object",
            additionalProperties: false,
            required: ["keep"],
            description: "How to resolve duplicate keys (default: they are an error)",
            properties: { keep: { enum: ["first", "last"] }, by: { ...column, description: "Order by this column (else file order)" } },
          },
        },
      },
    },
    linkage: {
      type: "object",
      additionalProperties: false,
      required: ["randomised", "randomisation_date"],
      properties: {
        randomised: { ...name, description: "The source that defines the randomised population" },
        randomisation_date: { ...column, description: "Its date-of-randomisation column" },
        withdrawal: {
          type: "object",
          additionalProperties: false,
          required: ["source", "date"],
          properties: { source: name, date: column },
        },
        erasure: {
          type: "object",
          additionalProperties: false,
          required: ["source", "column", "value"],
          properties: { source: name, column, value: scalar },
        },
        unmatched_records: { enum: ["error", "drop"], description: "Records whose key is not randomised (default error)" },
      },
    },
    treatment: {
      type: "object",
      additionalProperties: false,
      required: ["column", "treated", "control"],
      properties: { column, treated: scalar, control: scalar },
    },
    derive: {
      type: "object",
      propertyNames: name,
      description: "Derived variables, by name",
      additionalProperties: {
        oneOf: [
          {
            type: "object",
            title: "instrument score",
            additionalProperties: false,
            required: ["instrument", "source", "items"],
            properties: {
              instrument: { type: "string" },
              ...itemsCommon,
              scale: { type: "string" },
              value_set: { type: "string" },
              missing_rule: {
                type: "object",
                additionalProperties: false,
                required: ["max_missing", "prorate"],
                properties: { max_missing: { type: "integer", minimum: 0 }, prorate: { type: "boolean" } },
              },
            },
          },
          {
            type: "object",
            title: "Likert scale",
            additionalProperties: false,
            required: ["likert", "source", "items"],
            properties: {
              likert: {
                type: "object",
                additionalProperties: false,
                required: ["range"],
                properties: {
                  range: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
                  reverse: { type: "array", items: { type: "integer", minimum: 1 } },
                  aggregate: { enum: ["sum", "mean"] },
                  min_answered: { type: "integer", minimum: 1 },
                  prorate: { type: "boolean" },
                },
              },
              ...itemsCommon,
            },
          },
          {
            type: "object",
            title: "administrative outcome",
            additionalProperties: false,
            required: ["from", "date", "window"],
            properties: {
              from: { ...name, description: "A long source of dated records" },
              date: column,
              window: windowSpec,
              sum: column,
              count: condition,
              any: condition,
              at_least: { type: "number", description: "Make it binary: 1 when the value is at least this" },
              absent: { enum: ["zero", "missing"], description: "No records in the window: 0 (default) or missing" },
            },
          },
          {
            type: "object",
            title: "recode",
            additionalProperties: false,
            required: ["recode"],
            properties: {
              recode: { type: "string", minLength: 1 },
              bands: {
                type: "array",
                minItems: 2,
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["label"],
                  properties: { label: { type: "string" }, below: { anyOf: [{ type: "number" }, { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }], description: "A number, or a YYYY-MM-DD date for a date variable" } },
                },
              },
              map: { type: "object", additionalProperties: { type: "string" } },
              quantiles: { type: "integer", minimum: 2, maximum: 100 },
              labels: { type: "array", items: { type: "string" } },
            },
          },
        ],
      },
    },
    weights: {
      type: "object",
      propertyNames: name,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        required: ["survey", "covariates"],
        properties: {
          survey: { ...name, description: "The survey source whose response the weights model" },
          method: { enum: ["logit", "cells", "rake"] },
          covariates: { type: "array", items: { type: "string" }, minItems: 1 },
          within: { type: "array", items: { type: "string" } },
          trim: {
            type: "object",
            additionalProperties: false,
            properties: { cap: { type: "number", exclusiveMinimum: 1 }, percentile: { type: "number", exclusiveMinimum: 0, maximum: 100 } },
          },
          missing_covariates: { enum: ["indicator", "error"] },
        },
      },
    },
    populations: {
      type: "object",
      minProperties: 1,
      propertyNames: name,
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          label: { type: "string" },
          where: {
            type: "object",
            additionalProperties: {
              anyOf: [
                scalar,
                { type: "array", items: scalar, minItems: 1 },
                {
                  type: "object",
                  additionalProperties: false,
                  minProperties: 1,
                  properties: { ">=": { type: "number" }, ">": { type: "number" }, "<=": { type: "number" }, "<": { type: "number" } },
                },
              ],
            },
          },
          strata: { type: "array", items: { type: "string" } },
        },
      },
    },
    outcomes: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "role", "type", "report"],
        properties: {
          name: { type: "string", minLength: 1 },
          label: { type: "string" },
          role: { enum: ["primary", "secondary", "exploratory"] },
          type: { enum: ["binary", "continuous", "count"] },
          report: { enum: ["ppt", "sd", "currency", "raw"] },
          currency: { type: "string" },
          weights: name,
          model: { enum: ["ols", "logit"] },
          populations: { type: "array", items: name, minItems: 1 },
          covariates: { type: "array", items: { type: "string" }, description: "Covariates added to the plan's for this outcome's models, e.g. its own baseline value (ANCOVA)" },
        },
      },
    },
    covariates: {
      type: "object",
      additionalProperties: false,
      required: ["variables"],
      properties: {
        variables: { type: "array", items: { type: "string" } },
        missing: { enum: ["indicator", "error", "complete_case"] },
      },
    },
    subgroups: { type: "array", items: { type: "string" } },
    reference: {
      type: "object",
      additionalProperties: scalar,
      description: "The reference level of factors, by variable (R's relevel): e.g. { site: WMCA }",
    },
    inference: {
      type: "object",
      additionalProperties: false,
      properties: {
        se: { enum: ["classical", "HC0", "HC1", "HC2", "HC3", "CR0", "CR1", "stata", "CR2"] },
        cluster: column,
        levels: { type: "array", items: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }, minItems: 1 },
        multiplicity: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["family", "method"],
            properties: {
              family: { anyOf: [{ enum: ["primary", "secondary", "exploratory"] }, { type: "array", items: { type: "string" }, minItems: 1 }] },
              method: { enum: ["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none"] },
              across: { enum: ["population", "all"], description: "Adjust within each population (default) or across all" },
            },
          },
        },
      },
    },
    output: {
      type: "object",
      additionalProperties: false,
      properties: {
        decimals: {
          description: "Decimal places in report tables: one number for every effect unit, or per kind of figure",
          anyOf: [
            places,
            {
              type: "object",
              additionalProperties: false,
              properties: {
                ppt: { ...places, description: "Effects in percentage points (default 1)" },
                currency: { ...places, description: "Effects in a currency (default 0)" },
                sd: { ...places, description: "Effects in SD units (default 2)" },
                raw: { ...places, description: "Effects in the outcome's units (default 2)" },
                mean: { ...places, description: "Arm means of non-binary outcomes, and balance means (default 2)" },
                percent: { ...places, description: "Percentages: descriptive tables, binary arm means, balance (default 0)" },
                rate: { ...places, description: "Response rates (default 1)" },
                p: { ...places, description: "p-values (default 3)" },
                smd: { ...places, description: "Standardised differences (default 2)" },
              },
            },
          ],
        },
        row_level: { type: "boolean" },
        tables: { type: "array", items: { enum: ["markdown", "csv"] } },
        disclosure: {
          type: "object",
          additionalProperties: false,
          description: "Statistical disclosure control of the released tables and report",
          properties: {
            min_count: { type: "integer", minimum: 1, maximum: 1000, description: "Suppress counts below this (default 10; at most 1000)" },
            round_to: { type: "integer", minimum: 2, maximum: 1000, description: "Round published counts to a multiple of this, e.g. 5 (at most 1000)" },
            suppress_zeros: { type: "boolean", description: "Treat zero counts as small (default false)" },
            results: { type: "boolean", description: "Also control n by arm and arm means in results tables (default false)" },
          },
        },
        trial_group: { ...column, description: "The variable whose levels are the trial groups (columns of descriptive and response-rate tables)" },
        descriptives: {
          type: "array",
          description: "Descriptive tables by trial group (HLT Tables 1.2–1.11, 6.4)",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["title"],
            properties: {
              title: { type: "string", minLength: 1 },
              variable: { ...column, description: "A categorical characteristic: its categories are the rows" },
              multi: { type: "array", items: column, minItems: 1, description: "A multi-response question: one 0/1 (yes/no) variable per answer" },
              labels: { type: "object", additionalProperties: { type: "string" }, description: "Category (or answer variable) → row label" },
              order: { type: "array", items: { type: "string" }, description: "Categories in this order (the rest after, sorted)" },
              by: { ...column, description: "Columns: this variable's levels (default output.trial_group, else the arm)" },
              chi_square: { type: "boolean", description: "Add a p-value column (Pearson's chi-square test)" },
              population: { ...name, description: "Describe this population (default every retained participant)" },
              base: { type: "string", description: "Who the base is, for the note under the table" },
            },
          },
        },
        balance: {
          type: "object",
          additionalProperties: false,
          required: ["variables"],
          description: "Baseline balance by arm",
          properties: {
            variables: { type: "array", items: column, minItems: 1 },
            populations: { type: "array", items: name, minItems: 1, description: "One table per population (default every population)" },
            labels: { type: "object", additionalProperties: { type: "string" }, description: "Variable → row label" },
          },
        },
      },
    },
  },
} as const;
