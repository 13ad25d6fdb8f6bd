import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../packages/cli/src/main.js";
import { repoPath } from "../helpers.js";
import { ONLY_WARNINGS } from "./run-cli.js";

// `trialstat run` on a plan with the analyses beside the ITT (test/sap/mini/inference.yaml): the
// numbers are checked against R by test/sap/inference-oracle.test.ts; here, what the command does.

/** The command in-process, with standard error a terminal or not, and a second passing between looks at the clock, so that a progress line would show at once (progress.ts). */
async function withClock(args: string[], isTTY: boolean): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  let clock = -1000;
  const code = await main(args, {
    cwd: repoPath("."),
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s), isTTY, columns: 200 },
    now: () => (clock += 1000),
  });
  return { code, stderr };
}

describe("trialstat run with randomisation inference, the bootstrap, Lin, the CACE and bounds", () => {
  it("writes their fields and tables, and shows the progress of randomisation inference on a terminal only", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "trialstat-inference-")), "out");
    const { code, stderr } = await withClock(["run", "test/sap/mini/inference.yaml", "--out", out], true);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/\rrun: estimate randomisation inference, outcome employed13w, population scr: 1,001 of 10,000 assignments \(10%\) · \d+ s\x1b\[K/);
    expect(stderr).toContain("run: estimate randomisation inference, outcome earnings12, population older: 4,096 of 6,435 assignments (63%)");
    // the bootstrap's 99 draws are blocks of 64 and 35
    expect(stderr).toContain("run: estimate bootstrap, outcome earnings12, population scr: 64 of 99 draws (64%)");
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    const analyses = new Set(results.rows.map((r: { analysis?: string }) => r.analysis ?? "itt"));
    expect([...analyses]).toEqual(["itt", "lin", "cace"]);
    expect(results.rows.find((r: Record<string, unknown>) => r.population === "scr" && r.outcome === "earnings12" && r.analysis === undefined)).toMatchObject({ ri_draws: 10000, ri_exact: false, boot_type: "pairs", boot_draws: 99 });
    const csv = readFileSync(join(out, "results.csv"), "utf8").split("\n")[0].split(",");
    expect(csv.slice(4, 7)).toEqual(["level", "analysis", "estimate"]);
    expect(csv).toContain("ri_p_value");
    expect(csv).toContain("lee_lower");
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const title of ["Lin&#39;s covariate adjustment", "Complier average causal effects", "Bounds for missing outcomes", "Randomisation p"]) expect(html).toContain(title);
  });

  it("shows no progress when standard error is not a terminal", async () => {
    // the same clock as on a terminal, where validate (which runs the plan) does show it
    const terminal = await withClock(["validate", "test/sap/mini/inference.yaml"], true);
    expect(terminal.stderr).toMatch(/\r[^\n]*randomisation inference/);
    const piped = await withClock(["validate", "test/sap/mini/inference.yaml"], false);
    expect(piped.code).toBe(0);
    // the warnings run would give (validate says them too), and nothing else
    expect(piped.stderr).toMatch(ONLY_WARNINGS);
    expect(piped.stderr).not.toContain("\r");
  });
});
