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
