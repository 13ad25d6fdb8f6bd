import type { ResponseCounts } from "../analysis/response-counts.js";
import { formatFixed, roundTo } from "./decimals.js";
import { CountLedger, SUPPRESSED, disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, num, text } from "./table-model.js";

/**
 * The response-rate table in the layout of HLT Table 6.2: trial group × arm (T, C) as columns and
 * a total; rows for the participants randomised (and not erased) and, for each survey wave, those
 * it expected, those who responded (the achieved sample) and the response rate (%) — of those
 * expected, so that withdrawals before the wave fell due are not counted as non-response.
 *
 * Disclosure control covers every count, including those a reader could derive: non-respondents
 * (expected − responded) and withdrawals before the wave (randomised − expected); a rate is
 * suppressed with either of its counts and, with rounding, computed from the rounded counts.
 */
export function responseRateTable(r: ResponseCounts, settings: ReportSettings, armLabels: { treated: string; control: string }): ReportTable {
  const K = r.columns.length + 1;
  const ledger = new CountLedger();
  const across = (values: number[]) => {
    const ids = values.map((n) => ledger.add(n));
    ledger.line(...ids);
    return ids;
  };
  const retained = across(r.retained);
  const waves = r.waves.map((w) => {
    const eligible = across(w.eligible);
    const responded = across(w.responded);
    const nonResponse = across(w.eligible.map((e, k) => e - w.responded[k]));
    const withdrawn = across(r.retained.map((n, k) => n - w.eligible[k]));
    for (let k = 0; k < K; k++) {
      ledger.line(eligible[k], responded[k], nonResponse[k]);
      ledger.line(retained[k], eligible[k], withdrawn[k]);
    }
    return { w, eligible, responded };
  });
  const shown = ledger.control(settings.disclosure);
  const count = (k: number): TableCell => (shown.suppressed(k) ? { text: SUPPRESSED, value: null, suppressed: true } : num(shown.value(k), shown.text(k)));
  const rate = (responded: number, eligible: number): TableCell => {
    if (shown.suppressed(responded) || shown.suppressed(eligible)) return { text: SUPPRESSED, value: null, suppressed: true };
    const e = shown.value(eligible)!;
    if (e === 0) return num(null, "");
    const p = (100 * shown.value(responded)!) / e;
    return num(roundTo(p, settings.decimals.rate), formatFixed(p, settings.decimals.rate));
  };
  const rows = [{ cells: [text("Randomised (not erased)"), ...retained.map(count)] }];
  for (const { w, eligible, responded } of waves) {
    const name = `${w.label ?? w.source} (${w.months}-month survey)`;
    rows.push(
      { cells: [text(`${name}: expected`), ...eligible.map(count)] },
      { cells: [text(`${name}: achieved sample`), ...responded.map(count)] },
      { cells: [text(`${name}: response rate (%)`), ...responded.map((k, j) => rate(k, eligible[j]))] },
    );
  }
  const arm = (a: "treated" | "control") => (a === "treated" ? "T" : "C");
  const notes = [
    `T: ${armLabels.treated}; C: ${armLabels.control}. Expected: randomised, not erased and not withdrawn before the wave fell due; response rate: achieved sample as a percentage of those expected.`,
  ];
  if (r.group) notes.push(`Columns: ${r.group}; participants without a value count in the total only.`);
  if (settings.disclosure) notes.push(disclosureNote(settings.disclosure));
  return {
    id: "response-rates",
    title: "Summary of data sets and survey response",
    columns: [
      { header: [...(r.group ? [""] : []), "Data set"] },
      ...r.columns.map((c) => ({ header: [...(r.group ? [c.group ?? ""] : []), arm(c.arm)] })),
      { header: [...(r.group ? ["All"] : []), "Total"] },
    ],
    rows,
    notes,
  };
}
