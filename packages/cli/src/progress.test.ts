import { describe, expect, it } from "vitest";
import { repoPath } from "../../../test/helpers.js";
import { join } from "node:path";
import { runCli, scratch } from "../../../test/cli/run-cli.js";
import { type ProgressTarget, progressLine } from "./progress.js";

/** A terminal that records what is written, and a clock the test moves by hand. */
function terminal(options: Partial<ProgressTarget> = {}) {
  const written: string[] = [];
  let now = 0;
  return {
    target: { isTTY: true, write: (s: string) => written.push(s), ...options },
    written,
    clock: { now: () => now, set: (ms: number) => (now = ms) },
  };
}

describe("progressLine", () => {
  it("shows nothing in the first second, then the step and the seconds, rewritten in place, and clears itself at the end", () => {
    const t = terminal();
    const p = progressLine(t.target, { command: "run", quiet: false, now: t.clock.now });
    p.step("load baseline");
    t.clock.set(999);
    p.step("link");
    expect(t.written).toEqual([]);
    t.clock.set(1000);
    p.step("estimate itt outcomes.0");
    t.clock.set(1050); // within 100 ms of the last drawing: not redrawn
    p.step("estimate itt outcomes.1");
    t.clock.set(2500);
    p.tick(); // the step is unchanged, the seconds are not
    t.clock.set(2600);
    p.tick(); // nothing changed: nothing written
    p.end();
    expect(t.written).toEqual(["\rrun: estimate itt outcomes.0 · 1 s\x1b[K", "\rrun: estimate itt outcomes.1 · 2 s\x1b[K", "\r\x1b[K"]);
  });

  it("writes nothing at all for a command that ends within a second", () => {
    const t = terminal();
    const p = progressLine(t.target, { command: "fit", quiet: false, now: t.clock.now });
    p.step("bootstrap");
    t.clock.set(400);
    p.end();
    expect(t.written).toEqual([]);
  });

  it("clears the line before other text is written, and draws it again on the next step", () => {
    const t = terminal();
    const p = progressLine(t.target, { command: "run", quiet: false, now: t.clock.now });
    t.clock.set(1500);
    p.step("weights nr12");
    p.clear();
    p.clear(); // already cleared: nothing more
    t.clock.set(1700);
    p.step("weights nr12");
    expect(t.written).toEqual(["\rrun: weights nr12 · 1 s\x1b[K", "\r\x1b[K", "\rrun: weights nr12 · 1 s\x1b[K"]);
  });

  it("is cut to the terminal's width, so that \\r can rewrite it", () => {
    const t = terminal({ columns: 30 });
    const p = progressLine(t.target, { command: "run", quiet: false, now: t.clock.now });
    t.clock.set(3000);
    p.step("estimate itt outcomes.12 and a long name");
    expect(t.written).toEqual(["\rrun: estimate itt outcomes.1…\x1b[K"]);
    expect("run: estimate itt outcomes.1…".length).toBe(29);
    for (const columns of [0, undefined]) {
      const u = terminal({ columns });
      const q = progressLine(u.target, { command: "run", quiet: false, now: u.clock.now });
      u.clock.set(3000);
      q.step("x".repeat(200));
      expect(u.written[0].length, `columns ${columns}`).toBe("\r".length + 79 + "\x1b[K".length);
    }
  });

  it.each([
    ["a pipe or a file", { isTTY: false }, {}, false],
    ["CI (the CI variable set)", {}, { CI: "true" }, false],
    ["CI=1", {}, { CI: "1" }, false],
    ["a dumb terminal", {}, { TERM: "dumb" }, false],
    ["--quiet", {}, {}, true],
  ] as const)("is never drawn into %s", (_, target, env, quiet) => {
    const t = terminal(target);
    const p = progressLine(t.target, { command: "run", quiet, env, now: t.clock.now });
    t.clock.set(5000);
    p.step("estimate");
    p.tick();
    p.end();
    expect(t.written).toEqual([]);
  });

  it("is drawn when CI is set to false or empty", () => {
    for (const CI of ["false", ""]) {
      const t = terminal();
      const p = progressLine(t.target, { command: "run", quiet: false, env: { CI }, now: t.clock.now });
      t.clock.set(5000);
      p.step("estimate");
      p.end();
      expect(t.written.length, CI).toBe(2);
    }
  });
});

describe("trialstat run on a terminal", () => {
  const sap = repoPath("test/sap/mini/sap.yaml");

  /** Runs with standard error a terminal and a clock on which a second passes between looks. */
  async function onTerminal(args: string[]) {
    let stderr = "";
    let clock = -1000;
    const r = await runCli(args, { io: { stderr: { isTTY: true, write: (s: string) => void (stderr += s) }, now: () => (clock += 1000) } });
    return { ...r, stderr };
  }

  it("shows the run's steps as the library reports them, leaves no trace, and changes nothing else", async () => {
    const out = join(scratch({}), "out");
    const tty = await onTerminal(["run", sap, "--out", out]);
    expect(tty.code).toBe(0);
    for (const step of ["check plan", "load baseline", "link", "derive", "populations", "estimate itt employed13w", "estimate itt survey12.wellbeing", "tables and report", "write"]) {
      expect(tty.stderr).toMatch(new RegExp(`\\rrun: ${step} · \\d+ s\\x1b\\[K`));
    }
    expect(tty.stderr.endsWith("\r\x1b[K")).toBe(true);
    // nothing but the progress line (the mini plan has no warnings), and the same standard output as into a pipe
    expect(tty.stderr.replace(/\r[^\r]*\x1b\[K/g, "")).toBe("");
    expect(tty.stdout).toBe((await runCli(["run", sap, "--out", out])).stdout);
    const quiet = await onTerminal(["run", sap, "--out", out, "--quiet"]);
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
