import { describe, expect, it } from "vitest";
import { evaluationProblems } from "./evaluation-references.js";
import { pathString } from "./problems.js";
import { checkReferences } from "./references.js";
import type { Sap } from "./types.js";

/** A single-arm evaluation that checks clean; each test changes one thing. */
function evaluationPlan(): Sap {
  return {
    trialstat: 1,
    title: "service",
    registration: { id: "X", sap_version: "1", date: "2024-01-01" },
    sources: { referrals: { file: "r.csv", key: "id" }, first: { file: "f.csv", key: "id" }, last: { file: "l.csv", key: "id" } },
    linkage: { randomised: "referrals" },
    evaluation: {
      site: "site",
      start: "first",
      end: "last",
      measures: [{ name: "phq9" }, { name: "gad7" }, { name: "jsse", start: "jsse0", end: "jsse1", populations: ["users"] }],
      talking_therapies: { phq9: "phq9", gad7: "gad7" },
      flow: [{ label: "Referred" }, { label: "Joined", where: { joined: 1 } }],
    },
    populations: { all: {}, users: { where: { ips: 1 } } },
    outcomes: [{ name: "job", role: "primary", type: "binary", report: "ppt" }],
  };
}

function problems(edit: (sap: Sap) => void): string[] {
  const sap = evaluationPlan();
  edit(sap);
  return checkReferences(sap).map((p) => `${pathString(p.path)}: ${p.message}`);
}

describe("evaluationProblems: a trial or a single-arm evaluation", () => {
  it("accepts an evaluation without treatment or randomisation date", () => {
    expect(problems(() => {})).toEqual([]);
  });

  it("wants exactly one of treatment and evaluation", () => {
    expect(problems((s) => (s.evaluation = undefined))).toEqual([": the plan has neither treatment: (a randomised trial) nor evaluation: (a single-arm service evaluation)"]);
    expect(problems((s) => (s.treatment = { column: "arm", treated: "T", control: "C" }))).toEqual([
      "evaluation: the plan has both treatment: (a randomised trial) and evaluation: (a single-arm service evaluation)",
      "linkage: a randomised trial needs linkage.randomisation_date",
    ]);
  });

  it("refuses survey waves and administrative windows without a date of entry", () => {
    expect(
      problems((s) => {
        s.sources.first.wave = { months: 3 };
        s.sources.pay = { file: "p.csv", key: "id", shape: "long" };
        s.derive = { earned: { from: "pay", date: "month", window: { months: 12 }, sum: "amount" } };
      }),
    ).toEqual([
      "sources.first.wave: a survey wave counts from each person's date of entry, which linkage.randomisation_date names",
      "derive.earned.window: an administrative outcome's window counts from each person's date of entry, which linkage.randomisation_date names",
    ]);
    expect(problems((s) => ((s.linkage.randomisation_date = "referred_on"), (s.sources.first.wave = { months: 3 })))).toEqual([]);
  });

  it("checks the start and end sources, the measures and the Talking Therapies pair", () => {
    expect(problems((s) => (s.evaluation!.start = "frist"))).toEqual(['evaluation.start: no source named "frist"']);
    expect(problems((s) => (s.sources.last.shape = "long"))).toEqual(["evaluation.end: the end measurement is read from a wide source (one row per person), but last is long"]);
    expect(problems((s) => (s.evaluation!.end = undefined))).toEqual(["evaluation.measures[0]: the measure phq9 has no end variable", "evaluation.measures[1]: the measure gad7 has no end variable"]);
    expect(problems((s) => s.evaluation!.measures!.push({ name: "gad7", start: "a", end: "b", populations: ["everyone"] }))).toEqual([
      "evaluation.measures[3].name: the measure gad7 is listed twice",
      'evaluation.measures[3].populations[0]: no population named "everyone"',
    ]);
    expect(problems((s) => (s.evaluation!.talking_therapies = { phq9: "phq", gad7: "gad7" }))).toEqual(['evaluation.talking_therapies.phq9: no measure named "phq"']);
  });

  it("refuses what only a treatment effect uses, rather than ignoring it", () => {
    expect(
      problems((s) => {
        s.covariates = { variables: ["age"] };
        s.subgroups = ["sex"];
        s.populations.all.strata = ["site"];
        s.outcomes[0].model = "logit";
        s.inference = { se: "HC1", levels: [0.9] };
      }),
    ).toEqual([
      "covariates: covariates belong to a treatment effect, which a single-arm evaluation does not estimate",
      "subgroups: subgroups belong to a treatment effect, which a single-arm evaluation does not estimate",
      "populations.all.strata: strata belong to a treatment effect, which a single-arm evaluation does not estimate",
      "outcomes[0].model: a model belongs to a treatment effect, which a single-arm evaluation does not estimate",
      "inference.se: a variance estimator belongs to a treatment effect, which a single-arm evaluation does not estimate",
    ]);
  });

  it("leaves a trial's checks to the trial (no evaluation problems for a plan with treatment)", () => {
    const sap = evaluationPlan();
    sap.evaluation = undefined;
    sap.treatment = { column: "arm", treated: "T", control: "C" };
    sap.linkage.randomisation_date = "randomised_on";
    expect(evaluationProblems(sap)).toEqual([]);
  });
});
