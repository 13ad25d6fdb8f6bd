// Writes a large linked data set for the streaming benchmark: `participants` randomised recruits
// and 25 monthly tax records each (~100 bytes a record), plus a SAP that links and derives from it.
//   node test/bench/large-extract.mjs <dir> <participants>
import { mkdirSync, openSync, writeSync, closeSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomStream, uniformSource } from "../../packages/core/dist/index.js";

export function writeLargeExtract(dir, participants) {
  mkdirSync(join(dir, "data"), { recursive: true });
  const rand = uniformSource(randomStream(1, "bench-large-extract"));
  const baseline = ["id,randomised_on,arm,age,female"];
  const start = Date.UTC(2019, 0, 1);
  const months = [];
  for (let p = 0; p < participants; p++) {
    const day = new Date(start + Math.floor(rand() * 700) * 86400000);
    months.push([day.getUTCFullYear(), day.getUTCMonth()]);
    baseline.push(`P${String(p).padStart(7, "0")},${day.toISOString().slice(0, 10)},${p % 2 ? "T" : "C"},${18 + Math.floor(rand() * 47)},${rand() < 0.5 ? 1 : 0}`);
  }
  writeFileSync(join(dir, "data/baseline.csv"), `${baseline.join("\n")}\n`);
  const fd = openSync(join(dir, "data/tax_monthly.csv"), "w");
  writeSync(fd, "id,month,employer_ref,paye_scheme,earnings,weeks_in_work,hours,tax_code,pay_frequency,benefit,occupation,region\n");
  const occupations = ["Care worker", "Retail assistant", "Warehouse operative", "Administrator", "Cleaner", "Chef", "Driver", "Teaching assistant"];
  const regions = ["Sheffield City Region", "West Midlands", "Yorkshire and Humber", "North West"];
  let buffer = [];
  for (let p = 0; p < participants; p++) {
    const id = `P${String(p).padStart(7, "0")}`;
    const [y, m] = months[p];
    const employed = rand() < 0.3 + (p % 2) * 0.05;
    for (let k = 0; k < 25; k++) {
      const total = y * 12 + m + k;
      const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
      const working = employed && rand() < 0.8;
      const earnings = working ? (800 + rand() * 1600).toFixed(2) : "0.00";
      buffer.push(`${id},${month},EMP${String(Math.floor(rand() * 1e6)).padStart(6, "0")},${120 + Math.floor(rand() * 800)}/PA${Math.floor(rand() * 99999)},${earnings},${working ? 4 : 0},${working ? (16 + rand() * 24).toFixed(1) : "0.0"},1257L,monthly,${working ? "none" : "UC"},${occupations[Math.floor(rand() * occupations.length)]},${regions[Math.floor(rand() * regions.length)]}`);
      if (buffer.length === 100000) {
        writeSync(fd, `${buffer.join("\n")}\n`);
        buffer = [];
      }
    }
  }
  if (buffer.length) writeSync(fd, `${buffer.join("\n")}\n`);
  closeSync(fd);
  writeFileSync(
    join(dir, "sap.yaml"),
    `trialstat: 1
title: Streaming benchmark
registration: { id: BENCH, sap_version: "1", date: "2024-01-01" }
sources:
  baseline:
    file: data/baseline.csv
    key: id
    columns: { randomised_on: { type: date }, arm: { type: string, values: [T, C] } }
  tax:
    file: data/tax_monthly.csv
    key: id
    shape: long
    columns: { month: { type: date, format: YYYY-MM }, earnings: { type: number }, weeks_in_work: { type: number } }
linkage: { randomised: baseline, randomisation_date: randomised_on }
treatment: { column: arm, treated: T, control: C }
derive:
  earnings12: { from: tax, date: month, window: { months: 12 }, sum: earnings }
  employed13w: { from: tax, date: month, window: { months: 12 }, sum: weeks_in_work, at_least: 13 }
  months_on_uc12: { from: tax, date: month, window: { months: 12 }, count: { column: benefit, equals: UC } }
populations:
  all: {}
outcomes:
  - { name: employed13w, role: primary, type: binary, report: ppt }
  - { name: earnings12, role: primary, type: continuous, report: currency, currency: GBP }
  - { name: months_on_uc12, role: secondary, type: count, report: raw }
covariates: { variables: [age, female] }
`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeLargeExtract(process.argv[2], Number(process.argv[3]));
