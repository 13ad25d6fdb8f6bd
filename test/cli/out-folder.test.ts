import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, chmodSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Interrupts } from "../../packages/cli/src/interrupts.js";
import { repoPath } from "../helpers.js";
import { miniCopy } from "../sap/mini-copy.js";
import { diskListing } from "./disk-listing.js";
import { expectCliError, runCli } from "./run-cli.js";

const MANIFEST = ".trialstat-manifest.json";
const run = (dir: string, out: string, options: { sap?: string; interrupts?: Interrupts } = {}) =>
  runCli(["run", options.sap ?? "sap.yaml", "--out", out], { cwd: dir, interrupts: options.interrupts });

/** The mini plan with row-level output asked for: its run writes analysis-frame.csv as well. */
const withRowLevel = (t: string) => t.replace("output:\n", "output:\n  row_level: true\n");
/** The mini plan retitled: every output differs from the plain plan's. */
const retitled = (t: string) => t.replace("title: Mini trial", "title: Mini trial (second version)");

/** The files of a listing outside the given paths (a user's files, left out to compare with a fresh run). */
const without = (listing: Record<string, string>, ...paths: string[]) => Object.fromEntries(Object.entries(listing).filter(([p]) => !paths.includes(p)));

describe("trialstat run --out: what it refuses, before any work, changing nothing", () => {
  // The plan fails in its analysis (site has one value in a population), so a refusal of --out shows
  // that --out was checked before the plan ran.
  const failing = (t: string) => t.replace("subgroups: [gender, age_band]", "subgroups: [gender, age_band, site]");
  const setup = () => {
    const dir = miniCopy({ sap: failing });
    writeFileSync(join(dir, "notes.txt"), "my notes\n");
    mkdirSync(join(dir, "mine"));
    writeFileSync(join(dir, "mine", "draft.md"), "my draft\n");
    symlinkSync("data", join(dir, "link-to-data"));
    symlinkSync("nowhere", join(dir, "dangling"));
    mkdirSync(join(dir, "damaged"));
    writeFileSync(join(dir, "damaged", MANIFEST), "{}\n");
    writeFileSync(join(dir, "damaged", "keep.txt"), "mine\n");
    mkdirSync(join(dir, "escaping"));
    writeFileSync(join(dir, "escaping", MANIFEST), JSON.stringify({ written_by: "trialstat 0.1.0", files: { "../sap.yaml": "0".repeat(64) } }));
    return dir;
  };
  const hintPlan = "outputs must not go where the files it reads are";
  const cases: [string, string, string][] = [
    ["sap.yaml", "--out sap.yaml is the SAP (sap.yaml)", hintPlan],
    ["data/baseline.csv", "--out data/baseline.csv is the source file of baseline (data/baseline.csv)", hintPlan],
    [".", "--out . contains the SAP (sap.yaml)", hintPlan],
    ["data", "--out data contains the source file of baseline (data/baseline.csv)", hintPlan],
    ["..", "--out .. contains the SAP (sap.yaml)", hintPlan],
    ["link-to-data", "--out link-to-data contains the source file of baseline (data/baseline.csv)", hintPlan],
    ["notes.txt", "--out notes.txt is an existing file, not a folder", "--out names a folder for the outputs"],
    ["mine", `--out mine is a folder with files trialstat did not write (it has no ${MANIFEST})`, "trialstat never replaces files it did not write"],
    ["damaged", `damaged/${MANIFEST} is not a manifest trialstat wrote (no "written_by": "trialstat …")`, "give another --out"],
    ["escaping", `escaping/${MANIFEST} is not a manifest trialstat wrote (it names "../sap.yaml", which is not a path inside the folder)`, "give another --out"],
    ["dangling", "--out dangling goes through a symbolic link to nothing", "make what the link points to"],
    ["notes.txt/results", "--out notes.txt/results cannot be made", "give a path whose parent is a folder"],
    ["-", '--out - would make a folder named "-"', "name the output folder, e.g. --out out"],
    ["", "--out is empty", "give --out a path"],
  ];
  it.each(cases)("--out %s", async (out, message, hint) => {
    const dir = setup();
    const before = diskListing(dir);
    const r = await run(dir, out);
    expectCliError(r, 2, message, hint);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(2); // one located line and its hint
    expect(diskListing(dir)).toEqual(before);
  });

  it("refuses a folder another trialstat run is writing to (its staging folder's process is alive)", async () => {
    const dir = miniCopy();
    expect((await run(dir, "out")).code).toBe(0);
    mkdirSync(join(dir, "out", ".trialstat-staging-1-abcdef")); // process 1 always runs
    const before = diskListing(dir);
    expectCliError(await run(dir, "out"), 2, "another trialstat run (process 1) is writing to --out out", "if no trialstat is running, remove out/.trialstat-staging-1-abcdef");
    expect(diskListing(dir)).toEqual(before);
  });
});

describe("trialstat run --out: replacing its own earlier output", () => {
  it("keeps the user's files, replaces the files it wrote and removes those it no longer writes", async () => {
    const dir = miniCopy({ sap: withRowLevel });
    writeFileSync(join(dir, "plain.yaml"), readFileSync(join(dir, "sap.yaml"), "utf8").replace("  row_level: true\n", ""));
    expect((await run(dir, "out")).code).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, "out", MANIFEST), "utf8"));
    expect(first.written_by).toMatch(/^trialstat \d+\.\d+\.\d+/);
    expect(Object.keys(first.files)).toContain("analysis-frame.csv");
    writeFileSync(join(dir, "out", "notes.txt"), "my notes\n");
    writeFileSync(join(dir, "out", "tables", "my-table.csv"), "a,b\n1,2\n");

    const r = await run(dir, "out", { sap: "plain.yaml" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out", "notes.txt"), "utf8")).toBe("my notes\n");
    expect(readFileSync(join(dir, "out", "tables", "my-table.csv"), "utf8")).toBe("a,b\n1,2\n");
    expect(existsSync(join(dir, "out", "analysis-frame.csv"))).toBe(false);
    // apart from the user's two files, exactly what a run into a new folder writes
    expect((await run(dir, "fresh", { sap: "plain.yaml" })).code).toBe(0);
    expect(without(diskListing(join(dir, "out")), "notes.txt", "tables/my-table.csv")).toEqual(diskListing(join(dir, "fresh")));
    const manifest = JSON.parse(readFileSync(join(dir, "out", MANIFEST), "utf8"));
    expect(Object.keys(manifest.files)).not.toContain("analysis-frame.csv");
    expect(Object.keys(manifest.files)).not.toContain("notes.txt");
    expect(readdirSync(join(dir, "out")).filter((f) => f.startsWith(".trialstat-staging"))).toEqual([]);
  });

  it("records every file it wrote, with its sha256, and nothing else", async () => {
    const dir = miniCopy();
    expect((await run(dir, "out")).code).toBe(0);
    const listing = diskListing(join(dir, "out"));
    const files = Object.entries(listing).filter(([p, what]) => what.startsWith("file") && p !== MANIFEST);
    const manifest = JSON.parse(readFileSync(join(dir, "out", MANIFEST), "utf8"));
    expect(Object.entries(manifest.files)).toEqual(files.map(([p, what]) => [p, what.split(" ")[2]]));
  });

  it("writes into an existing empty folder, keeping the folder (and its permissions)", async () => {
    const dir = miniCopy();
    mkdirSync(join(dir, "out"));
    chmodSync(join(dir, "out"), 0o700);
    const inode = statSync(join(dir, "out")).ino;
    expect((await run(dir, "out")).code).toBe(0);
    expect(statSync(join(dir, "out")).ino).toBe(inode);
    expect(statSync(join(dir, "out")).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dir, "out", "results.json"))).toBe(true);
  });

  it("makes missing parent folders, as mkdir -p does", async () => {
    const dir = miniCopy();
    expect((await run(dir, "runs/2024/first")).code).toBe(0);
    expect(existsSync(join(dir, "runs/2024/first/results.json"))).toBe(true);
  });

  it("refuses to replace a file it wrote that was changed since, or to write over a user's file; changing nothing", async () => {
    const dir = miniCopy();
    writeFileSync(join(dir, "rows.yaml"), withRowLevel(readFileSync(join(dir, "sap.yaml"), "utf8")));
    expect((await run(dir, "out")).code).toBe(0);

    writeFileSync(join(dir, "out", "results.md"), "# my edited results\n");
    let before = diskListing(dir);
    expectCliError(await run(dir, "out"), 2, "out/results.md was changed after trialstat wrote it", "move it out of out to keep it");
    expect(diskListing(dir)).toEqual(before);
    rmSync(join(dir, "out", "results.md")); // a file it wrote that the user deleted is simply written again

    writeFileSync(join(dir, "out", "analysis-frame.csv"), "my own frame\n");
    before = diskListing(dir);
    expectCliError(await run(dir, "out", { sap: "rows.yaml" }), 2, "out/analysis-frame.csv is in the way: trialstat writes a file there, and did not write what is there now", "move it out of out");
    expect(diskListing(dir)).toEqual(before);

    rmSync(join(dir, "out", "analysis-frame.csv"));
    expect((await run(dir, "out", { sap: "rows.yaml" })).code).toBe(0);
    expect(readFileSync(join(dir, "out", "results.md"), "utf8")).toMatch(/^# Mini trial/);
  });

  it("refuses a folder it wrote whose subfolder was replaced by a symbolic link (writing there would leave --out)", async () => {
    const dir = miniCopy();
    expect((await run(dir, "out")).code).toBe(0);
    mkdirSync(join(dir, "elsewhere"));
    cpSync(join(dir, "out", "tables"), join(dir, "elsewhere"), { recursive: true });
    rmSync(join(dir, "out", "tables"), { recursive: true });
    symlinkSync(join(dir, "elsewhere"), join(dir, "out", "tables"));
    const before = diskListing(dir);
    expectCliError(await run(dir, "out"), 2, "out/tables is a symbolic link, where trialstat wrote a folder", "trialstat writes only inside the folder");
    expect(diskListing(dir)).toEqual(before);
  });
});

describe("one folder per command: run, cba, fidelity and monitor replace only their own --out", () => {
  // Each command's --out, with inputs that are not in the folders written.
  const commands = {
    run: (out: string) => ["run", "sap.yaml", "--out", out],
    cba: (out: string) => ["cba", "--results", "r.json", "--economics", "economics.yaml", "--draws", "100", "--out", out],
    fidelity: (out: string) => ["fidelity", "--data", repoPath("examples/project-100/reviews.csv"), "--out", out],
    monitor: (out: string) => ["monitor", "--data", repoPath("examples/monitoring/outcomes.csv"), "--out", out],
  };
  type Command = keyof typeof commands;
  /** The mini plan with every command's output in a folder named after it, and a user's notes in each. */
  const setup = async () => {
    const dir = miniCopy();
    for (const command of Object.keys(commands) as Command[]) {
      if (command === "cba") cpSync(join(dir, "run", "results.json"), join(dir, "r.json"));
      expect((await runCli(commands[command](command), { cwd: dir })).code).toBe(0);
      writeFileSync(join(dir, command, "notes.txt"), "my notes\n");
    }
    return dir;
  };
  const dropCommand = (manifestPath: string) => {
    const { command: _dropped, ...older } = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(manifestPath, JSON.stringify(older));
  };

  it("refuses every other command's folder with exit 2, changing nothing (it would remove that command's files)", async () => {
    const dir = await setup();
    const before = diskListing(dir);
    for (const writer of Object.keys(commands) as Command[]) {
      for (const command of Object.keys(commands) as Command[]) {
        if (command === writer) continue;
        const r = await runCli(commands[command](writer), { cwd: dir });
        expectCliError(r, 2, `--out ${writer} holds the outputs of trialstat ${writer}, not of trialstat ${command}`, `give ${command} a folder of its own, e.g. --out ${writer}-${command}`);
      }
    }
    expect(diskListing(dir)).toEqual(before);
  });

  it("replaces its own earlier output, and records itself in the manifest", async () => {
    const dir = await setup();
    for (const command of Object.keys(commands) as Command[]) {
      expect((await runCli(commands[command](command), { cwd: dir })).code, command).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, command, MANIFEST), "utf8")).command).toBe(command);
      expect(readFileSync(join(dir, command, "notes.txt"), "utf8")).toBe("my notes\n");
    }
  });

  it("takes a manifest that names no command (written before they were recorded) as that of the command whose own file it lists", async () => {
    const dir = await setup();
    for (const command of Object.keys(commands) as Command[]) dropCommand(join(dir, command, MANIFEST));
    const before = diskListing(dir);
    expectCliError(await runCli(commands.cba("run"), { cwd: dir }), 2, "--out run holds the outputs of trialstat run, not of trialstat cba", "give cba a folder of its own");
    expectCliError(await runCli(commands.run("monitor"), { cwd: dir }), 2, "--out monitor holds the outputs of trialstat monitor, not of trialstat run", "give run a folder of its own");
    expect(diskListing(dir)).toEqual(before);
    for (const command of Object.keys(commands) as Command[]) {
      expect((await runCli(commands[command](command), { cwd: dir })).code, command).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, command, MANIFEST), "utf8")).command).toBe(command);
    }
  });

  it("refuses a manifest that names no command and none of the commands' own files: which command wrote it cannot be told", async () => {
    const dir = await setup();
    writeFileSync(join(dir, "run", MANIFEST), JSON.stringify({ written_by: "trialstat 0.1.0", files: {} }));
    const before = diskListing(dir);
    expectCliError(await runCli(commands.run("run"), { cwd: dir }), 2, "--out run holds the outputs of a trialstat command its manifest does not name, not of trialstat run", "give run a folder of its own");
    expect(diskListing(dir)).toEqual(before);
  });
});

describe("trialstat run --out through a symbolic link", () => {
  it("writes into the link's target, leaves the link a link, and reruns through it", async () => {
    const dir = miniCopy();
    mkdirSync(join(dir, "runs", "june"), { recursive: true });
    symlinkSync(join("runs", "june"), join(dir, "latest"));
    expect((await run(dir, "latest")).code).toBe(0);
    expect(diskListing(dir).latest).toBe("link -> runs/june");
    expect(existsSync(join(dir, "runs", "june", "results.json"))).toBe(true);
    expect(existsSync(join(dir, "runs", "june", MANIFEST))).toBe(true);
    writeFileSync(join(dir, "runs", "june", "notes.txt"), "mine\n");
    expect((await run(dir, "latest")).code).toBe(0);
    expect(readFileSync(join(dir, "runs", "june", "notes.txt"), "utf8")).toBe("mine\n");
    // a link to a folder made by another run is checked at its target: here the plan's own folder
    symlinkSync(".", join(dir, "here"));
    expectCliError(await run(dir, "here"), 2, "--out here contains the SAP (sap.yaml)", "outputs must not go where the files it reads are");
  });
});

describe("trialstat run --out after a run that was killed (SIGKILL)", () => {
  it("removes a staging folder whose process is gone", async () => {
    const dir = miniCopy();
    expect((await run(dir, "out")).code).toBe(0);
    const stale = join(dir, "out", ".trialstat-staging-999999999-abcdef");
    mkdirSync(join(stale, "tables"), { recursive: true });
    writeFileSync(join(stale, "tables", "half-written.csv"), "a,b\n1,");
    expect((await run(dir, "out")).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });

  it("takes the files a run killed during its swap had moved in as trialstat's (its staged manifest names them)", async () => {
    // The killed run: the retitled plan, whose files differ from the first run's. Half of its files
    // are in place, the other half and its manifest still in its staging folder.
    const dir = miniCopy();
    writeFileSync(join(dir, "second.yaml"), retitled(readFileSync(join(dir, "sap.yaml"), "utf8")));
    expect((await run(dir, "out")).code).toBe(0);
    expect((await run(dir, "second", { sap: "second.yaml" })).code).toBe(0);
    const stale = join(dir, "out", ".trialstat-staging-999999999-abcdef");
    const files = Object.keys(JSON.parse(readFileSync(join(dir, "second", MANIFEST), "utf8")).files) as string[];
    for (const [k, f] of files.entries()) {
      const to = k % 2 === 0 ? join(dir, "out", f) : join(stale, f);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(join(dir, "second", f), to);
    }
    cpSync(join(dir, "second", MANIFEST), join(stale, MANIFEST));
    writeFileSync(join(dir, "out", "notes.txt"), "mine\n");

    const r = await run(dir, "out");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect((await run(dir, "fresh")).code).toBe(0);
    expect(without(diskListing(join(dir, "out")), "notes.txt")).toEqual(diskListing(join(dir, "fresh")));
  });
});

describe("trialstat run interrupted while writing (in-process, with a recorded signal)", () => {
  const interrupted = (): Interrupts & { deferred: boolean } => {
    const fake = {
      deferred: false,
      defer() {
        fake.deferred = true;
      },
      received: () => (fake.deferred ? ("SIGTERM" as const) : undefined),
    };
    return fake;
  };

  it("leaves an earlier output as it was, removes its staging folder, and exits 128 + 15", async () => {
    const dir = miniCopy();
    writeFileSync(join(dir, "second.yaml"), retitled(readFileSync(join(dir, "sap.yaml"), "utf8")));
    expect((await run(dir, "out")).code).toBe(0);
    const before = diskListing(dir);
    const signal = interrupted();
    const r = await run(dir, "out", { sap: "second.yaml", interrupts: signal });
    expect(signal.deferred).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr).toBe("interrupted (SIGTERM): stopped before the outputs were put in place; --out out was left as it was\n");
    expect(diskListing(dir)).toEqual(before);
  });

  it("leaves no --out folder when there was none", async () => {
    const dir = miniCopy();
    const before = diskListing(dir);
    const r = await run(dir, "new/out", { interrupts: interrupted() });
    expect(r.code).toBe(143);
    expect(r.stderr).toBe("interrupted (SIGTERM): stopped before the outputs were put in place; --out new/out was not made\n");
    expect(diskListing(dir)).toEqual(before);
  });
});
