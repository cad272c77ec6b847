/**
 * Ingest speed in Node: generates households files (as scripts/bench.mjs does) and times
 * Workspace.load, with the normalisation CTAS (`CREATE TABLE "__load_…"`) timed apart.
 *
 *   npx tsx scripts/bench-ingest.ts [--sizes 100000,1000000] [--forms id,plain] [--runs 1] [--normalise fast|robust] [--cold]
 *
 * Each timed load runs in a fresh database after a 20,000-row warm-up load (not with --cold).
 *
 * Prints wall and CPU time (the engine is single-threaded, so CPU time is what the load
 * costs on an idle machine) and the load average at the start of each load.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeDatabase, createNodeParquetDecoder } from '../src/lib/engine/node';
import { Workspace } from '../src/lib/engine/workspace';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
	const i = args.indexOf(`--${n}`);
	return i >= 0 ? args[i + 1] : d;
};
const SIZES = opt('sizes', '100000,1000000').split(',').map(Number);
const FORMS = opt('forms', 'id,plain').split(',');
const RUNS = Number(opt('runs', '1'));
const DATA = opt('data', '/tmp/pantau-bench-data');
mkdirSync(DATA, { recursive: true });

/** Deterministic households file: `n` rows in three rounds; Indonesian or plain form (copied from scripts/bench.mjs). */
function writeHouseholds(n: number, form: string): string {
	const file = path.join(DATA, `households_${n}_${form}.csv`);
	if (existsSync(file)) return file;
	let seed = 42;
	const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
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

/** CPU time of this process (the engine is single-threaded), less disturbed by other work on the machine than wall time. */
const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const normalise = opt('normalise', 'fast') as 'fast' | 'robust';
const WARM = !args.includes('--cold');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
for (const n of SIZES) {
	for (const form of FORMS) {
		const file = writeHouseholds(n, form);
		const bytes = new Uint8Array(readFileSync(file));
		for (let r = 0; r < RUNS; r++) {
			const db = await createNodeDatabase();
			const ws = new Workspace(db, await createNodeParquetDecoder());
			if (WARM) {
				// A small load first, so the timed one runs on compiled (tiered-up) engine code.
				await ws.load({ name: 'households.csv', bytes: new Uint8Array(readFileSync(writeHouseholds(20000, form))) }, { normalise });
				ws.removeAll();
			}
			const timings: Array<[string, number, number]> = [];
			const exec = db.exec.bind(db);
			db.exec = (sql: string) => {
				const t = performance.now();
				const c = cpu();
				try {
					exec(sql);
				} finally {
					const m = /^CREATE TABLE "__(\w+?)_/.exec(sql);
					if (m) timings.push([m[1], performance.now() - t, cpu() - c]);
				}
			};
			const query = db.query.bind(db);
			let queryMs = 0;
			db.query = (sql: string, params?: unknown[]) => {
				const t = performance.now();
				try {
					return query(sql, params);
				} finally {
					queryMs += performance.now() - t;
				}
			};
			const la = load();
			const t0 = performance.now();
			const c0 = cpu();
			const report = await ws.load({ name: 'households.csv', bytes }, { normalise });
			const total = performance.now() - t0;
			const totalCpu = cpu() - c0;
			const ctas = timings.find(([k]) => k === 'load') ?? ['load', 0, 0];
			const f = (x: number) => x.toFixed(0).padStart(6);
			console.log(
				`${String(n).padStart(8)} ${form.padEnd(5)} ${normalise.padEnd(6)}${WARM ? '' : ' cold'} ${(bytes.length / 1e6).toFixed(1)}MB  load ${f(total)} ms (cpu ${f(totalCpu)})  CTAS ${f(ctas[1])} ms (cpu ${f(ctas[2])})  queries ${queryMs.toFixed(0)} ms  rows=${report.rowsLoaded} rejects=${report.rejectsTotal} warnings=${report.warnings.length}  loadavg ${la}`
			);
		}
	}
}
