import { Buffer, isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { type Stats, closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { inputError } from "@trialstat/core";

export interface TextChunkOptions {
  /** The file's name in messages, as the user wrote it (default: the path). */
  shown?: string;
  chunkBytes?: number;
  /** Called with the sha256 of the file's bytes once the whole file has been read. */
  onDigest?: (sha256: string) => void;
  /** Refuse a file larger than this many bytes (e.g. a SAP), saying what the file was meant to be. */
  limit?: { bytes: number; what: string };
}

/**
 * A UTF-8 text file in pieces of about `chunkBytes`, decoded strictly: a byte sequence that is not
 * UTF-8 (a Latin-1 "é" saved by an old spreadsheet, say) is an input error naming the line and the
 * byte, never silently replaced. The byte-order mark is kept, so the text hashes to the file's bytes.
 */
export function* readTextChunks(path: string, options: TextChunkOptions = {}): Generator<string> {
  const { shown = path, chunkBytes = 1 << 22, onDigest, limit } = options;
  const fd = openRegularFile(path, shown);
  const size = limit ? fstatSync(fd).size : 0;
  if (limit && size > limit.bytes) {
    closeSync(fd);
    throw inputError(`cannot read: it is ${megabytes(size)}, far more than ${limit.what} needs (at most ${megabytes(limit.bytes)} are read)`, {
      location: { file: shown },
      hint: `check that this is ${limit.what}`,
    });
  }
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const hash = onDigest ? createHash("sha256") : undefined;
  const buffer = takeBuffer(chunkBytes);
  let carried = 0;
  let line = 1;
  try {
    for (;;) {
      const got = readSync(fd, buffer, carried, chunkBytes, null);
      hash?.update(buffer.subarray(carried, carried + got));
      const end = carried + got;
      // Each piece is decoded whole, up to the last complete character: a streaming decode goes
      // through a converter about three times slower than a one-shot decode of the same bytes.
      const cut = got === 0 ? end : completeUtf8Prefix(buffer, end);
      const bytes = buffer.subarray(0, cut);
      let text: string;
      try {
        text = isAscii(bytes) ? asciiText(bytes) : decoder.decode(bytes);
      } catch {
        const { offset, lines } = firstInvalidUtf8(bytes, got === 0);
        const what = offset < bytes.length ? `byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, "0")}` : "a character cut off by the end of the file";
        // a UTF-16 file (Windows "Unicode" text) starts with its byte-order mark FF FE or FE FF
        const utf16 = line === 1 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
        throw inputError(`${shown} is not valid UTF-8: ${what} on line ${line + lines}`, {
          location: { file: shown, line: line + lines },
          hint: utf16
            ? "the file is UTF-16 (its first bytes are a UTF-16 byte-order mark): re-save it as UTF-8"
            : "the file was probably saved as Latin-1 / Windows-1252: re-save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
        });
      }
      buffer.copyWithin(0, cut, end);
      carried = end - cut;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
      if (text.length) yield text;
      if (got === 0) {
        onDigest?.(hash!.digest("hex"));
        return;
      }
    }
  } finally {
    closeSync(fd);
    spare = buffer;
  }
}

/**
 * A file's size in bytes, as a hint for reading it (CsvOptions.sizeHint), or undefined when it
 * cannot be had: the reading itself reports what is wrong with the file.
 */
export function fileSizeHint(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/**
 * ASCII bytes as text. Most extracts are pure ASCII, which is also Latin-1, and Node copies Latin-1
 * into a string byte for byte: ~20× faster than the UTF-8 decoder, whose one-shot path validates and
 * then transcodes (~300 MB/s here), and the string is one byte a character, as V8 keeps ASCII text.
 */
function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
}

/**
 * The buffer a file is read into, kept for the next file: a plan reads many files one after another,
 * and fresh memory costs a page fault per 4 KB touched (a 4 MB buffer per file was ~10% of `load`).
 */
let spare: Uint8Array | undefined;

function takeBuffer(chunkBytes: number): Uint8Array {
  // room for the (at most 3) bytes of a character cut by the previous read
  const bytes = chunkBytes + 3;
  const buffer = spare?.length === bytes ? spare : new Uint8Array(bytes);
  if (buffer === spare) spare = undefined;
  return buffer;
}

/**
 * Opens a file for reading, refusing anything that is not a regular file: a directory, a named pipe
 * (FIFO), a socket or a device is an input error naming the file, never a hang (opening a FIFO
 * blocks until a writer comes) or an "EISDIR" from deep inside. The path is checked with stat
 * (following links) before it is opened, opened non-blocking, and checked again on the open
 * descriptor, so a file swapped for a pipe in between is caught too.
 */
export function openRegularFile(path: string, shown = path): number {
  const refuse = (why: string, hint = "name a regular file (paths are relative to the current directory, or to the SAP's folder for its sources)") =>
    inputError(`cannot read: ${why}`, { location: { file: shown }, hint });
  let fd: number;
  try {
    const kind = fileKind(statSync(path));
    if (kind) throw refuse(`it is ${kind}, not a regular file`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    if (code === "ENOENT") throw refuse("no such file", "check the path (it is relative to the current directory)");
    if (code === "EACCES" || code === "EPERM") throw refuse("permission denied", "check the file's permissions");
    if (code === "ENOTDIR") throw refuse("a part of the path is not a folder");
    if (code === "ELOOP") throw refuse("too many levels of symbolic links (a link that points to itself?)");
    throw refuse((e as Error).message);
  }
  const kind = fileKind(fstatSync(fd));
  if (kind) {
    closeSync(fd);
    throw refuse(`it is ${kind}, not a regular file`);
  }
  return fd;
}

/** A regular file's bytes, read whole (binary data files); file-system failures are input errors naming the file. */
export function readFileBytes(path: string, shown = path): Uint8Array {
  const fd = openRegularFile(path, shown);
  try {
    const out = new Uint8Array(fstatSync(fd).size);
    let at = 0;
    for (;;) {
      if (at === out.length) {
        // a file that grew while being read: keep what it had when it was opened
        return out;
      }
      const got = readSync(fd, out, at, out.length - at, null);
      if (got === 0) return out.subarray(0, at);
      at += got;
    }
  } finally {
    closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

/** What a non-regular file is, in words ("a directory", "a named pipe (FIFO)", ...); undefined for a regular file. */
function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "an unknown kind of file";
}

/**
 * The length of the longest prefix of bytes[0, end) that does not end inside a multi-byte UTF-8
 * character: a lead byte among the last three whose sequence runs past `end` starts the cut.
 */
function completeUtf8Prefix(bytes: Uint8Array, end: number): number {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = bytes[i];
    if (b < 0x80) return end;
    if (b >= 0xc0) return i + utf8Length(b) > end ? i : end;
  }
  return end;
}

/** Bytes in the UTF-8 sequence a lead byte starts (1 for a byte that cannot lead one). */
function utf8Length(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * Where a byte array stops being valid UTF-8, and how many line feeds come before that point; a
 * sequence cut by the end of the array is invalid only at the end of the file (`final`).
 */
function firstInvalidUtf8(bytes: Uint8Array, final: boolean): { offset: number; lines: number } {
  let lines = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return { offset: i, lines };
    if (i + need >= bytes.length && need > 0) return { offset: final ? bytes.length : i, lines };
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return { offset: i, lines };
    if (b === 10) lines++;
    i += need + 1;
  }
  return { offset: bytes.length, lines };
}
