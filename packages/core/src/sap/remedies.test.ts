import { describe, expect, it } from "vitest";
import { SETTINGS, type SettingId, TrialstatError } from "../errors.js";
import { forPlan, planContext, planHint, sapRemedyWording } from "./remedies.js";

describe("remedies worded for a SAP", () => {
  it("find the plan's entry from the step that failed", () => {
    expect(planContext("weights.nr12")).toEqual({ weights: "nr12" });
    expect(planContext("outcomes.3")).toEqual({ outcome: 3 });
    expect(planContext("derive.phq9_12.instrument")).toEqual({ derive: "phq9_12" });
    expect(planContext("sources.baseline")).toEqual({ source: "baseline" });
    expect(planContext("populations.all")).toEqual({});
  });

  it("name a setting the plan has by its path, and say plainly when the plan has none", () => {
    const word = sapRemedyWording({ weights: "nr12", outcome: 2 });
    expect(word({ setting: "trim.cap", value: 5 })).toBe("weights.nr12.trim.cap: 5");
    expect(word({ setting: "missing_covariates", value: "indicator" })).toBe("weights.nr12.missing_covariates: indicator");
    expect(word({ setting: "family", value: "gaussian" })).toBe("outcomes[2].model: ols");
    expect(word({ setting: "se", value: "HC1" })).toBe("inference.se: HC1");
    expect(word({ setting: "rake.max_iterations", value: 200 })).toBe("a plan cannot set the raking iteration limit");
    expect(sapRemedyWording({})({ setting: "within" })).toBe("weights.<name>.within");
  });

  it("word every setting without a command-line flag", () => {
    const word = sapRemedyWording({ weights: "w", outcome: 0, derive: "d", source: "s" });
    for (const setting of Object.keys(SETTINGS) as SettingId[]) expect(word({ setting, value: 1 })).not.toMatch(/--/);
  });

  it("leave the error as the plan reports it, its remedies worded and spent", () => {
    const e = new TrialstatError("analysis", "cell arm=T: raking did not converge", {
      hint: "merge sparse categories",
      remedies: [{ setting: "rake.max_iterations", value: 1000, reason: "allow more iterations" }],
    });
    const expected = "merge sparse categories, or allow more iterations (a plan cannot set the raking iteration limit)";
    expect(planHint(e, "weights.nr12")).toBe(expected);
    const reported = forPlan(e, "weights.nr12");
    expect([reported.kind, reported.message, reported.hint, reported.remedies]).toEqual(["analysis", e.message, expected, []]);
    const plain = new TrialstatError("input", "x");
    expect(forPlan(plain, "weights.nr12")).toBe(plain);
  });
});
