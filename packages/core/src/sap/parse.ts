import type { ErrorObject } from "ajv";
import { type CST, Composer, type Document, type DocumentOptions, LineCounter, type Node, type ParseOptions, type SchemaOptions, YAMLParseError, isNode } from "yaml";
import { type SapProblem, closest, pathString } from "./problems.js";
import { sapValidators } from "./sap-validators.js";
import { MAX_YAML_DEPTH, plainDataProblems, readYamlTokens } from "./yaml-guards.js";
import { deriveKinds } from "./schema.js";
import type { EconomicsSpec, Sap } from "./types.js";

/**
 * Reads a SAP: YAML → plain data → checked against the JSON Schema, with every problem located
 * (SAP path and line:column). Nothing in the document is evaluated; YAML aliases are limited
 * (maxAliasCount) so an alias bomb cannot blow up memory, and duplicate keys are an error.
 *
 * @example
 * const { sap, problems } = parseSap(text, "sap.yaml");
 * if (problems.length) for (const p of problems) console.log(formatProblem(p));
 */
export interface ParsedSap {
  sap: Sap | undefined;
  problems: SapProblem[];
  /** Line and column of a SAP path, for later (semantic and data) problems. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** The key that marks each kind of derived variable, in the order of derive's oneOf. */
const deriveKeys = deriveKinds.map((k) => k.key);

export function parseSap(text: string, file = "sap.yaml"): ParsedSap {
  const read = readYaml(text, file, "a SAP must be a YAML mapping (key: value lines), starting with `trialstat: 1`", "not a SAP");
  if (read.problems.length) return { sap: undefined, problems: read.problems, locate: read.locate };
  const validateWhole = sapValidators().whole;
  const problems = validateWhole(read.data) ? [] : located(read, schemaProblems(validateWhole.errors ?? [], read.data as Record<string, unknown>));
  return { sap: problems.length ? undefined : (read.data as Sap), problems, locate: read.locate };
}

/**
 * Reads the file of `trialstat cba`: a YAML mapping with exactly the keys of a SAP's `economics:`
 * section (costs, values, seed, …), checked against the same schema, every problem located.
 *
 * @example
 * const { economics, problems } = parseEconomics(text, "economics.yaml");
 */
export function parseEconomics(text: string, file = "economics.yaml"): { economics: EconomicsSpec | undefined; problems: SapProblem[]; locate: ParsedSap["locate"] } {
  const read = readYaml(text, file, "the economics file must be a YAML mapping (key: value lines) with costs and values, as a SAP's economics section", "not an economics file");
  if (read.problems.length) return { economics: undefined, problems: read.problems, locate: read.locate };
  const validate = sapValidators().economics;
  const problems = validate(read.data) ? [] : located(read, schemaProblems(validate.errors ?? [], {}));
  return { economics: problems.length ? undefined : (read.data as EconomicsSpec), problems, locate: read.locate };
}

/**
 * The yaml package's parseDocument from tokens already read: the first document, and an error
 * (as parseDocument words it) if the text holds more than one. (prettyErrors is off, so errors
 * keep their plain messages.)
 */
function composeDocument(tokens: readonly CST.Token[], length: number, options: DocumentOptions & ParseOptions & SchemaOptions): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== "silent") {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
      break;
    }
  }
  return doc!;
}

interface ReadYaml {
  data: unknown;
  problems: SapProblem[];
  file: string;
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

function located(read: ReadYaml, raw: RawProblem[]): SapProblem[] {
  return raw.map((p) => ({ file: read.file, ...read.locate(p.segments), path: pathString(p.segments), message: p.message, hint: p.hint }));
}

/** YAML → plain data, every problem located: nesting too deep, invalid YAML, aliases, not a mapping, values that are not plain data. */
function readYaml(text: string, file: string, notMapping: string, notWhat: string): ReadYaml {
  // the text is split into tokens once: measured for depth, then composed into the document
  const lineCounter = new LineCounter();
  const { tokens, tooDeep: deep } = readYamlTokens(text, lineCounter);
  if (deep) {
    const problem = {
      file,
      line: deep.line,
      column: deep.column,
      message: `${notWhat}: the YAML nests more than ${MAX_YAML_DEPTH} levels deep here`,
      hint: "a SAP needs only a few levels; every [, { and - opens one: look for brackets that are never closed",
    };
    return { data: undefined, problems: [problem], file, locate: () => undefined };
  }
  // logLevel "error": the yaml package would otherwise print its warnings (a mapping used as a key) to the process's stderr
  const doc = composeDocument(tokens, text.length, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: "error" });
  const locateOffset = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    for (const seg of path) {
      const next = found && "get" in found ? (found as unknown as { get(k: unknown, keep: boolean): unknown }).get(seg, true) : undefined;
      if (!isNode(next)) break;
      found = next;
      node = next;
    }
    return found?.range ? locateOffset(found.range[0]) : undefined;
  };

  const problems: SapProblem[] = [];
  const fail = () => ({ data: undefined, problems, file, locate });
  for (const err of [...doc.errors, ...doc.warnings]) {
    // without prettyErrors the yaml library gives only the offset: locate it here
    const pretty = err.linePos?.[0];
    const at = pretty ? { line: pretty.line, column: pretty.col } : err.pos ? locateOffset(err.pos[0]) : undefined;
    const multiple = err.code === "MULTIPLE_DOCS";
    problems.push({
      file,
      line: at?.line,
      column: at?.column,
      message: multiple ? "not valid YAML: a SAP is one YAML document, and a second one starts here (---)" : `not valid YAML: ${err.message.split("\n")[0]}`,
      hint: err.code === "DUPLICATE_KEY" ? "each key may appear once in a mapping" : multiple ? "put everything in one document: remove the --- line and merge the two" : "check indentation, colons and quotes near this line",
    });
  }
  if (problems.length) return fail();

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ file, message: `the YAML could not be read: ${(e as Error).message}`, hint: "YAML aliases (*name) are limited to 100 expansions" });
    return fail();
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.push({ file, line: 1, message: notMapping });
    return fail();
  }
  for (const p of plainDataProblems(data)) problems.push({ file, ...locate(p.path), path: pathString(p.path), message: p.message, hint: p.hint });
  return { data, problems, file, locate };
}

interface RawProblem {
  segments: (string | number)[];
  message: string;
  hint?: string;
}

function segmentsOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Turns ajv's errors into one readable problem each; derived variables are checked by their kind. */
function schemaProblems(errors: ErrorObject[], data: Record<string, unknown>): RawProblem[] {
  const out: RawProblem[] = [];
  const seen = new Set<string>();
  const derive = (data.derive ?? {}) as Record<string, unknown>;
  const handledDerive = new Set<string>();
  for (const e of meantFormErrors(errors)) {
    const segments = segmentsOf(e.instancePath);
    if (segments[0] === "derive" && segments.length >= 2 && typeof segments[1] === "string") {
      const nameKey = segments[1];
      if (handledDerive.has(nameKey)) continue;
      handledDerive.add(nameKey);
      out.push(...deriveProblems(nameKey, derive[nameKey]));
      continue;
    }
    const p = describe(e, segments);
    if (!p) continue;
    const key = `${pathString(p.segments)}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * ajv reports a value that fits none of the forms of an anyOf or oneOf with the errors of every
 * form and a summary: `stars: [2]` gave "must be false" (the first form), "must be < 1" and "is not
 * in any of the accepted forms", so the first problem shown was about a form the plan never meant.
 * When the value's JSON type is that of exactly one form, that form is the one meant: only its
 * errors are kept (the others' and the summary are dropped). Otherwise all are kept.
 */
function meantFormErrors(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const union of errors) {
    if ((union.keyword !== "anyOf" && union.keyword !== "oneOf") || !Array.isArray(union.schema)) continue;
    const fitting = (union.schema as unknown[]).flatMap((form, i) => (formTakesTypeOf(form, union.data) ? [i] : []));
    if (fitting.length !== 1) continue;
    const within = (e: ErrorObject) =>
      e.schemaPath.startsWith(`${union.schemaPath}/`) && (e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`));
    const meant = (e: ErrorObject) => e.schemaPath.startsWith(`${union.schemaPath}/${fitting[0]}/`);
    if (!kept.some((e) => within(e) && meant(e))) continue;
    kept = kept.filter((e) => e !== union && !(within(e) && !meant(e)));
  }
  return kept;
}

/** Whether a form of a union takes values of the JSON type of `value` (a form whose type is not stated takes any). */
function formTakesTypeOf(form: unknown, value: unknown): boolean {
  if (form === null || typeof form !== "object") return true;
  const f = form as { type?: string | string[]; const?: unknown; enum?: unknown[] };
  const types = f.type !== undefined ? [f.type].flat() : "const" in f ? [jsonType(f.const)] : Array.isArray(f.enum) ? f.enum.map(jsonType) : undefined;
  if (!types) return true;
  const type = jsonType(value);
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function deriveProblems(nameKey: string, entry: unknown): RawProblem[] {
  const base: (string | number)[] = ["derive", nameKey];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
    return [{ segments: base, message: "a derived variable must be a mapping", hint: "e.g. { instrument: phq9, source: survey12, items: [...] }" }];
  }
  const kinds = deriveKeys.filter((k) => k in (entry as object));
  if (kinds.length !== 1) {
    return [
      {
        segments: base,
        message: kinds.length === 0 ? "a derived variable needs exactly one of: instrument, likert, from, recode" : `a derived variable has one kind, but this has ${kinds.join(" and ")}`,
        hint: "instrument: a questionnaire score; likert: a custom scale; from: an outcome from administrative records; recode: bands or a mapping",
      },
    ];
  }
  const branch = deriveKeys.indexOf(kinds[0]);
  const validate = sapValidators().derive[branch];
  if (validate(entry)) return [];
  const out: RawProblem[] = [];
  for (const e of validate.errors ?? []) {
    const p = describe(e, [...base, ...segmentsOf(e.instancePath)]);
    if (p) out.push(p);
  }
  return out;
}

function describe(e: ErrorObject, segments: (string | number)[]): RawProblem | undefined {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(((e.parentSchema as { properties?: object })?.properties ?? {}) as object);
      const guess = closest(key, allowed);
      return {
        segments: [...segments, key],
        message: `unknown key "${key}"`,
        hint: guess ? `did you mean "${guess}"? (allowed here: ${allowed.join(", ")})` : allowed.length ? `allowed here: ${allowed.join(", ")}` : undefined,
      };
    }
    case "required":
      return { segments, message: `missing required key "${String(params.missingProperty)}"`, hint: `add ${String(params.missingProperty)}: (see docs/sap.md for this section)` };
    case "enum":
      return { segments, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, hint: "use one of the values listed" };
    case "const":
      return { segments, message: `must be ${JSON.stringify(params.allowedValue)}`, hint: `write ${JSON.stringify(params.allowedValue)}` };
    case "type":
      return { segments, message: `must be ${article(String(params.type))}`, hint: `write ${article(String(params.type))} here (see docs/sap.md for this key)` };
    case "pattern": {
      const form = (e.parentSchema as { description?: string })?.description ?? e.message;
      // a key's name (propertyNames): located at the key, and named, since its value is not at fault
      const key = (e as ErrorObject & { propertyName?: string }).propertyName;
      if (key !== undefined) return { segments: [...segments, key], message: `the name ${JSON.stringify(key)} does not have the expected form (${form})`, hint: "rename it to that form (where the plan takes a label, the label can hold any text)" };
      return { segments, message: `does not have the expected form (${form})` };
    }
    case "propertyNames":
      return undefined; // reported by the "pattern" error on the name itself
    case "minLength":
      return params.limit === 1 ? { segments, message: "is empty", hint: "give it some text (an optional key, such as a label, may be left out instead)" } : { segments, message: e.message ?? e.keyword };
    case "minItems":
      return { segments, message: `needs at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}` };
    case "maxItems":
      return { segments, message: `has ${Array.isArray(e.data) ? e.data.length : "more"} items, but may have at most ${String(params.limit)}`, hint: `keep at most ${String(params.limit)}` };
    case "minProperties":
      return { segments, message: `needs at least ${String(params.limit)} entr${params.limit === 1 ? "y" : "ies"}` };
    case "anyOf":
    case "oneOf":
      return { segments, message: "is not in any of the accepted forms" };
    default:
      return { segments, message: e.message ?? e.keyword };
  }
}

function article(type: string): string {
  const t = type.replace(/,/g, " or ");
  return /^(integer|object|array)/.test(t) ? `an ${t}` : `a ${t}`;
}
