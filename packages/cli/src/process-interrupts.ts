import { INTERRUPT_SIGNALS, type InterruptSignal, type Interrupts, yieldToEventLoop } from "./interrupts.js";

/**
 * The binary's interrupts: `defer` installs listeners for SIGINT, SIGTERM and SIGHUP that record
 * the first signal; `finish` (called once the command has returned) gives a signal that arrived in
 * the last synchronous step one turn of the event loop to be delivered, removes the listeners
 * (restoring the default action) and, if a signal came, sends it again to this process, which then
 * ends of that signal exactly as it would have without the deferral. Re-raising (rather than
 * exiting with 128 + n) is what a calling shell needs to see to stop a script on Ctrl-C
 * (https://www.cons.org/cracauer/sigint.html); the shell shows 130 (SIGINT) or 143 (SIGTERM).
 */
export function processInterrupts(): Interrupts & { finish(): Promise<void> } {
  let deferring = false;
  let first: InterruptSignal | undefined;
  const record = (signal: NodeJS.Signals) => {
    first ??= signal as InterruptSignal;
  };
  return {
    defer() {
      if (deferring) return;
      deferring = true;
      for (const s of INTERRUPT_SIGNALS) process.on(s, record);
    },
    received: () => first,
    async finish() {
      if (!deferring) return;
      await yieldToEventLoop();
      for (const s of INTERRUPT_SIGNALS) process.off(s, record);
      deferring = false;
      if (first) process.kill(process.pid, first);
    },
  };
}
