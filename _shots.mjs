import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const dir = process.argv[2], out = process.argv[3];
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '4393', '--dir', dir], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const [name, path, vw, vh] of [['overview-en-1366', '/?lang=en', 1366, 768], ['overview-id-phone', '/', 390, 844], ['data-en-phone', '/data?lang=en', 390, 844], ['area-income-id-1366', '/areas/income', 1366, 768]]) {
  const page = await browser.newPage({ viewport: { width: vw, height: vh } });
  await page.goto(`http://127.0.0.1:4393${path}`);
  await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready', null, { timeout: 60000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  await page.close();
}
await browser.close(); server.kill();
