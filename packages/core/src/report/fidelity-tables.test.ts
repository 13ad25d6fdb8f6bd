import { describe, expect, it } from "vitest";
import { itemList } from "./fidelity-tables.js";

describe("itemList", () => {
  it("names one item, lists a few with 'and', and writes three or more consecutive items as a range", () => {
    expect(itemList([7])).toBe("item 7");
    expect(itemList([10, 21])).toBe("items 10 and 21");
    expect(itemList([5, 1, 2])).toBe("items 1, 2 and 5");
    expect(itemList(Array.from({ length: 24 }, (_, j) => j + 1))).toBe("items 1–24");
    expect(itemList([1, 2, 3, 7, 9, 10, 11, 12])).toBe("items 1–3, 7 and 9–12");
  });
});
