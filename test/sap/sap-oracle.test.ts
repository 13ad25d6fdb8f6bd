import { describe, expect, it } from "vitest";
import { readJson } from "../helpers.js";
import { type OracleRow, expectOracleRow, oracleCases, rowKeys } from "./oracle-rows.js";
import { runSap } from "./run-sap.js";

// test/oracle/sap.R re-implements the whole mini plan in R (linkage, administrative windows,
// recodes, missing indicators, lm_robust HC2, subgroup contrasts, linearHypothesis, p.adjust).
const oracle = readJson<{ rows: OracleRow[] }>("test/oracle/sap.json");
const run = runSap("test/sap/mini/sap.yaml");

describe("trialstat run agrees with an independent R implementation of the mini plan", () => {
  it("has the same rows in the same order", () => {
    expect(rowKeys(run.results.rows)).toEqual(rowKeys(oracle.rows));
  });

  it.each(oracleCases(oracle.rows))("%s", (label, i) => expectOracleRow(run.results.rows[i], oracle.rows[i], label));
});
