// Benchmark suite: non-response weights (`trialstat weights` engine) on synthetic data, beside the
// same pipeline in R (glm per cell or survey::rake, then survey::trimWeights).
import { fileURLToPath } from "node:url";
import { timeAgainstR } from "./scenario.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));

export const title = "weights (6 cells, trimmed at 5; trialstat also computes the diagnostics)";
export const columns = ["scenario", "trialstat s", "peak MB", "R s", "peak MB", "R / trialstat"];

const scenarios = [
  { label: "logit n=10^6, 4 covariates", args: ["1000000", "logit"] },
  { label: "rake n=10^6, 2 margins", args: ["1000000", "rake"] },
];

export function run() {
  return timeAgainstR({
    scenarios,
    script: here("./weights-scenario.mjs"),
    rScript: here("./weights-scenario.R"),
    rPackage: "survey",
    same: { key: "deff", label: "same design effect as R" },
  });
}
