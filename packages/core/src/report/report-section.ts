import type { PlanRun } from "../analysis/run-plan.js";
import type { ReportLabels } from "./report-labels.js";
import type { ReportSettings } from "./settings.js";
import { svgId } from "./svg.js";
import type { ReportTable } from "./table-model.js";

/**
 * The parts a report is made of (report-contents.ts assembles them): sections of tables and
 * pictures, each in a part of the report, and the builders that make them from a run.
 */
/** Where a section belongs: each part starts on a new printed page, under its own heading in report.html. */
export type ReportPart = "summary" | "results" | "further" | "annex";

export const PART_TITLES: Record<ReportPart, string> = { summary: "Summary", results: "Results", further: "Further analyses", annex: "Annex" };

export type ReportItem = { kind: "table"; table: ReportTable } | { kind: "plot"; id: string; title: string; svg: string; titleDrawn?: boolean };

export type TableItem = Extract<ReportItem, { kind: "table" }>;

export interface ReportSection {
  id: string;
  title: string;
  intro?: string;
  /** Set from the section's entry in REPORT_SECTIONS. */
  part?: ReportPart;
  /** Start the section on a new printed page (parts always do). */
  newPage?: boolean;
  items: ReportItem[];
}

/** A section of tables only (no pictures). */
export interface TableSection extends ReportSection {
  items: TableItem[];
}

export const table = (t: ReportTable): TableItem => ({ kind: "table", table: t });

/**
 * A picture from an SVG document (its id read from the root), or nothing. `titleDrawn`: the
 * picture draws its own title (else report.html captions it).
 */
export function plot(svg: string | null, title: string, titleDrawn = true): ReportItem[] {
  return svg ? [{ kind: "plot", id: svgId(svg), title, svg, titleDrawn }] : [];
}

/** What a section builder is given: the run, its report settings and labels, and the plan's names. */
export interface ReportContext {
  run: PlanRun;
  settings: ReportSettings;
  labels: ReportLabels;
  populations: string[];
  outcomes: string[];
  /** The primary outcomes, in plan order. */
  primary: string[];
}

/** Builds a run's sections for one entry of the report (none when the run has nothing for it). */
export type SectionBuilder = (ctx: ReportContext) => ReportSection[];
