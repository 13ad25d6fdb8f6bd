import { dirname, resolve } from "node:path";
import type { Sap } from "@trialstat/core";
import type { GuardedPath } from "./output-target.js";

/**
 * The files a plan reads, which its outputs must never replace or contain: the SAP itself, every
 * source (`sources.<name>.file`) and every value set a derived score names (`derive.<name>.value_set`),
 * the last two relative to the SAP's folder as `runPlan` reads them. `sap` is the parsed plan
 * (parseSap's, which the run then reuses); a SAP that does not parse guards only itself (and its
 * folder): the run then stops on the SAP's problems before writing.
 *
 * Example: for `plan/sap.yaml` naming `data/baseline.csv`, the guarded paths are `plan/sap.yaml`
 * and `plan/data/baseline.csv`, so `--out plan`, `--out plan/data` and `--out plan/sap.yaml` are refused.
 */
export function planFiles(sapPath: string, sap: Sap | undefined, sapShown: string): GuardedPath[] {
  const folder = dirname(sapPath);
  const files: GuardedPath[] = [{ path: sapPath, what: `the SAP (${sapShown})` }];
  if (!sap) return files;
  for (const [name, source] of Object.entries(sap.sources ?? {})) {
    if (typeof source?.file === "string") files.push({ path: resolve(folder, source.file), what: `the source file of ${name} (${source.file})` });
  }
  for (const [name, derived] of Object.entries(sap.derive ?? {})) {
    const valueSet = (derived as { value_set?: unknown }).value_set;
    if (typeof valueSet === "string") files.push({ path: resolve(folder, valueSet), what: `the value set of ${name} (${valueSet})` });
  }
  return files;
}
