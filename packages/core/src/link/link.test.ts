import { describe, expect, it } from "vitest";
import { parseDate } from "../data/dates.js";
import type { Sap, SourceSpec } from "../sap/types.js";
import { linkSources } from "./link.js";
import { type LoadedSource, loadSource } from "./load-source.js";

/**
 * Linkage on small extracts written here: four participants randomised on 2020-01-01 (P1, P3
 * treated; P2, P4 control) unless a test says otherwise. Every expected count is read off the
 * extracts by hand.
 */
const BASELINE = "id,arm,randomised_on\nP1,T,2020-01-01\nP2,C,2020-01-01\nP3,T,2020-01-01\nP4,C,2020-01-01\n";

function plan(sources: Record<string, SourceSpec & { text: string }>, linkage: Partial<Sap["linkage"]> = {}): { sap: Sap; loaded: Map<string, LoadedSource> } {
  const all = { baseline: { file: "baseline.csv", key: "id", text: BASELINE }, ...sources };
  const specs = Object.fromEntries(Object.entries(all).map(([name, { text: _text, ...spec }]) => [name, spec]));
  const sap: Sap = {
    trialstat: 1,
    title: "link",
    registration: { id: "X", sap_version: "1", date: "2024-01-01" },
    sources: specs,
    linkage: { randomised: "baseline", randomisation_date: "randomised_on", ...linkage },
    treatment: { column: "arm", treated: "T", control: "C" },
    populations: { all: {} },
    outcomes: [{ name: "y", role: "primary", type: "continuous", report: "raw" }],
  };
  const loaded = new Map<string, LoadedSource>();
  for (const [name, { text }] of Object.entries(all)) {
    const { source, problems } = loadSource(name, specs[name], text, specs[name].file);
    expect(problems).toEqual([]);
    loaded.set(name, source!);
  }
  return { sap, loaded };
}

function link(sources: Record<string, SourceSpec & { text: string }>, linkage: Partial<Sap["linkage"]> = {}) {
  const { sap, loaded } = plan(sources, linkage);
  return linkSources(sap, loaded);
}

function linked(sources: Record<string, SourceSpec & { text: string }>, linkage: Partial<Sap["linkage"]> = {}) {
  const result = link(sources, linkage);
  expect(result.problems).toEqual([]);
  return result.linked!;
}

const day = (s: string) => parseDate(s)!;

describe("the randomised participants", () => {
  it("are the randomised source's rows, in its order, with arm and date", () => {
    const l = linked({});
    expect(l.keys).toEqual(["P1", "P2", "P3", "P4"]);
    expect(Array.from(l.arm)).toEqual([1, 0, 1, 0]);
    expect(Array.from(l.randomisedOn)).toEqual([day("2020-01-01"), day("2020-01-01"), day("2020-01-01"), day("2020-01-01")]);
    expect(l.flow.randomised).toEqual({ treated: 2, control: 2, total: 4 });
  });

  it("reports a key randomised twice, an arm that is neither value and a missing date, each located", () => {
    const { sap, loaded } = plan({});
    const R = loadSource("baseline", sap.sources.baseline, "id,arm,randomised_on\nP1,T,2020-01-01\nP1,C,2020-01-02\nP2,X,2020-01-01\nP3,C,\n", "baseline.csv").source!;
    loaded.set("baseline", R);
    const problems = linkSources(sap, loaded).problems;
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, "id", "participant P1 is randomised twice (also line 2)"],
      [4, "arm", 'arm "X" is neither the treated value (T) nor the control value (C)'],
      [5, "randomised_on", "the randomisation date is missing"],
    ]);
  });
});

describe("erasures", () => {
  const withdrawals = { file: "w.csv", key: "id", text: "id,erased,withdrawn_on\nP2,yes,\nP9,yes,\nP3,no,2020-03-01\n" };

  it("remove the participant from every source, counted by arm; a key never randomised erases nobody", () => {
    const l = linked(
      { withdrawals, survey: { file: "s.csv", key: "id", text: "id,x\nP1,1\nP2,2\n" } },
      { erasure: { source: "withdrawals", column: "erased", value: "yes" } },
    );
    expect(l.keys).toEqual(["P1", "P3", "P4"]);
    expect(l.flow.erased).toEqual({ treated: 0, control: 1, total: 1 });
    expect(l.flow.retained).toEqual({ treated: 2, control: 1, total: 3 });
    expect(l.flow.sources.survey.records_erased).toBe(1);
    expect(l.flow.sources.survey.linked).toEqual({ treated: 1, control: 0, total: 1 });
  });

  it("need their column", () => {
    const r = link({ withdrawals }, { erasure: { source: "withdrawals", column: "gone", value: "yes" } });
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([["linkage.erasure.column", 'no column "gone" in w.csv']]);
  });
});

describe("withdrawals", () => {
  const withdrawals = { file: "w.csv", key: "id", text: "id,withdrawn_on\nP3,2020-03-01\nP4,2021-06-01\n" };

  it("take each participant's earliest date and keep them in the analysis", () => {
    const twice = { ...withdrawals, duplicates: { keep: "last" as const }, text: "id,withdrawn_on\nP3,2020-05-01\nP3,2020-03-01\nP4,2021-06-01\n" };
    const l = linked({ withdrawals: twice }, { withdrawal: { source: "withdrawals", date: "withdrawn_on" } });
    expect(Array.from(l.withdrawnOn)).toEqual([NaN, NaN, day("2020-03-01"), day("2021-06-01")]);
    expect(l.flow.withdrawn).toEqual({ treated: 1, control: 1, total: 2 });
    expect(l.flow.retained.total).toBe(4);
  });

  it("drop administrative records dated on or after the withdrawal, counted", () => {
    const admin = { file: "a.csv", key: "id", shape: "long" as const, text: "id,day,pay\nP3,2020-02-28,1\nP3,2020-03-01,2\nP3,2020-04-01,3\nP1,2020-04-01,4\n" };
    const { sap, loaded } = plan({ withdrawals, admin }, { withdrawal: { source: "withdrawals", date: "withdrawn_on" } });
    sap.derive = { pay: { from: "admin", date: "day", window: { months: 12 }, sum: "pay" } };
    const l = linkSources(sap, loaded).linked!;
    expect(l.flow.sources.admin.records_after_withdrawal).toBe(2);
    const admin3 = l.long.get("admin")!;
    expect(Array.from(admin3.rows.subarray(admin3.offsets[2], admin3.offsets[3]))).toEqual([0]);
  });

  it("before a survey wave fell due: not expected, and a record they left is not used", () => {
    const survey = { file: "s.csv", key: "id", wave: { months: 12 }, text: "id,x\nP1,1\nP3,3\nP4,4\n" };
    const l = linked({ withdrawals, survey }, { withdrawal: { source: "withdrawals", date: "withdrawn_on" } });
    const wave = l.waves.get("survey")!;
    // P3 withdrew at 2 months (before the 12-month wave), P4 at 17 months (after it)
    expect(Array.from(wave.eligible)).toEqual([1, 1, 0, 1]);
    expect(Array.from(wave.responded)).toEqual([1, 0, 0, 1]);
    expect(Array.from(l.wide.get("survey")!)).toEqual([0, -1, -1, 2]);
    expect(l.flow.sources.survey.records_after_withdrawal).toBe(1);
    expect(l.flow.sources.survey.wave).toEqual({
      due_months: 12,
      eligible: { treated: 1, control: 2, total: 3 },
      withdrawn_before_due: { treated: 1, control: 0, total: 1 },
      responded: { treated: 1, control: 1, total: 2 },
      response_rate: { treated: 1, control: 0.5, total: 2 / 3 },
    });
  });
});

describe("duplicate keys in a wide source", () => {
  const text = "id,interviewed,x\nP1,2020-06-01,a\nP1,2020-05-01,b\nP1,,c\nP2,2020-01-01,d\n";
  const columns = { interviewed: { type: "date" as const } };

  it("are a problem unless the plan says which record to keep, naming the participant's lines", () => {
    const r = link({ survey: { file: "s.csv", key: "id", columns, text } });
    expect(r.problems.map((p) => [p.file, p.line, p.message])).toEqual([["s.csv", 3, "participant P1 has 3 records (lines 2, 3, 4)"]]);
  });

  it.each([
    ["first", undefined, 0],
    ["last", undefined, 2],
    ["first", "interviewed", 2], // the missing date sorts first
    ["last", "interviewed", 0],
  ] as const)("keep %s by %s keeps row %i, counting the others", (keep, by, row) => {
    const l = linked({ survey: { file: "s.csv", key: "id", columns, duplicates: by ? { keep, by } : { keep }, text } });
    expect(l.wide.get("survey")![0]).toBe(row);
    expect(l.flow.sources.survey.duplicates_resolved).toBe(2);
  });
});

describe("records whose key was never randomised", () => {
  const survey = { file: "s.csv", key: "id", text: "id,x\nP1,1\nP7,2\nP8,3\n" };

  it("stop the run by default, located at the first", () => {
    const r = link({ survey });
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.message])).toEqual([["s.csv", 3, "id", '2 records with a key that is not randomised (first: "P7")']]);
  });

  it("are dropped and counted with unmatched_records: drop", () => {
    const l = linked({ survey }, { unmatched_records: "drop" });
    expect(l.flow.sources.survey.records_unmatched).toBe(2);
    expect(l.flow.sources.survey.linked.total).toBe(1);
  });

  it("are expected in the withdrawal source (it may list people never randomised)", () => {
    const withdrawals = { file: "w.csv", key: "id", text: "id,withdrawn_on\nP9,2020-03-01\n" };
    expect(linked({ withdrawals }, { withdrawal: { source: "withdrawals", date: "withdrawn_on" } }).flow.sources.withdrawals.records_unmatched).toBe(1);
  });
});

describe("a survey wave's response indicator", () => {
  const survey = (answers: string) => ({ file: "s.csv", key: "id", wave: { months: 12 }, responded: "took_part", text: `id,took_part,x\n${answers}` });

  it("makes a row that says no a non-respondent, exactly as if the row were absent", () => {
    const l = linked({ survey: survey("P1,yes,1\nP2,0,2\nP3,No,3\n") });
    const wave = l.waves.get("survey")!;
    expect(Array.from(wave.eligible)).toEqual([1, 1, 1, 1]);
    expect(Array.from(wave.responded)).toEqual([1, 0, 0, 0]);
    expect(Array.from(l.wide.get("survey")!)).toEqual([0, -1, -1, -1]);
    expect(l.flow.sources.survey.linked).toEqual({ treated: 1, control: 0, total: 1 });
    expect(l.flow.sources.survey.wave!.said_not_responded).toEqual({ treated: 1, control: 1, total: 2 });
    expect(l.flow.sources.survey.wave!.response_rate).toEqual({ treated: 0.5, control: 0, total: 0.25 });
  });

  it("gives the same response as presence of a row when every row says yes", () => {
    const withIndicator = linked({ survey: survey("P1,1,1\nP3,true,3\n") });
    const withoutIndicator = linked({ survey: { file: "s.csv", key: "id", wave: { months: 12 }, text: "id,x\nP1,1\nP3,3\n" } });
    expect(withIndicator.waves).toEqual(withoutIndicator.waves);
    expect(withIndicator.wide).toEqual(withoutIndicator.wide);
  });

  it("must say yes or no for everyone it expected", () => {
    const r = link({ survey: survey("P1,yes,1\nP2,,2\nP3,maybe,3\n") });
    expect(r.problems.map((p) => [p.line, p.column, p.message])).toEqual([[3, "took_part", "the response indicator took_part is missing; it must be 0/1, yes/no or true/false"]]);
  });

  it("must be a column of the wave", () => {
    const r = link({ survey: { ...survey("P1,yes,1\n"), responded: "answered" } });
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([["sources.survey.responded", 'the response indicator "answered" is not in s.csv']]);
  });
});
