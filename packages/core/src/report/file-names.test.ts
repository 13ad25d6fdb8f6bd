import { describe, expect, it } from "vitest";
import { safeFileName, uniqueFileNames } from "./file-names.js";

describe("report file names", () => {
  it("keep only lower-case letters, digits and single hyphens", () => {
    expect(safeFileName("results-Région 1/../etc")).toBe("results-r-gion-1-etc");
    expect(safeFileName("forest-日本")).toBe("forest");
    expect(safeFileName("---")).toBe("item");
  });

  it("tell apart names that differ only by case or by characters file names fold, in plan order", () => {
    expect(uniqueFileNames(["results-all", "results-All", "forest-a_b", "forest-a__b", "forest-a.b", "results-ALL"])).toEqual([
      "results-all",
      "results-all-2",
      "forest-a-b",
      "forest-a-b-2",
      "forest-a-b-3",
      "results-all-3",
    ]);
  });

  it("never take another item's own name as a suffixed name, and never rename a unique name", () => {
    expect(uniqueFileNames(["x", "X", "x-2"])).toEqual(["x", "x-3", "x-2"]);
  });

  it("cut long names to 80 characters with a hash of the whole name, keeping them apart", () => {
    const long = `descriptive-1-${"a very long title ".repeat(30)}`;
    const [a, b, c] = uniqueFileNames([`${long}one`, `${long}two`, `${long}one`]);
    for (const name of [a, b, c]) {
      expect(name.length).toBeLessThanOrEqual(80);
      expect(name).toMatch(/^descriptive-1-a-very-long-title-[a-z0-9-]+$/);
    }
    expect(a).toMatch(/-[0-9a-f]{8}$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(c).toBe(`${a.slice(0, 78)}-2`);
  });

  it("are the same for the same inputs", () => {
    const names = ["results-All", "results-all", `t-${"x".repeat(500)}`];
    expect(uniqueFileNames(names)).toEqual(uniqueFileNames([...names]));
  });
});
