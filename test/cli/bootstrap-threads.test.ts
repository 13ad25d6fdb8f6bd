import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type BlockRunnerName, type DrawBlock, fitBootstrap, mapBlocksHere, parseCsv } from "@trialstat/core";
import { workerBlockMapper } from "../../packages/cli/src/bootstrap-workers.js";
import { workerBlockMapperSync } from "../../packages/cli/src/bootstrap-workers-sync.js";
import { repoPath } from "../helpers.js";

// The blocks of a real bootstrap (199 pairs draws on the example trial), as fit --bootstrap hands them
// to the threads, and their numbers computed here in the calling thread.
let job: { run: BlockRunnerName; task: unknown; blocks: readonly DrawBlock[]; here: readonly Float64Array[] } | undefined;
await fitBootstrap(parseCsv(readFileSync(repoPath("examples/fit/trial.csv"), "utf8")), { formula: "swemwbs12 ~ treat + swemwbs0 + age + site" }, { type: "pairs", draws: 199, seed: 1 }, async (run, task, blocks) => {
  const here = await mapBlocksHere(run, task, blocks);
  job = { run, task, blocks, here };
  return here;
});
const { run, task, blocks, here } = job!;
// a task the worker cannot run: its block comes back as an error
const broken = { ...(task as object), design: null };

/**
 * Runs `f` and counts the worker threads it started that have exited (their 'exit' event) when it
 * has returned, and then at most `wait` ms later once two have; and the calls of `terminate`. A
 * thread started by `f` is known by the event its constructor emits ('newListener'), so that
 * threads of earlier calls, exiting late, are not counted.
 */
async function threadsDuring(f: () => Promise<unknown>, wait = 0): Promise<{ exitedAtReturn: number; exited: number; terminated: number }> {
  const started = new Set<Worker>();
  let running = true;
  let exited = 0;
  const emit = Worker.prototype.emit;
  vi.spyOn(Worker.prototype, "emit").mockImplementation(function (this: Worker, event: string | symbol, ...args: unknown[]) {
    if (running && event === "newListener") started.add(this);
    if (event === "exit" && started.has(this)) exited++;
    return emit.call(this, event, ...args);
  });
  const terminate = vi.spyOn(Worker.prototype, "terminate");
  await f().catch(() => undefined);
  running = false;
  const exitedAtReturn = exited;
  for (const until = Date.now() + wait; exited < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
  return { exitedAtReturn, exited, terminated: terminate.mock.calls.length };
}

afterEach(() => {
  vi.restoreAllMocks();
});

// Node 20 can abort the process (NodePlatform::ForIsolate) when a thread is terminated while V8 is
// still optimising its code in the background: the threads are asked to stop, never terminated.
describe("bootstrap worker threads end of themselves", () => {
  it("fit's threads: the same numbers as here, and every thread has exited when the promise settles", async () => {
    let got: readonly Float64Array[] = [];
    const threads = await threadsDuring(async () => (got = await workerBlockMapper(2)(run, task, blocks)));
    expect(got).toEqual(here);
    expect(threads).toEqual({ exitedAtReturn: 2, exited: 2, terminated: 0 });
  });

  it("fit's threads, when a block fails: the promise rejects with its error, after every thread has exited", async () => {
    await expect(workerBlockMapper(2)(run, broken, blocks)).rejects.toThrow();
    const threads = await threadsDuring(() => workerBlockMapper(2)(run, broken, blocks));
    expect(threads).toEqual({ exitedAtReturn: 2, exited: 2, terminated: 0 });
  });

  // the plan runner's threads: the calling thread was blocked, so it sees the exits only afterwards
  it("a plan's threads (synchronous): the same numbers, and the threads exit unterminated, also after a failed block", async () => {
    let got: readonly Float64Array[] = [];
    const threads = await threadsDuring(async () => (got = workerBlockMapperSync(2)(run, task, blocks)), 30_000);
    expect(got).toEqual(here);
    expect(threads).toEqual({ exitedAtReturn: 0, exited: 2, terminated: 0 });
    expect(() => workerBlockMapperSync(2)(run, broken, blocks)).toThrow();
    expect(await threadsDuring(async () => workerBlockMapperSync(2)(run, broken, blocks), 30_000)).toEqual({ exitedAtReturn: 0, exited: 2, terminated: 0 });
  });
});
