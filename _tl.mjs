// Timeline of worker calls during a 1M ingest + overview.  node _tl.mjs <builddir> <file>
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const dir = process.argv[2], file = process.argv[3];
const port = 4391;
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port), '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.addInitScript(() => {
  const log = (window.__tl = []);
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...a) { super(...a); this.addEventListener('message', (e) => { const d = e.data; if (d && d.type !== 'progress') log.push({ t: performance.now(), dir: 'res', id: d.id }); else if (d) log.push({ t: performance.now(), dir: 'prog', id: d.id, stage: d.stage }); }); }
    postMessage(m, ...r) { log.push({ t: performance.now(), dir: 'req', id: m?.id, op: m?.req?.op, what: JSON.stringify(m?.req ?? '').slice(0, 120) }); return super.postMessage(m, ...r); }
  };
  document.addEventListener('change', () => window.__tl.push({ t: performance.now(), dir: 'GIVEN' }), true);
});
await page.goto(`http://127.0.0.1:${port}/data`);
await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready', null, { timeout: 60000 });
await page.waitForTimeout(1500);
await page.evaluate(() => (window.__tl.length = 0));
await page.locator('input[type=file][multiple]').setInputFiles(file);
await page.waitForFunction(() => window.__tl.some((e) => e.dir === 'GIVEN'), null, { timeout: 60000 });
await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready' && window.__tl.filter((e) => e.dir === 'res').length > 0 && document.querySelector('.report, [data-table]'), null, { timeout: 120000, polling: 20 });
await page.waitForTimeout(300);
const tNav = await page.evaluate(() => { const a = document.querySelector('header nav a'); const h = new URL(a.href); h.searchParams.set('period', '2025'); a.setAttribute('href', h.pathname + h.search); const t = performance.now(); window.__tl.push({ t, dir: 'NAV' }); a.click(); return t; });
await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready' && document.querySelectorAll('[data-indicator][data-value]:not([data-value=""])').length >= 5 && location.pathname.replace(/\/$/, '') === '', null, { timeout: 120000, polling: 10 });
const tShown = await page.evaluate(() => performance.now());
const tl = await page.evaluate(() => window.__tl);
const t0 = tl.find((e) => e.dir === 'GIVEN').t;
const reqs = new Map();
for (const e of tl) {
  if (e.dir === 'req') reqs.set(e.id, e);
  if (e.dir === 'res') { const q = reqs.get(e.id); console.log(`${Math.round(q.t - t0)}\t${Math.round(e.t - q.t)}\t${q.what}`); }
  if (e.dir === 'NAV' || e.dir === 'GIVEN') console.log(`${Math.round(e.t - t0)}\t${e.dir}`);
}
console.log('shown', Math.round(tShown - t0), 'nav->shown', Math.round(tShown - tNav));
await browser.close(); server.kill();
