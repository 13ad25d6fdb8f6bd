import { createHash } from "node:crypto";
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskListing } from "./disk-listing.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

const items = Array.from({ length: 9 }, (_, j) => `phq9_${j + 1}`).join(",");
const phq = `id,${items}\n1,0,1,2,3,0,1,2,3,0\n2,3,3,3,3,3,3,3,3,3\n`;
const survey = "id,arm,age,r\n1,T,30,1\n2,T,40,0\n3,T,50,1\n4,C,35,1\n5,C,45,0\n6,C,55,1\n";

/** A scratch folder with the inputs, symbolic and hard links to them, a folder and a file of the user's. */
function setup(): string {
  const dir = scratch({ "phq.csv": phq, "labels.csv": "label,value\nNever,0\n", "survey.csv": survey, "notes.txt": "mine\n" });
  symlinkSync("phq.csv", join(dir, "link-to-phq.csv"));
  linkSync(join(dir, "phq.csv"), join(dir, "hard-phq.csv"));
  symlinkSync("survey.csv", join(dir, "link-to-survey.csv"));
  symlinkSync("notes.txt", join(dir, "link-to-notes.txt"));
  symlinkSync("nowhere.csv", join(dir, "dangling.csv"));
  mkdirSync(join(dir, "folder"));
  return dir;
}
const score = (dir: string, ...more: string[]) => runCli(["score", "--instrument", "phq9", "--data", "phq.csv", ...more], { cwd: dir });
const weights = (dir: string, ...more: string[]) => runCli(["weights", "--data", "survey.csv", "--response", "r", "--within", "arm", ...more], { cwd: dir });

describe("score --out and weights --out/--report: refused before any work, writing nothing", () => {
  const cases: [string, (dir: string) => ReturnType<typeof runCli>, string, string][] = [
    ["score --out the --data file", (d) => score(d, "--out", "phq.csv"), "--out phq.csv is the --data file", "trialstat never replaces a file it reads"],
    ["score --out a symbolic link to it", (d) => score(d, "--out", "link-to-phq.csv"), "--out link-to-phq.csv is the --data file", "write to a new file"],
    ["score --out a hard link to it", (d) => score(d, "--out", "hard-phq.csv"), "--out hard-phq.csv is the --data file", "write to a new file"],
    ["score --out the --labels file", (d) => score(d, "--labels", "labels.csv", "--out", "labels.csv"), "--out labels.csv is the --labels file", "write to a new file"],
    ["score --out a folder", (d) => score(d, "--out", "folder"), "--out folder is a folder", "--out names a file to write, e.g. --out out.csv"],
    ["score --out through a file", (d) => score(d, "--out", "notes.txt/scores.csv"), "--out notes.txt/scores.csv cannot be made", "give a path whose parent is a folder"],
    ["weights --out the --data file", (d) => weights(d, "--out", "survey.csv"), "--out survey.csv is the --data file", "write to a new file"],
    ["weights --report a link to it", (d) => weights(d, "--out", "w.csv", "--report", "link-to-survey.csv"), "--report link-to-survey.csv is the --data file", "write to a new file"],
    ["weights --report an existing folder", (d) => weights(d, "--out", "w.csv", "--report", "folder"), "--report folder is a folder", "--report names a file to write, e.g. --report report.md"],
    ["weights --out and --report one file", (d) => weights(d, "--out", "w.csv", "--report", "w.csv"), "--out w.csv and --report w.csv are the same file", "give --report a file of its own"],
    ["weights --out and --report one file by a link", (d) => weights(d, "--out", "notes.txt", "--report", "link-to-notes.txt"), "--out notes.txt and --report link-to-notes.txt are the same file", "give --report a file of its own"],
    ["score --out empty", (d) => score(d, "--out", ""), "error: --out is empty", "give --out a path"],
    ["weights --out empty", (d) => weights(d, "--out", ""), "error: --out is empty", "give --out a path"],
    ["weights --report empty", (d) => weights(d, "--out", "w.csv", "--report", ""), "error: --report is empty", "give --report a path"],
    ["fit --out empty", (d) => runCli(["fit", "--data", "survey.csv", "--formula", "age ~ arm", "--out", ""], { cwd: d }), "error: --out is empty", "give --out a path"],
    ["fidelity --out (a folder) empty", (d) => runCli(["fidelity", "--data", "survey.csv", "--out", ""], { cwd: d }), "error: --out is empty", "give --out a path"],
    ["score --out a link to nothing", (d) => score(d, "--out", "dangling.csv"), "--out dangling.csv goes through a symbolic link to nothing", "make what the link points to, or give another path"],
    // "-" is standard input to --data, but a file named "-" to --out: refused, not written
    ["score --out -", (d) => score(d, "--out", "-"), '--out - would write a file named "-", not standard output', "omit --out to write to standard output"],
    ["weights --out -", (d) => weights(d, "--out", "-"), '--out - would write a file named "-", not standard output', 'e.g. --out out.csv (./- for a file named "-")'],
    ["weights --report -", (d) => weights(d, "--report", "-"), '--report - would write a file named "-"', "name a file, e.g. --report report.md"],
    ["fit --out -", (d) => runCli(["fit", "--data", "survey.csv", "--formula", "age ~ arm", "--out", "-"], { cwd: d }), '--out - would write a file named "-"', "omit --out to write to standard output"],
  ];
  it.each(cases)("%s", async (_name, command, message, hint) => {
    const dir = setup();
    const before = diskListing(dir);
    const r = await command(dir);
    expectCliError(r, 2, message, hint);
    expect(diskListing(dir)).toEqual(before);
  });

  it("weights that fail in the analysis write neither --out nor --report", async () => {
    const dir = setup();
    const before = diskListing(dir);
    const r = await weights(dir, "--covariates", "nosuch", "--out", "w.csv", "--report", "w.md");
    expect(r.code).toBe(2);
    expect(diskListing(dir)).toEqual(before);
  });
});

describe("score --out and weights --out/--report: where and how they write", () => {
  it("writes through a symbolic link to an existing file, leaving the link a link", async () => {
    const dir = setup();
    writeFileSync(join(dir, "scores-2024.csv"), "old\n");
    symlinkSync("scores-2024.csv", join(dir, "scores.csv"));
    expect((await score(dir, "--out", "scores.csv")).code).toBe(0);
    expect(diskListing(dir)["scores.csv"]).toBe("link -> scores-2024.csv");
    expect(readFileSync(join(dir, "scores-2024.csv"), "utf8")).toMatch(/^id,phq9_score,/);
  });

  it("replaces an existing file that is no input, keeping its permissions", async () => {
    const dir = setup();
    writeFileSync(join(dir, "scores.csv"), "old\n");
    chmodSync(join(dir, "scores.csv"), 0o600);
    expect((await score(dir, "--out", "scores.csv")).code).toBe(0);
    expect(readFileSync(join(dir, "scores.csv"), "utf8")).toMatch(/^id,phq9_score,/);
    expect(statSync(join(dir, "scores.csv")).mode & 0o777).toBe(0o600);
    expect(Object.keys(diskListing(dir)).filter((f) => f.includes(".trialstat-"))).toEqual([]);
  });

  it("removes the temporary files of a writer that was killed, and keeps those of one still running", async () => {
    const dir = setup();
    writeFileSync(join(dir, ".w.csv.trialstat-999999999.tmp"), "half a fi");
    writeFileSync(join(dir, ".w.csv.trialstat-999999999.previous"), "old\n");
    writeFileSync(join(dir, ".w.csv.trialstat-1.tmp"), "being written by process 1");
    expect((await weights(dir, "--out", "w.csv", "--report", "w.md")).code).toBe(0);
    expect(existsSync(join(dir, ".w.csv.trialstat-999999999.tmp"))).toBe(false);
    expect(existsSync(join(dir, ".w.csv.trialstat-999999999.previous"))).toBe(false);
    expect(existsSync(join(dir, ".w.csv.trialstat-1.tmp"))).toBe(true);
    expect(readFileSync(join(dir, "w.csv"), "utf8")).toMatch(/^id,arm,age,r,weight\n/);
    expect(readFileSync(join(dir, "w.md"), "utf8")).toMatch(/^# Non-response weights\n/);
  });

  it("lock writes SAP.lock through the same writer (a symbolic link to the lock is written through)", async () => {
    const dir = scratch({});
    mkdirSync(join(dir, "plan"));
    const sap = readFileSync(join(import.meta.dirname, "..", "sap", "mini", "sap.yaml"), "utf8");
    writeFileSync(join(dir, "plan", "sap.yaml"), sap);
    expect((await runCli(["lock", "plan/sap.yaml"], { cwd: dir })).code).toBe(0);
    renameSync(join(dir, "plan", "sap.yaml.lock"), join(dir, "registered.lock"));
    symlinkSync(join(dir, "registered.lock"), join(dir, "plan", "sap.yaml.lock"));
    writeFileSync(join(dir, "plan", "sap.yaml"), sap.replace("title: Mini trial", "title: Mini trial (amended)"));
    const r = await runCli(["lock", "--force", "plan/sap.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(diskListing(dir)["plan/sap.yaml.lock"]).toBe(`link -> ${join(dir, "registered.lock")}`);
    expect(JSON.parse(readFileSync(join(dir, "registered.lock"), "utf8")).sha256).toBe(createHash("sha256").update(readFileSync(join(dir, "plan", "sap.yaml"))).digest("hex"));
  });
});
