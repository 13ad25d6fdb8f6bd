import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_PADDING_VARIABLE } from "../../packages/cli/src/test-padding.js";
import { repoPath } from "../helpers.js";
import { miniCopy } from "../sap/mini-copy.js";
import { diskListing } from "./disk-listing.js";

/**
 * The guarantees about --out that need a real process: the umask, and signals. The signal tests run
 * the built binary on the mini plan with the test-only hook of packages/cli/src/test-padding.ts,
 * which adds thousands of small files to the outputs, so that the write phase is long enough to be
 * interrupted at many points. Whatever the moment, --out must afterwards hold one complete output
 * (the old or the new: its manifest is one of the two, and the files are exactly the manifest's, with
 * its hashes) and no staging folder, and a user's file in it must be untouched. Nothing here asserts
 * a duration: on a loaded machine the signals land elsewhere, and every outcome is checked the same way.
 */
const cli = repoPath("packages/cli/dist/index.js");
const MANIFEST = ".trialstat-manifest.json";
const NOTES = "notes.txt";

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * A plan folder with two versions of a small plan (test/bad-input/base, quicker to run than the mini
 * plan): a.yaml and b.yaml, whose outputs all differ, each padded with its own number of files.
 */
function plans(padding: { a: number; b: number }) {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-signals-"));
  cpSync(repoPath("test/bad-input/base"), dir, { recursive: true });
  const text = readFileSync(join(dir, "sap.yaml"), "utf8");
  const saps = { a: text, b: text.replace("title: Bad-input base trial", "title: Bad-input base trial (second version)") };
  for (const [name, sap] of Object.entries(saps)) writeFileSync(join(dir, `${name}.yaml`), sap);
  const env = (name: "a" | "b") => ({ ...process.env, [TEST_PADDING_VARIABLE]: `${padding[name]}:${createHash("sha256").update(saps[name]).digest("hex")}` });
  return { dir, env };
}

/** Starts `trialstat run SAP --out OUT` in `dir` (OUT relative, as a user would type it). */
function start(dir: string, sap: string, out: string, env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<Exit>; running: () => boolean } {
  const child = spawn(process.execPath, [cli, "run", sap, "--out", out], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let running = true;
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<Exit>((done) =>
    child.on("close", (code, signal) => {
      running = false;
      done({ code, signal, stderr });
    }),
  );
  return { child, exited, running: () => running };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until `seen()` or the process has ended; says whether it was seen. */
async function until(seen: () => boolean, running: () => boolean): Promise<boolean> {
  while (running()) {
    if (seen()) return true;
    await pause(1);
  }
  return false;
}

const staging = (out: string) => {
  try {
    return readdirSync(out).filter((n) => n.startsWith(".trialstat-staging-"));
  } catch {
    return [];
  }
};
/** The write phase has staged every file and its manifest: the swap comes next. */
const staged = (out: string) => staging(out).some((s) => existsSync(join(out, s, MANIFEST)));

/**
 * Which complete output --out holds, after checking that it is complete: no staging folder, every
 * file the manifest names there with its hash, nothing else but the user's notes (untouched) and the
 * folders holding those files. `references` names the outputs it may hold by their manifests' text,
 * or says which output a manifest is (undefined: none of them).
 */
function completeOutput(out: string, references: Record<string, string> | ((manifest: string) => string | undefined), notes: string): string {
  expect(staging(out), "no staging folder is left").toEqual([]);
  const manifest = readFileSync(join(out, MANIFEST), "utf8");
  const which = typeof references === "function" ? references(manifest) : Object.keys(references).find((k) => references[k] === manifest);
  expect(which, "the manifest is the old or the new output's").toBeDefined();
  const named: Record<string, string> = JSON.parse(manifest).files;
  const listing = diskListing(out);
  expect(listing[NOTES], "the user's file is untouched").toBe(notes);
  const files: Record<string, string> = {};
  const folders = new Set<string>();
  for (const [path, what] of Object.entries(listing)) {
    if (path === MANIFEST || path === NOTES) continue;
    if (what.startsWith("dir")) folders.add(path);
    else files[path] = what.split(" ")[2];
  }
  expect(files, "exactly the files the manifest names, with its hashes").toEqual(named);
  const needed = new Set(Object.keys(named).flatMap((f) => f.split("/").slice(0, -1).map((_, k, parts) => parts.slice(0, k + 1).join("/"))));
  expect([...folders].sort()).toEqual([...needed].sort());
  return which!;
}

describe("trialstat run --out in a real process", () => {
  it("makes folders and files with the user's umask", () => {
    const dir = miniCopy();
    const r = spawnSync("sh", ["-c", `umask 027 && exec "${process.execPath}" "${cli}" run sap.yaml --out runs/first`], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const mode = (p: string) => statSync(join(dir, p)).mode & 0o777;
    expect(mode("runs")).toBe(0o750);
    expect(mode("runs/first")).toBe(0o750);
    expect(mode("runs/first/tables")).toBe(0o750);
    expect(mode("runs/first/results.json")).toBe(0o640);
    expect(mode(`runs/first/${MANIFEST}`)).toBe(0o640);
    const s = spawnSync("sh", ["-c", `umask 077 && exec "${process.execPath}" "${cli}" score --instrument phq9 --data "${repoPath("examples/score/phq9.csv")}" --missing-codes -9 --out scores/phq9.csv`], { cwd: dir, encoding: "utf8" });
    expect(s.status).toBe(0);
    expect(mode("scores")).toBe(0o700);
    expect(mode("scores/phq9.csv")).toBe(0o600);
  });

  it("leaves one complete output (old or new) and no staging folder, whenever SIGINT or SIGTERM comes", { timeout: 300_000 }, async () => {
    const { dir, env } = plans({ a: 1000, b: 990 });
    const out = join(dir, "out");
    const started = performance.now();
    const [first, reference] = await Promise.all([start(dir, "a.yaml", "out", env("a")).exited, start(dir, "b.yaml", "reference", env("b")).exited]);
    const whole = performance.now() - started; // about one run's time, to spread the delays over
    expect(first.code, first.stderr).toBe(0);
    expect(reference.code, reference.stderr).toBe(0);
    const references = { a: readFileSync(join(out, MANIFEST), "utf8"), b: readFileSync(join(dir, "reference", MANIFEST), "utf8") };
    writeFileSync(join(out, NOTES), "my notes\n");
    const notes = diskListing(out)[NOTES];
    let current = completeOutput(out, references, notes);
    expect(current).toBe("a");

    const outcomes = new Set<string>();
    const runs = 9; // three of each kind: enough to meet every outcome, few enough to keep the suite fast
    for (let k = 0; k < runs; k++) {
      const next = current === "a" ? "b" : "a";
      const signal = k % 2 === 0 ? "SIGINT" : "SIGTERM";
      const run = start(dir, `${next}.yaml`, "out", env(next));
      // a third at delays spread over a whole run (starting, planning, writing, after), a third as
      // soon as staging begins, a third as soon as the swap is about to begin
      if (k % 3 === 0) await pause((k / runs) * 1.2 * whole);
      else await until(() => (k % 3 === 1 ? staging(out).length > 0 : staged(out)), run.running);
      const sent = run.running() && run.child.kill(signal);
      const exit = await run.exited;
      const holds = completeOutput(out, references, notes);
      if (exit.signal === null) {
        expect(exit.code, exit.stderr).toBe(0);
        expect(holds).toBe(next);
        outcomes.add("finished");
      } else {
        expect(sent).toBe(true);
        expect(exit.signal).toBe(signal);
        if (exit.stderr !== "") {
          // stopped while staging: it says so, and --out is as it was
          expect(exit.stderr).toBe(`interrupted (${signal}): stopped before the outputs were put in place; --out out was left as it was\n`);
          expect(holds).toBe(current);
        }
        outcomes.add(exit.stderr !== "" ? "stopped while staging" : holds === current ? "killed before writing" : "ended after its swap");
      }
      current = holds;
    }
    expect(outcomes).toContain("killed before writing"); // the first signal is sent at once
    expect(outcomes).toContain("stopped while staging");
  });

  it("swaps 20,000 files with --out there at every instant; a signal as the swap begins leaves one complete output", { timeout: 300_000 }, async () => {
    const { dir, env } = plans({ a: 20_000, b: 19_990 });
    const out = join(dir, "out");
    // the output the first swap replaces: plan a with 10 padding files (20,000 would only make the
    // setup as slow as a swap; both swaps below move 20,000 files, the second over 20,000)
    const few = env("a");
    few[TEST_PADDING_VARIABLE] = few[TEST_PADDING_VARIABLE]!.replace(/^\d+:/, "10:");
    const first = await start(dir, "a.yaml", "out", few).exited;
    expect(first.code, first.stderr).toBe(0);
    const setup = readFileSync(join(out, MANIFEST), "utf8");
    // which plan's whole output a manifest is (completeOutput has checked the files against it):
    // a's title with its 20,000 padding files, or b's with its 19,990
    const titles = { a: "Bad-input base trial", b: "Bad-input base trial (second version)" };
    const whichOutput = (manifest: string): string | undefined => {
      if (manifest === setup) return "setup";
      const files = Object.keys(JSON.parse(manifest).files as Record<string, string>);
      const padding = files.filter((f) => f.startsWith("test-padding/")).length;
      const title = JSON.parse(readFileSync(join(out, "results.json"), "utf8")).sap.title;
      return title === titles.a && padding === 20_000 ? "a" : title === titles.b && padding === 19_990 ? "b" : undefined;
    };
    writeFileSync(join(out, NOTES), "my notes\n");
    const notes = diskListing(out)[NOTES];

    // Another process polls for --out and its manifest as fast as it can while a swap is under way
    // (from the moment every file is staged, when the test creates `go`, to the run's end), and
    // sleeps in between, so as not to take a core from the runs.
    const go = join(dir, "go");
    const stop = join(dir, "stop");
    const watcher = spawn(
      process.execPath,
      [
        "-e",
        `const { existsSync } = require("node:fs");
         const [out, manifest, go, stop] = process.argv.slice(1);
         const nap = new Int32Array(new SharedArrayBuffer(4));
         let polls = 0, outMissing = 0, manifestMissing = 0;
         process.stdout.write("watching\\n");
         while (!existsSync(stop)) {
           if (!existsSync(go)) { Atomics.wait(nap, 0, 0, 1); continue; }
           for (let k = 0; k < 100; k++) {
             polls++;
             if (!existsSync(out)) outMissing++;
             if (!existsSync(manifest)) manifestMissing++;
           }
         }
         process.stdout.write(JSON.stringify({ polls, outMissing, manifestMissing }));`,
        out,
        join(out, MANIFEST),
        go,
        stop,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let report = "";
    watcher.stdout!.on("data", (d) => (report += d));
    const watched = new Promise((done) => watcher.on("close", done));
    /** Runs a SAP into out, with the watcher polling from the moment its files are staged; sends `signal` then, if given. */
    const watchedRun = async (sap: string, name: "a" | "b", signal?: NodeJS.Signals) => {
      const run = start(dir, sap, "out", env(name));
      if (await until(() => staged(out), run.running)) {
        writeFileSync(go, "");
        if (signal) run.child.kill(signal);
      }
      const exit = await run.exited;
      rmSync(go, { force: true });
      return exit;
    };
    try {
      await until(() => report.startsWith("watching"), () => watcher.exitCode === null);

      // replaced whole, with no signal: the new output
      const replaced = await watchedRun("b.yaml", "b");
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(completeOutput(out, whichOutput, notes)).toBe("b");

      // SIGINT once all 20,000 files are staged, as the swap of b's 19,990 begins
      const exit = await watchedRun("a.yaml", "a", "SIGINT");
      const holds = completeOutput(out, whichOutput, notes);
      if (exit.signal === null) expect(holds).toBe("a");
      else {
        expect(exit.signal).toBe("SIGINT");
        expect(["a", "b"]).toContain(holds);
      }
    } finally {
      writeFileSync(stop, "");
      await watched;
    }
    const seen = JSON.parse(report.slice("watching\n".length));
    expect(seen.polls).toBeGreaterThan(0);
    expect(seen.outMissing).toBe(0);
    expect(seen.manifestMissing).toBe(0);
  });
});
