import type { FitResult } from "../stats/fit.js";
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
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

/** The coefficient rows as CSV (full precision), with how they were computed on every row. */
export function fitCsv(result: FitResult): string {
  const header = ["term", "estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high", "se_type", "dist", "n", "n_clusters"];
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
  ]);
  return csvText(header, rows);
}
