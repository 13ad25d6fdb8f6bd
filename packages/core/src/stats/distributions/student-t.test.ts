import { describe, expect, it } from "vitest";
import { studentTQuantile, studentTUpperQuantile, studentTUpperTail } from "./student-t.js";

const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b) / Math.abs(b)).toBeLessThanOrEqual(tol);

describe("studentTUpperQuantile", () => {
  it("inverts the closed forms: Cauchy (ν = 1: cot(π·tail)) and ν = 2 ((1 − 2p)/√(2p(1 − p)))", () => {
    for (const tail of [0.4, 0.05, 1e-3, 1e-10, 1e-100]) close(studentTUpperQuantile(tail, 1), 1 / Math.tan(Math.PI * tail), 1e-13);
    for (const tail of [0.3, 0.025, 1e-6, 1e-40]) close(studentTUpperQuantile(tail, 2), (1 - 2 * tail) / Math.sqrt(2 * tail * (1 - tail)), 1e-13);
  });

  it("gives R's qt in the far tail, and its tail probability back for fractional and large ν", () => {
    close(studentTUpperQuantile(1e-10, 5), 156.8255927088943, 1e-13); // R: qt(1e-10, 5, lower.tail = FALSE)
    for (const df of [0.3, 0.5, 1.5, 2.7, 9.5, 40, 1e4]) {
      for (const tail of [0.45, 0.025, 1e-5, 1e-30]) {
        const t = studentTUpperQuantile(tail, df);
        close(studentTUpperTail(t, df), tail, 1e-12);
      }
    }
  });

  it("is symmetric and odd about the median", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.25, 7)).toBe(-studentTQuantile(0.75, 7));
    expect(studentTUpperQuantile(0.75, 3)).toBe(-studentTUpperQuantile(0.25, 3));
  });
});
