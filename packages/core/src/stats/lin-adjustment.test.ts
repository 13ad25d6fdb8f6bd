import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { buildModelFrame } from "./formula/model-frame.js";
import { buildModelMatrix } from "./formula/model-matrix.js";
import { toRows } from "./linalg/dense.js";
import { centredName, linDesign, linTerms } from "./lin-adjustment.js";

const data = tableFromColumns({
  y: [1, 2, 3, 4, 5, 6],
  treat: [0, 1, 0, 1, 1, 0],
  arm: [0, 1, 2, 1, 0.5, 2],
  x: [1, 2, 3, 4, 5, 6],
  g: ["A", "B", "A", "B", "C", "C"],
  w: [1, 2, 1, 2, 1, 1],
});
const matrixOf = (formula: string, covariates: string) => buildModelMatrix(buildModelFrame(data, linTerms(formula, covariates)));

describe("Lin's design (estimatr::lm_lin)", () => {
  it("centres every covariate column at its mean and interacts it with the treatment", () => {
    const lin = linDesign(matrixOf("y ~ treat", "~ x + g"));
    expect(lin.columnNames).toEqual(["(Intercept)", "treat", "x_c", "gB_c", "gC_c", "treat:x_c", "treat:gB_c", "treat:gC_c"]);
    // means by hand: x 21/6 = 3.5, gB 2/6, gC 2/6
    expect(lin.centres.map((c) => c.term)).toEqual(["x", "gB", "gC"]);
    expect(lin.centres[0].centre).toBe(3.5);
    expect(lin.centres[1].centre).toBeCloseTo(1 / 3, 15);
    // row 2: treat 1, x 2, g B
    const row = toRows(lin.matrix)[1];
    const expected = [1, 1, -1.5, 2 / 3, -1 / 3, -1.5, 2 / 3, -1 / 3];
    row.forEach((v, j) => expect(v).toBeCloseTo(expected[j], 14));
    // a control row's interactions are zero
    expect(toRows(lin.matrix)[0].slice(5).every((v) => v === 0)).toBe(true);
  });

  it("centres at the weighted mean Σwx/Σw when weighted", () => {
    const lin = linDesign(matrixOf("y ~ treat", "~ x + g"), Float64Array.of(1, 2, 1, 2, 1, 1));
    // Σw = 8; Σwx = 27; gB: (2 + 2)/8; gC: (1 + 1)/8
    expect(lin.centres.map((c) => c.centre)).toEqual([27 / 8, 0.5, 0.25]);
  });

  it("makes one indicator per value of a numeric treatment that is not 0/1, named as R pastes numbers", () => {
    const lin = linDesign(matrixOf("y ~ arm", "~ x"));
    expect(lin.treatment).toEqual(["arm0.5", "arm1", "arm2"]);
    expect(lin.columnNames).toEqual(["(Intercept)", "arm0.5", "arm1", "arm2", "x_c", "arm0.5:x_c", "arm1:x_c", "arm2:x_c"]);
  });

  it("without an intercept keeps the centred main effects for one treatment column, not for several", () => {
    expect(linDesign(matrixOf("y ~ treat - 1", "~ x")).columnNames).toEqual(["treat", "x_c", "treat:x_c"]);
    expect(linDesign(matrixOf("y ~ 0 + factor(arm)", "~ x")).columnNames).toEqual(["factor(arm)0", "factor(arm)0.5", "factor(arm)1", "factor(arm)2", "factor(arm)0:x_c", "factor(arm)0.5:x_c", "factor(arm)1:x_c", "factor(arm)2:x_c"]);
  });

  it.each([
    ["x1", "x1_c"],
    ["x1:x2", "(x1:x2)_c"],
    ["factor(arm)1", "(factor(arm)1)_c"],
    ["I(x^2)", "(I(x^2))_c"],
    ["gB", "gB_c"],
  ])("names the centred %s as estimatr does: %s", (name, centred) => {
    expect(centredName(name)).toBe(centred);
  });
});

describe("Lin's formulas", () => {
  it("combines the treatment and the covariates as update(f, . ~ . + covariates) does", () => {
    expect(linTerms("y ~ treat", "~ x + x:g").termLabels).toEqual(["treat", "x", "x:g"]);
  });

  it.each([
    ["y ~ treat + x", "~ g", "takes the treatment alone on the right-hand side of the formula, which names 2 variables (treat, x)", "~ x"],
    ["y ~ 1", "~ x", "needs the treatment on the right-hand side", "outcome ~ treatment"],
    ["y ~ treat", "y ~ x", "the covariates of Lin's adjustment take no outcome", "~ x"],
    ["y ~ treat", "~ 1", "no covariates", "~ x1 + x2"],
    ["y ~ treat", "~ x + treat", "treat is the treatment and cannot also be a covariate", "remove it"],
    ["y ~ treat", "~ x + y", "y is the outcome and cannot also be a covariate", "remove it"],
    ["y ~ treat", "~ x | z", '"|"', "remove it"],
  ])("refuses %s with covariates %s", (formula, covariates, message, hint) => {
    const err = errorOf<TrialstatError>(() => linTerms(formula, covariates));
    expect(err).toBeInstanceOf(TrialstatError);
    expect(err.kind).toBe("input");
    expect(err.message).toContain(message);
    expect(err.hint).toContain(hint);
  });
});
