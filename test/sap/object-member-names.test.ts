import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { planCopy } from "./mini-copy.js";

/**
 * Names a plan gives are the user's words, and some are also members of every JavaScript object:
 * an outcome, population, subgroup or covariate called `constructor`, `hasOwnProperty`, `toString`
 * or `__proto__` is an ordinary name (README, "columns named __proto__ or constructor are ordinary
 * columns"). Each plan here is run twice through the CLI on the bad-input base trial — once with
 * those names, once with plain ones — and must give the same results, name for name: a lookup that
 * found Object.prototype's member instead of "no entry" crashed the report (`own.join is not a
 * function`) or changed what was analysed.
 */
const MEMBER_NAMES = ["constructor", "hasOwnProperty", "toString", "__proto__"] as const;
const PLAIN_NAMES = ["plain_one", "plain_two", "plain_three", "plain_four"] as const;
// populations are named by the plan (a letter first), so __proto__ cannot be one
const POPULATION_MEMBER_NAMES = MEMBER_NAMES.slice(0, 3);

type Role = "outcome" | "population" | "subgroup" | "covariate";

/** Adds four columns to the base trial's baseline.csv, named `names`: numbers for outcomes and covariates, two-level codes for subgroups. */
function withColumns(names: readonly string[], role: Role) {
  return (text: string) => {
    const [header, ...rows] = text.trimEnd().split("\n");
    const lines = rows.map((row, i) => {
      const cells = row.split(",");
      const x1 = Number(cells[6]);
      // numbers: x1 plus a different deterministic scatter per column; the subgroups' codes leave one row in ten without a value, so that the flow counts them
      const added = role === "subgroup" ? names.map((_, k) => (i % 10 === k ? "" : (i + k) % 3 === 0 ? "L" : "H")) : names.map((_, k) => (x1 + (((i + 1) * (7 + 2 * k)) % 11) / 5).toFixed(3));
      return [...cells, ...added].join(",");
    });
    return `${[`${header},${names.join(",")}`, ...lines].join("\n")}\n`;
  };
}

/** The base plan with `names` in the given role. */
function planText(names: readonly string[], role: Role) {
  return (text: string) => {
    switch (role) {
      case "outcome":
        return text.replace(
          "  - { name: survey.y, role: primary, type: continuous, report: raw }",
          ["  - { name: survey.y, role: primary, type: continuous, report: raw }", ...names.map((n, k) => `  - { name: ${n}, role: ${k < 2 ? "primary" : "secondary"}, type: continuous, report: raw${k === 1 ? ", covariates: [x1]" : ""} }`)].join("\n"),
        );
      case "population":
        // one population with strata, one filtered without, one plain: the report's note looks each up
        return text.replace("  all: {}", [`  ${names[0]}: {}`, `  ${names[1]}: { strata: [gender] }`, `  ${names[2]}: { where: { group: A } }`].join("\n")).replace("subgroups: [gender]", "subgroups: [gender]\ninference: { multiplicity: [{ family: primary, method: holm, across: all }] }");
      case "subgroup":
        return text.replace("subgroups: [gender]", `subgroups: [${names.join(", ")}]`);
      case "covariate":
        return text.replace("covariates: { variables: [age] }", `covariates: { variables: [age, ${names.slice(0, 3).join(", ")}] }`).replace("report: raw }", `report: raw, covariates: [${names[3]}] }`);
    }
  };
}

/** Runs the plan with `names` in `role`; returns what run wrote, with `names` spelt as `spelling`. */
async function runWith(names: readonly string[], role: Role, spelling: readonly string[]) {
  const dir = planCopy("test/bad-input/base", { sap: planText(names, role), files: { "data/baseline.csv": withColumns(names, role) } });
  const run = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const respell = (text: string) => names.reduce((t, name, k) => t.split(name).join(spelling[k]), text);
  const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
  const flow = JSON.parse(readFileSync(join(dir, "out", "flow.json"), "utf8"));
  return {
    rows: respell(JSON.stringify(results.rows)),
    settings: respell(JSON.stringify(results.settings)),
    labels: respell(JSON.stringify(results.labels)),
    outcomesFlow: respell(JSON.stringify(flow.outcomes)),
    markdown: readFileSync(join(dir, "out", "results.md"), "utf8"),
  };
}

describe("plan names that are also members of every object", () => {
  it.each(["outcome", "subgroup", "covariate"] as const)("as %s names give the results of plain names", async (role) => {
    const members = await runWith(MEMBER_NAMES, role, PLAIN_NAMES);
    const plain = await runWith(PLAIN_NAMES, role, PLAIN_NAMES);
    expect(members.rows).toBe(plain.rows);
    expect(members.settings).toBe(plain.settings);
    expect(members.labels).toBe(plain.labels);
    expect(members.outcomesFlow).toBe(plain.outcomesFlow);
  });

  it("as population names give the results of plain names", async () => {
    const members = await runWith(POPULATION_MEMBER_NAMES, "population", PLAIN_NAMES);
    const plain = await runWith(PLAIN_NAMES.slice(0, 3), "population", PLAIN_NAMES);
    expect(members.rows).toBe(plain.rows);
    expect(members.settings).toBe(plain.settings);
    expect(members.labels).toBe(plain.labels);
  });

  it("are noted as the plan says: own covariates and strata only where given", async () => {
    /** The note on the adjustment under each population's results table in results.md. */
    const notes = (markdown: string) =>
      Object.fromEntries(markdown.split("\n### Results: ").slice(1).map((section) => [section.split("\n")[0], /^Models (.*?)\s*$/m.exec(section)?.[1]]));
    const outcomes = await runWith(MEMBER_NAMES, "outcome", MEMBER_NAMES);
    // written from the plan: every model adjusts for age, hasOwnProperty's also for x1, and nothing else
    expect(notes(outcomes.markdown)).toEqual({ all: "adjusted for age; hasOwnProperty also for x1." });
    const populations = await runWith(POPULATION_MEMBER_NAMES, "population", POPULATION_MEMBER_NAMES);
    expect(notes(populations.markdown)).toEqual({
      constructor: "adjusted for age.",
      hasOwnProperty: "adjusted for age; randomisation strata gender as factors.",
      toString: "adjusted for age.",
    });
  });

  it("as subgroups count the participants without a value by arm, under the subgroup's name", async () => {
    const subgroups = await runWith(MEMBER_NAMES, "subgroup", MEMBER_NAMES);
    const missing = JSON.parse(subgroups.outcomesFlow)[0].subgroup_missing;
    // withColumns blanks row k of every ten for the k-th name: 4 of the 40 participants each
    expect(Object.keys(missing)).toEqual([...MEMBER_NAMES]);
    for (const name of MEMBER_NAMES) expect(missing[name].total).toBe(4);
  });
});
