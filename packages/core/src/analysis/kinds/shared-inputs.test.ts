import { describe, expect, it } from "vitest";
import { SharedInputs } from "./shared-inputs.js";

describe("SharedInputs", () => {
  it("serves what was computed for the same rows, and never for other rows of the same length", () => {
    const shared = new SharedInputs(2);
    let computed = 0;
    const columnsOf = (rows: Int32Array) => shared.forRows("covariates age", rows, () => ({ rows, n: ++computed }));
    const first = columnsOf(Int32Array.of(0, 2, 5));
    expect(columnsOf(Int32Array.of(0, 2, 5))).toBe(first);
    expect(computed).toBe(1);
    const other = columnsOf(Int32Array.of(0, 2, 6));
    expect(other).not.toBe(first);
    expect(other.n).toBe(2);
    // another name on the same rows is another thing
    expect(shared.forRows("covariates age,sex", Int32Array.of(0, 2, 5), () => "other")).toBe("other");
  });

  it("keys forArray on the rows array itself, and on the name", () => {
    const shared = new SharedInputs(2);
    const rows = Int32Array.of(1, 2);
    expect(shared.forArray(rows, "subgroup sex", () => 1)).toBe(1);
    expect(shared.forArray(rows, "subgroup sex", () => 2)).toBe(1);
    expect(shared.forArray(rows, "subgroup age", () => 3)).toBe(3);
    expect(shared.forArray(Int32Array.of(1, 2), "subgroup sex", () => 4)).toBe(4);
  });

  it("forgets the least recently used sets of rows beyond its capacity, and computes them again", () => {
    const shared = new SharedInputs(2, 2);
    let computed = 0;
    const of = (...rows: number[]) => shared.forRows("c", Int32Array.from(rows), () => ++computed);
    expect([of(1), of(2), of(1), of(3)]).toEqual([1, 2, 1, 3]);
    // 2 was the least recently used when 3 came
    expect(of(1)).toBe(1);
    expect(of(2)).toBe(4);
  });
});
