import { inputError, quoteValue } from "../errors.js";

/**
 * A number as a table prints it, read back with its unit and its rounding: "3.9ppt", "−£265",
 * "0.10 sd", "27%", "2,116", "<0.001", "1.2e-5", "£1.2m". The rounding is inferred from the digits
 * printed: `ulp` is one unit in the last place shown (0.1 for "3.9", 1 for "£442", 1e5 for "£1.2m",
 * 1e-6 for "1.2e-5"), so the printed text stands for every value within half an ulp of `value`.
 *
 * Read: a true minus (−), an ASCII hyphen-minus, an en dash or other dash before the number, or a
 * plus; thousands separated by commas or thin/no-break spaces, in groups of three; a leading point
 * (".003"); an exponent (e-5, ×10^-5, ×10⁻⁵); a currency mark before or after (£ € $ ¥ ₹, US$, or a
 * three-letter code such as GBP), with k, m or bn after the number; a unit after it: ppt, pp, p.p.,
 * percentage points, % and per cent (all `percent`: hundredths of a proportion), sd, s.d., SD, standard
 * deviations (`sd`); and, where the caller allows it, a bound before it (<, ≤, >, ≥; a leading
 * "p" and "=" are ignored: "p < 0.001", "P=0.03"). Anything else — a decimal comma ("3,9"), two
 * signs, letters — is an error that says what it could not read.
 *
 * @example
 * parsePrintedNumber("−£265");   // { value: -265, ulp: 1, unit: "currency", currency: "GBP", … }
 * parsePrintedNumber("3.9ppt");  // { value: 3.9, ulp: 0.1, unit: "percent", … }
 * parsePrintedNumber("<0.001", { bound: true }); // { value: 0.001, ulp: 0.001, bound: "<", … }
 */
export interface PrintedNumber {
  /** The number printed, in its printed unit (3.9 for "3.9ppt", 27 for "27%", -265 for "−£265"). */
  value: number;
  /** One unit in the last place printed: the printed text stands for value ± ulp/2. */
  ulp: number;
  /** Decimal places printed (negative for "£1.2m": −5); the places a recomputed value is shown to. */
  decimals: number;
  unit: "percent" | "sd" | "currency" | null;
  /** The currency's ISO code when its mark is known (£ → GBP), else the mark as printed. */
  currency: string | null;
  /** "<0.001": the value is below the printed one; ">0.99": above it. */
  bound: "<" | ">" | null;
  /** How it was printed, to show a recomputed value the same way (prefix "£", suffix "ppt", multiplier "m"). */
  style: { prefix: string; suffix: string; multiplier: string };
}

/** Currency marks a table prints, by ISO code. */
export const CURRENCY_MARKS: Readonly<Record<string, string>> = { "£": "GBP", "€": "EUR", $: "USD", US$: "USD", "¥": "JPY", "₹": "INR", A$: "AUD", C$: "CAD", NZ$: "NZD" };

/** Powers of ten after a currency amount: £12k, £1.2m, £3bn. */
export const MULTIPLIERS: Readonly<Record<string, number>> = { k: 3, m: 6, bn: 9 };

/** Dashes and minus signs that mean "minus" before a number (true minus, en dash, hyphen, full-width). */
const MINUS = /[\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\uff0d]/g;
/** Spaces that tables put between digit groups or before a unit. */
const SPACES = /[\u00a0\u2007\u2009\u202f]/g;
const SUPERSCRIPTS: Readonly<Record<string, string>> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+" };

const PERCENT_UNIT = /^(?:ppts?|pp|p\.\s?p\.|percentage[ -]points?|%\s*points?|%|per\s?cent)$/i;
const SD_UNIT = /^(?:sds?|s\.\s?d\.|standard deviations?)$/i;

/** The forms a printed number may take, for hints. */
const PRINTED_FORMS = "e.g. 3.9ppt, −£265, 0.10sd, 27%, 2,116 or <0.001";

export function parsePrintedNumber(printed: string, options: { bound?: boolean } = {}): PrintedNumber {
  const fail = (why: string, hint = `type the number as the table prints it, ${PRINTED_FORMS}`) => inputError(`cannot read ${quoteValue(printed)} as a number: ${why}`, { hint });
  let s = printed.replace(SPACES, " ").trim().replace(MINUS, "-").replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+/g, (m) => `^${[...m].map((c) => SUPERSCRIPTS[c]).join("")}`);
  if (s === "") throw fail("it is empty");

  let bound: PrintedNumber["bound"] = null;
  const bounded = /^(?:p\s*)?(<=|>=|[<>≤≥=])\s*/i.exec(s) ?? /^p\s+/i.exec(s);
  if (bounded) {
    const sign = bounded[1] ?? "=";
    if (sign !== "=") {
      if (!options.bound) throw fail(`only a p-value is printed with a bound (${sign})`);
      bound = sign.startsWith("<") || sign === "≤" ? "<" : ">";
    }
    s = s.slice(bounded[0].length);
  }

  const match = /^([+-])?\s*((?:US\$|NZ\$|[AC]\$|[£€$¥₹]|[A-Z]{3}(?=[\s\d.+-]))\s*)?([+-])?\s*(\d[\d, ]*(?:\.\d*)?|\.\d+)((?:[eE][+-]?\d+)|(?:\s*[×x]\s*10\s*\^?\s*[+-]?\d+))?(?:\s*(k|K|m|M|bn)(?![a-zA-Z]))?(.*)$/.exec(s);
  if (!match) throw fail("it does not start with a number, a sign or a currency mark");
  const [, sign1, prefix = "", sign2, digits, exponent, multiplier = "", rest] = match;
  if (sign1 && sign2) throw fail("it has two signs");
  const negative = (sign1 ?? sign2) === "-";
  if (/\.$/.test(digits)) throw fail("it ends in a point", "type the digits after the point, or none");
  const mantissa = readDigits(digits.trim(), fail);

  let unit: PrintedNumber["unit"] = null;
  const mark = prefix.trim();
  let currency: string | null = mark ? (CURRENCY_MARKS[mark] ?? mark) : null;
  const suffix = rest.trim();
  if (suffix !== "") {
    if (PERCENT_UNIT.test(suffix)) unit = "percent";
    else if (SD_UNIT.test(suffix)) unit = "sd";
    else if (!currency && (/^[A-Z]{3}$/.test(suffix) || suffix in CURRENCY_MARKS)) currency = CURRENCY_MARKS[suffix] ?? suffix;
    else throw fail(`${quoteValue(rest.trim())} after the number is not a unit trialstat reads (ppt, %, sd, a currency)`);
  }
  if (currency) {
    if (unit) throw fail("it has both a currency and another unit");
    unit = "currency";
  }
  if (multiplier && !currency) throw fail(`${multiplier} (thousands, millions) is read after a currency only`);

  const power = (exponent ? Number(/[+-]?\d+$/.exec(exponent)![0]) : 0) + (multiplier ? MULTIPLIERS[multiplier.toLowerCase()] : 0);
  const decimals = mantissa.decimals - power;
  const magnitude = Number(`${mantissa.digits}e${power}`);
  if (!Number.isFinite(magnitude)) throw fail("it is too large");
  return {
    value: negative ? -magnitude : magnitude,
    ulp: Number(`1e${-decimals}`),
    decimals,
    unit,
    currency,
    bound,
    style: { prefix, suffix: suffixStyle(rest), multiplier },
  };
}

/** The digits of a number with its thousands separators checked and removed: "1,328.5" → "1328.5", 1 decimal. */
function readDigits(text: string, fail: (why: string, hint?: string) => Error): { digits: string; decimals: number } {
  const [whole, fraction = ""] = text.split(".");
  if (/[, ]/.test(whole)) {
    const separator = whole.includes(",") ? "," : " ";
    const groups = whole.split(separator);
    const grouped = !(whole.includes(",") && whole.includes(" ")) && /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!grouped) {
      const decimalComma = /^\d+,\d{1,2}$/.test(whole) || /^\d+,\d{4,}$/.test(whole);
      throw fail(
        decimalComma ? `the comma in ${quoteValue(whole)} is not a thousands separator (digits in groups of three)` : `${quoteValue(whole)} is not digits in groups of three`,
        decimalComma ? `a decimal comma? type the number with a point: ${whole.replace(",", ".")}` : `separate thousands in groups of three (2,116), or not at all`,
      );
    }
  }
  const digits = whole.replace(/[, ]/g, "");
  return { digits: `${digits || "0"}${fraction ? `.${fraction}` : ""}`, decimals: fraction.length };
}

/** A unit as printed after the number, with its space: "ppt", " sd", "%". */
function suffixStyle(rest: string): string {
  const unit = rest.trim();
  if (unit === "") return "";
  return /^\s/.test(rest) && !/^%$/.test(unit) ? ` ${unit}` : unit;
}
