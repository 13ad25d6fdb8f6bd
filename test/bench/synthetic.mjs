// Deterministic synthetic regression data shared by the JavaScript and R benchmarks: no RNG, so
// both sides build the same numbers from the same formulas (up to the last bit of sin).
export function syntheticColumns(n, k, clusters) {
  const cols = {};
  const y = new Float64Array(n);
  for (let j = 1; j < k; j++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin((i + 1) * (j + 0.5) * 0.0137) + ((((i + 1) * (j + 3)) % 17) - 8) / 8;
    cols[`x${j}`] = x;
  }
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 1; j < k; j++) s += (j % 3 === 0 ? -0.5 : 0.25) * cols[`x${j}`][i];
    const noise = Math.sin((i + 1) * 12.9898) * 43758.5453;
    y[i] = s + 2 * (noise - Math.floor(noise) - 0.5) * (1 + Math.abs(cols.x1[i]));
  }
  cols.y = y;
  if (clusters) cols.cl = Float64Array.from({ length: n }, (_, i) => Math.floor((i * clusters) / n));
  return cols;
}
