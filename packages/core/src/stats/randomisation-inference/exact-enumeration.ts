import { type ArmResidualRecords, estimateFromSums } from "./arm-residuals.js";
import type { AssignmentScheme } from "./assignment-scheme.js";
import { type GroupSides, armOfPlaces, treatedSums } from "./group-sides.js";

/**
 * Every assignment the design allows, once each: in every group g, each C(n_g, t_g) choice of its
 * smaller side, crossed over groups — Π_g C(n_g, t_g) assignments, the observed one among them.
 *
 * Order: each group's choices in lexicographic order of positions within the group (as R's
 * `combn`), group 0 varying fastest (as `expand.grid`). The sums are rebuilt for each assignment,
 * at the cost of one Monte Carlo draw.
 *
 * Source: Fisher, The Design of Experiments, 1935, §21; Rosenbaum, Observational Studies, 2002, §2.3.
 *
 * @example
 * enumerateAssignments(sides, (places) => { ... }); // called Π C(n_g, t_g) times
 */
export function enumerateAssignments(sides: GroupSides, visit: (places: Int32Array) => void): void {
  const places = Int32Array.from(sides.unitOrder);
  const varying: number[] = [];
  for (let g = 0; g < sides.count; g++) if (sides.sizes[g] > 0 && sides.sizes[g] < sides.offsets[g + 1] - sides.offsets[g]) varying.push(g);
  // positions[g]: the chosen positions within group g, increasing
  const positions = varying.map((g) => Int32Array.from({ length: sides.sizes[g] }, (_, i) => i));
  const write = (v: number) => {
    const g = varying[v];
    const start = sides.offsets[g];
    const m = sides.offsets[g + 1] - start;
    const chosen = new Uint8Array(m);
    for (const p of positions[v]) chosen[p] = 1;
    let front = start;
    let back = start + sides.sizes[g];
    for (let p = 0; p < m; p++) places[chosen[p] ? front++ : back++] = sides.unitOrder[start + p];
  };
  for (let v = 0; v < varying.length; v++) write(v);
  for (;;) {
    visit(places);
    let v = 0;
    for (; v < varying.length; v++) {
      if (nextCombination(positions[v], sides.offsets[varying[v] + 1] - sides.offsets[varying[v]])) {
        write(v);
        break;
      }
      for (let i = 0; i < positions[v].length; i++) positions[v][i] = i;
      write(v);
    }
    if (v === varying.length) return;
  }
}

/** The estimates (a, b) of every assignment, in enumeration order; `onProgress(done)` every 4096. */
export function enumeratedEstimates(
  scheme: AssignmentScheme,
  sides: GroupSides,
  records: ArmResidualRecords,
  onProgress?: (done: number) => void,
): { a: Float64Array; b: Float64Array } {
  const total = scheme.assignments;
  const a = new Float64Array(total);
  const b = new Float64Array(total);
  const sums = new Float64Array(records.entries);
  const estimate = { a: 0, b: 0 };
  let d = 0;
  enumerateAssignments(sides, (places) => {
    treatedSums(sides, records, places, sums);
    estimateFromSums(sums, records.rank, estimate);
    a[d] = estimate.a;
    b[d] = estimate.b;
    d++;
    if (onProgress && d % 4096 === 0) onProgress(d);
  });
  if (d !== total) throw new Error(`internal: enumerated ${d} assignments, expected ${total}`);
  return { a, b };
}

/** The arms (0/1 per unit) of every assignment, in enumeration order (for tests and small designs). */
export function enumeratedArms(scheme: AssignmentScheme, sides: GroupSides): Uint8Array[] {
  const arms: Uint8Array[] = [];
  enumerateAssignments(sides, (places) => arms.push(armOfPlaces(sides, places, scheme.nUnits)));
  return arms;
}

/** Advances c (increasing positions in 0 … m − 1) to the next combination in lexicographic order; false after the last. */
function nextCombination(c: Int32Array, m: number): boolean {
  const s = c.length;
  let i = s - 1;
  while (i >= 0 && c[i] === m - s + i) i--;
  if (i < 0) return false;
  c[i]++;
  for (let j = i + 1; j < s; j++) c[j] = c[j - 1] + 1;
  return true;
}
