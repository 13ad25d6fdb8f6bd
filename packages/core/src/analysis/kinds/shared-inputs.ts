import { DesignCache, fingerprint, sameRows } from "../../effects/design-cache.js";

/**
 * What the outcomes of one population share as the ITT estimates them one after another: factored
 * designs (effects/design-cache.ts), and the model columns of each set of rows. Administrative
 * outcomes are usually analysed on every member, and survey outcomes on the same respondents, so
 * their covariates (mean-filled over the rows analysed), strata and subgroup columns are the same
 * values each time; built once per set of rows, they are the same arrays too, which the later steps
 * (a subgroup's columns, keyed by the rows array) rely on.
 *
 * A set of rows is recognised by its contents (a fingerprint, then compared value by value), never
 * by its length alone, so an outcome with other rows never gets another's columns.
 */
export class SharedInputs {
  readonly designs: DesignCache;
  /** The most recently used sets of rows (at most `capacity`; what a set's columns cost is memory of n per column). */
  private readonly byRows = new Map<string, { rows: Int32Array; value: unknown }[]>();
  private readonly byArray = new WeakMap<Int32Array, Map<string, unknown>>();

  constructor(
    designCapacity: number,
    private readonly capacity = 8,
  ) {
    this.designs = new DesignCache(designCapacity);
  }

  /** What `compute` gives for these rows under this name, computed once per distinct rows (while they stay among the recent). */
  forRows<T>(name: string, rows: Int32Array, compute: () => T): T {
    const key = `${name}\u0001${rows.length}\u0001${fingerprint(rows)}`;
    const entries = this.byRows.get(key);
    const hit = entries?.find((e) => sameRows(e.rows, rows));
    if (hit) {
      // most recently used last
      this.byRows.delete(key);
      this.byRows.set(key, entries!);
      return hit.value as T;
    }
    const value = compute();
    this.byRows.delete(key);
    this.byRows.set(key, [...(entries ?? []), { rows, value }]);
    if (this.byRows.size > this.capacity) this.byRows.delete(this.byRows.keys().next().value!);
    return value;
  }

  /** What `compute` gives for this very rows array (the one forRows handed out) under this name. */
  forArray<T>(rows: Int32Array, name: string, compute: () => T): T {
    let named = this.byArray.get(rows);
    if (!named) this.byArray.set(rows, (named = new Map()));
    if (named.has(name)) return named.get(name) as T;
    const value = compute();
    named.set(name, value);
    return value;
  }
}
