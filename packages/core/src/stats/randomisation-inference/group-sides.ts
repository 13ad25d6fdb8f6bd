import { rowsByGroup } from "../../random/groups.js";
import { type ArmResidualRecords, addRecord, gatherSums } from "./arm-residuals.js";
import type { AssignmentScheme } from "./assignment-scheme.js";

/**
 * An assignment as the units chosen on the smaller side of each group: in a group of n_g units with
 * t_g treated, the t_g treated units when t_g ≤ n_g − t_g, else the n_g − t_g controls. Sums over
 * the treated units are then the chosen units' records added, or the group's total less them, so an
 * assignment costs at most half the units' records, however unequal the allocation.
 *
 * Layout ("places"): units grouped by group code, in unit order within a group —
 * unitOrder[offsets[g] .. offsets[g + 1]) — with an assignment written as its chosen units in the
 * first sizes[g] places of each group (the layout `BlockSubsetSampler.draw` returns).
 *
 * @example
 * const sides = groupSides(scheme, records);
 * treatedSums(sides, records, places, sums); // Σ over the treated units of each record entry
 */
export interface GroupSides {
  readonly unitOrder: Int32Array;
  readonly offsets: Int32Array;
  readonly count: number;
  /** Units chosen per group: min(t_g, n_g − t_g). */
  readonly sizes: Int32Array;
  /** 1 when the chosen units of group g are its treated ones, 0 when they are its controls. */
  readonly chooseTreated: Uint8Array;
  /** Σ of the records of every unit in the groups whose chosen units are controls. */
  readonly base: Float64Array;
  /** Scratch lists of the chosen units whose records are added and subtracted. */
  readonly plus: Int32Array;
  readonly minus: Int32Array;
}

export function groupSides(scheme: AssignmentScheme, records: ArmResidualRecords): GroupSides {
  const { order, offsets, count } = rowsByGroup(scheme.groups, scheme.nUnits, "group");
  const sizes = new Int32Array(count);
  const chooseTreated = new Uint8Array(count);
  const base = new Float64Array(records.entries);
  for (let g = 0; g < count; g++) {
    const t = scheme.treatedInGroup[g];
    const c = scheme.unitsInGroup[g] - t;
    chooseTreated[g] = t <= c ? 1 : 0;
    sizes[g] = Math.min(t, c);
    if (!chooseTreated[g]) for (let p = offsets[g]; p < offsets[g + 1]; p++) addRecord(records, order[p], base);
  }
  return { unitOrder: order, offsets, count, sizes, chooseTreated, base, plus: new Int32Array(scheme.nUnits), minus: new Int32Array(scheme.nUnits) };
}

/** Σ over the treated units of an assignment (in places) of each record entry, into sums. */
export function treatedSums(sides: GroupSides, records: ArmResidualRecords, places: Int32Array, sums: Float64Array): void {
  sums.set(sides.base);
  const { plus, minus } = sides;
  let plusCount = 0;
  let minusCount = 0;
  for (let g = 0; g < sides.count; g++) {
    const start = sides.offsets[g];
    const end = start + sides.sizes[g];
    if (sides.chooseTreated[g]) for (let p = start; p < end; p++) plus[plusCount++] = places[p];
    else for (let p = start; p < end; p++) minus[minusCount++] = places[p];
  }
  gatherSums(records, plus, plusCount, minus, minusCount, sums);
}

/** The arm (0/1 per unit) of an assignment given as places. */
export function armOfPlaces(sides: GroupSides, places: Int32Array, nUnits: number): Uint8Array {
  const arm = new Uint8Array(nUnits);
  for (let g = 0; g < sides.count; g++) {
    const start = sides.offsets[g];
    const chosen = start + sides.sizes[g];
    for (let p = start; p < sides.offsets[g + 1]; p++) arm[places[p]] = (p < chosen) === (sides.chooseTreated[g] === 1) ? 1 : 0;
  }
  return arm;
}

/** The observed assignment as places: each group's chosen side first, in unit order. */
export function observedPlaces(sides: GroupSides, unitArm: Uint8Array): Int32Array {
  const places = new Int32Array(sides.unitOrder.length);
  for (let g = 0; g < sides.count; g++) {
    let chosen = sides.offsets[g];
    let other = chosen + sides.sizes[g];
    for (let p = sides.offsets[g]; p < sides.offsets[g + 1]; p++) {
      const u = sides.unitOrder[p];
      if ((unitArm[u] === 1) === (sides.chooseTreated[g] === 1)) places[chosen++] = u;
      else places[other++] = u;
    }
  }
  return places;
}
