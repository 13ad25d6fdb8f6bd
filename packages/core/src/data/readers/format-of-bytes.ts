import type { DataFormat } from "./read-data.js";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * Each format's signature (from each format's specification): the bytes its files begin with, and
 * for Parquet and Arrow files, which repeat their magic word at the end, those too (a CSV column
 * could be called PAR1; one that also ends its file with PAR1 is beyond belief).
 */
const SIGNATURES: readonly { format: DataFormat; start: readonly number[]; end?: readonly number[] }[] = [
  { format: "csv.gz", start: [0x1f, 0x8b] }, // gzip, RFC 1952 §2.3.1
  { format: "parquet", start: ascii("PAR1"), end: ascii("PAR1") }, // Apache Parquet file format
  { format: "arrow", start: ascii("ARROW1"), end: ascii("ARROW1") }, // Arrow IPC file format (Feather v2)
  { format: "arrow", start: [0xff, 0xff, 0xff, 0xff] }, // Arrow IPC stream format: a message's continuation marker
  { format: "xlsx", start: [0x50, 0x4b, 0x03, 0x04] }, // a ZIP local file header (Office Open XML is a ZIP package)
  { format: "dta", start: ascii("<stata_dta>") }, // Stata 13+ .dta
  { format: "sav", start: ascii("$FL2") }, // SPSS .sav
  { format: "sav", start: ascii("$FL3") }, // SPSS .zsav (compressed)
];

/**
 * The format of a data file known only by its bytes (standard input has no name to take an
 * extension from): the binary format whose signature it has, else CSV. A CSV file is not mistaken
 * for one: gzip and Arrow streams begin with bytes that are not UTF-8, ZIP with control characters,
 * and the others with their format's name (`<stata_dta>`, `$FL2`; `PAR1` and `ARROW1` at both
 * ends). A damaged binary file is then reported by its reader.
 *
 * @example
 * dataFormatOfBytes(new TextEncoder().encode("id,y\n1,2\n")); // "csv"
 * dataFormatOfBytes(gzipped);                                // "csv.gz"
 */
export function dataFormatOfBytes(bytes: Uint8Array): DataFormat {
  const at = (signature: readonly number[], from: number) => from >= 0 && signature.every((b, i) => bytes[from + i] === b);
  const found = SIGNATURES.find((s) => s.start.length <= bytes.length && at(s.start, 0) && (!s.end || (bytes.length >= s.start.length + s.end.length && at(s.end, bytes.length - s.end.length))));
  return found?.format ?? "csv";
}
