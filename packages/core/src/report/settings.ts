import type { OutputSpec } from "../sap/types.js";
import { type Decimals, resolveDecimals } from "./decimals.js";
import { type DisclosureSettings, resolveDisclosure } from "./disclosure.js";
import { type Stars, resolveStars } from "./stars.js";

/**
 * How a run's tables are rounded, starred and controlled, from the SAP's `output` section: the
 * decimal places (decimals.ts), the significance stars (stars.ts) and the disclosure control
 * (disclosure.ts; null when the SAP sets none).
 */
export interface ReportSettings {
  decimals: Decimals;
  disclosure: DisclosureSettings | null;
  stars: Stars;
}

export function reportSettings(output: OutputSpec | undefined): ReportSettings {
  return { decimals: resolveDecimals(output?.decimals), disclosure: resolveDisclosure(output?.disclosure), stars: resolveStars(output?.stars) };
}
