import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { gunzipText } from "./gzip.js";
import { readDataBytes } from "./read-data.js";

const MiB = 2 ** 20;

describe(".csv.gz that expands far more than any CSV extract", () => {
  it("stops a bomb of one endless line after its first piece, naming the file", () => {
    // the shape of a classic bomb: a header, then 34 MiB of one byte (just past the 32 MiB from
    // which the ratio is checked), ~1,000 to 1 compressed
    const text = Buffer.concat([Buffer.from("id,withdrawn_on,erased\n"), Buffer.alloc(34 * MiB, "0")]);
    const bytes = gzipSync(text);
    expect(text.length / bytes.length).toBeGreaterThan(400);
    const err = errorOf<TrialstatError>(() => readDataBytes(bytes, { source: "w.csv.gz" }));
    expect(err.kind).toBe("input");
    expect(err.message).toMatch(/^the compressed CSV is too large to read: its first [\d.]+ KiB expand to [\d.]+ MiB, more than 400 times their size/);
    expect(err.location).toEqual({ file: "w.csv.gz" });
    expect(err.hint).toContain("decompression bomb");
  });

  // the same rules at a smaller scale (checked from 1 MiB, capped at 4 MiB), so that these stay quick
  const small = { expansion: 400, checkedFrom: MiB, output: 4 * MiB };
  const readAll = (bytes: Uint8Array, source: string) => [...gunzipText(bytes, source, small)].join("");

  it("stops a bomb of many short rows too (no line is long, the table would be huge)", () => {
    const text = Buffer.from(`y\n${"0\n".repeat(MiB)}`);
    const bytes = gzipSync(text);
    expect(text.length / bytes.length).toBeGreaterThan(400);
    expect(errorOf<TrialstatError>(() => readAll(bytes, "rows.csv.gz")).message).toContain("more than 400 times their size");
  });

  it("reads a large, repetitive but real-looking extract whole (~70 to 1)", () => {
    // 8,000 rows of an id and a long note from seven variants: 2.2 MiB of text, past the 1 MiB
    const rows = 8_000;
    const text = `id,note\n${Array.from({ length: rows }, (_, i) => `${i},${"x".repeat(280 + (i % 7))}\n`).join("")}`;
    const bytes = gzipSync(text);
    expect(text.length).toBeGreaterThan(2 * MiB);
    expect(text.length / bytes.length).toBeLessThan(400);
    expect(readAll(bytes, "notes.csv.gz")).toBe(text);
  });

  it("stops at the cap on the text, whatever the ratio", () => {
    const text = Buffer.from(`id,note\n${Array.from({ length: 16_000 }, (_, i) => `${i},${"x".repeat(280 + (i % 7))}\n`).join("")}`);
    expect(text.length).toBeGreaterThan(4 * MiB);
    expect(errorOf<TrialstatError>(() => readAll(gzipSync(text), "big.csv.gz")).message).toBe("the compressed CSV is too large to read: it expands to more than 4 MiB");
  });
});
