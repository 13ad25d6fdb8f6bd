import { describe, expect, it } from "vitest";
import { TrialstatError, composeHint, genericRemedy, quoteValue, showValue } from "./errors.js";

describe("data values in messages", () => {
  it("are quoted whole up to 40 characters", () => {
    expect(quoteValue("abc")).toBe('"abc"');
    expect(quoteValue("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
    expect(showValue("P001")).toBe("P001");
  });

  it("keep their first 40 characters and their length when longer", () => {
    expect(quoteValue("9".repeat(20_000_000))).toBe(`"${"9".repeat(40)}…" (20,000,000 characters)`);
    expect(showValue("a".repeat(41))).toBe(`${"a".repeat(40)}… (41 characters)`);
  });

  it("never split a surrogate pair", () => {
    const v = `${"a".repeat(39)}😀${"b".repeat(10)}`;
    expect(quoteValue(v)).toBe(`"${"a".repeat(39)}…" (51 characters)`);
  });
});

describe("remedies", () => {
  const lpm = { setting: "family", value: "gaussian", reason: "use a linear probability model" } as const;
  const flag = (r: { setting: string; value?: string | number }) => `--${r.setting}${r.value === undefined ? "" : ` ${r.value}`}`;

  it("join the advice and each remedy, worded by the front end, as alternatives", () => {
    expect(composeHint("merge sparse categories", [lpm], flag)).toBe("merge sparse categories, or use a linear probability model (--family gaussian)");
    expect(composeHint(undefined, [lpm, { setting: "se" }], flag)).toBe("use a linear probability model (--family gaussian), or --se");
    expect(composeHint("check the data", [], flag)).toBe("check the data");
    expect(composeHint(undefined, [], flag)).toBeUndefined();
  });

  it("are worded setting: value where a front end has no table", () => {
    const e = new TrialstatError("analysis", "separation", { hint: "merge sparse categories", remedies: [lpm] });
    expect(genericRemedy(lpm)).toBe("family: gaussian");
    expect(e.hint).toBe("merge sparse categories, or use a linear probability model (family: gaussian)");
    expect(e.hintWith(flag)).toBe("merge sparse categories, or use a linear probability model (--family gaussian)");
  });

  it("survive an error restated with another message or place", () => {
    const e = new TrialstatError("analysis", "separation", { location: { file: "d.csv" }, hint: "merge", remedies: [lpm] });
    const again = e.restated("outcome y: separation", { path: "outcomes[0]" });
    expect([again.kind, again.message, again.location, again.advice, again.remedies]).toEqual(["analysis", "outcome y: separation", { path: "outcomes[0]" }, "merge", [lpm]]);
    expect(e.restated("m").location).toEqual({ file: "d.csv" });
  });
});
