import { inputError } from "../errors.js";
import type { FilterValue, PopulationSpec } from "../sap/types.js";
import type { AnalysisFrame } from "./frame.js";

/**
 * The members of a population: the participants for whom every `where` condition holds
 * (docs/sap.md#populations). A condition is a value (equality), a list (any of), or bounds
 * (`{">=": 16, "<": 25}`). A participant whose filter variable is missing is not a member.
 *
 * @example
 * populationMembers(frame, { where: { site: "SCR", group: ["IW", "OOW"] } }, "scr");
 *
 * `path` is where the plan states the filter, for messages (default `populations.<name>`; a
 * single-arm evaluation's flow stages use the same filters at `evaluation.flow.<k>`).
 */
export function populationMembers(frame: AnalysisFrame, spec: Pick<PopulationSpec, "where">, name: string, path = `populations.${name}`): Int32Array {
  const tests: ((i: number) => boolean)[] = [];
  for (const [variable, condition] of Object.entries(spec.where ?? {})) {
    const column = frame.get(variable, `${path}.where`);
    tests.push(makeTest(column, condition, `${path}.where.${variable}`));
  }
  const members: number[] = [];
  for (let i = 0; i < frame.n; i++) if (tests.every((t) => t(i))) members.push(i);
  return Int32Array.from(members);
}

function makeTest(column: ReturnType<AnalysisFrame["get"]>, condition: FilterValue, path: string): (i: number) => boolean {
  if (Array.isArray(condition) || typeof condition !== "object") {
    const allowed = (Array.isArray(condition) ? condition : [condition]).map(String);
    if (column.kind === "number") {
      const numbers = new Set(allowed.map(Number));
      if ([...numbers].some((v) => Number.isNaN(v))) {
        throw inputError(`${path} compares a numeric variable with text (${allowed.join(", ")})`, { location: { path }, hint: "use numbers, or declare the column as type: string" });
      }
      return (i) => numbers.has(column.values[i]);
    }
    const set = new Set(allowed);
    return (i) => column.values[i] !== null && set.has(column.values[i] as string);
  }
  if (column.kind !== "number") throw inputError(`${path} sets numeric bounds on a text variable`, { location: { path }, hint: "bounds (>=, <) need a numeric variable" });
  const c = condition as Record<string, number>;
  return (i) => {
    const v = column.values[i];
    if (Number.isNaN(v)) return false;
    return (c[">="] === undefined || v >= c[">="]) && (c[">"] === undefined || v > c[">"]) && (c["<="] === undefined || v <= c["<="]) && (c["<"] === undefined || v < c["<"]);
  };
}
