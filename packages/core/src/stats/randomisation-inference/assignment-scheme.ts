import { analysisError, inputError } from "../../errors.js";
import type { GroupCodes } from "../../random/groups.js";

/**
 * How a trial's arm was randomised, as randomisation inference re-randomises it: which rows move
 * together (units: clusters, or single rows), and within which groups the treated count is fixed
 * (permuted blocks, else strata, else the whole sample — complete randomisation).
 *
 * Permuted-block randomisation fills each block of k consecutive recruits with a fixed number of
 * treated places in random order, so the assignments it could have made are exactly those that keep
 * every block's treated count; stratified randomisation likewise keeps each stratum's count. Blocks
 * nest in strata (a block lies within one stratum), so when both are given the blocks decide and the
 * strata are only checked. With clusters as units, the arm, the blocks and the strata must each be
 * constant within a cluster, and whole clusters are re-randomised within their groups.
 *
 * The number of assignments is Π_g C(n_g, t_g) over groups g with n_g units of which t_g treated.
 *
 * Source: Rosenbaum, Observational Studies, 2nd ed., 2002, §2.3 (blocked randomisation tests);
 * Gerber & Green, Field Experiments, 2012, §3.4 (randomisation inference that follows the design).
 *
 * @example
 * const scheme = assignmentScheme({ arm: [1, 0, 0, 1, 1, 0, 1, 0], blocks: { codes: Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), count: 2 } });
 * scheme.assignments; // 36 = C(4, 2)²
 */
export interface AssignmentSchemeInput {
  /** The arm of each row: 0 (control) or 1 (treated). */
  arm: ArrayLike<number>;
  /** Units of randomisation (clusters) when whole clusters were assigned; default: each row. */
  units?: LabelledGroups;
  /** Permuted blocks (each within one stratum). */
  blocks?: LabelledGroups;
  strata?: LabelledGroups;
  /** A row for messages (1-based row number by default), e.g. "data.csv:14". */
  describeRow?: (row: number) => string;
}

/** Group codes with optional names for messages (labels[code]). */
export interface LabelledGroups extends GroupCodes {
  readonly labels?: readonly string[];
}

export interface AssignmentScheme {
  readonly nRows: number;
  readonly nUnits: number;
  /** The unit of each row. */
  readonly unitOfRow: Int32Array;
  /** The observed arm of each unit (0/1). */
  readonly unitArm: Uint8Array;
  /** The group of each unit: where the treated count is fixed. */
  readonly groups: GroupCodes;
  readonly unitsInGroup: Int32Array;
  readonly treatedInGroup: Int32Array;
  /** What the groups are. */
  readonly groupedBy: "blocks" | "strata" | "none";
  /** Π C(n_g, t_g), exact, or Infinity beyond 2^53. */
  readonly assignments: number;
}

export function assignmentScheme(input: AssignmentSchemeInput): AssignmentScheme {
  const { arm } = input;
  const n = arm.length;
  const row = input.describeRow ?? ((i: number) => `row ${i + 1}`);
  for (let i = 0; i < n; i++) {
    if (arm[i] !== 0 && arm[i] !== 1) {
      throw inputError(`${row(i)}: the arm is ${String(arm[i])}, not 0 or 1`, { hint: "randomisation inference re-randomises a two-arm assignment coded 0 (control) and 1 (treated)" });
    }
  }
  for (const [what, g] of [["unit", input.units], ["block", input.blocks], ["stratum", input.strata]] as const) {
    if (!g) continue;
    if (g.codes.length !== n) throw inputError(`${g.codes.length} ${what} codes for ${n} rows`, { hint: `give one ${what} code per row` });
    for (let i = 0; i < n; i++) {
      if (!(g.codes[i] >= 0 && g.codes[i] < g.count)) throw inputError(`${row(i)} has ${what} code ${g.codes[i]}, outside 0 to ${g.count - 1}`, { hint: `number the ${what} groups 0, 1, 2, …` });
    }
  }

  const unitOfRow = input.units ? input.units.codes : Int32Array.from({ length: n }, (_, i) => i);
  const nUnits = input.units ? input.units.count : n;
  const unitArm = Uint8Array.from(perUnit(arm, unitOfRow, nUnits, "arm", input.units, row, "randomisation inference re-randomises whole clusters: the arm must be the same for every row of a cluster"));
  const name = (g: LabelledGroups | undefined, code: number) => (g?.labels ? `"${g.labels[code]}"` : String(code));

  let groupedBy: AssignmentScheme["groupedBy"] = "none";
  let groupOfUnit = new Int32Array(nUnits);
  let groupCount = 1;
  const strataOfUnit = input.strata ? perUnit(input.strata.codes, unitOfRow, nUnits, "stratum", input.units, row, "a stratum must hold whole clusters") : undefined;
  if (input.blocks) {
    const blockOfUnit = perUnit(input.blocks.codes, unitOfRow, nUnits, "block", input.units, row, "a randomisation block must hold whole clusters");
    if (input.strata && strataOfUnit) {
      const stratumOfBlock = new Int32Array(input.blocks.count).fill(-1);
      for (let u = 0; u < nUnits; u++) {
        const b = blockOfUnit[u];
        const s = strataOfUnit[u];
        if (stratumOfBlock[b] === -1) stratumOfBlock[b] = s;
        else if (stratumOfBlock[b] !== s) {
          throw inputError(`block ${name(input.blocks, b)} spans strata ${name(input.strata, stratumOfBlock[b])} and ${name(input.strata, s)}`, {
            hint: "permuted blocks nest in strata: each block must lie within one stratum (check the block and stratum columns)",
          });
        }
      }
    }
    groupOfUnit = Int32Array.from(blockOfUnit);
    groupCount = input.blocks.count;
    groupedBy = "blocks";
  } else if (input.strata && strataOfUnit) {
    groupOfUnit = Int32Array.from(strataOfUnit);
    groupCount = input.strata.count;
    groupedBy = "strata";
  }

  const unitsInGroup = new Int32Array(groupCount);
  const treatedInGroup = new Int32Array(groupCount);
  for (let u = 0; u < nUnits; u++) {
    unitsInGroup[groupOfUnit[u]]++;
    treatedInGroup[groupOfUnit[u]] += unitArm[u];
  }
  let assignments = 1;
  for (let g = 0; g < groupCount; g++) assignments = cappedProduct(assignments, binomialCapped(unitsInGroup[g], treatedInGroup[g]));
  if (assignments === 1) {
    throw analysisError(`the design allows only the observed assignment: every ${groupedBy === "none" ? "unit" : groupedBy === "blocks" ? "block" : "stratum"} is all treated or all control`, {
      hint: "randomisation inference needs treated and control units within at least one block or stratum",
    });
  }
  return { nRows: n, nUnits, unitOfRow, unitArm, groups: { codes: groupOfUnit, count: groupCount }, unitsInGroup, treatedInGroup, groupedBy, assignments };
}

const LIMIT = 2 ** 53;

/** C(n, k) exactly (BigInt steps C(n−k+i, i)), or Infinity once it passes 2^53. */
export function binomialCapped(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= m; i++) {
    c = (c * BigInt(n - m + i)) / BigInt(i);
    if (c > BigInt(LIMIT)) return Infinity;
  }
  return Number(c);
}

function cappedProduct(a: number, b: number): number {
  const p = a * b;
  return p > LIMIT ? Infinity : p;
}

/** A row-level value that must be constant within units, as one value per unit. */
function perUnit(
  values: ArrayLike<number>,
  unitOfRow: Int32Array,
  nUnits: number,
  what: string,
  units: LabelledGroups | undefined,
  row: (i: number) => string,
  hint: string,
): Int32Array {
  const out = new Int32Array(nUnits);
  const seen = new Int32Array(nUnits).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const u = unitOfRow[i];
    if (seen[u] === -1) {
      seen[u] = i;
      out[u] = values[i];
    } else if (out[u] !== values[i]) {
      const unit = units?.labels ? `"${units.labels[u]}"` : String(u);
      throw inputError(`cluster ${unit} has more than one ${what}: ${row(seen[u])} and ${row(i)} differ`, { hint });
    }
  }
  for (let u = 0; u < nUnits; u++) {
    if (seen[u] === -1) throw inputError(`unit ${units?.labels ? `"${units.labels[u]}"` : u} has no rows`, { hint: "give unit codes 0 … count − 1 that all occur" });
  }
  return out;
}
