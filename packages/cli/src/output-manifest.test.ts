import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRunning, sideFileName, sideFilePid, stagingPid } from "./leftovers.js";
import { isOutputPath, manifestText, readManifest, sha256 } from "./output-manifest.js";

describe("the output manifest", () => {
  it("lists the files sorted by path with the sha256 of their bytes, and reads back the same", () => {
    const files = new Map([
      ["tables/b.csv", sha256("b\n")],
      ["results.json", sha256("{}\n")],
    ]);
    const text = manifestText("run", files);
    expect(Object.keys(JSON.parse(text).files)).toEqual(["results.json", "tables/b.csv"]);
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2, appendix B.1
    const dir = mkdtempSync(join(tmpdir(), "trialstat-manifest-"));
    writeFileSync(join(dir, "m.json"), text);
    expect(readManifest(join(dir, "m.json"), "m.json")).toEqual({ command: "run", files: new Map([...files].sort()) });
  });

  it.each(['""', '"Run"', '"rm"', "1", "null"])("refuses a manifest whose command is %s, naming the commands it may be", (command) => {
    const dir = mkdtempSync(join(tmpdir(), "trialstat-manifest-"));
    writeFileSync(join(dir, "m.json"), `{"written_by":"trialstat 0.1.0","command":${command},"files":{}}`);
    expect(() => readManifest(join(dir, "m.json"), "m.json")).toThrow('m.json is not a manifest trialstat wrote (its "command" is not one of run, cba, fidelity, monitor)');
  });

  it("accepts only paths inside the folder, never the manifest itself or a staging folder", () => {
    for (const ok of ["results.json", "plots/forest-all.svg", ".hidden/x"]) expect(isOutputPath(ok), ok).toBe(true);
    for (const bad of ["", "/etc/passwd", "../sap.yaml", "tables/../../x", "a//b", "./a", "a\\b", ".trialstat-manifest.json", ".trialstat-staging-12-abc/x"]) {
      expect(isOutputPath(bad), bad).toBe(false);
    }
  });
});

describe("leftovers of a killed writer", () => {
  it("are named with the writer's process id, which is read back only from trialstat's own names", () => {
    expect(stagingPid(".trialstat-staging-4242-aB3xYz")).toBe(4242);
    expect(stagingPid(".trialstat-staging-4242")).toBeUndefined();
    expect(stagingPid("trialstat-staging-4242-aB3xYz")).toBeUndefined();
    expect(sideFileName("scores.csv", 77, "tmp")).toBe(".scores.csv.trialstat-77.tmp");
    expect(sideFilePid(".scores.csv.trialstat-77.tmp", "scores.csv")).toBe(77);
    expect(sideFilePid(".scores.csv.trialstat-77.previous", "scores.csv")).toBe(77);
    expect(sideFilePid(".scores.csv.trialstat-77.tmp", "other.csv")).toBeUndefined();
    expect(sideFilePid(".scores.csv.trialstat-77.tmp.bak", "scores.csv")).toBeUndefined();
  });

  it("belong to a running process only if it runs and is not this one", () => {
    expect(isRunning(1)).toBe(true);
    expect(isRunning(process.pid)).toBe(false);
    expect(isRunning(999_999_999)).toBe(false);
  });
});
