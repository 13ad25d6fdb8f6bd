// Properties every scorer must have, on random responses and random missing-item rules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { likertInstrument } from "./likert.js";
import { getInstrument, listInstruments } from "./registry.js";
import { scoreItems } from "./score.js";
import type { InstrumentDefinition, MissingRule } from "./types.js";
import { ENGLAND_2018 } from "./value-sets.js";

const RUNS = { numRuns: 300 };

/** Random respondents for an instrument: each item a value in its range (whole unless continuous) or null. */
function respondents(def: InstrumentDefinition, missingRate = 0.2) {
  const items = def.items.map((item) =>
    fc.oneof(
      { weight: Math.round(missingRate * 100), arbitrary: fc.constant(null) },
      { weight: Math.round((1 - missingRate) * 100), arbitrary: item.integer ? fc.integer({ min: item.range[0], max: item.range[1] }) : fc.double({ min: item.range[0], max: item.range[1], noNaN: true }) },
    ),
  );
  return fc.array(fc.tuple(...items), { minLength: 1, maxLength: 20 });
}

/** A legal change to the missing-item rule of a summed instrument. */
function ruleFor(def: InstrumentDefinition): fc.Arbitrary<Partial<MissingRule> | undefined> {
  const k = def.items.filter((i) => i.scored).length;
  if (!def.missingRule || def.id === "eq5d5l") return fc.constant(undefined);
  const rounds = def.id === "swemwbs" ? fc.constant<"half-up">("half-up") : fc.constantFrom<"half-up" | "none">("half-up", "none");
  return fc.option(fc.record({ maxMissing: fc.integer({ min: 0, max: k - 1 }), round: rounds }), { nil: undefined });
}

function scaleRange(def: InstrumentDefinition, name: string): readonly [number, number] {
  if (def.id === "eq5d5l" && name === "score") return [Math.min(...ENGLAND_2018.values), 1];
  return def.scales.find((s) => s.name === name)!.range;
}

describe("every instrument", () => {
  it.each(listInstruments().map((d) => [d.id]))("%s: every scale stays within its range; answered and prorated agree with the rule", (id) => {
    const def = getInstrument(id);
    const k = def.items.filter((i) => i.scored).length;
    fc.assert(
      fc.property(respondents(def), ruleFor(def), (rows, change) => {
        const r = scoreItems(def, rows, { missingRule: change });
        for (const [name, values] of Object.entries({ ...(r.score ? { score: r.score } : {}), ...r.extra })) {
          const [lo, hi] = scaleRange(def, name);
          for (const v of values) if (!Number.isNaN(v)) expect(v >= lo - 1e-12 && v <= hi + 1e-12, `${id} ${name} = ${v} outside ${lo}-${hi}`).toBe(true);
        }
        rows.forEach((row, i) => {
          const answered = def.items.filter((item, j) => item.scored && row[j] !== null).length;
          expect(r.answered[i]).toBe(answered);
          if (!r.score || !r.missingRule) return;
          const scored = answered === k || (answered > 0 && k - answered <= r.missingRule.maxMissing);
          expect(Number.isNaN(r.score[i])).toBe(!scored);
          expect(r.prorated[i]).toBe(scored && answered < k ? 1 : 0);
          if (r.band) expect(r.band[i] === null).toBe(!scored);
        });
      }),
      RUNS,
    );
  });
});

describe("symptom scores", () => {
  it.each([["phq9"], ["phq8"], ["gad7"]])("%s: more symptoms never lower the score, with or without prorating", (id) => {
    const def = getInstrument(id);
    const k = def.items.filter((i) => i.scored).length;
    fc.assert(
      fc.property(respondents(def, 0.15), ruleFor(def), fc.nat(), (rows, change, pick) => {
        const row = rows[0];
        const answered = row.map((v, j) => (j < k && v !== null && (v as number) < 3 ? j : -1)).filter((j) => j >= 0);
        if (answered.length === 0) return;
        const j = answered[pick % answered.length];
        const worse = row.map((v, m) => (m === j ? (v as number) + 1 : v));
        const [before, after] = scoreItems(def, [row, worse], { missingRule: change }).score!;
        if (!Number.isNaN(before)) expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it("EQ-5D-5L (England 2018): a worse level on any dimension never raises the index", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }), fc.integer({ min: 0, max: 4 }), (state, d) => {
        if (state[d] === 5) return;
        const worse = state.map((v, m) => (m === d ? v + 1 : v));
        const [a, b] = scoreItems("eq5d5l", [state, worse]).score!;
        expect(b).toBeLessThan(a);
      }),
      RUNS,
    );
  });
});

describe("prorating", () => {
  const spec = fc.record({
    k: fc.integer({ min: 2, max: 30 }),
    lo: fc.integer({ min: -3, max: 2 }),
    width: fc.integer({ min: 1, max: 9 }),
    round: fc.constantFrom<"half-up" | "none">("half-up", "none"),
  });

  it("never exceeds the maximum (or falls below the minimum), and rounds the exact mean × k half up", () => {
    const cases = spec.chain((s) =>
      fc.tuple(fc.constant(s), fc.array(fc.option(fc.integer({ min: s.lo, max: s.lo + s.width }), { nil: null }), { minLength: s.k, maxLength: s.k })),
    );
    fc.assert(
      fc.property(cases, ([{ k, lo, width, round }, row]) => {
        const hi = lo + width;
        const scale = likertInstrument({ id: "p", items: k, range: [lo, hi], aggregate: "sum", minAnswered: 1, round });
        const values = row.filter((v): v is number => v !== null);
        const sum = values.reduce((a, b) => a + b, 0);
        const a = values.length;
        const score = scoreItems(scale, [row]).score![0];
        if (a === 0) {
          expect(score).toBeNaN();
          return;
        }
        expect(score).toBeLessThanOrEqual(k * hi);
        expect(score).toBeGreaterThanOrEqual(k * lo);
        if (a === k) expect(score).toBe(sum);
        else if (round === "none") expect(score).toBe((sum * k) / a);
        else {
          // exact: score − sum·k/a lies in (−1/2, 1/2], compared in whole numbers
          const twice = 2 * score * a - 2 * sum * k;
          expect(twice > -a && twice <= a).toBe(true);
          expect(Number.isInteger(score)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("gives exactly the maximum when every answered item is at the maximum", () => {
    fc.assert(
      fc.property(fc.constantFrom("phq9", "phq8", "gad7", "gse"), fc.nat(), (id, seed) => {
        const def = getInstrument(id);
        const k = def.items.filter((i) => i.scored).length;
        const missing = 1 + (seed % def.missingRule!.maxMissing);
        const row = Array.from({ length: k }, (_, j) => (j < missing ? null : def.items[j].range[1]));
        expect(scoreItems(def, [row]).score![0]).toBe(def.scales[0].range[1]);
      }),
      RUNS,
    );
  });
});
