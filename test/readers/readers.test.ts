import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DataTable, readDataBytes } from "@trialstat/core";
import { cellSourceText } from "../../packages/core/src/data/table.js";
import { repoPath } from "../helpers.js";

/**
 * Every fixture in test/readers/fixtures, written by another tool (haven, pandas, DuckDB,
 * apache-arrow, exceljs: see make-fixtures.*), read by trialstat and compared cell by cell with
 * what R (haven, readxl) reads from the same file: values, dates, strings, the system-missing value,
 * Stata's extended missing values .a–.z, SPSS user-missing values, and value labels.
 */
interface ExpectedColumn {
  kind: "number" | "text" | "date";
  values: (string | boolean | null)[];
  tag: (string | null)[];
  user_missing: boolean[];
  labels: Record<string, string> | null;
}
interface Expected {
  nRows: number;
  columns: Record<string, ExpectedColumn>;
}

const dir = "test/readers/fixtures";
const fixtures = readdirSync(repoPath(dir)).filter((f) => !f.endsWith(".json") && !f.endsWith(".csv"));
const expectations = readdirSync(repoPath(dir)).filter((f) => f.endsWith(".expected.json"));

function read(file: string, sheet?: string): DataTable {
  return readDataBytes(readFileSync(repoPath(`${dir}/${file}`)), { source: file, sheet });
}

/** Whether the cell in `row` is missing to trialstat (NaN or null), as the CSV path reports it. */
function isMissing(table: DataTable, name: string, row: number): boolean {
  const c = table.column(name);
  return c.kind === "number" ? Number.isNaN(c.values[row]) : c.values[row] === null;
}

function compare(table: DataTable, expected: Expected): void {
  expect(table.nRows).toBe(expected.nRows);
  expect([...table.columnNames].sort()).toEqual(Object.keys(expected.columns).sort());
  for (const [name, col] of Object.entries(expected.columns)) {
    const column = table.column(name);
    for (let row = 0; row < expected.nRows; row++) {
      const where = `${name}[${row + 1}]`;
      const want = col.values[row];
      const text = cellSourceText(column, row);
      if (col.tag[row]) {
        // Stata's extended missing value: missing, and written as .a … .z
        expect(isMissing(table, name, row), where).toBe(true);
        expect(text, where).toBe(`.${col.tag[row]}`);
      } else if (col.user_missing[row]) {
        // SPSS user-missing: missing, and the code as written
        expect(isMissing(table, name, row), where).toBe(true);
        if (col.kind === "number") expect(Number(text), where).toBe(Number(want));
        else expect(text, where).toBe(want);
      } else if (want === null || want === "") {
        // system missing (or an empty string, which the CSV path reads as missing too)
        expect(isMissing(table, name, row), where).toBe(true);
        expect(text, where).toBe("");
      } else if (col.kind === "number") {
        expect(column.kind, where).toBe("number");
        // == not Object.is: -0 is read as 0, as a CSV export writes it
        expect(column.kind === "number" && column.values[row] === Number(want), `${where}: ${column.kind === "number" && column.values[row]} vs ${want}`).toBe(true);
      } else if (typeof want === "boolean") {
        expect(text, where).toBe(want ? "1" : "0");
      } else {
        expect(text, where).toBe(want);
        expect(isMissing(table, name, row), where).toBe(false);
      }
    }
    const labels = column.labels ? Object.fromEntries(column.labels) : null;
    expect(labels, `${name} labels`).toEqual(col.labels);
  }
}

describe("file readers agree with R's reading of files written by other tools", () => {
  it("has a fixture for every format", () => {
    const extensions = new Set(fixtures.map((f) => f.replace(/^[^.]*/, "")));
    for (const ext of [".dta", ".sav", ".zsav", ".parquet", ".arrow", ".xlsx", ".csv.gz"]) expect([...extensions]).toContain(ext);
  });
  for (const file of expectations) {
    const m = /^(.*?\.(?:dta|sav|zsav|parquet|arrow|csv\.gz))\.expected\.json$|^(.*?\.xlsx)\.(.+)\.expected\.json$/.exec(file)!;
    const fixture = m[1] ?? m[2];
    const sheet = m[3];
    it(`${fixture}${sheet ? ` (sheet ${sheet})` : ""}`, () => {
      const expected = JSON.parse(readFileSync(repoPath(`${dir}/${file}`), "utf8")) as Expected;
      compare(read(fixture, sheet), expected);
    });
  }
});
