// Synthetic CSV extracts for the reading benchmarks, written the way R writes them: numbers to 15
// significant digits (as.character), "\n" line ends, and — for the quoted variant — every field,
// header included, in double quotes (write.csv(quote = TRUE) on character data; Stata's export
// delimited likewise quotes its strings).
import { writeFileSync } from "node:fs";
import { syntheticColumns } from "./synthetic.mjs";

/** A double as R's as.character writes it: 15 significant digits, shortest form. */
function rNumber(v) {
  return String(Number(v.toPrecision(15)));
}

/**
 * Writes n rows of y, x1..x{k-2} (from test/bench/synthetic.mjs) and, last, a cluster column `cl`
 * (`clusters` clusters of consecutive rows): k columns in all. Returns the file's size in bytes.
 */
export function writeNumericCsv(path, n, k, { clusters = 500, quoted = false } = {}) {
  const cols = syntheticColumns(n, k - 1, clusters);
  const names = ["y", ...Array.from({ length: k - 2 }, (_, j) => `x${j + 1}`), "cl"];
  const arrays = names.map((name) => cols[name]);
  const q = quoted ? (s) => `"${s}"` : (s) => s;
  const parts = [names.map(q).join(",") + "\n"];
  let block = "";
  for (let i = 0; i < n; i++) {
    let line = q(rNumber(arrays[0][i]));
    for (let j = 1; j < arrays.length; j++) line += "," + q(rNumber(arrays[j][i]));
    block += line + "\n";
    if (block.length > 1 << 20) {
      parts.push(block);
      block = "";
    }
  }
  parts.push(block);
  const text = parts.join("");
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

/** The formula of the model fitted to a file from writeNumericCsv with k columns. */
export function numericFormula(k) {
  return `y ~ ${Array.from({ length: k - 2 }, (_, j) => `x${j + 1}`).join(" + ")}`;
}
