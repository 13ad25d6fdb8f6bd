import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { CoefficientRow } from "@trialstat/core";

/** Absolute path of a file in the repository. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

export function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(repoPath(relative), "utf8")) as T;
}

/**
 * |actual − expected| ≤ tol · max(|expected|, floor): a relative comparison that does not blow up
 * for values at zero (STATISTICS.md: 1e-8 for estimates, 1e-6 for everything else).
 */
export function expectClose(actual: number | null | undefined, expected: number | null | undefined, tol: number, what: string, floor = 1e-12): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(actual, what).not.toBeUndefined();
  const a = actual as number;
  if (!Number.isFinite(expected)) {
    expect(a, what).toBe(expected);
    return;
  }
  const err = Math.abs(a - expected) / Math.max(Math.abs(expected), floor);
  if (!(err <= tol)) {
    throw new Error(`${what}: got ${a}, R gives ${expected} (relative difference ${err.toExponential(2)} > ${tol})`);
  }
}

/** Runs f and returns the error it throws (failing the test if it throws none). */
export function errorOf<E = Error>(f: () => unknown): E {
  try {
    f();
  } catch (e) {
    return e as E;
  }
  throw new Error("expected an error, but none was thrown");
}

/**
 * Every reference row agrees: the estimate to `estimateTol` (STATISTICS.md: 1e-8) and the SE,
 * statistic, df, p-value and interval to `tol` (1e-6).
 */
export function expectRowsClose(got: readonly CoefficientRow[], expected: readonly CoefficientRow[], name: string, estimateTol = 1e-8, tol = 1e-6): void {
  for (const ref of expected) {
    const row = got.find((r) => r.term === ref.term)!;
    const at = `${name} / ${ref.term}`;
    expect(row, at).toBeDefined();
    expectClose(row.estimate, ref.estimate, estimateTol, `${at} estimate`, 1e-10);
    expectClose(row.std_error, ref.std_error, tol, `${at} std_error`);
    expectClose(row.statistic, ref.statistic, tol, `${at} statistic`);
    expectClose(row.df, ref.df, tol, `${at} df`);
    expectClose(row.p_value, ref.p_value, tol, `${at} p_value`);
    expectClose(row.conf_low, ref.conf_low, tol, `${at} conf_low`, 1e-8);
    expectClose(row.conf_high, ref.conf_high, tol, `${at} conf_high`, 1e-8);
  }
}

/** Covariance matrices agree to `tol`, an entry near zero judged against √(v_ii v_jj)·1e-3. */
export function expectCovarianceClose(got: readonly (readonly number[])[], expected: readonly (readonly number[])[], name: string, tol = 1e-6): void {
  expected.forEach((row, i) =>
    row.forEach((v, j) => expectClose(got[i][j], v, tol, `${name} vcov[${i}][${j}]`, 1e-12 + Math.abs(expected[i][i] * expected[j][j]) ** 0.5 * 1e-3)),
  );
}
