import { describe, expect, it } from "vitest";
import { populationWarning } from "./population-warning.js";

describe("populationWarning", () => {
  it("says the population once", () => {
    expect(populationWarning("all", "only 3 clusters of site")).toBe("population all: only 3 clusters of site");
    expect(populationWarning("all", "outcome y, population all: weak instrument")).toBe("outcome y, population all: weak instrument");
    expect(populationWarning("all", "outcome y, population all, subgroup site: one level")).toBe("outcome y, population all, subgroup site: one level");
  });

  it("does not take another population's name, or a name inside the text, for this one's", () => {
    expect(populationWarning("all", "outcome y, population all_iw: weak instrument")).toBe("population all: outcome y, population all_iw: weak instrument");
    expect(populationWarning("all", "the population all: has few people")).toBe("population all: the population all: has few people");
  });
});
