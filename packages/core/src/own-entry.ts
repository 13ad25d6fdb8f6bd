/**
 * A plan's entry by name: the record's own entry only, else undefined. Plan names are the user's
 * words — a column, outcome or population may be called `constructor`, `toString` or `__proto__` —
 * and `record[name]` on a plain object would find Object.prototype's member instead of "no entry".
 *
 * @example
 * ownEntry({ all: ["site"] }, "constructor"); // undefined, not Object
 */
export function ownEntry<T>(entries: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return entries !== undefined && Object.hasOwn(entries, key) ? entries[key] : undefined;
}
