/**
 * The workspace's journal with a large register: how long from navigation until its first page is on screen.
 * Generates 150,000 complaints (≈1,000,000 events, as the read-side bench does), starts the built API on them,
 * waits until the read models have caught up, then opens /journal in Debian's Chromium (headless, as the
 * browser tests do) N times — each a full page load with the token already in the tab — and reports the times
 * until the first row of the table is visible.
 *
 *   npm run bench:workspace [-- --complaints=150000 --runs=15]
 */
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt, issueApiToken, killApiProcesses, startApiProcess } from '../test/support/api-process';
import { ensureWebBuilt, launchChromium, newPage, signIn } from '../test/support/browser';
import { generateLedger } from '../test/support/ledger-generator';
import { percentile } from './stats';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

const main = async () => {
  const complaints = arg('complaints', 150_000);
  const runs = arg('runs', 15);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-workspace-bench-'));
  try {
    ensureBuilt();
    ensureWebBuilt();
    console.log(`generating ${complaints.toLocaleString('en')} complaints …`);
    const writer = new SqliteEventStore(join(dir, EVENTS_FILE));
    const generated = await generateLedger(writer, { complaints, seed: 20261125, from: '2025-01-01', to: '2026-11-01', concurrency: 128, workerThread: true });
    await writer.close();
    console.log(`  ${generated.events.toLocaleString('en')} events in ${generated.seconds.toFixed(0)} s`);

    const token = issueApiToken(dir, 'officer-bench', 'quality-officer');
    const api = await startApiProcess(dir, 'the API');
    const started = Date.now();
    // The read models are built from the events at start: measure the journal once they have caught up.
    for (;;) {
      try {
        const health = (await (await fetch(`${api.base}/health`, { signal: AbortSignal.timeout(30_000) })).json()) as {
          projections: Array<{ state: string; lag: { events: number } }>;
        };
        if (health.projections.every((p) => p.state === 'live' && p.lag.events === 0)) break;
      } catch {
        // Busy catching up: ask again.
      }
      await sleep(2000);
    }
    console.log(`  read models caught up in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const browser = await launchChromium();
    const { page } = await newPage(browser, api.base);
    await signIn(page, token, '/deadlines');
    const times: number[] = [];
    for (let run = 0; run < runs + 2; run++) {
      await page.goto('/deadlines');
      await page.locator('h1').waitFor();
      const t0 = performance.now();
      await page.goto('/journal');
      await page.locator('table.journal tbody tr').first().waitFor();
      // The first two are warm-up (the server's first queries, the browser's cache).
      if (run >= 2) times.push(performance.now() - t0);
    }
    const total = await page.locator('.toolbar .total').textContent();
    await browser.close();
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`journal's first page on screen after navigation (${runs} runs, ${total}):`);
    console.log(`  median ${percentile(sorted, 50).toFixed(0)} ms, p90 ${percentile(sorted, 90).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
  } finally {
    await killApiProcesses();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
