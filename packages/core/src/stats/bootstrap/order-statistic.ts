/**
 * The m-th largest of some numbers (m = 1: the largest), by Hoare's selection (quickselect, median-of-three
 * pivot, three-way partition): O(B) on average, where sorting costs O(B log B) — the wild bootstrap's
 * confidence interval asks for one order statistic of B bootstrap statistics at every step of its
 * root search. NaN counts as larger than every number (an undefined bootstrap statistic exceeds
 * any observed one, as in boottest). `values` is reordered.
 *
 * Source: C. A. R. Hoare, "Algorithm 65: Find", Comm. ACM 4(7), 1961.
 *
 * @example
 * mthLargest(Float64Array.of(3, 9, 1, 7), 2); // 7
 */
export function mthLargest(values: Float64Array, m: number): number {
  const n = values.length;
  if (!(m >= 1 && m <= n)) throw new Error(`internal: order statistic ${m} of ${n} values`);
  // select the (n − m)-th smallest (0-based), NaN mapped to +Infinity first
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) values[i] = Infinity;
  const k = n - m;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = medianOfThree(values[lo], values[(lo + hi) >>> 1], values[hi]);
    // three-way partition, so that runs of equal values (Rademacher draws come in equal pairs) cost O(B)
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      if (values[i] < pivot) swap(values, lt++, i++);
      else if (values[i] > pivot) swap(values, i, gt--);
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return values[k];
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
