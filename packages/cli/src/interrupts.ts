import { constants } from "node:os";

/** The signals that end a run from outside: Ctrl-C, `kill`, a closed terminal. */
export const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

/**
 * Deferred interruption, for the steps that put outputs in place. Until `defer` is called a signal
 * has its default effect (the process ends at once, which is harmless while nothing has been
 * written). After `defer`, SIGINT, SIGTERM and SIGHUP are only recorded: the writer looks at
 * `received()` between the files it stages and, if one came, removes what it staged and stops; a
 * synchronous step (swapping the files into place) always runs to its end. The binary
 * (process-interrupts.ts) ends the process with the recorded signal once the command is over;
 * in-process callers (tests) pass their own or none.
 *
 * Example: `io.interrupts?.defer(); ...stage...; if (io.interrupts?.received()) throw new Interrupted(...)`.
 */
export interface Interrupts {
  /** From now until the command ends, interrupting signals are recorded instead of ending the process. Idempotent. */
  defer(): void;
  /** The first interrupting signal received since `defer`, if any. */
  received(): InterruptSignal | undefined;
}

/**
 * A command stopped by a signal before it changed anything. The CLI reports it as
 * `interrupted (SIGINT): ...` and exits 128 + the signal's number, as a shell reports a process
 * the signal ended.
 */
export class Interrupted extends Error {
  constructor(
    readonly signal: InterruptSignal,
    message: string,
  ) {
    super(message);
    this.name = "Interrupted";
  }

  get exitCode(): number {
    return 128 + constants.signals[this.signal];
  }
}

/**
 * Lets the event loop run once, so that a signal that arrived meanwhile reaches its listener (Node
 * delivers signals between tasks, never inside synchronous code).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
