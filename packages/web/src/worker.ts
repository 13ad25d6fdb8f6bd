import { SapProblems, TrialstatError, formatProblem } from "@trialstat/core";
import { zipSync } from "fflate";
import type { RunRequest, WorkerReply } from "./messages.js";
import { droppedPlanInput } from "./plan-files.js";
import { planOutputs } from "./plan-outputs.js";

/**
 * The Web Worker that runs a plan off the page's thread (page.ts starts it from a Blob URL): reads
 * the dropped files synchronously with FileReaderSync, as the plan runner asks for them, runs the
 * plan and replies with every output file and a zip of them all — or with the problems, each with
 * its hint, as the CLI words them. Nothing is sent anywhere but back to the page.
 */
declare const FileReaderSync: { new (): { readAsArrayBuffer(blob: Blob): ArrayBuffer } };
const scope = self as unknown as { onmessage: ((e: MessageEvent<RunRequest>) => void) | null; postMessage(message: WorkerReply, transfer?: Transferable[]): void };
/** Every zip entry's time: a constant, so that the same outputs give the same zip. */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

scope.onmessage = (e) => {
  const started = performance.now();
  const { sap, files } = e.data;
  const reader = new FileReaderSync();
  const read = (path: string) => new Uint8Array(reader.readAsArrayBuffer(files[path]));
  let reply: WorkerReply;
  try {
    const out = planOutputs(droppedPlanInput(sap, Object.keys(files), read));
    const encoder = new TextEncoder();
    const zip = zipSync(Object.fromEntries(Object.entries(out.files).map(([name, content]) => [name, typeof content === "string" ? encoder.encode(content) : content])), { mtime: ENTRY_TIME });
    reply = { type: "done", ...out, zip, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    reply = { type: "failed", problems: problemsOf(error) };
  }
  scope.postMessage(reply);
};

/** An error as the lines the page shows: every problem of a SAP, or the one error with its place and hint. */
function problemsOf(error: unknown): { message: string; hint?: string }[] {
  if (error instanceof SapProblems) return error.problems.map((p) => ({ message: formatProblem(p), hint: p.hint }));
  if (error instanceof TrialstatError) return [{ message: `${error.where ? `${error.where}: ` : ""}${error.message}`, hint: error.hint }];
  return [{ message: `internal error: ${(error as Error)?.message ?? String(error)}`, hint: "this is a bug in trialstat: please report it with the SAP (not the data)" }];
}
