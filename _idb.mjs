import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', '4392', '--dir', '/tmp/b1'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4392/data');
await page.locator('input[type=file][multiple]').waitFor({ state: 'attached' });
for (const f of ['bench/data/households_1000000_id.csv', 'bench/data/households_1000000_parquet.parquet']) {
  await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.id = '__x'; document.body.append(i); });
  await page.locator('#__x').setInputFiles(f);
  const r = await page.evaluate(async () => {
    const file = document.getElementById('__x').files[0];
    const bytes = new Uint8Array(await file.arrayBuffer());
    const db = await new Promise((res, rej) => { const q = indexedDB.open('__t', 1); q.onupgradeneeded = () => q.result.createObjectStore('s'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
    const out = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await new Promise((res, rej) => { const tx = db.transaction('s', 'readwrite'); tx.objectStore('s').put({ blob: new Blob([bytes]) }, 'k' + i); tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
      out.push(Math.round(performance.now() - t));
    }
    document.getElementById('__x').remove();
    return out;
  });
  console.log(f, r.join(' '));
}
await browser.close(); server.kill();
