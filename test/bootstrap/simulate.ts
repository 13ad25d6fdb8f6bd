import { type DenseMatrix, randomStream, standardNormal, uniformInteger } from "@trialstat/core";

/**
 * A simulated cluster-randomised trial with a known effect: G clusters of 2 to 2·m − 2 people
 * (sizes drawn), half the clusters treated, y = 1 + effect·treat + 0.5·x + cluster effect (sd
 * clusterSd) + noise whose sd grows with treatment (1 + treat), so that classical errors are wrong
 * and robust ones are not. Drawn from stream ("monte-carlo", index) of the seed.
 *
 * @example
 * const trial = simulateTrial(1, 0, { clusters: 20, meanSize: 10, effect: 0.3 });
 * trial.design; trial.y; trial.clusters;
 */
export interface SimulatedTrial {
  design: DenseMatrix;
  y: Float64Array;
  clusters: { codes: Int32Array; count: number };
  arm: { codes: Int32Array; count: number };
}

export function simulateTrial(seed: number, index: number, o: { clusters: number; meanSize: number; effect: number; clusterSd?: number }): SimulatedTrial {
  const rng = randomStream(seed, "monte-carlo", index);
  const sizes = Array.from({ length: o.clusters }, () => 2 + uniformInteger(rng, 2 * o.meanSize - 3));
  const n = sizes.reduce((s, v) => s + v, 0);
  const data = new Float64Array(3 * n);
  const y = new Float64Array(n);
  const codes = new Int32Array(n);
  const arm = new Int32Array(n);
  let i = 0;
  sizes.forEach((size, g) => {
    const treat = g % 2;
    const u = (o.clusterSd ?? 0) * standardNormal(rng);
    for (let p = 0; p < size; p++, i++) {
      const x = standardNormal(rng);
      data[i] = 1;
      data[n + i] = treat;
      data[2 * n + i] = x;
      y[i] = 1 + o.effect * treat + 0.5 * x + u + (1 + treat) * standardNormal(rng);
      codes[i] = g;
      arm[i] = treat;
    }
  });
  return { design: { rows: n, cols: 3, data }, y, clusters: { codes, count: o.clusters }, arm: { codes: arm, count: 2 } };
}
