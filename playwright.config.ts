import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium against the production build, on a
 * fresh embedded database with the demo data. `npm run test:e2e` builds first.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
export const e2eDatabaseDir = "tmp/e2e/pglite";
export const e2eServerLog = "tmp/e2e/server.log";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  // CI runs two browsers, the server and its database on two cores: a save
  // that answers in under a second when idle was seen to take over 5 s there.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Measured first, on the freshly seeded demo data, before other tests add to the plans.
    {
      name: "fresh",
      testMatch: /page-weight\.test\.ts/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "chromium",
      testIgnore: /page-weight\.test\.ts/,
      dependencies: ["fresh"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: {
    // Bulk BV (prisma/bulk.ts) with a few pages of cases, for the case list's paging.
    command: `rm -rf tmp/e2e && mkdir -p tmp/e2e && npm run db:deploy && npm run db:seed && npm run db:seed:bulk -- --cases 60 --plan-items 10 && npm run serve > ${e2eServerLog} 2>&1`,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATABASE_URL: `pglite:./${e2eDatabaseDir}`,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DEV_OUTBOX: "1",
      DEV_FAULT: "1",
    },
  },
});
