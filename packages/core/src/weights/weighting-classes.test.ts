import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { categorical, crossClassify } from "./cells.js";
import { weightingClassWeights } from "./weighting-classes.js";

describe("weightingClassWeights", () => {
  const t = tableFromColumns({ arm: ["T", "T", "T", "T", "T", "C", "C"], sex: ["F", "F", "M", "M", "M", "F", "M"], r: [1, 0, 1, 1, 0, 1, 0] });
  const rows = Int32Array.from({ length: 7 }, (_, i) => i);
  const cells = crossClassify([categorical(t, "arm", rows)], rows);
  const r = Uint8Array.from(t.column("r").values as Float64Array);
  const respondents = (c: number) => cells[c].rows.filter((i) => r[i] === 1);

  it("gives N_k / r_k in each class of the cell", () => {
    const { weights, classes } = weightingClassWeights(cells[1], respondents(1), r, [categorical(t, "sex", cells[1].rows)]);
    expect(Array.from(weights)).toEqual([2, 1.5, 1.5]);
    expect(classes).toEqual([
      { label: "arm=T, sex=F", eligible: 2, respondents: 1 },
      { label: "arm=T, sex=M", eligible: 3, respondents: 2 },
    ]);
  });

  it("is the cell's inverse response rate without covariates", () => {
    const { weights, classes } = weightingClassWeights(cells[1], respondents(1), r, []);
    expect(Array.from(weights)).toEqual([5 / 3, 5 / 3, 5 / 3]);
    expect(classes).toEqual([{ label: "arm=T", eligible: 5, respondents: 3 }]);
  });

  it("names a class without respondents", () => {
    const e = errorOf<TrialstatError>(() => weightingClassWeights(cells[0], respondents(0), r, [categorical(t, "sex", cells[0].rows)]));
    expect(e.kind).toBe("analysis");
    expect(e.message).toBe("weighting class arm=C, sex=M has 1 eligible person and no respondent, so it has no weight to give");
  });
});
