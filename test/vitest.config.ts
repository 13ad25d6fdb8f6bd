import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    // tests import the library from source, so they never run against a stale build
    alias: [
      { find: /^@trialstat\/core\/(version|errors)$/, replacement: fileURLToPath(new URL("../packages/core/src/$1.ts", import.meta.url)) },
      { find: /^@trialstat\/core$/, replacement: fileURLToPath(new URL("../packages/core/src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 60_000,
    // real work (generating and running the example study) happens in hooks; a loaded machine must not fail it
    hookTimeout: 120_000,
    setupFiles: ["test/setup.ts"],
    // the example study, generated and run once for the suite in a process of its own (test/hlt-study)
    globalSetup: ["test/global-setup.ts"],
    // one module graph per worker thread, not one per test file: collecting 130 files each in a fresh
    // process took half the suite's time (116 s → 62 s quiet; green with two busy processes beside it)
    pool: "threads",
    isolate: false,
    // a worker per core: vitest's default leaves one core to the main thread (one worker on this
    // 2-core machine), which sits idle; with two the suite takes ~70% of the time
    maxWorkers: "100%",
    reporters: ["default"],
  },
});
