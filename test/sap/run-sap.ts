import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type PlanInput, type PlanRun, runPlan } from "@trialstat/core";
import { repoPath } from "../helpers.js";

/** The input of a SAP (path relative to the repository, or absolute), its files read from beside it. */
export function sapInput(sapPath: string): PlanInput {
  const path = sapPath.startsWith("/") ? sapPath : repoPath(sapPath);
  return { sapText: readFileSync(path, "utf8"), sapFile: basename(path), readFile: (f) => readFileSync(join(dirname(path), f), "utf8") };
}

/** Runs a SAP through the library (sapInput). */
export function runSap(sapPath: string): PlanRun {
  return runPlan(sapInput(sapPath));
}
