import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { planCopy } from "./mini-copy.js";

// levels that one-decimal percentages named 99.9, 100 and 100: one interval was lost without a word
describe("confidence levels that differ beyond one decimal of a percent", () => {
  it("each get their own fields in results.json and results.csv, and their own name in the report", async () => {
    // the small trial of the bad-input corpus: one outcome, a covariate and a subgroup
    const dir = planCopy("test/bad-input/base", { sap: (t) => `${t}inference: { levels: [0.999, 0.9995, 0.99951] }\n` });
    const run = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8")) as { settings: { levels: number[] }; rows: Record<string, unknown>[] };
    expect(doc.settings.levels).toEqual([0.999, 0.9995, 0.99951]);
    const conf = Object.keys(doc.rows[0]).filter((k) => k.startsWith("conf_"));
    expect(conf).toEqual(["conf_low_99.9", "conf_high_99.9", "conf_low_99.95", "conf_high_99.95", "conf_low_99.951", "conf_high_99.951"]);
    // wider intervals at higher levels: three intervals, not one written over another
    const row = doc.rows.find((r) => typeof r["conf_low_99.9"] === "number")!;
    expect(row["conf_low_99.95"] as number).toBeLessThan(row["conf_low_99.9"] as number);
    expect(row["conf_low_99.951"] as number).toBeLessThan(row["conf_low_99.95"] as number);
    expect(readFileSync(join(dir, "out", "results.csv"), "utf8").split("\n")[0]).toContain("conf_low_99.9,conf_high_99.9,conf_low_99.95,conf_high_99.95,conf_low_99.951,conf_high_99.951");
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).toContain("99.9%, 99.95%, 99.951%");
  });

  it("fit names its interval with the level's digits too, never 100%", async () => {
    const fit = await runCli(["fit", "--data", "examples/fit/trial.csv", "--formula", "swemwbs12 ~ treat", "--level", "0.999999", "--format", "table"]);
    expect(fit.code, fit.stderr).toBe(0);
    expect(fit.stdout).toContain("99.9999% low");
    expect(fit.stdout).not.toContain("100%");
  });
});
