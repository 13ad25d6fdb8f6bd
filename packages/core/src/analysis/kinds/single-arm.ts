import { inputError, showValue } from "../../errors.js";
import { talkingTherapiesChange, talkingTherapiesSummary } from "../../instruments/talking-therapies.js";
import type { FlowStageSpec, MeasureSpec, OutcomeSpec, Sap } from "../../sap/types.js";
import { measureVariables } from "../../sap/plan-variables.js";
import { pairedChange } from "../../stats/single-arm/paired-change.js";
import { oneSampleTTest } from "../../stats/single-arm/paired-t-test.js";
import { type Spread, spread } from "../../stats/single-arm/spread.js";
import { wilsonInterval } from "../../stats/single-arm/wilson-interval.js";
import type { Interval } from "../effect-row.js";
import { type AnalysisFrame, pick } from "../frame.js";
import { populationMembers } from "../populations.js";
import { bySite, siteGroups } from "../site-groups.js";
import {
  type ChangeRow,
  type CountRow,
  type FlowStageRow,
  type MeanRow,
  type RateRow,
  type SingleArmResults,
  type SpreadSummary,
  TALKING_THERAPIES_MEASURES,
  type TalkingTherapiesRow,
} from "../single-arm-rows.js";
import type { AnalysisContext, AnalysisKind, AnalysisOutput } from "./kind.js";
import { notBinary } from "./outcome-input.js";

/**
 * A single-arm service evaluation (docs/sap.md#evaluation; docs/statistics.md#single-arm-service-evaluations):
 * the plan has `evaluation:` instead of `treatment:`, and this kind runs instead of the ITT. For
 * each population, overall and at each site: the flow's stages counted; each measure's change from
 * start to end (paired t, Wilcoxon signed rank with the Hodges–Lehmann interval, and who had both,
 * the start only, the end only, neither); binary outcomes as rates with Wilson intervals; counts
 * (people with any, total, averages); continuous outcomes as means with t intervals; Talking
 * Therapies reliable improvement and recovery. Returns no effect rows: its typed rows go to
 * results.json's `single_arm` (single-arm-rows.ts).
 */
export const singleArmAnalysis: AnalysisKind = {
  id: "single-arm",
  applies: (sap) => sap.treatment === undefined && sap.evaluation !== undefined,
  run(context: AnalysisContext): AnalysisOutput {
    const { sap, frame } = context;
    const evaluation = sap.evaluation!;
    const levels = context.settings.levels;
    const sites = context.attempt("evaluation.site", () => siteGroups(frame, evaluation.site));
    const measures = evaluation.measures ?? [];
    const results: SingleArmResults = {
      site: evaluation.site ?? null,
      sites: sites?.levels ?? [],
      measures: measures.map((m) => ({ name: m.name, label: m.label ?? m.name, ...(measureVariables(evaluation, m) as { start: string; end: string }) })),
      flow: [],
      changes: [],
      rates: [],
      counts: [],
      means: [],
      talking_therapies: [],
    };
    if (!sites) return { rows: [], outcomeFlows: [], warnings: [], singleArm: results };
    const everyone = Int32Array.from({ length: frame.n }, (_, i) => i);

    const stages = evaluation.flow ?? defaultStages(sap);
    stages.forEach((stage, k) => {
      const members = context.attempt(`evaluation.flow.${k}`, () => (stage.where ? populationMembers(frame, stage, stage.label, `evaluation.flow.${k}`) : everyone));
      if (members) for (const g of bySite(sites, members)) results.flow.push({ stage: k, label: stage.label, site: g.site, n: g.rows.length } satisfies FlowStageRow);
    });

    for (const population of context.populations) {
      const applies = (o: { populations?: string[] }) => !o.populations || o.populations.includes(population.name);
      const groups = bySite(sites, population.members);
      measures.forEach((m, k) => {
        if (!applies(m)) return;
        const rows = context.attempt(`evaluation.measures.${k}`, () => changeRows(frame, evaluation, m, population.name, groups, levels));
        if (rows) results.changes.push(...rows);
      });
      sap.outcomes.forEach((o, k) => {
        if (!applies(o) || population.failedOutcomes.has(k)) return;
        context.attempt(`outcomes.${k}`, () => {
          const y = frame.numeric(o.name, `outcomes: ${o.name}`);
          if (o.type === "binary") results.rates.push(...groups.map((g) => rateRow(frame, o, y, population.name, g, levels)));
          else if (o.type === "count") results.counts.push(...groups.map((g) => countRow(frame, o, y, population.name, g)));
          else results.means.push(...groups.map((g) => meanRow(o, y, population.name, g, levels)));
        });
      });
      const tt = evaluation.talking_therapies;
      if (tt) {
        const phq9 = measures.find((m) => m.name === tt.phq9)!;
        const gad7 = measures.find((m) => m.name === tt.gad7)!;
        if (applies(phq9) && applies(gad7)) {
          const rows = context.attempt("evaluation.talking_therapies", () => talkingTherapiesRows(frame, evaluation, phq9, gad7, population.name, groups, levels));
          if (rows) results.talking_therapies.push(...rows);
        }
      }
    }
    return { rows: [], outcomeFlows: [], warnings: [], singleArm: results };
  },
};

/** Without evaluation.flow: everyone in the participants' source, then each population. */
function defaultStages(sap: Sap): FlowStageSpec[] {
  const source = sap.sources[sap.linkage.randomised];
  return [{ label: source.label ?? `Everyone (${sap.linkage.randomised})` }, ...Object.entries(sap.populations).map(([name, p]) => ({ label: p.label ?? name, where: p.where }))];
}

function summary(s: Spread | null): SpreadSummary | null {
  return s && { mean: s.mean, sd: s.sd, min: s.min, max: s.max };
}

function changeRows(
  frame: AnalysisFrame,
  evaluation: NonNullable<Sap["evaluation"]>,
  measure: MeasureSpec,
  population: string,
  groups: { site: string | null; rows: Int32Array }[],
  levels: readonly number[],
): ChangeRow[] {
  const names = measureVariables(evaluation, measure);
  const start = frame.numeric(names.start!, `evaluation.measures: ${measure.name} (start)`);
  const end = frame.numeric(names.end!, `evaluation.measures: ${measure.name} (end)`);
  return groups.map(({ site, rows }) => {
    const c = pairedChange(pick(start, rows, Float64Array), pick(end, rows, Float64Array), levels);
    return {
      population,
      measure: measure.name,
      site,
      n: c.n,
      both: c.both,
      start_only: c.startOnly,
      end_only: c.endOnly,
      neither: c.neither,
      start: summary(c.start),
      end: summary(c.end),
      change: summary(c.change),
      t: c.t && {
        estimate: c.t.estimate,
        std_error: c.t.stdError,
        statistic: c.t.statistic,
        df: c.t.df,
        p_value: c.t.pValue,
        intervals: c.t.intervals.map((i) => ({ level: i.level, achieved_level: i.achieved, low: i.low, high: i.high })),
      },
      wilcoxon: c.wilcoxon && {
        estimate: c.wilcoxon.estimate,
        statistic: c.wilcoxon.statistic,
        p_value: c.wilcoxon.pValue,
        method: c.wilcoxon.method,
        zeros: c.wilcoxon.zeros,
        intervals: c.wilcoxon.intervals.map((i) => ({ level: i.level, achieved_level: i.achieved, low: i.low, high: i.high })),
      },
      notes: c.notes,
    };
  });
}

/** Wilson intervals at each level; none without a denominator. */
function wilsonIntervals(count: number, denominator: number, levels: readonly number[]): Interval[] {
  if (denominator === 0) return [];
  return levels.map((level) => {
    const w = wilsonInterval(count, denominator, { level });
    return { level, low: w.lower, high: w.upper };
  });
}

function rateRow(frame: AnalysisFrame, outcome: OutcomeSpec, y: Float64Array, population: string, g: { site: string | null; rows: Int32Array }, levels: readonly number[]): RateRow {
  let count = 0;
  let denominator = 0;
  for (const i of g.rows) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    if (v !== 0 && v !== 1) {
      throw notBinary(frame, outcome.name, v, i);
    }
    denominator++;
    count += v;
  }
  return { population, outcome: outcome.name, site: g.site, n: g.rows.length, missing: g.rows.length - denominator, denominator, count, rate: denominator ? count / denominator : null, intervals: wilsonIntervals(count, denominator, levels) };
}

function countRow(frame: AnalysisFrame, outcome: OutcomeSpec, y: Float64Array, population: string, g: { site: string | null; rows: Int32Array }): CountRow {
  let present = 0;
  let withAny = 0;
  let total = 0;
  for (const i of g.rows) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    if (v < 0) {
      throw inputError(`the count ${outcome.name} is ${v} for participant ${showValue(frame.linked.keys[i])}`, { location: { path: `outcomes: ${outcome.name}` }, hint: "a count cannot be negative: check the column, or its missing-value codes" });
    }
    present++;
    total += v;
    if (v >= 1) withAny++;
  }
  const s = spread(pick(y, g.rows, Float64Array));
  return {
    population,
    outcome: outcome.name,
    site: g.site,
    n: g.rows.length,
    missing: g.rows.length - present,
    with_any: withAny,
    total,
    mean_per_person: present ? total / present : null,
    mean_among_any: withAny ? total / withAny : null,
    min: s?.min ?? null,
    max: s?.max ?? null,
  };
}

function meanRow(outcome: OutcomeSpec, y: Float64Array, population: string, g: { site: string | null; rows: Int32Array }, levels: readonly number[]): MeanRow {
  const values = pick(y, g.rows, Float64Array);
  const s = spread(values);
  const varies = s !== null && s.n >= 2 && s.min !== s.max;
  const present = Array.from(values).filter((v) => !Number.isNaN(v));
  const intervals = varies
    ? levels.map((level) => {
        const t = oneSampleTTest(present, { level });
        return { level, low: t.confLow, high: t.confHigh };
      })
    : [];
  return { population, outcome: outcome.name, site: g.site, n: g.rows.length, missing: g.rows.length - (s?.n ?? 0), summary: summary(s), intervals };
}

function talkingTherapiesRows(
  frame: AnalysisFrame,
  evaluation: NonNullable<Sap["evaluation"]>,
  phq9: MeasureSpec,
  gad7: MeasureSpec,
  population: string,
  groups: { site: string | null; rows: Int32Array }[],
  levels: readonly number[],
): TalkingTherapiesRow[] {
  const scores = (measure: MeasureSpec, when: "start" | "end", max: number, instrument: string) => {
    const name = measureVariables(evaluation, measure)[when]!;
    const values = frame.numeric(name, `evaluation.talking_therapies: ${measure.name} (${when})`);
    const bad = values.findIndex((v) => !Number.isNaN(v) && !(v >= 0 && v <= max && Number.isInteger(v)));
    if (bad >= 0) {
      throw inputError(`${name}, the ${instrument} total at the ${when}, is ${values[bad]} for participant ${showValue(frame.linked.keys[bad])}: ${instrument} totals are whole numbers from 0 to ${max}`, {
        location: { path: `evaluation.talking_therapies.${instrument === "PHQ-9" ? "phq9" : "gad7"}` },
        hint: `check that the measure ${measure.name} holds ${instrument} totals`,
      });
    }
    return values;
  };
  const all = {
    phq9Before: scores(phq9, "start", 27, "PHQ-9"),
    gad7Before: scores(gad7, "start", 21, "GAD-7"),
    phq9After: scores(phq9, "end", 27, "PHQ-9"),
    gad7After: scores(gad7, "end", 21, "GAD-7"),
  };
  const rows: TalkingTherapiesRow[] = [];
  for (const g of groups) {
    const change = talkingTherapiesChange({
      phq9Before: pick(all.phq9Before, g.rows, Float64Array),
      gad7Before: pick(all.gad7Before, g.rows, Float64Array),
      phq9After: pick(all.phq9After, g.rows, Float64Array),
      gad7After: pick(all.gad7After, g.rows, Float64Array),
    });
    const summary = talkingTherapiesSummary(change);
    const key = { reliable_improvement: "reliableImprovement", reliable_deterioration: "reliableDeterioration", recovery: "recovery", reliable_recovery: "reliableRecovery" } as const;
    for (const measure of TALKING_THERAPIES_MEASURES) {
      const { count, denominator } = summary[key[measure]];
      rows.push({
        population,
        measure,
        site: g.site,
        n: g.rows.length,
        complete: summary.reliableImprovement.denominator,
        cases_at_start: summary.recovery.denominator,
        denominator,
        count,
        rate: denominator ? count / denominator : null,
        intervals: wilsonIntervals(count, denominator, levels),
      });
    }
  }
  return rows;
}
