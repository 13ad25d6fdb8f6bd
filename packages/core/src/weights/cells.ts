import type { DataTable } from "../data/table.js";
import { type ErrorOptions, TrialstatError, inputError } from "../errors.js";

/**
 * Categorical variables and the cells of their cross-classification: the `within` cells of
 * non-response weighting (e.g. trial group × arm), weighting classes, raking margins.
 *
 * Levels are sorted as R sorts factor levels — numerically for a numeric column, by code point for
 * text (R in the C locale) — except that the missing-value category `(missing)` comes last. Cells
 * are ordered with the first variable varying slowest, as the columns of HLT Table 6.2
 * (SCR IW T, SCR IW C, SCR OOW T, …; here C before T, the sorted order).
 */
export interface Categorical {
  readonly name: string;
  readonly levels: readonly string[];
  /** Level index for each row of the table; -1 for rows not classified. */
  readonly codes: Int32Array;
}

export interface Cell {
  /** The level of each classifying variable, e.g. ["SCR IW", "T"]. */
  readonly values: readonly string[];
  /** How messages and tables name the cell: `group=SCR IW, arm=T` (`all rows` with no variables). */
  readonly label: string;
  /** Rows of the table in the cell, ascending. */
  readonly rows: Int32Array;
}

/** The level written for a missing value when missing values form their own category. */
export const MISSING_LEVEL = "(missing)";

/**
 * Classifies `rows` of a table by a column. A missing value in one of them is an input error
 * naming the line, unless `missingLevel` is given, in which case it becomes that level.
 *
 * @example
 * categorical(parseCsv("arm\nT\nC\nT\n"), "arm", [0, 1, 2]); // { levels: ["C", "T"], codes: [1, 0, 1] }
 */
export function categorical(table: DataTable, name: string, rows: ArrayLike<number>, options: { role?: string; missingLevel?: string } = {}): Categorical {
  const col = table.column(name);
  const text = (i: number): string | null => (col.kind === "number" ? (Number.isNaN(col.values[i]) ? null : String(col.values[i])) : col.values[i]);
  const distinct = new Map<string, number>(); // level → a numeric sort key (numeric columns)
  let missingSeen = false;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const v = text(i);
    if (v === null) {
      if (options.missingLevel === undefined) {
        throw inputError(`${name} is missing on line ${table.lineOf(i)}, so the row cannot be placed in a ${options.role ?? "cell"}`, {
          location: { file: table.source, line: table.lineOf(i), column: name },
          hint: `every row used needs a value of ${name}; fill it in`,
          remedies: options.role === "within cell" ? [{ setting: "eligible", reason: "mark the row not eligible" }] : [],
        });
      }
      missingSeen = true;
    } else if (!distinct.has(v)) {
      distinct.set(v, col.kind === "number" ? col.values[i] : 0);
    }
  }
  const levels = [...distinct.keys()];
  if (col.kind === "number") levels.sort((a, b) => distinct.get(a)! - distinct.get(b)!);
  else levels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (missingSeen) levels.push(options.missingLevel!);
  const index = new Map(levels.map((l, j) => [l, j]));
  const codes = new Int32Array(table.nRows).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    codes[i] = index.get(text(i) ?? options.missingLevel!)!;
  }
  return { name, levels, codes };
}

/**
 * The non-empty cells of the cross-classification of `variables` over `rows`, first variable
 * slowest. With no variables, one cell holding every row.
 */
export function crossClassify(variables: readonly Categorical[], rows: ArrayLike<number>): Cell[] {
  const byKey = new Map<string, { codes: number[]; rows: number[] }>();
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const codes = variables.map((v) => v.codes[i]);
    const key = codes.join(",");
    let cell = byKey.get(key);
    if (!cell) byKey.set(key, (cell = { codes, rows: [] }));
    cell.rows.push(i);
  }
  const lexicographic = (a: number[], b: number[]) => a.reduce((d, x, j) => d || x - b[j], 0);
  return [...byKey.values()]
    .sort((a, b) => lexicographic(a.codes, b.codes))
    .map(({ codes, rows: cellRows }) => {
      const values = codes.map((c, j) => variables[j].levels[c]);
      return { values, label: cellLabel(variables.map((v) => v.name), values), rows: Int32Array.from(cellRows) };
    });
}

/** `group=SCR IW, arm=T`; `all rows` when there are no variables. */
export function cellLabel(names: readonly string[], values: readonly string[]): string {
  return names.length ? names.map((n, j) => `${n}=${values[j]}`).join(", ") : "all rows";
}

/**
 * Runs `f`, restating any error it throws as being about `cell` (`cell group=A, arm=T: …`), with
 * new advice (hint and remedies) when `advise` gives some for it.
 */
export function inCell<T>(cell: Cell, f: () => T, advise?: (e: TrialstatError) => Pick<ErrorOptions, "hint" | "remedies"> | undefined): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    const advice = advise?.(e);
    const message = `cell ${cell.label}: ${e.message}`;
    throw advice ? new TrialstatError(e.kind, message, { location: e.location, ...advice }) : e.restated(message);
  }
}
