#!/usr/bin/env node
// Planted versus estimated: the true effects the generator planted (data/truth.json) beside the
// effects trialstat estimated (out/results.json), with the 95% interval and whether it covers the
// planted effect.
//
//   node examples/hlt/compare.mjs [--results examples/hlt/out/results.json] [--truth examples/hlt/data/truth.json] [--all]
//
// Without --all, only the primary outcomes; with it, every outcome of the SAP.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Rows of planted vs estimated for each population × outcome overall effect in the results. */
export function comparison(results, truth) {
  const rows = [];
  for (const r of results.rows) {
    if (r.subgroup !== null) continue;
    const t = truth.effects[r.population]?.[r.outcome];
    if (!t) continue;
    const se = r.effect_std_error;
    rows.push({
      population: r.population,
      outcome: r.outcome,
      role: r.role,
      unit: r.effect_unit,
      planted: t.effect,
      estimate: r.effect,
      se,
      low: r.effect_conf_low_95,
      high: r.effect_conf_high_95,
      covered: r.effect_conf_low_95 <= t.effect && t.effect <= r.effect_conf_high_95,
      z: (r.effect - t.effect) / se,
    });
  }
  return rows;
}

/** A value in its unit, as the headline table shows it (a true minus before any currency sign). */
function format(v, unit) {
  const sign = v < 0 && Math.abs(v) >= (unit === "ppt" ? 0.05 : unit === "GBP" ? 0.5 : 0.005) ? "−" : "";
  const a = Math.abs(v);
  if (unit === "ppt") return `${sign}${a.toFixed(1)}ppt`;
  if (unit === "sd") return `${sign}${a.toFixed(2)}sd`;
  if (unit === "GBP") return `${sign}£${Math.round(a).toLocaleString("en-GB")}`;
  return `${sign}${a.toFixed(2)}`;
}

/** The comparison as an aligned table (population and outcome labels from the results). */
export function comparisonText(rows, labels = { populations: {}, outcomes: {} }) {
  const table = [["population", "outcome", "planted", "estimated", "95% interval", "covers", "difference/SE"]];
  for (const r of rows) {
    const interval = `${format(r.low, r.unit)} to ${format(r.high, r.unit)}`;
    table.push([labels.populations[r.population] ?? r.population, labels.outcomes[r.outcome] ?? r.outcome, format(r.planted, r.unit), format(r.estimate, r.unit), interval, r.covered ? "yes" : "no", r.z.toFixed(2).replace("-", "−")]);
  }
  const widths = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
  const lines = table.map((r) => r.map((c, j) => (j < 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  "));
  const covered = rows.filter((r) => r.covered).length;
  return `${lines.join("\n")}\n${covered} of ${rows.length} 95% intervals cover the planted effect.\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const results = JSON.parse(readFileSync(option("--results", join(here, "out/results.json")), "utf8"));
  const truth = JSON.parse(readFileSync(option("--truth", join(here, "data/truth.json")), "utf8"));
  const rows = comparison(results, truth).filter((r) => args.includes("--all") || r.role === "primary");
  process.stdout.write(comparisonText(rows, results.labels));
}
