import { inputError, quoteValue } from "../errors.js";

/**
 * A small CSV file read as text, record by record, every field kept exactly as written (no typing:
 * "1.50" stays "1.50", "2,116" in quotes stays "2,116"), each record with the line it starts on —
 * for files typed by hand (a published table: reproduce/published-table.ts), where the typed text
 * itself is the datum and the typed DataTable of data/csv.ts would lose it.
 *
 * RFC 4180: comma-delimited; a field that starts with a double quote runs to the closing quote and
 * may hold commas, line breaks and doubled quotes (""); LF, CRLF or CR line ends; a UTF-8
 * byte-order mark is ignored; empty lines are skipped. A line whose first character other than
 * spaces is `#` is a comment, returned whole (its commas and quotes are not fields).
 *
 * @example
 * csvTextRecords('# typed from p. 12\na,b\n"2,116",x\n', "t.csv");
 * // [{ line: 1, comment: "typed from p. 12" }, { line: 2, fields: ["a", "b"] }, { line: 3, fields: ["2,116", "x"] }]
 */
export type CsvTextRecord = { line: number; fields: string[]; comment?: undefined } | { line: number; comment: string; fields?: undefined };

export function csvTextRecords(text: string, file: string): CsvTextRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvTextRecord[] = [];
  let i = 0;
  let line = 1;
  const atLineEnd = (k: number) => s[k] === "\n" || s[k] === "\r";
  const skipLineEnd = (k: number) => (s[k] === "\r" && s[k + 1] === "\n" ? k + 2 : k + 1);
  while (i < s.length) {
    if (atLineEnd(i)) {
      i = skipLineEnd(i);
      line++;
      continue;
    }
    const start = line;
    const lineEnd = s.slice(i).search(/[\r\n]/);
    const physical = lineEnd < 0 ? s.slice(i) : s.slice(i, i + lineEnd);
    if (/^ *#/.test(physical)) {
      records.push({ line: start, comment: physical.replace(/^ *#\s?/, "").trimEnd() });
      i += physical.length;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (s[i] === '"') {
        let k = i + 1;
        for (;;) {
          if (k >= s.length) throw inputError(`a quoted field opened on line ${start} is never closed`, { location: { file, line: start }, hint: 'close the quote; a quote inside a quoted field is written twice ("")' });
          if (s[k] === '"') {
            if (s[k + 1] === '"') {
              field += '"';
              k += 2;
              continue;
            }
            break;
          }
          if (atLineEnd(k)) {
            const next = skipLineEnd(k);
            field += s.slice(k, next);
            k = next;
            line++;
            continue;
          }
          field += s[k++];
        }
        i = k + 1;
        if (i < s.length && s[i] !== "," && !atLineEnd(i)) {
          throw inputError(`a closing quote is followed by ${quoteValue(s[i])} instead of a comma or the end of the line`, { location: { file, line }, hint: 'a field in quotes ends at its closing quote: "2,116",estimate' });
        }
      } else {
        let k = i;
        while (k < s.length && s[k] !== "," && !atLineEnd(k)) k++;
        field = s.slice(i, k);
        if (field.includes('"')) throw inputError(`a quote inside the unquoted field ${quoteValue(field)}`, { location: { file, line }, hint: 'put the whole field in quotes and write the quote twice: "say ""hi"""' });
        i = k;
      }
      fields.push(field);
      if (s[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}
