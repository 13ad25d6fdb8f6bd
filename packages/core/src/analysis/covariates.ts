import { TrialstatError, inputError } from "../errors.js";
import type { DesignColumn } from "../effects/effect-input.js";
import { prepareCovariates as prepareWithPolicy } from "../weights/missing-covariates.js";
import type { AnalysisFrame } from "./frame.js";

/**
 * Baseline covariates for an effect model, with the SAP's missing-covariate policy
 * (docs/statistics.md#missing-covariates), the same rules as for non-response weights:
 *
 * - `indicator` (the default): a numeric covariate with missing values is filled with its mean over
 *   the analysed rows and joined by a 0/1 indicator `<name>_missing`; a categorical covariate gets a
 *   level "(missing)". In a randomised trial this keeps everyone and leaves the treatment estimate
 *   unbiased (White & Thompson 2005, Statistics in Medicine 24:993–1007).
 * - `complete_case`: rows missing any covariate are dropped, and counted.
 * - `error`: any missing covariate value stops the run, naming the covariate and how many rows.
 */
export interface PreparedCovariates {
  /** The rows (of the frame) that stay in the analysis. */
  rows: Int32Array;
  /** The covariates' design columns over those rows, indicators included. */
  columns: DesignColumn[];
}

export function prepareCovariates(
  frame: AnalysisFrame,
  candidates: Int32Array,
  covariates: readonly string[],
  policy: "indicator" | "error" | "complete_case",
  where: string,
  reference: ReadonlyMap<string, string> = new Map(),
): PreparedCovariates {
  const columns = covariates.map((name) => ({ name, column: frame.get(name, `covariates, ${where}`) }));
  const isMissing = (c: (typeof columns)[number]["column"], i: number) => (c.kind === "number" ? Number.isNaN(c.values[i]) : c.values[i] === null);
  const rows = policy === "complete_case" ? candidates.filter((i) => columns.every(({ column }) => !isMissing(column, i))) : candidates;

  const table = frame.table(covariates, rows, where);
  let prepared;
  try {
    prepared = prepareWithPolicy(table, covariates, Int32Array.from(rows.keys()), policy === "indicator" ? "indicator" : "error");
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    const counts = columns.map(({ name, column }) => ({ name, n: rows.reduce((s, i) => s + (isMissing(column, i) ? 1 : 0), 0) })).filter((c) => c.n > 0);
    throw inputError(`covariates are missing (${where}): ${counts.map((c) => `${c.name} for ${c.n} participant${c.n === 1 ? "" : "s"}`).join(", ")}`, {
      location: { path: "covariates.missing" },
      hint: "the SAP's policy is error: fill the data, or state missing: indicator (or complete_case)",
    });
  }
  const out: DesignColumn[] = [];
  for (const c of prepared) {
    if (c.kind === "factor") {
      const level = reference.get(c.name);
      out.push({ name: c.name, kind: "categorical", values: c.values, ...(level !== undefined && { reference: level }) });
      continue;
    }
    out.push({ name: c.name, kind: "numeric", values: c.values });
    if (c.indicator) {
      if (frame.has(c.indicator)) throw inputError(`cannot add the missing-value indicator ${c.indicator}: a variable of that name exists`, { hint: `rename ${c.indicator}` });
      out.push({ name: c.indicator, kind: "numeric", values: Float64Array.from(c.missing) });
    }
  }
  return { rows, columns: out };
}
