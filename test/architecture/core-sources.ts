import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoPath } from "../helpers.js";

/** packages/core/src, whose modules the architecture tests read. */
export const coreSource = repoPath("packages/core/src");

/** The library's modules under a folder: .ts files, tests and declaration files aside. */
export function sourceFiles(dir: string = coreSource): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}
