import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { diskListing } from "./disk-listing.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

const header = `service,date,${Array.from({ length: 25 }, (_, k) => `ips25_${k + 1}`).join(",")}`;
const review = (service: string, date: string, ratings: (number | string)[]) => `${service},${date},${ratings.join(",")}`;
const fours = Array.from({ length: 25 }, () => 4);

describe("trialstat fidelity", () => {
  it("writes fidelity.json, fidelity.md and the tables to --out, and the same text to the terminal", async () => {
    const dir = scratch({});
    const r = await runCli(["fidelity", "--data", repoPath("examples/project-100/reviews.csv"), "--outcomes", repoPath("examples/project-100/outcomes.csv"), "--out", join(dir, "out")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(Object.keys(diskListing(join(dir, "out"))).filter((f) => !f.startsWith(".") && /\.[a-z]+$/.test(f)).sort()).toEqual([
      "fidelity.json",
      "fidelity.md",
      "tables/fidelity-change.csv",
      "tables/fidelity-outcomes.csv",
      "tables/fidelity.csv",
    ]);
    const json = JSON.parse(readFileSync(join(dir, "out", "fidelity.json"), "utf8"));
    expect(json.reviews.map((x: { total: number }) => x.total)).toEqual([83, 88, 60, 91, 66, 89]);
    expect(json.outcomes.rho).toBe(0.5);
    expect(readFileSync(join(dir, "out", "tables", "fidelity.csv"), "utf8").split("\n")[0]).toBe("Item,Fidelity item,PP Start,PP End,JCP West Start,JCP West End,JCP South Start,JCP South End");
  });

  it("labels one review Review and three Start, Review 2, End, and makes no change table without a second review", async () => {
    const dir = scratch({ "r.csv": [header, review("A", "2020-01-01", fours), review("B", "2020-01-01", fours), review("B", "2021-01-01", fours), review("B", "2022-01-01", fours), ""].join("\n") });
    const r = await runCli(["fidelity", "--data", "r.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/A Review\s+B Start\s+B Review 2\s+B End/);
    expect(r.stdout).toMatch(/Totals\s+100 \(80%\)/);
    expect(r.stdout).toMatch(/Band\s+good/);
    const single = scratch({ "r.csv": [header, review("A", "2020-01-01", fours), ""].join("\n") });
    expect((await runCli(["fidelity", "--data", "r.csv"], { cwd: single })).stdout).not.toContain("Change in fidelity");
  });

  it("refuses a rating outside 1-5, a missing one, a bad date and a repeated review, at the file's line and column", async () => {
    const bad = (ratings: (number | string)[], date = "2020-01-01", extra = "") => scratch({ "r.csv": [header, review("A", date, ratings), extra, ""].join("\n") });
    const six = [...fours];
    six[6] = 6;
    expectCliError(await runCli(["fidelity", "--data", "r.csv"], { cwd: bad(six) }), 2, 'r.csv:2:ips25_7: item 7 of A\'s review of 2020-01-01 is "6"; IPS-25 items are rated 1 to 5', "every item of a review needs a rating from 1 to 5");
    const gap: (number | string)[] = [...fours];
    gap[24] = "";
    expectCliError(await runCli(["fidelity", "--data", "r.csv"], { cwd: bad(gap) }), 2, "item 25 of A's review of 2020-01-01 is missing", "the IPS-25 allows none missing");
    expectCliError(await runCli(["fidelity", "--data", "r.csv"], { cwd: bad(fours, "2020-02-30") }), 2, 'r.csv:2:date: the review date "2020-02-30" is not a date', "YYYY-MM-DD");
    expectCliError(await runCli(["fidelity", "--data", "r.csv"], { cwd: bad(fours, "2020-01-01", review("A", "2020-01-01", fours)) }), 2, "A has two reviews dated 2020-01-01 (also line 2)", "one review per service and date");
    expectCliError(await runCli(["fidelity", "--data", "r.csv", "--exclude-items", "10,26"], { cwd: bad(fours) }), 2, "item 26 is not an item of the IPS-25", "exclude items 10 and 21");
    expectCliError(await runCli(["fidelity", "--data", "r.csv", "--exclude-items", "ten"], { cwd: bad(fours) }), 2, '--exclude-items takes whole numbers separated by commas, got "ten"', "--exclude-items 10,21");
  });
});

describe("trialstat monitor", () => {
  it("prints rates against the benchmarks named by source, and writes tables and a funnel plot per period", async () => {
    const dir = scratch({});
    const r = await runCli(["monitor", "--data", repoPath("examples/monitoring/outcomes.csv"), "--out", join(dir, "out")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("Target: IPS 55% — IPS commissioning guidance, para. 25a");
    expect(r.stdout).toContain("Comparison: usual support 25% — IPS commissioning guidance, para. 25a");
    expect(r.stdout).toContain("around 40 clients per year");
    expect(r.stdout).toMatch(/Fernhill\s+244\s+150\s+61\.5\s+\[55\.2, 67\.4\]\s+above\s+above\s+above 95%/);
    const files = Object.keys(diskListing(join(dir, "out"))).filter((f) => !f.startsWith(".") && /\.[a-z]+$/.test(f)).sort();
    expect(files).toEqual([
      "monitoring.json",
      "monitoring.md",
      "plots/funnel-job-outcome-rates-2022-23.svg",
      "plots/funnel-job-outcome-rates-2023-24.svg",
      "plots/funnel-job-outcome-rates-all-periods.svg",
      "tables/job-outcomes.csv",
    ]);
    const svg = readFileSync(join(dir, "out", "plots", "funnel-job-outcome-rates-all-periods.svg"), "utf8");
    expect(svg).toMatch(/role="img" aria-labelledby="funnel-job-outcome-rates-all-periods-title funnel-job-outcome-rates-all-periods-desc"/);
    expect(svg).toContain("Outside the 95% limits: Castlegate (below 99.8%), Eastwick (below 99.8%), Fernhill (above 95%), Greyfriars (below 99.8%), Juniper (below 95%).");
    expect((svg.match(/<circle class="service"/g) ?? []).length).toBe(10);
    // the same bytes on a second run
    const again = await runCli(["monitor", "--data", repoPath("examples/monitoring/outcomes.csv"), "--out", join(dir, "out")]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "out", "plots", "funnel-job-outcome-rates-all-periods.svg"), "utf8")).toBe(svg);
  });

  it("takes other benchmarks, a caseload limit pro rata for quarters, and no comparison", async () => {
    const r = await runCli(["monitor", "--data", repoPath("examples/monitoring/outcomes.csv"), "--target", "40%", "--target-label", "contract", "--no-comparison", "--caseload-limit", "60", "--period-months", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("vs contract (40%)");
    expect(r.stdout).not.toContain("usual support");
    expect(r.stdout).toContain("Caseload limit (15.0)");
    expect(r.stdout).toContain("against 15.0 — 60 clients a year, pro rata for 3-month periods");
  });

  it("suggests what a bad flag most likely meant, or the flag's default", async () => {
    const dir = scratch({ "o.csv": "service,period,people,jobs\nA,2023,10,3\n" });
    const refused = async (flag: string, value: string) => (await runCli(["monitor", "--data", "o.csv", flag, value], { cwd: dir })).stderr;
    expect(await refused("--level", "95")).toBe('error: --level must be a rate between 0 and 1 (or a percentage), got "95"\nhint: did you mean --level 0.95 or --level 95%?\n');
    expect(await refused("--level", "100%")).toContain("hint: e.g. --level 0.95 or --level 95%\n");
    expect(await refused("--comparison", "abc")).toContain("hint: e.g. --comparison 0.25 or --comparison 25%\n");
    expect(await refused("--period-months", "0")).toBe('error: --period-months must be a number above 0, got "0"\nhint: e.g. --period-months 12\n');
    expect(await refused("--caseload-limit", "-1")).toContain("hint: e.g. --caseload-limit 40\n");
  });

  it("says how to give a count that is not whole", async () => {
    const dir = scratch({ "o.csv": "service,period,people,jobs\nA,2023,10.5,3\n" });
    expect((await runCli(["monitor", "--data", "o.csv"], { cwd: dir })).stderr).toBe(
      'error: o.csv:2:people: the number of people supported is "10.5"; it must be a whole number\nhint: give the number of people supported for A in 2023 as a count of people: 0, 1, 2, …\n',
    );
  });

  it("refuses jobs above people, a repeated service-period, a bad rate, and never overwrites its input", async () => {
    const dir = scratch({ "o.csv": "service,period,people,jobs\nA,2020,10,11\n", "twice.csv": "service,period,people,jobs\nA,2020,10,1\nA,2020,12,2\n" });
    expectCliError(await runCli(["monitor", "--data", "o.csv"], { cwd: dir }), 2, "o.csv:2:jobs: 11 people started a job, more than the 10 supported", "at most the people supported");
    expectCliError(await runCli(["monitor", "--data", "twice.csv"], { cwd: dir }), 2, "twice.csv:3:service: A is listed twice for 2020 (also line 2)", "one row per service and period");
    // a number from 1 to 100 is most likely a percentage without its %: 1.5 is 1.5%
    expectCliError(await runCli(["monitor", "--data", "twice.csv", "--target", "1.5"], { cwd: dir }), 2, '--target must be a rate between 0 and 1 (or a percentage), got "1.5"', "hint: did you mean --target 0.015 or --target 1.5%?\n");
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "notes.txt"), "mine");
    const refused = await runCli(["monitor", "--data", "twice.csv", "--out", "."], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(readFileSync(join(dir, "twice.csv"), "utf8")).toContain("A,2020,12,2");
  });
});
