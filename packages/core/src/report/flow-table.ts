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

/**
 * The flow as tables, for the report's annex: `flowTable`, each step's count by arm and in total —
 * randomised, erased, retained, withdrawn, then each data source (linked; a survey's expected,
 * withdrawn before due and responded); `analysedTable`, one row per population and outcome: in the
 * population, each reason for exclusion, and analysed, by arm.
 */
export function flowTable(flow: Flow, settings: ReportSettings, labels: FlowLabels): ReportTable {
  const counts = flowCounts(flow, settings.disclosure);
  const row = (name: string, b: ByArm) => ({ cells: [text(name), counts.cell(b, "treated"), counts.cell(b, "control"), counts.cell(b, "total")] });
  const rows = [
    sectionRow("Participants"),
    row("Randomised", flow.randomised),
    row("Erased at their request", flow.erased),
    row("Retained (intention to treat)", flow.retained),
    row("Withdrawn (data before withdrawal kept)", flow.withdrawn),
  ];
  rows.push(sectionRow("Data sources"));
  for (const [name, s] of Object.entries(flow.sources)) {
    const source = labels.source?.(name) ?? name;
    rows.push(row(`${source}: linked`, s.linked));
    if (s.wave) rows.push(row(`${source}: expected (due at ${s.wave.due_months} months)`, s.wave.eligible), row(`${source}: withdrawn before due`, s.wave.withdrawn_before_due), row(`${source}: responded`, s.wave.responded));
  }
  const arm = (a: "treated" | "control") => labels.arm?.(a) ?? flow.arms[a];
  return {
    id: "flow",
    title: "Flow of participants: randomisation and data sources",
    columns: [{ header: ["Step"] }, { header: [arm("treated")] }, { header: [arm("control")] }, { header: ["Total"] }],
    rows,
    notes: [`Arms: ${arm("treated")} (${flow.arms.treated}) treated, ${arm("control")} (${flow.arms.control}) control.`, ...(settings.disclosure ? [disclosureNote(settings.disclosure)] : [])],
    sectionColumn: "Stage",
  };
}

export interface FlowLabels {
  populations: Record<string, string>;
  outcomes: Record<string, string>;
  arm?: (arm: "treated" | "control") => string;
  source?: (name: string) => string;
}

export function analysedTable(flow: Flow, settings: ReportSettings, labels: FlowLabels): ReportTable {
  const counts = flowCounts(flow, settings.disclosure);
  const arm = (a: "treated" | "control") => labels.arm?.(a) ?? flow.arms[a];
  const steps = [
    ["In population", (o: Flow["outcomes"][number]) => o.in_population],
    ["Not surveyed", (o: Flow["outcomes"][number]) => o.excluded.not_surveyed],
    ["Outcome missing", (o: Flow["outcomes"][number]) => o.excluded.missing_outcome],
    ["Covariate missing", (o: Flow["outcomes"][number]) => o.excluded.missing_covariate],
    ["Analysed", (o: Flow["outcomes"][number]) => o.analysed],
  ] as const;
  const rows = [];
  let population: string | null = null;
  for (const o of flow.outcomes) {
    if (o.population !== population) {
      population = o.population;
      rows.push(sectionRow(labels.populations[o.population] ?? o.population));
    }
    rows.push({ cells: [text(labels.outcomes[o.outcome] ?? o.outcome), ...steps.flatMap(([, get]) => [counts.cell(get(o), "treated"), counts.cell(get(o), "control")])] });
  }
  return {
    id: "flow-analysed",
    title: "Flow of participants: analysed and excluded, by population and outcome",
    columns: [{ header: ["", "Outcome"] }, ...steps.flatMap(([name]) => [{ header: [name, arm("treated")] }, { header: [name, arm("control")] }])],
    rows,
    notes: [
      "In population = not surveyed + outcome missing + covariate missing + analysed, in each arm. Not surveyed: a survey outcome of someone who did not respond to (or was not due) the survey.",
      ...(settings.disclosure ? [disclosureNote(settings.disclosure)] : []),
    ],
    sectionColumn: "Population",
  };
}
