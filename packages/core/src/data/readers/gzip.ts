import { Gunzip } from "fflate";
import { corruptFile } from "./decoded.js";
import { inputError } from "../../errors.js";

/**
 * The UTF-8 text of a gzip-compressed file (a .csv.gz extract), in pieces as it is inflated, so a
 * large compressed extract is never held decompressed as one string. Uses fflate (pure JavaScript,
 * also in browsers). A damaged or truncated archive is an input error naming the file.
 *
 * @example
 * for (const chunk of gunzipText(bytes, "hmrc.csv.gz")) reader.push(chunk);
 */
export function* gunzipText(bytes: Uint8Array, source: string): Generator<string> {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw corruptFile(source, "gzip", "it does not start with the gzip signature", "a .csv.gz file must be gzip-compressed CSV: compress it with gzip, or rename it .csv");
  }
  const pieces: Uint8Array[] = [];
  let ended = false;
  let inflated = 0;
  let members = 1;
  const inflater = new Gunzip((data, final) => {
    pieces.push(data);
    inflated += data.length;
    if (final) ended = true;
  });
  inflater.onmember = () => members++;
  const step = 1 << 20;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  for (let at = 0; at < bytes.length; at += step) {
    try {
      inflater.push(bytes.subarray(at, at + step), at + step >= bytes.length);
    } catch (e) {
      throw corruptFile(source, "gzip", (e as Error).message);
    }
    const out = pieces.splice(0);
    for (const piece of out) {
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        throw inputError("the compressed CSV is not UTF-8 text", {
          location: { file: source },
          hint: "the CSV inside was probably saved as Latin-1 / Windows-1252: re-save it as UTF-8 (in a spreadsheet: CSV UTF-8) and compress it again",
        });
      }
      if (text) yield text;
    }
  }
  // the trailer's ISIZE (length mod 2^32) catches a stream cut inside its last 8 bytes
  const isize = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  if (!ended || (members === 1 && isize !== inflated % 2 ** 32)) throw corruptFile(source, "gzip", "it is truncated (the compressed stream ends early)");
  const rest = decoder.decode();
  if (rest) yield rest;
}
