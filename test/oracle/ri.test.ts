import { describe, expect, it } from "vitest";
import {
  AssignmentDrawer,
  RandomStreams,
  assignmentScheme,
  enumeratedArms,
  prepareRandomisationInference,
  randomisationInference,
  type RandomisationInferenceInput,
} from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";
import { type RiInputCase, inputOf } from "./ri-cases.mjs";

// Reference values made by test/oracle/ri.R: every assignment refitted with lm.fit, the exact cases
// enumerated by R itself (combn within blocks or strata, expand.grid across), the Monte Carlo case
// over the assignments trialstat draws for its seed (listed in the input, test/oracle/ri-input.mjs).
interface OracleCase {
  name: string;
  estimate: number;
  assignments: number;
  p_two_sided: number;
  p_upper: number;
  p_lower: number;
  conf_low: number;
  conf_high: number;
  conf_is_interval: boolean;
  sorted_a?: number[];
  sorted_b?: number[];
  a?: number[];
  b?: number[];
}

const inputs = readJson<RiInputCase[]>("test/oracle/data/ri-input.json");
const oracle = readJson<{ cases: OracleCase[] }>("test/oracle/ri.json").cases;

describe("randomisation inference agrees with lm.fit refits of every assignment (R)", () => {
  it.each(oracle.map((o) => [o.name, o] as const))("%s: estimate, p-values (exactly), interval", (name, o) => {
    const c = inputs.find((i) => i.name === name)!;
    const ri = randomisationInference(inputOf(c));
    expectClose(ri.estimate, o.estimate, 1e-11, "estimate");
    expect(ri.draws).toBe(o.assignments);
    expect(ri.exact).toBe(c.draws === null);
    expect(ri.undefinedAssignments).toBe(0);
    // shares of the same assignments: equal as fractions, so equal as doubles
    expect(ri.pValue).toBe(o.p_two_sided);
    expect(ri.pValueUpper).toBe(o.p_upper);
    expect(ri.pValueLower).toBe(o.p_lower);
    expectClose(ri.confLow, o.conf_low, 1e-8, "conf_low");
    expectClose(ri.confHigh, o.conf_high, 1e-8, "conf_high");
    expect(ri.confSetIsInterval).toBe(o.conf_is_interval);
  });

  it("exact cases: the same multiset of estimates as R's own enumeration, and every assignment keeps its group's count", () => {
    for (const o of oracle.filter((x) => x.sorted_a)) {
      const c = inputs.find((i) => i.name === o.name)!;
      const input = inputOf(c);
      const { scheme, sides } = prepareRandomisationInference(input);
      const arms = enumeratedArms(scheme, sides);
      expect(arms).toHaveLength(o.assignments);
      expect(new Set(arms.map((a) => a.join(""))).size).toBe(o.assignments);
      for (const arm of arms) {
        const treated = new Array<number>(scheme.groups.count).fill(0);
        arm.forEach((t, u) => (treated[scheme.groups.codes[u]] += t));
        expect(treated).toEqual(Array.from(scheme.treatedInGroup));
      }
      const { a, b } = estimatesOf(input, arms);
      const sortedA = [...a].sort((x, y) => x - y);
      const sortedB = [...b].sort((x, y) => x - y);
      sortedA.forEach((v, k) => expectClose(v, o.sorted_a![k], 1e-9, `${o.name} a[${k}]`, 1e-12));
      sortedB.forEach((v, k) => expectClose(v, o.sorted_b![k], 1e-9, `${o.name} b[${k}]`, 1e-12));
    }
  });

  it("Monte Carlo case: trialstat still draws the listed assignments for the seed, and each estimate matches R's refit", () => {
    const o = oracle.find((x) => x.a)!;
    const c = inputs.find((i) => i.name === o.name)!;
    const input = inputOf(c);
    const { scheme, sides, records } = prepareRandomisationInference(input);
    const drawer = new AssignmentDrawer(scheme, sides, records);
    const drawn = drawer.chunkArms(new RandomStreams(c.seed!), 0, c.draws! - 1);
    expect([Array.from(scheme.unitArm), ...drawn.map((d) => Array.from(d))]).toEqual(c.assignments);
    const a = new Float64Array(c.draws! - 1);
    const b = new Float64Array(c.draws! - 1);
    drawer.drawChunk(new RandomStreams(c.seed!), 0, c.draws! - 1, a, b, 0);
    a.forEach((v, k) => expectClose(v, o.a![k + 1], 1e-9, `a[${k + 1}]`, 1e-12));
    b.forEach((v, k) => expectClose(v, o.b![k + 1], 1e-9, `b[${k + 1}]`, 1e-12));
    expect(assignmentScheme(input).groupedBy).toBe("blocks");
  });
});

/** a and b of given unit-level arms, through the drawer's own sums (places rebuilt from each arm). */
function estimatesOf(input: RandomisationInferenceInput, arms: Uint8Array[]): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (const arm of arms) {
    const unitOf = prepareRandomisationInference(input).scheme.unitOfRow;
    const rowArm = Array.from(unitOf, (u) => arm[u]);
    // the observed estimate of a trial whose arm is this assignment is a; with the outcome replaced by the original arm, b
    a.push(prepareRandomisationInference({ ...input, arm: rowArm }).observed);
    b.push(prepareRandomisationInference({ ...input, y: Float64Array.from(input.arm), arm: rowArm }).observed);
  }
  return { a, b };
}
