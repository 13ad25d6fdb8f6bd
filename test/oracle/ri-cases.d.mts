import type { RandomisationInferenceInput } from "@trialstat/core";

/** One case of test/oracle/data/ri-input.json: a small trial, by row (codes 0-based). */
export interface RiInputCase {
  name: string;
  y: number[];
  arm: number[];
  x: number[][];
  w: number[] | null;
  unit: number[] | null;
  block: number[] | null;
  stratum: number[] | null;
  level: number;
  /** null: exact (every assignment); else the Monte Carlo reference set's size. */
  draws: number | null;
  seed: number | null;
  /** Monte Carlo: the observed assignment then the draws, per unit. */
  assignments: number[][] | null;
}

export function inputOf(c: RiInputCase): RandomisationInferenceInput;
