// One CSV read in its own process:
//   node test/bench/csv-scenario.mjs <file>         reads the file as `trialstat` does (streamed
//                                                  from disk in chunks, decoded, typed into columns)
//   node test/bench/csv-scenario.mjs <file> parse   the parsing alone: the chunks are decoded first,
//                                                  then CsvReader is timed over them
// and prints {"seconds", "peak_mb", "rows"}; the clock starts after the modules are loaded.
import { readCsvFile } from "../../packages/cli/dist/io.js";
import { readTextChunks } from "../../packages/cli/dist/text-file.js";
import { CsvReader } from "../../packages/core/dist/trialstat-core.js";
import { peakMb } from "./scenario.mjs";

const [file, mode] = process.argv.slice(2);
const chunks = mode === "parse" ? [...readTextChunks(file)] : undefined;
const start = process.hrtime.bigint();
let table;
if (chunks) {
  const reader = new CsvReader({ source: file });
  for (const c of chunks) reader.push(c);
  table = reader.end();
} else {
  table = readCsvFile(file);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, peak_mb: peakMb(), rows: table.nRows })}\n`);
