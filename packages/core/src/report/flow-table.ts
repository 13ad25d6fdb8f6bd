import type { ByArm, Flow } from "../link/flow.js";
import { CountLedger, type ControlledCounts, type DisclosureSettings, SUPPRESSED, disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, num, sectionRow, text } from "./table-model.js";

/**
 * The flow of participants (flow.json) as published counts, under the SAP's disclosure control:
 * every by-arm count with its total, randomised = erased + retained, retained = expected by a
 * survey wave + withdrawn before it, expected = respondents + non-respondents, and each outcome's
 * population = analysed + each exclusion. `flowCounts` serves the flow diagram and `flowTable`.
 */
export type Arm = "treated" | "control" | "total";

export interface FlowCounts {
  text(b: ByArm, arm: Arm): string;
  cell(b: ByArm, arm: Arm): TableCell;
}

export function flowCounts(flow: Flow, disclosure: DisclosureSettings | null): FlowCounts {
  const ledger = new CountLedger();
  const ids = new Map<ByArm, Record<Arm, number>>();
  const add = (b: ByArm): Record<Arm, number> => {
    const have = ids.get(b);
    if (have) return have;
    const e = { treated: ledger.add(b.treated), control: ledger.add(b.control), total: ledger.add(b.total) };
    ledger.line(e.treated, e.control, e.total);
    ids.set(b, e);
    return e;
  };
  const sum = (whole: ByArm, parts: ByArm[]) => {
    const w = add(whole);
    const p = parts.map(add);
    for (const arm of ["treated", "control", "total"] as const) ledger.line(w[arm], ...p.map((x) => x[arm]));
  };
  const minus = (a: ByArm, b: ByArm): ByArm => ({ treated: a.treated - b.treated, control: a.control - b.control, total: a.total - b.total });
  sum(flow.randomised, [flow.erased, flow.retained]);
  add(flow.withdrawn);
  for (const s of Object.values(flow.sources)) {
    add(s.linked);
    if (s.wave) {
      sum(flow.retained, [s.wave.eligible, s.wave.withdrawn_before_due]);
      sum(s.wave.eligible, [s.wave.responded, minus(s.wave.eligible, s.wave.responded)]);
    }
  }
  for (const p of Object.values(flow.populations)) add(p);
  for (const o of flow.outcomes) sum(o.in_population, [o.analysed, o.excluded.not_surveyed, o.excluded.missing_outcome, o.excluded.missing_covariate]);
  const shown: ControlledCounts = ledger.control(disclosure);
  const entry = (b: ByArm, arm: Arm) => add(b)[arm];
  return {
    text: (b, arm) => shown.text(entry(b, arm)),
    cell: (b, arm) => {
      const k = entry(b, arm);
      return shown.suppressed(k) ? { text: SUPPRESSED, value: null, suppressed: true } : num(shown.value(k), shown.text(k));
    },
  };
}

/** The flow as a table: each step's count by arm and in total. */
export function flowTable(flow: Flow, settings: ReportSettings, labels: { populations: Record<string, string>; outcomes: Record<string, string> }): ReportTable {
  const counts = flowCounts(flow, settings.disclosure);
  const row = (name: string, b: ByArm) => ({ cells: [text(name), counts.cell(b, "treated"), counts.cell(b, "control"), counts.cell(b, "total")] });
  const rows = [row("Randomised", flow.randomised), row("Erased at their request", flow.erased), row("Retained (intention to treat)", flow.retained), row("Withdrawn (data before withdrawal kept)", flow.withdrawn)];
  rows.push(sectionRow("Data sources"));
  for (const [name, s] of Object.entries(flow.sources)) {
    rows.push(row(`${name}: linked`, s.linked));
    if (s.wave) rows.push(row(`${name}: expected (due at ${s.wave.due_months} months)`, s.wave.eligible), row(`${name}: withdrawn before due`, s.wave.withdrawn_before_due), row(`${name}: responded`, s.wave.responded));
  }
  rows.push(sectionRow("Analysed"));
  for (const o of flow.outcomes) {
    const what = `${labels.populations[o.population] ?? o.population} / ${labels.outcomes[o.outcome] ?? o.outcome}`;
    rows.push(row(`${what}: in population`, o.in_population), row(`${what}: analysed`, o.analysed));
    const ex = o.excluded;
    if (ex.not_surveyed.total) rows.push(row(`${what}: not surveyed`, ex.not_surveyed));
    if (ex.missing_outcome.total) rows.push(row(`${what}: outcome missing`, ex.missing_outcome));
    if (ex.missing_covariate.total) rows.push(row(`${what}: covariate missing`, ex.missing_covariate));
  }
  return {
    id: "flow",
    title: "Flow of participants",
    columns: [{ header: ["Step"] }, { header: [flow.arms.treated] }, { header: [flow.arms.control] }, { header: ["Total"] }],
    rows,
    notes: [`Arms: ${flow.arms.treated} treated, ${flow.arms.control} control.`, ...(settings.disclosure ? [disclosureNote(settings.disclosure)] : [])],
  };
}
