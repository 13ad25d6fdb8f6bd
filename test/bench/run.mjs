// `pnpm bench`: every *.suite.mjs in this folder, in name order. A suite exports `title`,
// `columns` and `run()` returning rows; each timed scenario runs in its own process so that the
// peak memory reported is its own. Pass suite names to run only those: pnpm bench fit score
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith(".suite.mjs"))
  .filter((f) => only.length === 0 || only.includes(f.replace(".suite.mjs", "")))
  .sort();

for (const file of suites) {
  const suite = await import(pathToFileURL(`${dir}/${file}`).href);
  const rows = [suite.columns, ...(await suite.run())];
  const widths = suite.columns.map((_, j) => Math.max(...rows.map((r) => String(r[j] ?? "").length)));
  console.log(`\n${suite.title}`);
  for (const r of rows) console.log(r.map((c, j) => (j === 0 ? String(c ?? "").padEnd(widths[j]) : String(c ?? "").padStart(widths[j]))).join("  "));
}
console.log(`\n(${process.version}, ${process.platform}/${process.arch}; R timeout ${process.env.BENCH_R_TIMEOUT ?? 120} s, set BENCH_R_TIMEOUT to change)`);
