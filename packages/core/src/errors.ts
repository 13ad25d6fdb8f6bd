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

/**
 * The settings a remedy can name, each with what it is: one list for every front end, which words
 * a setting as its user sets it — the CLI as a flag (`--rake-max-iterations 200`), the SAP runner
 * as a path in the plan (`weights.nr12.trim.cap: 5`) or by saying that a plan cannot set it, any
 * other front end as `setting: value`. Core code names no command-line flag. Add a setting here and
 * its wording to each front end's table (packages/cli/src/remedies.ts, sap/remedies.ts); the
 * type-checker then asks for both.
 */
export const SETTINGS = {
  se: "the type of standard errors",
  cluster: "the cluster variable",
  family: "the model family (gaussian: a linear model; binomial: a logit)",
  method: "the weighting method (logit, cells or rake)",
  within: "the variables whose cells are weighted separately",
  eligible: "who was eligible for the survey",
  missing_covariates: "the policy for missing weighting covariates",
  "trim.cap": "the trimming cap of the weights",
  "trim.percentile": "the trimming percentile of the weights",
  "rake.tolerance": "the raking tolerance",
  "rake.max_iterations": "the raking iteration limit",
  items: "the item columns of a questionnaire, in item order",
  missing_codes: "the missing-value codes of a questionnaire's items",
  labels: "the response labels of a questionnaire's items",
  value_set: "the value set of an EQ-5D index",
  sheet: "the sheet of a spreadsheet",
  arm: "the 0/1 arm variable of randomisation inference",
  marginal_effect: "the 0/1 variable of the average marginal effect",
  lin_covariates: "the covariates of Lin's adjustment",
  bootstrap: "the bootstrap",
  "bootstrap.type": "the kind of bootstrap (pairs, cluster or wild)",
} as const;

/** A setting a remedy can name (see SETTINGS). */
export type SettingId = keyof typeof SETTINGS;

/**
 * What to change to get past an error: a setting, a value to try, and what the change does in a
 * few words (said without naming how to make it, which is the front end's part).
 *
 * @example
 * { setting: "rake.max_iterations", value: 200, reason: "allow more iterations" }
 * // CLI: "allow more iterations (--rake-max-iterations 200)"
 * // SAP: "allow more iterations (a plan cannot set the raking iteration limit)"
 * // any other front end: "allow more iterations (rake.max_iterations: 200)"
 */
export interface Remedy {
  setting: SettingId;
  value?: string | number;
  reason?: string;
}

/** How a front end writes a remedy's setting (and value) for its user, e.g. `--se HC1`. */
export type RemedyWording = (remedy: Remedy) => string;

/** The wording of front ends that have no table of their own: `setting: value`. */
export const genericRemedy: RemedyWording = (r) => (r.value === undefined ? r.setting : `${r.setting}: ${r.value}`);

/**
 * A hint from its advice (what to do in the data or the model, for every front end) and the
 * remedies (settings to change), each worded by the front end: "advice, or reason (setting)".
 *
 * @example
 * composeHint("merge sparse categories", [{ setting: "family", value: "gaussian", reason: "use a linear probability model" }], cliWording);
 * // "merge sparse categories, or use a linear probability model (--family gaussian)"
 */
export function composeHint(advice: string | undefined, remedies: readonly Remedy[], word: RemedyWording): string | undefined {
  const parts = [advice, ...remedies.map((r) => (r.reason ? `${r.reason} (${word(r)})` : word(r)))].filter((p): p is string => p !== undefined && p !== "");
  if (parts.length <= 1) return parts[0];
  return `${parts.slice(0, -1).join(", ")}, or ${parts[parts.length - 1]}`;
}

/**
 * The text an error is about, shown under the message with a caret at the fault (a formula): a
 * structured part of the error, so that a front end lays it out itself and the text's own line
 * breaks never reach the screen raw.
 */
export interface ErrorExcerpt {
  text: string;
  /** 0-based position of the fault in `text` (`text.length` for its end). */
  position: number;
}

export interface ErrorOptions {
  location?: ErrorLocation;
  /** The text the error is about, with the fault's position (shown with a caret under it). */
  excerpt?: ErrorExcerpt;
  /** What the user can do, in words every front end can show (name no command-line flag here: that is a remedy). */
  hint?: string;
  /** Settings to change, which each front end words for its user. */
  remedies?: readonly Remedy[];
}

export class TrialstatError extends Error {
  readonly kind: ErrorKind;
  readonly location: ErrorLocation | undefined;
  /** The hint without the remedies. */
  readonly advice: string | undefined;
  readonly remedies: readonly Remedy[];
  readonly excerpt: ErrorExcerpt | undefined;

  constructor(kind: ErrorKind, message: string, options: ErrorOptions = {}) {
    super(message);
    this.name = "TrialstatError";
    this.kind = kind;
    this.location = options.location;
    this.excerpt = options.excerpt;
    this.advice = options.hint;
    this.remedies = options.remedies ?? [];
  }

  /** The hint with the remedies worded generically (`se: HC1`); a front end words them itself with `hintWith`. */
  get hint(): string | undefined {
    return this.hintWith(genericRemedy);
  }

  /** The hint with the remedies worded by a front end. */
  hintWith(word: RemedyWording): string | undefined {
    return composeHint(this.advice, this.remedies, word);
  }

  /**
   * The same error restated: another message (e.g. saying which part of the plan failed) or place,
   * keeping the kind, the hint and the remedies, so that the front end still words them.
   */
  restated(message: string, location: ErrorLocation | undefined = this.location): TrialstatError {
    return new TrialstatError(this.kind, message, { location, hint: this.advice, remedies: this.remedies, excerpt: this.excerpt });
  }

  /** `file:line:column: message` — the one line the CLI prints. */
  get where(): string | undefined {
    const loc = this.location;
    if (!loc) return undefined;
    if (loc.path) return loc.file ? `${loc.file}: ${loc.path}` : loc.path;
    // a column alone (a formula's position, before a caller places the formula) is no place to print:
    // the message and its excerpt show it
    if ((loc.file === undefined || loc.file === "") && loc.line === undefined) return undefined;
    const parts = [loc.file, loc.line, loc.column].filter((p) => p !== undefined && p !== "");
    return parts.length ? parts.join(":") : undefined;
  }
}

export function inputError(message: string, options?: ErrorOptions): TrialstatError {
  return new TrialstatError("input", message, options);
}

export function analysisError(message: string, options?: ErrorOptions): TrialstatError {
  return new TrialstatError("analysis", message, options);
}

/**
 * Text made safe to print as one line of a message: line feeds, carriage returns and tabs are
 * written `\n`, `\r` and `\t`, every other C0 control, DEL, the C1 controls and the
 * bidirectional marks, overrides and isolates `\xNN` or `\u{NNNN}`. Text from a file or an argument
 * (a JSON parser's excerpt, a column name, a formula) then cannot split a message into lines that
 * look like other output, nor drive or disguise a terminal.
 *
 * @example
 * oneLine("x\nconforms: yes"); // "x\\nconforms: yes"
 */
export function oneLine(text: string): string {
  return escapeControls(text);
}

/**
 * The one rule for control characters from data (oneLine's, the terminal's, the reports'): every C0
 * control, DEL, the C1 controls and the bidirectional marks, overrides and isolates are written
 * `\n`, `\r`, `\t` or `\xNN` / `\u{NNNN}`, except the characters in `keep`, which a multi-line
 * text (a table on a terminal, a report) keeps as they are.
 *
 * @example
 * escapeControls("a\tb\x1b", "\t"); // "a\tb\\x1b"
 */
export function escapeControls(text: string, keep = ""): string {
  return text.replace(CONTROL_CHARACTERS, (c) => {
    if (keep.includes(c)) return c;
    const named = NAMED_CONTROLS[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED_CONTROLS: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Widest excerpt shown (see excerptLines): a longer text is cut around its fault. */
const EXCERPT_WIDTH = 76;

/**
 * An error's excerpt as two lines, the text (escaped by oneLine) and a caret under the fault, each
 * indented two spaces; a text wider than 76 characters is cut around the fault, with "…" where it was cut.
 *
 * @example
 * excerptLines({ text: "y ~ x +", position: 7 }); // ["  y ~ x +", "         ^"]
 */
export function excerptLines(excerpt: ErrorExcerpt): [string, string] {
  const before = oneLine(excerpt.text.slice(0, excerpt.position));
  const after = oneLine(excerpt.text.slice(excerpt.position));
  const keepBefore = Math.min(before.length, Math.max(EXCERPT_WIDTH / 2, EXCERPT_WIDTH - after.length));
  const head = keepBefore < before.length ? `…${before.slice(before.length - keepBefore + 1)}` : before;
  const room = EXCERPT_WIDTH - head.length;
  const tail = after.length > room ? `${after.slice(0, room - 1)}…` : after;
  return [`  ${head}${tail}`, `  ${" ".repeat(head.length)}^`];
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
