/**
 * Reads a binary file front to back in either byte order, and fails with a message that says where
 * the file stopped making sense (byte offset and what was being read), so that a truncated or
 * damaged file gives one clear error instead of garbage values.
 *
 * @example
 * const c = new ByteCursor(bytes, true, (what) => new Error(what));
 * c.expect("<stata_dta>", "the file signature"); const k = c.u16("the number of variables");
 */
export class ByteCursor {
  readonly view: DataView;
  offset = 0;

  constructor(
    readonly bytes: Uint8Array,
    public littleEndian: boolean,
    private readonly fail: (what: string) => Error,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Fails unless `n` more bytes are there. */
  need(n: number, what: string): void {
    if (n < 0 || this.offset + n > this.bytes.length) {
      throw this.fail(`it ends at byte ${this.bytes.length}, in the middle of ${what} (byte ${this.offset})`);
    }
  }

  /** Fails with a message naming the current offset. */
  error(what: string): Error {
    return this.fail(`${what} (at byte ${this.offset})`);
  }

  /** Moves past n bytes the reader does not use (a header field, a section it ignores), failing if the file ends first. */
  skipBytes(n: number, what: string): void {
    this.need(n, what);
    this.offset += n;
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.offset++];
  }

  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.offset, this.littleEndian);
    this.offset += 2;
    return v;
  }

  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.offset, this.littleEndian);
    this.offset += 4;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.offset, this.littleEndian);
    this.offset += 4;
    return v;
  }

  /** An unsigned 8-byte integer; fails above 2^53 (no real file has that many rows or bytes). */
  u64(what: string): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.offset, this.littleEndian);
    this.offset += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error(`${what} is implausibly large (${v})`);
    return Number(v);
  }

  f64(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.offset, this.littleEndian);
    this.offset += 8;
    return v;
  }

  /** The next n bytes (a view, not a copy). */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** True (and moves past it) when the next bytes are the ASCII text `s`. */
  accept(s: string): boolean {
    if (this.offset + s.length > this.bytes.length) return false;
    for (let i = 0; i < s.length; i++) if (this.bytes[this.offset + i] !== s.charCodeAt(i)) return false;
    this.offset += s.length;
    return true;
  }

  /** Moves past the ASCII text `s`, or fails naming what was expected there. */
  expect(s: string, what: string): void {
    if (!this.accept(s)) {
      if (this.offset + s.length > this.bytes.length) this.need(s.length, what);
      throw this.error(`expected ${what} ("${s}")`);
    }
  }
}

/** Unsigned integer of `n` (≤ 6) bytes at `at` in the given byte order. */
export function readUintN(bytes: Uint8Array, at: number, n: number, littleEndian: boolean): number {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 256 + bytes[littleEndian ? at + n - 1 - k : at + k];
  return v;
}

/** Text up to the first NUL byte (or the end), decoded with `decode`. */
export function nulTerminated(bytes: Uint8Array, decode: (b: Uint8Array) => string): string {
  const end = bytes.indexOf(0);
  return decode(end < 0 ? bytes : bytes.subarray(0, end));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");

/** UTF-8 where the bytes are valid UTF-8, else Windows-1252 (what older Stata and SPSS files hold). */
export function utf8OrWindows1252(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}
