import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
}

describe("outputs carry no participant identifiers", () => {
  it("unless the SAP asks for row-level output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trialstat-ids-"));
    cpSync(repoPath("test/bad-input/base"), dir, { recursive: true });
    const keys = readFileSync(join(dir, "data/baseline.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
    expect((await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir })).code).toBe(0);
    const files = allFiles(join(dir, "out"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const k of keys) expect(text.includes(k), `${k} in ${f}`).toBe(false);
    }
    writeFileSync(join(dir, "sap.yaml"), `${readFileSync(join(dir, "sap.yaml"), "utf8")}output: { row_level: true }\n`);
    expect((await runCli(["run", "sap.yaml", "--out", "out2"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "out2/analysis-frame.csv"), "utf8")).toContain(keys[0]);
  });
});
