import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { inputError } from "@trialstat/core";

export interface TextChunkOptions {
  /** The file's name in messages, as the user wrote it (default: the path). */
  shown?: string;
  chunkBytes?: number;
  /** Called with the sha256 of the file's bytes once the whole file has been read. */
  onDigest?: (sha256: string) => void;
}

/**
 * A UTF-8 text file in pieces of about `chunkBytes`, decoded strictly: a byte sequence that is not
 * UTF-8 (a Latin-1 "é" saved by an old spreadsheet, say) is an input error naming the line and the
 * byte, never silently replaced. The byte-order mark is kept, so the text hashes to the file's bytes.
 */
export function* readTextChunks(path: string, options: TextChunkOptions = {}): Generator<string> {
  const { shown = path, chunkBytes = 1 << 22, onDigest } = options;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    throw inputError(`cannot read ${shown}: ${why}`, { location: { file: shown }, hint: "check the path (it is relative to the current directory)" });
  }
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const hash = onDigest ? createHash("sha256") : undefined;
  const buffer = new Uint8Array(chunkBytes);
  let line = 1;
  try {
    for (;;) {
      const got = readSync(fd, buffer, 0, chunkBytes, null);
      const bytes = buffer.subarray(0, got);
      hash?.update(bytes);
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: got > 0 });
      } catch {
        const { offset, lines } = firstInvalidUtf8(bytes);
        const byte = offset < bytes.length ? `0x${bytes[offset].toString(16).toUpperCase().padStart(2, "0")}` : "an incomplete sequence at the end";
        throw inputError(`${shown} is not valid UTF-8: byte ${byte} on line ${line + lines}`, {
          location: { file: shown, line: line + lines },
          hint: "the file was probably saved as Latin-1 / Windows-1252: re-save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
        });
      }
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
      if (text.length) yield text;
      if (got === 0) {
        onDigest?.(hash!.digest("hex"));
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Where a byte array stops being valid UTF-8, and how many line feeds come before that point. */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; lines: number } {
  let lines = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return { offset: i, lines };
    if (i + need >= bytes.length && need > 0) return { offset: i, lines }; // cut by the chunk: the decoder keeps it; reported only at the end
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return { offset: i, lines };
    if (b === 10) lines++;
    i += need + 1;
  }
  return { offset: bytes.length, lines };
}
