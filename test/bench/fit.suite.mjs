// Benchmark suite: `trialstat fit` engine on synthetic data, beside estimatr::lm_robust.
import { fileURLToPath } from "node:url";
import { timeAgainstR } from "./scenario.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));

export const title = "fit (engine: model frame, model matrix, QR, variance)";
export const columns = ["scenario", "trialstat s", "peak MB", "estimatr s", "peak MB", "estimatr / trialstat"];

const scenarios = [
  { label: "fit n=10^6 k=20 HC2", args: ["1000000", "20", "HC2"] },
  { label: "fit n=10^6 k=20 CR2, 1,000 clusters", args: ["1000000", "20", "CR2", "1000"] },
];

export function run() {
  return timeAgainstR({
    scenarios,
    script: here("./fit-scenario.mjs"),
    rScript: here("./fit-scenario.R"),
    rPackage: "estimatr",
    same: { key: "se_x1", label: "same SE(x1) as estimatr" },
  });
}
