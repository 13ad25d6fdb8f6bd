import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { runCli } from "./run-cli.js";

/**
 * The packages as a user gets them: `pnpm pack` makes each a tarball, which `npm install -g` puts
 * into an empty prefix (dependencies come from the npm registry, or npm's cache); the installed
 * `trialstat` then runs from PATH and through npx, from a folder outside the repository, so that
 * nothing of the workspace (its node_modules, devDependencies, sources) can stand in for what the
 * tarballs lack. This is CI's packed-install smoke test; `pnpm test` builds the packages first.
 */

interface Manifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const work = mkdtempSync(join(tmpdir(), "trialstat-packed-"));
const packages = ["core", "cli"] as const;
const tarball: Record<string, string> = {};
const unpacked = (pkg: string) => join(work, "unpacked", pkg, "package");
const manifest = (pkg: string): Manifest => JSON.parse(readFileSync(join(unpacked(pkg), "package.json"), "utf8"));

/** The environment of npm and npx: the caller's, without what `pnpm test` sets for its own scripts (npm_*, pnpm_*). */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm|pnpm)_/i.test(k)));
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", npm_config_loglevel: "error", ...extra };
}

function run(command: string, args: string[], options: SpawnSyncOptions & { what: string }): string {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 240_000, ...options });
  if (r.status !== 0) throw new Error(`${options.what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

beforeAll(() => {
  for (const pkg of packages) {
    const dist = repoPath(`packages/${pkg}/dist`);
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run "pnpm run build" first (pnpm test does this)`);
    const before = new Set(readdirSync(work));
    run("pnpm", ["pack", "--pack-destination", work], { cwd: repoPath(`packages/${pkg}`), what: `pnpm pack of packages/${pkg}` });
    const made = readdirSync(work).filter((f) => f.endsWith(".tgz") && !before.has(f));
    expect(made, `the tarball of packages/${pkg}`).toHaveLength(1);
    tarball[pkg] = join(work, made[0]);
    mkdirSync(join(work, "unpacked", pkg), { recursive: true });
    run("tar", ["-xzf", tarball[pkg], "-C", join(work, "unpacked", pkg)], { what: `unpacking ${made[0]}` });
  }
}, 240_000);

describe("the packed tarballs", () => {
  it("name the core package's version as the CLI's dependency (pnpm pack rewrites workspace:*)", () => {
    const core = manifest("core");
    const cli = manifest("cli");
    expect(cli.dependencies?.["@trialstat/core"]).toBe(core.version);
    for (const pkg of packages) expect(readFileSync(join(unpacked(pkg), "package.json"), "utf8")).not.toContain("workspace:");
  });

  it("hold every file their package.json names: main, types, each export and the bin", () => {
    for (const pkg of packages) {
      const m = manifest(pkg);
      const named = [m.main, m.types, ...Object.values(m.bin ?? {}), ...paths(m.exports)].filter((p): p is string => p !== undefined);
      expect(named.length, pkg).toBeGreaterThan(0);
      for (const file of named) expect(existsSync(join(unpacked(pkg), file)), `${m.name}: ${file}`).toBe(true);
    }
    expect(manifest("core").exports).toHaveProperty(["./version"]);
    expect(manifest("core").exports).toHaveProperty(["./errors"]);
    expect(readFileSync(join(unpacked("cli"), manifest("cli").bin!.trialstat), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("import nothing at run time but Node's modules, their own files, their dependencies and what core exports", () => {
    const exported = Object.keys(manifest("core").exports ?? {}).map((k) => k.replace(/^\./, "@trialstat/core"));
    for (const pkg of packages) {
      const m = manifest(pkg);
      const allowed = new Set(Object.keys(m.dependencies ?? {}));
      for (const file of jsFiles(unpacked(pkg))) {
        for (const spec of importsOf(readFileSync(file, "utf8"))) {
          if (spec.startsWith(".")) {
            expect(existsSync(join(dirname(file), spec)), `${relative(unpacked(pkg), file)} imports ${spec}`).toBe(true);
            continue;
          }
          if (spec.startsWith("node:") || builtinModules.includes(spec)) continue;
          const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
          expect(allowed.has(name), `${m.name}'s ${relative(unpacked(pkg), file)} imports ${spec}, not among its dependencies`).toBe(true);
          if (name === "@trialstat/core") expect(exported, `${spec} is exported by @trialstat/core`).toContain(spec);
        }
      }
    }
  });
});

describe("npm install -g of the tarballs into an empty prefix", () => {
  const prefix = join(work, "prefix");
  const elsewhere = join(work, "elsewhere"); // a folder outside the repository, with no node_modules above it
  const trial = repoPath("examples/fit/trial.csv");
  // PATH: the prefix's bin, then node and npm, then the system's; nothing of the workspace
  const path = [join(prefix, "bin"), dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
  const trialstat = (args: string[], input?: string) => spawnSync("trialstat", args, { cwd: elsewhere, env: npmEnv({ PATH: path }), encoding: "utf8", input, timeout: 120_000 });

  beforeAll(() => {
    mkdirSync(elsewhere, { recursive: true });
    run("npm", ["install", "--global", "--prefix", prefix, "--prefer-offline", tarball.core, tarball.cli], { cwd: elsewhere, env: npmEnv({ PATH: path }), what: "npm install -g of the tarballs" });
  }, 300_000);

  it("puts trialstat on PATH, running the installed copy", () => {
    const bin = join(prefix, "bin", "trialstat");
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(realpathSync(bin)).toBe(realpathSync(join(prefix, "lib", "node_modules", "@trialstat", "cli", "dist", "index.js")));
    const r = trialstat(["--version"]);
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: `${manifest("cli").version}\n`, stderr: "" });
  });

  it("fits the example trial exactly as the workspace's CLI does", async () => {
    const args = ["fit", "--data", trial, "--formula", "swemwbs12 ~ treat + swemwbs0 + age + site", "--format", "json"];
    const installed = trialstat(args);
    const workspace = await runCli(args);
    expect(workspace.code).toBe(0);
    expect({ code: installed.status, stdout: installed.stdout, stderr: installed.stderr }).toEqual(workspace);
    // standard input, and the bootstrap's worker threads (a module of the CLI importing one of core's exports)
    const piped = trialstat([...args.slice(0, 1), "--data", "-", ...args.slice(3), "--bootstrap", "199", "--seed", "1", "--bootstrap-workers", "2"], readFileSync(trial, "utf8"));
    expect(piped.stderr).toBe(workspace.stderr); // the fit's warnings (rows dropped), on standard error
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout).bootstrap.draws).toBe(199);
  });

  it("reads Parquet and Arrow files, whose readers the bundle evaluates on first call, as it reads the CSV", async () => {
    const args = ["--formula", "swemwbs12 ~ treat + swemwbs0 + site", "--format", "json"];
    const workspace = await runCli(["fit", "--data", trial, ...args]);
    expect(workspace.code).toBe(0);
    for (const file of ["trial.parquet", "trial.arrow"]) {
      const installed = trialstat(["fit", "--data", repoPath(`test/readers/fixtures/${file}`), ...args]);
      expect({ file, code: installed.status, stdout: installed.stdout, stderr: installed.stderr }).toEqual({ file, ...workspace });
    }
  });

  it("runs an analysis plan: the same results as the workspace's CLI, and the report", async () => {
    const plan = join(elsewhere, "mini");
    cpSync(repoPath("test/sap/mini"), plan, { recursive: true });
    const r = trialstat(["run", join(plan, "sap.yaml"), "--out", join(plan, "out"), "--quiet"]);
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(plan, "out", "report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/i);
    expect((await runCli(["run", join(plan, "sap.yaml"), "--out", join(plan, "workspace")])).code).toBe(0);
    expect(readFileSync(join(plan, "out", "results.json"), "utf8")).toBe(readFileSync(join(plan, "workspace", "results.json"), "utf8"));
  });

  it("runs through npx (offline: the installed copy, never one fetched from the registry)", () => {
    const r = spawnSync("npx", ["trialstat", "--help"], { cwd: elsewhere, env: npmEnv({ PATH: path, npm_config_prefix: prefix, npm_config_offline: "true" }), encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: trialstat /);
    expect(r.stdout).toContain("\nExamples:\n");
  });
});

/** Every path in an exports map (its conditions nested to any depth). */
function paths(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (exports && typeof exports === "object") return Object.values(exports).flatMap(paths);
  return [];
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []));
}

/** The module specifiers a built ES module imports: static imports and re-exports at the start of a line, and dynamic import("…") of a literal. */
function importsOf(code: string): string[] {
  const specs = [...code.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]);
}
