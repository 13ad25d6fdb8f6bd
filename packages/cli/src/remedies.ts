import type { RemedyWording, SettingId } from "@trialstat/core/errors";

/**
 * Remedies worded for the command line — every flag a core remedy can name, in this one table:
 * `{ setting: "rake.max_iterations", value: 200 }` is `--rake-max-iterations 200`. (An error from
 * `trialstat run` or `validate` reaches the CLI already worded for the SAP: sap/remedies.ts.)
 *
 * @example
 * cliRemedy({ setting: "family", value: "gaussian" }); // "--family gaussian"
 */
const FLAGS: Record<SettingId, string> = {
  se: "--se",
  cluster: "--cluster",
  family: "--family",
  method: "--method",
  within: "--within",
  eligible: "--eligible",
  missing_covariates: "--missing-covariates",
  "trim.cap": "--trim-cap",
  "trim.percentile": "--trim-percentile",
  "rake.tolerance": "--rake-tolerance",
  "rake.max_iterations": "--rake-max-iterations",
  items: "--items",
  missing_codes: "--missing-codes",
  labels: "--labels",
  value_set: "--value-set",
  sheet: "--sheet",
  arm: "--arm",
  marginal_effect: "--marginal-effect",
  lin_covariates: "--lin-covariates",
  bootstrap: "--bootstrap",
  "bootstrap.type": "--bootstrap-type",
};

export const cliRemedy: RemedyWording = (r) => (r.value === undefined ? FLAGS[r.setting] : `${FLAGS[r.setting]} ${r.value}`);
