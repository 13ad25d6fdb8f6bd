import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch, spawnCli } from "./run-cli.js";

/** `--data -` reads standard input, as Unix tools do, in any format trialstat reads. */
describe("--data - reads standard input", () => {
  const trial = "examples/fit/trial.csv";
  const fit = ["fit", "--formula", "swemwbs12 ~ treat + swemwbs0 + site", "--format", "json"];

  it("fit gives the same output from standard input as from the file", async () => {
    const fromFile = await runCli([...fit, "--data", trial]);
    expect(fromFile.code).toBe(0);
    expect(await runCli([...fit, "--data", "-"], { stdin: readFileSync(repoPath(trial)) })).toEqual(fromFile);
  });

  it("recognises every binary format by its bytes: .csv.gz, .dta, .sav, .parquet, .arrow and .xlsx piped in fit as the files do", async () => {
    for (const file of ["trial.csv.gz", "trial.dta", "trial.sav", "trial.parquet", "trial.arrow", "trial.xlsx"]) {
      const path = `test/readers/fixtures/${file}`;
      const fromFile = await runCli([...fit, "--data", path]);
      expect(fromFile.code, file).toBe(0);
      expect(await runCli([...fit, "--data", "-"], { stdin: readFileSync(repoPath(path)) }), file).toEqual(fromFile);
    }
  });

  it("score and weights read standard input too, and an --out beside it is written", async () => {
    const phq = ["score", "--instrument", "phq9", "--missing-codes", "-9"];
    const scored = await runCli([...phq, "--data", "examples/score/phq9.csv"]);
    expect(scored.code).toBe(0);
    expect(await runCli([...phq, "--data", "-"], { stdin: readFileSync(repoPath("examples/score/phq9.csv")) })).toEqual(scored);

    const weights = ["weights", "--response", "responded12", "--eligible", "eligible12", "--covariates", "age,female", "--within", "group,arm", "--missing-covariates", "indicator"];
    const dir = scratch({});
    const survey = readFileSync(repoPath("examples/weights/survey12.csv"));
    const fromFile = await runCli([...weights, "--data", repoPath("examples/weights/survey12.csv"), "--out", "a.csv"], { cwd: dir });
    const piped = await runCli([...weights, "--data", "-", "--out", "b.csv"], { cwd: dir, stdin: survey });
    expect(fromFile.code).toBe(0);
    expect(piped).toEqual(fromFile);
    expect(readFileSync(join(dir, "b.csv"), "utf8")).toBe(readFileSync(join(dir, "a.csv"), "utf8"));
  });

  it("never replaces the file standard input is redirected from (score --data - --out phq9.csv < phq9.csv)", async () => {
    const dir = scratch({ "phq9.csv": readFileSync(repoPath("examples/score/phq9.csv"), "utf8"), "survey.csv": readFileSync(repoPath("examples/weights/survey12.csv"), "utf8") });
    const answers = readFileSync(join(dir, "phq9.csv"), "utf8");
    // what the binary passes for `< file`: the file's device and inode (index.ts, from fstat of fd 0)
    const redirected = (file: string) => {
      const { dev, ino } = statSync(join(dir, file));
      return { io: { stdin: { read: async () => readFileSync(join(dir, file)), isTTY: false, file: { dev, ino } } }, cwd: dir };
    };
    const score = await runCli(["score", "--instrument", "phq9", "--missing-codes", "-9", "--data", "-", "--out", "phq9.csv"], redirected("phq9.csv"));
    expectCliError(score, 2, "--out phq9.csv is the file on standard input (--data -)", "never replaces a file it reads");
    expect(readFileSync(join(dir, "phq9.csv"), "utf8")).toBe(answers);
    const weights = ["weights", "--response", "responded12", "--eligible", "eligible12", "--covariates", "age,female", "--within", "group,arm", "--missing-covariates", "indicator", "--data", "-"];
    expectCliError(await runCli([...weights, "--out", "survey.csv"], redirected("survey.csv")), 2, "--out survey.csv is the file on standard input", "never replaces");
    expectCliError(await runCli([...weights, "--out", "w.csv", "--report", "survey.csv"], redirected("survey.csv")), 2, "--report survey.csv is the file on standard input", "never replaces");
    expect(existsSync(join(dir, "w.csv"))).toBe(false);
    // another file is written as usual
    expect((await runCli(["score", "--instrument", "phq9", "--missing-codes", "-9", "--data", "-", "--out", "scores.csv"], redirected("phq9.csv"))).code).toBe(0);
  });

  it("the binary knows the file behind a redirected standard input (a spawned smoke test)", () => {
    const dir = scratch({ "phq9.csv": readFileSync(repoPath("examples/score/phq9.csv"), "utf8") });
    const fd = openSync(join(dir, "phq9.csv"), "r");
    try {
      const r = spawnSync(process.execPath, [repoPath("packages/cli/dist/index.js"), "score", "--instrument", "phq9", "--data", "-", "--out", "phq9.csv"], { cwd: dir, stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("--out phq9.csv is the file on standard input");
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, "phq9.csv"), "utf8")).toBe(readFileSync(repoPath("examples/score/phq9.csv"), "utf8"));
    // standard input from a pipe, named as the output: a located refusal, not an internal error
    const piped = spawnSync(process.execPath, [repoPath("packages/cli/dist/index.js"), "score", "--instrument", "phq9", "--data", "-", "--out", "/dev/stdin"], {
      cwd: dir,
      input: readFileSync(join(dir, "phq9.csv")),
      encoding: "utf8",
    });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^error: --out \/dev\/stdin (is the file on standard input|leads to .*, which is not a file trialstat can write)/);
  });

  it("names standard input <stdin> in messages, with the line", async () => {
    const r = await runCli(["fit", "--data", "-", "--formula", "y ~ x"], { stdin: "y,x\n1,2\n3,oops\n4,5\n" });
    expectCliError(r, 2, "<stdin>:3", "");
    const empty = await runCli(["fit", "--data", "-", "--formula", "y ~ x"], { stdin: "" });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^error: <stdin>/);
    const bytes = await runCli(["fit", "--data", "-", "--formula", "y ~ x"], { stdin: new Uint8Array([0x79, 0x2c, 0x78, 0x0a, 0xe9, 0x2c, 0x31, 0x0a]) });
    expectCliError(bytes, 2, "<stdin>:1: not valid UTF-8", "UTF-8");
    const column = await runCli(["weights", "--data", "-", "--response", "r"], { stdin: "id,r,weight\n1,1,2\n2,0,1\n" });
    expectCliError(column, 2, "<stdin> already has a column named weight", "--weight-column");
  });

  it("refuses a terminal (nobody types a CSV file) and --sheet for CSV, rather than wait or ignore it", async () => {
    const tty = await runCli(["fit", "--data", "-", "--formula", "y ~ x"], { io: { stdin: { read: async () => new Uint8Array(), isTTY: true } } });
    expectCliError(tty, 2, "--data - reads the data from standard input, which is the terminal", "pipe the data in");
    const none = await runCli(["fit", "--data", "-", "--formula", "y ~ x"]);
    expectCliError(none, 2, "standard input", "file name");
    const sheet = await runCli(["fit", "--data", "-", "--sheet", "Wave 1", "--formula", "y ~ x"], { stdin: "y,x\n1,2\n" });
    expectCliError(sheet, 2, "--sheet Wave 1 was given, but this file is not a spreadsheet", ".xlsx files only");
    const xlsx = await runCli([...fit, "--data", "-", "--sheet", "Baseline"], { stdin: readFileSync(repoPath("test/readers/fixtures/exceljs.xlsx")) });
    expect(xlsx.stderr).not.toContain("not a spreadsheet");
  });

  it("a file named - is read by its path (./-), as with other tools", async () => {
    const dir = scratch({});
    writeFileSync(join(dir, "-"), readFileSync(repoPath(trial)));
    const r = await runCli([...fit, "--data", "./-"], { cwd: dir });
    expect(r).toEqual(await runCli([...fit, "--data", trial]));
  });

  it("the binary reads its own standard input: a pipe into trialstat fit --data -", () => {
    const piped = spawnCli([...fit, "--data", "-"], { input: readFileSync(repoPath(trial)) });
    expect(piped.code).toBe(0);
    expect(piped).toEqual(spawnCli([...fit, "--data", trial]));
  });
});
