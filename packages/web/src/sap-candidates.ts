/**
 * The SAP files among the paths of the files given (the page lists them to choose from): YAML
 * files, the shortest paths first, so that a folder's top-level plan comes before any nested one.
 *
 * @example
 * sapCandidates(["mini/data/a.csv", "mini/sub/b.yaml", "mini/sap.yaml"]); // ["mini/sap.yaml", "mini/sub/b.yaml"]
 */
export function sapCandidates(paths: readonly string[]): string[] {
  return paths.filter((p) => /\.ya?ml$/i.test(p)).sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0));
}
