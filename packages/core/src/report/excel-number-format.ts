import { pow } from "../stats/elementary-functions.js";
/**
 * The Excel number format that shows a number as a report table shows it (table-model.ts: a cell
 * holds the number and the text people read), so that a spreadsheet stores the number and still
 * displays "2,921.23", "5%" or "16.6ppt ***": the digits after the point give the decimals, a
 * thousands separator gives `#,##0`, an exponent gives `E+00`, and any text before or after the
 * digits is kept as a quoted literal (so a `%` is text, not Excel's ×100). Negative numbers show
 * Excel's minus sign before the format (−0.07 reads -0.07).
 *
 * A bound such as "<0.001" (a p-value below what is shown) is a format of that text alone: the cell
 * holds the number and shows the bound, as the report does. Otherwise the text must show the
 * number: "General" is returned when it does not (it is not of that shape, or its digits round to
 * another value), or when it holds a double quote, which a literal cannot.
 *
 * Format codes: ECMA-376 Part 1, §18.8.31 (numFmts).
 *
 * @example
 * excelNumberFormat(2921.23, "2,921.23"); // "#,##0.00"
 * excelNumberFormat(5, "5%");             // '0"%"'
 * excelNumberFormat(-1.33, "−1.33");      // "0.00"
 * excelNumberFormat(902, "£902 ***");     // '"£"0" ***"'
 * excelNumberFormat(0.00012, "1.20e-4");  // "0.00E+00"
 * excelNumberFormat(0.00002, "<0.001");   // '"<0.001"'
 */
export function excelNumberFormat(value: number, shown: string): string {
  if (/^[<>≤≥]/.test(shown) && !shown.includes('"') && value >= 0) return literal(shown);
  const m = /^([^\d−-]*)([−-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?(\D*)$/u.exec(shown);
  if (!m) return "General";
  const [, prefix, minus, whole, fraction = "", exponent, suffix] = m;
  const decimals = fraction.length;
  const digits = Number(`${whole.replace(/,/g, "")}.${fraction || "0"}${exponent !== undefined ? `e${exponent}` : ""}`);
  const magnitude = exponent !== undefined ? pow(10, Number(exponent)) : 1;
  // the text must be the number rounded to what it shows (half a unit in the last place, and a little for binary fractions)
  const tolerance = 0.5 * pow(10, -decimals) * magnitude * (1 + 1e-9) + Number.EPSILON * Math.abs(value);
  if (!(Math.abs((minus ? -digits : digits) - value) <= tolerance)) return "General";
  if (/"/.test(prefix + suffix)) return "General";
  const body = `${exponent !== undefined ? "0" : whole.includes(",") ? "#,##0" : "0"}${decimals ? `.${"0".repeat(decimals)}` : ""}${exponent !== undefined ? "E+00" : ""}`;
  return `${literal(prefix)}${body}${literal(suffix)}`;
}

function literal(text: string): string {
  return text === "" ? "" : `"${text}"`;
}
