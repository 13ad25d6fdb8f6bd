import { inputError } from "../../errors.js";
import { exp, log, log10, log2, pow } from "../elementary-functions.js";

/**
 * A parser for R model formulas: `y ~ a + b`, `a:b`, `a*b`, `a/b`, `(a + b)^2`, `- 1`, `+ 0`,
 * `factor(x)`, `I(x^2)` and back-quoted names; and, where the caller asks for it, the
 * instrumental-variables form `y ~ takeup + x | treat + x` (the `Formula` package's convention,
 * which `estimatr::iv_robust` reads: regressors before the `|`, instruments after it). `|` is
 * accepted once, at the top level of the right-hand side, and nowhere else.
 *
 * Operator precedence is R's: `^` binds tightest, then `:`, then `*` and `/`, then `+` and `-`.
 * Nothing is evaluated here; `I(...)` bodies are parsed into a small arithmetic tree that
 * `evaluateArithmetic` computes column-wise (never through `eval`).
 */
export type FormulaNode =
  | { type: "variable"; variable: VariableExpr; pos: number }
  | { type: "number"; value: number; text: string; pos: number }
  | { type: "binary"; op: "+" | "-" | "*" | "/" | ":" | "^"; left: FormulaNode; right: FormulaNode; pos: number }
  | { type: "negate"; operand: FormulaNode; pos: number }
  | { type: "group"; inner: FormulaNode; pos: number };

/**
 * A column of the model frame: a data column, `factor(column)`, `I(arithmetic)`, or a function of
 * arithmetic written directly (`log(income)`, `sqrt(x + 1)`: R names the column as written).
 */
export type VariableExpr =
  | { kind: "column"; name: string }
  | { kind: "factor"; name: string }
  | { kind: "I"; body: Arithmetic }
  | { kind: "call"; body: Arithmetic & { kind: "call" } };

export type Arithmetic =
  | { kind: "column"; name: string }
  | { kind: "number"; value: number }
  | { kind: "unary"; op: "-" | "+"; operand: Arithmetic }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "^"; left: Arithmetic; right: Arithmetic }
  | { kind: "call"; fn: ArithmeticFunction; arg: Arithmetic }
  | { kind: "paren"; inner: Arithmetic };

export const ARITHMETIC_FUNCTIONS = ["log", "exp", "sqrt", "abs", "log10", "log2"] as const;
export type ArithmeticFunction = (typeof ARITHMETIC_FUNCTIONS)[number];

export interface ParsedFormula {
  readonly text: string;
  readonly response: VariableExpr | undefined;
  readonly rhs: FormulaNode;
  /** The instruments of an instrumental-variables formula (after its `|`); only with `{ instruments: true }`. */
  readonly instruments?: FormulaNode;
}

export interface ParseFormulaOptions {
  /** Accept `regressors | instruments` (an instrumental-variables formula). Default false: `|` is an error. */
  instruments?: boolean;
}

type Token =
  | { t: "name"; v: string; pos: number }
  | { t: "num"; v: number; text: string; pos: number }
  | { t: "op"; v: string; pos: number }
  | { t: "end"; pos: number };

/** A number at a position (sticky, so a long formula is not copied once per number). */
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/**
 * Limits that keep a formula from exhausting the stack: the parser and every function that walks a
 * parsed formula recurse, once per level of nesting and once per operator in a chain
 * (`a + b + c` is `(a + b) + c`). A formula past them is a located input error, never
 * "Maximum call stack size exceeded". They are far beyond any model a person writes: 100
 * levels of parentheses, calls and signs, 2,000 operators deep, 100,000 characters.
 */
export const FORMULA_LIMITS = { characters: 100_000, nesting: 100, depth: 2_000 } as const;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw formulaError(text, i, "a back-quoted name is not closed", "close the name with a second `");
      out.push({ t: "name", v: text.slice(i + 1, close), pos: i });
      i = close + 1;
      continue;
    }
    if (/[A-Za-z.]/.test(c) && !(c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9._]/.test(text[j])) j++;
      out.push({ t: "name", v: text.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw formulaError(text, i, `unexpected "${c}"`);
      out.push({ t: "num", v: Number(m[0]), text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if ("~+-*/:^(),|".includes(c)) {
      out.push({ t: "op", v: c, pos: i });
      i++;
      continue;
    }
    throw formulaError(text, i, `unexpected character "${c}"`, "formulas use names, numbers and ~ + - * / : ^ ( )");
  }
  out.push({ t: "end", pos: text.length });
  return out;
}

/** An input error that shows the formula with a caret under the offending position (its excerpt). */
export function formulaError(text: string, pos: number, what: string, hint?: string) {
  return inputError(`formula does not parse: ${what} at position ${pos + 1}`, { location: { column: pos + 1 }, excerpt: { text, position: pos }, hint });
}

/**
 * Parses a formula such as `"y ~ treat * g + x1 - 1"`.
 *
 * @example
 * const f = parseFormula("y ~ treat*g");
 * f.response; // { kind: "column", name: "y" }
 */
export function parseFormula(text: string, options: ParseFormulaOptions = {}): ParsedFormula {
  if (text.length > FORMULA_LIMITS.characters) {
    throw inputError(`formula does not parse: it is ${text.length.toLocaleString("en-GB")} characters long; at most ${FORMULA_LIMITS.characters.toLocaleString("en-GB")} are read`, {
      hint: "a model this large is not a formula to write by hand: check what was pasted",
    });
  }
  const tokens = tokenize(text);
  let k = 0;
  // levels of nesting open now (parentheses, calls, signs, powers), and each node's depth
  let nesting = 0;
  const depths = new WeakMap<object, number>();
  const enter = (pos: number) => {
    if (++nesting > FORMULA_LIMITS.nesting) throw formulaError(text, pos, `more than ${FORMULA_LIMITS.nesting} levels of nesting`, "remove the extra parentheses");
  };
  const leave = () => void nesting--;
  /** Records a new node's depth (one more than its deepest part), refusing a tree too deep to walk. */
  const made = <T extends FormulaNode | Arithmetic>(node: T, pos: number, ...parts: (FormulaNode | Arithmetic)[]): T => {
    const depth = 1 + Math.max(0, ...parts.map((p) => depths.get(p) ?? 1));
    if (depth > FORMULA_LIMITS.depth) throw formulaError(text, pos, `the formula is more than ${FORMULA_LIMITS.depth.toLocaleString("en-GB")} operators deep`, "fit a model of this size from a program, not a formula");
    depths.set(node, depth);
    return node;
  };
  const peek = () => tokens[k];
  const next = () => tokens[k++];
  const isOp = (tok: Token, v: string) => tok.t === "op" && tok.v === v;
  const expectOp = (v: string) => {
    const tok = next();
    if (!isOp(tok, v)) throw formulaError(text, tok.pos, `expected "${v}" but found ${describe(tok)}`);
  };

  const tildes = tokens.filter((tok) => isOp(tok, "~"));
  if (tildes.length === 0) throw formulaError(text, text.length, 'no "~"', 'write the outcome, then "~", then the terms: y ~ treat + x1');
  if (tildes.length > 1) throw formulaError(text, tildes[1].pos, 'more than one "~"');
  checkBars(text, tokens, options.instruments === true);

  let response: VariableExpr | undefined;
  if (!isOp(peek(), "~")) {
    const start = peek();
    const node = parseSum();
    if (node.type !== "variable") {
      throw formulaError(text, start.pos, "the left-hand side must be a single variable", "use I(...) to compute an outcome: I(y / 1000) ~ treat");
    }
    response = node.variable;
  }
  expectOp("~");
  if (peek().t === "end") throw formulaError(text, peek().pos, 'nothing after "~"', "add the model terms, e.g. y ~ treat");
  const rhs = parseSum();
  if (isOp(peek(), "|")) {
    next();
    if (peek().t === "end") throw formulaError(text, peek().pos, 'nothing after "|"', `write the instruments after "|": ${IV_EXAMPLE}`);
    const instruments = parseSum();
    if (peek().t !== "end") throw formulaError(text, peek().pos, `unexpected ${describe(peek())}`);
    return { text, response, rhs, instruments };
  }
  if (peek().t !== "end") throw formulaError(text, peek().pos, `unexpected ${describe(peek())}`);
  return { text, response, rhs };

  function parseSum(): FormulaNode {
    let left: FormulaNode;
    if (isOp(peek(), "-")) {
      const tok = next();
      const operand = parseProduct();
      left = made({ type: "negate", operand, pos: tok.pos }, tok.pos, operand);
    } else if (isOp(peek(), "+")) {
      next();
      left = parseProduct();
    } else {
      left = parseProduct();
    }
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const tok = next() as { v: "+" | "-"; pos: number };
      const right = parseProduct();
      left = made({ type: "binary", op: tok.v, left, right, pos: tok.pos }, tok.pos, left, right);
    }
    return left;
  }
  function parseProduct(): FormulaNode {
    let left = parseInteraction();
    while (isOp(peek(), "*") || isOp(peek(), "/")) {
      const tok = next() as { v: "*" | "/"; pos: number };
      const right = parseInteraction();
      left = made({ type: "binary", op: tok.v, left, right, pos: tok.pos }, tok.pos, left, right);
    }
    return left;
  }
  function parseInteraction(): FormulaNode {
    let left = parsePower();
    while (isOp(peek(), ":")) {
      const tok = next();
      const right = parsePower();
      left = made({ type: "binary", op: ":", left, right, pos: tok.pos }, tok.pos, left, right);
    }
    return left;
  }
  function parsePower(): FormulaNode {
    const base = parseAtom();
    if (isOp(peek(), "^")) {
      const tok = next();
      const exp = next();
      if (exp.t !== "num" || !Number.isInteger(exp.v) || exp.v < 1) {
        throw formulaError(text, exp.pos, "^ in a formula takes a positive whole number (the interaction order)", "for a power of a variable use I(x^2)");
      }
      if (base.type === "variable" && exp.v > 1) {
        // R reads x^2 as x:x, i.e. just x — almost never what was meant
        throw formulaError(text, tok.pos, `${variableLabel(base.variable)}^${exp.text} means the interactions of one variable with itself, which is just ${variableLabel(base.variable)}`, `for a power write I(${variableLabel(base.variable)}^${exp.text}); for interactions write (a + b)^${exp.text}`);
      }
      return made({ type: "binary", op: "^", left: base, right: { type: "number", value: exp.v, text: exp.text, pos: exp.pos }, pos: tok.pos }, tok.pos, base);
    }
    return base;
  }
  function parseAtom(): FormulaNode {
    const tok = next();
    if (tok.t === "num") return { type: "number", value: tok.v, text: tok.text, pos: tok.pos };
    if (isOp(tok, "(")) {
      enter(tok.pos);
      const inner = parseSum();
      expectOp(")");
      leave();
      return made({ type: "group", inner, pos: tok.pos }, tok.pos, inner);
    }
    if (tok.t === "name") {
      if (isOp(peek(), "(")) {
        next();
        if (tok.v === "factor" || tok.v === "as.factor") {
          const arg = next();
          if (arg.t !== "name") throw formulaError(text, arg.pos, "factor() takes a column name");
          expectOp(")");
          return { type: "variable", variable: { kind: "factor", name: arg.v }, pos: tok.pos };
        }
        if (tok.v === "I") {
          enter(tok.pos);
          const body = parseArithmeticSum();
          expectOp(")");
          leave();
          return made({ type: "variable", variable: { kind: "I", body }, pos: tok.pos }, tok.pos, body);
        }
        if ((ARITHMETIC_FUNCTIONS as readonly string[]).includes(tok.v)) {
          enter(tok.pos);
          const arg = parseArithmeticSum();
          expectOp(")");
          leave();
          const body = { kind: "call" as const, fn: tok.v as ArithmeticFunction, arg };
          return made({ type: "variable", variable: { kind: "call", body }, pos: tok.pos }, tok.pos, arg);
        }
        throw formulaError(text, tok.pos, `unknown function "${tok.v}"`, `formulas accept factor(x), ${ARITHMETIC_FUNCTIONS.map((f) => `${f}(x)`).join(", ")} and I(arithmetic), e.g. I(x^2)`);
      }
      return { type: "variable", variable: { kind: "column", name: tok.v }, pos: tok.pos };
    }
    throw formulaError(text, tok.pos, `expected a variable but found ${describe(tok)}`);
  }

  function parseArithmeticSum(): Arithmetic {
    let left = parseArithmeticProduct();
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const tok = next() as { v: "+" | "-"; pos: number };
      const right = parseArithmeticProduct();
      left = made({ kind: "binary", op: tok.v, left, right }, tok.pos, left, right);
    }
    return left;
  }
  function parseArithmeticProduct(): Arithmetic {
    let left = parseArithmeticUnary();
    while (isOp(peek(), "*") || isOp(peek(), "/")) {
      const tok = next() as { v: "*" | "/"; pos: number };
      const right = parseArithmeticUnary();
      left = made({ kind: "binary", op: tok.v, left, right }, tok.pos, left, right);
    }
    return left;
  }
  function parseArithmeticUnary(): Arithmetic {
    if (isOp(peek(), "-") || isOp(peek(), "+")) {
      const tok = next() as { v: "-" | "+"; pos: number };
      enter(tok.pos);
      const operand = parseArithmeticUnary();
      leave();
      return made({ kind: "unary", op: tok.v, operand }, tok.pos, operand);
    }
    return parseArithmeticPower();
  }
  function parseArithmeticPower(): Arithmetic {
    const base = parseArithmeticAtom();
    if (isOp(peek(), "^")) {
      const tok = next();
      // R: -2^2 is -(2^2) and 2^-1 is allowed; ^ is right-associative
      enter(tok.pos);
      const right = parseArithmeticUnary();
      leave();
      return made({ kind: "binary", op: "^", left: base, right }, tok.pos, base, right);
    }
    return base;
  }
  function parseArithmeticAtom(): Arithmetic {
    const tok = next();
    if (tok.t === "num") return { kind: "number", value: tok.v };
    if (isOp(tok, "(")) {
      enter(tok.pos);
      const inner = parseArithmeticSum();
      expectOp(")");
      leave();
      return made({ kind: "paren", inner }, tok.pos, inner);
    }
    if (tok.t === "name") {
      if (isOp(peek(), "(")) {
        if (!(ARITHMETIC_FUNCTIONS as readonly string[]).includes(tok.v)) {
          throw formulaError(text, tok.pos, `unknown function "${tok.v}" inside I()`, `available: ${ARITHMETIC_FUNCTIONS.join(", ")}`);
        }
        next();
        enter(tok.pos);
        const arg = parseArithmeticSum();
        expectOp(")");
        leave();
        return made({ kind: "call", fn: tok.v as ArithmeticFunction, arg }, tok.pos, arg);
      }
      return { kind: "column", name: tok.v };
    }
    throw formulaError(text, tok.pos, `expected a number or a column inside I() but found ${describe(tok)}`);
  }
}

const IV_EXAMPLE = "y ~ takeup + x | treat + x";

/**
 * `|` may appear once, after the "~" and outside every parenthesis, and only where an
 * instrumental-variables formula is expected; anywhere else it is a located error.
 */
function checkBars(text: string, tokens: readonly Token[], allowed: boolean): void {
  let depth = 0;
  let afterTilde = false;
  let seen = false;
  for (const tok of tokens) {
    if (tok.t !== "op") continue;
    if (tok.v === "(") depth++;
    else if (tok.v === ")") depth--;
    else if (tok.v === "~") afterTilde = true;
    else if (tok.v === "|") {
      if (!allowed) {
        throw formulaError(text, tok.pos, '"|" (which separates regressors from instruments) is not accepted in this formula', `remove it; an instrumental-variables model is written as its own formula, ${IV_EXAMPLE}`);
      }
      if (!afterTilde) throw formulaError(text, tok.pos, '"|" before "~"', `the outcome comes first, then "~", regressors, "|" and instruments: ${IV_EXAMPLE}`);
      if (depth > 0) throw formulaError(text, tok.pos, '"|" inside parentheses or a function', `"|" separates the regressors from the instruments at the top level only: ${IV_EXAMPLE}`);
      if (seen) throw formulaError(text, tok.pos, 'more than one "|"', `an instrumental-variables formula has one "|": regressors before it, instruments after it (${IV_EXAMPLE})`);
      seen = true;
    }
  }
}

function describe(tok: Token): string {
  if (tok.t === "end") return "the end of the formula";
  if (tok.t === "num") return `"${tok.text}"`;
  return `"${tok.v}"`;
}

/** The intercept's name among a model's coefficients, as R's model.matrix names it. */
export const INTERCEPT = "(Intercept)";

/**
 * R's label for a variable: `x`, `factor(x)`, `I(x^2)` (deparsed as R does, spaces around + - *);
 * a column named `(Intercept)` is `` `(Intercept)` ``, as in R.
 */
export function variableLabel(v: VariableExpr): string {
  // a column named like the intercept keeps its backticks, as R's model.matrix names it
  // ("`(Intercept)`"), so that its coefficient is never named like the intercept's
  if (v.kind === "column") return v.name === INTERCEPT ? `\`${v.name}\`` : v.name;
  if (v.kind === "factor") return `factor(${v.name})`;
  if (v.kind === "call") return deparseArithmetic(v.body);
  return `I(${deparseArithmetic(v.body)})`;
}

export function deparseArithmetic(a: Arithmetic): string {
  switch (a.kind) {
    case "column":
      return /^[A-Za-z.][A-Za-z0-9._]*$/.test(a.name) ? a.name : `\`${a.name}\``;
    case "number":
      return String(a.value);
    case "paren":
      return `(${deparseArithmetic(a.inner)})`;
    case "unary":
      return `${a.op}${deparseArithmetic(a.operand)}`;
    case "call":
      return `${a.fn}(${deparseArithmetic(a.arg)})`;
    case "binary":
      return a.op === "/" || a.op === "^"
        ? `${deparseArithmetic(a.left)}${a.op}${deparseArithmetic(a.right)}`
        : `${deparseArithmetic(a.left)} ${a.op} ${deparseArithmetic(a.right)}`;
  }
}

/** Evaluates an I() body row by row over numeric columns (NaN propagates as missing). */
export function evaluateArithmetic(a: Arithmetic, columns: (name: string) => Float64Array, n: number): Float64Array {
  switch (a.kind) {
    case "column":
      return columns(a.name);
    case "number":
      return new Float64Array(n).fill(a.value);
    case "paren":
      return evaluateArithmetic(a.inner, columns, n);
    case "unary": {
      const x = evaluateArithmetic(a.operand, columns, n);
      return a.op === "-" ? x.map((v) => -v) : x;
    }
    case "call": {
      const x = evaluateArithmetic(a.arg, columns, n);
      const f = { log: log, exp: exp, sqrt: Math.sqrt, abs: Math.abs, log10: log10, log2: log2 }[a.fn];
      return x.map(f);
    }
    case "binary": {
      const l = evaluateArithmetic(a.left, columns, n);
      const r = evaluateArithmetic(a.right, columns, n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = l[i];
        const y = r[i];
        out[i] = a.op === "+" ? x + y : a.op === "-" ? x - y : a.op === "*" ? x * y : a.op === "/" ? x / y : pow(x, y);
      }
      return out;
    }
  }
}
