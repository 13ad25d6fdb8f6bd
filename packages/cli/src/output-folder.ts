import { type Stats, copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TrialstatError, inputError } from "@trialstat/core";
import { Interrupted, type Interrupts, yieldToEventLoop } from "./interrupts.js";
import { STAGING_PREFIX, isRunning, stagingPid } from "./leftovers.js";
import { MANIFEST_FILE, type Manifest, type OutputCommand, fileSha256, isOutputPath, manifestText, readManifest, sha256 } from "./output-manifest.js";
import { lstatOrUndefined, makeFolders, memoisedLstat, rmdirQuietly } from "./folders.js";
import { type GuardedPath, cannotWrite, refuseGuarded, resolveTarget } from "./output-target.js";

/**
 * The output folder of `trialstat run SAP --out DIR`, and of the --out of cba, fidelity and monitor
 * (README, "Guarantees"):
 *
 * - `--out` is a new path, an empty folder, or a folder the same command wrote before (it holds
 *   `.trialstat-manifest.json` naming that command, see output-manifest.ts). Anything else — an
 *   existing file, a folder with files of its own, a folder another command wrote (whose files this
 *   one would remove), the SAP's folder or any folder containing the SAP or a source — is refused
 *   before any work (`checkOutputFolder`). A symbolic link is followed: trialstat writes into its
 *   target, which is checked by the same rules.
 * - A new run replaces the files the manifest names (if they still hold the bytes trialstat wrote;
 *   a changed one is refused) and removes those it no longer writes; every other file in the folder
 *   is the user's and is kept. A user's file where the run must write is refused, before anything is
 *   written.
 * - `writeOutputFolder` writes every file into a staging folder inside DIR
 *   (`.trialstat-staging-<pid>-<random>`), then, in one synchronous step, renames each over its old
 *   version, removes the old files no longer written, and renames the new manifest into place last.
 *   DIR itself is never removed or renamed, so there is no instant at which it does not exist. A
 *   folder cannot be renamed over a non-empty folder (Linux needs renameat2 for an exchange), hence
 *   the per-file swap. Before the swap, every file to be replaced or removed gets a hard link in the
 *   staging folder, so that a failure part-way puts the old files back.
 * - SIGINT, SIGTERM and SIGHUP are deferred from the start of the write (see interrupts.ts): one
 *   that comes while staging removes the staging folder (and DIR if this run made it) and stops
 *   with DIR as it was; one that comes during the swap takes effect when it is over. A run killed
 *   outright (SIGKILL, power cut) can leave its staging folder; the next run recognises it by its
 *   process id (no longer running), counts the files its staged manifest names as trialstat's, and
 *   removes it.
 *
 * New folders and files get the user's umask, as `mkdir` and `>` would.
 */
export interface OutputFolder {
  /** The command writing the folder: only a folder it wrote before (or none wrote) is its to replace. */
  readonly command: OutputCommand;
  /** --out as the user wrote it. */
  readonly shown: string;
  /** --out made absolute (not resolved), so that the write looks again at the same path. */
  readonly absolute: string;
  readonly guarded: readonly GuardedPath[];
  /** The folder written (symbolic links resolved). */
  readonly path: string;
  readonly exists: boolean;
  /** Files trialstat wrote before (relative path → what is known of them): the run may replace or remove them. */
  readonly previous: ReadonlyMap<string, PreviousFile>;
  /** Staging folders of killed runs, removed once this run's files are in place. */
  readonly stale: readonly string[];
}

interface PreviousFile {
  /** The sha256 values the file may have: the manifest's, or that of a killed run's staged manifest. */
  allowed: ReadonlySet<string>;
  /** dev, inode, size and times when its content was last checked: unchanged, it is not hashed again. */
  signature: string;
}

const HINT = "give a new or empty folder, or one the same command wrote before, e.g. --out results";

/**
 * Checks `--out` before any work and says what is there: refuses (exit 2, one line with a hint)
 * anything trialstat must not write into. `command` is the one writing (`run`, `cba`, …); `guarded`
 * are the files it reads (the SAP and its sources). `earlier` is the result of a previous check,
 * whose unchanged files are not hashed again; `ownStaging` is the staging folder of this run, which
 * is not a stranger's.
 */
export function checkOutputFolder(
  command: OutputCommand,
  shown: string,
  absolute: string,
  guarded: readonly GuardedPath[],
  earlier?: OutputFolder,
  ownStaging?: string,
): OutputFolder {
  // as for a file output (io.ts): "-" is standard output to a user, and a folder cannot be that
  if (shown === "-") throw inputError('--out - would make a folder named "-"', { hint: 'name the output folder, e.g. --out out (./- for a folder named "-")' });
  const target = resolveTarget("--out", shown, absolute);
  refuseGuarded(target, guarded, `outputs must not go where the files it reads are: ${HINT}`);
  const folder = { command, shown, absolute, guarded, path: target.real, exists: target.stat !== undefined, previous: new Map<string, PreviousFile>(), stale: [] as string[] };
  if (!target.stat) return folder;
  if (!target.stat.isDirectory()) throw inputError(`--out ${shown} is an existing file, not a folder`, { hint: `--out names a folder for the outputs: ${HINT}` });

  let entries: string[];
  try {
    entries = readdirSync(folder.path);
  } catch (e) {
    throw cannotWrite("--out", shown, e);
  }
  const owned = new Map<string, Set<string>>();
  const own = (manifest: Manifest) => {
    if (manifest.command !== command) throw anotherCommands(command, shown, manifest.command);
    for (const [file, hash] of manifest.files) owned.set(file, (owned.get(file) ?? new Set()).add(hash));
  };
  let theirs = 0;
  for (const name of entries) {
    const pid = stagingPid(name);
    if (name === MANIFEST_FILE) own(readManifest(join(folder.path, name), `${shown}/${MANIFEST_FILE}`));
    else if (pid === undefined) theirs++;
    else if (join(folder.path, name) !== ownStaging) {
      if (isRunning(pid)) {
        throw inputError(`another trialstat run (process ${pid}) is writing to --out ${shown}`, {
          hint: `wait for it to end; if no trialstat is running, remove ${shown}/${name}`,
        });
      }
      folder.stale.push(join(folder.path, name));
      // a run killed during its swap: the files its staged manifest names may already be in place
      const staged = join(folder.path, name, MANIFEST_FILE);
      let stagedManifest: Manifest;
      try {
        stagedManifest = readManifest(staged, staged);
      } catch {
        continue; // killed before its manifest was complete: it had moved nothing yet
      }
      own(stagedManifest);
    }
  }
  if (theirs > 0 && owned.size === 0 && !entries.includes(MANIFEST_FILE)) {
    throw inputError(`--out ${shown} is a folder with files trialstat did not write (it has no ${MANIFEST_FILE})`, {
      hint: `trialstat never replaces files it did not write: ${HINT}`,
    });
  }
  const folderStat = memoisedLstat();
  for (const [file, allowed] of owned) {
    const signature = checkPrevious(folder.path, shown, file, allowed, earlier?.previous.get(file), folderStat);
    if (signature !== undefined) folder.previous.set(file, { allowed, signature });
  }
  return folder;
}

/**
 * The refusal of a folder another command wrote (or one whose manifest does not say which): writing
 * there would remove that command's files, which this one does not write. A careful user keeps each
 * command's outputs in a folder of its own, as `run --out` keeps each plan's.
 */
function anotherCommands(command: OutputCommand, shown: string, writer: string | undefined): Error {
  const whose = writer === undefined ? "a trialstat command its manifest does not name" : `trialstat ${writer}`;
  return inputError(`--out ${shown} holds the outputs of ${whose}, not of trialstat ${command}`, {
    hint: `give ${command} a folder of its own, e.g. --out ${shown.replace(/\/+$/, "")}-${command}: trialstat replaces a folder's outputs only by the same command's, so those files are kept`,
  });
}

/**
 * A file the manifest names, as it is now: undefined if it is gone (nothing to replace), its
 * signature if it still holds bytes trialstat wrote; refused if the user has changed it, or if the
 * way to it goes through a symbolic link (writing there would leave the folder).
 */
function checkPrevious(
  folder: string,
  shown: string,
  file: string,
  allowed: ReadonlySet<string>,
  earlier: PreviousFile | undefined,
  folderStat: (path: string) => Stats | undefined,
): string | undefined {
  const parts = file.split("/");
  for (let k = 1; k < parts.length; k++) {
    const sub = parts.slice(0, k).join("/");
    const stat = folderStat(join(folder, sub));
    if (stat?.isSymbolicLink()) throw inputError(`${shown}/${sub} is a symbolic link, where trialstat wrote a folder`, { hint: `move it out of ${shown}: trialstat writes only inside the folder` });
    if (!stat?.isDirectory()) return undefined;
  }
  const path = join(folder, file);
  const stat = lstatOrUndefined(path);
  if (!stat) return undefined;
  const changed = () =>
    inputError(`${shown}/${file} was changed after trialstat wrote it`, {
      hint: `move it out of ${shown} to keep it (trialstat replaces only files it wrote and nobody changed since), or delete it`,
    });
  if (!stat.isFile()) throw changed();
  const signature = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  if (earlier?.signature === signature) return signature;
  if (!allowed.has(fileSha256(path))) throw changed();
  return signature;
}

/**
 * Puts `files` (relative path → text) into the checked output folder, as described on
 * `OutputFolder`: all of them and the new manifest, or (on an error or an interrupting signal)
 * nothing at all.
 */
export async function writeOutputFolder(checked: OutputFolder, files: Readonly<Record<string, string | Uint8Array>>, interrupts?: Interrupts): Promise<void> {
  const names = Object.keys(files);
  for (const name of names) if (!isOutputPath(name)) throw new Error(`output file name ${JSON.stringify(name)} is not a path inside the output folder`);
  interrupts?.defer();
  let folder = checkOutputFolder(checked.command, checked.shown, checked.absolute, checked.guarded, checked);
  refuseInTheWay(folder, names);

  const made: string[] = [];
  let staging: string | undefined;
  const stopIfInterrupted = async () => {
    if (!interrupts) return;
    await yieldToEventLoop();
    const signal = interrupts.received();
    if (signal) throw new Interrupted(signal, `stopped before the outputs were put in place; --out ${folder.shown} ${made.length ? "was not made" : "was left as it was"}`);
  };
  try {
    if (!folder.exists) made.push(...makeFolders(folder.path));
    staging = mkdtempSync(join(folder.path, `${STAGING_PREFIX}${process.pid}-`));
    const written = new Map<string, string>();
    let lap = performance.now();
    const stagedFolders = new Set<string>();
    for (const name of names) {
      const path = join(staging, name);
      if (!stagedFolders.has(dirname(path))) mkdirSync(dirname(path), { recursive: true });
      stagedFolders.add(dirname(path));
      writeFileSync(path, files[name]);
      written.set(name, sha256(files[name]));
      if (performance.now() - lap > 5) {
        await stopIfInterrupted();
        lap = performance.now();
      }
    }
    writeFileSync(join(staging, MANIFEST_FILE), manifestText(folder.command, written));
    await stopIfInterrupted();
    // From here on everything is synchronous, so no signal can act before the swap is over. The
    // folder is looked at once more: the user may have changed it while the plan ran.
    const now = checkOutputFolder(folder.command, folder.shown, folder.absolute, folder.guarded, folder, staging);
    if (now.path !== folder.path) throw inputError(`--out ${folder.shown} now leads to ${now.path}, not ${folder.path}: it was changed while the plan ran`, { hint: "run again" });
    folder = now;
    refuseInTheWay(folder, names);
    swapIntoPlace(folder.path, staging, names, folder.previous);
  } catch (e) {
    if (staging) rmSync(staging, { recursive: true, force: true });
    for (const dir of made.reverse()) rmdirQuietly(dir);
    throw e instanceof TrialstatError || e instanceof Interrupted ? e : cannotWrite("--out", folder.shown, e);
  }
  rmSync(staging, { recursive: true, force: true });
  for (const dir of folder.stale) rmSync(dir, { recursive: true, force: true });
}

/**
 * Refuses, before anything is written, a run whose files would land on something that is not
 * trialstat's: a user's file at one of the paths, or a file or link where a subfolder must be.
 */
function refuseInTheWay(folder: OutputFolder, names: readonly string[]): void {
  const inTheWay = (sub: string, what: string) =>
    inputError(`${folder.shown}/${sub} is in the way: trialstat writes ${what} there, and did not write what is there now`, {
      hint: `move it out of ${folder.shown} (trialstat never replaces files it did not write), or give another --out`,
    });
  const folderStat = memoisedLstat();
  for (const name of names) {
    const parts = name.split("/");
    for (let k = 1; k <= parts.length; k++) {
      const sub = parts.slice(0, k).join("/");
      const last = k === parts.length;
      // a file of the previous output was looked at (and hashed if changed) by the check just before
      if (last && folder.previous.has(sub)) break;
      const stat = last ? lstatOrUndefined(join(folder.path, sub)) : folderStat(join(folder.path, sub));
      if (!stat) break;
      if (!last && !stat.isDirectory()) throw inTheWay(sub, "a folder");
      if (last) throw inTheWay(sub, "a file");
    }
  }
}

/**
 * The swap: every new file renamed over its old version, the old files no longer written removed,
 * the manifest renamed into place last. Old files are first hard-linked into the staging folder, so
 * a failure part-way (a folder made read-only, a full disk when making a subfolder) is undone.
 */
function swapIntoPlace(folder: string, staging: string, names: readonly string[], previous: ReadonlyMap<string, PreviousFile>): void {
  const keep = join(staging, `${STAGING_PREFIX}previous`);
  const writing = new Set(names);
  const removed = [...previous.keys()].filter((f) => !writing.has(f));
  const kept = new Set<string>();
  for (const file of previous.keys()) {
    if (!kept.has(dirname(file))) mkdirSync(dirname(join(keep, file)), { recursive: true });
    kept.add(dirname(file));
    try {
      linkSync(join(folder, file), join(keep, file));
    } catch {
      copyFileSync(join(folder, file), join(keep, file)); // a file system without hard links
    }
  }
  const made: string[] = [];
  const moved: string[] = [];
  const unlinked: string[] = [];
  try {
    const present = new Set<string>();
    for (const name of names) {
      const dir = dirname(join(folder, name));
      if (!present.has(dir)) made.push(...makeFolders(dir));
      present.add(dir);
      renameSync(join(staging, name), join(folder, name));
      moved.push(name);
    }
    for (const file of removed) {
      unlinkSync(join(folder, file));
      unlinked.push(file);
    }
    renameSync(join(staging, MANIFEST_FILE), join(folder, MANIFEST_FILE));
  } catch (e) {
    for (const file of unlinked) renameSync(join(keep, file), join(folder, file));
    for (const name of moved) {
      if (previous.has(name)) renameSync(join(keep, name), join(folder, name));
      else unlinkSync(join(folder, name));
    }
    for (const dir of made.reverse()) rmdirQuietly(dir);
    throw e;
  }
  for (const file of removed) {
    for (let dir = dirname(join(folder, file)); dir !== folder && dir.startsWith(folder); dir = dirname(dir)) {
      if (!rmdirQuietly(dir)) break;
    }
  }
}

/** The top-level names of an output's files, a folder once with a slash: `results.json, tables/, plots/`. */
export function topLevelNames(files: Readonly<Record<string, unknown>>): string {
  return [...new Set(Object.keys(files).map((f) => f.replace(/\/.*$/, "/")))].join(", ");
}
