import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, ONLY_WARNINGS } from "./run-cli.js";

const example = "examples/fit/trial.csv";
const clustered = ["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0", "--cluster", "clinic"];
const unclustered = ["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0 + site"];

describe("trialstat fit --bootstrap", () => {
  it("wild cluster bootstrap in JSON: p-value, interval, draws, seed, type; 12 clinics are enumerated", async () => {
    const r = await runCli([...clustered, "--bootstrap", "4096", "--seed", "7", "--bootstrap-term", "treat"]);
    expect(r.stderr).toMatch(ONLY_WARNINGS);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bootstrap).toMatchObject({ type: "wild", draws_requested: 4096, draws: 4096, seed: 7, weights: "rademacher", impose_null: true, enumerated: true, se_type: "stata", conf_level: 0.95 });
    expect(out.bootstrap.generator).toMatch(/xoshiro128/);
    const [treat] = out.bootstrap.coefficients;
    expect(treat.term).toBe("treat");
    expect(treat.p_value).toBeGreaterThan(0);
    expect(treat.inversion_low).toBeLessThan(treat.estimate);
    expect(treat.inversion_high).toBeGreaterThan(treat.estimate);
    expect(treat.percentile_low).toBeNull();
    // the fit itself is unchanged by the bootstrap
    const plain = JSON.parse((await runCli(clustered)).stdout);
    expect({ ...out, bootstrap: undefined }).toEqual({ ...plain, bootstrap: undefined });
  });

  it("the same seed gives the same bytes, another seed other draws", async () => {
    const args = [...unclustered, "--bootstrap", "199", "--bootstrap-strata", "treat"];
    const a = await runCli([...args, "--seed", "1"]);
    const b = await runCli([...args, "--seed", "1"]);
    const c = await runCli([...args, "--seed", "2"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const boot = JSON.parse(a.stdout).bootstrap;
    expect(boot).toMatchObject({ type: "pairs", draws: 199, seed: 1, strata: "treat", se_type: "HC2" });
    for (const row of boot.coefficients) {
      expect(row.percentile_low).toBeLessThan(row.percentile_high);
      expect(row.studentised_low).toBeLessThan(row.studentised_high);
      expect(row.std_error).toBeGreaterThan(0);
    }
  });

  // 4 workers split 999 draws unevenly; each extra worker count costs seconds of thread start-ups
  it("gives the same bytes with 1 or 4 worker threads (pairs, cluster and wild)", async () => {
    for (const args of [
      [...unclustered, "--bootstrap", "300", "--seed", "3"],
      [...clustered, "--bootstrap", "300", "--seed", "3", "--bootstrap-type", "cluster", "--se", "CR1"],
      [...clustered, "--bootstrap", "999", "--seed", "3", "--bootstrap-weights", "webb"],
    ]) {
      const runs = [];
      for (const w of ["1", "4"]) runs.push(await runCli([...args, "--bootstrap-workers", w]));
      for (const r of runs) expect(r.stderr).toMatch(ONLY_WARNINGS);
      expect(runs[1].stdout).toBe(runs[0].stdout);
    }
  });

  it("shows the draws done on a terminal, here and on worker threads", async () => {
    // standard error a terminal, and a second passing between looks at the clock, so that every step is drawn (progress.ts)
    const onTerminal = async (workers: string) => {
      let stderr = "";
      let clock = -1000;
      const io = { stderr: { write: (s: string) => (stderr += s), isTTY: true, columns: 200 }, now: () => (clock += 1000) };
      const r = await runCli([...unclustered, "--bootstrap", "300", "--seed", "3", "--bootstrap-workers", workers], { io });
      expect(r.code, stderr).toBe(0);
      return stderr;
    };
    // 300 draws are blocks of 64, 64, 64, 64 and 44: here they finish in that order
    const here = await onTerminal("1");
    for (const done of ["64 of 300 draws (21%)", "128 of 300 draws (42%)", "300 of 300 draws (100%)"]) expect(here).toContain(`\rfit: bootstrap, ${done} · `);
    expect(await onTerminal("2")).toContain("\rfit: bootstrap, 300 of 300 draws (100%) · ");
  });

  it("prints a bootstrap section in the table and the bootstrap columns in CSV", async () => {
    const t = await runCli([...clustered, "--bootstrap", "999", "--seed", "5", "--bootstrap-weights", "webb", "--format", "table"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Bootstrap: wild cluster bootstrap-t; null imposed (WCR), Webb weights, CR1 t; 999 draws; seed 5");
    expect(t.stdout).toMatch(/treat\s+-?\d/);
    const c = await runCli([...clustered, "--bootstrap", "99", "--seed", "5", "--bootstrap-type", "cluster", "--format", "csv", "--bootstrap-term", "treat"]);
    expect(c.code).toBe(0);
    const [header, row, extra] = c.stdout.trim().split("\n");
    expect(extra).toBeUndefined();
    const cells = Object.fromEntries(header.split(",").map((h, j) => [h, row.split(",")[j]]));
    expect(cells).toMatchObject({ term: "treat", se_type: "CR2", boot_type: "cluster", boot_draws: "99", boot_seed: "5", boot_se_type: "CR2" });
    for (const k of ["boot_p_value", "boot_std_error", "boot_percentile_low", "boot_studentised_high"]) expect(Number.isFinite(Number(cells[k]))).toBe(true);
  });

  it("runs the README example as shown", async () => {
    const readme = readFileSync(repoPath("README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Bootstrap (`fit --bootstrap`)"));
    const command = /```sh\npnpm --silent trialstat (fit [^\n]*) \\\n  ([^\n]*)\n```/.exec(section)!;
    const shown = /```\n(Bootstrap: [\s\S]*?)```/.exec(section)![1];
    const args = `${command[1]} ${command[2]}`.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ""));
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(shown);
  });

  it("refuses what it cannot do, with a hint", async () => {
    expectCliError(await runCli([...clustered, "--bootstrap", "99"]), 2, "--bootstrap needs --seed", "--seed 20240101");
    expectCliError(await runCli([...clustered, "--seed", "1"]), 2, "--seed is used by randomisation inference (--ri) and the bootstrap (--bootstrap), and neither was asked for", "--bootstrap DRAWS");
    expectCliError(await runCli([...clustered, "--bootstrap", "ten", "--seed", "1"]), 2, '--bootstrap must be a whole number from 0 to 9007199254740991, got "ten"', "number of draws");
    // the same seed rule as --ri and cba: 2^64 is a whole number, beyond the range
    expectCliError(await runCli([...clustered, "--bootstrap", "99", "--seed", "18446744073709551616"]), 2, '--seed must be a whole number from 0 to 9007199254740991, got "18446744073709551616"', "--seed 20240101");
    expectCliError(await runCli([...unclustered, "--bootstrap", "99", "--seed", "1", "--bootstrap-type", "wild"]), 2, "the wild cluster bootstrap needs --cluster", "--bootstrap-type pairs");
    expectCliError(await runCli([...clustered, "--bootstrap", "99", "--seed", "1", "--bootstrap-type", "pairs"]), 2, "ignores the clusters", "--bootstrap-type cluster");
    expectCliError(await runCli(["fit", "--data", example, "--formula", "employed ~ treat", "--family", "binomial", "--bootstrap", "99", "--seed", "1"]), 2, "linear models only", "fit a linear model (--family gaussian), or drop the bootstrap (--bootstrap)");
    expectCliError(await runCli([...clustered, "--bootstrap", "99", "--seed", "1", "--bootstrap-term", "age"]), 2, 'no coefficient "age" to bootstrap', "swemwbs0");
    expectCliError(await runCli([...clustered, "--bootstrap", "99", "--seed", "1", "--bootstrap-strata", "site"]), 2, "--bootstrap-strata applies to the pairs and cluster bootstrap", "drop it");
  });
});
