import { type FitBootstrap, type FitResult, alignColumns, csvText, formatPValue, formatSignificant, levelLabel } from "@trialstat/core";

/**
 * `trialstat fit --bootstrap` output beside the fit's own: in JSON the fit's object gains a
 * `bootstrap` member; a table gains a bootstrap section; CSV gets one row per bootstrapped
 * coefficient, the fit's columns followed by the bootstrap's (full precision).
 */
export function withBootstrapJson(result: Record<string, unknown>, boot: FitBootstrap): string {
  return `${JSON.stringify({ ...result, bootstrap: boot }, null, 2)}\n`;
}

const TYPE_LABELS = { pairs: "pairs (rows resampled)", cluster: "cluster (whole clusters resampled)", wild: "wild cluster bootstrap-t" } as const;

/** The bootstrap section printed after the fit's table. */
export function bootstrapTable(boot: FitBootstrap): string {
  const pct = levelLabel(boot.conf_level);
  const lines: string[] = [""];
  const how: string[] = [`Bootstrap: ${TYPE_LABELS[boot.type]}`];
  if (boot.type === "wild") how.push(`${boot.impose_null ? "null imposed (WCR)" : "null not imposed (WCU)"}, ${boot.weights === "webb" ? "Webb" : "Rademacher"} weights, CR1 t`);
  else how.push(`${boot.strata ? `within strata of ${boot.strata}, ` : ""}studentised by ${boot.se_type} standard errors`);
  const draws = boot.enumerated ? `${boot.draws} draws (every sign vector)` : `${boot.draws} draws${boot.draws_failed > 0 ? ` (${boot.draws_failed} failed)` : ""}`;
  how.push(draws, `seed ${boot.seed}`);
  lines.push(how.join("; "));
  const wild = boot.type === "wild";
  const header = wild
    ? ["term", "estimate", "t", "boot p", `${pct} low`, `${pct} high`]
    : ["term", "estimate", "boot SE", "boot p", `perc. ${pct} low`, "high", `stud. ${pct} low`, "high"];
  // a bootstrap p-value is a count out of the draws: none exceeding says p < 1/draws, no less
  const bootP = (p: number | null) => (p === 0 ? `<${formatSignificant(1 / (boot.draws - boot.draws_failed))}` : formatPValue(p));
  const rows = boot.coefficients.map((c) =>
    wild
      ? [c.term, formatSignificant(c.estimate), c.statistic.toFixed(3), bootP(c.p_value), end(c.inversion_low, -1), end(c.inversion_high, 1)]
      : [
          c.term,
          formatSignificant(c.estimate),
          formatSignificant(c.std_error),
          bootP(c.p_value),
          formatSignificant(c.percentile_low),
          formatSignificant(c.percentile_high),
          formatSignificant(c.studentised_low),
          formatSignificant(c.studentised_high),
        ],
  );
  lines.push(...alignColumns([header, ...rows]));
  if (wild) lines.push(`(${pct} interval by inverting the bootstrap test)`);
  return `${lines.join("\n")}\n`;
}

/** An unbounded end (null) of a wild bootstrap interval. */
function end(value: number | null, side: -1 | 1): string {
  return value === null ? (side < 0 ? "-Inf" : "Inf") : formatSignificant(value);
}

/** One row per bootstrapped coefficient: the fit's columns for it, then the bootstrap's. */
export function bootstrapCsv(result: FitResult, boot: FitBootstrap): string {
  const fitColumns = Object.keys(result.coefficients[0]) as (keyof FitResult["coefficients"][number])[];
  const bootColumns = ["p_value", "std_error", "percentile_low", "percentile_high", "studentised_low", "studentised_high", "inversion_low", "inversion_high"] as const;
  const header = [
    ...fitColumns,
    "se_type",
    "n",
    "n_clusters",
    "boot_type",
    "boot_draws",
    "boot_draws_failed",
    "boot_seed",
    "boot_weights",
    "boot_impose_null",
    "boot_strata",
    "boot_se_type",
    "boot_conf_level",
    ...bootColumns.map((c) => `boot_${c}`),
  ];
  const rows = boot.coefficients.map((b) => {
    const fit = result.coefficients.find((c) => c.term === b.term)!;
    return [
      ...fitColumns.map((c) => fit[c]),
      result.se_type,
      result.n,
      result.n_clusters,
      boot.type,
      boot.draws,
      boot.draws_failed,
      boot.seed,
      boot.weights,
      boot.impose_null,
      boot.strata,
      boot.se_type,
      boot.conf_level,
      ...bootColumns.map((c) => b[c] ?? (c === "inversion_low" && boot.type === "wild" ? -Infinity : c === "inversion_high" && boot.type === "wild" ? Infinity : null)),
    ];
  });
  return csvText(header, rows);
}
