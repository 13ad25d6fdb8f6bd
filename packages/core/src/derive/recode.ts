import { inputError, quoteValue } from "../errors.js";
import { quantileType7 } from "../stats/quantile.js";

/**
 * Recodes: numeric bands, value maps and equal-count (quantile) bands. docs/sap.md#recodes.
 *
 * @example
 * recodeBands(Float64Array.of(18, 24.5, 25, 60), [{ label: "<25", below: 25 }, { label: "25+" }]);
 * // ["<25", "<25", "25+", "25+"]
 */
export function recodeBands(values: Float64Array, bands: readonly { label: string; below?: number }[]): (string | null)[] {
  return Array.from(values, (v) => {
    if (Number.isNaN(v)) return null;
    for (const b of bands) if (b.below === undefined || v < b.below) return b.label;
    return bands[bands.length - 1].label;
  });
}

/**
 * Maps each value to a label; a value that the map does not cover is an error (never a silent
 * missing), naming the value and where it occurs.
 */
export function recodeMap(values: readonly (string | null)[], map: Record<string, string>, describe: (i: number) => string, variable: string): (string | null)[] {
  const table = new Map(Object.entries(map));
  return values.map((v, i) => {
    if (v === null) return null;
    const label = table.get(v);
    if (label === undefined) {
      throw inputError(`${variable} has the value ${quoteValue(v)} (${describe(i)}), which the recode's map does not cover`, {
        hint: `add ${quoteValue(v)} to the map (values mapped: ${[...table.keys()].join(", ")}), or declare it a missing-value code`,
      });
    }
    return label;
  });
}

/**
 * q equal-count bands: cut-points are R's type-7 quantiles at k/q (k = 1..q−1) of the non-missing
 * values; a value goes in the first band whose cut-point it does not exceed (as R's
 * cut(x, c(-Inf, quantile(x, (1:(q-1))/q), Inf)), so bands are closed on the right).
 */
export function recodeQuantiles(values: Float64Array, q: number, labels?: readonly string[]): { labels: (string | null)[]; cuts: number[] } {
  const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  const cuts = Array.from({ length: q - 1 }, (_, k) => quantileType7(sorted, (k + 1) / q));
  const names = labels ?? Array.from({ length: q }, (_, k) => `Q${k + 1}`);
  const out = Array.from(values, (v) => {
    if (Number.isNaN(v)) return null;
    let band = cuts.findIndex((c) => v <= c);
    if (band < 0) band = q - 1;
    return names[band];
  });
  return { labels: out, cuts };
}
