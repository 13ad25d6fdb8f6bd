import type { OutputSpec } from "../sap/types.js";
import { type Decimals, resolveDecimals } from "./decimals.js";
import { type DisclosureSettings, resolveDisclosure } from "./disclosure.js";

/**
 * How a run's tables are rounded and controlled, from the SAP's `output` section: the decimal
 * places (decimals.ts) and the disclosure control (disclosure.ts; null when the SAP sets none).
 */
export interface ReportSettings {
  decimals: Decimals;
  disclosure: DisclosureSettings | null;
}

export function reportSettings(output: OutputSpec | undefined): ReportSettings {
  return { decimals: resolveDecimals(output?.decimals), disclosure: resolveDisclosure(output?.disclosure) };
}
