import fc from "fast-check";

// Property tests run with a fixed seed, so CI is reproducible; set FC_SEED to explore other inputs
// (FC_SEED=random for a fresh seed each run).
const seed = process.env.FC_SEED;
if (seed !== "random") fc.configureGlobal({ seed: seed === undefined ? 20261124 : Number(seed) });
