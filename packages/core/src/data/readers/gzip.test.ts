import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { readDataBytes } from "./read-data.js";

const MiB = 2 ** 20;

describe(".csv.gz that expands far more than any CSV extract", () => {
  it("stops a bomb of one endless line after its first piece, naming the file", () => {
    // the shape of a classic bomb: a header, then 100 MiB of one byte, ~1,000 to 1 compressed
    const text = Buffer.concat([Buffer.from("id,withdrawn_on,erased\n"), Buffer.alloc(100 * MiB, "0")]);
    const bytes = gzipSync(text);
    expect(text.length / bytes.length).toBeGreaterThan(400);
    const err = errorOf<TrialstatError>(() => readDataBytes(bytes, { source: "w.csv.gz" }));
    expect(err.kind).toBe("input");
    expect(err.message).toMatch(/^the compressed CSV is too large to read: its first 64 KiB expand to [\d.]+ MiB, more than 400 times their size/);
    expect(err.location).toEqual({ file: "w.csv.gz" });
    expect(err.hint).toContain("decompression bomb");
  });

  it("stops a bomb of many short rows too (no line is long, the table would be huge)", () => {
    const text = Buffer.from(`y\n${"0\n".repeat(32 * MiB)}`);
    const bytes = gzipSync(text);
    expect(text.length / bytes.length).toBeGreaterThan(400);
    expect(errorOf<TrialstatError>(() => readDataBytes(bytes, { source: "rows.csv.gz" })).message).toContain("more than 400 times their size");
  });

  it("reads a large, very repetitive but real-looking extract whole: an id and empty columns, ~150 to 1", () => {
    // 120,000 rows of an id and 300 empty cells: 36 MiB of text, past the 32 MiB from which the ratio is checked
    const rows = 120_000;
    const text = `id,${Array.from({ length: 300 }, (_, j) => `c${j}`).join(",")}\n${Array.from({ length: rows }, (_, i) => `${i}${",".repeat(300)}\n`).join("")}`;
    const bytes = gzipSync(text);
    expect(text.length).toBeGreaterThan(32 * MiB);
    expect(text.length / bytes.length).toBeLessThan(400);
    const table = readDataBytes(bytes, { source: "wide.csv.gz", keep: (name) => name === "id" });
    expect(table.nRows).toBe(rows);
    expect(table.column("id").values[rows - 1]).toBe(rows - 1);
  });
});
