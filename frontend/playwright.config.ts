// Playwright browser tests: real journeys against the real Django backend in Debian's Chromium.
// The backend (scripts/e2e-server.sh) serves the built SPA, so run `npm run build` first.
import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two runs on one machine each serve their own backend.
const port = process.env.E2E_PORT ?? '8123';
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Browser downloads do not work on our machines: always use Debian's Chromium.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'sh ../scripts/e2e-server.sh',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: !process.env.CI,
    // Making the demo videos on a fresh checkout (E2E_DEMO_VIDEOS) takes about 90 s of it.
    timeout: 300_000,
    // Django's request log is noise unless a run is being debugged: E2E_SERVER_LOGS=1 shows it.
    stdout: process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore',
    stderr: process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore',
  },
});
