// The randomisation-inference oracle's cases (test/oracle/data/ri-input.json, written by
// ri-input.mjs) as randomisationInference's input: shared by the generator and the tests.

/** A case as the input of randomisationInference (intercept first among the covariates). */
export function inputOf(c) {
  const codes = (v) => (v ? { codes: Int32Array.from(v), count: Math.max(...v) + 1 } : undefined);
  const n = c.y.length;
  const cols = c.x[0].length + 1;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    data[i] = 1;
    for (let j = 1; j < cols; j++) data[i + j * n] = c.x[i][j - 1];
  }
  return {
    y: Float64Array.from(c.y),
    arm: c.arm,
    covariates: { rows: n, cols, data },
    weights: c.w ? Float64Array.from(c.w) : undefined,
    units: codes(c.unit),
    blocks: codes(c.block),
    strata: codes(c.stratum),
    draws: c.draws ?? 1_000_000,
    seed: c.seed ?? 1,
    level: c.level,
  };
}
