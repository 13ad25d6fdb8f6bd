/**
 * The names of a run's table and picture files (`tables/<name>.csv`, `plots/<name>.svg`, and the
 * ids of the same items in report.html), derived from outcome, population, subgroup and weight
 * names and from titles in the SAP, through one function so that no two items ever share a file:
 *
 * 1. safe characters: lower-case letters, digits and single hyphens, no hyphen at either end
 *    (an empty result becomes `item`);
 * 2. at most 80 characters: a longer name is cut to 71 and given `-` and 8 hex digits of a hash
 *    (FNV-1a) of the whole name, so two long titles that differ only at the end stay apart;
 * 3. unique after folding: names that become the same — `all` and `All`, `a_b` and `a__b`,
 *    `a.b` and `a-b` — are told apart by a numeric suffix in plan order: the first keeps the plain
 *    name, the next `-2`, then `-3`, skipping any suffixed name that another item has as its own.
 *
 * A name that is unique after steps 1–2 never changes because of another item's name. Same inputs
 * in the same order, same names.
 *
 * @example
 * uniqueFileNames(["results-all", "results-All", "forest-a_b", "forest-a__b"]);
 * // ["results-all", "results-all-2", "forest-a-b", "forest-a-b-2"]
 */
export function uniqueFileNames(preferred: readonly string[]): string[] {
  const safe = preferred.map(safeFileName);
  const count = new Map<string, number>();
  for (const s of safe) count.set(s, (count.get(s) ?? 0) + 1);
  const taken = new Set(safe);
  const seen = new Set<string>();
  return safe.map((s) => {
    if (!seen.has(s)) {
      seen.add(s);
      return s;
    }
    let k = 2;
    while (taken.has(withSuffix(s, k))) k++;
    const name = withSuffix(s, k);
    taken.add(name);
    return name;
  });
}

const MAX_LENGTH = 80;

/** Steps 1 and 2 of uniqueFileNames for one name. */
export function safeFileName(name: string): string {
  const safe = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "item";
  if (safe.length <= MAX_LENGTH) return safe;
  return `${safe.slice(0, MAX_LENGTH - 9).replace(/-+$/, "")}-${fnv1a(name)}`;
}

/** `name-k`, cutting the name so that the result stays within the length limit. */
function withSuffix(name: string, k: number): string {
  const suffix = `-${k}`;
  return `${name.slice(0, MAX_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
