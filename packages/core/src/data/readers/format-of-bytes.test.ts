import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../../../../test/helpers.js";
import { dataFormatOf } from "./read-data.js";
import { dataFormatOfBytes } from "./format-of-bytes.js";

const fixtures = repoPath("test/readers/fixtures");
const bytes = (text: string) => new TextEncoder().encode(text);

describe("dataFormatOfBytes", () => {
  // files written by other tools (haven, pandas, duckdb, apache-arrow, exceljs, gzip): the format their extension names
  const files = readdirSync(fixtures).filter((f) => !f.endsWith(".json") && dataFormatOf(f) !== undefined);

  it.each(files)("knows %s by its bytes as its extension says", (file) => {
    expect(dataFormatOfBytes(readFileSync(`${fixtures}/${file}`))).toBe(dataFormatOf(file));
  });

  it("covers every binary format among those files", () => {
    expect(new Set(files.map((f) => dataFormatOf(f)))).toEqual(new Set(["csv", "csv.gz", "dta", "sav", "parquet", "arrow", "xlsx"]));
  });

  it("reads anything else as CSV, including a header that begins like a signature", () => {
    expect(dataFormatOfBytes(bytes("id,y\n1,2\n"))).toBe("csv");
    expect(dataFormatOfBytes(bytes(""))).toBe("csv");
    expect(dataFormatOfBytes(bytes("PAR1,PAR2\n1,2\n"))).toBe("csv");
    expect(dataFormatOfBytes(bytes("ARROW1\n1\n"))).toBe("csv");
    expect(dataFormatOfBytes(bytes("PAR1"))).toBe("csv"); // too short to begin and end with PAR1
    expect(dataFormatOfBytes(bytes("\ufeffid,y\n"))).toBe("csv");
  });
});
