import { formatDay } from "../dates.js";
import { ByteCursor, nulTerminated, readUintN, utf8OrWindows1252 } from "./byte-cursor.js";
import { type DecodedColumn, type DecodedFile, corruptFile } from "./decoded.js";
import { inputError } from "../../errors.js";

/**
 * Reads a Stata .dta file of format 117 (Stata 13), 118 (Stata 14–18) or 119 (Stata 15+ with more
 * than 32,767 variables), in either byte order, as documented in Stata's "[P] File formats .dta"
 * (help dta, dta_117, dta_119). No npm package reads these formats, hence this reader.
 *
 * - byte, int, long, float and double become numbers (a float keeps its exact value as a double, as
 *   in Stata's own computations and in R's haven); str# and strL become text (UTF-8; a format-117
 *   string that is not valid UTF-8 is read as Windows-1252, what Stata 13 wrote).
 * - The system missing value `.` is an empty (missing) cell; the extended missing values `.a`–`.z`
 *   are cells ".a"…".z", which are missing codes of the column: missing in every analysis, but
 *   visible as written (e.g. ".a" = refused, ".b" = don't know) and counted as such.
 * - Value labels become the column's labels (code → label; a label of `.a` is keyed ".a").
 * - Dates: %td (days since 1 Jan 1960) and %tc/%tC (milliseconds) become YYYY-MM-DD days — a time of
 *   day is dropped, as trialstat's dates are days; %tm (months) becomes YYYY-MM. Other %t formats
 *   (weeks, quarters, halves, years, business days) stay numbers.
 *
 * @example
 * const file = decodeStata(bytes, "baseline.dta");
 * const table = tableFromDecoded(file, { source: "baseline.dta" });
 */
export function decodeStata(bytes: Uint8Array, source: string): DecodedFile {
  const fail = (what: string) => corruptFile(source, "Stata .dta", what);
  const c = new ByteCursor(bytes, true, fail);
  if (!c.accept("<stata_dta>")) {
    const first = bytes[0];
    if (first !== undefined && first >= 102 && first <= 116) {
      throw inputError(`a Stata file of format ${first} (Stata 12 or older), which trialstat does not read`, {
        location: { file: source },
        hint: "in Stata 13 or later, open it and save it again (format 117–119), or export it as CSV",
      });
    }
    throw fail("it does not start with <stata_dta> (is it a .dta file written by Stata 13 or later?)");
  }
  c.expect("<header><release>", "the header");
  const release = Number(new TextDecoder().decode(c.take(3, "the format number")));
  if (release !== 117 && release !== 118 && release !== 119) {
    throw inputError(`a Stata file of format ${release || "(unknown)"}, which trialstat does not read`, {
      location: { file: source },
      hint: "trialstat reads formats 117, 118 and 119 (Stata 13 and later): save the file again from a recent Stata, or export it as CSV",
    });
  }
  c.expect("</release><byteorder>", "the byte order");
  const order = new TextDecoder().decode(c.take(3, "the byte order"));
  if (order !== "LSF" && order !== "MSF") throw c.error(`unknown byte order "${order}"`);
  c.littleEndian = order === "LSF";
  c.expect("</byteorder><K>", "the number of variables");
  const k = release === 119 ? c.u32("the number of variables") : c.u16("the number of variables");
  c.expect("</K><N>", "the number of observations");
  const n = release === 117 ? c.u32("the number of observations") : c.u64("the number of observations");
  c.expect("</N><label>", "the dataset label");
  c.skipBytes(release === 117 ? c.u8("the dataset label") : c.u16("the dataset label"), "the dataset label");
  c.expect("</label><timestamp>", "the time stamp");
  c.skipBytes(c.u8("the time stamp"), "the time stamp");
  c.expect("</timestamp></header><map>", "the map");
  c.skipBytes(14 * 8, "the map");
  c.expect("</map><variable_types>", "the variable types");
  const types = Array.from({ length: k }, () => c.u16("the variable types"));
  const nameBytes = release === 117 ? 33 : 129;
  const decodeText = release === 117 ? utf8OrWindows1252 : (b: Uint8Array) => new TextDecoder().decode(b);
  c.expect("</variable_types><varnames>", "the variable names");
  const names = Array.from({ length: k }, () => nulTerminated(c.take(nameBytes, "the variable names"), decodeText));
  c.expect("</varnames><sortlist>", "the sort list");
  c.skipBytes((k + 1) * (release === 119 ? 4 : 2), "the sort list");
  c.expect("</sortlist><formats>", "the display formats");
  const formats = Array.from({ length: k }, () => nulTerminated(c.take(release === 117 ? 49 : 57, "the display formats"), decodeText));
  c.expect("</formats><value_label_names>", "the value-label names");
  const labelNames = Array.from({ length: k }, () => nulTerminated(c.take(nameBytes, "the value-label names"), decodeText));
  c.expect("</value_label_names><variable_labels>", "the variable labels");
  c.skipBytes(k * (release === 117 ? 81 : 321), "the variable labels");
  c.expect("</variable_labels><characteristics>", "the characteristics");
  while (c.accept("<ch>")) {
    c.skipBytes(c.u32("a characteristic"), "a characteristic");
    c.expect("</ch>", "the end of a characteristic");
  }
  c.expect("</characteristics><data>", "the data");

  const widths = types.map((t, j) => {
    const w = storageWidth(t);
    if (w === undefined) throw c.error(`variable ${names[j]} has an unknown storage type (${t})`);
    return w;
  });
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const dataStart = c.offset;
  if (n * rowBytes > bytes.length - dataStart) {
    const complete = rowBytes ? Math.floor((bytes.length - dataStart) / rowBytes) : 0;
    throw fail(`it is truncated: the header promises ${n} observations but the file holds at most ${complete}`);
  }
  c.skipBytes(n * rowBytes, "the data");
  c.expect("</data>", "the end of the data");

  // strLs: (v, o) → text, read before the columns that refer to them
  const strls = new Map<string, string>();
  c.expect("<strls>", "the long strings (strLs)");
  while (c.accept("GSO")) {
    const v = c.u32("a strL");
    const o = release === 117 ? c.u32("a strL") : c.u64("a strL");
    const t = c.u8("a strL");
    const len = c.u32("a strL");
    const body = c.take(len, "a strL");
    strls.set(`${v},${o}`, decodeText(t === 130 && body[len - 1] === 0 ? body.subarray(0, len - 1) : body));
  }
  c.expect("</strls><value_labels>", "the value labels");

  const valueLabels = new Map<string, Map<string, string>>();
  while (c.accept("<lbl>")) {
    const len = c.u32("a value label");
    const name = nulTerminated(c.take(nameBytes, "a value label"), decodeText);
    c.skipBytes(3, "a value label");
    const end = c.offset + len;
    c.need(len, `the value label ${name}`);
    const entries = c.u32("a value label");
    const textLength = c.u32("a value label");
    if (8 + 8 * entries + textLength !== len) throw c.error(`the value label ${name} is damaged`);
    const offsets = Array.from({ length: entries }, () => c.u32("a value label"));
    const values = Array.from({ length: entries }, () => c.i32("a value label"));
    const text = c.take(textLength, "a value label");
    const map = new Map<string, string>();
    offsets.forEach((off, i) => {
      if (off >= textLength) throw c.error(`the value label ${name} is damaged`);
      map.set(longCell(values[i]) ?? ".", nulTerminated(text.subarray(off), decodeText));
    });
    valueLabels.set(name, map);
    c.offset = end;
    c.expect("</lbl>", "the end of a value label");
  }
  c.expect("</value_labels></stata_dta>", "the end of the file");

  const starts: number[] = [];
  widths.reduce((at, w) => (starts.push(at), at + w), 0);
  const view = c.view;
  const le = c.littleEndian;
  const columns: DecodedColumn[] = names.map((name, j) => {
    const type = types[j];
    const at = (row: number) => dataStart + row * rowBytes + starts[j];
    const labels = labelNames[j] ? valueLabels.get(labelNames[j]) : undefined;
    if (type <= 2045) {
      return { name, cell: (row) => nulTerminated(bytes.subarray(at(row), at(row) + type), decodeText) };
    }
    if (type === 32768) {
      const vBytes = release === 117 ? 4 : release === 118 ? 2 : 3;
      return {
        name,
        cell(row) {
          const p = at(row);
          const v = readUintN(bytes, p, vBytes, le);
          const o = readUintN(bytes, p + vBytes, 8 - vBytes, le);
          if (v === 0 && o === 0) return "";
          // ReadStat (R's haven) writes format-119 references in the 118 layout (2 + 6 bytes) where
          // Stata documents 3 + 5: the GSO keys in <strls> are unambiguous, so try both.
          const s = strls.get(`${v},${o}`) ?? (release === 119 ? strls.get(`${readUintN(bytes, p, 2, le)},${readUintN(bytes, p + 2, 6, le)}`) : undefined);
          if (s === undefined) throw fail(`observation ${row + 1} of ${name} refers to a long string (strL ${v},${o}) that the file does not hold`);
          return s;
        },
      };
    }
    const read = numberReader(type, view, le);
    const text = dateText(formats[j]);
    return {
      name,
      missing: EXTENDED_MISSING,
      ...(labels && { labels }),
      cell(row) {
        const { value, missing } = read(at(row));
        if (missing !== undefined) return missing === 0 ? null : EXTENDED_MISSING[missing - 1];
        return text ? text(value) : String(value);
      },
    };
  });
  return { columns, nRows: n };
}

/** ".a" … ".z": Stata's extended missing values, as their cells are written. */
const EXTENDED_MISSING: readonly string[] = Array.from({ length: 26 }, (_, i) => `.${String.fromCharCode(97 + i)}`);

function storageWidth(type: number): number | undefined {
  if (type >= 1 && type <= 2045) return type;
  return { 32768: 8, 65526: 8, 65527: 4, 65528: 4, 65529: 2, 65530: 1 }[type];
}

/**
 * A reader of one stored number: its value, or which missing value it is (0 = ".", 1 = ".a", … 26 =
 * ".z"). Integers above the type's largest valid value are missing codes; floats and doubles above
 * theirs (exponent 0x7f / 0x3ff) are missing, the code in the mantissa's top bits.
 */
function numberReader(type: number, view: DataView, le: boolean): (at: number) => { value: number; missing?: number } {
  const code = (k: number) => ({ value: NaN, missing: Math.min(26, Math.max(0, k)) });
  switch (type) {
    case 65530:
      return (at) => {
        const v = view.getInt8(at);
        return v > 100 ? code(v - 101) : { value: v };
      };
    case 65529:
      return (at) => {
        const v = view.getInt16(at, le);
        return v > 32740 ? code(v - 32741) : { value: v };
      };
    case 65528:
      return (at) => {
        const v = view.getInt32(at, le);
        return v > 2147483620 ? code(v - 2147483621) : { value: v };
      };
    case 65527:
      return (at) => {
        const bits = view.getUint32(at, le);
        return bits < 0x80000000 && bits >= 0x7f000000 ? code((bits - 0x7f000000) >>> 11) : { value: view.getFloat32(at, le) };
      };
    default:
      return (at) => {
        const high = view.getUint32(le ? at + 4 : at, le);
        return high < 0x80000000 && high >= 0x7fe00000 ? code((high - 0x7fe00000) >>> 8) : { value: view.getFloat64(at, le) };
      };
  }
}

/** A long value used as a value-label key: its text, or ".a"… for Stata's missing codes. */
function longCell(v: number): string | undefined {
  if (v === 2147483621) return undefined;
  return v > 2147483621 ? EXTENDED_MISSING[Math.min(25, v - 2147483622)] : String(v);
}

/** Days from 1 Jan 1960 (Stata's origin) to 1 Jan 1970 (trialstat's). */
const STATA_EPOCH_DAYS = -3653;

/** How a date-formatted value is written as text, or undefined for a plain number. */
function dateText(format: string): ((v: number) => string) | undefined {
  const f = format.replace(/^%-?/, "%");
  if (f.startsWith("%td") || /^%d/.test(f)) return (v) => formatDay(Math.floor(v) + STATA_EPOCH_DAYS);
  if (f.startsWith("%tc") || f.startsWith("%tC")) return (v) => formatDay(Math.floor(v / 86_400_000) + STATA_EPOCH_DAYS);
  if (f.startsWith("%tm")) {
    return (v) => {
      const m = Math.floor(v);
      const year = 1960 + Math.floor(m / 12);
      return `${String(year).padStart(4, "0")}-${String((((m % 12) + 12) % 12) + 1).padStart(2, "0")}`;
    };
  }
  return undefined;
}
