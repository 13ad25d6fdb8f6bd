import { describe, expect, it } from "vitest";
import { TrialstatError, composeHint, excerptLines, genericRemedy, oneLine, quoteValue, showValue } from "./errors.js";

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

describe("text in a message line", () => {
  it("has its line breaks, tabs and other controls escaped, so it stays one line", () => {
    expect(oneLine("x\nconforms: every result matches")).toBe("x\\nconforms: every result matches");
    expect(oneLine("a\r\nb\tc")).toBe("a\\r\\nb\\tc");
    expect(oneLine("\x1b[31mred\x7f\x85\u202e\u200f")).toBe("\\x1b[31mred\\x7f\\x85\\u{202e}\\u{200f}");
    expect(oneLine("£1 — ok")).toBe("£1 — ok");
  });
});

describe("an excerpt", () => {
  it("puts the caret under the fault, counted in the escaped text", () => {
    expect(excerptLines({ text: "y ~ x +", position: 7 })).toEqual(["  y ~ x +", "         ^"]);
    // "\n" is written as two characters, so the caret moves one further
    expect(excerptLines({ text: "y ~\nx +", position: 7 })).toEqual(["  y ~\\nx +", "          ^"]);
  });

  it("is cut around the fault when the text is wider than 76 characters", () => {
    const [text, caret] = excerptLines({ text: `${"(".repeat(1000)}x${")".repeat(1000)}`, position: 1000 });
    expect(text).toBe(`  …${"(".repeat(37)}x${")".repeat(36)}…`);
    expect(caret).toBe(`  ${" ".repeat(38)}^`);
  });

  it("is kept through a restated error", () => {
    const e = new TrialstatError("input", "bad", { excerpt: { text: "y ~", position: 3 } });
    expect(e.restated("worse").excerpt).toEqual({ text: "y ~", position: 3 });
  });
});
