#!/usr/bin/env node
/**
 * `npm run bench`: Pantau's speed, measured in headless Chromium on the production build.
 * Prints a table and writes bench/results.json. Medians over --runs (default 5).
 *
 *   npm run bench -- [--runs 5] [--sizes 100000,1000000] [--quick]
 *
 * Measures:
 * - cold start to ready on the sample (data-pantau-state=ready), and the app's own timings;
 * - ingest of generated households files (Indonesian `;` CSV, plain CSV) from the moment the
 *   file is given to the moment the overview's indicators are shown again;
 * - the raw pipeline in the same page (duckdb-wasm read_csv + one indicator query) for the ratio.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const opt = (n, d) => {
	const i = args.indexOf(`--${n}`);
	return i >= 0 ? args[i + 1] : d;
};
const quick = args.includes('--quick');
const RUNS = Number(opt('runs', quick ? 3 : 5));
const SIZES = String(opt('sizes', quick ? '100000' : '100000,1000000'))
	.split(',')
	.map(Number);
const PORT = Number(opt('port', 4390));
/** The built app to serve (default build/; a copy keeps a concurrent rebuild from disturbing the run). */
const DIR = opt('dir', 'build');
const OUT = 'bench';
const DATA = path.join(OUT, 'data');
mkdirSync(DATA, { recursive: true });

if (!existsSync(path.join(DIR, '200.html'))) execSync('npm run build', { stdio: 'inherit' });

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Deterministic households file: `n` rows in three rounds; Indonesian or plain form. */
function writeHouseholds(n, form) {
	const file = path.join(DATA, `households_${n}_${form}.csv`);
	if (existsSync(file)) return file;
	let seed = 42;
	const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
	const dusun = ['Krajan', 'Sukamaju', 'Mekarsari', 'Cibodas', 'Karanganyar', 'Sindangsari'];
	const rounds = [
		['baseline', '2023-03-'],
		['midline', '2024-03-'],
		['endline', '2025-03-']
	];
	const id = form === 'id';
	const sep = id ? ';' : ',';
	const head = id
		? ['id_rt', 'putaran', 'tanggal_survei', 'dusun', 'kelompok', 'jk_kepala', 'jumlah_anggota', 'pendapatan_bulanan', 'listrik', 'air_layak', 'jalan_2km', 'bobot']
		: ['household_id', 'round', 'survey_date', 'dusun', 'group', 'head_sex', 'members', 'income_month_idr', 'electricity', 'water_improved', 'road_2km', 'weight'];
	const lines = [head.join(sep)];
	const yes = id ? 'ya' : 'true';
	const no = id ? 'tidak' : 'false';
	for (let i = 0; i < n; i++) {
		const [round, ym] = rounds[i % 3];
		const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
		const date = id ? `${day}/${ym.slice(5, 7)}/${ym.slice(0, 4)}` : `${ym}${day}`;
		const members = 1 + Math.floor(rnd() * 7);
		const income = Math.round(members * (300000 + rnd() * 1200000)) + (rnd() < 0.3 ? 0.5 : 0);
		const money = id ? income.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.').replace(/,00$/, '') : String(income);
		const weight = (0.5 + rnd()).toFixed(3);
		lines.push(
			[
				`H${Math.floor(i / 3)}`,
				round,
				date,
				dusun[i % 6],
				i % 3 === 0 ? 'comparison' : 'program',
				rnd() < 0.2 ? (id ? 'P' : 'F') : id ? 'L' : 'M',
				members,
				money,
				rnd() < 0.85 ? yes : no,
				rnd() < 0.7 ? yes : no,
				rnd() < 0.75 ? yes : no,
				id ? weight.replace('.', ',') : weight
			].join(sep)
		);
	}
	writeFileSync(file, lines.join('\n') + '\n');
	return file;
}

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT), '--dir', DIR], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const base = `http://127.0.0.1:${PORT}`;
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage']
});
const ready = (page) => page.waitForFunction(() => document.documentElement.dataset.pantauState === 'ready', null, { timeout: 600_000, polling: 20 });

const results = { date: new Date().toISOString(), runs: RUNS, machine: { cores: (await import('node:os')).cpus().length }, measures: {} };
const rows = [];
function record(name, values, unit = 'ms', target = null) {
	const m = median(values);
	results.measures[name] = { median: m, runs: values, unit, target };
	rows.push([name, m, unit, target]);
}

try {
	// Cold start on the sample, each run in a fresh browser context (no cache).
	const cold = [];
	const engine = [];
	const load = [];
	for (let i = 0; i < RUNS; i++) {
		const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await ctx.newPage();
		const t0 = Date.now();
		await page.goto(`${base}/`);
		await ready(page);
		cold.push(Date.now() - t0);
		const ds = await page.locator('footer').evaluate((e) => ({ ...e.dataset }));
		engine.push(Number(ds.engineMs));
		load.push(Number(ds.loadMs));
		await ctx.close();
	}
	record('cold start to ready, sample (page load to data-pantau-state=ready)', cold, 'ms', '< 3000');
	record('  of which DuckDB start (worker, wasm, open)', engine);
	record('  of which sample load (12 files)', load);

	for (const n of SIZES) {
		for (const form of ['id', 'plain']) {
			const file = writeHouseholds(n, form);
			const bytes = statSync(file).size;
			const times = [];
			for (let i = 0; i < RUNS; i++) {
				const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
				const page = await ctx.newPage();
				await page.goto(`${base}/data`);
				await ready(page);
				const t0 = Date.now();
				await page.locator('input[type=file][multiple]').setInputFiles(file);
				await page.waitForFunction(() => document.documentElement.dataset.pantauState === 'loading', null, { polling: 5 }).catch(() => {});
				await ready(page);
				await page.getByRole('link', { name: /Ringkasan|Overview/ }).first().click();
				await page.waitForTimeout(30);
				await ready(page);
				times.push(Date.now() - t0);
				await ctx.close();
			}
			record(`households ${n.toLocaleString('en')} rows, ${form === 'id' ? 'Indonesian ; CSV' : 'plain CSV'} (${(bytes / 1e6).toFixed(1)} MB): file given to indicators shown`, times);
		}
	}
} finally {
	await browser.close();
	server.kill();
}

writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\nPantau benchmark, ${results.date}, medians of ${RUNS} runs, headless Chromium\n`);
console.log(`${'measure'.padEnd(w)}  ${'median'.padStart(9)}  target`);
for (const [name, m, unit, target] of rows) console.log(`${name.padEnd(w)}  ${(Math.round(m) + ' ' + unit).padStart(9)}  ${target ?? ''}`);
console.log(`\nwritten: ${path.join(OUT, 'results.json')}`);
