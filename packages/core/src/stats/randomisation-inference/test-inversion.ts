import { TIE_TOLERANCE } from "./p-values.js";

/**
 * A confidence interval for a constant effect τ by inverting the randomisation test: the set of τ
 * whose sharp hypothesis "every unit's treated outcome is its control outcome + τ" the two-sided test
 * does not reject, {τ : p(τ) > α} with α = 1 − level.
 *
 * Under H_τ the control outcomes y − τT are known, and the test statistic for an assignment T* is
 * the estimate on them. The estimator is linear in the outcome, so with a_d = est(y, T*_d) and
 * b_d = est(T, T*_d) (the estimate when the outcome is the observed arm; b₀ = 1):
 *
 *     est(y − τT, T*_d) = a_d − τ b_d,   observed: a₀ − τ,
 *     p(τ) = #{d : |a_d − τ b_d| ≥ (1 − 1e-9)|a₀ − τ|} / D     (the p-value's tie rule, p-values.ts).
 *
 * Each condition is a quadratic inequality (b_d² − c)τ² − 2(a_d b_d − c a₀)τ + (a_d² − c a₀²) ≥ 0
 * with c = (1 − 1e-9)², true on a closed set of at most two intervals whose ends are its roots, so
 * p(τ) is a step function that changes only at those ≤ 2D roots. A sweep over them in order finds
 * the smallest count m with m/D > α and the interval's ends:
 *
 *     conf_low = inf{τ : p(τ) > α},   conf_high = sup{τ : p(τ) > α},
 *
 * both attained (the set is closed: each condition holds at its roots), −∞ or +∞ when p(τ) stays
 * above α as τ → ∓∞ (too few assignments with |b_d| ≥ 1 to reject far-away effects — usual with few
 * assignments). The set always holds a₀ (p(a₀) = 1); when it is not one interval (possible, as the
 * b_d vary), the interval reported is its hull and `isInterval` is false. Exact up to floating point:
 * no grid and no root search.
 *
 * Source: Rosenbaum, Observational Studies, 2002, §2.6.2 (intervals by inverting randomisation
 * tests of constant effects); Imbens & Rubin, Causal Inference, 2015, §5.7.
 *
 * @example
 * const { low, high } = invertRandomisationTest(a, b, a[0], 0.95);
 */
export interface InvertedInterval {
  readonly low: number;
  readonly high: number;
  /** False when {τ : p(τ) > α} has gaps between low and high. */
  readonly isInterval: boolean;
}

export function invertRandomisationTest(a: Float64Array, b: Float64Array, observed: number, level: number): InvertedInterval {
  const alpha = 1 - level;
  const total = a.length;
  let needed = Math.floor(alpha * total);
  while (needed / total <= alpha) needed++;
  while (needed > 1 && (needed - 1) / total > alpha) needed--;

  const c = (1 - TIE_TOLERANCE) ** 2;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let d = 0; d < total; d++) {
    for (const [lo, hi] of conditionSet(b[d] * b[d] - c, -2 * (a[d] * b[d] - c * observed), a[d] * a[d] - c * observed * observed)) {
      starts.push(lo);
      ends.push(hi);
    }
  }
  starts.sort((x, y) => x - y);
  ends.sort((x, y) => x - y);

  // left to right: the count on τ is #starts ≤ τ − #ends < τ
  let low = NaN;
  let isInterval = true;
  let i = 0;
  let j = 0;
  let count = 0;
  let inside = false;
  while (i < starts.length || j < ends.length) {
    const x = i < starts.length && (j >= ends.length || starts[i] <= ends[j]) ? starts[i] : ends[j];
    while (i < starts.length && starts[i] === x) {
      count++;
      i++;
    }
    if (count >= needed && !inside) {
      if (Number.isNaN(low)) low = x;
      else isInterval = false; // the set left off and starts again: a gap
    }
    while (j < ends.length && ends[j] === x) {
      count--;
      j++;
    }
    inside = count >= needed;
  }
  // the last point where the count was high enough: scan from the right
  let high = NaN;
  count = 0;
  i = starts.length - 1;
  j = ends.length - 1;
  while (i >= 0 || j >= 0) {
    const x = j >= 0 && (i < 0 || ends[j] >= starts[i]) ? ends[j] : starts[i];
    while (j >= 0 && ends[j] === x) {
      count++;
      j--;
    }
    if (count >= needed) {
      high = x;
      break;
    }
    while (i >= 0 && starts[i] === x) {
      count--;
      i--;
    }
  }
  if (Number.isNaN(low) || Number.isNaN(high)) throw new Error("internal: the inverted test rejects every effect");
  return { low, high, isInterval };
}

/** The two-sided randomisation p-value of the constant-effect hypothesis τ, from (a_d, b_d) directly. */
export function randomisationPValueAt(a: Float64Array, b: Float64Array, observed: number, tau: number): number {
  const threshold = (1 - TIE_TOLERANCE) * Math.abs(observed - tau);
  let count = 0;
  for (let d = 0; d < a.length; d++) if (Math.abs(a[d] - tau * b[d]) >= threshold) count++;
  return count / a.length;
}

/** {τ : Aτ² + Bτ + C ≥ 0} as closed intervals (ends ±Infinity where unbounded). */
function conditionSet(A: number, B: number, C: number): [number, number][] {
  if (!(Number.isFinite(A) && Number.isFinite(B) && Number.isFinite(C))) return [];
  if (A === 0) {
    if (B > 0) return [[-C / B, Infinity]];
    if (B < 0) return [[-Infinity, -C / B]];
    return C >= 0 ? [[-Infinity, Infinity]] : [];
  }
  const disc = B * B - 4 * A * C;
  if (disc <= 0) {
    if (A > 0) return [[-Infinity, Infinity]];
    if (disc === 0) return [[-B / (2 * A), -B / (2 * A)]];
    return [];
  }
  const q = -0.5 * (B + (B >= 0 ? 1 : -1) * Math.sqrt(disc));
  const r1 = q / A;
  const r2 = C / q;
  const lo = Math.min(r1, r2);
  const hi = Math.max(r1, r2);
  return A > 0 ? [[-Infinity, lo], [hi, Infinity]] : [[lo, hi]];
}
