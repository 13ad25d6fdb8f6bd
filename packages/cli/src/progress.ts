/** Where the progress line goes: standard error, with what is known about it. */
export interface ProgressTarget {
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width in characters (a longer line would wrap, and "\r" could not rewrite it). */
  columns?: number;
}

/** What decides whether a progress line is shown, and the clock it measures time by. */
export interface ProgressSettings {
  /** The command's name, which begins the line. */
  command: string;
  quiet: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds (default performance.now); tests pass a clock of their own. */
  now?: () => number;
}

/** A command's progress line (see `progressLine`); every method does nothing when the line is off. */
export interface Progress {
  /** The work now under way, e.g. "load baseline", "randomisation inference, 4,096 of 10,000 assignments (40%)" or "bootstrap, 640 of 999 draws (64%)". */
  step(text: string): void;
  /** Redraws the line if it is due (the elapsed seconds changed): for work that reports no steps, such as reading chunks of a file. */
  tick(): void;
  /** Removes the line, so that other text can be written; the next step or tick draws it again. */
  clear(): void;
  /** Removes the line for good and stops the timer. */
  end(): void;
}

/** Shown only after the command has run this long, so that quick commands print nothing. */
const PROGRESS_AFTER_MS = 1000;
/** Redraws at most this often (a fast loop reporting every item must not flood the terminal). */
const REDRAW_MS = 100;

const CLEAR = "\r\x1b[K";

/** True when progress may be drawn: stderr a terminal that understands "\r\x1b[K", outside CI, without --quiet. */
function progressWanted(target: ProgressTarget, settings: Pick<ProgressSettings, "quiet" | "env">): boolean {
  const env = settings.env ?? {};
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI.toLowerCase() !== "false";
  return target.isTTY === true && !settings.quiet && !ci && env.TERM !== "dumb";
}

/**
 * A one-line progress display on standard error, rewritten in place and removed when the command
 * ends:
 *
 *     run: estimate itt employed12 · 3 s
 *     fit: randomisation inference, 4,096 of 10,000 assignments (40%) · 2 s
 *
 * It is drawn only when standard error is a terminal — never into a pipe or a file, never when the
 * `CI` variable is set (as CI services set it), never on a dumb terminal (`TERM=dumb`) and never
 * with `--quiet` — and only once the command has run for a second, so that a quick command prints
 * nothing at all. The library does its work synchronously, so the line changes when a step begins
 * or reports work done (runPlan's `onStep`, randomisation inference's `onProgress`, each chunk of a
 * source read); while the command waits on other threads (the bootstrap's workers) a timer keeps
 * the seconds current, and where it waits blocked (a plan's bootstrap, which the synchronous plan
 * runner hands to workers) the waiting loop calls `tick` instead. The line is cut to the terminal's
 * width, so that "\r" can rewrite it; the caller escapes names from a plan
 * (CommandContext.beginProgress).
 *
 * @example
 * const progress = progressLine(process.stderr, { command: "run", quiet: false, env: process.env });
 * progress.step("load baseline"); // nothing yet; after a second: "\rrun: load baseline · 1 s"
 * progress.end(); // "\r\x1b[K" if anything was drawn
 */
export function progressLine(target: ProgressTarget, settings: ProgressSettings): Progress {
  if (!progressWanted(target, settings)) return { step() {}, tick() {}, clear() {}, end() {} };
  const now = settings.now ?? (() => performance.now());
  const started = now();
  let text = "working";
  let shown: string | undefined;
  let drawnAt = -Infinity;
  const draw = () => {
    const t = now();
    if (t - started < PROGRESS_AFTER_MS || t - drawnAt < REDRAW_MS) return;
    // a terminal that does not say its width (or says 0, as some pseudo-terminals do) is taken to be 80 wide
    const width = target.columns !== undefined && target.columns >= 20 ? target.columns : 80;
    const line = cut(`${settings.command}: ${text} · ${Math.floor((t - started) / 1000)} s`, width - 1);
    if (line === shown) return;
    target.write(`\r${line}\x1b[K`);
    shown = line;
    drawnAt = t;
  };
  const clear = () => {
    if (shown === undefined) return;
    target.write(CLEAR);
    shown = undefined;
  };
  const timer = setInterval(draw, 250);
  timer.unref?.();
  return {
    step(next) {
      text = next;
      draw();
    },
    tick: draw,
    clear,
    end() {
      clearInterval(timer);
      clear();
    },
  };
}

/** The line cut to `width` characters, ending in "…" when it was longer. */
function cut(line: string, width: number): string {
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}
