import { type Lock, type PlanInput, inputError, lockFromJson, utf8Chunks } from "@trialstat/core";

/**
 * The plan's input in a browser: the SAP and the files the user dropped, read on the user's machine
 * (through `read`, which the Web Worker backs with the dropped File objects) — nothing leaves the page.
 *
 * Dropped files are known by their path as dropped: `sap.yaml` for a file on its own,
 * `mini/data/hmrc.csv` for one in a dropped folder. A source the SAP names (`data/hmrc.csv`,
 * relative to the SAP's folder, as the CLI reads it) is the dropped file at that path beside the SAP;
 * failing that, the one dropped file of the same name, wherever it was dropped (files are usually
 * dropped without their folders). The SAP's lock (`sap.yaml.lock`) is read if it was dropped too.
 * Text is decoded strictly as UTF-8, as the CLI decodes it, so the same files give the same results.
 *
 * @example
 * const input = droppedPlanInput("mini/sap.yaml", ["mini/sap.yaml", "baseline.csv"], (p) => bytes[p]);
 */
export function droppedPlanInput(sapPath: string, paths: readonly string[], read: (path: string) => Uint8Array): PlanInput {
  const sapFile = baseName(sapPath);
  const text = (path: string, shown: string) => [...utf8Chunks(read(path), shown)].join("");
  const locate = (file: string) => locateSource(sapPath, file, paths);
  const lockPath = `${sapPath}.lock`;
  const lock: Lock | undefined = paths.includes(lockPath) ? lockFromJson(text(lockPath, `${sapFile}.lock`), `${sapFile}.lock`) : undefined;
  return {
    sapText: text(sapPath, sapFile),
    sapFile,
    readFile: (file) => text(locate(file), file),
    readChunks: (file) => utf8Chunks(read(locate(file)), file),
    readBytes: (file) => read(locate(file)),
    lock,
  };
}

/** The dropped file a SAP's source names (see droppedPlanInput); an input error naming the source when there is none, or several. */
function locateSource(sapPath: string, file: string, paths: readonly string[]): string {
  const beside = normalise(`${folderOf(sapPath)}${file}`);
  if (paths.includes(beside)) return beside;
  const name = baseName(file);
  const same = paths.filter((p) => baseName(p) === name);
  if (same.length === 1) return same[0];
  if (same.length === 0) {
    throw inputError(`the SAP names the source file ${file}, which was not among the files given`, {
      location: { file },
      hint: `add ${name} to the files (or give the SAP's whole folder)`,
    });
  }
  throw inputError(`the SAP names the source file ${file}, and ${same.length} files given are called ${name} (${same.join(", ")})`, {
    location: { file },
    hint: "give the SAP's whole folder, so that the file is found at its path beside the SAP, or give only one of them",
  });
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/") + 1);
}

/** `a/./b/../c` → `a/c`; a leading `/` dropped. */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
