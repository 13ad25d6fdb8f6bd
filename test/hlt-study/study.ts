import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import type { Truth } from "../../examples/hlt/generate.mjs";

export interface HltStudy {
  /** The plan's folder: sap.yaml, data/ and out/. Tests read it, and write only in folders of their own. */
  dir: string;
  sap: string;
  out: string;
  /** What `trialstat run sap.yaml --out out` printed, and its exit code. */
  run: { code: number; stdout: string; stderr: string };
  /** The generator's truth.json: the planted effects and the targets they were set from. */
  truth: Truth;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The example study at full size, generated and run once for the suite by test/global-setup.ts
 * (test/hlt-study/prepare.mjs): waits until it is ready, and fails with the reason if it could not be made.
 */
export async function hltStudy(): Promise<HltStudy> {
  const dir = inject("hltStudy");
  for (const started = Date.now(); ; await pause(50)) {
    if (existsSync(join(dir, "failed.txt"))) throw new Error(readFileSync(join(dir, "failed.txt"), "utf8"));
    if (existsSync(join(dir, "run.json"))) break;
    if (Date.now() - started > 240_000) throw new Error(`the example study in ${dir} was not ready after 240 s (test/hlt-study/prepare.mjs)`);
  }
  return {
    dir,
    sap: join(dir, "sap.yaml"),
    out: join(dir, "out"),
    run: JSON.parse(readFileSync(join(dir, "run.json"), "utf8")),
    truth: JSON.parse(readFileSync(join(dir, "data", "truth.json"), "utf8")),
  };
}
