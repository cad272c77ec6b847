#!/usr/bin/env node
/**
 * The transparency report as a PDF, from the command line, with no data leaving the machine:
 *
 *   npm run report -- --period 2025 --lang id --out report.pdf [files...]
 *
 * Serves build/ (building it first when missing) on a free local port with scripts/serve.mjs,
 * opens the app in headless Chromium, loads the given files through the Data page's file
 * picker (or uses the built-in sample when no file is given), opens /report, waits for
 * `data-pantau-state=ready`, and prints the page to an A4 PDF.
 *
 * Options: --period 2025 | 2025-Q3 (default: the latest complete year in the data),
 * --lang id | en (default id), --out FILE (default report.pdf), --timeout SECONDS (default 300).
 * Chromium: $CHROME_PATH, else /usr/bin/chromium.
 */
import { spawn, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
	if (message) console.error(`report: ${message}`);
	console.error('usage: npm run report -- [--period 2025|2025-Q3] [--lang id|en] [--out report.pdf] [files...]');
	process.exit(2);
}

function parseArgs(argv) {
	const opts = { period: null, lang: 'id', out: 'report.pdf', timeout: 300, files: [] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) usage(`${a} needs a value`);
			return v;
		};
		if (a === '--period') opts.period = value();
		else if (a === '--lang') opts.lang = value();
		else if (a === '--out') opts.out = value();
		else if (a === '--timeout') opts.timeout = Number(value());
		else if (a === '--help' || a === '-h') usage();
		else if (a.startsWith('--')) usage(`unknown option ${a}`);
		else opts.files.push(resolve(a));
	}
	if (opts.period !== null && !/^\d{4}(-Q[1-4])?$/.test(opts.period)) usage(`--period must be a year (2025) or a quarter (2025-Q3), not "${opts.period}"`);
	if (opts.lang !== 'id' && opts.lang !== 'en') usage(`--lang must be id or en, not "${opts.lang}"`);
	if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('--timeout must be a number of seconds');
	for (const f of opts.files) if (!existsSync(f)) usage(`no such file: ${f}`);
	return opts;
}

function freePort() {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => res(port));
		});
	});
}

async function waitForServer(url, ms) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			const r = await fetch(url);
			if (r.ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`the app server did not answer at ${url}`);
}

async function waitReady(page, ms, extra = '') {
	await page.waitForFunction(
		(extraCheck) => {
			const html = document.documentElement;
			if (html.dataset.pantauState === 'error') return true;
			if (html.dataset.pantauState !== 'ready') return false;
			return extraCheck ? Boolean(document.querySelector(extraCheck)) : true;
		},
		extra,
		{ timeout: ms, polling: 200 }
	);
	const state = await page.evaluate(() => document.documentElement.dataset.pantauState);
	if (state === 'error') {
		const text = await page.locator('[role=alert]').allInnerTexts();
		throw new Error(`the app reported an error: ${text.join(' / ')}`);
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const out = resolve(opts.out);
	if (!existsSync(join(root, 'build', '200.html'))) {
		console.error('report: build/ is missing; building the app (npm run build)…');
		execSync('npm run build', { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
	}
	const port = await freePort();
	const server = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--port', String(port), '--dir', join(root, 'build')], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const origin = `http://127.0.0.1:${port}`;
	let browser = null;
	const stop = () => {
		if (server.exitCode === null) server.kill();
	};
	process.on('exit', stop);
	try {
		await waitForServer(`${origin}/`, 30_000);
		browser = await chromium.launch({
			executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--disable-dev-shm-usage'
			]
		});
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		page.on('pageerror', (e) => console.error(`report: page error: ${e.message}`));
		const ms = opts.timeout * 1000;
		const query = new URLSearchParams();
		if (opts.period) query.set('period', opts.period);
		if (opts.lang === 'en') query.set('lang', 'en');
		const qs = query.toString() ? `?${query}` : '';

		if (opts.files.length > 0) {
			await page.goto(`${origin}/data${qs}`);
			await waitReady(page, ms);
			await page.locator('input[type=file][multiple]').setInputFiles(opts.files);
			// Loading replaces the sample: ready again, with the sample banner gone.
			await page.waitForFunction(
				() => document.documentElement.dataset.pantauState === 'ready' && !document.querySelector('[data-sample="true"]'),
				null,
				{ timeout: ms, polling: 200 }
			);
			for (const text of await page.locator('[role=alert]').allInnerTexts()) console.error(`report: ${text.trim()}`);
			// The loaded data lives in this page's engine: go to the report without reloading.
			await page.locator('header nav a[href*="/report"]').first().click();
			await page.waitForURL((u) => u.pathname.endsWith('/report'), { timeout: ms });
		} else {
			await page.goto(`${origin}/report${qs}`);
		}
		await waitReady(page, ms, 'article.report');
		await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
		const period = await page.locator('article.report').getAttribute('data-report-period');
		console.log(`report: ${out} (period ${period}, ${opts.lang}, ${opts.files.length ? `${opts.files.length} file(s)` : 'the sample'})`);
	} finally {
		if (browser) await browser.close();
		stop();
	}
}

main().catch((e) => {
	console.error(`report: ${e?.message ?? e}`);
	process.exit(1);
});
