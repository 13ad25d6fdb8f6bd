import { type Column, type DataTable, makeTable, numericColumn, outOfRangeNote, parseNumber, textColumn } from "../data/table.js";
import { inputError, quoteValue } from "../errors.js";
import type { Linked } from "../link/link.js";
import type { LoadedSource } from "../link/load-source.js";
import { ownEntry } from "../own-entry.js";
import { closest } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";

/**
 * The analysis frame: one row per retained participant (randomised, not erased), in the order of
 * the randomised extract. Variables are named
 * - `column` for a column of the randomised source,
 * - `source.column` for a column of another wide source (missing where the participant has no
 *   record),
 * - the SAP's names for derived variables and weights,
 * - `.treated` (1 treated, 0 control) for the arm.
 * Columns are built on first use. Declared types decide numeric versus categorical: a column
 * declared `string` is categorical even when its codes are digits.
 */
export type FrameColumn = { kind: "number"; values: Float64Array } | { kind: "text"; values: readonly (string | null)[] };

export const TREATED = ".treated";

export class AnalysisFrame {
  private readonly columns = new Map<string, FrameColumn>();

  constructor(
    readonly sap: Sap,
    readonly linked: Linked,
    readonly sources: ReadonlyMap<string, LoadedSource>,
    /** Reads another file named in the plan (e.g. an EQ-5D value set), relative to the SAP. */
    readonly readFile?: (file: string) => string,
  ) {
    this.columns.set(TREATED, { kind: "number", values: Float64Array.from(linked.arm) });
  }

  get n(): number {
    return this.linked.n;
  }

  set(name: string, column: FrameColumn): void {
    this.columns.set(name, column);
  }

  /** Whether `name` names a variable (without building it). */
  has(name: string): boolean {
    if (this.columns.has(name)) return true;
    const R = this.sources.get(this.sap.linkage.randomised)!;
    if (R.table.hasColumn(name)) return true;
    const dot = name.indexOf(".");
    if (dot > 0) {
      const S = this.sources.get(name.slice(0, dot));
      return S !== undefined && (S.spec.shape ?? "wide") === "wide" && S.table.hasColumn(name.slice(dot + 1));
    }
    return false;
  }

  /** Every name a SAP may use, for suggestions. */
  knownNames(): string[] {
    const R = this.sources.get(this.sap.linkage.randomised)!;
    const names = [...this.columns.keys(), ...R.table.columnNames];
    for (const [s, src] of this.sources) if (s !== R.name && (src.spec.shape ?? "wide") === "wide") names.push(...src.table.columnNames.map((c) => `${s}.${c}`));
    return names;
  }

  get(name: string, where?: string): FrameColumn {
    const have = this.columns.get(name);
    if (have) return have;
    const R = this.sources.get(this.sap.linkage.randomised)!;
    let built: FrameColumn | undefined;
    if (R.table.hasColumn(name)) built = this.fromSource(R, name);
    else {
      const dot = name.indexOf(".");
      const S = dot > 0 ? this.sources.get(name.slice(0, dot)) : undefined;
      if (S && (S.spec.shape ?? "wide") === "wide" && S.table.hasColumn(name.slice(dot + 1))) built = this.fromSource(S, name.slice(dot + 1));
    }
    if (!built) {
      const guess = closest(name, this.knownNames());
      throw inputError(`no variable named "${name}"${where ? ` (${where})` : ""}`, {
        location: where ? { path: where } : undefined,
        hint: guess
          ? `did you mean "${guess}"?`
          : "use a column of the randomised source, source.column for another source, or a name under derive:",
      });
    }
    this.columns.set(name, built);
    return built;
  }

  numeric(name: string, where?: string): Float64Array {
    const c = this.get(name, where);
    if (c.kind !== "number") {
      // the first cell that is not a number (a column of numbers with one bad cell shows that cell)
      const text = c.values.find((v) => v !== null && parseNumber(v) === undefined) ?? c.values.find((v) => v !== null) ?? "";
      throw inputError(`${name} must be numeric${where ? ` (${where})` : ""}, but it holds text such as ${quoteValue(text)}${outOfRangeNote(text)}`, {
        hint: "declare its type as number in the source's columns (with its missing-value codes), or recode it",
      });
    }
    return c.values;
  }

  /** The variables as a DataTable over some rows (all rows by default), for the model builders. */
  table(names: readonly string[], rows?: ArrayLike<number>, label = "analysis frame"): DataTable {
    const columns = new Map<string, Column>();
    for (const name of names) {
      const c = this.get(name);
      if (c.kind === "number") columns.set(name, numericColumn(name, rows ? pick(c.values, rows, Float64Array) : c.values));
      else columns.set(name, textColumn(name, rows ? pickTexts(c.values, rows) : c.values));
    }
    return makeTable(label, columns);
  }

  private fromSource(S: LoadedSource, column: string): FrameColumn {
    const rowFor = this.linked.wide.get(S.name)!;
    const declared = ownEntry(S.spec.columns, column)?.type;
    const raw = S.table.column(column);
    // plain loops: typed-array from() with a callback is slow, and a plan reads many columns
    if (declared === "date") return { kind: "number", values: spreadNumbers(rowFor, S.dates(column).days) };
    if (declared === "number" || (declared === undefined && raw.kind === "number")) return { kind: "number", values: spreadNumbers(rowFor, S.numbers(column)) };
    const t = S.texts(column);
    const values = new Array<string | null>(rowFor.length);
    for (let k = 0; k < rowFor.length; k++) values[k] = rowFor[k] < 0 ? null : t[rowFor[k]];
    return { kind: "text", values };
  }
}

/** values[rows[k]] for each k, as a typed array (a plain loop: typed-array from() with a callback is slow). */
export function pick<T extends Float64Array | Uint8Array | Int32Array>(values: ArrayLike<number>, rows: ArrayLike<number>, Typed: new (length: number) => T): T {
  const out = new Typed(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** values[rows[k]] for each k (a plain loop: Array.from with a callback is slow, and the plan runner picks columns for every set of rows). */
export function pickTexts(values: readonly (string | null)[], rows: ArrayLike<number>): (string | null)[] {
  const out: (string | null)[] = new Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** source[rowFor[k]] for each participant k (NaN where rowFor[k] < 0: no record in the source). */
function spreadNumbers(rowFor: ArrayLike<number>, source: Float64Array): Float64Array {
  const out = new Float64Array(rowFor.length);
  for (let k = 0; k < rowFor.length; k++) out[k] = rowFor[k] < 0 ? NaN : source[rowFor[k]];
  return out;
}
