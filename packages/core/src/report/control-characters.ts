import { escapeControls } from "../errors.js";

/**
 * Control characters from the data made visible in the report's text formats (report.html, the
 * SVG pictures, results.md, the weights report): every C0 control but tab, line feed and carriage
 * return, DEL, the C1 controls, and the bidirectional overrides and isolates (which reorder the text
 * around them) are written as `\xNN` or `\u{NNNN}`, as the CLI writes them on a terminal. An escape
 * sequence in a label then cannot drive a terminal that prints results.md, cannot make a picture
 * invalid XML (XML 1.0 forbids most C0 characters), and cannot disguise the text around it.
 *
 * @example
 * visibleControls("a\x1b[31mb\u202e"); // "a\\x1b[31mb\\u{202e}"
 */
export function visibleControls(text: string): string {
  // the marks U+200E and U+200F stay: right-to-left names need them to display as written
  return escapeControls(text, "\t\n\r\u200e\u200f");
}
