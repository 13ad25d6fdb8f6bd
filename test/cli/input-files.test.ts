import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, runCli, scratch } from "./run-cli.js";

/**
 * What the CLI agrees to read: regular files only, and a SAP's sources inside its folder once every
 * link is resolved (docs: README, "Guarantees"). The bad-input corpus has the common cases; these
 * need a socket or a loop of links, which a case folder cannot hold.
 */
const csv = "y,x\n1,2\n2,3\n3,5\n4,4\n";

describe("files the CLI reads", () => {
  it("refuses a socket given as --data", async () => {
    const dir = scratch({});
    const path = join(dir, "s.csv");
    const server = createServer();
    await new Promise<void>((done) => server.listen(path, done));
    try {
      expectCliError(await runCli(["fit", "--data", "s.csv", "--formula", "y ~ x"], { cwd: dir }), 2, "s.csv: cannot read: it is a socket, not a regular file", "name a regular file");
    } finally {
      server.close();
    }
  });

  it("refuses a loop of links", async () => {
    const dir = scratch({});
    symlinkSync("b.csv", join(dir, "a.csv"));
    symlinkSync("a.csv", join(dir, "b.csv"));
    expectCliError(await runCli(["fit", "--data", "a.csv", "--formula", "y ~ x"], { cwd: dir }), 2, "a.csv: cannot read: too many levels of symbolic links", "regular file");
  });

  it("reads a link to a regular file (links are followed; only the kind of file matters)", async () => {
    const dir = scratch({ "d.csv": csv });
    symlinkSync("d.csv", join(dir, "link.csv"));
    expect((await runCli(["fit", "--data", "link.csv", "--formula", "y ~ x"], { cwd: dir })).code).toBe(0);
  });
});

describe("a SAP's sources after links are resolved", () => {
  const sap = (file: string) =>
    [
      "trialstat: 1",
      "title: t",
      'registration: { id: X, sap_version: "1", date: "2024-01-01" }',
      "sources:",
      `  base: { file: ${file}, key: id }`,
      "linkage: { randomised: base, randomisation_date: d }",
      "treatment: { column: arm, treated: T, control: C }",
      "populations: { all: {} }",
      "outcomes: [{ name: y, role: primary, type: continuous, report: raw }]",
      "",
    ].join("\n");
  const data = "id,d,arm,y\nA,2020-01-01,T,1\nB,2020-01-02,C,2\nC,2020-01-03,T,4\nD,2020-01-04,C,3\n";

  it("accepts a link that stays inside the folder, and a file whose name starts with two dots", async () => {
    const dir = scratch({ "sap.yaml": sap("data/link.csv"), "..base.csv": data });
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "real.csv"), data);
    symlinkSync("real.csv", join(dir, "data", "link.csv"));
    expect((await runCli(["validate", "sap.yaml"], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, "sap.yaml"), sap("..base.csv"));
    expect((await runCli(["validate", "sap.yaml"], { cwd: dir })).code).toBe(0);
  });

  it("refuses a link out of the folder unless --allow-outside, which reads it", async () => {
    const outside = scratch({ "real.csv": data });
    const dir = scratch({ "sap.yaml": sap("link.csv") });
    symlinkSync(join(outside, "real.csv"), join(dir, "link.csv"));
    const refused = await runCli(["validate", "sap.yaml"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`sources.base.file: the source file link.csv is a link to ${join(outside, "real.csv")}, outside the SAP's folder`);
    expect((await runCli(["validate", "sap.yaml", "--allow-outside"], { cwd: dir })).code).toBe(0);
  });

  it("refuses a folder of the path that is a link out of the folder", async () => {
    const outside = scratch({ "real.csv": data });
    const dir = scratch({ "sap.yaml": sap("data/real.csv") });
    symlinkSync(outside, join(dir, "data"));
    const refused = await runCli(["validate", "sap.yaml"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the source file data/real.csv is a link to");
  });
});
