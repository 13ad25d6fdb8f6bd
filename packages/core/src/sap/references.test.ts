import { describe, expect, it } from "vitest";
import { parseSap } from "./parse.js";
import { participantKeyProblems } from "./participant-keys.js";
import { pathString } from "./problems.js";
import { checkReferences } from "./references.js";
import type { Sap } from "./types.js";

/** A small plan that checks clean; each test changes one thing. */
function basePlan(): Sap {
  return {
    trialstat: 1,
    title: "refs",
    registration: { id: "X", sap_version: "1", date: "2024-01-01" },
    sources: {
      base: { file: "b.csv", key: "id", columns: { site: { type: "string", values: ["A", "B"] }, age: { type: "number" } } },
      survey: { file: "s.csv", key: "id", wave: { months: 12 }, columns: { mode: { type: "string", values: ["web", "phone"] } } },
      admin: { file: "a.csv", key: "id", shape: "long" },
    },
    linkage: { randomised: "base", randomisation_date: "randomised_on" },
    treatment: { column: "arm", treated: "T", control: "C" },
    derive: {
      earned: { from: "admin", date: "month", window: { months: 12 }, sum: "pay" },
      age_band: { recode: "age", bands: [{ label: "young", below: 40 }, { label: "old" }] },
      phq: { instrument: "phq9", source: "survey", items: ["q1"] },
    },
    populations: { all: { strata: ["site"] } },
    outcomes: [{ name: "earned", role: "primary", type: "continuous", report: "raw" }],
    covariates: { variables: ["age"] },
    subgroups: ["age_band"],
  };
}

/** The problems of a plan as `path: message`. */
function problems(edit: (sap: Sap) => void): string[] {
  const sap = basePlan();
  edit(sap);
  return checkReferences(sap).map((p) => `${pathString(p.path)}: ${p.message}`);
}

describe("checkReferences", () => {
  it("accepts the base plan", () => {
    expect(problems(() => {})).toEqual([]);
  });

  it("names an undefined source, with a suggestion", () => {
    const sap = basePlan();
    sap.linkage.withdrawal = { source: "servey", date: "d" };
    expect(checkReferences(sap)).toEqual([{ path: ["linkage", "withdrawal", "source"], message: 'no source named "servey"', hint: 'did you mean "survey"?' }]);
  });

  it("wants a response indicator on a survey wave", () => {
    expect(problems((s) => (s.sources.base.responded = "took_part"))).toEqual(["sources.base.responded: a response indicator belongs to a survey wave"]);
    expect(problems((s) => (s.sources.survey.responded = "took_part"))).toEqual([]);
  });

  it("applies missing: skip | missing to sums only", () => {
    expect(problems((s) => ((s.derive!.earned as { missing?: string }).missing = "skip"))).toEqual([]);
    expect(
      problems((s) => (s.derive!.months = { from: "admin", date: "month", window: { months: 12 }, count: { column: "weeks" }, missing: "skip" })),
    ).toEqual(["derive.months.missing: missing applies to a sum; count and any never count a record whose value is missing"]);
  });

  it("refuses an outcome on the right-hand side of a model, and an outcome's covariate listed for every model", () => {
    expect(problems((s) => (s.outcomes[0].covariates = ["earned"]))).toEqual(["outcomes[0].covariates[0]: earned is an outcome, so it cannot also be a covariate of the models"]);
    expect(problems((s) => (s.outcomes[0].covariates = ["age"]))).toEqual(["outcomes[0].covariates[0]: age is already a covariate of every model (covariates.variables)"]);
    expect(problems((s) => (s.outcomes[0].covariates = ["earned0"]))).toEqual([]);
    expect(problems((s) => (s.inference = { cluster: "earned", se: "CR2" }))).toEqual(["inference.cluster: earned is an outcome, so it cannot also be the cluster of the models"]);
  });
});

describe("reference levels", () => {
  it("accept a level the plan declares: a recode's band, a declared code", () => {
    expect(problems((s) => (s.reference = { age_band: "old", site: "B" }))).toEqual([]);
  });

  it("name a level that is not declared, with a suggestion and the levels", () => {
    const sap = basePlan();
    sap.reference = { age_band: "olde" };
    expect(checkReferences(sap)).toEqual([{ path: ["reference", "age_band"], message: 'age_band has no level "olde"', hint: 'did you mean "old"? levels: young, old' }]);
  });

  it("refuse a variable that is not categorical in the models, or not in them", () => {
    expect(problems((s) => (s.reference = { age: 30 }))).toEqual(["reference.age: age is numeric, so it has no levels to choose a reference from"]);
    expect(problems((s) => (s.reference = { "survey.mode": "web" }))).toEqual([
      "reference[\"survey.mode\"]: survey.mode is not a covariate, subgroup or stratum of the plan, so a reference level for it changes nothing",
    ]);
  });

  it("check an outcome's own covariates and a source's declared codes", () => {
    const edit = (level: string) => (s: Sap) => {
      s.outcomes[0].covariates = ["survey.mode"];
      s.reference = { "survey.mode": level };
    };
    expect(problems(edit("phone"))).toEqual([]);
    expect(problems(edit("post"))).toEqual(['reference["survey.mode"]: survey.mode has no level "post"']);
  });

  it("leave to the run what only the data can tell, and never read Object's own names", () => {
    expect(problems((s) => ((s.subgroups = ["gender", "phq"]), (s.reference = { gender: "Female", phq: "mild" })))).toEqual([]);
    expect(problems((s) => ((s.subgroups = ["constructor"]), (s.reference = { constructor: "x" })))).toEqual([]);
  });
});

describe("participant keys in the outputs", () => {
  it("are refused wherever their values would be listed, and allowed with row-level output", () => {
    const sap = basePlan();
    sap.subgroups = ["id"];
    sap.outcomes[0].covariates = ["survey.id"];
    sap.output = { balance: { variables: ["base.id"] } };
    expect(participantKeyProblems(sap).map((p) => pathString(p.path))).toEqual(["subgroups[0]", "outcomes[0].covariates[0]", "output.balance.variables[0]"]);
    sap.output.row_level = true;
    expect(participantKeyProblems(sap)).toEqual([]);
  });
});

describe("parseSap", () => {
  it("locates each problem at its SAP path, and the line and column of the value there", () => {
    const text = ["trialstat: 1", "title: t", "registration: { id: X, sap_version: '1', date: '2024-01-01' }", "sources:", "  base: { file: b.csv, key: id, shap: long }", "linkage: { randomised: base, randomisation_date: d }", "treatment: { column: arm, treated: T, control: C }", "populations: { all: {} }", "outcomes: [{ name: y, role: main, type: continuous, report: raw }]", ""].join("\n");
    const parsed = parseSap(text, "p.yaml");
    expect(parsed.sap).toBeUndefined();
    expect(parsed.problems.map((p) => [p.line, p.column, p.path, p.message, p.hint])).toEqual([
      [5, 39, "sources.base.shap", 'unknown key "shap"', 'did you mean "shape"? (allowed here: file, sheet, key, shape, missing, label, columns, wave, responded, duplicates)'],
      [9, 29, "outcomes[0].role", 'must be one of: "primary", "secondary", "exploratory"', "use one of the values listed"],
    ]);
    expect(parsed.locate(["outcomes", 0, "name"])).toEqual({ line: 9, column: 20 });
  });

  it("reports a derived variable against its own kind", () => {
    const text = ["trialstat: 1", "title: t", "registration: { id: X, sap_version: '1', date: '2024-01-01' }", "sources: { a: { file: a.csv, key: id, shape: long } }", "linkage: { randomised: a, randomisation_date: d }", "treatment: { column: arm, treated: T, control: C }", "derive:", "  pay: { from: a, date: m, window: { months: 12 }, sum: p, missing: drop }", "populations: { all: {} }", "outcomes: [{ name: y, role: primary, type: continuous, report: raw }]", ""].join("\n");
    expect(parseSap(text).problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)).toEqual(['8:69 derive.pay.missing: must be one of: "missing", "skip"']);
  });
  it("checks the analyses beside the ITT: scopes name outcomes and populations, estimators fit the outcomes, the bootstrap fits the clusters", () => {
    const logit = (sap: Sap) => sap.outcomes.push({ name: "employed", role: "primary", type: "binary", report: "ppt", model: "logit" });
    expect(
      problems((sap) => {
        sap.inference = { randomisation: { draws: 100, seed: 1, outcomes: ["earnd"], populations: ["al"] } };
        sap.take_up = { variable: "engaged", outcomes: ["employed"] };
        logit(sap);
      }),
    ).toEqual([
      "inference.randomisation.outcomes[0]: no outcome named \"earnd\"",
      "inference.randomisation.populations[0]: no population named \"al\"",
      "take_up.outcomes[0]: the complier average causal effect is estimated by least squares, and the outcome employed is modelled by a logit",
    ]);
    expect(
      problems((sap) => {
        logit(sap);
        sap.covariates = { variables: [], lin: true };
        sap.populations = { all: {} };
        sap.outcomes[0].bounds = ["worst_case", "lee", "lee"];
      }),
    ).toEqual([
      "covariates.lin: Lin's adjustment adjusts for covariates, and the outcome earned has none",
      "outcomes[0].bounds[0]: worst-case bounds set missing outcomes to 0 and 1, so they are for binary outcomes, and earned is continuous",
      "outcomes[0].bounds[2]: lee is listed twice",
      "covariates.lin: Lin's adjustment is a linear model, and the outcome employed is modelled by a logit",
      "covariates.lin: Lin's adjustment adjusts for covariates, and the outcome employed has none",
    ]);
    expect(problems((sap) => (sap.inference = { bootstrap: { draws: 99, seed: 1, type: "wild", weights: "webb" } }))).toEqual(["inference.bootstrap.type: the wild cluster bootstrap needs inference.cluster"]);
    expect(problems((sap) => (sap.inference = { cluster: "site", se: "CR2", bootstrap: { draws: 99, seed: 1, type: "pairs", weights: "webb" } }))).toEqual([
      "inference.bootstrap.type: the pairs bootstrap resamples participants one by one, which ignores inference.cluster",
      "inference.bootstrap.weights: weights are those of the wild cluster bootstrap",
    ]);
    expect(problems((sap) => ((sap.inference = { randomisation: { draws: 100, seed: 1 } }), logit(sap)))).toEqual([
      "inference.randomisation: randomisation inference is estimated by least squares, and the outcome employed is modelled by a logit",
    ]);
    // the take-up and the randomisation blocks and strata are variables of the plan: an outcome cannot be one
    expect(problems((sap) => (sap.take_up = { variable: "earned" }))).toEqual(["take_up.variable: earned is an outcome, so it cannot also be the take-up of the models"]);
    expect(problems((sap) => (sap.outcomes[0].lin = true))).toEqual([]);
  });
});
