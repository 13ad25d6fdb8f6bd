import { levelKey } from "../analysis/effect-row.js";
import { type SingleArmResults, type TalkingTherapiesMeasure } from "../analysis/single-arm-rows.js";
import { disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { fixedCell } from "./result-cells.js";
import { intervalCell, siteLabel } from "./single-arm-cells.js";
import { SiteLedger } from "./site-ledger.js";
import { type ReportTable, type TableCell, type TableRow, sectionRow, slug, text } from "./table-model.js";

/**
 * The counting tables of a single-arm evaluation, sites as rows and the total last, as in the
 * IPS-in-IAPT pilot's report:
 *
 * - `flowBySiteTable`: the stages of referral, participation and outcome (Tables 1–2: referrals,
 *   declined, participants, consented to the evaluation);
 * - `rateTable`: binary outcomes (a paid job: Table 5) as a percentage of those with the outcome
 *   recorded, with the Wilson interval, and those with it missing counted;
 * - `countTable`: count outcomes (appointments, applications, interviews, job outcomes: Tables 3–5):
 *   people with at least one, the total, the average per person and among those with any;
 * - `meanTable`: continuous outcomes measured once: mean, SD, range, t interval;
 * - `talkingTherapiesTable`: NHS Talking Therapies reliable improvement, reliable deterioration,
 *   recovery and reliable recovery with Wilson intervals, each over its own denominator.
 *
 * Each table with several outcomes has a section per outcome. Disclosure control (site-ledger.ts)
 * covers every count, and what is computed from a suppressed count is suppressed with it.
 */
type Population = { name: string; label: string };

function withDisclosure(notes: string[], settings: ReportSettings): string[] {
  return settings.disclosure ? [...notes, disclosureNote(settings.disclosure)] : notes;
}

const SITE_COLUMN = { header: ["Site"] };

export function flowBySiteTable(results: SingleArmResults, settings: ReportSettings): ReportTable {
  const stages = [...new Map(results.flow.map((r) => [r.stage, r.label])).entries()];
  const groups = [...results.sites, null];
  const ledger = new SiteLedger();
  const ids = stages.map(([stage]) => ledger.column(groups.map((site) => results.flow.find((r) => r.stage === stage && r.site === site)?.n ?? 0)));
  const shown = ledger.control(settings.disclosure);
  return {
    id: "flow-by-site",
    title: `Referral, participation and outcome${results.site ? ` by ${results.site}` : ""}`,
    columns: [SITE_COLUMN, ...stages.map(([, label]) => ({ header: [label] }))],
    rows: groups.map((site, k) => ({ cells: [text(siteLabel(site)), ...ids.map((column) => shown.count(column[k]))] })),
    notes: withDisclosure(["Each column counts the people at that stage of the evaluation's flow (evaluation.flow in the plan), at each site and in total."], settings),
  };
}

/**
 * The body of a table with a section per outcome (or measure), in order of first appearance, each
 * from its own rows (a row per site and the total); without a section row when there is only one
 * and `sections` is not forced.
 */
function sectioned<R>(rows: readonly R[], keyOf: (r: R) => string, label: (key: string) => string, cellsOf: (these: R[]) => TableCell[][], sections = false): { body: TableRow[]; keys: string[] } {
  const keys = [...new Set(rows.map(keyOf))];
  const body: TableRow[] = [];
  for (const key of keys) {
    if (sections || keys.length > 1) body.push(sectionRow(label(key)));
    for (const cells of cellsOf(rows.filter((r) => keyOf(r) === key))) body.push({ cells });
  }
  return { body, keys };
}

/** A table's title: its one outcome's label, else the general word. */
function titleOf(keys: readonly string[], labels: Record<string, string>, general: string): string {
  return keys.length === 1 ? (labels[keys[0]] ?? keys[0]) : general;
}

/** People at each site, split into those without and with the value recorded (ids into the ledger). */
function recorded(ledger: SiteLedger, rows: readonly { n: number; missing: number }[]): { n: number[]; missing: number[]; present: number[] } {
  const n = ledger.column(rows.map((r) => r.n));
  const [missing, present] = ledger.parts(n, [rows.map((r) => r.missing), rows.map((r) => r.n - r.missing)]);
  return { n, missing, present };
}

export function rateTable(results: SingleArmResults, population: Population, labels: Record<string, string>, settings: ReportSettings, level: number): ReportTable {
  const { body, keys } = sectioned(
    results.rates.filter((r) => r.population === population.name),
    (r) => r.outcome,
    (o) => labels[o] ?? o,
    (these) => {
      const ledger = new SiteLedger();
      const { n, missing, present } = recorded(ledger, these);
      const [count] = ledger.parts(present, [these.map((r) => r.count), these.map((r) => r.denominator - r.count)]);
      const shown = ledger.control(settings.disclosure);
      return these.map((r, k) => [
        text(siteLabel(r.site)),
        shown.count(n[k]),
        shown.count(missing[k]),
        shown.count(present[k]),
        shown.count(count[k]),
        shown.percent(count[k], present[k], settings.decimals.rate),
        shown.derived([count[k], present[k]], () => intervalCell(r.intervals, level, settings.decimals.rate, 100)),
      ]);
    },
  );
  return {
    id: `rates-${slug(population.name)}`,
    title: `${titleOf(keys, labels, "Outcomes")} by site, ${population.label}`,
    columns: [SITE_COLUMN, { header: ["People"] }, { header: ["Not recorded"] }, { header: ["Recorded"] }, { header: ["With the outcome"] }, { header: ["%"] }, { header: [`${levelKey(level)}% CI (Wilson)`] }],
    rows: body,
    notes: withDisclosure(["%: of those with the outcome recorded. Wilson score interval (R's prop.test(x, n, correct = FALSE)), which stays within 0–100% for small sites."], settings),
  };
}

export function countTable(results: SingleArmResults, population: Population, labels: Record<string, string>, settings: ReportSettings): ReportTable {
  const d = settings.decimals.mean;
  const { body, keys } = sectioned(
    results.counts.filter((r) => r.population === population.name),
    (r) => r.outcome,
    (o) => labels[o] ?? o,
    (these) => {
      const ledger = new SiteLedger();
      const { n, missing, present } = recorded(ledger, these);
      const [withAny] = ledger.parts(present, [these.map((r) => r.with_any), these.map((r) => r.n - r.missing - r.with_any)]);
      const total = ledger.column(these.map((r) => r.total));
      const shown = ledger.control(settings.disclosure);
      return these.map((r, k) => [
        text(siteLabel(r.site)),
        shown.count(n[k]),
        shown.count(missing[k]),
        shown.count(withAny[k]),
        shown.derived([present[k]], () => shown.count(total[k])),
        shown.derived([present[k]], () => fixedCell(r.mean_per_person, d)),
        shown.derived([withAny[k]], () => fixedCell(r.mean_among_any, d)),
        shown.derived([present[k]], () => text(r.min === null ? "" : `${r.min}–${r.max}`)),
      ]);
    },
  );
  return {
    id: `counts-${slug(population.name)}`,
    title: `${titleOf(keys, labels, "Counts")} by site, ${population.label}`,
    columns: [
      SITE_COLUMN,
      { header: ["People"] },
      { header: ["Not recorded"] },
      { header: ["With at least one"] },
      { header: ["Total"] },
      { header: ["Average per person"] },
      { header: ["Average among those with any"] },
      { header: ["Range"] },
    ],
    rows: body,
    notes: withDisclosure(["Average per person: the total over everyone with the count recorded; among those with any: over those with at least one (the pilot's Table 4 averages)."], settings),
  };
}

export function meanTable(results: SingleArmResults, population: Population, labels: Record<string, string>, settings: ReportSettings, level: number): ReportTable {
  const d = settings.decimals.mean;
  const { body, keys } = sectioned(
    results.means.filter((r) => r.population === population.name),
    (r) => r.outcome,
    (o) => labels[o] ?? o,
    (these) => {
      const ledger = new SiteLedger();
      const { n, missing, present } = recorded(ledger, these);
      const shown = ledger.control(settings.disclosure);
      return these.map((r, k) => [
        text(siteLabel(r.site)),
        shown.count(n[k]),
        shown.count(missing[k]),
        shown.derived([present[k]], () => fixedCell(r.summary?.mean, d)),
        shown.derived([present[k]], () => fixedCell(r.summary?.sd, d)),
        shown.derived([present[k]], () => text(r.summary ? `${r.summary.min}–${r.summary.max}` : "")),
        shown.derived([present[k]], () => intervalCell(r.intervals, level, d)),
      ]);
    },
  );
  return {
    id: `means-${slug(population.name)}`,
    title: `${titleOf(keys, labels, "Outcomes")} by site, ${population.label}`,
    columns: [SITE_COLUMN, { header: ["People"] }, { header: ["Not recorded"] }, { header: ["Mean"] }, { header: ["SD"] }, { header: ["Range"] }, { header: [`${levelKey(level)}% CI (t)`] }],
    rows: body,
    notes: withDisclosure(["Among those with the outcome recorded; t interval for the mean (R's t.test(x))."], settings),
  };
}

const TT_LABELS: Record<TalkingTherapiesMeasure, string> = {
  reliable_improvement: "Reliable improvement",
  reliable_deterioration: "Reliable deterioration",
  recovery: "Recovery",
  reliable_recovery: "Reliable recovery",
};

export function talkingTherapiesTable(results: SingleArmResults, population: Population, settings: ReportSettings, level: number): ReportTable {
  const { body } = sectioned(
    results.talking_therapies.filter((r) => r.population === population.name),
    (r) => r.measure,
    (m) => TT_LABELS[m as TalkingTherapiesMeasure],
    (these) => {
      const ledger = new SiteLedger();
      const n = ledger.column(these.map((r) => r.n));
      const [denominator] = ledger.parts(n, [these.map((r) => r.denominator), these.map((r) => r.n - r.denominator)]);
      const [count] = ledger.parts(denominator, [these.map((r) => r.count), these.map((r) => r.denominator - r.count)]);
      const shown = ledger.control(settings.disclosure);
      return these.map((r, k) => [
        text(siteLabel(r.site)),
        shown.count(n[k]),
        shown.count(denominator[k]),
        shown.count(count[k]),
        shown.percent(count[k], denominator[k], settings.decimals.rate),
        shown.derived([count[k], denominator[k]], () => intervalCell(r.intervals, level, settings.decimals.rate, 100)),
      ]);
    },
    true,
  );
  return {
    id: `talking-therapies-${slug(population.name)}`,
    title: `NHS Talking Therapies reliable change and recovery by site, ${population.label}`,
    columns: [SITE_COLUMN, { header: ["People"] }, { header: ["Denominator"] }, { header: ["Count"] }, { header: ["%"] }, { header: [`${levelKey(level)}% CI (Wilson)`] }],
    rows: body,
    notes: withDisclosure(
      [
        "NHS Talking Therapies definitions: a case is PHQ-9 ≥ 10 or GAD-7 ≥ 8; a reliable change is 6 points or more on the PHQ-9, 4 or more on the GAD-7. Reliable improvement (deterioration): a reliable fall (rise) on one measure and no reliable rise (fall) on the other. Recovery: a case at the start and not at the end; reliable recovery: recovery and reliable improvement.",
        "Denominator: people with both measures at both the start and the end; for recovery and reliable recovery, those of them who were a case at the start. Wilson score intervals (prop.test(x, n, correct = FALSE)).",
      ],
      settings,
    ),
  };
}
