import { unzlibSync } from "fflate";
import { dayNumber, formatDay } from "../dates.js";
import { inputError } from "../../errors.js";
import { ByteCursor, utf8OrWindows1252 } from "./byte-cursor.js";
import { type DecodedColumn, type DecodedFile, corruptFile } from "./decoded.js";

/**
 * Reads an SPSS system file (.sav: uncompressed or byte-code compressed; .zsav: zlib-compressed),
 * as documented in the GNU PSPP developers' guide ("System File Format"). The npm readers found
 * need Node streams and read asynchronously; this one takes bytes and runs anywhere.
 *
 * - Numeric variables become numbers; string variables text (trailing blanks removed, as SPSS
 *   pads them), including very long strings (> 255 bytes, stored in segments).
 * - The system-missing value is an empty (missing) cell. User-missing values — up to three codes, or
 *   a range (plus one code) — stay in their cells as written ("-9", "99") and are the column's
 *   missing codes: missing in every analysis, visible as written.
 * - Value labels become the column's labels (code → label).
 * - Date formats (DATE, ADATE, EDATE, SDATE, JDATE, DATETIME, YMDHMS, QYR, WKYR: seconds since
 *   14 Oct 1582) become YYYY-MM-DD days (a time of day is dropped); MOYR becomes YYYY-MM.
 * - Text is decoded with the file's character encoding (record 7.20, else the code page in record
 *   7.3; UTF-8 when neither says).
 *
 * @example
 * const table = tableFromDecoded(decodeSpss(bytes, "survey.sav"), { source: "survey.sav" });
 */
export function decodeSpss(bytes: Uint8Array, source: string): DecodedFile {
  const fail = (what: string) => corruptFile(source, "SPSS .sav", what);
  const c = new ByteCursor(bytes, true, fail);
  const signature = new TextDecoder("latin1").decode(bytes.subarray(0, 4));
  if (signature !== "$FL2" && signature !== "$FL3") {
    if (bytes.length >= 4 && new TextDecoder("latin1").decode(bytes.subarray(0, 40)).includes("SPSS PORT FILE")) {
      throw inputError("an SPSS portable file (.por), which trialstat does not read", {
        location: { file: source },
        hint: "in SPSS, open it and save it as a .sav system file, or export it as CSV",
      });
    }
    throw fail("it does not start with $FL2 or $FL3 (is it an SPSS .sav file?)");
  }
  c.skipBytes(64, "the file header");
  const layoutLE = c.view.getInt32(64, true);
  c.littleEndian = layoutLE === 2 || layoutLE === 3;
  if (!c.littleEndian && ![2, 3].includes(c.view.getInt32(64, false))) throw c.error("the file header has an unknown layout code");
  c.skipBytes(4, "the file header");
  c.i32("the file header"); // nominal case size: recomputed from the variables
  const compression = c.i32("the file header");
  c.i32("the file header"); // weight variable
  const declaredCases = c.i32("the file header");
  const bias = c.f64("the file header");
  c.skipBytes(9 + 8 + 64 + 3, "the file header");
  if (compression < 0 || compression > 2) throw c.error(`unknown compression ${compression}`);

  interface Slot { name: string; width: number; print: number; missing: number[] | string[]; range?: [number, number]; firstSlot: number }
  const vars: Slot[] = [];
  let slots = 0;
  const rawNumericLabels: { labels: { value: Uint8Array; label: Uint8Array }[]; slotIndexes: number[] }[] = [];
  const extensions = new Map<number, Uint8Array[]>();
  let characterCode = 0;
  for (;;) {
    const type = c.i32("a dictionary record");
    if (type === 999) {
      c.i32("the end of the dictionary");
      break;
    }
    if (type === 2) {
      const width = c.i32("a variable record");
      const hasLabel = c.i32("a variable record");
      const nMissing = c.i32("a variable record");
      const print = c.i32("a variable record");
      c.i32("a variable record");
      const shortName = c.take(8, "a variable record");
      if (hasLabel === 1) c.skipBytes(Math.ceil(c.i32("a variable label") / 4) * 4, "a variable label");
      const count = Math.abs(nMissing);
      if (count > 3) throw c.error("a variable has more than three missing values");
      const missingRaw = Array.from({ length: count }, () => c.take(8, "missing values"));
      if (width === -1) {
        slots++;
        continue; // continuation of a long string
      }
      if (width < 0 || width > 255) throw c.error(`a variable has an impossible width ${width}`);
      const v: Slot = { name: latin(shortName).trimEnd(), width, print, missing: [], firstSlot: slots };
      if (width === 0) {
        const values = missingRaw.map((b) => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, c.littleEndian));
        if (nMissing < 0) {
          v.range = [values[0], values[1]];
          v.missing = values.slice(2);
        } else v.missing = values;
      } else v.missing = missingRaw.map((b) => latin(b).trimEnd());
      vars.push(v);
      slots++;
    } else if (type === 3) {
      const n = c.i32("a value-label record");
      const labels = Array.from({ length: n }, () => {
        const value = c.take(8, "a value label");
        const len = c.u8("a value label");
        const label = c.take(len, "a value label");
        c.skipBytes((8 - ((len + 1) % 8)) % 8, "a value label");
        return { value, label };
      });
      if (c.i32("a value-label record") !== 4) throw c.error("a value-label record is not followed by its variables");
      const k = c.i32("a value-label record");
      rawNumericLabels.push({ labels, slotIndexes: Array.from({ length: k }, () => c.i32("a value-label record") - 1) });
    } else if (type === 6) {
      c.skipBytes(80 * c.i32("a document record"), "a document record");
    } else if (type === 7) {
      const subtype = c.i32("an extension record");
      const size = c.i32("an extension record");
      const count = c.i32("an extension record");
      const body = c.take(size * count, "an extension record");
      if (subtype === 3 && size === 4 && count >= 8) characterCode = new DataView(body.buffer, body.byteOffset).getInt32(28, c.littleEndian);
      extensions.set(subtype, [...(extensions.get(subtype) ?? []), body]);
    } else {
      throw c.error(`unknown dictionary record type ${type}`);
    }
  }

  const decode = textDecoder(extensions.get(20)?.[0], characterCode);
  const caseBytes = slots * 8;
  let data: Uint8Array;
  if (compression === 0) data = bytes.subarray(c.offset);
  else if (compression === 1) data = decompressBytecode(bytes.subarray(c.offset), bias, caseBytes, c.littleEndian, fail);
  else data = decompressBytecode(inflateZsav(c, fail), bias, caseBytes, c.littleEndian, fail);
  const nRows = caseBytes ? Math.floor(data.length / caseBytes) : 0;
  if (declaredCases >= 0 && nRows < declaredCases) throw fail(`it is truncated: the header promises ${declaredCases} cases but the file holds ${nRows}`);
  const cases = declaredCases >= 0 ? declaredCases : nRows;

  // long names (7.13) and very long strings (7.14), both keyed by short name
  const longNames = keyValues(extensions.get(13)?.[0], decode);
  const veryLong = keyValues(extensions.get(14)?.[0], decode);
  const slotOwner = new Map<number, Slot>(vars.map((v) => [v.firstSlot, v]));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const columns: DecodedColumn[] = [];
  const byShortName = new Map<string, DecodedColumn & { labels?: Map<string, string>; missing?: string[] }>();
  for (let i = 0; i < vars.length; i++) {
    const v = vars[i];
    const name = longNames.get(v.name) ?? v.name;
    let column: DecodedColumn & { labels?: Map<string, string>; missing?: string[] };
    if (v.width === 0) {
      const at = (row: number) => row * caseBytes + v.firstSlot * 8;
      const text = spssDateText(v.print);
      const missing = new Set<string>(v.missing.map((m) => String(m)));
      if (v.range) {
        const [lo, hi] = v.range;
        for (let row = 0; row < cases; row++) {
          const x = view.getFloat64(at(row), c.littleEndian);
          if (x >= lo && x <= hi && x !== SYSMIS) missing.add(text ? text(x) : String(x));
        }
      }
      column = {
        name,
        ...(missing.size && { missing: [...missing] }),
        cell(row) {
          const x = view.getFloat64(at(row), c.littleEndian);
          if (x === SYSMIS || Number.isNaN(x)) return null;
          return text ? text(x) : String(x);
        },
      };
    } else {
      const total = veryLong.has(v.name) ? Number(veryLong.get(v.name)) : v.width;
      const segments = total > 255 ? Math.ceil(total / 252) : 1;
      const parts: Slot[] = [v];
      for (let s = 1; s < segments; s++) {
        const next = vars[i + s];
        if (!next || next.width === 0) throw fail(`the very long string ${name} is missing its segment ${s + 1}`);
        parts.push(next);
      }
      i += segments - 1;
      const pieces = parts.map((p, s) => ({ offset: p.firstSlot * 8, bytes: s < segments - 1 ? 255 : Math.min(p.width, total - 255 * s) }));
      column = {
        name,
        ...(v.missing.length && { missing: v.missing as string[] }),
        cell(row) {
          const base = row * caseBytes;
          if (pieces.length === 1) return decode(data.subarray(base + pieces[0].offset, base + pieces[0].offset + pieces[0].bytes)).trimEnd();
          const joined = new Uint8Array(pieces.reduce((a, p) => a + p.bytes, 0));
          let k = 0;
          for (const p of pieces) {
            joined.set(data.subarray(base + p.offset, base + p.offset + p.bytes), k);
            k += p.bytes;
          }
          return decode(joined.subarray(0, Math.min(k, total))).trimEnd();
        },
      };
    }
    columns.push(column);
    byShortName.set(v.name, column);
  }

  // value labels (record 3 for numbers and strings of ≤ 8 bytes; 7.21 for longer strings)
  for (const { labels, slotIndexes } of rawNumericLabels) {
    for (const slot of slotIndexes) {
      const v = slotOwner.get(slot);
      if (!v) continue;
      const column = byShortName.get(v.name);
      if (!column) continue;
      const map = (column.labels ??= new Map<string, string>());
      const text = v.width === 0 ? spssDateText(v.print) : undefined;
      for (const { value, label } of labels) {
        const key = v.width === 0 ? numberKey(new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, c.littleEndian), text) : decode(value).trimEnd();
        map.set(key, decode(label));
      }
    }
  }
  for (const body of extensions.get(21) ?? []) readLongStringLabels(body, c.littleEndian, decode, (short, key, label) => {
    const column = byShortName.get(short);
    if (column) (column.labels ??= new Map<string, string>()).set(key, label);
  });
  for (const body of extensions.get(22) ?? []) readLongStringMissing(body, c.littleEndian, decode, (short, value) => {
    const column = byShortName.get(short);
    if (column) (column.missing ??= []).push(value);
  });
  return { columns, nRows: cases };
}

const SYSMIS = -Number.MAX_VALUE;

function latin(b: Uint8Array): string {
  return new TextDecoder("latin1").decode(b);
}

function numberKey(x: number, text: ((v: number) => string) | undefined): string {
  return text ? text(x) : String(x);
}

function textDecoder(encodingRecord: Uint8Array | undefined, characterCode: number): (b: Uint8Array) => string {
  const name = encodingRecord ? latin(encodingRecord).trim() : characterCode === 65001 ? "utf-8" : characterCode > 0 && characterCode !== 2 && characterCode !== 3 ? `windows-${characterCode}` : undefined;
  if (name && !/^utf-?8$/i.test(name)) {
    try {
      const decoder = new TextDecoder(name);
      return (b) => decoder.decode(b);
    } catch {
      // an encoding the runtime does not know: UTF-8 where valid, else Windows-1252
    }
  }
  return utf8OrWindows1252;
}

/** "KEY=value" entries separated by tabs (and NULs), as records 7.13 and 7.14 hold them. */
function keyValues(body: Uint8Array | undefined, decode: (b: Uint8Array) => string): Map<string, string> {
  const out = new Map<string, string>();
  if (!body) return out;
  for (const entry of decode(body).split(/[\t\0]+/)) {
    const eq = entry.indexOf("=");
    if (eq > 0) out.set(entry.slice(0, eq).trimEnd(), entry.slice(eq + 1).trim());
  }
  return out;
}

/**
 * Expands byte-code compression: blocks of eight command bytes, each for one 8-byte slot — 0
 * padding, 1–251 the number (code − bias), 252 end of data, 253 eight raw bytes follow the block,
 * 254 eight spaces, 255 system-missing — into the uncompressed layout.
 */
function decompressBytecode(input: Uint8Array, bias: number, caseBytes: number, le: boolean, fail: (what: string) => Error): Uint8Array {
  let out = new Uint8Array(Math.max(1024, input.length * 2));
  let view = new DataView(out.buffer);
  let n = 0;
  let at = 0;
  const ensure = () => {
    if (n + 8 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
      view = new DataView(out.buffer);
    }
  };
  outer: while (at + 8 <= input.length) {
    const commands = input.subarray(at, at + 8);
    at += 8;
    for (const code of commands) {
      if (code === 0) continue;
      if (code === 252) break outer;
      ensure();
      if (code === 253) {
        if (at + 8 > input.length) throw fail(`it is truncated inside the compressed data (byte ${at})`);
        out.set(input.subarray(at, at + 8), n);
        at += 8;
      } else if (code === 254) out.fill(0x20, n, n + 8);
      else view.setFloat64(n, code === 255 ? SYSMIS : code - bias, le);
      n += 8;
    }
  }
  if (caseBytes && n % caseBytes !== 0) throw fail(`it is truncated: the compressed data stop in the middle of a case`);
  return out.subarray(0, n);
}

/** The byte-code stream of a .zsav file: its zlib blocks, listed in the trailer, inflated and joined. */
function inflateZsav(c: ByteCursor, fail: (what: string) => Error): Uint8Array {
  c.u64("the zlib header");
  const trailerAt = c.u64("the zlib header");
  c.u64("the zlib header");
  const t = new ByteCursor(c.bytes, c.littleEndian, fail);
  t.offset = trailerAt;
  t.skipBytes(16, "the zlib trailer");
  t.i32("the zlib trailer");
  const blocks = t.i32("the zlib trailer");
  const pieces: Uint8Array[] = [];
  for (let b = 0; b < blocks; b++) {
    t.u64("the zlib trailer");
    const from = t.u64("the zlib trailer");
    const size = t.i32("the zlib trailer");
    const compressed = t.i32("the zlib trailer");
    if (from + compressed > c.bytes.length) throw fail(`it is truncated: zlib block ${b + 1} of ${blocks} is cut off`);
    let piece: Uint8Array;
    try {
      piece = unzlibSync(c.bytes.subarray(from, from + compressed));
    } catch (e) {
      throw fail(`zlib block ${b + 1} of ${blocks} is damaged (${(e as Error).message})`);
    }
    if (piece.length !== size) throw fail(`zlib block ${b + 1} of ${blocks} is damaged (it inflates to ${piece.length} bytes, not ${size})`);
    pieces.push(piece);
  }
  const all = new Uint8Array(pieces.reduce((a, p) => a + p.length, 0));
  let k = 0;
  for (const p of pieces) {
    all.set(p, k);
    k += p.length;
  }
  return all;
}

/** Record 7.21: value labels of strings longer than 8 bytes. */
function readLongStringLabels(body: Uint8Array, le: boolean, decode: (b: Uint8Array) => string, add: (short: string, key: string, label: string) => void): void {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  const text = () => {
    const len = v.getInt32(at, le);
    at += 4;
    const s = decode(body.subarray(at, at + len));
    at += len;
    return s;
  };
  while (at + 4 <= body.length) {
    const name = text();
    at += 4; // width
    const n = v.getInt32(at, le);
    at += 4;
    for (let i = 0; i < n; i++) {
      const key = text().trimEnd();
      add(name, key, text());
    }
  }
}

/** Record 7.22: missing values of strings longer than 8 bytes. */
function readLongStringMissing(body: Uint8Array, le: boolean, decode: (b: Uint8Array) => string, add: (short: string, value: string) => void): void {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  while (at + 4 <= body.length) {
    const len = v.getInt32(at, le);
    at += 4;
    const name = decode(body.subarray(at, at + len));
    at += len;
    const n = body[at++];
    const valueLength = v.getInt32(at, le);
    at += 4;
    for (let i = 0; i < n; i++, at += valueLength) add(name, decode(body.subarray(at, at + valueLength)).trimEnd());
  }
}

/** Days from 14 Oct 1582 (SPSS's origin) to 1 Jan 1970. */
const SPSS_EPOCH_DAYS = dayNumber(1582, 10, 14)!;
const DATE_FORMATS = new Set([20, 22, 23, 24, 29, 30, 38, 39, 41]);
const MONTH_FORMAT = 28;

function spssDateText(print: number): ((seconds: number) => string) | undefined {
  const type = (print >> 16) & 0xff;
  const day = (s: number) => Math.floor(s / 86400) + SPSS_EPOCH_DAYS;
  if (DATE_FORMATS.has(type)) return (s) => formatDay(day(s));
  if (type === MONTH_FORMAT) return (s) => formatDay(day(s)).slice(0, 7);
  return undefined;
}
