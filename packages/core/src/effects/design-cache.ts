import type { DesignFactor } from "../stats/linear-model.js";
import type { DenseMatrix } from "../stats/linalg/dense.js";
import type { EffectInput } from "./effect-input.js";

/** A subgroup's levels in a design: which rows are in each, and the design columns whose sum is the level's effect. */
export interface SubgroupDesign {
  levels: { level: string; columns: number[]; rows: (k: number) => boolean }[];
  /** The arm × subgroup columns (the joint interaction test's terms). */
  interactionColumns: number[];
  /** Each row's level (index into levels). */
  codes: Int32Array;
}

/** A linear effect model's design with what the effects need from it, kept for reuse with its factor. */
export interface LinearDesign {
  /** The caller's identities of the rows it was built on. */
  rowIds: Int32Array;
  /** The arm it was built with. */
  arm: Uint8Array;
  matrix: DenseMatrix;
  names: readonly string[];
  hasIntercept: boolean;
  weights: Float64Array | undefined;
  clusters: { codes: Int32Array; count: number } | undefined;
  treatedIndex: number;
  sg: SubgroupDesign | undefined;
  contrasts: Float64Array[];
  factor?: DesignFactor;
  /** What the design checks said of it. */
  warnings: string[];
}

/**
 * The most recently used designs of a run. An outcome analysed on the same rows with the same
 * model, weights and arm as an earlier one reuses its factorisation (OLS only): the plan runner
 * fits many outcomes of a population one after another, and a few entries suffice.
 *
 * The key summarises everything the design depends on — the model's terms and reference levels,
 * the weights, the rows and the arm (hashed) — and a hit is then checked row by row and arm by arm,
 * so a re-randomised arm (randomisation inference) or a resample (bootstrap) never reuses a design
 * built for another.
 */
export class DesignCache {
  private readonly entries = new Map<string, LinearDesign>();
  constructor(private readonly capacity: number) {}

  get(key: string): LinearDesign | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, design: unknown): void {
    this.entries.set(key, design as LinearDesign);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The cache key of an effect model's design. */
export function designKey(termLabels: readonly string[], input: EffectInput, reference: ReadonlyMap<string, string>): string {
  const d = input.designs!;
  return [termLabels.join("+"), JSON.stringify([...reference]), d.weightsId, input.seType, d.rowIds.length, fingerprint(d.rowIds), fingerprint(input.arm)].join("\u0001");
}

/** FNV-1a over the values: a key's summary of rows or arm (a hit is then checked value by value). */
export function fingerprint(values: ArrayLike<number>): string {
  let h = 2166136261;
  for (let k = 0; k < values.length; k++) h = Math.imul(h ^ values[k], 16777619);
  return (h >>> 0).toString(36);
}

export function sameRows(a: Int32Array, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export function sameArm(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
