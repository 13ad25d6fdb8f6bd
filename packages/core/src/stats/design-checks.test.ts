import { describe, expect, it } from "vitest";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { checkDesign, requireStandardError } from "./design-checks.js";
import { fitFormula } from "./fit.js";
import { buildModelFrame } from "./formula/model-frame.js";
import { buildModelMatrix } from "./formula/model-matrix.js";
import { fitLinearModel } from "./linear-model.js";
import { expandFormula } from "./formula/terms.js";

/** A small trial: 24 rows, alternating arms, 8 clusters (k0..k7) that cut across the arms. */
function trial(edit: Partial<Record<string, (number | string)[]>> = {}) {
  const n = 24;
  const treat = Array.from({ length: n }, (_, i) => i % 2);
  const x = Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3);
  const y = Array.from({ length: n }, (_, i) => 1 + 0.5 * treat[i] + x[i] + Math.cos(3 * i));
  const c = Array.from({ length: n }, (_, i) => `k${Math.floor(i / 3)}`);
  return tableFromColumns({ y, treat, x, c, ...edit } as Record<string, (number | string)[]>, "t.csv");
}

function failure(f: () => unknown): TrialstatError {
  try {
    f();
  } catch (e) {
    if (e instanceof TrialstatError) return e;
    throw e;
  }
  throw new Error("expected a TrialstatError");
}

const withValue = (column: number[], row: number, value: number) => column.map((v, i) => (i === row ? value : v));
const base = () => {
  const t = trial();
  return { y: Array.from(t.column("y").values as Float64Array), x: Array.from(t.column("x").values as Float64Array) };
};

describe("design checks (trialstat fit)", () => {
  it("refuse a constant outcome", () => {
    const e = failure(() => fitFormula(trial({ y: Array(24).fill(3) }), { formula: "y ~ treat + x" }));
    expect(e.kind).toBe("analysis");
    expect(e.message).toBe("the outcome y is 3 in every row used, so it has no variance and there is no effect to estimate");
  });

  it("refuse a variable that would overflow when squared, naming it and the row, with the factor to rescale by", () => {
    const e = failure(() => fitFormula(trial({ x: withValue(base().x, 4, -2.5e307) }), { formula: "y ~ treat + x" }));
    expect(e.kind).toBe("input");
    expect(e.where).toBe("t.csv:6:x");
    expect(e.message).toBe("x reaches -2.5e+307: values this far from zero (beyond ±1e150) overflow double precision when squared in the regression");
    expect(e.hint).toContain("divide it by 1e305");
    // the same for the outcome, a product of variables, and the weights
    expect(failure(() => fitFormula(trial({ y: withValue(base().y, 0, 1e200) }), { formula: "y ~ treat + x" })).message).toMatch(/^y reaches 1e\+200/);
    expect(failure(() => fitFormula(trial({ x: base().x.map((v) => v * 1e100) }), { formula: "y ~ treat + I(x^2)" })).message).toMatch(/^I\(x\^2\) reaches/);
    expect(failure(() => fitFormula(trial({ w: Array.from({ length: 24 }, (_, i) => (i === 3 ? 1e151 : 1)) }), { formula: "y ~ treat", weights: "w" })).message).toMatch(/^the weights reach|^the weights reaches/);
  });

  it("draw the line at 1e150 (for computed columns: data beyond 2^53 are refused anyway)", () => {
    const x = base().x;
    const scale = 1e150 / Math.max(...x.map(Math.abs));
    const unit = trial({ x: x.map((v) => (v * scale) / 1e149) });
    expect(() => fitFormula(unit, { formula: "y ~ treat + I(x * 0.999e149)" })).not.toThrow();
    expect(() => fitFormula(unit, { formula: "y ~ treat + I(x * 1.001e149)" })).toThrow("overflow");
  });

  it("refuse a variable so small that its square underflows, and any subnormal value", () => {
    const tiny = failure(() => fitFormula(trial({ x: base().x.map((v) => v * 1e-160) }), { formula: "y ~ treat + x" }));
    expect(tiny.message).toMatch(/^x is at most 2\.9\d*e-160 in absolute value: values this small \(all below 1e-150\) underflow/);
    expect(tiny.hint).toContain("multiply it by 1e160");
    const sub = failure(() => fitFormula(trial({ x: withValue(base().x, 2, 1e-310) }), { formula: "y ~ treat + x" }));
    expect(sub.where).toBe("t.csv:4:x");
    expect(sub.message).toBe("x is 1e-310, a subnormal number (below 2.2e-308) that double precision holds with lost digits");
  });

  it("refuse a value beyond 2^53 read from the data (a 20-digit identifier), as a number or a factor", () => {
    const ids = Array.from({ length: 24 }, (_, i) => 12345678901234567890 + i * 1000);
    const e = failure(() => fitFormula(trial({ x: ids }), { formula: "y ~ treat + x" }));
    expect(e.kind).toBe("input");
    expect(e.message).toBe("x is 12345678901234567000, beyond 2^53 (9,007,199,254,740,992) where a double no longer holds every whole number: an identifier of 17 digits or more read as a number has lost its last digits");
    expect(e.hint).toContain("declare it type: string");
    const spread = Array.from({ length: 24 }, (_, i) => 12345678901234567890 + (i % 3) * 1e6);
    expect(failure(() => fitFormula(trial({ x: spread }), { formula: "y ~ treat + factor(x)" })).message).toMatch(/^factor\(x\) is 12345678901234567000, beyond 2\^53/);
    // ids that differ only beyond the 15th digit already fall into one level: refused as well
    expect(failure(() => fitFormula(trial({ x: ids }), { formula: "y ~ treat + factor(x)" })).message).toMatch(/^factor\(x\) has only one value/);
    expect(failure(() => fitFormula(trial({ y: ids }), { formula: "y ~ treat" })).message).toMatch(/^y is 12345678901234567000/);
    // 2^53 itself is exact, and a computed I() value is not data
    expect(() => fitFormula(trial({ x: withValue(base().x, 0, 2 ** 53) }), { formula: "y ~ treat + x", se: "HC1" })).not.toThrow(); // HC1: that row has leverage 1
    expect(() => fitFormula(trial({ x: base().x.map((v) => v * 1e6) }), { formula: "y ~ treat + I(x^3)" })).not.toThrow();
  });

  it("refuse one cluster, and two clusters that coincide with a variable (clustering on the arm)", () => {
    const one = failure(() => fitFormula(trial({ c: Array(24).fill("k") }), { formula: "y ~ treat + x", cluster: "c" }));
    expect(one.kind).toBe("analysis");
    expect(one.message).toContain("the cluster variable c has only one value (k) among the rows used");
    const arm = failure(() => fitFormula(trial({ c: Array.from({ length: 24 }, (_, i) => (i % 2 ? "T" : "C")) }), { formula: "y ~ treat + x", cluster: "c" }));
    expect(arm.kind).toBe("analysis");
    expect(arm.message).toBe(
      "treat is constant within each of the 2 clusters of c, so its cluster-robust standard error has no replication to be estimated from: it would be no measure of uncertainty (typically far too small)",
    );
    // what the check prevents: fitted anyway, the effect's CR0 standard error is a small fraction of its HC2 one
    const data = trial({ c: Array.from({ length: 24 }, (_, i) => (i % 2 ? "T" : "C")) });
    const frame = buildModelFrame(data, expandFormula("y ~ treat + x"), { cluster: "c" });
    const design = buildModelMatrix(frame);
    const fit = fitLinearModel({ design: design.matrix, names: design.columnNames, y: frame.response, clusters: { codes: frame.cluster!.codes, count: 2 }, seType: "CR0" });
    const slot = fit.kept.indexOf(design.columnNames.indexOf("treat"));
    const hc2 = fitFormula(data, { formula: "y ~ treat + x" }).coefficients[1].std_error!;
    expect(Math.sqrt(fit.variance.matrix.data[slot * (fit.kept.length + 1)])).toBeLessThan(0.05 * hc2);
  });

  it("warn below 20 clusters, naming the count, and say what CR2 does", () => {
    const r = fitFormula(trial(), { formula: "y ~ treat + x", cluster: "c" });
    expect(r.n_clusters).toBe(8);
    expect(r.warnings).toEqual([
      "only 8 clusters of c: with fewer than 20 clusters cluster-robust standard errors are biased downward and tests over-reject (Cameron & Miller 2015); CR2 with Bell–McCaffrey degrees of freedom (used here) reduces but does not remove this",
    ]);
    expect(fitFormula(trial(), { formula: "y ~ treat + x", cluster: "c", se: "stata" }).warnings[0]).toContain("reduces this (se: CR2)");
    const many = trial({ c: Array.from({ length: 24 }, (_, i) => `k${i % 20}`) });
    expect(fitFormula(many, { formula: "y ~ treat + x", cluster: "c" }).warnings).toEqual([]);
    // two clusters that cut across the arms: a warning, not an error
    const two = trial({ c: Array.from({ length: 24 }, (_, i) => (i < 12 ? "a" : "b")) });
    expect(fitFormula(two, { formula: "y ~ treat + x", cluster: "c" }).warnings[0]).toMatch(/^only 2 clusters of c/);
  });

  it("apply to logit fits too", () => {
    const yb = Array.from({ length: 24 }, (_, i) => (Math.sin(i * 7) > 0 ? 1 : 0));
    const e = failure(() => fitFormula(trial({ y: yb, x: withValue(base().x, 1, 1e-320) }), { formula: "y ~ treat + x", family: "binomial" }));
    expect(e.message).toMatch(/^x is 1e-320, a subnormal number/);
  });
});

describe("design checks (a plan's effect models)", () => {
  it("refuse an arm that has a single cluster when the arm is constant within clusters", () => {
    // 4 clusters: three wholly control, one wholly treated
    const c = Array.from({ length: 24 }, (_, i) => `k${Math.floor(i / 6)}`);
    const treat = c.map((k) => (k === "k3" ? 1 : 0));
    const frame = buildModelFrame(trial({ c, treat }), expandFormula("y ~ treat + x"), { cluster: "c" });
    const design = buildModelMatrix(frame);
    const ctx = { where: "outcome y, population all", row: () => ({}), columnLabel: (n: string) => (n === "treat" ? "the trial arm" : n), armColumn: "treat" };
    const e = failure(() => checkDesign(frame, design, "CR2", ctx));
    expect(e.message).toBe("outcome y, population all: only one cluster of c is in one of the trial arms, so the cluster-robust standard error of the effect ignores that arm's variation");
    // the same data without naming the arm: only the few-clusters warning
    expect(checkDesign(frame, design, "CR2", { row: () => ({}) })).toHaveLength(1);
  });

  it("refuse an effect whose standard error is zero, not finite, or rounding error beside the outcome's spread", () => {
    expect(() => requireStandardError(0.1, 2, "x")).not.toThrow();
    expect(() => requireStandardError(1e-5, 2, "x")).not.toThrow();
    for (const se of [0, NaN, Infinity, 3e-17, 1.05e-8]) expect(() => requireStandardError(se, 2, "outcome y, population all, subgroup g = a")).toThrow(/^outcome y, population all, subgroup g = a: the standard error of the effect is (zero|not finite|rounding error)/);
  });
});
