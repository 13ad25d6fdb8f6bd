import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IPS25_ITEMS, fidelityAgainstOutcomes, fidelityReviews, fidelityTable, parseCsv, serviceOutcomes, wilsonInterval } from "@trialstat/core";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

// Project 100 (McPin Foundation for Rethink Mental Illness, 2016): its fidelity table (Table 3)
// gives the 25 item scores of six reviews — PP, JCP West and JCP South at the start and the end —
// and the totals and percentages below, and then the totals without items 10 and 21 out of 115.
// examples/project-100/reviews.csv holds the item scores as printed (the report gives no dates:
// the file's are the project's first month and the month of its end). Every number expected here
// is printed in the report.
const PUBLISHED = {
  // "Totals - 83 (66%) 88 (70%) 60 (48%) 91 (73%) 66 (53%) 89 (71%)"
  totals: [83, 88, 60, 91, 66, 89],
  percents: [66, 70, 48, 73, 53, 71],
  // "PP 74/115 (64%) 86/115 (75%); JCP West 51/115 (44%) 86/115 (75%); JCP South 56/115 (49%) 86/115 (75%)"
  without10and21: [74, 86, 51, 86, 56, 86],
  percentsWithout: [64, 75, 44, 75, 49, 75],
};
const table = (file: string) => parseCsv(readFileSync(repoPath(`examples/project-100/${file}`), "utf8"), { source: file });

describe("Project 100's fidelity figures, reproduced from its item scores", () => {
  const reviews = fidelityReviews(table("reviews.csv"), { excludeItems: [10, 21] });
  const order = ["PP", "JCP West", "JCP South"];

  it("reads six reviews: each service at the start and the end", () => {
    expect(reviews.services).toEqual(order);
    expect(reviews.reviews.map((r) => r.service)).toEqual(["PP", "PP", "JCP West", "JCP West", "JCP South", "JCP South"]);
  });

  it("gives the published totals and percentages of 125", () => {
    expect(reviews.reviews.map((r) => r.total)).toEqual(PUBLISHED.totals);
    expect(reviews.reviews.map((r) => Math.round(r.percent))).toEqual(PUBLISHED.percents);
  });

  it("gives the published totals without items 10 and 21, out of 115", () => {
    expect(reviews.reviews.map((r) => r.recalculated!.total)).toEqual(PUBLISHED.without10and21);
    expect(reviews.reviews.map((r) => r.recalculated!.max)).toEqual([115, 115, 115, 115, 115, 115]);
    expect(reviews.reviews.map((r) => Math.round(r.recalculated!.percent))).toEqual(PUBLISHED.percentsWithout);
  });

  it("puts each review in the band the report describes", () => {
    // "neither of the JCP sites were operating a supported employment model. The PP model did achieve
    // a fair fidelity score"; "By the end of the project, all the sites were delivering employment
    // advice with 'fair' fidelity"
    expect(reviews.reviews.map((r) => `${r.service} ${r.band}`)).toEqual([
      "PP fair",
      "PP fair",
      "JCP West not supported employment",
      "JCP West fair",
      "JCP South not supported employment",
      "JCP South fair",
    ]);
  });

  it("lays the table out as the report does: items as rows, Start and End per service, totals as '83 (66%)'", () => {
    const t = fidelityTable(reviews);
    expect(t.columns.slice(2).map((c) => c.header.join(" "))).toEqual(["PP Start", "PP End", "JCP West Start", "JCP West End", "JCP South Start", "JCP South End"]);
    expect(t.rows.slice(0, 25).map((r) => r.cells[1].text)).toEqual(IPS25_ITEMS);
    expect(t.rows[25].cells.slice(2).map((c) => c.text)).toEqual(["83 (66%)", "88 (70%)", "60 (48%)", "91 (73%)", "66 (53%)", "89 (71%)"]);
    expect(t.rows[27].cells.slice(2).map((c) => c.text)).toEqual(["74/115 (64%)", "86/115 (75%)", "51/115 (44%)", "86/115 (75%)", "56/115 (49%)", "86/115 (75%)"]);
  });

  it("relates the end fidelity to the job outcomes of Table 1 (17.2% of the caseload; JCP South 20%)", () => {
    const outcomes = serviceOutcomes(table("outcomes.csv")).rows;
    const people = outcomes.reduce((s, o) => s + o.people, 0);
    const jobs = outcomes.reduce((s, o) => s + o.jobs, 0);
    expect([people, jobs, Number(((100 * jobs) / people).toFixed(1))]).toEqual([64, 11, 17.2]);
    const relation = fidelityAgainstOutcomes(reviews, outcomes);
    expect(relation.rows.map((r) => [r.service, r.total, r.rate])).toEqual([
      ["JCP West", 91, 4 / 22],
      ["JCP South", 89, 5 / 25],
      ["PP", 88, 2 / 17],
    ]);
    // ranks: fidelity PP 1, South 2, West 3; rates PP 1, West 2, South 3: Σd² = 2, ρ = 1 − 6·2/(3·8) = 0.5
    expect(relation.rho).toBe(0.5);
    expect(relation.rows[1].interval).toEqual({ level: 0.95, low: wilsonInterval(5, 25).lower, high: wilsonInterval(5, 25).upper });
  });

  it("prints the same from the command line", async () => {
    const run = await runCli(["fidelity", "--data", repoPath("examples/project-100/reviews.csv"), "--exclude-items", "10,21", "--outcomes", repoPath("examples/project-100/outcomes.csv")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Totals\s+83 \(66%\)\s+88 \(70%\)\s+60 \(48%\)\s+91 \(73%\)\s+66 \(53%\)\s+89 \(71%\)/);
    expect(run.stdout).toMatch(/Totals without items 10 and 21\s+74\/115 \(64%\)\s+86\/115 \(75%\)\s+51\/115 \(44%\)/);
    expect(run.stdout).toContain("ρ = 0.50");
  });
});
