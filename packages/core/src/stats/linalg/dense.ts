/**
 * Dense column-major matrices on a Float64Array.
 *
 * Why our own type: the regression engine works on n × k designs with n up to 10⁷; ml-matrix stores
 * rows as JavaScript arrays, which costs several times the memory and defeats the JIT's typed-array
 * loops. Small k × k work (inverses, eigendecompositions) goes through ml-matrix instead.
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Column-major: element (i, j) is data[i + j * rows]. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Builds a matrix from an array of rows (convenient in tests and for small matrices). */
export function fromRows(rowsOfValues: readonly (readonly number[])[]): DenseMatrix {
  const rows = rowsOfValues.length;
  const cols = rows === 0 ? 0 : rowsOfValues[0].length;
  const m = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    if (rowsOfValues[i].length !== cols) throw new Error(`fromRows: row ${i} has ${rowsOfValues[i].length} values, expected ${cols}`);
    for (let j = 0; j < cols; j++) m.data[i + j * rows] = rowsOfValues[i][j];
  }
  return m;
}

export function toRows(m: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = new Array(m.cols);
    for (let j = 0; j < m.cols; j++) row[j] = m.data[i + j * m.rows];
    out.push(row);
  }
  return out;
}

export function get(m: DenseMatrix, i: number, j: number): number {
  return m.data[i + j * m.rows];
}

export function column(m: DenseMatrix, j: number): Float64Array {
  return m.data.subarray(j * m.rows, (j + 1) * m.rows);
}

export function copy(m: DenseMatrix): DenseMatrix {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data) };
}

/** Keeps the listed columns, in the order given. */
export function selectColumns(m: DenseMatrix, columns: readonly number[]): DenseMatrix {
  const out = zeros(m.rows, columns.length);
  columns.forEach((j, c) => out.data.set(column(m, j), c * m.rows));
  return out;
}

/** Keeps the listed rows, in the order given. */
export function selectRows(m: DenseMatrix, rowIndex: ArrayLike<number>): DenseMatrix {
  const n = rowIndex.length;
  const out = zeros(n, m.cols);
  for (let j = 0; j < m.cols; j++) {
    const src = j * m.rows;
    const dst = j * n;
    for (let i = 0; i < n; i++) out.data[dst + i] = m.data[src + rowIndex[i]];
  }
  return out;
}

/**
 * Multiplies row i of m by scale[i] (used for √w·X), into `out` when given (a workspace of m's
 * shape reused across the iterations of a fit, or m itself: fresh memory costs a page fault per 4 KB).
 */
export function scaleRows(m: DenseMatrix, scale: ArrayLike<number>, out: DenseMatrix = zeros(m.rows, m.cols)): DenseMatrix {
  if (out.rows !== m.rows || out.cols !== m.cols) throw new Error(`scaleRows: a ${out.rows}×${out.cols} workspace for a ${m.rows}×${m.cols} matrix`);
  for (let j = 0; j < m.cols; j++) {
    const off = j * m.rows;
    for (let i = 0; i < m.rows; i++) out.data[off + i] = m.data[off + i] * scale[i];
  }
  return out;
}

export function multiply(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  if (a.cols !== b.rows) throw new Error(`multiply: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  for (let j = 0; j < b.cols; j++) {
    const oj = j * a.rows;
    for (let l = 0; l < a.cols; l++) {
      const blj = b.data[l + j * b.rows];
      if (blj === 0) continue;
      const al = l * a.rows;
      for (let i = 0; i < a.rows; i++) out.data[oj + i] += a.data[al + i] * blj;
    }
  }
  return out;
}

/** A'B without forming the transpose: every entry is a dot product of two contiguous columns. */
export function crossProduct(a: DenseMatrix, b: DenseMatrix = a): DenseMatrix {
  if (a.rows !== b.rows) throw new Error(`crossProduct: ${a.rows} rows against ${b.rows}`);
  const out = zeros(a.cols, b.cols);
  const n = a.rows;
  for (let j = 0; j < b.cols; j++) {
    for (let i = 0; i < a.cols; i++) {
      if (a === b && i > j) continue;
      let s = 0;
      const ai = i * n;
      const bj = j * n;
      for (let r = 0; r < n; r++) s += a.data[ai + r] * b.data[bj + r];
      out.data[i + j * a.cols] = s;
      if (a === b) out.data[j + i * a.cols] = s;
    }
  }
  return out;
}

/** A·v for a vector v. */
export function multiplyVector(a: DenseMatrix, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.rows);
  for (let j = 0; j < a.cols; j++) {
    const vj = v[j];
    if (vj === 0) continue;
    const off = j * a.rows;
    for (let i = 0; i < a.rows; i++) out[i] += a.data[off + i] * vj;
  }
  return out;
}

/** A'v for a vector v. */
export function crossProductVector(a: DenseMatrix, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    const off = j * a.rows;
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += a.data[off + i] * v[i];
    out[j] = s;
  }
  return out;
}

export function transpose(m: DenseMatrix): DenseMatrix {
  const out = zeros(m.cols, m.rows);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) out.data[j + i * m.cols] = m.data[i + j * m.rows];
  return out;
}

export function identity(k: number): DenseMatrix {
  const out = zeros(k, k);
  for (let i = 0; i < k; i++) out.data[i + i * k] = 1;
  return out;
}

/** Euclidean norm of x[from..to), scaled to avoid overflow and underflow (as LAPACK's dnrm2). */
export function norm2(x: Float64Array, from = 0, to = x.length): number {
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        const r = scale / a;
        ssq = 1 + ssq * r * r;
        scale = a;
      } else {
        const r = a / scale;
        ssq += r * r;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/** Symmetrises a square matrix in place by averaging it with its transpose (round-off hygiene). */
export function symmetrize(m: DenseMatrix): DenseMatrix {
  const k = m.rows;
  for (let j = 0; j < k; j++) {
    for (let i = j + 1; i < k; i++) {
      const v = 0.5 * (m.data[i + j * k] + m.data[j + i * k]);
      m.data[i + j * k] = v;
      m.data[j + i * k] = v;
    }
  }
  return m;
}
