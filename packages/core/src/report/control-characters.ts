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
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
