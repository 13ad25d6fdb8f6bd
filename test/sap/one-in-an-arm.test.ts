import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { miniCopy } from "./mini-copy.js";
import { runSap } from "./run-sap.js";

// gender X for the first treated and the first twelve control participants of the baseline
const oneTreatedInX = (text: string) => {
  let treated = 0;
  let control = 0;
  return text
    .split("\n")
    .map((row, k) => {
      const cells = row.split(","); // id,randomised_on,arm,site,group,age,gender,score0
      if (k === 0 || cells.length < 8) return row;
      if (cells[2] === "T" && treated < 1) treated++;
      else if (cells[2] === "C" && control < 12) control++;
      else return row;
      cells[6] = "X";
      return cells.join(",");
    })
    .join("\n");
};

describe("an effect with one participant in an arm", () => {
  // gender out of the non-response model, whose cells the lone X would separate
  const plan = (se: string) => (text: string) => text.replace("se: HC2", `se: ${se}`).replace("covariates: [gender, score0], within", "covariates: [score0], within");

  it.each(["HC1", "HC0", "HC2"])("is refused with %s, before the fit (HC2 would stop at the leverage with a remedy of HC1, which is refused too)", (se) => {
    const dir = miniCopy({ sap: plan(se), files: { "data/baseline.csv": oneTreatedInX } });
    expect(() => runSap(join(dir, "sap.yaml"))).toThrow(/subgroup gender = X: only one treated participant with \w+, whose residual is 0 by construction, so a HC[012] standard error cannot be estimated/);
  });
});
