import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskListing } from "../cli/disk-listing.js";
import { runCli } from "../cli/run-cli.js";
import { TrialstatError, runPlan } from "@trialstat/core";
import { errorOf } from "../helpers.js";
import { miniCopy } from "./mini-copy.js";
import { runSap } from "./run-sap.js";

describe("trialstat run", () => {
  it("writes results.json, flow.json and tables, byte-for-byte the same on a second run", async () => {
    const dir = miniCopy();
    const a = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out1`]);
    const b = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out2`]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("50 estimates written");
    expect(readdirSync(`${dir}/out1`).sort()).toEqual([".trialstat-manifest.json", "flow.json", "plots", "report.html", "results.csv", "results.json", "results.md", "tables"]);
    const files = readdirSync(`${dir}/out1`, { recursive: true, encoding: "utf8" }).filter((f) => /\.\w+$/.test(f)).sort();
    expect(files).toEqual(readdirSync(`${dir}/out2`, { recursive: true, encoding: "utf8" }).filter((f) => /\.\w+$/.test(f)).sort());
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) expect(readFileSync(`${dir}/out1/${f}`, "utf8"), f).toBe(readFileSync(`${dir}/out2/${f}`, "utf8"));
    expect(b.code).toBe(0);
    const results = JSON.parse(readFileSync(`${dir}/out1/results.json`, "utf8"));
    expect(results.sap.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results.inputs.map((i: { source: string }) => i.source)).toEqual(["baseline", "survey12", "hmrc", "profile", "withdrawals"]);
    expect(Object.keys(results.rows[0]).slice(0, 11)).toEqual(["population", "outcome", "role", "subgroup", "level", "estimate", "std_error", "statistic", "df", "p_value", "p_adjusted"]);
    const html = readFileSync(`${dir}/out1/report.html`, "utf8");
    expect(html).toContain(results.sap.sha256);
    expect(html).toContain('id="table-headline"');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" id="flow-diagram"');
    expect(html).toContain("None: the run followed the SAP");
    expect(html).not.toMatch(/<script|<link |src="http|url\(http/i);
    expect(results.labels.outcomes.employed13w).toBe("Employment");
    const flow = JSON.parse(readFileSync(`${dir}/out1/flow.json`, "utf8"));
    expect(flow.randomised).toEqual({ treated: 200, control: 200, total: 400 });
    expect(flow.erased.total).toBe(1);
    expect(flow.sources.survey12.wave.withdrawn_before_due.total).toBe(8);
    expect(flow.outcomes).toHaveLength(10);
  });

  it("leaves the output directory as it was when the run fails", async () => {
    const dir = miniCopy();
    expect((await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out`])).code).toBe(0);
    writeFileSync(`${dir}/out/keep.txt`, "my notes");
    const before = diskListing(`${dir}/out`);
    writeFileSync(`${dir}/sap.yaml`, readFileSync(`${dir}/sap.yaml`, "utf8").replace("subgroups: [gender, age_band]", "subgroups: [gender, age_band, site]"));
    const r = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out`]);
    expect(r.code).toBe(2); // site has one value in the SCR population
    expect(diskListing(`${dir}/out`)).toEqual(before);
  });
});

describe("row-level output and date bands", () => {
  it("writes the analysis frame only when the SAP asks, with a cohort cut at a date", async () => {
    const dir = miniCopy({
      sap: (t) =>
        t
          .replace("derive:\n", 'derive:\n  cohort: { recode: randomised_on, bands: [{ label: pre-2020, below: "2020-01-01" }, { label: 2020-on }] }\n')
          .replace("output:\n", "output:\n  row_level: true\n"),
    });
    const r = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out`]);
    expect(r.code).toBe(0);
    const frame = readFileSync(`${dir}/out/analysis-frame.csv`, "utf8").trim().split("\n");
    const header = frame[0].split(",");
    // every variable the models use, so that any model can be refitted from the file
    expect(header).toEqual(["key", "arm", "employed13w", "earnings12", "survey12.wellbeing", "months_employed12", "phq9_12", "age", "gender", "score0", "site", "age_band", "cohort", "nr12"]);
    const at = header.indexOf("cohort");
    const baseline = readFileSync(`${dir}/data/baseline.csv`, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const dateOf = new Map(baseline.map((b) => [b[0], b[1]]));
    for (const line of frame.slice(1)) {
      const cells = line.split(",");
      const [key, cohort] = [cells[0], cells[at]];
      expect(cohort).toBe(dateOf.get(key)! < "2020-01-01" ? "pre-2020" : "2020-on");
    }
    expect(frame.length - 1).toBe(399);
    // without row_level there is no participant-level file
    const plain = miniCopy();
    await runCli(["run", `${plain}/sap.yaml`, "--out", `${plain}/out`]);
    expect(existsSync(`${plain}/out/analysis-frame.csv`)).toBe(false);
  });
});

describe("trialstat lock and check (the CI gate)", () => {
  it("passes an unchanged plan, fails a changed SAP and changed data, with exit code 3", async () => {
    const dir = miniCopy();
    const sap = `${dir}/sap.yaml`;
    expect((await runCli(["lock", sap])).code).toBe(0);
    expect(JSON.parse(readFileSync(`${sap}.lock`, "utf8")).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await runCli(["run", sap, "--out", `${dir}/registered`])).code).toBe(0);
    const expected = `${dir}/registered/results.json`;

    const ok = await runCli(["check", sap, "--expected", expected]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("conforms");

    writeFileSync(sap, readFileSync(sap, "utf8").replace("title: Mini trial", "title: Mini trial (edited)"));
    const changed = await runCli(["check", sap, "--expected", expected]);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toMatch(/^deviation: SAP changed: .*sap.yaml no longer matches the version locked on/m);
    // registering the changed plan again needs --force, and is then a deviation of its own
    const refused = await runCli(["lock", sap]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("pass --force");
    expect((await runCli(["lock", sap, "--force"])).code).toBe(0);
    const lock = JSON.parse(readFileSync(`${sap}.lock`, "utf8"));
    expect(lock.history).toHaveLength(1);
    expect(lock.history[0].sha256).not.toBe(lock.sha256);
    const reRegistered = await runCli(["check", sap, "--expected", expected]);
    expect(reRegistered.code).toBe(3);
    expect(reRegistered.stdout.trim().split("\n")).toEqual([expect.stringMatching(/^deviation: SAP re-registered: .*sap.yaml was changed after it was locked on .* with --force$/)]);
    expect((await runCli(["run", sap, "--out", `${dir}/again`])).code).toBe(0);
    const results = JSON.parse(readFileSync(`${dir}/again/results.json`, "utf8"));
    expect(results.deviations).toEqual([expect.stringMatching(/^SAP re-registered: /)]);
    expect(readFileSync(`${dir}/again/report.html`, "utf8")).toContain("SAP re-registered: sap.yaml was changed after it was locked on");
    // locking the same plan again changes nothing
    const before = readFileSync(`${sap}.lock`, "utf8");
    const same = await runCli(["lock", sap]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("is already locked as it is");
    expect(readFileSync(`${sap}.lock`, "utf8")).toBe(before);

    const data = join(dir, "data/survey12.csv");
    writeFileSync(data, readFileSync(data, "utf8").replace(/(\n[0-9]{4},[0-9-]+,)([0-9.]+)/, (_m, a, v) => `${a}${Number(v) + 1}`));
    const drifted = await runCli(["check", sap, "--expected", expected]);
    expect(drifted.code).toBe(3);
    expect(drifted.stdout).toMatch(/deviation: scr \/ survey12.wellbeing \/ overall: estimate is .*, expected .* \(relative difference/);
  });

  it("reports declared analyses missing from a results file, and undeclared ones", async () => {
    const dir = miniCopy();
    const sap = `${dir}/sap.yaml`;
    await runCli(["lock", sap]);
    await runCli(["run", sap, "--out", `${dir}/out`]);
    const results = JSON.parse(readFileSync(`${dir}/out/results.json`, "utf8"));
    results.rows = results.rows.filter((r: { outcome: string; subgroup: string | null }) => !(r.outcome === "earnings12" && r.subgroup === null));
    results.rows.push({ ...results.rows[0], outcome: "made_up" });
    writeFileSync(`${dir}/edited.json`, JSON.stringify(results));
    const r = await runCli(["check", sap, "--results", `${dir}/edited.json`]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("deviation: missing analysis: scr / earnings12 / overall is declared in the SAP but not in the results");
    expect(r.stdout).toContain("deviation: undeclared analysis: scr / made_up / overall is in the results but not in the SAP");
    expect(existsSync(`${dir}/out/results.json`)).toBe(true);
  });

  it("writes the plan's title and check's deviations one line each, control characters visible, also off a terminal", async () => {
    const dir = miniCopy();
    const sap = `${dir}/sap.yaml`;
    writeFileSync(sap, readFileSync(sap, "utf8").replace("title: Mini trial", 'title: "Mini\\e[2J trial\\nconforms"'));
    const run = await runCli(["run", sap, "--out", `${dir}/out`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("Mini\\x1b[2J trial\\nconforms: primary outcomes, overall effects");
    const results = JSON.parse(readFileSync(`${dir}/out/results.json`, "utf8"));
    results.rows.push({ ...results.rows[0], outcome: "made\u001bup\nconforms" });
    writeFileSync(`${dir}/edited.json`, JSON.stringify(results));
    const check = await runCli(["check", sap, "--results", `${dir}/edited.json`]);
    expect(check.code).toBe(3);
    expect(check.stdout).toContain("deviation: undeclared analysis: scr / made\\x1bup\\nconforms / overall is in the results but not in the SAP\n");
    expect(check.stdout).not.toContain("\u001b");
  });

  it("takes a plan saved again with a byte-order mark or Windows line endings as the plan it locked", async () => {
    const dir = miniCopy();
    const sap = `${dir}/sap.yaml`;
    expect((await runCli(["lock", sap])).code).toBe(0);
    writeFileSync(sap, `\uFEFF${readFileSync(sap, "utf8").replace(/\n/g, "\r\n")}`);
    const r = await runCli(["check", sap]);
    expect(r.stdout).not.toContain("deviation");
    expect(r.code, r.stdout).toBe(0);
  });

  it("refuses a results file of another plan, of another source file, or of data changed since", async () => {
    const dir = miniCopy();
    const sap = `${dir}/sap.yaml`;
    const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12);
    await runCli(["lock", sap]);
    expect((await runCli(["run", sap, "--out", `${dir}/out`])).code).toBe(0);
    expect((await runCli(["check", sap, "--results", `${dir}/out/results.json`])).code).toBe(0);
    // another plan: the same analyses declared, over a copy of the survey extract
    const text = readFileSync(sap, "utf8");
    expect(text).toContain("data/survey12.csv");
    writeFileSync(`${dir}/other.yaml`, text.replace("title: Mini trial", "title: Another trial").replace("data/survey12.csv", "data/survey12-copy.csv"));
    writeFileSync(`${dir}/data/survey12-copy.csv`, readFileSync(`${dir}/data/survey12.csv`));
    expect((await runCli(["run", `${dir}/other.yaml`, "--out", `${dir}/other`])).code).toBe(0);
    const other = await runCli(["check", sap, "--results", `${dir}/other/results.json`]);
    expect(other.code).toBe(3);
    expect(other.stdout.trim().split("\n")).toEqual([
      `deviation: the results are of another plan: they record other.yaml, sha256 ${sha(`${dir}/other.yaml`)}…; this plan's is ${sha(sap)}…`,
      expect.stringMatching(/^deviation: the source survey12 was read from data\/survey12-copy\.csv for the results; the plan reads data\/survey12\.csv$/),
    ]);
    // this plan's results, of data changed since
    const survey = `${dir}/data/survey12.csv`;
    const before = sha(survey);
    writeFileSync(survey, `${readFileSync(survey, "utf8")}\n`);
    const stale = await runCli(["check", sap, "--results", `${dir}/out/results.json`]);
    expect(stale.code).toBe(3);
    expect(stale.stdout.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^deviation: the source survey12 \\(data/survey12\\.csv\\) has changed since the results were computed: sha256 ${before}… then, ${sha(survey)}… now$`))]);
  });

  it("prints the JSON Schema", async () => {
    const r = await runCli(["schema"]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("a subgroup that is also a covariate", () => {
  it("leaves participants missing it out of its subgroup model, even when the covariate has a (missing) category", async () => {
    // thirty participants' gender blanked: as a covariate (missing: indicator) they get a "(missing)"
    // category; as a subgroup they are left out of that model, and "(missing)" is no level
    const dir = miniCopy({
      sap: (t) => t.replace("within: [site, arm] }", "within: [site, arm], missing_covariates: indicator }"),
      files: { "data/baseline.csv": (t) => t.replace(/^(00[0-2]\d,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[FM]/gm, "$1") },
    });
    const run = runSap(join(dir, "sap.yaml"));
    const rows = run.results.rows.filter((r) => r.population === "all" && r.outcome === "employed13w");
    const overall = rows.find((r) => r.subgroup === null)!;
    const byGender = rows.filter((r) => r.subgroup === "gender");
    expect(byGender.map((r) => r.level)).toEqual(["F", "M"]);
    const inLevels = byGender.reduce((s, r) => s + (r.n_control as number) + (r.n_treated as number), 0);
    expect((overall.n_control as number) + (overall.n_treated as number) - inLevels).toBe(29); // 0001–0029 (0000 is no id)
  });
});

describe("timings", () => {
  it("runPlan returns the seconds of each step; --timings prints them to stderr and changes no output", async () => {
    const dir = miniCopy();
    const run = runSap(join(dir, "sap.yaml"));
    expect(Object.keys(run.timings)).toEqual(["check plan", "load", "link", "derive", "weights", "estimate", "multiplicity", "results"]);
    for (const s of Object.values(run.timings)) expect(s).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(run.results)).not.toContain("timings");
    const timed = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/timed`, "--timings"]);
    const plain = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/plain`]);
    expect(timed.code).toBe(0);
    expect(timed.stdout).toBe(plain.stdout.replace(`${dir}/plain`, `${dir}/timed`));
    expect(timed.stderr).toMatch(/^check plan +\d+\.\d{3} s\n(.*\n)*estimate +\d+\.\d{3} s\n(.*\n)*tables and report +\d+\.\d{3} s\nwrite +\d+\.\d{3} s\ntotal +\d+\.\d{3} s\n$/);
    expect(plain.stderr).toBe("");
    expect(readFileSync(`${dir}/timed/results.json`, "utf8")).toBe(readFileSync(`${dir}/plain/results.json`, "utf8"));
  });
});

describe("an estimation error says which model of the plan failed", () => {
  it("names the outcome, population and participant when HC2 meets a leverage of 1, with the plan's remedy", async () => {
    // one participant without a gender: as a covariate (missing: indicator) its "(missing)" category has one row
    const dir = miniCopy({
      sap: (t) => t.replace("covariates: [gender, score0], within", "covariates: [score0], within"),
      files: { "data/baseline.csv": (t) => t.replace(/^(0001,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[FM]/m, "$1") },
    });
    const e = errorOf<TrialstatError>(() => runSap(join(dir, "sap.yaml")));
    expect(e).toBeInstanceOf(TrialstatError);
    // located at the failed model's outcome in the plan (line 52: the first outcome), as validate lists it
    expect(e.location).toEqual({ file: "sap.yaml", line: 52, column: 5 });
    expect(e.message).toMatch(/^outcomes\[0\]: outcome employed13w, population \w+: HC2 standard errors are undefined: the observation at participant 0001 has leverage 1/);
    expect(e.hint).toContain("use HC1 (or HC0) standard errors (inference.se: HC1)");
  });
});
