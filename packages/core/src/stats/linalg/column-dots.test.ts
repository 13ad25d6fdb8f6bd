import { describe, expect, it } from "vitest";
import { columnDots } from "./column-dots.js";

// p is 5 × 6, column-major: p[l·5 + i] = (l + 1) · 10 + i, so column l holds (l+1)·10 + 0..4.
const n = 5;
const p = Float64Array.from({ length: n * 6 }, (_, k) => (Math.floor(k / n) + 1) * 10 + (k % n));

describe("columnDots", () => {
  it("is P′v for every count, four columns per pass or one (closed form: Σ_i ((l+1)·10 + i)·v_i)", () => {
    const v = Float64Array.from([1, -2, 3, 0.5, 4]);
    const exact = (l: number) => v.reduce((s, vi, i) => s + ((l + 1) * 10 + i) * vi, 0);
    for (let count = 0; count <= 6; count++) {
      const out = new Float64Array(count).fill(99);
      columnDots(p, n, count, v, 0, n, out, 0, false);
      expect(Array.from(out)).toEqual(Array.from({ length: count }, (_, l) => exact(l)));
    }
  });

  it("sums rows start ≤ i < end against v[i − start], adding to out at an offset when asked", () => {
    const v = Float64Array.from([2, -1]); // rows 2 and 3
    const out = Float64Array.from([7, 1, 1, 1, 1, 1, 1]);
    columnDots(p, n, 5, v, 2, 4, out, 1, true);
    // column l, rows 2..3: 2·((l+1)·10 + 2) − ((l+1)·10 + 3) = (l+1)·10 + 1, plus the 1 already there
    expect(Array.from(out)).toEqual([7, 12, 22, 32, 42, 52, 1]);
  });
});
