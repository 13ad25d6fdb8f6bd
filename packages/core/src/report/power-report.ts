import { mdesSizes } from "../analysis/design-mdes.js";
import type { MdesResult } from "../stats/power/minimum-detectable-effect.js";
import type { PowerPropTestResult } from "../stats/power/proportion-test-power.js";
import type { PowerTTestResult } from "../stats/power/t-test-power.js";
import { alignColumns } from "./format-number.js";
import { armCounts } from "./mdes-table.js";

/**
 * Power calculations for people and for programs: a table a protocol can quote, and JSON whose
 * names are R's (`n`, `delta`, `sd`, `power`, `sig.level` → `sig_level`), so that results move
 * between `power.t.test`/`power.prop.test` and trialstat without renaming.
 *
 * @example
 * powerTable([{ kind: "t", result: powerTTest({ delta: 0.2, power: 0.8 }) }]);
 * // Two-sample t test power calculation, solved for n
 * // n is number in *each* group; two-sided
 * //
 * //         n  delta  sd  sig.level  power
 * //  393.4057    0.2   1       0.05    0.8
 * //
 * // Round n up: 394 in each group.
 */
export type PowerCalculation =
  | { kind: "t"; result: PowerTTestResult }
  | { kind: "prop"; result: PowerPropTestResult }
  | { kind: "mdes"; result: MdesResult };

/** A number as R prints it by default: 7 significant digits, trailing zeros dropped. */
export function formatLikeR(x: number | null, digits = 7): string {
  if (x === null || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  return String(Number(x.toPrecision(digits)));
}

const R_NAME: Record<string, string> = { sigLevel: "sig.level", clusterSize: "cluster size", delta: "delta" };

/** The calculation with R's names (sig.level written sig_level) and what was solved for. */
export function powerJson(calc: PowerCalculation): Record<string, unknown> {
  const solvedFor = (name: string) => (name === "sigLevel" ? "sig_level" : name === "clusterSize" ? "cluster_size" : name);
  if (calc.kind === "t") {
    const r = calc.result;
    return {
      method: r.method,
      n: r.n,
      delta: r.delta,
      sd: r.sd,
      sig_level: r.sigLevel,
      power: r.power,
      type: r.type,
      alternative: r.alternative,
      strict: r.strict,
      solved_for: solvedFor(r.solvedFor),
      note: r.note,
    };
  }
  if (calc.kind === "prop") {
    const r = calc.result;
    return {
      method: r.method,
      n: r.n,
      p1: r.p1,
      p2: r.p2,
      sig_level: r.sigLevel,
      power: r.power,
      alternative: r.alternative,
      strict: r.strict,
      solved_for: solvedFor(r.solvedFor),
      note: r.note,
    };
  }
  const r = calc.result;
  return {
    method: mdesMethod(r),
    ...mdesSizes(r),
    mdes: r.mdes,
    delta: r.delta,
    sd: r.sd,
    p1: r.p1,
    p2: r.p2,
    sig_level: r.sigLevel,
    power: r.power,
    alternative: r.alternative,
    treated_share: r.treatedShare,
    r2: r.r2,
    r2_cluster: r.r2Cluster,
    covariates: r.covariates,
    response_rate: r.responseRate,
    design_effect: r.designEffect,
    distribution: r.distribution,
    df: Number.isFinite(r.df) ? r.df : null,
    multiplier: r.multiplier,
    standard_error: r.standardError,
    solved_for: solvedFor(r.solvedFor),
  };
}

function mdesMethod(r: MdesResult): string {
  return `Minimum detectable effect (Bloom), ${r.design === "cluster" ? "cluster-randomised" : "individually randomised"} two-arm trial`;
}

/**
 * Calculations of one kind as an aligned table: a heading with the method, what was solved for and
 * the assumptions shared by every row, then one row per calculation, then how to read it.
 */
export function powerTable(calcs: readonly PowerCalculation[]): string {
  if (calcs.length === 0) return "";
  const first = calcs[0];
  const lines: string[] = [];
  let header: string[];
  let rows: string[][];
  let solved: string;
  if (first.kind === "t") {
    const rs = calcs.map((c) => c.result as PowerTTestResult);
    solved = rs[0].solvedFor;
    lines.push(`${rs[0].method}, solved for ${R_NAME[solved] ?? solved}`);
    lines.push([rs[0].note, sidedness(rs[0].alternative, rs[0].strict)].filter(Boolean).join("; "));
    header = ["n", "delta", "sd", "sig.level", "power"];
    rows = rs.map((r) => [r.n, r.delta, r.sd, r.sigLevel, r.power].map((x) => formatLikeR(x)));
  } else if (first.kind === "prop") {
    const rs = calcs.map((c) => c.result as PowerPropTestResult);
    solved = rs[0].solvedFor;
    lines.push(`${rs[0].method}, solved for ${R_NAME[solved] ?? solved}`);
    lines.push(`${rs[0].note}; ${sidedness(rs[0].alternative, rs[0].strict)}`);
    header = ["n", "p1", "p2", "sig.level", "power"];
    rows = rs.map((r) => [r.n, r.p1, r.p2, r.sigLevel, r.power].map((x) => formatLikeR(x)));
  } else {
    const rs = calcs.map((c) => c.result as MdesResult);
    const r0 = rs[0];
    solved = r0.solvedFor;
    lines.push(`${mdesMethod(r0)}, solved for ${solved === "delta" ? "the MDES" : (R_NAME[solved] ?? solved)}`);
    lines.push(mdesAssumptions(rs));
    const binary = r0.p1 !== null;
    const scaled = binary || rs.some((r) => r.sd !== 1);
    const varies = (f: (r: MdesResult) => number | null) => new Set(rs.map(f)).size > 1;
    const cols: { name: string; value: (r: MdesResult) => number | null }[] =
      r0.design === "cluster"
        ? [
            { name: "clusters", value: (r) => r.clusters },
            { name: "cluster.size", value: (r) => r.clusterSize },
            ...(varies((r) => r.icc) ? [{ name: "icc", value: (r: MdesResult) => r.icc }] : []),
            { name: "n", value: (r) => r.n },
          ]
        : [
            { name: "n", value: (r) => r.n },
            { name: "n.treated", value: (r) => wholeArms(r)[0] },
            { name: "n.control", value: (r) => wholeArms(r)[1] },
          ];
    cols.push({ name: "mdes", value: (r) => r.mdes });
    if (binary) cols.push({ name: "p1", value: (r) => r.p1 }, { name: "p2", value: (r) => r.p2 }, { name: "delta", value: (r) => r.delta });
    else if (scaled) cols.push({ name: "sd", value: (r) => r.sd }, { name: "delta", value: (r) => r.delta });
    cols.push({ name: "sig.level", value: (r) => r.sigLevel }, { name: "power", value: (r) => r.power });
    if (r0.distribution === "t") cols.push({ name: "df", value: (r) => r.df });
    cols.push({ name: "M", value: (r) => r.multiplier });
    header = cols.map((c) => c.name);
    rows = rs.map((r) => cols.map((c) => formatLikeR(c.value(r))));
  }
  lines.push("");
  // a blank first column keeps every number column right-aligned
  lines.push(...alignColumns([["", ...header], ...rows.map((r) => ["", ...r])]));
  const footer = [roundUpNote(calcs, solved), splitNote(calcs)].filter((x) => x !== null);
  if (footer.length) lines.push("", ...footer);
  return `${lines.join("\n")}\n`;
}

function sidedness(alternative: string, strict: boolean): string {
  return alternative === "two.sided" ? (strict ? "two-sided (strict: both rejection tails)" : "two-sided") : "one-sided";
}

function mdesAssumptions(rs: readonly MdesResult[]): string {
  const r = rs[0];
  const parts = [`P = ${formatLikeR(r.treatedShare, 4)} treated`];
  if (r.design === "cluster" && new Set(rs.map((x) => x.icc)).size === 1) parts.push(`ICC ${formatLikeR(r.icc)}`);
  if (r.r2 > 0) parts.push(`R² ${formatLikeR(r.r2)}`);
  if (r.r2Cluster) parts.push(`cluster-level R² ${formatLikeR(r.r2Cluster)}`);
  if (r.covariates > 0) parts.push(`${r.covariates} covariate${r.covariates === 1 ? "" : "s"}`);
  if (r.responseRate < 1) parts.push(`response rate ${formatLikeR(r.responseRate)}`);
  if (r.designEffect > 1) parts.push(`design effect ${formatLikeR(r.designEffect)}`);
  parts.push(r.alternative === "two.sided" ? "two-sided" : "one-sided");
  parts.push(r.distribution === "t" ? "M = t quantiles" : "M = normal quantiles");
  const lead = r.p1 !== null ? "binary outcome, MDES in SDs of p1, delta in proportion points" : r.sd !== 1 ? "MDES in SDs, delta in outcome units" : "MDES in SDs";
  return `${lead}; ${parts.join(", ")}`;
}

/**
 * An individually randomised design's arms in whole people (armCounts, as the SAP's design table):
 * 1000 split 2:1 is 667 and 333, not 666.6667 and 333.3333. A solved n is not whole: its arms stay
 * unrounded, beside the note that rounds n up.
 */
function wholeArms(r: MdesResult): [number, number] {
  return r.solvedFor === "n" ? [r.nTreated, r.nControl] : armCounts({ n_treated: r.nTreated, n_control: r.nControl });
}

function splitNote(calcs: readonly PowerCalculation[]): string | null {
  const rounded = calcs.some((c) => c.kind === "mdes" && c.result.design === "individual" && c.result.solvedFor !== "n" && !Number.isInteger(c.result.nTreated));
  return rounded ? "n.treated and n.control: the split by the allocation rounded to whole people who add up to n (the MDES uses the split unrounded)." : null;
}

function roundUpNote(calcs: readonly PowerCalculation[], solved: string): string | null {
  if (calcs.length !== 1) return null;
  const c = calcs[0];
  if (c.kind === "mdes") {
    const r = c.result;
    if (solved === "n") return `Round up: randomise ${Math.ceil(r.n)} people (${formatLikeR(r.nTreated)} treated, ${formatLikeR(r.nControl)} control before rounding).`;
    if (solved === "clusters") return `Round up: ${Math.ceil(r.clusters ?? NaN)} clusters.`;
    if (solved === "clusterSize") return `Round up: ${Math.ceil(r.clusterSize ?? NaN)} people per cluster.`;
    return null;
  }
  if (solved !== "n") return null;
  const n = Math.ceil(c.result.n);
  return c.kind === "t" && c.result.type === "paired" ? `Round n up: ${n} pairs.` : c.kind === "t" && c.result.type === "one.sample" ? `Round n up: ${n}.` : `Round n up: ${n} in each group.`;
}
