import type { DesignResults, MdesRow } from "../analysis/design-mdes.js";
import type { ResultsDocument } from "../analysis/results.js";
import { type Decimals, formatCount, formatFixed, roundTo } from "./decimals.js";
import { formatEffect } from "./headline.js";
import { type ReportTable, num, text } from "./table-model.js";

/**
 * The minimum detectable effects of a plan's design (analysis/design-mdes.ts) as report tables:
 * `mdesTable`, in the layout of HLT Table 2.1 — populations as rows, outcomes as columns, each cell
 * the MDE in the outcome's reported unit ("4.9ppt", "0.16sd", "£620"), so that it reads beside the
 * impacts: what each trial group could detect — and `mdesDetailTable`, one row per population ×
 * outcome with everything the MDES assumed (sizes, response, design effect, R², control rate and
 * where it came from). Both say whether the sizes are planned or achieved.
 *
 * @example
 * mdesTable(results.design!, results.labels, decimals).rows[0].cells[1].text; // "4.9ppt"
 */
type Labels = ResultsDocument["labels"];

export function mdesTable(design: DesignResults, labels: Labels, decimals: Decimals): ReportTable {
  const outcomes = [...new Set(design.rows.map((r) => r.outcome))];
  const populations = [...new Set(design.rows.map((r) => r.population))];
  const inSd = design.rows.some((r) => r.mde === null);
  return {
    id: "mdes",
    title: `Minimum detectable effects (${design.basis === "planned" ? "planned sizes" : "achieved sample sizes"})`,
    columns: [{ header: [""] }, ...outcomes.map((o) => ({ header: [labels.outcomes[o] ?? o] }))],
    rows: populations.map((p) => ({
      cells: [
        text(labels.populations[p] ?? p),
        ...outcomes.map((o) => {
          const r = design.rows.find((x) => x.population === p && x.outcome === o);
          if (!r) return text("");
          return r.mde === null ? text(`${formatEffect(r.mdes, "sd", decimals)} †`) : text(formatEffect(r.mde, r.unit, decimals));
        }),
      ],
    })),
    notes: [
      `The smallest true effect a ${sidedness(design)} test at the ${percent(design.sig_level)}% level detects with ${percent(design.power)}% power (Bloom's minimum detectable effect, ${design.distribution === "t" ? "t" : "normal"} quantiles), in each outcome's reported unit.`,
      basisNote(design.basis),
      ...controlRateNote(design.rows),
      ...(inSd ? ["† In standard deviations: the plan gives no control rate (binary outcome) or SD (other units) to express it in the outcome's unit."] : []),
    ],
  };
}

export function mdesDetailTable(design: DesignResults, labels: Labels, decimals: Decimals, options: { controlCounts?: boolean } = {}): ReportTable {
  const cluster = design.rows.some((r) => r.design === "cluster");
  // under disclosure control of results (output.disclosure.results), the n analysed by arm are the
  // results tables' to release or suppress: they are left out here rather than shown unsuppressed
  const counts = !(options.controlCounts && design.basis === "achieved");
  const fractional = design.basis === "planned" && design.rows.some((r) => !Number.isInteger(r.n_treated) || !Number.isInteger(r.n_control));
  const dp = (x: number | null, places: number) => num(x === null ? null : roundTo(x, places), x === null ? "" : formatFixed(x, places));
  return {
    id: "mdes-detail",
    title: `Minimum detectable effects: assumptions by population and outcome (${design.basis === "planned" ? "planned sizes" : "achieved sample sizes"})`,
    columns: [
      { header: ["Population"], align: "left" },
      { header: ["Outcome"], align: "left" },
      ...(counts ? [{ header: ["n", "treated"] }, { header: ["n", "control"] }] : []),
      ...(cluster ? [{ header: ["Clusters"] }, { header: ["Cluster size"] }, { header: ["ICC"] }] : []),
      { header: ["Response rate"] },
      { header: ["Design effect"] },
      { header: ["R²"] },
      { header: ["MDES (sd)"] },
      { header: ["MDE"] },
      { header: ["Control rate or SD"] },
    ],
    rows: design.rows.map((r) => ({
      cells: [
        text(labels.populations[r.population] ?? r.population),
        text(labels.outcomes[r.outcome] ?? r.outcome),
        ...(counts ? armCounts(r).map((n) => num(n, formatCount(n))) : []),
        ...(cluster ? [dp(r.clusters, 0), dp(r.cluster_size, 1), dp(r.icc, 3)] : []),
        dp(r.response_rate, 2),
        dp(r.design_effect, 2),
        dp(r.r2, 2),
        dp(r.mdes, 3),
        text(r.mde === null ? "" : formatEffect(r.mde, r.unit, decimals)),
        text(baseline(r, decimals)),
      ],
    })),
    notes: [
      basisNote(design.basis),
      counts
        ? `n: people randomised (planned) or analysed (achieved); a planned survey outcome's n is multiplied by its response rate.${fractional ? " A planned n split by the allocation is rounded to whole people so that the arms add up to the rounded total (the MDES uses the split unrounded)." : ""} Design effect: of the non-response weights (from the plan, or the weights the run built).`
        : "The numbers analysed in each arm are in the results tables, under disclosure control. Design effect: of the non-response weights the run built.",
      ...controlRateNote(design.rows),
    ],
  };
}

/**
 * The arms' numbers in whole people, adding up to the rounded total: a planned n of 3 split 1:1 is
 * 1.5 and 1.5, shown as 2 and 1 (each rounded alone they would be 2 and 2, which add up to 4).
 */
export function armCounts(r: Pick<MdesRow, "n_treated" | "n_control">): [number, number] {
  const treated = Math.round(r.n_treated);
  return [treated, Math.round(r.n_treated + r.n_control) - treated];
}

function baseline(r: MdesRow, decimals: Decimals): string {
  if (r.control_rate !== null) return `${formatFixed(r.control_rate * 100, decimals.ppt)}% (${r.control_rate_source})`;
  if (r.sd !== null) return `SD ${formatFixed(r.sd, decimals.mean)} (${r.sd_source})`;
  return "";
}

function basisNote(basis: DesignResults["basis"]): string {
  return basis === "planned"
    ? "Basis: the sizes the plan states (design: section), its allocation, expected response rates and design effects."
    : "Basis: the sample sizes this run achieved — people analysed in each arm, the clusters counted, the design effect of the weights built — with the plan's R², ICC and covariates.";
}

function controlRateNote(rows: readonly MdesRow[]): string[] {
  const sources = new Set(rows.filter((r) => r.control_rate !== null).map((r) => r.control_rate_source));
  if (sources.size === 0) return [];
  const said = [...sources].map((s) => (s === "plan" ? "the control rate the plan states" : "the control rate this run observed")).join(" or ");
  return [`Binary outcomes: the MDE in percentage points is at ${said} (see the assumptions table).`];
}

function sidedness(design: DesignResults): string {
  return design.alternative === "two.sided" ? "two-sided" : "one-sided";
}

function percent(x: number): string {
  return String(Number((x * 100).toPrecision(6)));
}
