import { type Stats, lstatSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Makes a folder and any missing parents, as `mkdir -p` does (mode 0777 less the umask), and returns
 * those it made, outermost first, so that a writer that stops can remove exactly them again.
 *
 * Example: with only `/w` present, `makeFolders("/w/a/b")` makes and returns `["/w/a", "/w/a/b"]`.
 */
export function makeFolders(path: string): string[] {
  const missing: string[] = [];
  for (let p = path; !lstatOrUndefined(p) && dirname(p) !== p; p = dirname(p)) missing.unshift(p);
  for (const dir of missing) mkdirSync(dir);
  return missing;
}

/** Removes a folder if it is empty (never anything in it); says whether it did. */
export function rmdirQuietly(path: string): boolean {
  try {
    rmdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** lstat, or undefined where there is nothing. */
export function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * lstat that looks at each path once: the folders along the 20,000 paths of one output are a few,
 * and looking at them again for every file took most of a check's time. For one pass over a
 * folder's files; a later pass makes its own, so it sees changes made in between.
 */
export function memoisedLstat(): (path: string) => Stats | undefined {
  const seen = new Map<string, Stats | undefined>();
  return (path) => {
    if (!seen.has(path)) seen.set(path, lstatOrUndefined(path));
    return seen.get(path);
  };
}
