/**
 * Dot products of the first `count` columns of a column-major matrix with `n` rows and a vector,
 * over the rows start ≤ i < end:
 *
 *   out[at + l] = Σ_{i=start}^{end−1} p[l·n + i] · v[i − start]      (l = 0, …, count − 1),
 *
 * added to what `out[at + l]` holds when `accumulate` is set. Four columns are summed per pass over
 * v, which reads v a quarter as often; each sum still runs over i in order, so the bits are those of
 * one column at a time (the least-squares projection and the HC meat depend on that: results are
 * compared to the last bit).
 *
 * Example: `columnDots(p, n, r, v, 0, n, out, 0, false)` is P′v for the first r columns of P.
 */
export function columnDots(p: Float64Array, n: number, count: number, v: Float64Array, start: number, end: number, out: Float64Array, at: number, accumulate: boolean): void {
  let l = 0;
  for (; l + 3 < count; l += 4) {
    const o0 = l * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = start; i < end; i++) {
      const vi = v[i - start];
      s0 += p[o0 + i] * vi;
      s1 += p[o1 + i] * vi;
      s2 += p[o2 + i] * vi;
      s3 += p[o3 + i] * vi;
    }
    const k = at + l;
    out[k] = accumulate ? out[k] + s0 : s0;
    out[k + 1] = accumulate ? out[k + 1] + s1 : s1;
    out[k + 2] = accumulate ? out[k + 2] + s2 : s2;
    out[k + 3] = accumulate ? out[k + 3] + s3 : s3;
  }
  for (; l < count; l++) {
    const o = l * n;
    let s = 0;
    for (let i = start; i < end; i++) s += p[o + i] * v[i - start];
    out[at + l] = accumulate ? out[at + l] + s : s;
  }
}
