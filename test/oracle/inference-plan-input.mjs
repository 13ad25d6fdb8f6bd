// Inputs for the oracle of test/sap/mini/inference.yaml (test/oracle/inference-plan.R): the resamples
// of its pairs bootstrap, so that R refits the same ones.
//
//   pnpm run build && node test/oracle/inference-plan-input.mjs   (writes test/oracle/data/inference-plan-input.json)
//   Rscript test/oracle/inference-plan.R                          (writes test/oracle/inference-plan.json)
//
// The plan's bootstrap (earnings12 in population scr, pairs within arms) draws resample b from
// stream ("bootstrap", b) of the seed results.json records for it (boot_seed). The participants
// analysed are listed in the plan's order (their ids, from the analysis frame), with the
// positions each resample draws; R builds the data itself and checks the ids. The resamples are
// inputs (what was drawn), not expected values: R refits each with lm and sandwich's HC2.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomStream, resampleRows, runPlan } from "../../packages/core/dist/index.js";

const dir = "test/sap/mini";
const sapText = `${readFileSync(join(dir, "inference.yaml"), "utf8")}output: { row_level: true }\n`;
const run = runPlan({ sapText, sapFile: "inference.yaml", readFile: (f) => readFileSync(join(dir, f), "utf8") });
const row = run.rows.find((r) => r.population === "scr" && r.outcome === "earnings12" && r.analysis === "itt");
const [header, ...lines] = run.rowLevelCsv.trimEnd().split("\n").map((l) => l.split(","));
const at = (name) => header.indexOf(name);
// scr's members in the frame's order; earnings12 and the covariates (missing ages filled) are known for all
const members = lines.filter((l) => l[at("site")] === "SCR");
const arm = Int32Array.from(members, (l) => (l[at("arm")] === "T" ? 1 : 0));
const resamples = Array.from({ length: row.bootstrap.draws }, (_, b) => Array.from(resampleRows(randomStream(row.bootstrap.seed, "bootstrap", b), arm.length, { codes: arm, count: 2 })));
const input = { bootstrap: { population: "scr", outcome: "earnings12", seed: row.bootstrap.seed, ids: members.map((l) => l[at("key")]), resamples } };
writeFileSync("test/oracle/data/inference-plan-input.json", `${JSON.stringify(input)}\n`);
console.log(`wrote test/oracle/data/inference-plan-input.json: ${resamples.length} resamples of ${arm.length} participants`);
