import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_SUMMARIES } from "../../packages/cli/src/summaries.js";
import { repoPath } from "../helpers.js";
import { runCli, scratch } from "./run-cli.js";

const commands = Object.keys(COMMAND_SUMMARIES);
const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

/** A folder to complete file names in: two data files (one with a space), a plan and a folder. */
function folder(): string {
  const dir = scratch({ "data.csv": "", "my data.csv": "", "sap.yaml": "" });
  mkdirSync(join(dir, "out"));
  return dir;
}

/** The options a command's --help lists (long and short), read from the help text itself. */
async function helpOptions(command?: string): Promise<string[]> {
  const help = (await runCli(command ? [command, "--help"] : ["--help"])).stdout;
  const options = help.slice(help.indexOf("\nOptions:\n"), help.search(/\n(Commands|Examples):\n/));
  return [...options.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => (m[1] ? [m[1], m[2]] : [m[2]])).sort();
}

/**
 * Command lines (the words, the last being completed) and what completion must offer, written out
 * by hand from the commands' options — in bash and in zsh alike (zsh shows a file's own name, and
 * quotes a space).
 */
const CASES: { words: string[]; offers: string[]; zsh?: string[] }[] = [
  // every command the program has (and help), whatever commands are added
  { words: ["trialstat", ""], offers: [...commands, "help"].sort() },
  { words: ["trialstat", "fi"], offers: commands.filter((c) => c.startsWith("fi")).sort() },
  { words: ["trialstat", "-"], offers: ["--debug", "--help", "--quiet", "--version", "-V", "-h", "-q"] },
  { words: ["trialstat", "fit", "--fo"], offers: ["--format", "--formula"] },
  { words: ["trialstat", "fit", "--format", ""], offers: ["csv", "json", "table", "xlsx"] },
  { words: ["trialstat", "fit", "--family", ""], offers: ["binomial", "gaussian"] },
  { words: ["trialstat", "fit", "--formula", ""], offers: [] },
  { words: ["trialstat", "fit", "--data", "d"], offers: ["data.csv"] },
  { words: ["trialstat", "fit", "--data", "my"], offers: ["my data.csv"], zsh: ["my\\ data.csv"] },
  { words: ["trialstat", "score", "--round", ""], offers: ["half-up", "none"] },
  { words: ["trialstat", "weights", "--method", ""], offers: ["cells", "logit", "rake"] },
  { words: ["trialstat", "run", ""], offers: ["data.csv", "my data.csv", "out", "sap.yaml"], zsh: ["data.csv", "my\\ data.csv", "out", "sap.yaml"] },
  { words: ["trialstat", "--quiet", "run", "s"], offers: ["sap.yaml"] },
  { words: ["trialstat", "run", "sap.yaml", ""], offers: ["--allow-outside", "--help", "--out", "--timings", "-h"] },
  { words: ["trialstat", "run", "sap.yaml", "--out", ""], offers: ["out"] },
  { words: ["trialstat", "run", "--out", "out", "s"], offers: ["sap.yaml"] },
  { words: ["trialstat", "completion", ""], offers: ["bash", "zsh"] },
  { words: ["trialstat", "help", "p"], offers: ["power"] },
];

/** What bash's completion function offers for each command line (COMP_WORDS as bash splits them: --opt=value is three words). */
function bashOffers(script: string, lines: string[][], cwd: string): string[][] {
  const quote = (w: string) => `'${w.replace(/'/g, "'\\''")}'`;
  const calls = lines.map((words) => {
    const split = words.flatMap((w) => (/^--[\w-]+=/.test(w) ? [w.slice(0, w.indexOf("=")), "=", w.slice(w.indexOf("=") + 1)] : [w]));
    return `t ${split.map(quote).join(" ")}`;
  });
  const harness = `source ${quote(script)}
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _trialstat; echo "###"; printf '%s\\n' "\${COMPREPLY[@]}"; }
${calls.join("\n")}
`;
  const r = spawnSync("bash", ["--norc", "-c", harness], { cwd, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.split("###\n").slice(1).map((block) => block.split("\n").filter((l) => l !== "").sort());
}

/** What zsh offers for each command line, typed into an interactive zsh (zsh-complete.zsh). */
function zshOffers(script: string, lines: string[][], cwd: string): string[][] {
  const r = spawnSync("zsh", ["-f", repoPath("test/cli/zsh-complete.zsh"), script, ...lines.map((w) => w.join(" "))], { cwd, encoding: "utf8", timeout: 60_000 });
  expect(r.stderr).toBe("");
  return r.stdout.split(/^### .*\n/m).slice(1).map((block) => block.split("\n").filter((l) => l !== "").sort());
}

describe("trialstat completion bash", async () => {
  const dir = folder();
  const script = join(scratch({}), "trialstat.bash");
  const printed = await runCli(["completion", "bash"]);
  writeFileSync(script, printed.stdout);

  it("prints a script bash accepts", () => {
    expect(printed.code).toBe(0);
    expect(spawnSync("bash", ["-n", script]).status).toBe(0);
  });

  it.each(CASES)("$words offers $offers", ({ words, offers }) => {
    expect(bashOffers(script, [words], dir)[0]).toEqual([...offers].sort());
  });

  it("completes --option=value as --option value", () => {
    expect(bashOffers(script, [["trialstat", "fit", "--data=d"], ["trialstat", "fit", "--format=j"], ["trialstat", "run", "--out=out", "s"]], dir)).toEqual([["data.csv"], ["json"], ["sap.yaml"]]);
  });

  it("offers every option each command's --help lists, for every command", async () => {
    const lines = [["trialstat", "-"], ...commands.map((c) => ["trialstat", c, "-"])];
    const offered = bashOffers(script, lines, dir);
    expect(offered[0]).toEqual(await helpOptions());
    for (const [k, c] of commands.entries()) expect(offered[k + 1], c).toEqual(await helpOptions(c));
  });
});

describe.skipIf(!has("zsh"))("trialstat completion zsh (zsh is installed by .ci/run)", async () => {
  const dir = folder();
  const script = join(scratch({}), "_trialstat");
  const printed = await runCli(["completion", "zsh"]);
  writeFileSync(script, printed.stdout);

  it("prints a script zsh accepts, which registers itself when sourced", () => {
    expect(printed.code).toBe(0);
    expect(spawnSync("zsh", ["-n", script]).status).toBe(0);
    const r = spawnSync("zsh", ["-f", "-c", `autoload -U compinit && compinit -u -D && source ${script} && print -r -- $_comps[trialstat]`], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("_trialstat");
  });

  it("offers what bash offers, in an interactive zsh", () => {
    const offered = zshOffers(script, CASES.map((c) => c.words), dir);
    expect(offered).toEqual(CASES.map((c) => [...(c.zsh ?? c.offers)].sort()));
  });

  it("offers every option each command's --help lists, for every command", async () => {
    const offered = zshOffers(script, commands.map((c) => ["trialstat", c, "-"]), dir);
    for (const [k, c] of commands.entries()) expect(offered[k], c).toEqual(await helpOptions(c));
  });

  it("works autoloaded from a folder on $fpath, as the help's example installs it", () => {
    const fpath = join(dir, "zfunc");
    mkdirSync(fpath, { recursive: true });
    writeFileSync(join(fpath, "_trialstat"), printed.stdout);
    const loader = join(dir, "autoload.zsh");
    writeFileSync(loader, `fpath=(${fpath} $fpath)\nautoload -U compinit\ncompinit -u -D\n`);
    const r = spawnSync("zsh", ["-f", repoPath("test/cli/zsh-complete.zsh"), loader, "trialstat fit --format "], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(r.stdout).toBe("### trialstat fit --format \ncsv\njson\ntable\nxlsx\n");
  });
});
