#!/usr/bin/env node
/**
 * Screenshots of pages in headless Chromium, after `data-pantau-state` is `ready`.
 *   node scripts/screenshot.mjs http://127.0.0.1:4173/?lang=en out.png [--width 1366 --height 768] [--full]
 */
import { chromium } from '@playwright/test';

const [url, out, ...rest] = process.argv.slice(2);
const opt = (n, d) => {
	const i = rest.indexOf(`--${n}`);
	return i >= 0 ? rest[i + 1] : d;
};
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage']
});
const page = await browser.newPage({ viewport: { width: Number(opt('width', 1366)), height: Number(opt('height', 768)) }, deviceScaleFactor: Number(opt('scale', 1)) });
const logs = [];
page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
const t0 = Date.now();
await page.goto(url);
try {
	await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready', null, { timeout: 60000 });
} catch {
	logs.push('[timeout] not ready after 60 s: ' + (await page.evaluate(() => document.documentElement.dataset.pantauState)));
}
console.log(`ready after ${Date.now() - t0} ms`);
await page.waitForTimeout(Number(opt('settle', 300)));
await page.screenshot({ path: out, fullPage: rest.includes('--full') });
if (logs.length) console.log(logs.join('\n'));
await browser.close();
