/**
 * How far a long piece of work is, for a progress line: "4,096 of 10,000 assignments (40%)". The
 * plan runner and the CLI word randomisation inference and the bootstrap with it.
 *
 * @example
 * workDone(640, 999, "draws"); // "640 of 999 draws (64%)"
 */
export function workDone(done: number, total: number, unit: string): string {
  return `${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${unit} (${Math.floor((100 * done) / total)}%)`;
}
