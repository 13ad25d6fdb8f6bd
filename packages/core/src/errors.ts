/**
 * Errors a user can act on: what was wrong, where, and how to fix it.
 *
 * `kind` decides the CLI's exit code: `input` (bad file, bad option, bad formula: exit 2) or
 * `analysis` (the data cannot support the requested analysis, e.g. a singular design or a separated
 * logit: exit 1).
 */
export type ErrorKind = "input" | "analysis";

export interface ErrorLocation {
  file?: string;
  /** 1-based line in the file. */
  line?: number;
  /** Column name (CSV) or 1-based character position (formula, YAML). */
  column?: string | number;
  /** A path inside a structured document, e.g. `outcomes[3].weights`. */
  path?: string;
}

export class TrialstatError extends Error {
  readonly kind: ErrorKind;
  readonly location: ErrorLocation | undefined;
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { location?: ErrorLocation; hint?: string } = {}) {
    super(message);
    this.name = "TrialstatError";
    this.kind = kind;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** `file:line:column: message` — the one line the CLI prints. */
  get where(): string | undefined {
    const loc = this.location;
    if (!loc) return undefined;
    if (loc.path) return loc.file ? `${loc.file}: ${loc.path}` : loc.path;
    const parts = [loc.file, loc.line, loc.column].filter((p) => p !== undefined && p !== "");
    return parts.length ? parts.join(":") : undefined;
  }
}

export function inputError(message: string, options?: { location?: ErrorLocation; hint?: string }): TrialstatError {
  return new TrialstatError("input", message, options);
}

export function analysisError(message: string, options?: { location?: ErrorLocation; hint?: string }): TrialstatError {
  return new TrialstatError("analysis", message, options);
}

/** Lists names for a message, shortening long lists: `a, b, c, … (40 in all)`. */
export function listNames(names: readonly string[], max = 12): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")}, … (${names.length} in all)`;
}

/** Longest data value shown whole in a message (see quoteValue). */
const SHOWN_VALUE_MAX = 40;

/**
 * A value from the data, quoted for a message. A long one keeps its first 40 characters and says
 * how long it was, so that a message about a 20 MB cell stays one meaningful line.
 *
 * @example
 * quoteValue("abc");                  // "\"abc\""
 * quoteValue("9".repeat(20_000_000)); // "\"9999999999999999999999999999999999999999…\" (20,000,000 characters)"
 */
export function quoteValue(value: string): string {
  const { head, rest } = cutValue(value);
  return `"${head}${rest ? "…\"" : "\""}${rest}`;
}

/** The same without quotes, for values that messages show bare (participant keys): `P001`, `P00000… (2,000 characters)`. */
export function showValue(value: string): string {
  const { head, rest } = cutValue(value);
  return `${head}${rest ? "…" : ""}${rest}`;
}

function cutValue(value: string): { head: string; rest: string } {
  if (value.length <= SHOWN_VALUE_MAX) return { head: value, rest: "" };
  let cut = SHOWN_VALUE_MAX;
  const last = value.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
  return { head: value.slice(0, cut), rest: ` (${value.length.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")} characters)` };
}
