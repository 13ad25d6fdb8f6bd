import type { FitResult } from "../stats/fit.js";
import type { FitRandomisationInference } from "../stats/randomisation-inference/fit-randomisation-inference.js";
import { csvText } from "./csv.js";
import { estimatorLines, estimatorTitle } from "./fit-estimator-lines.js";
import { alignColumns, formatPValue, formatSignificant } from "./format-number.js";

const SE_LABELS: Record<string, string> = {
  classical: "classical",
  HC0: "HC0 robust",
  HC1: "HC1 robust",
  HC2: "HC2 robust",
  HC3: "HC3 robust",
  CR0: "CR0 cluster-robust",
  stata: "CR1 (Stata) cluster-robust",
  CR2: "CR2 cluster-robust, Bell–McCaffrey df",
};

/**
 * A fit as an aligned terminal table, with the details that decide the numbers (variance type,
 * reference distribution, n, dropped rows, clusters) stated above the coefficients.
 */
export function fitTable(result: FitResult): string {
  const model = estimatorTitle(result) ?? (result.family === "binomial" ? "Logistic regression (IRLS)" : "Linear regression (least squares)");
  const lines: string[] = [];
  lines.push(`${model}; ${SE_LABELS[result.se_type] ?? result.se_type} standard errors; ${result.dist === "t" ? "t" : "normal (z)"} inference`);
  const facts = [`n = ${result.n}`];
  if (result.n_dropped > 0) facts.push(`${result.n_dropped} dropped`);
  facts.push(`rank ${result.rank}`, `residual df ${result.df_residual}`);
  if (result.n_clusters !== null) facts.push(`${result.n_clusters} clusters`);
  if (result.r_squared !== null) facts.push(`R² = ${formatSignificant(result.r_squared, 4)}`);
  lines.push(facts.join(", "));
  lines.push("");
  const pct = `${Math.round(result.conf_level * 1000) / 10}%`;
  const header = ["term", "estimate", "std.error", result.dist === "t" ? "t" : "z", ...(result.dist === "t" ? ["df"] : []), "p", `${pct} low`, `${pct} high`];
  const rows = result.coefficients.map((c) => [
    c.term,
    formatSignificant(c.estimate),
    formatSignificant(c.std_error),
    c.statistic === null ? "NA" : c.statistic.toFixed(3),
    ...(result.dist === "t" ? [c.df === null ? "NA" : Number.isInteger(c.df) ? String(c.df) : c.df.toFixed(2)] : []),
    formatPValue(c.p_value),
    formatSignificant(c.conf_low),
    formatSignificant(c.conf_high),
  ]);
  lines.push(...alignColumns([header, ...rows]));
  lines.push(...estimatorLines(result));
  if (result.marginal_effect) {
    const m = result.marginal_effect;
    lines.push("");
    lines.push(
      `Average marginal effect of ${m.term} (${m.contrast}): ${formatSignificant(m.estimate)} (SE ${formatSignificant(m.std_error)}, z = ${m.statistic.toFixed(3)}, p ${formatPValue(m.p_value)}), ${pct} CI ${formatSignificant(m.conf_low)} to ${formatSignificant(m.conf_high)}`,
    );
  }
  if (result.randomisation_inference) lines.push("", randomisationInferenceLine(result.randomisation_inference));
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

/** One sentence: the randomisation p-values, the reference set and the inverted interval. */
function randomisationInferenceLine(ri: FitRandomisationInference): string {
  const within = ri.ri_within === "none" ? "" : ` within ${ri.ri_within}`;
  const unit = ri.ri_unit === "cluster" ? " by cluster" : "";
  const set = ri.ri_exact
    ? `all ${ri.ri_draws.toLocaleString("en-GB")} assignments${unit}${within}`
    : `the observed and ${(ri.ri_draws - 1).toLocaleString("en-GB")} random re-randomisations${unit}${within}, seed ${ri.ri_seed}`;
  const end = (v: number | null, side: number) => (v === null ? (side < 0 ? "-Inf" : "Inf") : formatSignificant(v));
  const pct = `${Math.round(ri.ri_conf_level * 1000) / 10}%`;
  return (
    `Randomisation inference for ${ri.term} (${set}): p ${formatPValue(ri.ri_p_value)} two-sided (upper ${formatPValue(ri.ri_p_value_upper)}, lower ${formatPValue(ri.ri_p_value_lower)}); ` +
    `${pct} interval by test inversion ${end(ri.ri_conf_low, -1)} to ${end(ri.ri_conf_high, 1)}`
  );
}

/** With --ri, on the arm's row: the randomisation p-values, the inverted interval and the reference set. */
const RI_CSV_COLUMNS = ["ri_p_value", "ri_p_value_upper", "ri_p_value_lower", "ri_conf_low", "ri_conf_high", "ri_draws", "ri_seed", "ri_exact"] as const;

/** The coefficient rows as CSV (full precision), with how they were computed on every row. */
export function fitCsv(result: FitResult): string {
  const ri = result.randomisation_inference;
  const riColumns = ri ? RI_CSV_COLUMNS : [];
  const header = ["term", "estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high", "se_type", "dist", "n", "n_clusters", ...riColumns];
  const rows = result.coefficients.map((c) => [
    c.term,
    c.estimate,
    c.std_error,
    c.statistic,
    c.df,
    c.p_value,
    c.conf_low,
    c.conf_high,
    result.se_type,
    result.dist,
    result.n,
    result.n_clusters,
    ...riColumns.map((k) => (ri && c.term === ri.term ? ri[k] : null)),
  ]);
  return csvText(header, rows);
}
