import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli/run-cli.js";
import { repoPath } from "../../test/helpers.js";
import { generate } from "./generate.mjs";

// The pilot's published figures (The Work Foundation 2015, Tables 1–7), typed in here rather than
// taken from the generator, so that the test checks the example's data against the report.
const PILOT = {
  referrals: [253, 18, 58, 84, 413],
  declinedIps: [52, 6, 14, 7, 79],
  declinedBoth: [73, 8, 1, 12, 94],
  participants: [128, 4, 43, 65, 240],
  evaluated: [93, 3, 5, 65, 166],
  ipsUsers: [67, 2, 2, 54, 125],
  // Table 3's total says 434; its sites add up to 432
  appointments: [174, 11, 12, 235, 432],
  applicants: [15, 2, 1, 25, 43],
  applications: [33, 2, 1, 147, 183],
  interviewees: [7, 0, 1, 15, 23],
  interviews: [9, 0, 1, 29, 39],
  employed: [6, 0, 0, 9, 15],
  jobOutcomes: [6, 0, 0, 10, 16],
};

describe("the IPS-in-IAPT example (examples/ips-in-iapt), run as its README runs it", () => {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-ips-"));
  let run: Awaited<ReturnType<typeof runCli>>;
  const table = (name: string) =>
    readFileSync(join(dir, "out", "tables", `${name}.csv`), "utf8")
      .split("\n\n")[0]
      .trim()
      .split("\n")
      .map((l) => l.split(","));
  // tables/*.csv are tidy: a section's label is the first column of each of its rows
  const column = (rows: string[][], header: string, section?: string) => {
    const at = rows[0].indexOf(header);
    const body = rows.slice(1).filter((r) => section === undefined || r[0] === section);
    return body.slice(0, 5).map((r) => Number(r[at]));
  };

  beforeAll(async () => {
    run = await runCli(["run", repoPath("examples/ips-in-iapt/sap.yaml"), "--out", join(dir, "out")]);
  });

  it("keeps the committed data the generator makes (same seed, same bytes)", () => {
    for (const [name, text] of Object.entries(generate().files)) expect(readFileSync(repoPath(`examples/ips-in-iapt/data/${name}`), "utf8"), name).toBe(text);
  });

  it("runs, printing the flow and the change in every measure", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("single-arm evaluation");
    expect(run.stdout).toMatch(/Job search self-efficacy \(JSSE\)\s+125\s+43\s+63\s+0\s+19\s+24\.00 \(13–44\)\s+31\.00 \(15–45\)\s+7\.00/);
  });

  it("has the pilot's Tables 1 and 2 by site", () => {
    const flow = table("flow-by-site");
    expect(flow.map((r) => r[0])).toEqual(["Site", "Site A", "Site B", "Site C", "Site D", "Total"]);
    expect(column(flow, "Total referrals")).toEqual(PILOT.referrals);
    expect(column(flow, "Declined IPS")).toEqual(PILOT.declinedIps);
    expect(column(flow, "Declined IPS and IAPT")).toEqual(PILOT.declinedBoth);
    expect(column(flow, "Total participants")).toEqual(PILOT.participants);
    expect(column(flow, "Participants in the evaluation")).toEqual(PILOT.evaluated);
    expect(column(flow, "IPS service users")).toEqual(PILOT.ipsUsers);
  });

  it("has the pilot's Tables 3 to 5 by site", () => {
    const counts = table("counts-ips-users");
    expect(column(counts, "People", "Paid job outcomes")).toEqual(PILOT.ipsUsers);
    expect(column(counts, "Total", "IPS appointments")).toEqual(PILOT.appointments);
    expect(column(counts, "With at least one", "Job applications")).toEqual(PILOT.applicants);
    expect(column(counts, "Total", "Job applications")).toEqual(PILOT.applications);
    expect(column(counts, "With at least one", "Job interviews")).toEqual(PILOT.interviewees);
    expect(column(counts, "Total", "Job interviews")).toEqual(PILOT.interviews);
    expect(column(counts, "With at least one", "Paid job outcomes")).toEqual(PILOT.employed);
    expect(column(counts, "Total", "Paid job outcomes")).toEqual(PILOT.jobOutcomes);
    expect(column(table("rates-ips-users"), "With the outcome")).toEqual(PILOT.employed);
  });

  it("has the pilot's Tables 6 and 7: the completers' means at start and end", () => {
    const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    const total = (measure: string) => results.single_arm.changes.find((r: { measure: string; site: string | null }) => r.measure === measure && r.site === null);
    const jsse = total("jsse");
    expect([jsse.both, jsse.start.mean, jsse.start.min, jsse.start.max, jsse.end.mean, jsse.end.min, jsse.end.max]).toEqual([43, 24, 13, 44, 31, 15, 45]);
    for (const [measure, start, end] of [["gad7", 15, 11.7], ["phq9", 18.2, 14.9]] as const) {
      const r = total(measure);
      expect(r.both).toBe(10);
      expect(r.start.mean).toBeCloseTo(start, 12);
      expect(r.end.mean).toBeCloseTo(end, 12);
      expect(r.change.mean).toBeCloseTo(-3.3, 12);
    }
    // nobody has WHO-5 at the end: everyone is counted as start only or neither, and no test is made
    const who5 = total("who5");
    expect([who5.both, who5.start_only + who5.neither, who5.t, who5.wilcoxon]).toEqual([0, 166, null, null]);
  });
});
