import type { FitResult } from "../stats/fit.js";
import { estimatorLines, estimatorTitle } from "./fit-estimator-lines.js";
import { formatPValue, formatSignificant } from "./format-number.js";
import { gssSpreadsheet } from "./gss-spreadsheet.js";
import { type ReportTable, type TableCell, num, text } from "./table-model.js";
import { levelLabel } from "../stats/confidence-level.js";

/**
 * `trialstat fit --format xlsx`: a fit as a workbook in the Government Statistical Service layout
 * (gss-spreadsheet.ts). The cover sheet states the data, the formula and what decides the numbers
 * (model, n and dropped rows, rank, residual df, clusters, variance type, reference distribution,
 * confidence level) and any warnings; the tables are the coefficients, the variance–covariance
 * matrix and, when asked for, the average marginal effect and randomisation inference.
 *
 * Every number is stored in full precision and shown as the terminal table shows it (four
 * significant digits, p-values to four places or `<0.0001`); a coefficient that is not defined
 * (collinear) is `[x]`.
 *
 * @example
 * writeFileSync("fit.xlsx", fitSpreadsheet(fitFormula(table, { formula: "y ~ treat" }), { data: "trial.csv", formula: "y ~ treat", creator: "trialstat 0.1.0" }));
 */
export function fitSpreadsheet(result: FitResult, about: { data: string; formula: string; creator: string }): Uint8Array {
  const model = estimatorTitle(result) ?? (result.family === "binomial" ? "Logistic regression (IRLS)" : "Linear regression (least squares)");
  const level = levelLabel(result.conf_level);
  const facts = [`n = ${result.n}`, ...(result.n_dropped > 0 ? [`${result.n_dropped} dropped`] : []), `rank ${result.rank}`, `residual df ${result.df_residual}`];
  if (result.n_clusters !== null) facts.push(`${result.n_clusters} clusters`);
  if (result.r_squared !== null) facts.push(`R² = ${formatSignificant(result.r_squared, 4)}`);
  const tables: ReportTable[] = [coefficientTable(result, level)];
  const terms = result.vcov.terms;
  tables.push({
    id: "vcov",
    title: "Variance–covariance matrix of the coefficients",
    columns: [{ header: ["term"] }, ...terms.map((t) => ({ header: [t] }))],
    rows: result.vcov.matrix.map((row, i) => ({ cells: [text(terms[i]), ...row.map(significant)] })),
    notes: [`${result.se_type} variance.`],
  });
  const me = result.marginal_effect;
  if (me) {
    tables.push({
      id: "marginal-effect",
      title: `Average marginal effect of ${me.term}`,
      columns: ["term", "contrast", "estimate", "std.error", "z", "p", `${level} low`, `${level} high`, "mean at 0", "mean at 1"].map((h) => ({ header: [h] })),
      rows: [{ cells: [text(me.term), text(me.contrast), significant(me.estimate), significant(me.std_error), fixed(me.statistic), pValue(me.p_value), significant(me.conf_low), significant(me.conf_high), significant(me.mean_at_0), significant(me.mean_at_1)] }],
      notes: ["Delta-method standard error; mean predicted probabilities with the variable at 0 and at 1."],
    });
  }
  const ri = result.randomisation_inference;
  if (ri) {
    const riLevel = levelLabel(ri.ri_conf_level);
    tables.push({
      id: "randomisation-inference",
      title: `Randomisation inference for ${ri.term}`,
      columns: ["term", "estimate", "p (two-sided)", "p (upper)", "p (lower)", `${riLevel} low`, `${riLevel} high`, "assignments", "seed", "exact"].map((h) => ({ header: [h] })),
      rows: [
        {
          cells: [
            text(ri.term),
            significant(ri.estimate),
            pValue(ri.ri_p_value),
            pValue(ri.ri_p_value_upper),
            pValue(ri.ri_p_value_lower),
            ri.ri_conf_low === null ? text("-Inf") : significant(ri.ri_conf_low),
            ri.ri_conf_high === null ? text("Inf") : significant(ri.ri_conf_high),
            num(ri.ri_draws, String(ri.ri_draws)),
            num(ri.ri_seed, String(ri.ri_seed)),
            text(ri.ri_exact ? "yes" : "no"),
          ],
        },
      ],
      notes: [`Re-randomised ${ri.ri_unit === "cluster" ? "by cluster" : "by unit"}${ri.ri_within === "none" ? "" : ` within ${ri.ri_within}`}; the interval inverts the test of a constant effect.`],
    });
  }
  return gssSpreadsheet({
    title: `${model}: ${about.formula}`,
    creator: about.creator,
    about: `A model fitted by ${about.creator} (trialstat fit). The same data and options give this file byte for byte.`,
    cover: [
      { heading: "Data", lines: [about.data] },
      { heading: "Formula", lines: [about.formula] },
      {
        heading: "Model",
        lines: [model, `${facts.join(", ")}.`, `Standard errors: ${result.se_type}; ${result.dist === "t" ? "t" : "normal (z)"} inference; ${level} confidence intervals.`, ...estimatorLines(result)],
      },
      { heading: "Warnings", lines: result.warnings.length ? result.warnings : ["None."] },
    ],
    tables: tables.map((table) => ({ table, section: "Fit" })),
  });
}

function coefficientTable(result: FitResult, level: string): ReportTable {
  const t = result.dist === "t";
  const header = ["term", "estimate", "std.error", t ? "t" : "z", ...(t ? ["df"] : []), "p", `${level} low`, `${level} high`];
  return {
    id: "coefficients",
    title: "Coefficients",
    columns: header.map((h) => ({ header: [h] })),
    rows: result.coefficients.map((c) => ({
      cells: [
        text(c.term),
        significant(c.estimate),
        significant(c.std_error),
        fixed(c.statistic),
        ...(t ? [c.df === null ? text("[x]") : num(c.df, Number.isInteger(c.df) ? String(c.df) : c.df.toFixed(2))] : []),
        pValue(c.p_value),
        significant(c.conf_low),
        significant(c.conf_high),
      ],
    })),
    notes: result.coefficients.some((c) => c.estimate === null) ? ["Coefficients not defined (collinear with earlier columns, as R's lm gives NA) are [x]."] : [],
  };
}

/** Full precision, shown to four significant digits; not available: [x]. */
function significant(x: number | null): TableCell {
  return x === null || !Number.isFinite(x) ? text("[x]") : num(x, formatSignificant(x));
}

function fixed(x: number | null): TableCell {
  return x === null || !Number.isFinite(x) ? text("[x]") : num(x, x.toFixed(3));
}

function pValue(p: number | null): TableCell {
  return p === null || !Number.isFinite(p) ? text("[x]") : num(p, formatPValue(p));
}
