import { inputError } from "../errors.js";

/**
 * JSON text read for a command (a results.json, a SAP lock, a scale definition): its value, or an
 * input error located at the fault's line and column in the file, saying what was found there.
 * JavaScript's own message is not shown: it quotes the text around the fault, line breaks included
 * (so that one error would print as several lines), and gives no line or column.
 *
 * @example
 * parseJson('{"a": 1,}', "x.json", "results", "regenerate it");
 * // throws x.json:1:9: not valid JSON (results): found "}" where a quoted property name was expected
 */
export function parseJson(text: string, file: string, what: string, hint: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const fault = jsonFault(text);
    const at = fault ? lineAndColumn(text, fault.offset) : undefined;
    throw inputError(`not valid JSON (${what}): ${fault?.what ?? "the text is not JSON"}`, { location: { file, ...at }, hint });
  }
}

/** 1-based line and column of a character offset (a line ends at \n; \r\n counts as one break). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The first syntax fault of JSON text (RFC 8259), as a character offset and what was found there; undefined for valid JSON. */
export function jsonFault(text: string): { offset: number; what: string } | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const found = (expected: string) => ({ offset: i, what: `found ${describeAt(text, i)} where ${expected} was expected` });
  // containers still open, innermost last: "]" for an array, "}" for an object; iterative, so that deep nesting cannot overflow the stack
  const open: string[] = [];
  for (;;) {
    // a value
    skip();
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      skip();
      if (text[i] === (c === "{" ? "}" : "]")) i++;
      else {
        open.push(c === "{" ? "}" : "]");
        if (c === "{") {
          const key = readKey();
          if (key) return key;
        }
        continue;
      }
    } else if (c === '"') {
      const bad = readString();
      if (bad) return bad;
    } else if (c !== undefined && (c === "-" || (c >= "0" && c <= "9"))) {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = i;
      const n = m.exec(text);
      if (!n) return found("a value");
      i += n[0].length;
      if (/[0-9.eE]/.test(text[i] ?? "")) return { offset: i, what: `a malformed number: found ${describeAt(text, i)} right after ${JSON.stringify(n[0])}` };
    } else {
      const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
      if (!word) return found("a value");
      i += word.length;
    }
    // after a value: close containers, or go on to the next element
    for (;;) {
      skip();
      const close = open[open.length - 1];
      if (close === undefined) return i < text.length ? { offset: i, what: `found ${describeAt(text, i)} after the end of the JSON value` } : undefined;
      if (text[i] === close) {
        open.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return found(`"," or "${close}"`);
      i++;
      if (close === "}") {
        const key = readKey();
        if (key) return key;
      }
      break;
    }
  }

  /** At an object's property: its quoted name, then ":" (i is left before the value). */
  function readKey(): { offset: number; what: string } | undefined {
    skip();
    if (text[i] !== '"') return found("a quoted property name");
    const bad = readString();
    if (bad) return bad;
    skip();
    if (text[i] !== ":") return found('":"');
    i++;
    return undefined;
  }

  /** At a quoted string: reads it, or says what is wrong in it. */
  function readString(): { offset: number; what: string } | undefined {
    const start = i++;
    for (;;) {
      if (i >= text.length) return { offset: start, what: "a string that is not closed" };
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, what: `found ${describeAt(text, i)} inside a string (write it as an escape, e.g. \\n)` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u" ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !e || !'"\\/bfnrt'.includes(e)) return { offset: i, what: "a backslash that starts no JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)" };
        i += e === "u" ? 6 : 2;
      } else i++;
    }
  }
}

/** What is at an offset, in words: `the end of the file`, `a line break`, `a quotation mark`, `"x"`, `the character U+FEFF`. */
function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return "the end of the file";
  const c = String.fromCodePoint(text.codePointAt(offset)!);
  if (c === "\n" || c === "\r") return "a line break";
  if (c === "\t") return "a tab";
  if (c === '"') return "a quotation mark";
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c)) return `"${c}"`;
  return `the character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
