/**
 * The fields of one CSV record as positions in the text it was read from, reused from record to
 * record so that reading allocates nothing per field: field j is text[starts[j], ends[j]), or —
 * when its value is not a plain range of the text (a quoted field with doubled quotes "") — the
 * string texts[j], marked by ends[j] = −1.
 *
 * @example
 * const f = new RecordFields();
 * f.setRange(0, 2, 5);       // field 0 is text.slice(2, 5)
 * f.setText(1, 'say "hi"');  // field 1 was written "say ""hi"""
 * f.text("a,123,x", 0);      // "123"
 */
export class RecordFields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  texts: (string | undefined)[] = [];

  setRange(j: number, start: number, end: number): void {
    if (j >= this.starts.length) this.grow();
    this.starts[j] = start;
    this.ends[j] = end;
  }

  setText(j: number, value: string): void {
    if (j >= this.starts.length) this.grow();
    this.ends[j] = -1;
    this.texts[j] = value;
  }

  /** Field j as a string. */
  text(source: string, j: number): string {
    return this.ends[j] >= 0 ? source.slice(this.starts[j], this.ends[j]) : this.texts[j]!;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}
