/**
 * The statistics a published table's cell may be, as the `statistic` column of a published file
 * names them, each with what it is compared with in the results (docs/reproduce.md#statistics).
 * A number printed with a unit is compared in that unit; a bare number in the unit the plan reports.
 *
 * @example
 * isPublishedStatistic("estimate"); // true
 */
export const PUBLISHED_STATISTICS = {
  estimate: "the effect: bare in the plan's reporting unit; ppt or % (binary outcomes), sd (÷ the controls' SD) or a currency as printed",
  std_error: "the effect's standard error, in the same units as the estimate",
  conf_low: "the low end of the confidence interval (95%, or the level stated), in the units of the estimate",
  conf_high: "the high end of the confidence interval",
  interval: "both ends of the confidence interval, e.g. (1.2 to 6.5)",
  p_value: "the (unadjusted) p-value, e.g. 0.032 or <0.001",
  p_adjusted: "the multiplicity-adjusted p-value",
  stars: "the significance marks, judged by the p-value against the star convention's thresholds",
  effect_size: "the effect in SDs of the outcome among the controls",
  control_mean: "the control group's mean: bare on the outcome's scale, % for a proportion",
  treated_mean: "the treated group's mean",
  n_control: "the number of controls analysed (exact)",
  n_treated: "the number of treated participants analysed (exact)",
} as const;

export type PublishedStatistic = keyof typeof PUBLISHED_STATISTICS;

export function isPublishedStatistic(name: string): name is PublishedStatistic {
  return Object.hasOwn(PUBLISHED_STATISTICS, name);
}
