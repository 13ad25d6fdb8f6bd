// Types of generate.mjs (plain JavaScript, run by Node as it is; it needs the core library built), for the tests.
export const GENERATOR_VERSION: number;
export const DEFAULT_SEED: number;

export interface GroupShape {
  id: string;
  site: string;
  status: string;
  randomised: { T: number; C: number };
  survey4: { T: number; C: number };
  survey12: { T: number; C: number };
  mi: number;
}
export const GROUPS: readonly GroupShape[];
export const TARGETS: Record<string, Record<string, number>>;
export const POPULATIONS: Record<string, string[]>;

export interface PlantedEffect {
  effect: number;
  unit: string;
  control_mean: number;
  treated_mean: number;
  control_sd?: number;
}
export interface Truth {
  note: string;
  targets: Record<string, Record<string, number>>;
  effects: Record<string, Record<string, PlantedEffect>>;
}
type ByGroupArm = Record<string, { T: number; C: number }>;
export interface StudySummary {
  randomised: ByGroupArm;
  erased: number;
  withdrawn: number;
  survey4: ByGroupArm;
  survey12: ByGroupArm;
  provider_mi: ByGroupArm;
  rows: Record<string, number>;
  parameters: Record<string, Record<string, number>>;
}

/** The extracts (file name → CSV text), the planted effects and a summary of counts. */
export function generate(options?: { scale?: number; seed?: number; observed?: boolean }): {
  files: Record<string, string>;
  truth: Truth;
  summary: StudySummary;
  observed?: Map<string, Record<string, number>>;
};
export function writeStudy(out: string, options: { scale: number; seed: number }): { manifest: StudySummary & { generator_version: number; seed: number; scale: number }; seconds: number };
export function isCurrent(out: string, options: { scale: number; seed: number }): boolean;
