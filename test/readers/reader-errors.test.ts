import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TrialstatError, parseCsv, randomStream, readDataBytes, uniformSource } from "@trialstat/core";
import { repoPath } from "../helpers.js";

const fixture = (name: string) => new Uint8Array(readFileSync(repoPath(`test/readers/fixtures/${name}`)));

/** Reads bytes and returns the input error thrown (fails if it reads, or throws anything else). */
function inputErrorOf(bytes: Uint8Array, source: string, sheet?: string): TrialstatError {
  try {
    readDataBytes(bytes, { source, sheet });
  } catch (e) {
    expect(e, `${source}: ${(e as Error).message}`).toBeInstanceOf(TrialstatError);
    const err = e as TrialstatError;
    expect(err.kind).toBe("input");
    expect(err.location?.file).toBe(source);
    expect(err.hint).toBeTruthy();
    expect(err.message).not.toContain("\n");
    return err;
  }
  throw new Error(`${source} was read without an error`);
}

describe("reader errors: one located input error with a hint, never a crash", () => {
  const binaries = ["haven-118.dta", "pandas-117-msf.dta", "haven-bytecode.sav", "haven-uncompressed.sav", "haven-zlib.zsav", "duckdb-snappy.parquet", "apache-arrow-file.arrow", "apache-arrow-stream.arrow", "exceljs.xlsx", "zlib.csv.gz"];
  for (const name of binaries) {
    it(`${name} cut short anywhere is an input error naming the file`, () => {
      const bytes = fixture(name);
      for (const fraction of [0, 0.01, 0.1, 0.33, 0.5, 0.77, 0.9, 0.99]) {
        const cut = Math.floor(bytes.length * fraction);
        inputErrorOf(bytes.subarray(0, cut), name);
      }
    });
  }

  it("a truncated Stata file says how many observations it promised", () => {
    const bytes = fixture("haven-118.dta");
    const start = Buffer.from(bytes).indexOf("<data>");
    expect(inputErrorOf(bytes.subarray(0, start + 20), "t.dta").message).toMatch(/truncated: the header promises 8 observations/);
  });

  it("an old Stata format (115) is named, with what to do", () => {
    const bytes = new Uint8Array(200);
    bytes[0] = 115;
    const err = inputErrorOf(bytes, "old.dta");
    expect(err.message).toContain("format 115");
    expect(err.hint).toMatch(/save it again/);
  });

  it("an unknown Stata release number is named", () => {
    const bytes = fixture("haven-118.dta").slice();
    bytes.set(new TextEncoder().encode("121"), "<stata_dta><header><release>".length);
    expect(inputErrorOf(bytes, "new.dta").message).toContain("format 121");
  });

  it("an SPSS portable file is named as such", () => {
    const bytes = new TextEncoder().encode("ASCII SPSS PORT FILE                    ".repeat(5));
    expect(inputErrorOf(bytes, "old.sav").message).toContain("portable");
  });

  it("an unknown sheet lists the sheets there are", () => {
    const err = inputErrorOf(fixture("exceljs.xlsx"), "book.xlsx", "Wave 2");
    expect(err.message).toBe('no sheet named "Wave 2"');
    expect(err.hint).toBe("its sheets: Baseline, Wave 1");
  });

  it("a sheet given for a file that is not a spreadsheet is an error", () => {
    expect(inputErrorOf(fixture("haven-118.dta"), "a.dta", "Baseline").message).toContain("not a spreadsheet");
  });

  it("a Parquet codec trialstat cannot read is named, with what to do", () => {
    const err = inputErrorOf(fixture("duckdb-zstd.parquet"), "z.parquet");
    expect(err.message).toContain("ZSTD");
    expect(err.hint).toMatch(/snappy, gzip or no compression/);
  });

  it("a file whose extension says nothing is an error listing the formats", () => {
    expect(inputErrorOf(fixture("haven-118.dta"), "extract.bin").hint).toContain(".dta (Stata)");
  });

  it("a file with another format's extension is an input error", () => {
    inputErrorOf(fixture("haven-118.dta"), "misnamed.sav");
    inputErrorOf(fixture("haven-bytecode.sav"), "misnamed.parquet");
    inputErrorOf(fixture("duckdb-snappy.parquet"), "misnamed.arrow");
    inputErrorOf(fixture("apache-arrow-file.arrow"), "misnamed.xlsx");
    inputErrorOf(fixture("exceljs.xlsx"), "misnamed.dta");
  });
});

describe(".csv.gz", () => {
  it("reads exactly as the uncompressed CSV (gzip written by Node's zlib, inflated by fflate)", () => {
    const gz = readDataBytes(fixture("zlib.csv.gz"), { source: "zlib.csv.gz" });
    const plain = parseCsv(readFileSync(repoPath("test/readers/fixtures/zlib.csv"), "utf8"), { source: "zlib.csv" });
    expect(gz.columnNames).toEqual(plain.columnNames);
    expect(gz.nRows).toBe(3);
    for (const name of plain.columnNames) expect(gz.column(name).kind === "number" ? gz.column(name).values : gz.column(name).values).toEqual(plain.column(name).values);
    expect(gz.lineOf(2)).toBe(4);
  });
});

describe("damaged files: random bytes changed give an input error or a table, never a crash", () => {
  const files = ["haven-118.dta", "pandas-117-msf.dta", "haven-bytecode.sav", "haven-zlib.zsav", "duckdb-snappy.parquet", "apache-arrow-file.arrow", "apache-arrow-stream.arrow", "exceljs.xlsx", "zlib.csv.gz"];
  for (const name of files) {
    it(name, () => {
      const original = fixture(name);
      const uniform = uniformSource(randomStream(20261201, `damaged ${name}`));
      for (let trial = 0; trial < 150; trial++) {
        const bytes = original.slice();
        const flips = 1 + Math.floor(uniform() * 4);
        for (let k = 0; k < flips; k++) bytes[Math.floor(uniform() * bytes.length)] = Math.floor(uniform() * 256);
        try {
          readDataBytes(bytes, { source: name });
        } catch (e) {
          expect(e instanceof TrialstatError ? "TrialstatError" : `${(e as Error).name}: ${(e as Error).message}`, `${name} trial ${trial}`).toBe("TrialstatError");
        }
      }
    });
  }
});
