import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { runCli, scratch, spawnCli } from "./run-cli.js";
import { CommandContext, terminalSafe } from "../../packages/cli/src/context.js";
import { clip } from "../../packages/cli/src/report-error.js";
import { version } from "../../packages/core/src/version.js";

/**
 * The few tests of the binary itself (everything else calls `main(argv, io)` in-process): the
 * process wiring — argv, exit code, a closed pipe — that an in-process call cannot exercise.
 */
describe("the trialstat binary", () => {
  it("prints its version and exits 0", () => {
    const r = spawnCli(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("gives the same output and exit code as the in-process entry", async () => {
    const args = ["fit", "--data", "examples/fit/trial.csv", "--formula", "swemwbs12 ~ treat + swemwbs0", "--format", "json"];
    const spawned = spawnCli(args);
    expect(spawned.code).toBe(0);
    expect(spawned).toEqual(await runCli(args));
    const bad = spawnCli(["fit", "--data", "no-such.csv", "--formula", "y ~ x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe((await runCli(["fit", "--data", "no-such.csv", "--formula", "y ~ x"])).stderr);
  });

  it("stops quietly when the reader closes the pipe (trialstat ... | head)", async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},0,1,2,3,0,1,2,3,0`).join("\n");
    const dir = scratch({ "phq.csv": `id,${Array.from({ length: 9 }, (_, j) => `phq9_${j + 1}`).join(",")}\n${rows}\n` });
    const child = spawn(process.execPath, [repoPath("packages/cli/dist/index.js"), "score", "--instrument", "phq9", "--data", "phq.csv"], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy()); // like head: read a little, then close
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  // /dev/full: every write fails with ENOSPC, as on a full disk
  it.skipIf(!existsSync("/dev/full"))("says so and exits 2 when standard output cannot be written (a full disk)", () => {
    const r = spawnSync(process.execPath, [repoPath("packages/cli/dist/index.js"), "power", "--delta", "0.2", "--power", "0.8"], { stdio: ["ignore", openSync("/dev/full", "w"), "pipe"], encoding: "utf8" });
    expect({ code: r.status, stderr: r.stderr }).toEqual({
      code: 2,
      stderr: "error: standard output could not be written (the disk is full): the output is incomplete\n  hint: free some space, or send the output elsewhere (commands that write files take --out FILE)\n",
    });
  });
});

describe("text from data never drives the terminal", () => {
  it("escapes control characters (ESC, bell, C1, bidirectional overrides) but keeps tabs and line feeds", () => {
    expect(terminalSafe("a\x1b[31mred\x07\tb\n\u202e\x9b")).toBe("a\\x1b[31mred\\x07\tb\n\\u{202e}\\x9b");
  });

  it("escapes messages always, and standard output only when it is a terminal", () => {
    const written: string[] = [];
    const sink = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) });
    new CommandContext({ cwd: "/", stdout: sink(false), stderr: sink(false) }).out("id\x1b\n");
    new CommandContext({ cwd: "/", stdout: sink(true), stderr: sink(false) }).out("id\x1b\n");
    new CommandContext({ cwd: "/", stdout: sink(false), stderr: sink(false) }).err("error: \x1b\n");
    expect(written).toEqual(["id\x1b\n", "id\\x1b\n", "error: \\x1b\n"]);
  });

  // aligned tables are for people: a name from the data is escaped in them even when piped (| less -R),
  // in the prose lines (title, reference levels, estimator notes, table notes) as in the cells
  it("escapes names from the data in every line of fit's and fidelity's tables, also off a terminal", async () => {
    const E = "\x1b[2J";
    const rows = Array.from({ length: 40 }, (_, i) => [((i * 37) % 11) + (i % 2) * 2, i % 2, (i * 7) % 5, ["A" + E, "B", "C"][i % 3], (i * 3) % 4 > 1 ? 1 : 0].join(","));
    const dir = scratch({
      "d.csv": `y${E},t${E},x${E},g,ybin\n${rows.join("\n")}\n`,
      "reviews.csv": readFileSync(repoPath("examples/project-100/reviews.csv"), "utf8").replace(/^PP,/gm, `PP${E},`),
    });
    const q = (name: string) => `\`${name}${E}\``;
    for (const args of [
      ["--formula", `${q("y")} ~ ${q("t")} + ${q("x")} + g`, "--ri", "99", "--seed", "1"],
      ["--formula", `${q("y")} ~ ${q("t")}`, "--lin-covariates", `~ ${q("x")}`],
      ["--formula", `${q("y")} ~ ${q("x")} | ${q("t")}`],
      ["--formula", `ybin ~ ${q("t")} + ${q("x")}`, "--family", "binomial", "--marginal-effect", `t${E}`],
    ]) {
      const r = await runCli(["fit", "--data", "d.csv", ...args, "--format", "table"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain("\x1b");
      expect(r.stdout).toContain("\\x1b[2J");
    }
    const fidelity = await runCli(["fidelity", "--data", "reviews.csv"], { cwd: dir });
    expect(fidelity.code, fidelity.stderr).toBe(0);
    expect(fidelity.stdout).not.toContain("\x1b");
    expect(fidelity.stdout).toContain("Reviews (by date): PP\\x1b[2J: 2015-03-01");
  });

  it("cuts a very long message line in the middle and says how much was left out", () => {
    const line = `error: data.csv:2:x: "${"9".repeat(20_000_000)}" is not a number`;
    const shown = clip(line);
    expect(shown.length).toBeLessThan(500);
    expect(shown).toMatch(/^error: data\.csv:2:x: "9+… \(19,999,\d{3} characters left out\) …9+" is not a number$/);
  });
});
