import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { droppedPlanInput } from "../../packages/web/src/plan-files.js";
import { planOutputs } from "../../packages/web/src/plan-outputs.js";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

/**
 * The page's run (packages/web/src/plan-outputs.ts) in Node, without a browser: the line it shows
 * after a run ("Done in 1.2 s: …") must count what the run produced, for a trial and for a
 * single-arm evaluation alike, and say what `trialstat run` says.
 */
function dropped(folder: string) {
  const paths = ["sap.yaml", ...readdirSync(join(folder, "data")).map((f) => `data/${f}`)];
  return planOutputs(droppedPlanInput("sap.yaml", paths, (p) => new Uint8Array(readFileSync(join(folder, p)))));
}

describe("the page's summary of a run", () => {
  it("counts a single-arm evaluation's result rows, as trialstat run does (it said 0 estimates)", async () => {
    const folder = repoPath("examples/ips-in-iapt");
    const out = dropped(folder);
    // counted here from results.json: every typed row but the flow's stages, which count people
    const single = JSON.parse(out.files["results.json"] as string).single_arm as Record<string, unknown[]>;
    const n = ["changes", "rates", "counts", "means", "talking_therapies"].reduce((sum, k) => sum + single[k].length, 0);
    expect(n).toBeGreaterThan(0);
    expect(out.resultCount).toBe(`${n} result rows (by population and site)`);
    const cli = await runCli(["run", join(folder, "sap.yaml"), "--out", join(mkdtempSync(join(tmpdir(), "trialstat-count-")), "out")]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`\n${out.resultCount} written to `);
  });

  it("counts a trial's estimates", () => {
    // the mini plan: 2 populations × 5 outcomes × (overall, and 2 levels of each of its 2 subgroups)
    const out = dropped(repoPath("test/sap/mini"));
    expect(out.resultCount).toBe(`${JSON.parse(out.files["results.json"] as string).rows.length} estimates`);
    expect(out.resultCount).toBe("50 estimates");
  });
});
