import type { Command } from "commander";
import { type ServiceOutcomeColumns, inputError } from "@trialstat/core";

/** The flags that name the columns of a job outcomes file (`monitor --data`, `fidelity --outcomes`). */
export interface OutcomeColumnFlags {
  serviceColumn?: string;
  periodColumn?: string;
  peopleColumn?: string;
  jobsColumn?: string;
  specialistsColumn?: string;
}

export function outcomeColumnOptions(command: Command): Command {
  return command
    .option("--service-column <column>", "job outcomes: the service column (default service)")
    .option("--period-column <column>", "job outcomes: the period column (default period)")
    .option("--people-column <column>", "job outcomes: people supported in the period (default people)")
    .option("--jobs-column <column>", "job outcomes: people who started a job (default jobs)")
    .option("--specialists-column <column>", "job outcomes: employment specialists, FTE (default specialists, if there is one)");
}

export function outcomeColumns(flags: OutcomeColumnFlags): ServiceOutcomeColumns {
  return { service: flags.serviceColumn, period: flags.periodColumn, people: flags.peopleColumn, jobs: flags.jobsColumn, specialists: flags.specialistsColumn };
}

/** "10,21" → [10, 21]; anything but whole numbers is an input error naming the flag. */
export function wholeNumbers(flag: string, text: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw inputError(`${flag} takes whole numbers separated by commas, got "${text}"`, { hint: `e.g. ${flag} 10,21` });
  return parts.map(Number);
}

/** A rate given as a proportion (0.55) or a percentage (55%); `example` is a sensible rate for the hint (the flag's default). */
export function rateFlag(flag: string, text: string, example: number): number {
  const percent = text.trim().endsWith("%");
  const v = Number(percent ? text.trim().slice(0, -1) : text);
  const rate = percent ? v / 100 : v;
  if (text.trim() === "" || !(rate > 0 && rate < 1)) {
    const both = (r: number) => `${flag} ${tidy(r)} or ${flag} ${tidy(r * 100)}%`;
    // "--level 95" most likely means 95%
    const hint = !percent && v > 1 && v < 100 ? `did you mean ${both(v / 100)}?` : `e.g. ${both(example)}`;
    throw inputError(`${flag} must be a rate between 0 and 1 (or a percentage), got "${text}"`, { hint });
  }
  return rate;
}

/** A positive number; `example` is a sensible value for the hint. */
export function positiveFlag(flag: string, text: string, example: number): number {
  const v = Number(text);
  if (text.trim() === "" || !(v > 0 && Number.isFinite(v))) throw inputError(`${flag} must be a number above 0, got "${text}"`, { hint: `e.g. ${flag} ${example}` });
  return v;
}

/** A number without the binary noise of arithmetic on it: 0.55 * 100 → 55, not 55.00000000000001. */
const tidy = (x: number) => Number(x.toPrecision(12));
