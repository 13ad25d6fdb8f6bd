import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrialstatError, inputError } from "../errors.js";
import { errorOf } from "../../../../test/helpers.js";
import { parse } from "csv-parse/sync";
import { CsvReader, MAX_RECORD_CHARS, parseCsv } from "./csv.js";
import type { DataTable } from "./table.js";
import { TableBuilder } from "./table-builder.js";

/** The reference reader: the whole text through csv-parse, lines counted from its records. */
function referenceRead(text: string, source: string): DataTable | undefined {
  let builder: TableBuilder | undefined;
  let nextLine = 1;
  let emptySeen = 0;
  parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    on_record: (record: string[], context: { empty_lines: number }) => {
      const line = nextLine + (context.empty_lines - emptySeen);
      emptySeen = context.empty_lines;
      let breaks = 0;
      for (const f of record) for (let i = 0; i < f.length; i++) if (f[i] === "\n" || (f[i] === "\r" && f[i + 1] !== "\n")) breaks++;
      nextLine = line + 1 + breaks;
      if (!builder) builder = new TableBuilder(record, { source });
      else builder.addRecord(record, line);
      return null;
    },
  });
  return builder?.finish();
}

/** The streaming reader, fed the text cut at the given positions. */
function chunkedRead(text: string, cuts: number[], source: string): DataTable {
  const reader = new CsvReader({ source });
  let at = 0;
  for (const c of [...cuts.map((x) => Math.floor(x * text.length)).sort((a, b) => a - b), text.length]) {
    reader.push(text.slice(at, c));
    at = c;
  }
  return reader.end();
}


describe("parseCsv", () => {
  it("types columns: numbers where every value is a number, text otherwise", () => {
    const t = parseCsv("id,y,g\n001,2.5,A\n002,NA,B\n003,,A\n", { source: "a.csv" });
    const y = t.column("y");
    expect(y.kind).toBe("number");
    expect(Array.from(y.values as Float64Array)).toEqual([2.5, NaN, NaN]);
    expect(t.column("g")).toMatchObject({ kind: "text", values: ["A", "B", "A"] });
    // numeric-looking keys keep their exact text
    const id = t.column("id");
    expect(id.kind).toBe("number");
    if (id.kind === "number") expect([id.text(0), id.text(2)]).toEqual(["001", "003"]);
  });

  it("reports the line a record starts on, across quoted line breaks, BOM and CRLF", () => {
    const t = parseCsv('\uFEFFid,note\r\n1,"two\r\nlines"\r\n\r\n2,plain\r\n3,"a\rb\nc"\n4,x', { source: "b.csv" });
    expect(t.columnNames).toEqual(["id", "note"]);
    expect([t.lineOf(0), t.lineOf(1), t.lineOf(2), t.lineOf(3)]).toEqual([2, 5, 6, 9]);
    expect(t.column("note")).toMatchObject({ values: ["two\r\nlines", "plain", "a\rb\nc", "x"] });
  });

  it("keeps text exactly when a numeric-looking column turns out to be text", () => {
    const t = parseCsv("code\n1.50\n007\nx\n");
    expect(t.column("code")).toMatchObject({ kind: "text", values: ["1.50", "007", "x"] });
  });

  it("does not read NaN, Inf or thousands separators as numbers", () => {
    const t = parseCsv('v\nNaN\nInf\n"1,000"\n');
    expect(t.column("v").kind).toBe("text");
  });

  it.each([
    ["a,b\n1,2\n3\n", "t.csv:3", "row has 1 fields but the header has 2"],
    ['a,b\n1,"2\n3,4\n', "t.csv:2", "malformed CSV: a quoted field that opens in the record on line 2 is never closed"],
    ["a,a\n1,2\n", "t.csv:1:a", 'duplicate column name "a"'],
    ["", "t.csv", "is empty"],
    ["a,,c\n1,2,3\n", "t.csv:1", "column 2 of the header has no name"],
  ])("rejects %j", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => parseCsv(text, { source: "t.csv" }));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.kind).toBe("input");
    expect(e.where).toBe(where);
    expect(e.message).toContain(message);
    expect(e.hint).toBeTruthy();
  });

  it("reads a header-only file as zero rows", () => {
    const t = parseCsv("a,b\n");
    expect(t.nRows).toBe(0);
    expect(t.columnNames).toEqual(["a", "b"]);
  });
});

/** Everything a reader of a table can see, as plain data. */
function dump(t: DataTable | undefined) {
  if (!t) return undefined;
  return {
    names: t.columnNames,
    lines: Array.from({ length: t.nRows }, (_, i) => t.lineOf(i)),
    columns: t.columnNames.map((name) => {
      const c = t.column(name);
      const source = Array.from({ length: t.nRows }, (_, i) => (c.sourceText ? c.sourceText(i) : undefined));
      return c.kind === "number"
        ? { kind: c.kind, values: Array.from(c.values, (v) => (Object.is(v, -0) ? "-0" : v)), text: Array.from(c.values, (_, i) => c.text(i)), source }
        : { kind: c.kind, values: c.values, numericCount: c.numericCount, firstNonNumeric: c.firstNonNumeric, source };
    }),
  };
}

function outcome(read: () => DataTable | undefined) {
  try {
    return { table: dump(read()) };
  } catch (e) {
    const err = e as TrialstatError;
    return { error: err.message, where: err.where };
  }
}

describe("CsvReader (streamed, any chunking) reads exactly what csv-parse reads from the whole text", () => {
  it("on random CSV with quotes, doubled quotes, embedded line breaks, BOM and every line ending", () => {
    const plain = fc.oneof(
      fc.constantFrom("", "NA", " NA ", "0", "-0", "+5", "007", "12", "-3", "1.50", "2e3", ".5", "x", " 7", "abc", "9999999999999999", "More than half the days"),
      fc.stringMatching(/^[0-9a-c .+-]{0,4}$/),
    );
    const quoted = fc.stringMatching(/^[a-c ,\n\r"]{0,6}$/).map((v) => `"${v.replace(/"/g, '""')}"`);
    const cell = fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: quoted });
    const eol = fc.constantFrom("\n", "\r\n", "\r", "\n\n", "\r\n\r\n");
    const text = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), eol), { maxLength: 8 }), fc.boolean(), fc.boolean())
      .map(([width, rows, bom, lastEol]) => {
        const header = Array.from({ length: width }, (_, j) => `c${j}`).join(",");
        const body = rows.map(([cells, e], i) => cells.join(",") + (i < rows.length - 1 || lastEol ? e : "")).join("");
        return (bom ? "\uFEFF" : "") + header + "\n" + body;
      });
    const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
    fc.assert(
      fc.property(text, cuts, (t, c) => {
        expect(outcome(() => chunkedRead(t, c, "p.csv"))).toEqual(outcome(() => referenceRead(t, "p.csv")));
      }),
      { numRuns: 3000 },
    );
  });

  it("honours custom missing tokens, numeric ones included", () => {
    const t = parseCsv("a,b\n-9,x\n 3 ,-9\n", { missing: ["-9", ""] });
    expect(Array.from(t.column("a").values as Float64Array)).toEqual([NaN, 3]);
    expect(t.column("b")).toMatchObject({ kind: "text", values: ["x", null] });
  });
});

/**
 * The reader as it was before issue 11, kept as the reference for everything the one-pass reader
 * must reproduce: records without quotes split on commas, each record with a quote read up to the
 * line break where its quotes balance and handed to csv-parse, whose error messages (and line
 * counting) trialstat reports. Only the whole text is given to it here.
 */
function legacyRead(text: string, source: string): DataTable {
  let builder: TableBuilder | undefined;
  let line = 1;
  const emit = (fields: string[], at: number) => {
    if (!builder) {
      if (fields.length === 1 && fields[0].includes(";")) throw inputError("semicolon header", { location: { file: source, line: at } });
      builder = new TableBuilder(fields, { source });
    } else builder.addRecord(fields, at);
  };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (pos < n) {
    let end = pos;
    while (end < n && text[end] !== "\n" && text[end] !== "\r" && text[end] !== '"') end++;
    if (end < n && text[end] === '"') {
      let stop = pos;
      let inQuotes = false;
      for (; stop < n; stop++) {
        if (text[stop] === '"') inQuotes = !inQuotes;
        else if (!inQuotes && (text[stop] === "\n" || text[stop] === "\r")) break;
      }
      const record = text.slice(pos, stop);
      let fields: string[];
      try {
        fields = (parse(record, { relax_column_count: true, skip_empty_lines: false, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][])[0] ?? [""];
      } catch (e) {
        const err = e as { code?: string; message: string };
        const hints: Record<string, string> = {
          CSV_QUOTE_NOT_CLOSED: "a double quote opens a field that never closes: close it, or double any quote inside a value (\"\")",
          CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field must be doubled (\"\")",
        };
        const message =
          err.code === "CSV_QUOTE_NOT_CLOSED"
            ? `a quoted field that opens in the record on line ${line} is never closed`
            : err.message.replace(/\s+at line \d+$/, "").replace(/ on line \d+$/, "");
        throw inputError(`malformed CSV: ${message}`, { location: { file: source, line }, hint: hints[err.code ?? ""] ?? "check that the file is comma-separated text in UTF-8" });
      }
      emit(fields, line);
      for (let i = 0; i < record.length; i++) if (record[i] === "\n" || (record[i] === "\r" && record[i + 1] !== "\n")) line++;
      line++;
      pos = stop + (text[stop] === "\r" && text[stop + 1] === "\n" ? 2 : 1);
      continue;
    }
    if (end > pos) emit(text.slice(pos, end).split(","), line);
    line++;
    pos = end + (text[end] === "\r" && text[end + 1] === "\n" ? 2 : 1);
  }
  if (!builder) throw inputError(`${source} is empty: expected a header line naming the columns`, { location: { file: source } });
  return builder.finish();
}

/** The hint of the error a read throws, if any. */
function hintOf(read: () => DataTable | undefined): string | undefined {
  try {
    read();
    return undefined;
  } catch (e) {
    return (e as TrialstatError).hint;
  }
}

describe("CsvReader reads malformed quoting exactly as the csv-parse-based reader did", () => {
  it("same table, or the same message, location and hint, for text full of quotes, NULs, BOMs and surrogates, however it is cut", () => {
    const piece = fc.constantFrom('"', '""', ",", "\n", "\r", "\r\n", "a", "1", "2.50", "-0", "NA", " ", "\0", "\uFEFF", "é", "\uD800", "\uD83D\uDE00", '"x"', '"1,5"');
    const text = fc.array(piece, { maxLength: 24 }).map((ps) => `a,b\n${ps.join("")}`);
    const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 });
    fc.assert(
      fc.property(text, cuts, (t, c) => {
        const read = () => chunkedRead(t, c, "q.csv");
        const reference = () => legacyRead(t, "q.csv");
        expect([outcome(read), hintOf(read)]).toEqual([outcome(reference), hintOf(reference)]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['a,b\n1,"2"x\n', 'malformed CSV: Invalid Closing Quote: got "x" at line 1 instead of delimiter, record delimiter, trimable character (if activated) or comment', "t.csv:2"],
    ['a,b\n1,"2\r\n3"é\n', 'malformed CSV: Invalid Closing Quote: got "Ã" at line 3 instead of delimiter, record delimiter, trimable character (if activated) or comment', "t.csv:2"],
    ['a,b\n1,b"c"\n', 'malformed CSV: Invalid Opening Quote: a quote is found on field 1 at line 1, value is "b"', "t.csv:2"],
    ['a,b\n"x\n\ny",\uFEFF"c"\n', 'malformed CSV: Invalid Opening Quote: a quote is found on field 1 at line 3, value is "\uFEFF" (utf8 bom)', "t.csv:2"],
    ['a,b\n1,2\n3,"4\n', "malformed CSV: a quoted field that opens in the record on line 3 is never closed", "t.csv:3"],
  ])("reports %j as csv-parse did", (text, message, where) => {
    const e = errorOf<TrialstatError>(() => parseCsv(text, { source: "t.csv" }));
    expect(e).toBeInstanceOf(TrialstatError);
    expect([e.message, e.where]).toEqual([message, where]);
  });

  it("reads a NUL after a closing quote as csv-parse does (the field goes on, unquoted)", () => {
    expect(parseCsv('a,b\n"x"\0y,2\n').column("a")).toMatchObject({ kind: "text", values: ["x\0y"] });
  });
});

/** The simplest correct writer: every field quoted, quotes doubled, the given line end. */
function writeCsv(rows: readonly (readonly string[])[], eol: string, quoteAll: boolean): string {
  const cell = (s: string) => (quoteAll || /[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(cell).join(",")).join(eol) + eol;
}

describe("CsvReader round trip", () => {
  it("reads back every value a writer quoted (commas, quotes, line breaks, numbers), in any chunking", () => {
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", "1", "."), maxLength: 8 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
    );
    const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 10 }).map((rows) => ({ width, rows })));
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), ({ width, rows }, eol, quoteAll, cuts) => {
        const header = Array.from({ length: width }, (_, j) => `c${j}`);
        const t = chunkedRead(writeCsv([header, ...rows], eol, quoteAll), cuts, "r.csv");
        expect(t.nRows).toBe(rows.length);
        for (let j = 0; j < width; j++) {
          const column = t.column(`c${j}`);
          // every cell keeps its exact text, missing ones ("", "NA") included
          expect(Array.from({ length: t.nRows }, (_, i) => column.sourceText!(i))).toEqual(rows.map((r) => r[j]));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CsvReader refuses a record longer than its cap, at once and located", () => {
  // the default cap is 32 Mi characters (MAX_RECORD_CHARS); the rules are the same at 1 Mi, and quick
  const LIMIT = 2 ** 20;
  const refusal = (push: (r: CsvReader) => void) => errorOf<TrialstatError>(() => {
    const r = new CsvReader({ source: "big.csv", maxRecordChars: LIMIT });
    push(r);
    r.end();
  });

  it("defaults to 32 Mi characters", () => {
    expect(MAX_RECORD_CHARS).toBe(32 * 2 ** 20);
  });

  it("a line that never ends, streamed in pieces without a line break", () => {
    const piece = "9".repeat(2 ** 17);
    let pushed = 0;
    const err = refusal((r) => {
      r.push("y,x\n1,2\n2,");
      for (; pushed < 20; pushed++) r.push(piece);
    });
    expect(err.message).toBe("the record on line 3 is longer than 1,048,576 characters");
    expect(err.location).toEqual({ file: "big.csv", line: 3 });
    expect(err.hint).toContain("no double quote is left open");
    expect(pushed + 1).toBe(LIMIT / piece.length); // refused with the piece that took it past the cap
  });

  it("a quote left open over many lines", () => {
    const err = refusal((r) => {
      r.push('y,x\n1,"2\n');
      for (let i = 0; i < 6; i++) r.push("3,4\n".repeat(2 ** 16));
    });
    expect(err.message).toBe("the record on line 2 is longer than 1,048,576 characters");
  });

  it("a whole text with such a record, read at once", () => {
    const text = `y,x\n1,2\n2,${"9".repeat(LIMIT + 1)}\n`;
    expect(errorOf<TrialstatError>(() => parseCsv(text, { source: "big.csv", maxRecordChars: LIMIT })).location).toEqual({ file: "big.csv", line: 3 });
  });

  it("reads a record just under the cap, streamed in pieces without a line break", () => {
    const r = new CsvReader({ source: "long.csv", maxRecordChars: LIMIT });
    r.push("y,note\n1,");
    const piece = "a".repeat(2 ** 15);
    for (let i = 0; i < 31; i++) r.push(piece);
    r.push("\n2,b\n");
    const table = r.end();
    expect(table.nRows).toBe(2);
    expect(table.column("note").values[0]).toHaveLength(31 * 2 ** 15);
    expect(table.column("note").values[1]).toBe("b");
  });
});

describe("CsvReader given the size of the text (sizeHint)", () => {
  // 3,000 records: numbers, repeated text, a column that turns to text half-way, missing cells
  const header = "id,month,y,code,late\n";
  const body = Array.from({ length: 3000 }, (_, i) => `P${String(i >> 3).padStart(4, "0")},2019-${String((i % 12) + 1).padStart(2, "0")},${(i * 0.37).toFixed(2)},${i % 7 === 0 ? "" : i % 5},${i < 1500 ? i : `x${i}`}\n`).join("");
  const text = header + body;
  const read = (sizeHint: number | undefined, piece: number) => {
    const reader = new CsvReader({ source: "h.csv", sizeHint });
    for (let at = 0; at < text.length; at += piece) reader.push(text.slice(at, at + piece));
    return reader.end();
  };

  it.each([
    ["exact", text.length],
    ["far too small", 1],
    ["a hundred times too large", text.length * 100],
    ["absent", undefined],
  ])("reads the same table whatever the hint: %s", (_, hint) => {
    for (const piece of [4096, 50_000, text.length]) expect(dump(read(hint, piece))).toEqual(dump(referenceRead(text, "h.csv")));
  });

  it("keeps at most a quarter again of a column's rows in memory, however wrong the hint, in pieces or in one", () => {
    // room is given after 1,024 records, in the first piece too, and again after a longer text's first piece
    for (const piece of [4096, text.length]) {
      for (const hint of [text.length * 100, text.length, 1]) {
        const t = read(hint, piece);
        for (const name of t.columnNames) {
          const c = t.column(name);
          const buffer = c.kind === "number" ? c.values : c.codes!;
          expect(buffer.buffer.byteLength, `${name}, hint ${hint}, pieces of ${piece}`).toBeLessThanOrEqual((buffer.byteLength * 4) / 3);
        }
      }
    }
  });
});
