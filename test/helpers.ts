import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

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
