import { NOT_PLAIN, type PlainDecimalKind, plainDecimal } from "./plain-decimal.js";

/**
 * The fields of one CSV record as positions in the text it was read from, reused from record to
 * record so that reading allocates nothing per field: field j is text[starts[j], ends[j]), or —
 * when its value is not a plain range of the text (a quoted field with doubled quotes "") — the
 * string texts[j], marked by ends[j] = −1. A field that the reader found to be a plain decimal
 * (plain-decimal.ts) also carries its kind, value and decimals, so that it is not read twice.
 *
 * @example
 * const f = new RecordFields();
 * f.setRange(0, 2, 5);       // field 0 is text.slice(2, 5) (not a plain decimal)
 * f.setText(1, 'say "hi"');  // field 1 was written "say ""hi"""
 * f.text("a,123,x", 0);      // "123"
 */
export class RecordFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  texts: (string | undefined)[] = [];
  /** PlainDecimalKind of each field (NOT_PLAIN for text, and for fields given as strings). */
  kinds = new Uint8Array(64);
  values = new Float64Array(64);
  decimals = new Uint8Array(64);

  setRange(j: number, start: number, end: number, kind: PlainDecimalKind = NOT_PLAIN): void {
    if (j >= this.starts.length) this.grow();
    this.starts[j] = start;
    this.ends[j] = end;
    this.kinds[j] = kind;
    if (kind !== NOT_PLAIN) {
      this.values[j] = plainDecimal.value;
      this.decimals[j] = plainDecimal.decimals;
    }
  }

  setText(j: number, value: string): void {
    if (j >= this.starts.length) this.grow();
    this.ends[j] = -1;
    this.kinds[j] = NOT_PLAIN;
    this.texts[j] = value;
  }

  /** Field j as a string. */
  text(source: string, j: number): string {
    return this.ends[j] >= 0 ? source.slice(this.starts[j], this.ends[j]) : this.texts[j]!;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(a: T, Typed: new (n: number) => T): T => {
      const b = new Typed(size);
      b.set(a);
      return b;
    };
    this.starts = grown(this.starts, Int32Array);
    this.ends = grown(this.ends, Int32Array);
    this.kinds = grown(this.kinds, Uint8Array);
    this.values = grown(this.values, Float64Array);
    this.decimals = grown(this.decimals, Uint8Array);
  }
}
