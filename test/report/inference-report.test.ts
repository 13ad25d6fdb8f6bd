import { reportSnapshots } from "./report-snapshots.js";

// The analyses beside the ITT (test/sap/mini/inference.yaml): the results tables with their
// randomisation-inference and bootstrap columns, and the tables of Lin's adjustment, the complier
// average causal effects and the bounds for missing outcomes — layout only (the numbers are
// checked against R by test/sap/inference-oracle.test.ts).
reportSnapshots("mini-inference", "test/sap/mini/inference.yaml", { only: /^(results-|lin-|cace-|bounds-)/ });
