// One CSV read in its own process: `node test/bench/csv-scenario.mjs <file>` reads the file as
// `trialstat` does (streamed from disk in chunks, decoded, typed into columns) and prints
// {"seconds", "peak_mb", "rows"}; the clock starts after the modules are loaded.
import { readCsvFile } from "../../packages/cli/dist/io.js";
import { peakMb } from "./scenario.mjs";

const file = process.argv[2];
const start = process.hrtime.bigint();
const table = readCsvFile(file);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, peak_mb: peakMb(), rows: table.nRows })}\n`);
