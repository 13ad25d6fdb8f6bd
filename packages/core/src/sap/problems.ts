import { type ErrorKind, TrialstatError } from "../errors.js";

/**
 * A problem found in a SAP or its data: what is wrong, where (a SAP path such as
 * `outcomes[3].weights` with its line, or a data file:line:column), and how to fix it.
 * Validation collects every problem instead of stopping at the first.
 */
export interface SapProblem {
  /** Path inside the SAP, e.g. `outcomes[3].weights` (absent for purely data problems). */
  path?: string;
  file?: string;
  line?: number;
  column?: number | string;
  message: string;
  hint?: string;
  /** "analysis" when the plan and data are well formed but the data cannot support an analysis (exit 1); otherwise an input problem. */
  kind?: ErrorKind;
}

/** `sap.yaml:12:5: outcomes[3].weights: no weights named "nr13"` */
export function formatProblem(p: SapProblem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined && x !== "").join(":");
  const prefix = [where, p.path].filter(Boolean).join(": ");
  return `${prefix ? `${prefix}: ` : ""}${p.message}`;
}

/**
 * Thrown when a SAP (or its data) has problems; carries all of them. The hint is the first
 * problem's, else `otherwise`: by default, for a SAP, that validate lists them all (it reads
 * only SAPs, so another file, such as the economics file of `trialstat cba`, gives its own).
 */
export class SapProblems extends TrialstatError {
  readonly problems: readonly SapProblem[];
  constructor(problems: readonly SapProblem[], what = "the SAP", otherwise = "run `trialstat validate` to list every problem") {
    const first = problems[0];
    super("input", problems.length === 1 ? `${what} has a problem: ${formatProblem(first)}` : `${what} has ${problems.length} problems; the first: ${formatProblem(first)}`, {
      hint: first.hint ?? otherwise,
    });
    this.problems = problems;
  }
}

/** Edit distance, for "did you mean …?" hints on misspelt keys and names. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * The problem of a name that is not among those a plan defines: the closest of them as a hint, else the list.
 *
 * @example
 * unknownName(["take_up", "populations", 0], "population", "scr_i", ["all", "scr_iw"]);
 * // { path: […], message: 'no population named "scr_i"', hint: 'did you mean "scr_iw"?' }
 */
export function unknownName(path: (string | number)[], kind: string, name: string, known: readonly string[]): { path: (string | number)[]; message: string; hint: string } {
  const guess = closest(name, known);
  return { path, message: `no ${kind} named "${name}"`, hint: guess ? `did you mean "${guess}"?` : `${kind}s: ${known.join(", ")}` };
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** `outcomes[3].weights` from ["outcomes", 3, "weights"]. */
export function pathString(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
