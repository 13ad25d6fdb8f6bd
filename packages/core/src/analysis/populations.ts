import { analysisError, inputError, listNames } from "../errors.js";
import { closest } from "../sap/problems.js";
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

/**
 * Refuses a value listed in a population's `where` that no retained participant has
 * (`site: [A, b]` where the data say B): the other values still select people, so without this the
 * population would quietly lose everyone the misspelt code was meant to bring in. The error names
 * the value and the closest value the variable has. A single value that matches nobody empties the
 * population, which the caller reports; bounds are ranges, not codes, and are not checked.
 */
export function checkFilterValuesMatch(frame: AnalysisFrame, spec: Pick<PopulationSpec, "where">, name: string): void {
  for (const [variable, condition] of Object.entries(spec.where ?? {})) {
    if (!Array.isArray(condition)) continue;
    const column = frame.get(variable, `populations.${name}.where`);
    const present = new Set<string>();
    if (column.kind === "number") for (const v of column.values) Number.isNaN(v) || present.add(String(v));
    else for (const v of column.values) if (v !== null) present.add(v);
    condition.forEach((value, k) => {
      const code = column.kind === "number" ? String(Number(value)) : String(value);
      if (present.has(code)) return;
      const values = [...present].sort();
      const guess = closest(String(value), values);
      throw analysisError(
        `the population ${name} lists ${variable} ${String(value)}, which matches nobody: no retained participant has it${guess === undefined ? "" : ` (the closest value is ${guess})`}`,
        {
          // dotted, with the list index as a segment, as the plan's steps locate paths (stepProblem)
          location: { path: `populations.${name}.where.${variable}.${k}` },
          hint: `${guess === undefined ? `${variable}'s values: ${listNames(values)}` : `did you mean ${guess}?`} Correct or remove the value in populations.${name}.where.${variable} (codes are matched exactly, as text or numbers)`,
        },
      );
    });
  }
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
