import { Gunzip } from "fflate";
import { corruptFile } from "./decoded.js";
import { inputError } from "../../errors.js";

/**
 * The most a .csv.gz may expand, as a multiple of the compressed bytes read so far. Real CSV
 * extracts compress 3- to 20-fold; the most compressible extract-like file we could construct (an
 * id and 1,000 empty columns a row) compresses about 220-fold. Deflate itself cannot exceed 1,032
 * to 1, which is where gzip bombs (runs of one byte) sit, so 400 keeps twice the margin over that
 * pathological extract while stopping a bomb after its first few hundred kilobytes.
 */
export const MAX_GZIP_EXPANSION = 400;
/**
 * Output below this is never refused, whatever the ratio: 32 MiB of text is read in well under a
 * second, and a small, very repetitive file (a header and a thousand identical rows) is harmless.
 */
const EXPANSION_CHECKED_FROM = 32 * 2 ** 20;
/**
 * An absolute cap on the decompressed text, 16 GiB: far beyond any trial's extract (a million
 * participants at 1,000 bytes a row is 1 GB), yet it bounds what a large file that stays under the
 * ratio can ask of memory and time.
 */
export const MAX_GZIP_OUTPUT = 16 * 2 ** 30;
/**
 * Compressed bytes inflated per step. Small, because one step of deflate output can be 1,032 times
 * its input: 64 KiB in gives at most ~66 MB out, so the limits are checked before any piece is big
 * enough to exhaust memory or pass V8's longest string (a 1 MiB step of a bomb gave 1 GB at once).
 */
const INFLATE_STEP = 1 << 16;

/** The limits above, as gunzipText applies them (tests pass smaller ones, to stay quick). */
export interface GzipLimits {
  expansion: number;
  checkedFrom: number;
  output: number;
}

/** The smallest gzip file: a 10-byte header and an 8-byte trailer (RFC 1952), around an empty stream. */
const GZIP_MINIMUM_BYTES = 18;

/** What a gzip stream that ends before its end-of-stream block and trailer is. */
const TRUNCATED_STREAM = "it is truncated (the compressed stream ends early)";

const GZIP_LIMITS: GzipLimits = { expansion: MAX_GZIP_EXPANSION, checkedFrom: EXPANSION_CHECKED_FROM, output: MAX_GZIP_OUTPUT };

/**
 * The UTF-8 text of a gzip-compressed file (a .csv.gz extract), in pieces as it is inflated, so a
 * large compressed extract is never held decompressed as one string. Uses fflate (pure JavaScript,
 * also in browsers). A damaged or truncated archive is an input error naming the file.
 *
 * @example
 * for (const chunk of gunzipText(bytes, "hmrc.csv.gz")) reader.push(chunk);
 */
export function* gunzipText(bytes: Uint8Array, source: string, limits: GzipLimits = GZIP_LIMITS): Generator<string> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw corruptFile(source, "gzip", "it does not start with the gzip signature", "a .csv.gz file must be gzip-compressed CSV: compress it with gzip, or rename it .csv");
  }
  // a gzip file is at least its 10-byte header and 8-byte trailer: one that starts right but is
  // shorter was cut off, which is what the user must be told (not that it is no gzip file)
  if (bytes.length < GZIP_MINIMUM_BYTES) {
    throw corruptFile(source, "gzip", `it is truncated (${bytes.length} bytes: a gzip file has at least ${GZIP_MINIMUM_BYTES}, its header and trailer)`);
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
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  for (let at = 0; at < bytes.length; at += INFLATE_STEP) {
    const read = Math.min(at + INFLATE_STEP, bytes.length);
    try {
      inflater.push(bytes.subarray(at, read), read >= bytes.length);
    } catch (e) {
      // fflate's "unexpected EOF" is a stream cut short: said in the words of the trailer check below
      const message = (e as Error).message;
      throw corruptFile(source, "gzip", message === "unexpected EOF" ? TRUNCATED_STREAM : message);
    }
    refuseExpansion(source, read, inflated, limits);
    const out = pieces.splice(0);
    for (const piece of out) {
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch (e) {
        // only a TypeError is a bad byte sequence; anything else (memory) must not pass for Latin-1
        if (!(e instanceof TypeError)) throw e;
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
  if (!ended || (members === 1 && isize !== inflated % 2 ** 32)) throw corruptFile(source, "gzip", TRUNCATED_STREAM);
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Stops inflating a .csv.gz whose text grows past MAX_GZIP_OUTPUT, or (past 32 MiB) to more than
 * MAX_GZIP_EXPANSION times the compressed bytes read so far: a gzip bomb would otherwise take
 * minutes and gigabytes before failing somewhere unrelated.
 */
function refuseExpansion(source: string, compressed: number, inflated: number, limits: GzipLimits): void {
  const overRatio = inflated > limits.checkedFrom && inflated > limits.expansion * compressed;
  if (!overRatio && inflated <= limits.output) return;
  const what = overRatio
    ? `its first ${byteSize(compressed)} expand to ${byteSize(inflated)}, more than ${limits.expansion} times their size (a CSV extract compresses 3 to 20 times)`
    : `it expands to more than ${byteSize(limits.output)}`;
  throw inputError(`the compressed CSV is too large to read: ${what}`, {
    location: { file: source },
    hint: "this is not a CSV extract as exported (it may be a decompression bomb): decompress it with gunzip and check its contents, and give trialstat the .csv",
  });
}

/** A byte count for a message: 65,536 bytes → "64 KiB". */
function byteSize(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let unit = 0;
  let size = bytes;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 ? size : Number(size.toFixed(1))} ${units[unit]}`;
}
