#!/usr/bin/env node
/**
 * `npm run bench`: Pantau's speed, measured in headless Chromium on the production build.
 * Prints a table (with each target and met/MISSED) and writes bench/results.json with every run.
 * Not part of `npm test`.
 *
 *   npm run bench -- [--runs 5] [--sizes 100000,1000000] [--big 5000000 | --no-big]
 *                    [--forms id,plain,parquet] [--big-forms id,plain,parquet] [--no-people] [--no-warmup] [--changes 24]
 *                    [--dir build] [--port 4390] [--quick]
 *                    [--only cold,ingest,filter,remote,big]
 *
 * --quick: sizes 100000, 3 runs, no 5M attempt (a smoke run, e.g. for CI).
 * --dir: the built app to serve (default build/; a private copy keeps a concurrent rebuild
 * from disturbing the run). The app must include the `bench` op (src/lib/engine/bench-ops.ts).
 *
 * What it measures (medians over --runs, each run in a fresh browser context):
 * - cold start on the sample: navigation to the first indicator value on screen (a visible
 *   `[data-indicator]` with a non-empty data-value), and to ready (data-pantau-state=ready);
 * - initial JS of `/`, gzipped (the page's own scripts, without the engine worker, the service
 *   worker and wasm), and the wasm bytes;
 * - ingest of generated data: households (and households + people) of each size as
 *   Indonesian `;` CSV (decimal commas, `Rp`-style thousands, DD/MM/YYYY, ya/tidak, L/P),
 *   plain CSV, and Parquet (snappy): from the moment the file is given on /data (the input's
 *   change event) to the moment the overview shows its indicators (values present, ready);
 * - in the same page and run: the raw pipeline (a `bench` op in the engine worker: DuckDB
 *   read_csv with the dialect and types spelled out, or parquet-wasm into DuckDB, plus one raw
 *   indicator query) and the pure-JS pipeline (papaparse on the same File, typed by hand, plus
 *   the households indicators in JS loops, on the main thread as a small dashboard would);
 * - period / dusun change to all values and charts redrawn, p50 and p95, on the sample and on
 *   1M rows (from the select's change to the last state change, DOM change or canvas repaint);
 * - peak JS heap of the page (CDP), peak RSS of Chromium, DuckDB's own memory and the
 *   worker's wasm memory;
 * - a 1M-row Parquet file loaded by URL from a second local server (range requests), with the
 *   bytes that server sent against the file's size;
 * - 5M rows, once per format: loaded, refused with a message, or crashed (never a hang).
 *
 * Notes on method:
 * - Each ingest run starts on /data of a fresh context, once the sample is loaded and the
 *   service worker has installed. One raw load of a 2,000-row file of the same form warms
 *   DuckDB's wasm code for both pipelines; Pantau and the raw pipeline then alternate order.
 * - After the load, the bench opens the overview for period=2025 (the latest survey round),
 *   the round all three pipelines compute; without it the overview would show the latest
 *   complete year, 2024 (the generated rounds are dated March 2023, 2024 and 2025).
 * - The three pipelines are checked against each other: the poverty headcount of the latest
 *   round (INC-02 on the overview, the raw query, the JS loops) is kept in results.json.
 */
import { execSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import {
	closeSync,
	createReadStream,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	renameSync,
	statSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (n, d) => {
	const i = args.indexOf(`--${n}`);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : d;
};
const flag = (n) => args.includes(`--${n}`);
const quick = flag('quick');
const RUNS = Number(opt('runs', quick ? 3 : 5));
const SIZES = String(opt('sizes', quick ? '100000' : '100000,1000000'))
	.split(',')
	.map(Number)
	.filter((n) => n > 0);
const BIG = flag('no-big') || quick ? 0 : Number(opt('big', 5_000_000));
const BIG_FORMS = String(opt('big-forms', 'id,plain,parquet')).split(',');
/** The file forms of the ingest measure (all three by default). */
const FORMS = String(opt('forms', 'id,plain,parquet')).split(',');
const PEOPLE = !flag('no-people');
const CHANGES = Number(opt('changes', 24));
const WARMUP = !flag('no-warmup');
const PORT = Number(opt('port', 4390));
const DATA_PORT = PORT + 1;
const DIR = opt('dir', 'build');
const ONLY = opt('only', null)?.split(',') ?? null;
const wants = (part) => !ONLY || ONLY.includes(part);
const OUT = 'bench';
const DATA = path.join(OUT, 'data');
/** The size whose Indonesian CSV is used for the filter-change measure ("on 1M rows"). */
const FILTER_SIZE = SIZES.includes(1_000_000) ? 1_000_000 : Math.max(...SIZES);
/** The Parquet file loaded by URL. */
const REMOTE_SIZE = SIZES.includes(1_000_000) ? 1_000_000 : Math.max(...SIZES);
const POVERTY_LINE = 580349;
mkdirSync(DATA, { recursive: true });

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

if (!existsSync(path.join(DIR, '200.html'))) execSync('npm run build', { stdio: 'inherit' });

// ------------------------------------------------------------------ statistics

const median = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (s.length === 0) return null;
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (s.length === 0) return null;
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const max = (xs) => {
	const s = xs.filter((x) => Number.isFinite(x));
	return s.length ? Math.max(...s) : null;
};

// ------------------------------------------------------------------ data

/** The same pseudo-random sequence for every form of a table, so the files hold the same values. */
function rng(seed) {
	return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const DUSUN = ['Krajan', 'Sukamaju', 'Mekarsari', 'Cibodas', 'Karanganyar', 'Sindangsari'];
const ROUNDS = [
	['baseline', 2023],
	['midline', 2024],
	['endline', 2025]
];

/** Households: n rows, one per household per round (three rounds), six dusun, a comparison group. */
function* households(n) {
	const rnd = rng(42);
	for (let i = 0; i < n; i++) {
		const [round, year] = ROUNDS[i % 3];
		const day = 1 + Math.floor(rnd() * 28);
		const members = 1 + Math.floor(rnd() * 7);
		const income = Math.round(members * (300000 + rnd() * 1200000)) + (rnd() < 0.3 ? 0.5 : 0);
		const weight = (0.5 + rnd()).toFixed(3);
		yield {
			id: `H${Math.floor(i / 3)}`,
			round,
			year,
			month: 3,
			day,
			dusun: DUSUN[i % 6],
			group: i % 3 === 0 ? 'comparison' : 'program',
			female: rnd() < 0.2,
			members,
			income,
			electricity: rnd() < 0.85,
			water: rnd() < 0.7,
			road: rnd() < 0.75,
			weight
		};
	}
}

const LABOUR = [
	['employed', 'bekerja'],
	['unemployed', 'menganggur'],
	['inactive', 'bukan_angkatan_kerja']
];
/** People: n rows, each person in all three rounds, three people per household. */
function* people(n) {
	const rnd = rng(7);
	for (let i = 0; i < n; i++) {
		const p = Math.floor(i / 3);
		const age = Math.floor(rnd() * 90);
		const r = rnd();
		yield {
			id: `P${p}`,
			household: `H${Math.floor(p / 3)}`,
			round: ROUNDS[i % 3][0],
			female: rnd() < 0.5,
			age,
			labour: age < 15 ? null : r < 0.62 ? 0 : r < 0.68 ? 1 : 2,
			checkup: rnd() < 0.55,
			jkn: rnd() < 0.7,
			sick: Math.floor(rnd() * rnd() * 10)
		};
	}
}

const idMoney = (x) =>
	x
		.toFixed(2)
		.replace('.', ',')
		.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
		.replace(/,00$/, '');
const pad = (x) => String(x).padStart(2, '0');

const CSV = {
	households: {
		head: {
			id: ['id_rt', 'putaran', 'tanggal_survei', 'dusun', 'kelompok', 'jk_kepala', 'jumlah_anggota', 'pendapatan_bulanan', 'listrik', 'air_layak', 'jalan_2km', 'bobot'],
			plain: ['household_id', 'round', 'survey_date', 'dusun', 'group', 'head_sex', 'members', 'income_month_idr', 'electricity', 'water_improved', 'road_2km', 'weight']
		},
		line(h, id) {
			const yes = id ? 'ya' : 'true';
			const no = id ? 'tidak' : 'false';
			return [
				h.id,
				h.round,
				id ? `${pad(h.day)}/${pad(h.month)}/${h.year}` : `${h.year}-${pad(h.month)}-${pad(h.day)}`,
				h.dusun,
				h.group,
				h.female ? (id ? 'P' : 'F') : id ? 'L' : 'M',
				h.members,
				id ? idMoney(h.income) : String(h.income),
				h.electricity ? yes : no,
				h.water ? yes : no,
				h.road ? yes : no,
				id ? h.weight.replace('.', ',') : h.weight
			].join(id ? ';' : ',');
		},
		rows: households
	},
	people: {
		head: {
			id: ['id_art', 'id_rt', 'putaran', 'jk', 'umur', 'status_kerja', 'cek_kesehatan', 'bpjs', 'hari_sakit'],
			plain: ['person_id', 'household_id', 'round', 'sex', 'age', 'labour_status', 'health_checkup_12m', 'jkn', 'sick_days_30d']
		},
		line(p, id) {
			const yes = id ? 'ya' : 'true';
			const no = id ? 'tidak' : 'false';
			return [
				p.id,
				p.household,
				p.round,
				p.female ? (id ? 'P' : 'F') : id ? 'L' : 'M',
				p.age,
				p.labour === null ? '' : LABOUR[p.labour][id ? 1 : 0],
				p.checkup ? yes : no,
				p.jkn ? yes : no,
				p.sick
			].join(id ? ';' : ',');
		},
		rows: people
	}
};

/** Writes the file once (deterministic), streaming, through a temporary name. */
function dataFile(kind, n, form) {
	const file = path.join(DATA, `${kind}_${n}_${form}.${form === 'parquet' ? 'parquet' : 'csv'}`);
	if (existsSync(file)) return file;
	log(`generating ${file}`);
	const tmp = `${file}.tmp`;
	if (form === 'parquet') writeFileSync(tmp, parquetOf(kind, n));
	else {
		const spec = CSV[kind];
		const id = form === 'id';
		const fd = openSync(tmp, 'w');
		let buf = [spec.head[form].join(id ? ';' : ',')];
		for (const row of spec.rows(n)) {
			buf.push(spec.line(row, id));
			if (buf.length >= 50000) {
				writeSync(fd, buf.join('\n') + '\n');
				buf = [];
			}
		}
		if (buf.length) writeSync(fd, buf.join('\n') + '\n');
		closeSync(fd);
	}
	renameSync(tmp, file);
	return file;
}

let parquetWasm = null;
let arrow = null;
/** The same rows as Parquet (snappy), typed: strings, DATE, INT32, DOUBLE, BOOLEAN. Canonical names. */
function parquetOf(kind, n) {
	const { makeVector, makeData, vectorFromArray, Table, Utf8, Bool, DateDay, Int32, Float64, tableToIPC } = arrow;
	const str = (a) => vectorFromArray(a, new Utf8());
	const bool = (a) => vectorFromArray(a, new Bool());
	const i32 = (a) => makeVector(makeData({ type: new Int32(), length: a.length, nullCount: 0, data: a }));
	const f64 = (a) => makeVector(makeData({ type: new Float64(), length: a.length, nullCount: 0, data: a }));
	const day = (a) => makeVector(makeData({ type: new DateDay(), length: a.length, nullCount: 0, data: a }));
	let table;
	if (kind === 'households') {
		const c = { id: [], round: [], date: new Int32Array(n), dusun: [], group: [], sex: [], members: new Int32Array(n), income: new Float64Array(n), el: [], wa: [], ro: [], weight: new Float64Array(n) };
		let i = 0;
		for (const h of households(n)) {
			c.id.push(h.id);
			c.round.push(h.round);
			c.date[i] = Date.UTC(h.year, h.month - 1, h.day) / 86400000;
			c.dusun.push(h.dusun);
			c.group.push(h.group);
			c.sex.push(h.female ? 'F' : 'M');
			c.members[i] = h.members;
			c.income[i] = h.income;
			c.el.push(h.electricity);
			c.wa.push(h.water);
			c.ro.push(h.road);
			c.weight[i] = Number(h.weight);
			i++;
		}
		table = new Table({
			household_id: str(c.id),
			round: str(c.round),
			survey_date: day(c.date),
			dusun: str(c.dusun),
			group: str(c.group),
			head_sex: str(c.sex),
			members: i32(c.members),
			income_month_idr: f64(c.income),
			electricity: bool(c.el),
			water_improved: bool(c.wa),
			road_2km: bool(c.ro),
			weight: f64(c.weight)
		});
	} else {
		const c = { id: [], hh: [], round: [], sex: [], age: new Int32Array(n), labour: [], checkup: [], jkn: [], sick: new Int32Array(n) };
		let i = 0;
		for (const p of people(n)) {
			c.id.push(p.id);
			c.hh.push(p.household);
			c.round.push(p.round);
			c.sex.push(p.female ? 'F' : 'M');
			c.age[i] = p.age;
			c.labour.push(p.labour === null ? null : LABOUR[p.labour][0]);
			c.checkup.push(p.checkup);
			c.jkn.push(p.jkn);
			c.sick[i] = p.sick;
			i++;
		}
		table = new Table({
			person_id: str(c.id),
			household_id: str(c.hh),
			round: str(c.round),
			sex: str(c.sex),
			age: i32(c.age),
			labour_status: str(c.labour),
			health_checkup_12m: bool(c.checkup),
			jkn: bool(c.jkn),
			sick_days_30d: i32(c.sick)
		});
	}
	const ipc = tableToIPC(table, 'stream');
	const props = new parquetWasm.WriterPropertiesBuilder().setCompression(parquetWasm.Compression.SNAPPY).build();
	return parquetWasm.writeParquet(parquetWasm.Table.fromIPCStream(ipc), props);
}

async function prepareParquetWriter() {
	if (parquetWasm) return;
	arrow = await import('apache-arrow');
	parquetWasm = await import('parquet-wasm/esm');
	const dir = path.dirname(require.resolve('parquet-wasm/esm/parquet_wasm.js'));
	parquetWasm.initSync({ module: readFileSync(path.join(dir, 'parquet_wasm_bg.wasm')) });
}

if (ONLY?.includes('generate')) {
	// Only write the data files (all sizes, forms, tables, the warm-up files and the big size).
	await prepareParquetWriter();
	for (const n of [2000, ...SIZES, ...(BIG ? [BIG] : [])])
		for (const kind of PEOPLE && n !== BIG ? ['households', 'people'] : ['households'])
			for (const form of ['id', 'plain', 'parquet']) log(dataFile(kind, n, form), statSync(dataFile(kind, n, form)).size);
	process.exit(0);
}

// ------------------------------------------------------------------ servers

const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(PORT), '--dir', DIR], { stdio: 'ignore' });
const base = `http://127.0.0.1:${PORT}`;

/**
 * The bench's own file server for the generated data (another origin, so it sends CORS
 * headers): HTTP range requests, and a count of the bytes it sent per file.
 */
const sent = new Map();
const dataServer = createServer((req, res) => {
	const cors = {
		'access-control-allow-origin': '*',
		'access-control-allow-headers': 'range, if-none-match, if-modified-since',
		'access-control-allow-methods': 'GET, HEAD, OPTIONS',
		'access-control-expose-headers': 'content-range, content-length, accept-ranges, etag, last-modified'
	};
	if (req.method === 'OPTIONS') {
		res.writeHead(204, cors);
		res.end();
		return;
	}
	const name = path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
	const file = path.join(DATA, name);
	if (!name || !existsSync(file)) {
		res.writeHead(404, cors);
		res.end();
		return;
	}
	const size = statSync(file).size;
	const stat = sent.get(name) ?? { bytes: 0, requests: 0, ranges: 0 };
	sent.set(name, stat);
	stat.requests++;
	const headers = { ...cors, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream', 'cache-control': 'no-store' };
	let start = 0;
	let end = size - 1;
	const m = req.headers.range ? /^bytes=(\d*)-(\d*)$/.exec(req.headers.range) : null;
	if (m) {
		stat.ranges++;
		start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
		end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
		if (start > end) {
			res.writeHead(416, { ...cors, 'content-range': `bytes */${size}` });
			res.end();
			return;
		}
		res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
	} else res.writeHead(200, { ...headers, 'content-length': size });
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	const s = createReadStream(file, { start, end });
	s.on('data', (chunk) => (stat.bytes += chunk.length));
	s.pipe(res);
});
await new Promise((r) => dataServer.listen(DATA_PORT, '127.0.0.1', r));
const dataUrl = (file) => `http://127.0.0.1:${DATA_PORT}/${path.basename(file)}`;
for (let i = 0; i < 100; i++) {
	try {
		if ((await fetch(base + '/favicon.svg')).ok) break;
	} catch {
		/* not yet */
	}
	await new Promise((r) => setTimeout(r, 100));
}

// ------------------------------------------------------------------ browser

const LAUNCH = {
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage']
};
let browser = await chromium.launch(LAUNCH);
async function ensureBrowser() {
	if (browser.isConnected()) return;
	log('browser was gone; launching it again');
	browser = await chromium.launch(LAUNCH);
}

/**
 * Runs in every page before the app: records `data-pantau-state` transitions, the first visible
 * indicator value, the last DOM change and the last canvas repaint (ECharts clears its canvas
 * before each redraw), and the moment a file is given (change on a file input, or a submit).
 */
function benchInit() {
	const b = (window.__bench = { states: [], firstValue: null, firstReady: null, given: null, lastMut: 0, lastPaint: 0 });
	const clear = CanvasRenderingContext2D.prototype.clearRect;
	CanvasRenderingContext2D.prototype.clearRect = function (...a) {
		b.lastPaint = performance.now();
		return clear.apply(this, a);
	};
	const check = () => {
		const now = performance.now();
		b.lastMut = now;
		const s = document.documentElement?.dataset.pantauState;
		const last = b.states[b.states.length - 1];
		if (s && (!last || last.s !== s)) {
			b.states.push({ s, t: now });
			if (s === 'ready' && b.firstReady === null) b.firstReady = now;
		}
		if (b.firstValue === null) {
			const el = document.querySelector('[data-indicator][data-value]:not([data-value=""])');
			if (el && (!el.checkVisibility || el.checkVisibility())) b.firstValue = now;
		}
	};
	new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	const given = (e) => {
		if (e.type === 'submit' || (e.target instanceof HTMLInputElement && e.target.type === 'file' && e.target.id !== '__bench_file')) b.given = performance.now();
	};
	document.addEventListener('change', given, true);
	document.addEventListener('submit', given, true);
	/** Polls a condition every 5 ms (the page functions below use it; no eval under the app's CSP). */
	window.__benchUntil = (cond, ms) =>
		new Promise((resolve, reject) => {
			const t0 = performance.now();
			const tick = () => {
				let v;
				try {
					v = cond();
				} catch (e) {
					reject(e);
					return;
				}
				if (v) resolve(v);
				else if (performance.now() - t0 > ms) reject(new Error(`timeout after ${ms} ms`));
				else setTimeout(tick, 5);
			};
			tick();
		});
}

/**
 * In the page: waits for the given file (or URL) to be loaded, then opens the overview and
 * waits for its indicators. Times are the page's performance.now().
 */
async function watchIngest({ timeoutMs, expect, period }) {
	const until = window.__benchUntil;
	const b = window.__bench;
	const state = () => document.documentElement.dataset.pantauState;
	const problems = () => {
		const crash = [...document.querySelectorAll('.banner.error')].map((e) => e.textContent.trim()).filter(Boolean);
		const fail = [...document.querySelectorAll('p.fail, [role=alert].fail')].map((e) => e.textContent.trim()).filter(Boolean);
		return { crash, fail };
	};
	await until(() => b.given !== null, 60000);
	const given = b.given;
	await until(() => {
		const p = problems();
		if (p.crash.length) return true;
		const i = b.states.findIndex((s) => s.t >= given && s.s === 'loading');
		return i >= 0 && state() === 'ready' && b.states.length > i + 1;
	}, timeoutMs);
	const loadDone = performance.now();
	let p = problems();
	const footer = document.querySelector('footer');
	const appLoadMs = footer ? Number(footer.dataset.loadMs) : null;
	if (p.crash.length) return { status: 'crashed', message: p.crash.join(' | '), given, loadDone };
	if (p.fail.length) return { status: 'refused', message: p.fail.join(' | '), given, loadDone, appLoadMs };
	// The overview, for the period of the latest survey round (2025), which the raw and pure-JS
	// pipelines compute too (see the bench's notes).
	const link = document.querySelector('header nav a');
	const href = new URL(link.href);
	href.searchParams.set('period', period);
	link.setAttribute('href', href.pathname + href.search);
	const navClick = performance.now();
	link.click();
	const values = () => [...document.querySelectorAll('[data-indicator][data-value]:not([data-value=""])')];
	await until(() => {
		if (problems().crash.length) return true;
		const path = location.pathname.replace(/\/$/, '');
		return path === '' && state() === 'ready' && values().length >= expect;
	}, timeoutMs);
	const shown = performance.now();
	p = problems();
	if (p.crash.length) return { status: 'crashed', message: p.crash.join(' | '), given, loadDone };
	const v = values();
	const inc02 = document.querySelector('[data-indicator="INC-02"]');
	return {
		status: 'ok',
		given,
		loadDone,
		navClick,
		shown,
		ms: shown - given,
		appLoadMs,
		values: v.length,
		codes: v.map((e) => e.dataset.indicator),
		inc02: inc02 ? Number(inc02.dataset.value) : null,
		inc02Period: inc02?.dataset.period ?? null
	};
}

/**
 * In the page: one filter change on the overview (select `name` set to `value`), timed from
 * the change event to the last of: the state's return to ready, the last DOM change and the
 * last canvas repaint, once the page has been quiet for `quietMs`.
 */
async function filterChange({ name, value, quietMs, timeoutMs }) {
	const until = window.__benchUntil;
	const b = window.__bench;
	const sel = document.querySelector(`select[name="${name}"]`);
	const n0 = b.states.length;
	const t0 = performance.now();
	sel.value = value;
	sel.dispatchEvent(new Event('change', { bubbles: true }));
	const want = value === '' ? null : value;
	await until(
		() =>
			new URL(location.href).searchParams.get(name) === want &&
			document.documentElement.dataset.pantauState === 'ready' &&
			(b.states.length > n0 || performance.now() - t0 > 100),
		timeoutMs
	);
	const last = () => Math.max(b.lastMut, b.lastPaint, b.states[b.states.length - 1].t);
	await until(() => document.documentElement.dataset.pantauState === 'ready' && performance.now() - last() >= quietMs, timeoutMs);
	const end = last();
	const sawLoading = b.states.slice(n0).some((s) => s.s === 'loading');
	const periods = [...new Set([...document.querySelectorAll('[data-indicator][data-period]')].map((e) => e.dataset.period))];
	return { ms: end - t0, sawLoading, periods };
}

/** In the page: papaparse on the File, typed by hand, plus the households indicators in JS loops. */
async function pureJs({ form, line }) {
	const file = document.getElementById('__bench_file').files[0];
	const t0 = performance.now();
	const parsed = await new Promise((resolve, reject) =>
		// eslint-disable-next-line no-undef
		Papa.parse(file, { header: true, skipEmptyLines: true, complete: resolve, error: reject })
	);
	const t1 = performance.now();
	const id = form === 'id';
	const K = id
		? { hid: 'id_rt', round: 'putaran', date: 'tanggal_survei', dusun: 'dusun', group: 'kelompok', members: 'jumlah_anggota', income: 'pendapatan_bulanan', el: 'listrik', wa: 'air_layak', ro: 'jalan_2km', weight: 'bobot' }
		: { hid: 'household_id', round: 'round', date: 'survey_date', dusun: 'dusun', group: 'group', members: 'members', income: 'income_month_idr', el: 'electricity', wa: 'water_improved', ro: 'road_2km', weight: 'weight' };
	const num = id
		? (s) => (s === undefined || s === '' ? NaN : Number(s.replace(/^Rp\s*/, '').replace(/\./g, '').replace(',', '.')))
		: (s) => (s === undefined || s === '' ? NaN : Number(s));
	const bool = (s) => (s === 'ya' || s === 'true' || s === '1' ? true : s === 'tidak' || s === 'false' || s === '0' ? false : null);
	const date = id ? (s) => Date.UTC(+s.slice(6, 10), +s.slice(3, 5) - 1, +s.slice(0, 2)) : (s) => Date.parse(s);
	const rows = parsed.data;
	const typed = new Array(rows.length);
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		typed[i] = {
			id: r[K.hid],
			round: r[K.round],
			date: date(r[K.date]),
			dusun: r[K.dusun],
			group: r[K.group],
			members: parseInt(r[K.members], 10),
			income: num(r[K.income]),
			el: bool(r[K.el]),
			wa: bool(r[K.wa]),
			ro: bool(r[K.ro]),
			weight: num(r[K.weight])
		};
	}
	const t2 = performance.now();
	// Rounds ordered by their first survey date; per round and group (all, program, comparison):
	// weighted median per-capita income (INC-01), poverty headcount (INC-02), weighted shares
	// of electricity, water, road (INF-01..03), weighted mean income; DiD baseline -> latest.
	const first = new Map();
	for (const h of typed) if (!(first.get(h.round) <= h.date)) first.set(h.round, h.date);
	const order = [...first.entries()].sort((a, b) => a[1] - b[1]).map((e) => e[0]);
	const acc = new Map();
	const cell = (k) => {
		let c = acc.get(k);
		if (!c) acc.set(k, (c = { pc: [], w: [], pov: 0, povD: 0, inc: 0, incW: 0, el: 0, elD: 0, wa: 0, waD: 0, ro: 0, roD: 0, n: 0 }));
		return c;
	};
	for (const h of typed) {
		for (const k of [h.round + '|all', h.round + '|' + h.group]) {
			const c = cell(k);
			c.n++;
			const w = h.weight > 0 ? h.weight : 1;
			if (h.members > 0 && Number.isFinite(h.income)) {
				const pc = h.income / h.members;
				c.pc.push(pc);
				c.w.push(w);
				c.povD += w * h.members;
				if (pc < line) c.pov += w * h.members;
				c.inc += w * h.income;
				c.incW += w;
			}
			if (h.el !== null) (c.elD += w), (c.el += h.el ? w : 0);
			if (h.wa !== null) (c.waD += w), (c.wa += h.wa ? w : 0);
			if (h.ro !== null) (c.roD += w), (c.ro += h.ro ? w : 0);
		}
	}
	const values = {};
	for (const [k, c] of acc) {
		const idx = c.pc.map((_, i) => i).sort((a, b) => c.pc[a] - c.pc[b]);
		const half = c.w.reduce((s, x) => s + x, 0) / 2;
		let cum = 0;
		let med = null;
		for (const i of idx) {
			cum += c.w[i];
			if (cum >= half) {
				med = c.pc[i];
				break;
			}
		}
		values[k] = {
			median: med,
			poverty: (c.pov / c.povD) * 100,
			meanIncome: c.inc / c.incW,
			electricity: (c.el / c.elD) * 100,
			water: (c.wa / c.waD) * 100,
			road: (c.ro / c.roD) * 100,
			n: c.n
		};
	}
	const did = {};
	const b0 = order[0];
	const b1 = order[order.length - 1];
	for (const m of ['median', 'poverty', 'electricity', 'water', 'road']) {
		const v = (r, g) => values[`${r}|${g}`]?.[m];
		did[m] = v(b1, 'program') - v(b0, 'program') - (v(b1, 'comparison') - v(b0, 'comparison'));
	}
	const t3 = performance.now();
	const latest = values[`${b1}|all`];
	return { ms: t3 - t0, parseMs: t1 - t0, typeMs: t2 - t1, aggMs: t3 - t2, rows: typed.length, poverty: latest.poverty, meanIncome: latest.meanIncome, did };
}

/** Calls the `bench` op of the engine worker, the way the page's client would (same handler). */
async function workerOp(worker, task, args, fileUrls = []) {
	const msg = await worker.evaluate(
		async ({ task, args, fileUrls }) => {
			const blobs = [];
			for (const u of fileUrls) blobs.push(await (await fetch(u)).blob());
			const id = -1 - Math.floor(Math.random() * 1e9);
			return await new Promise((resolve) => {
				const orig = self.postMessage;
				self.postMessage = function (m, ...rest) {
					if (m && m.id === id) {
						if (m.type === 'result') {
							// postMessage is the worker global's own property: put it back, never delete it.
							self.postMessage = orig;
							resolve(m);
						}
						return;
					}
					return orig.apply(self, [m, ...rest]);
				};
				self.onmessage({ data: { id, req: { op: 'bench', task, args: fileUrls.length ? [blobs, ...args] : args } } });
			});
		},
		{ task, args, fileUrls }
	);
	if (!msg.ok) throw new Error(`bench op ${task}: ${msg.error?.message}`);
	return msg.value;
}

/** Peak page JS heap (CDP) and peak RSS of Chromium's process tree, sampled while `run` runs. */
async function sampled(page, ctx, run) {
	const cdp = await ctx.newCDPSession(page);
	await cdp.send('Performance.enable');
	let heap = 0;
	let rss = 0;
	let stop = false;
	const heapLoop = (async () => {
		while (!stop) {
			try {
				const { metrics } = await cdp.send('Performance.getMetrics');
				heap = Math.max(heap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
			} catch {
				return;
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	})();
	const rssLoop = (async () => {
		while (!stop) {
			rss = Math.max(rss, chromiumRss());
			await new Promise((r) => setTimeout(r, 250));
		}
	})();
	try {
		return { value: await run(), heap, rss };
	} finally {
		stop = true;
		await Promise.all([heapLoop, rssLoop]);
		await cdp.detach().catch(() => {});
	}
}

/**
 * RSS (bytes) of the Chromium processes this script started (descendants of this Node
 * process, the app server excluded), read from /proc; the process tree is refreshed every 2 s.
 */
let treeAt = 0;
let tree = [];
function chromiumRss() {
	try {
		if (Date.now() - treeAt > 2000) {
			treeAt = Date.now();
			const kids = new Map();
			for (const d of readdirSync('/proc')) {
				if (!/^\d+$/.test(d)) continue;
				try {
					const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
					const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
					if (!kids.has(ppid)) kids.set(ppid, []);
					kids.get(ppid).push(Number(d));
				} catch {
					/* gone */
				}
			}
			tree = [];
			const stack = (kids.get(process.pid) ?? []).filter((p) => p !== server.pid);
			while (stack.length) {
				const p = stack.pop();
				tree.push(p);
				stack.push(...(kids.get(p) ?? []));
			}
		}
		let total = 0;
		for (const p of tree) {
			try {
				total += Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * 4096;
			} catch {
				/* gone */
			}
		}
		return total;
	} catch {
		return 0;
	}
}

/** A fresh browser context and page with the bench's init script, console errors collected. */
async function openPage(pathname) {
	await ensureBrowser();
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	await ctx.addInitScript(benchInit);
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${String(e.message).split('\n')[0]}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text().split('\n')[0].slice(0, 300)}`);
	});
	page.on('crash', () => errors.push('page crashed'));
	const workerP = new Promise((resolve) => {
		page.on('worker', (w) => {
			if (w.url().includes('/workers/')) resolve(w);
		});
	});
	await page.goto(`${base}${pathname}`);
	return { ctx, page, errors, worker: () => withTimeout(workerP, 60000, 'engine worker') };
}

async function closePage(ctx) {
	await withTimeout(ctx.close(), 30000, 'context close').catch(async () => {
		log('context did not close; restarting the browser');
		await browser.close().catch(() => {});
	});
}

function withTimeout(p, ms, what) {
	let timer;
	return Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timeout after ${ms} ms`)), ms)))]).finally(() =>
		clearTimeout(timer)
	);
}

/**
 * After the first ready on a fresh context: let the service worker finish installing (it
 * precaches the app and the DuckDB wasm, which competes for the CPU), then a short pause.
 */
async function settle(page) {
	await withTimeout(page.evaluate(() => navigator.serviceWorker?.ready.then(() => true) ?? true), 120000, 'service worker').catch(() => {});
	await page.waitForTimeout(1000);
}

const firstReady = (page, ms = 180000) =>
	page.waitForFunction(() => window.__bench?.firstReady !== null && document.documentElement.dataset.pantauState === 'ready', null, {
		timeout: ms,
		polling: 20
	});

/** Gives the file(s) to the app's file input on /data and waits for the overview's indicators. */
async function ingest(page, files, expect, timeoutMs) {
	const watch = page.evaluate(watchIngest, { timeoutMs, expect, period: '2025' });
	await page.locator('input[type=file][multiple]').setInputFiles(files);
	return withTimeout(watch, timeoutMs * 2 + 10000, 'ingest');
}

async function loadPapa(page) {
	await page.evaluate(readFileSync(require.resolve('papaparse/papaparse.min.js'), 'utf8'));
	await page.evaluate(() => {
		const i = document.createElement('input');
		i.type = 'file';
		i.id = '__bench_file';
		i.hidden = true;
		document.body.append(i);
	});
}

/**
 * Filter changes on the overview, cycling through period, dusun and group values (each select
 * that offers at least two values), so that few combinations repeat.
 */
async function filterChanges(page, count) {
	const opts = await page.evaluate(() => {
		const values = (name) => [...document.querySelectorAll(`select[name="${name}"] option`)].map((o) => o.value);
		return { period: values('period').filter(Boolean), dusun: values('dusun'), group: values('group') };
	});
	const years = opts.period.filter((p) => /^\d{4}$/.test(p));
	const quarters = opts.period.filter((p) => /Q/.test(p));
	const months = opts.period.filter((p) => /^\d{4}-\d{2}$/.test(p));
	const lists = {
		period: [...years, ...quarters.slice(-6), ...months.slice(-4)],
		dusun: [...opts.dusun.filter(Boolean), ''],
		group: [...opts.group.filter(Boolean), '']
	};
	const kinds = Object.keys(lists).filter((k) => lists[k].length >= 2);
	const at = { period: 0, dusun: 0, group: 0 };
	const out = [];
	for (let i = 0; i < count && kinds.length; i++) {
		const name = kinds[i % kinds.length];
		const value = lists[name][at[name]++ % lists[name].length];
		const r = await page.evaluate(filterChange, { name, value, quietMs: 250, timeoutMs: 120000 });
		out.push({ name, value, ...r });
	}
	return out;
}

// ------------------------------------------------------------------ results

const results = {
	date: new Date().toISOString(),
	runs: RUNS,
	machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryBytes: os.totalmem(), loadavgStart: os.loadavg() },
	options: { sizes: SIZES, big: BIG, people: PEOPLE, changes: CHANGES, dir: DIR, warmup: WARMUP },
	measures: {},
	targets: [],
	errors: []
};
const rows = [];
/** Records a measure: its runs, median, and optional extra statistics. */
function record(key, label, values, unit = 'ms', extra = {}) {
	const m = median(values);
	results.measures[key] = { label, unit, median: m, runs: values, ...extra };
	rows.push({ key, label, value: m, unit, extra: extra.note ?? '' });
	return m;
}
function target(name, value, ok, goal, unit = 'ms') {
	results.targets.push({ target: name, goal, value, unit, status: value === null || value === undefined ? 'NOT MEASURED' : ok ? 'met' : 'MISSED' });
}
const fmt = (v, unit) => {
	if (v === null || v === undefined || Number.isNaN(v)) return '-';
	if (unit === 'ms') return `${Math.round(v).toLocaleString('en')} ms`;
	if (unit === 'x') return `${v.toFixed(2)}x`;
	if (unit === 'bytes') return v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${(v / 1e3).toFixed(1)} kB`;
	if (unit === '%') return `${v.toFixed(1)} %`;
	return `${typeof v === 'number' ? Math.round(v * 100) / 100 : v} ${unit}`;
};
const sizeLabel = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const FORM_LABEL = { id: 'Indonesian ; CSV', plain: 'plain CSV', parquet: 'Parquet' };

// ------------------------------------------------------------------ the measures

try {
	results.versions = { chromium: browser.version() };

	// Cold start on the sample, each run in a fresh context (no cache, no service worker).
	if (wants('cold') || wants('filter')) {
		const first = [];
		const ready = [];
		const engine = [];
		const load = [];
		const changes = [];
		const bytesRows = [];
		const firstReadyAny = [];
		const appReady = [];
		const coldStates = [];
		for (let i = 0; i < RUNS; i++) {
			log(`cold start ${i + 1}/${RUNS}`);
			const { ctx, page, errors, worker } = await openPage('/');
			try {
				// Ready: the state is ready and indicator values are on screen (a `ready` before any
				// value is shown, between the sample's load and the overview's computation, does not count).
				await page.waitForFunction(
					() => document.documentElement.dataset.pantauState === 'ready' && document.querySelector('[data-indicator][data-value]:not([data-value=""])'),
					null,
					{ timeout: 180000, polling: 20 }
				);
				const t = await page.evaluate(() => {
					const b = window.__bench;
					const lastReady = [...b.states].reverse().find((s) => s.s === 'ready')?.t ?? null;
					return { firstValue: b.firstValue, firstReady: b.firstReady, ready: Math.max(lastReady, b.firstValue), states: b.states, ...document.querySelector('footer')?.dataset };
				});
				first.push(t.firstValue);
				ready.push(t.ready);
				firstReadyAny.push(t.firstReady);
				appReady.push(Number(t.readyMs));
				coldStates.push(t.states);
				engine.push(Number(t.engineMs));
				load.push(Number(t.loadMs));
				if (i === 0 && wants('cold')) bytesRows.push(...(await initialBytes(page, await worker())));
				if (wants('filter') && CHANGES > 0) changes.push(...(await filterChanges(page, CHANGES)));
				if (i === 0) results.sampleMemory = await workerOp(await worker(), 'memory', []).catch((e) => ({ error: e.message }));
			} catch (e) {
				errors.push(`cold start: ${e.message}`);
			}
			if (errors.length) results.errors.push({ where: `cold start run ${i + 1}`, errors: [...new Set(errors)] });
			await closePage(ctx);
		}
		if (wants('cold')) {
			const f = record('cold.firstValue', 'cold start to first indicator value, sample', first);
			target('first value < 1 s cold on the sample', f, f < 1000, '< 1000 ms');
			const r = record('cold.ready', 'cold start to ready, sample', ready);
			target('ready < 3 s cold on the sample', r, r < 3000, '< 3000 ms');
			record('cold.firstReadyAny', '  first data-pantau-state=ready (values shown or not)', firstReadyAny);
			record('cold.appReady', "  the app's own ready time (footer data-ready-ms)", appReady);
			record('cold.engine', '  DuckDB start (app timing, footer data-engine-ms)', engine);
			record('cold.sampleLoad', '  sample load (app timing, footer data-load-ms)', load);
			results.measures['cold.ready'].states = coldStates;
		}
		rows.push(...bytesRows);
		if (changes.length) {
			const ms = changes.map((c) => c.ms);
			const p50 = percentile(ms, 50);
			const p95 = percentile(ms, 95);
			results.measures['filter.sample'] = { label: 'filter change (period, dusun, group), sample', unit: 'ms', p50, p95, changes };
			rows.push({ key: 'filter.sample.p50', label: `filter change (period, dusun, group), sample, p50 (${ms.length} changes)`, value: p50, unit: 'ms', extra: '' });
			rows.push({ key: 'filter.sample.p95', label: `filter change, sample, p95`, value: p95, unit: 'ms', extra: '' });
		}
	}

	// Ingest: each size and format, households alone and households + people.
	const filterOn1M = [];
	let remoteParquet = null;
	if (wants('ingest') || wants('filter') || wants('remote')) {
		const needParquet = SIZES.length > 0 && (wants('ingest') || wants('remote'));
		if (needParquet) await prepareParquetWriter();
		const configs = [];
		for (const n of SIZES) {
			for (const form of ['id', 'plain', 'parquet']) {
				const ingest = wants('ingest') && FORMS.includes(form);
				if (!ingest && !(wants('filter') && n === FILTER_SIZE && form === 'id')) continue;
				configs.push({ n, form, kinds: ['households'] });
				if (PEOPLE && wants('ingest')) configs.push({ n, form, kinds: ['households', 'people'] });
			}
		}
		for (const cfg of configs) {
			const { n, form, kinds } = cfg;
			const files = kinds.map((k) => dataFile(k, n, form));
			const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
			if (form === 'parquet' && n === REMOTE_SIZE && kinds.length === 1) remoteParquet = files[0];
			const label = `${kinds.join(' + ')} ${sizeLabel(n)}, ${FORM_LABEL[form]} (${(bytes / 1e6).toFixed(1)} MB)`;
			const key = `ingest.${kinds.join('+')}.${n}.${form}`;
			const per = [];
			// Filter changes on the big file: in the first two runs (2 x --changes changes).
			const doFilter = wants('filter') && n === FILTER_SIZE && form === 'id' && kinds.length === 1;
			const doIngest = wants('ingest') && FORMS.includes(form);
			const doPure = doIngest && form !== 'parquet' && kinds.length === 1;
			const runs = doIngest ? RUNS : 1;
			for (let i = 0; i < runs; i++) {
				log(`${label}: run ${i + 1}/${runs}`);
				const { ctx, page, errors, worker } = await openPage('/data');
				const run = { run: i + 1 };
				try {
					await firstReady(page);
					await settle(page);
					const w = await worker();
					// Warm-up: DuckDB's first CSV read / Arrow insert and first query in a page run
					// several times slower (wasm code first used). Both pipelines share that code;
					// one raw load of a small file of the same form warms it for both, so the
					// ratio compares the pipelines, not which one came first.
					if (WARMUP) run.warmup = await workerOp(w, 'raw', [kinds, form], kinds.map((k) => dataUrl(dataFile(k, 2000, form))));
					const rawFirst = doIngest && i % 2 === 1;
					const raw = async () => {
						run.raw = await withTimeout(workerOp(w, 'raw', [kinds, form], files.map(dataUrl)), 600000, 'raw pipeline');
					};
					if (rawFirst) await raw();
					const s = await sampled(page, ctx, () => ingest(page, files, 5, n >= 1e6 ? 600000 : 180000));
					run.pantau = s.value;
					run.heapPeak = s.heap;
					run.rssPeak = s.rss;
					if (run.pantau.status !== 'ok') throw new Error(`Pantau load: ${run.pantau.status}: ${run.pantau.message}`);
					run.memory = await workerOp(w, 'memory', []);
					if (doFilter && i < 2) {
						const fc = await filterChanges(page, CHANGES);
						filterOn1M.push(...fc);
						run.filterChanges = fc.length;
					}
					if (doIngest && !rawFirst) await raw();
					if (doPure) {
						await loadPapa(page);
						await page.locator('#__bench_file').setInputFiles(files[0]);
						const pj = await sampled(page, ctx, () => withTimeout(page.evaluate(pureJs, { form, line: POVERTY_LINE }), 900000, 'pure JS'));
						run.pureJs = { ...pj.value, heapPeak: pj.heap, rssPeak: pj.rss };
					}
				} catch (e) {
					errors.push(`${label} run ${i + 1}: ${String(e.message).split('\n')[0]}`);
				}
				if (errors.length) results.errors.push({ where: `${label} run ${i + 1}`, errors: [...new Set(errors)] });
				if (run.pantau?.ms && run.raw?.ms) run.ratioRaw = run.pantau.ms / run.raw.ms;
				if (run.pantau?.ms && run.pureJs?.ms) run.ratioPureJs = run.pureJs.ms / run.pantau.ms;
				per.push(run);
				await closePage(ctx);
			}
			if (!doIngest) continue;
			const pantau = per.map((r) => (r.pantau?.status === 'ok' ? r.pantau.ms : NaN));
			const raw = per.map((r) => r.raw?.ms ?? NaN);
			const pure = per.map((r) => r.pureJs?.ms ?? NaN);
			const pm = median(pantau);
			const rm = median(raw);
			const jm = median(pure);
			results.measures[key] = {
				label,
				unit: 'ms',
				files: files.map((f) => path.basename(f)),
				bytes,
				median: pm,
				raw: rm,
				pureJs: jm,
				ratioRaw: pm && rm ? pm / rm : null,
				ratioPureJs: pm && jm ? jm / pm : null,
				heapPeak: max(per.map((r) => r.heapPeak)),
				pureJsHeapPeak: max(per.map((r) => r.pureJs?.heapPeak)),
				rssPeak: max(per.map((r) => r.rssPeak)),
				duckdbMemory: max(per.map((r) => r.memory?.duckdbMemoryBytes)),
				wasmMemory: max(per.map((r) => r.memory?.wasmMemoryBytes)),
				runs: per
			};
			const M = results.measures[key];
			rows.push({ key, label: `${label}: file given to indicators shown`, value: pm, unit: 'ms', extra: `app load ${fmt(median(per.map((r) => r.pantau?.appLoadMs)), 'ms')}` });
			rows.push({ key: key + '.raw', label: `  raw pipeline (read_csv/parquet-wasm + 1 query), same page`, value: rm, unit: 'ms', extra: '' });
			rows.push({ key: key + '.ratio', label: `  Pantau / raw`, value: M.ratioRaw, unit: 'x', extra: '' });
			if (doPure) {
				rows.push({ key: key + '.js', label: `  pure JS (papaparse + JS loops), same page`, value: jm, unit: 'ms', extra: `JS heap peak ${fmt(M.pureJsHeapPeak, 'bytes')}` });
				rows.push({ key: key + '.jsratio', label: `  pure JS / Pantau`, value: M.ratioPureJs, unit: 'x', extra: '' });
			}
			rows.push({
				key: key + '.mem',
				label: `  memory: page JS heap peak / DuckDB / wasm / Chromium RSS peak`,
				value: null,
				unit: '',
				extra: `${fmt(M.heapPeak, 'bytes')} / ${fmt(M.duckdbMemory, 'bytes')} / ${fmt(M.wasmMemory, 'bytes')} / ${fmt(M.rssPeak, 'bytes')}`
			});
			if (n === 1_000_000 && kinds.length === 1 && form === 'id') {
				target('1M Indonesian CSV <= 1.3x the raw pipeline', M.ratioRaw, M.ratioRaw !== null && M.ratioRaw <= 1.3, '<= 1.3x', 'x');
				target('Pantau at 1M >= 2.5x faster than pure JS (Indonesian CSV)', M.ratioPureJs, M.ratioPureJs !== null && M.ratioPureJs >= 2.5, '>= 2.5x', 'x');
			}
			if (n === 1_000_000 && kinds.length === 1 && form === 'plain') {
				target('Pantau at 1M >= 2.5x faster than pure JS (plain CSV)', M.ratioPureJs, M.ratioPureJs !== null && M.ratioPureJs >= 2.5, '>= 2.5x', 'x');
			}
			if (n === 1_000_000 && kinds.length === 1 && form === 'parquet') target('1M-row Parquet to all indicators shown < 1.5 s', pm, pm !== null && pm < 1500, '< 1500 ms');
		}
		if (filterOn1M.length) {
			const ms = filterOn1M.map((c) => c.ms);
			const p50 = percentile(ms, 50);
			const p95 = percentile(ms, 95);
			results.measures[`filter.${FILTER_SIZE}`] = { label: `filter change (period, dusun, group), households ${sizeLabel(FILTER_SIZE)}`, unit: 'ms', p50, p95, changes: filterOn1M };
			rows.push({ key: 'filter.1m.p50', label: `filter change, households ${sizeLabel(FILTER_SIZE)} (Indonesian CSV), p50 (${ms.length} changes)`, value: p50, unit: 'ms', extra: '' });
			rows.push({ key: 'filter.1m.p95', label: `filter change, households ${sizeLabel(FILTER_SIZE)}, p95`, value: p95, unit: 'ms', extra: '' });
			if (FILTER_SIZE === 1_000_000) target('period/filter change p95 < 100 ms on 1M rows', p95, p95 < 100, '< 100 ms');
		}
	}

	// Remote Parquet by URL (range requests), from the bench's data server.
	if (wants('remote')) {
		if (!remoteParquet) {
			await prepareParquetWriter();
			remoteParquet = dataFile('households', REMOTE_SIZE, 'parquet');
		}
		const size = statSync(remoteParquet).size;
		const name = path.basename(remoteParquet);
		const per = [];
		for (let i = 0; i < RUNS; i++) {
			log(`remote Parquet ${i + 1}/${RUNS}`);
			const { ctx, page, errors } = await openPage('/data');
			const run = { run: i + 1 };
			try {
				await firstReady(page);
				await settle(page);
				sent.delete(name);
				await page.locator('#url-input').fill(dataUrl(remoteParquet));
				const watch = page.evaluate(watchIngest, { timeoutMs: 300000, expect: 5, period: '2025' });
				await page.locator('form.url button[type=submit]').click();
				run.pantau = await withTimeout(watch, 700000, 'remote load');
				run.served = { ...(sent.get(name) ?? { bytes: 0, requests: 0, ranges: 0 }) };
				if (run.pantau.status !== 'ok') errors.push(`remote: ${run.pantau.status}: ${run.pantau.message}`);
			} catch (e) {
				errors.push(`remote Parquet run ${i + 1}: ${String(e.message).split('\n')[0]}`);
			}
			if (errors.length) results.errors.push({ where: `remote Parquet run ${i + 1}`, errors: [...new Set(errors)] });
			per.push(run);
			await closePage(ctx);
		}
		const ms = median(per.map((r) => (r.pantau?.status === 'ok' ? r.pantau.ms : NaN)));
		const served = median(per.map((r) => r.served?.bytes ?? NaN));
		results.measures.remoteParquet = { label: `households ${sizeLabel(REMOTE_SIZE)} Parquet by URL`, file: name, fileBytes: size, median: ms, bytesServed: served, runs: per };
		rows.push({ key: 'remote', label: `households ${sizeLabel(REMOTE_SIZE)} Parquet by URL (range requests): URL given to indicators shown`, value: ms, unit: 'ms', extra: '' });
		rows.push({
			key: 'remote.bytes',
			label: `  bytes transferred / file size`,
			value: served !== null ? (served / size) * 100 : null,
			unit: '%',
			extra: `${fmt(served, 'bytes')} of ${fmt(size, 'bytes')}, ${median(per.map((r) => r.served?.requests ?? NaN))} requests`
		});
		target('remote Parquet queried without downloading it whole', served, served !== null && served < size, `< ${size} bytes`, 'bytes');
	}

	// 5M rows: one attempt per format; loaded, refused with a message, or crashed.
	if (BIG > 0 && wants('big')) {
		await prepareParquetWriter();
		const outcomes = [];
		for (const form of BIG_FORMS) {
			const file = dataFile('households', BIG, form);
			const bytes = statSync(file).size;
			log(`households ${sizeLabel(BIG)} ${form}: one attempt`);
			const { ctx, page, errors, worker } = await openPage('/data');
			const o = { form, file: path.basename(file), bytes };
			try {
				await firstReady(page);
				await settle(page);
				const s = await sampled(page, ctx, () => ingest(page, [file], 5, 900000));
				Object.assign(o, s.value, { heapPeak: s.heap, rssPeak: s.rss });
				if (o.status === 'ok') o.memory = await withTimeout(workerOp(await worker(), 'memory', []), 60000, 'memory').catch((e) => ({ error: e.message }));
			} catch (e) {
				o.status = /timeout/.test(e.message) ? 'timeout' : /crash|closed|Target/.test(e.message) ? 'crashed' : 'error';
				o.message = String(e.message).split('\n')[0];
			}
			if (errors.length) {
				o.errors = [...new Set(errors)];
				results.errors.push({ where: `households ${sizeLabel(BIG)} ${form}`, errors: o.errors });
			}
			outcomes.push(o);
			await closePage(ctx);
			const what =
				o.status === 'ok'
					? `loaded, ${fmt(o.ms, 'ms')}`
					: o.status === 'refused'
						? `refused: ${o.message}`
						: `${o.status}${o.message ? `: ${o.message}` : ''}`;
			rows.push({ key: `big.${form}`, label: `households ${sizeLabel(BIG)}, ${FORM_LABEL[form]} (${(bytes / 1e6).toFixed(0)} MB), 1 attempt`, value: null, unit: '', extra: what.slice(0, 160) });
			target(`${sizeLabel(BIG)} rows ${FORM_LABEL[form]}: loads, or refused with a clear message`, o.status, o.status === 'ok' || o.status === 'refused', 'loaded or refused', '');
		}
		results.measures.big = { label: `households ${sizeLabel(BIG)}`, outcomes };
	}
} finally {
	await browser.close().catch(() => {});
	server.kill();
	dataServer.close();
}

/** Initial JS of `/` (gzipped, without the engine worker, the service worker and wasm), and wasm bytes. */
async function initialBytes(page, worker) {
	const { entries, firstValue } = await page.evaluate(() => ({
		entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, type: e.initiatorType, start: e.startTime })),
		firstValue: window.__bench.firstValue
	}));
	const seen = new Set();
	const js = [];
	const css = [];
	for (const e of entries) {
		const u = new URL(e.name);
		if (u.origin !== base || seen.has(u.pathname)) continue;
		seen.add(u.pathname);
		const file = path.join(DIR, decodeURIComponent(u.pathname));
		if (!existsSync(file) || !statSync(file).isFile()) continue;
		const body = readFileSync(file);
		const item = { path: u.pathname, bytes: body.length, gzip: gzipSync(body).length, beforeFirstValue: firstValue !== null && e.start < firstValue };
		if (/\.m?js$/.test(u.pathname) && !u.pathname.includes('/workers/') && !/service-worker/.test(u.pathname)) js.push(item);
		else if (/\.css$/.test(u.pathname)) css.push(item);
	}
	// DuckDB's wasm is fetched by the page (which compiles it), parquet-wasm by the worker.
	const workerEntries = [...entries.map((e) => e.name), ...(await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => []))];
	const wasm = [];
	const walk = (d) => {
		for (const f of readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, f.name);
			if (f.isDirectory()) walk(p);
			else if (f.name.endsWith('.wasm')) {
				const body = readFileSync(p);
				const rel = '/' + path.relative(DIR, p).split(path.sep).join('/');
				wasm.push({ path: rel, bytes: body.length, gzip: gzipSync(body).length, fetchedAtStart: workerEntries.some((n) => n.endsWith(rel)) });
			}
		}
	};
	walk(DIR);
	const workerJs = [];
	const wdir = path.join(DIR, '_app/immutable/workers');
	if (existsSync(wdir))
		for (const f of readdirSync(wdir)) {
			if (!f.endsWith('.js')) continue;
			const body = readFileSync(path.join(wdir, f));
			workerJs.push({ path: f, bytes: body.length, gzip: gzipSync(body).length });
		}
	const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
	results.measures.initialJs = { label: 'initial JS of / until ready, gzipped', unit: 'bytes', gzip: sum(js, 'gzip'), bytes: sum(js, 'bytes'), gzipBeforeFirstValue: sum(js.filter((f) => f.beforeFirstValue), 'gzip'), files: js, css, cssGzip: sum(css, 'gzip') };
	results.measures.workerJs = { label: 'engine worker JS, gzipped (all worker chunks)', gzip: sum(workerJs, 'gzip'), bytes: sum(workerJs, 'bytes'), files: workerJs };
	results.measures.wasm = { label: 'wasm', files: wasm, fetchedAtStart: sum(wasm.filter((w) => w.fetchedAtStart), 'bytes') };
	const out = [];
	const early = js.filter((f) => f.beforeFirstValue);
	out.push({ key: 'js', label: `initial JS of / until ready, gzipped (${js.length} files; without worker, service worker, wasm)`, value: sum(js, 'gzip'), unit: 'bytes', extra: `${fmt(sum(js, 'bytes'), 'bytes')} raw; CSS ${fmt(sum(css, 'gzip'), 'bytes')} gz` });
	out.push({ key: 'js.early', label: `  of which requested before the first value`, value: sum(early, 'gzip'), unit: 'bytes', extra: `${early.length} files` });
	out.push({ key: 'workerjs', label: `engine worker JS, gzipped`, value: sum(workerJs, 'gzip'), unit: 'bytes', extra: `${fmt(sum(workerJs, 'bytes'), 'bytes')} raw` });
	for (const w of wasm)
		out.push({ key: 'wasm', label: `wasm ${path.basename(w.path).replace(/-[A-Za-z0-9_-]{8}\.wasm$/, '.wasm')}`, value: w.bytes, unit: 'bytes', extra: `${fmt(w.gzip, 'bytes')} gz${w.fetchedAtStart ? ', fetched at start' : ', not fetched at start'}` });
	const g = sum(js, 'gzip');
	target('initial JS < 250 KB gzipped, without wasm and worker', g, g < 250_000, '< 250000 bytes', 'bytes');
	return out;
}

// ------------------------------------------------------------------ output

results.machine.loadavgEnd = os.loadavg();
writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const w = Math.max(...rows.map((r) => r.label.length), 10);
console.log(`\nPantau benchmark, ${results.date}, medians of ${RUNS} runs, headless Chromium ${results.versions?.chromium ?? ''}`);
console.log(`machine: ${results.machine.cores} cores; load average at start ${results.machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')}, at end ${results.machine.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}\n`);
console.log(`${'measure'.padEnd(w)}  ${'median'.padStart(10)}  notes`);
for (const r of rows) console.log(`${r.label.padEnd(w)}  ${(r.value === null ? '' : fmt(r.value, r.unit)).padStart(10)}  ${r.extra ?? ''}`);
console.log('\nTargets');
const tw = Math.max(...results.targets.map((t) => t.target.length), 10);
for (const t of results.targets)
	console.log(`${t.target.padEnd(tw)}  ${String(typeof t.value === 'number' ? fmt(t.value, t.unit) : (t.value ?? '-')).padStart(10)}  ${t.goal.padEnd(16)}  ${t.status}`);
if (results.errors.length) {
	console.log('\nErrors seen in the app while measuring');
	for (const e of results.errors) for (const m of e.errors) console.log(`- ${e.where}: ${m}`);
}
console.log(`\nwritten: ${path.join(OUT, 'results.json')}`);
