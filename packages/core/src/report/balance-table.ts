import type { BalanceTable } from "../analysis/balance.js";
import { formatCount, formatFixed, roundTo } from "./decimals.js";
import { CountLedger, type ControlledCounts, SUPPRESSED, disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, type TableRow, num, sectionRow, slug, text } from "./table-model.js";

/**
 * Baseline balance by arm in one population (analysis/balance.ts): for each numeric variable its
 * mean and SD in each arm, for each category of a categorical one its percentage, and the
 * standardised difference (treated − control).
 *
 * Disclosure control covers the counts behind the percentages (each category by arm, with the
 * arm's base and the category's total) and the base row; a mean over fewer people than the
 * threshold is suppressed.
 */
export function balanceTable(b: BalanceTable, settings: ReportSettings, populationLabel: string, labels: Record<string, string> = {}, armLabels = { treated: "Treated", control: "Control" }): ReportTable {
  const { decimals, disclosure } = settings;
  const ledger = new CountLedger();
  const nId = { control: ledger.add(b.n.control), treated: ledger.add(b.n.treated), total: ledger.add(b.n.control + b.n.treated) };
  ledger.line(nId.control, nId.treated, nId.total);
  // the counts of each categorical variable: categories × arms, with the arm bases and category totals
  const ids = new Map<(typeof b.items)[number], { control: number; treated: number }>();
  const bases = new Map<string, { control: number; treated: number }>();
  const byVariable = new Map<string, (typeof b.items)[number][]>();
  for (const item of b.items) if (item.level !== null) byVariable.set(item.variable, [...(byVariable.get(item.variable) ?? []), item]);
  for (const items of byVariable.values()) {
    const base = { control: ledger.add(items[0].control.n), treated: ledger.add(items[0].treated.n) };
    bases.set(items[0].variable, base);
    const all = ledger.add(items[0].control.n + items[0].treated.n);
    ledger.line(base.control, base.treated, all);
    const totals: number[] = [];
    for (const item of items) {
      const e = { control: ledger.add(item.control.count!), treated: ledger.add(item.treated.count!) };
      const total = ledger.add(item.control.count! + item.treated.count!);
      ledger.line(e.control, e.treated, total);
      totals.push(total);
      ids.set(item, e);
    }
    for (const arm of ["control", "treated"] as const) ledger.line(base[arm], ...items.map((i) => ids.get(i)![arm]));
    ledger.line(all, ...totals);
  }
  const shown: ControlledCounts = ledger.control(disclosure);
  const blank = (): TableCell => ({ text: SUPPRESSED, value: null, suppressed: true });
  const fixed = (x: number | null, d: number) => (x === null || Number.isNaN(x) ? num(null, "") : num(roundTo(x, d), formatFixed(x, d)));
  const rows: TableRow[] = [];
  let current: string | null = null;
  for (const item of b.items) {
    const name = labels[item.variable] ?? item.variable;
    if (item.level === null) {
      const small = (n: number) => disclosure !== null && n < disclosure.minCount;
      const arm = (a: "control" | "treated") => (small(item[a].n) ? [blank(), blank()] : [fixed(item[a].mean, decimals.mean), fixed(item[a].sd, decimals.mean)]);
      rows.push({ cells: [text(`${name}, mean (SD)`), ...arm("control"), ...arm("treated"), fixed(item.smd, decimals.smd)] });
      current = null;
      continue;
    }
    if (current !== item.variable) rows.push(sectionRow(`${name}, %`));
    current = item.variable;
    const e = ids.get(item)!;
    const pct = (a: "control" | "treated") => {
      if (shown.suppressed(e[a])) return blank();
      const base = shown.value(bases.get(item.variable)![a]) ?? item[a].n;
      return base ? fixed((100 * shown.value(e[a])!) / base, decimals.percent) : num(null, "");
    };
    const anySuppressed = shown.suppressed(e.control) || shown.suppressed(e.treated);
    rows.push({ cells: [text(`  ${item.level}`), pct("control"), text(""), pct("treated"), text(""), anySuppressed ? blank() : fixed(item.smd, decimals.smd)] });
  }
  const nCell = (k: number): TableCell => (shown.suppressed(k) ? blank() : num(shown.value(k), formatCount(shown.value(k))));
  rows.push({ kind: "base", cells: [text("Base (participants)"), nCell(nId.control), text(""), nCell(nId.treated), text(""), text("")] });
  return {
    id: `balance-${slug(b.population)}`,
    title: `Baseline balance by arm: ${populationLabel}`,
    columns: [
      { header: ["", "Characteristic"] },
      { header: [armLabels.control, "Mean or %"] },
      { header: [armLabels.control, "SD"] },
      { header: [armLabels.treated, "Mean or %"] },
      { header: [armLabels.treated, "SD"] },
      { header: ["", "Std. diff."] },
    ],
    rows,
    notes: [
      "Percentages of those with a value; means and SDs of those with a value. Std. diff.: treated minus control over the pooled SD (for a category, of the two proportions); an absolute value above 0.1 is often read as imbalance.",
      ...(disclosure ? [disclosureNote(disclosure)] : []),
    ],
  };
}
