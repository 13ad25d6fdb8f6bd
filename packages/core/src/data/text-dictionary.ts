import { detachText } from "./table.js";

/** Distinct values looked up by value; past this many, values are stored but no longer deduplicated. */
export const DICTIONARY_INDEX_LIMIT = 1 << 20;

/**
 * The distinct values of a text column and their codes (0, 1, 2, … in order of first appearance),
 * looked up by a range of the text being read, text[start, end), so that a value already seen is
 * coded without cutting a string out of the text: a long extract repeats its keys, dates and codes
 * on millions of rows, and cutting each out (then hashing it, then collecting it) was a fifth of
 * reading one.
 *
 * An open-addressing hash table (linear probing) of FNV-1a hashes over the UTF-16 code units, each
 * candidate compared in place (`text.startsWith(value, start)` with equal lengths); the last code
 * found is tried first, as consecutive records often share a key. A new value is stored as a
 * detached copy (table.ts `detachText`), so that the dictionary never keeps a piece of the file alive.
 *
 * @example
 * const d = new TextDictionary();
 * d.codeOfRange("P001,2019-05", 0, 4); // 0 (new)
 * d.codeOf("P001");                    // 0
 * d.values;                            // ["P001"]
 */
export class TextDictionary {
  readonly values: string[] = [];
  /** FNV-1a hash of each indexed value (codes 0 … DICTIONARY_INDEX_LIMIT − 1 at most), kept for rehashing. */
  private readonly hashes: number[] = [];
  /** code + 1 of the value in each slot; 0 = empty. Length a power of two, at most half full. */
  private slots = new Int32Array(1024);
  private lastCode = -1;

  /** The code of text[start, end), adding the value if it is new. */
  codeOfRange(text: string, start: number, end: number): number {
    const length = end - start;
    const last = this.lastCode;
    if (last >= 0) {
      const v = this.values[last];
      if (v.length === length && text.startsWith(v, start)) return last;
    }
    let h = 2166136261 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = h & mask;
    for (let c = slots[s] - 1; c >= 0; c = slots[s] - 1) {
      const v = this.values[c];
      if (v.length === length && text.startsWith(v, start)) {
        this.lastCode = c;
        return c;
      }
      s = (s + 1) & mask;
    }
    const code = this.values.length;
    this.values.push(detachText(text.slice(start, end)));
    if (this.hashes.length < DICTIONARY_INDEX_LIMIT) {
      this.hashes.push(h);
      slots[s] = code + 1;
      if (this.hashes.length * 2 > slots.length) this.rehash(slots.length * 4);
    }
    this.lastCode = code;
    return code;
  }

  /** The code of a value, adding it if it is new. */
  codeOf(value: string): number {
    return this.codeOfRange(value, 0, value.length);
  }

  /** The dictionary's own copy of a value (adding it if new): a string that keeps no piece of the file alive. */
  copyOf(value: string): string {
    return this.values[this.codeOf(value)];
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    // the indexed values are codes 0 … hashes.length − 1: indexing only ever stops for good
    for (let code = 0; code < this.hashes.length; code++) {
      let s = this.hashes[code] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = code + 1;
    }
    this.slots = slots;
  }
}
