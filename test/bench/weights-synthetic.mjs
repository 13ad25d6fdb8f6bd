// Deterministic synthetic survey data shared by the JavaScript and R weights benchmarks (no RNG, as
// synthetic.mjs): six group × arm cells, numeric x1 and x2, categorical g and h, and a response that
// depends on them.
export function weightsColumns(n) {
  const group = new Array(n);
  const arm = new Array(n);
  const g = new Array(n);
  const h = new Array(n);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = k + 1;
    group[k] = ["A", "B", "C"][i % 3];
    arm[k] = ["C", "T"][Math.floor(i / 3) % 2];
    g[k] = ["a", "b", "c"][((i * 5) % 7) % 3];
    h[k] = ["p", "q"][((i * 3) % 5) % 2];
    x1[k] = Math.sin(i * 0.0137) + (((i * 7) % 17) - 8) / 8;
    x2[k] = Math.cos(i * 0.731) * 2;
    const eta = -0.3 + 0.5 * x1[k] - 0.3 * x2[k] + (g[k] === "b" ? 0.2 : 0) + (h[k] === "q" ? -0.4 : 0) + (arm[k] === "T" ? 0.3 : 0);
    const noise = Math.sin(i * 12.9898) * 43758.5453;
    r[k] = noise - Math.floor(noise) < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { group, arm, g, h, x1, x2, r };
}
