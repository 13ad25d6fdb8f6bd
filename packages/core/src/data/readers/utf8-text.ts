import { inputError } from "../../errors.js";

/**
 * The UTF-8 text of a file's bytes in pieces, decoded strictly: an invalid byte sequence is an
 * input error naming the line, never silently replaced.
 *
 * @example
 * for (const chunk of utf8Chunks(bytes, "a.csv")) reader.push(chunk);
 */
export function* utf8Chunks(bytes: Uint8Array, source: string, chunkBytes = 1 << 22): Generator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let line = 1;
  for (let at = 0; at < bytes.length || at === 0; at += chunkBytes) {
    const piece = bytes.subarray(at, at + chunkBytes);
    const last = at + chunkBytes >= bytes.length;
    let text: string;
    try {
      text = decoder.decode(piece, { stream: !last });
    } catch {
      throw inputError(`not valid UTF-8 text (after line ${line})`, {
        location: { file: source, line },
        hint: "the file was probably saved as Latin-1 / Windows-1252: re-save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
      });
    }
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
    if (text.length) yield text;
    if (last) return;
  }
}
