/**
 * The SAP files among the paths of the files given (the page lists them to choose from, the first
 * chosen): YAML files, the shortest paths first, so that a folder's top-level plan comes before
 * any nested one, and among those one called sap.yaml first.
 *
 * @example
 * sapCandidates(["mini/data/a.csv", "mini/adjusted.yaml", "mini/sub/b.yaml", "mini/sap.yaml"]); // ["mini/sap.yaml", "mini/adjusted.yaml", "mini/sub/b.yaml"]
 */
export function sapCandidates(paths: readonly string[]): string[] {
  const key = (p: string) => [p.split("/").length, /(^|\/)sap\.ya?ml$/i.test(p) ? 0 : 1] as const;
  return paths
    .filter((p) => /\.ya?ml$/i.test(p))
    .sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || (a < b ? -1 : a > b ? 1 : 0));
}
