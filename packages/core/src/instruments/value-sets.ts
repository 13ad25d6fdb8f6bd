/**
 * EQ-5D-5L value sets as data: the England 2018 set built in, others read from a CSV of decrements or
 * from a table of all 3,125 states (the form of the van Hout 2012 crosswalk).
 *
 * Only dimension codes and values are here; the EQ-5D questionnaire wording is EuroQol's and is not
 * shipped.
 */
import { parseCsv } from "../data/csv.js";
import { type Column, type DataTable, parseNumber } from "../data/table.js";
import { inputError, listNames } from "../errors.js";
import { pow } from "../stats/elementary-functions.js";

/** The five dimensions, in the order of a 5-digit state: mobility, self-care, usual activities, pain/discomfort, anxiety/depression. */
export const EQ5D_DIMENSIONS = ["MO", "SC", "UA", "PD", "AD"] as const;
export type Eq5dDimension = (typeof EQ5D_DIMENSIONS)[number];

const EQ5D_STATES = 3125;

export interface Eq5dValueSet {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  /**
   * Index value of every state at `stateIndex(mo, sc, ua, pd, ad)`; NaN where a partial table
   * (tests only) has no value.
   */
  readonly values: Float64Array;
}

/** Position of a state (levels 1–5 each) in `Eq5dValueSet.values`: the state read as a base-5 number. */
export function stateIndex(mo: number, sc: number, ua: number, pd: number, ad: number): number {
  return (mo - 1) * 625 + (sc - 1) * 125 + (ua - 1) * 25 + (pd - 1) * 5 + (ad - 1);
}

/** "11121" → [1, 1, 1, 2, 1]; undefined unless exactly five digits 1–5. */
export function parseState(text: string): number[] | undefined {
  const t = text.trim();
  if (!/^[1-5]{5}$/.test(t)) return undefined;
  return Array.from(t, (c) => Number(c));
}

/**
 * The index of a state given as "23245" (or 23245).
 *
 * @example eq5dIndex(ENGLAND_2018, "23245") // 0.247
 */
export function eq5dIndex(valueSet: Eq5dValueSet, state: string | number): number {
  const levels = parseState(String(state));
  if (!levels) throw inputError(`"${state}" is not an EQ-5D-5L state`, { hint: "a state is five digits, each a level from 1 to 5, e.g. 21345" });
  return valueSet.values[stateIndex(levels[0], levels[1], levels[2], levels[3], levels[4])];
}

/** Decrements for levels 2–5 of each dimension (level 1 = 0), and an optional constant subtracted from every state but 11111. */
export type Eq5dDecrements = Readonly<Record<Eq5dDimension, readonly [number, number, number, number]>> & { readonly constant?: number };

/** The fewest decimal places (up to 12) that hold v exactly as written. */
function decimalsOf(v: number): number {
  for (let d = 0; d < 12; d++) {
    const scale = pow(10, d);
    if (Math.round(v * scale) / scale === v) return d;
  }
  return 12;
}

/**
 * A value set from decrements: index = 1 − constant (unless 11111) − Σ decrement(dimension, level).
 *
 * The sum is done on whole numbers at the decrements' own number of decimals, so each index is the
 * double nearest the exact decimal: 23245 gives 0.247, not 0.24699999999999994.
 */
export function valueSetFromDecrements(decrements: Eq5dDecrements, meta: { id: string; name: string; source: string }): Eq5dValueSet {
  let values: Float64Array | undefined;
  // the 3,125 states are tabulated on first use, not when the library is imported
  return {
    ...meta,
    get values() {
      values ??= tabulateDecrements(decrements);
      return values;
    },
  };
}

function tabulateDecrements(decrements: Eq5dDecrements): Float64Array {
  const all = [...EQ5D_DIMENSIONS.flatMap((d) => decrements[d]), decrements.constant ?? 0];
  const scale = pow(10, Math.max(...all.map(decimalsOf)));
  const whole = (v: number) => Math.round(v * scale);
  const table = EQ5D_DIMENSIONS.map((d) => [0, ...decrements[d].map(whole)]);
  const constant = whole(decrements.constant ?? 0);
  const values = new Float64Array(EQ5D_STATES);
  for (let s = 0; s < EQ5D_STATES; s++) {
    let sum = s === 0 ? 0 : constant;
    for (let d = 0, rest = s; d < 5; d++) {
      const level = Math.floor(rest / 5 ** (4 - d));
      rest -= level * 5 ** (4 - d);
      sum += table[d][level];
    }
    values[s] = (scale - sum) / scale;
  }
  return values;
}

/**
 * England, Devlin et al. 2018 (EQ-5D-5L value set for England; no constant).
 * Check values: 11111 → 1, 11112 → 0.922, 11121 → 0.937, 23245 → 0.247, 25532 → 0.393, 34241 → 0.434,
 * 43332 → 0.488, 52141 → 0.400, 55555 → −0.285.
 */
export const ENGLAND_2018: Eq5dValueSet = valueSetFromDecrements(
  {
    MO: [0.058, 0.076, 0.207, 0.274],
    SC: [0.05, 0.08, 0.164, 0.203],
    UA: [0.05, 0.063, 0.162, 0.184],
    PD: [0.063, 0.084, 0.276, 0.335],
    AD: [0.078, 0.104, 0.285, 0.289],
  },
  {
    id: "england2018",
    name: "England 2018 (Devlin et al.)",
    source: "Devlin NJ, Shah KK, Feng Y, Mulhern B, van Hout B. Valuing health-related quality of life: an EQ-5D-5L value set for England. Health Econ 2018;27(1):7-22.",
  },
);

function cellText(column: Column, row: number): string {
  return (column.kind === "number" ? column.text(row) : column.values[row]) ?? "";
}

/**
 * Reads a value set from CSV text, in either form:
 *
 * - decrements: columns `dimension,level,decrement`, one row for each dimension (MO, SC, UA, PD, AD)
 *   and level 2–5 (level 1 may be given as 0), and optionally a row `constant,,0.05` for a constant
 *   subtracted from every state but 11111;
 * - a full table: columns `state,index`, one row for each of the 3,125 states (11111 must be 1).
 *
 * `allowPartial` accepts a table with fewer states (for test fixtures); scoring a state it lacks is an
 * error naming the state.
 */
export function parseValueSet(text: string, source: string, options: { allowPartial?: boolean } = {}): Eq5dValueSet {
  const table = parseCsv(text, { source });
  const names = table.columnNames.map((c) => c.trim().toLowerCase());
  if (names.includes("dimension")) return decrementsFromTable(table, source);
  if (names.includes("state")) return statesFromTable(table, source, options.allowPartial ?? false);
  throw inputError("not an EQ-5D-5L value set: no column named dimension or state", {
    location: { file: source, line: 1 },
    hint: `give columns dimension,level,decrement (one row per dimension and level 2-5) or state,index (all 3,125 states); found: ${listNames(table.columnNames)}`,
  });
}

function columnIgnoringCase(table: DataTable, name: string, source: string, form: string): Column {
  const actual = table.columnNames.find((c) => c.trim().toLowerCase() === name);
  if (actual === undefined) {
    throw inputError(`no column "${name}"`, { location: { file: source, line: 1 }, hint: `a value set of ${form} needs its columns named exactly so` });
  }
  return table.column(actual);
}

function decrementsFromTable(table: DataTable, source: string): Eq5dValueSet {
  const form = "decrements (dimension,level,decrement)";
  const dimension = columnIgnoringCase(table, "dimension", source, form);
  const level = columnIgnoringCase(table, "level", source, form);
  const decrement = columnIgnoringCase(table, "decrement", source, form);
  const found = new Map<string, number>();
  let constant: number | undefined;
  for (let i = 0; i < table.nRows; i++) {
    const at = (column: Column) => ({ file: source, line: table.lineOf(i), column: column.name });
    const dim = cellText(dimension, i).trim().toUpperCase();
    const valueText = cellText(decrement, i);
    const value = parseNumber(valueText);
    if (value === undefined || value < 0) {
      throw inputError(`decrement "${valueText}" is not a number of 0 or more`, {
        location: at(decrement),
        hint: "decrements are subtracted from 1: give them as positive numbers (0.058, not -0.058 or the utility 0.942)",
      });
    }
    if (dim === "CONSTANT") {
      if (constant !== undefined) throw inputError("the constant is given twice", { location: at(dimension), hint: "keep one constant row" });
      constant = value;
      continue;
    }
    if (!(EQ5D_DIMENSIONS as readonly string[]).includes(dim)) {
      throw inputError(`unknown dimension "${cellText(dimension, i)}"`, { location: at(dimension), hint: `dimensions are ${EQ5D_DIMENSIONS.join(", ")} (or "constant")` });
    }
    const levelText = cellText(level, i);
    const lv = parseNumber(levelText);
    if (lv === undefined || !Number.isInteger(lv) || lv < 1 || lv > 5) {
      throw inputError(`level "${levelText}" is not a level from 1 to 5`, { location: at(level), hint: "give one row per dimension and level 2-5" });
    }
    if (lv === 1) {
      if (value !== 0) throw inputError(`level 1 of ${dim} has decrement ${value}; level 1 is no problems and must be 0`, { location: at(decrement), hint: "leave level 1 out, or give it 0" });
      continue;
    }
    const key = `${dim}${lv}`;
    if (found.has(key)) throw inputError(`${dim} level ${lv} is given twice`, { location: at(level), hint: "keep one row per dimension and level" });
    found.set(key, value);
  }
  const missing = EQ5D_DIMENSIONS.flatMap((d) => [2, 3, 4, 5].map((l) => `${d}${l}`)).filter((k) => !found.has(k));
  if (missing.length) {
    throw inputError(`no decrement for ${listNames(missing.map((k) => `${k.slice(0, 2)} level ${k[2]}`))}`, {
      location: { file: source },
      hint: "give a decrement for every dimension at levels 2, 3, 4 and 5",
    });
  }
  const get = (d: Eq5dDimension) => [2, 3, 4, 5].map((l) => found.get(`${d}${l}`)!) as [number, number, number, number];
  return valueSetFromDecrements(
    { MO: get("MO"), SC: get("SC"), UA: get("UA"), PD: get("PD"), AD: get("AD"), constant },
    { id: source, name: `value set from ${source}`, source },
  );
}

function statesFromTable(table: DataTable, source: string, allowPartial: boolean): Eq5dValueSet {
  const form = "states (state,index)";
  const state = columnIgnoringCase(table, "state", source, form);
  const index = columnIgnoringCase(table, "index", source, form);
  const values = new Float64Array(EQ5D_STATES).fill(NaN);
  const lineOfState = new Int32Array(EQ5D_STATES);
  for (let i = 0; i < table.nRows; i++) {
    const at = (column: Column) => ({ file: source, line: table.lineOf(i), column: column.name });
    const stateText = cellText(state, i);
    const levels = parseState(stateText);
    if (!levels) throw inputError(`"${stateText}" is not an EQ-5D-5L state`, { location: at(state), hint: "a state is five digits, each a level from 1 to 5, e.g. 21345" });
    const s = stateIndex(levels[0], levels[1], levels[2], levels[3], levels[4]);
    if (lineOfState[s] !== 0) throw inputError(`state ${stateText.trim()} is given twice (also on line ${lineOfState[s]})`, { location: at(state), hint: "keep one row per state" });
    lineOfState[s] = table.lineOf(i);
    const valueText = cellText(index, i);
    const value = parseNumber(valueText);
    if (value === undefined || value > 1) {
      throw inputError(`index "${valueText}" of state ${stateText.trim()} is not a number of at most 1`, { location: at(index), hint: "index values are at most 1 (full health)" });
    }
    if (s === 0 && value !== 1) throw inputError(`state 11111 has index ${value}; full health must be 1`, { location: at(index), hint: "check that the columns are state and index value" });
    values[s] = value;
  }
  const count = lineOfState.reduce((c, line) => c + (line !== 0 ? 1 : 0), 0);
  if (count < EQ5D_STATES && !allowPartial) {
    const lacking: string[] = [];
    for (let s = 0; s < EQ5D_STATES && lacking.length < 5; s++) if (lineOfState[s] === 0) lacking.push(stateName(s));
    throw inputError(`only ${count} of the 3,125 EQ-5D-5L states are given; missing: ${lacking.join(", ")}${EQ5D_STATES - count > 5 ? ", …" : ""}`, {
      location: { file: source },
      hint: "a value-set table needs one row for every state 11111 to 55555",
    });
  }
  return { id: source, name: `value set from ${source}`, source, values };
}

/** 0 → "11111", 3124 → "55555". */
export function stateName(s: number): string {
  let out = "";
  for (let d = 4; d >= 0; d--) out += String(Math.floor(s / 5 ** d) % 5 + 1);
  return out;
}
