/**
 * Double-double accumulation (about 32 significant digits) for residuals in iterative refinement.
 *
 * Dekker's exact product by splitting and Knuth's two-sum: the rounding error of every product and
 * sum is carried in a second double. Reference: Dekker (1971), "A floating-point technique for
 * extending the available precision", Numer. Math. 18:224–242; Ogita, Rump & Oishi (2005),
 * "Accurate sum and dot product", SIAM J. Sci. Comput. 26(6):1955–1988 (Dot2).
 */
const SPLITTER = 134217729; // 2^27 + 1

/**
 * Σ a[aOff + i] · b[bOff + i] for i < n, plus `start`, accurate as if computed in twice the
 * working precision (Dot2), then rounded once.
 *
 * @example
 * accurateDot(Float64Array.of(1e16, 1, -1e16), 0, Float64Array.of(1, 1, 1), 0, 3); // 1 (naive: 0)
 */
export function accurateDot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number, start = 0): number {
  let s = start;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = a[aOff + i];
    const y = b[bOff + i];
    const p = x * y;
    // TwoProduct error term
    let t = SPLITTER * x;
    const xh = t - (t - x);
    const xl = x - xh;
    t = SPLITTER * y;
    const yh = t - (t - y);
    const yl = y - yh;
    const pe = xl * yl - (((p - xh * yh) - xl * yh) - xh * yl);
    // TwoSum of s + p
    const sum = s + p;
    const z = sum - s;
    const se = (s - (sum - z)) + (p - z);
    s = sum;
    c += pe + se;
  }
  return s + c;
}
