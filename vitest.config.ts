import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Fakes bind to 127.0.0.1:0 so files can run in parallel; the machine has 2 cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
