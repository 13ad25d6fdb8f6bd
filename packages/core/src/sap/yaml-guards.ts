import { type CST, Lexer, LineCounter, Parser } from "yaml";

/**
 * Guards around reading a SAP's YAML, for documents that are valid YAML but would crash or mislead
 * the reader:
 *
 * - nesting: `[[[[…` or `- - - -…` 100,000 levels deep makes the YAML composer recurse until the
 *   stack (or, for block sequences, the heap) runs out, which no try/catch can recover from. The
 *   document is therefore first split into tokens by the yaml package's concrete-syntax parser, which
 *   does not recurse, one lexeme at a time: as soon as more than MAX_YAML_DEPTH collections are
 *   open at once it stops (building all 100,000 nested tokens first took half a second), and the
 *   finished tokens are measured again with an explicit stack, before anything else reads them. A
 *   SAP needs about six levels; more than MAX_YAML_DEPTH is refused.
 * - values that JSON Schema cannot see: `.inf`, `.nan` and `1e400` are numbers to the schema
 *   validator, but no setting means anything at infinity; an alias inside its own anchor
 *   (`a: &x [*x]`) makes a cycle; aliases can also nest deeper than the text shows.
 *
 * @example
 * yamlTooDeep("a: " + "[".repeat(1000));   // { line: 1, column: 67, depth: 65 }
 * plainDataProblems({ n: Infinity });      // [{ path: ["n"], message: "is not a finite number …" }]
 */
export const MAX_YAML_DEPTH = 64;

/** Where the YAML text first nests deeper than MAX_YAML_DEPTH collections, or undefined. */
export function yamlTooDeep(text: string): YamlDepth | undefined {
  return readYamlTokens(text, new LineCounter()).tooDeep;
}

/** A place where the YAML nests too deep: the collection that opens level `depth`. */
export interface YamlDepth {
  line: number;
  column: number;
  depth: number;
}

const COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/**
 * The YAML text's concrete-syntax tokens (the parser does not recurse), its line breaks counted in
 * `lines`; or, if it nests deeper than MAX_YAML_DEPTH collections, where it first does so (and the
 * tokens read up to there). The parser is driven as its own `parse` drives it, so the tokens are
 * the same.
 */
export function readYamlTokens(text: string, lines: LineCounter): { tokens: CST.Token[]; tooDeep?: YamlDepth } {
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // the tokens being built, outermost first: more than MAX_YAML_DEPTH of them collections is too deep
    if (parser.stack.length > MAX_YAML_DEPTH) {
      const open = parser.stack.filter((t) => COLLECTIONS.has(t.type));
      if (open.length > MAX_YAML_DEPTH) return { tokens, tooDeep: depthAt(open[MAX_YAML_DEPTH], MAX_YAML_DEPTH + 1, lines) };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  // nesting the parser builds only on closing (a flow collection that turns out to be a key) is seen here
  return { tokens, tooDeep: tokensTooDeep(tokens, lines) };
}

function depthAt(token: CST.Token, depth: number, lines: LineCounter): YamlDepth {
  const at = lines.linePos(token.offset);
  return { line: at.line, column: at.col, depth };
}

/** The depth of tokens already read, measured with an explicit stack. */
function tokensTooDeep(tokens: readonly CST.Token[], lines: LineCounter): YamlDepth | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  for (const token of tokens) stack.push({ token, depth: 0 });
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (token.type === "document") {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (!COLLECTIONS.has(token.type) || !("items" in token)) continue;
    if (depth + 1 > MAX_YAML_DEPTH) return depthAt(token, depth + 1, lines);
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Problems in the plain data a SAP's YAML became, that the schema does not catch: non-finite
 * numbers, cycles made with aliases, and nesting (through aliases) deeper than MAX_YAML_DEPTH.
 * Walked with an explicit stack; each problem has the path of the value.
 */
export function plainDataProblems(data: unknown): { path: (string | number)[]; message: string; hint: string }[] {
  const out: { path: (string | number)[]; message: string; hint: string }[] = [];
  const stack: { value: unknown; path: (string | number)[]; ancestors: ReadonlySet<object> }[] = [{ value: data, path: [], ancestors: new Set() }];
  while (stack.length) {
    const { value, path, ancestors } = stack.pop()!;
    if (typeof value === "number" && !Number.isFinite(value)) {
      out.push({ path, message: `is not a finite number (${Number.isNaN(value) ? ".nan" : "infinite: .inf, or too large"})`, hint: "write an ordinary number here" });
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (ancestors.has(value)) {
      out.push({ path, message: "refers to a node that contains it (a YAML alias inside its own anchor)", hint: "an alias (*name) may only refer to a node defined before and outside it" });
      continue;
    }
    if (path.length >= MAX_YAML_DEPTH) {
      out.push({ path, message: `nests more than ${MAX_YAML_DEPTH} levels deep (through aliases)`, hint: "a SAP needs only a few levels of nesting" });
      continue;
    }
    const inside = new Set(ancestors).add(value);
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let k = entries.length - 1; k >= 0; k--) stack.push({ value: entries[k][1], path: [...path, entries[k][0]], ancestors: inside });
  }
  return out;
}
