import { describe, expect, it } from "vitest";
import { type VariableRole, frameVariables, planVariables, sourceColumns } from "./plan-variables.js";
import type { Sap } from "./types.js";

/** A plan that names a variable in every place a plan can name one (each name says where it is). */
const everyKindOfVariable: Sap = {
  trialstat: 1,
  title: "every variable",
  registration: { id: "X", sap_version: "1", date: "2024-01-01" },
  sources: {
    base: { file: "base.csv", key: "id" },
    survey: { file: "survey.csv", key: "sid", wave: { months: 12 }, duplicates: { keep: "last", by: "interviewed" }, responded: "took_part" },
    admin: { file: "admin.csv", key: "aid", shape: "long" },
    out: { file: "out.csv", key: "oid" },
  },
  linkage: { randomised: "base", randomisation_date: "randomised_on", withdrawal: { source: "out", date: "left_on" }, erasure: { source: "out", column: "erase", value: "yes" } },
  treatment: { column: "arm", treated: "T", control: "C" },
  // a plan has treatment or evaluation, not both; the walker reads whatever is there
  evaluation: {
    site: "site_var",
    start: "survey",
    end: "base",
    measures: [{ name: "m1" }, { name: "m2", start: "m2_first", end: "m2_last" }],
    flow: [{ label: "referred" }, { label: "joined", where: { joined: 1 } }],
  },
  derive: {
    score: { instrument: "phq9", source: "survey", items: ["q1", "q2"] },
    scale: { likert: { range: [1, 5] }, source: "base", items: ["l1"] },
    earned: { from: "admin", date: "month", window: { months: 12 }, sum: "pay" },
    months: { from: "admin", date: "month", window: { months: 12 }, count: { column: "weeks" } },
    ever: { from: "admin", date: "month", window: { months: 12 }, any: { column: "benefit", equals: "UC" } },
    band: { recode: "age", quantiles: 3 },
  },
  weights: { nr: { survey: "survey", covariates: ["w_cov"], within: ["w_cell"] } },
  populations: { all: { where: { site: "A" }, strata: ["stratum"] } },
  outcomes: [{ name: "earned", role: "primary", type: "continuous", report: "raw", covariates: ["earned0"] }],
  covariates: { variables: ["cov"] },
  subgroups: ["sub"],
  reference: { sub: "x" },
  inference: { cluster: "clu", randomisation: { draws: 100, seed: 1, blocks: "blk", strata: ["ris"] } },
  take_up: { variable: "engaged" },
  output: {
    trial_group: "tg",
    descriptives: [{ title: "t", variable: "dv", by: "dby" }, { title: "m", multi: ["ans1", "ans2"] }],
    balance: { variables: ["bal"] },
  },
};

describe("planVariables", () => {
  it("lists every variable a plan names, with its SAP path and role", () => {
    const listed = planVariables(everyKindOfVariable).map((v) => [v.role, v.path.join("."), v.name, v.source ?? ""].join(" | "));
    expect(listed.sort()).toEqual(
      [
        "covariate | covariates.variables.0 | cov | ",
        "subgroup | subgroups.0 | sub | ",
        "outcome | outcomes.0.name | earned | ",
        "outcome covariate | outcomes.0.covariates.0 | earned0 | ",
        "cluster | inference.cluster | clu | ",
        "randomisation block | inference.randomisation.blocks | blk | ",
        "randomisation stratum | inference.randomisation.strata.0 | ris | ",
        "take-up | take_up.variable | engaged | ",
        "reference | reference.sub | sub | ",
        "population filter | populations.all.where.site | site | ",
        "stratum | populations.all.strata.0 | stratum | ",
        "weighting covariate | weights.nr.covariates.0 | w_cov | ",
        "weighting cell | weights.nr.within.0 | w_cell | ",
        "recode source | derive.band.recode | age | ",
        "trial group | output.trial_group | tg | ",
        "descriptive variable | output.descriptives.0.variable | dv | ",
        "descriptive by | output.descriptives.0.by | dby | ",
        "descriptive answer | output.descriptives.1.multi.0 | ans1 | ",
        "descriptive answer | output.descriptives.1.multi.1 | ans2 | ",
        "balance variable | output.balance.variables.0 | bal | ",
        "site | evaluation.site | site_var | ",
        "measure at start | evaluation.measures.0.name | survey.m1 | ",
        "measure at end | evaluation.measures.0.name | base.m1 | ",
        "measure at start | evaluation.measures.1.start | m2_first | ",
        "measure at end | evaluation.measures.1.end | m2_last | ",
        "flow filter | evaluation.flow.1.where.joined | joined | ",
        "key | sources.base.key | id | base",
        "key | sources.survey.key | sid | survey",
        "key | sources.admin.key | aid | admin",
        "key | sources.out.key | oid | out",
        "duplicates order | sources.survey.duplicates.by | interviewed | survey",
        "response indicator | sources.survey.responded | took_part | survey",
        "treatment | treatment.column | arm | base",
        "randomisation date | linkage.randomisation_date | randomised_on | base",
        "withdrawal date | linkage.withdrawal.date | left_on | out",
        "erasure flag | linkage.erasure.column | erase | out",
        "item | derive.score.items.0 | q1 | survey",
        "item | derive.score.items.1 | q2 | survey",
        "item | derive.scale.items.0 | l1 | base",
        "record date | derive.earned.date | month | admin",
        "record measure | derive.earned.sum | pay | admin",
        "record date | derive.months.date | month | admin",
        "record measure | derive.months.count.column | weeks | admin",
        "record date | derive.ever.date | month | admin",
        "record measure | derive.ever.any.column | benefit | admin",
      ].sort(),
    );
  });

  it("covers every role (a role added to the type must be named by the plan above)", () => {
    const every: Record<VariableRole, true> = {
      outcome: true, covariate: true, "outcome covariate": true, subgroup: true, stratum: true, cluster: true, reference: true,
      "population filter": true, "weighting covariate": true, "weighting cell": true, "recode source": true, "trial group": true,
      "descriptive variable": true, "descriptive by": true, "descriptive answer": true, "balance variable": true,
      site: true, "measure at start": true, "measure at end": true, "flow filter": true,
      key: true, treatment: true, "randomisation date": true, "withdrawal date": true, "erasure flag": true, "duplicates order": true,
      "response indicator": true, item: true, "record date": true, "record measure": true,
      "randomisation block": true, "randomisation stratum": true, "take-up": true,
    };
    expect(new Set(planVariables(everyKindOfVariable).map((v) => v.role))).toEqual(new Set(Object.keys(every)));
  });

  it("separates the analysis frame's variables from columns read straight from a source", () => {
    expect(frameVariables(everyKindOfVariable).every((v) => v.source === undefined)).toBe(true);
    expect(frameVariables(everyKindOfVariable)).toHaveLength(26);
    expect([...sourceColumns(everyKindOfVariable, "admin")].sort()).toEqual(["aid", "benefit", "month", "pay", "weeks"]);
    expect([...sourceColumns(everyKindOfVariable, "out")].sort()).toEqual(["erase", "left_on", "oid"]);
  });

  it("lists nothing for parts a plan leaves out", () => {
    const minimal: Sap = { ...everyKindOfVariable, evaluation: undefined, derive: undefined, weights: undefined, covariates: undefined, subgroups: undefined, reference: undefined, inference: undefined, take_up: undefined, output: undefined, populations: { all: {} } };
    expect(frameVariables(minimal).map((v) => v.role)).toEqual(["outcome", "outcome covariate"]);
  });
});
