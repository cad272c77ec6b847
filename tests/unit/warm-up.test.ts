/**
 * The engine's warm-up after a load, the prebuilt sample's or the user's (operations.ts
 * `warmUpSteps`): small steps that do the overview's work for the filters a user reaches
 * first, each filter shape ending with the overview kept in the cache. They must change no
 * result, and must leave the work done: the overviews warmed are answered without a query,
 * and after them a change of period or filter builds no cube and prepares no statement again.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import type { Database } from '../../src/lib/engine/database';
import { CATALOGUE } from '../../src/lib/indicators/catalogue';
import { COMPUTE_OPERATIONS, seedCache, warmUpSteps, type DataRange } from '../../src/lib/indicators/operations';
import { DEFAULT_SETTINGS } from '../../src/lib/indicators/settings';
import { HEADLINE_CODES } from '../../src/lib/areas';

const dir = 'static/sample/';
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as { files: Array<{ file: string; table: string }> };

async function sampleWorkspace(): Promise<Workspace> {
	const ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	for (const f of manifest.files) await ws.load({ name: f.file, bytes: new Uint8Array(readFileSync(dir + f.file)) }, { tableName: f.table });
	return ws;
}

/** Count the statements DuckDB runs (queries and prepared statements made) while `run` runs. */
function counting<T>(db: Database, run: () => T): { value: T; queries: number; prepared: number } {
	const d = db as unknown as { query: (...a: unknown[]) => unknown; numericColumns: (...a: unknown[]) => unknown; conn: { prepare: (...a: unknown[]) => unknown } };
	const orig = { query: d.query, numericColumns: d.numericColumns, prepare: d.conn.prepare };
	let queries = 0;
	let prepared = 0;
	d.query = (...a) => (queries++, orig.query.apply(db, a));
	d.numericColumns = (...a) => (queries++, orig.numericColumns.apply(db, a));
	d.conn.prepare = (...a) => (prepared++, orig.prepare.apply(d.conn, a));
	try {
		return { value: run(), queries, prepared };
	} finally {
		Object.assign(d, { query: orig.query, numericColumns: orig.numericColumns });
		d.conn.prepare = orig.prepare;
	}
}

let warm: Workspace;
let cold: Workspace;
let range: DataRange;
const ctxOf = (ws: Workspace) => ({ db: ws.db, tables: ws.contractTables(), version: ws.version });

beforeAll(async () => {
	[warm, cold] = [await sampleWorkspace(), await sampleWorkspace()];
	range = COMPUTE_OPERATIONS.dataRange(ctxOf(warm)) as DataRange;
}, 120_000);

describe('warm-up after a load', () => {
	it('is the overview for no filter, the first dusun, the first group and both, in small steps', () => {
		const steps = warmUpSteps(ctxOf(warm), '2026', HEADLINE_CODES, DEFAULT_SETTINGS);
		expect(range.dusun.length).toBeGreaterThan(1);
		expect(range.groups.length).toBeGreaterThan(1);
		// Per filter shape: the cubes, each indicator, each sparkline, the overview kept.
		expect(steps).toHaveLength(4 * (1 + CATALOGUE.length + HEADLINE_CODES.length + 1));
		seedCache(warm.version, []);
		for (const step of steps) step();
	});

	it("leaves the overviews it warmed in the cache: the page's request runs no query", () => {
		const shapes = [{}, { dusun: range.dusun[0] }, { group: range.groups[0] }, { dusun: range.dusun[0], group: range.groups[0] }];
		for (const filters of shapes) {
			const w = counting(warm.db, () => COMPUTE_OPERATIONS.overview(ctxOf(warm), { period: '2026', filters }, HEADLINE_CODES, DEFAULT_SETTINGS));
			expect(w.queries, JSON.stringify(filters)).toBe(0);
			expect(w.value.results.length).toBe(CATALOGUE.length);
		}
		// Another period was not warmed: it is computed (the count above can fail).
		const other = counting(warm.db, () => COMPUTE_OPERATIONS.overview(ctxOf(warm), { period: '2025', filters: {} }, HEADLINE_CODES, DEFAULT_SETTINGS));
		expect(other.queries).toBeGreaterThan(0);
	});

	it('changes no result, and leaves no cube to build and no statement to prepare for the next change', () => {
		// The warm engine and a cold one give the same overview for another year and filters.
		const reqs = [
			{ period: '2025', filters: {} },
			{ period: '2024', filters: { dusun: range.dusun[0] } },
			{ period: '2023', filters: { group: range.groups[0] } },
			{ period: '2025', filters: { dusun: range.dusun[0], group: range.groups[0] } }
		];
		let coldPrepared = 0;
		for (const req of reqs) {
			seedCache(-1, []);
			const w = counting(warm.db, () => COMPUTE_OPERATIONS.overview(ctxOf(warm), req, HEADLINE_CODES, DEFAULT_SETTINGS));
			seedCache(-1, []);
			const c = counting(cold.db, () => COMPUTE_OPERATIONS.overview(ctxOf(cold), req, HEADLINE_CODES, DEFAULT_SETTINGS));
			const strip = (o: { ms: number }) => JSON.parse(JSON.stringify({ ...o, ms: 0 }));
			expect(strip(w.value), JSON.stringify(req)).toEqual(strip(c.value));
			expect(w.prepared, JSON.stringify(req)).toBe(0);
			coldPrepared += c.prepared;
			// The first change on the cold engine builds the cubes too (the later ones find them built).
			if (req === reqs[0]) expect(w.queries).toBeLessThan(c.queries);
		}
		// Without the warm-up, these changes prepare statements (the count above can fail).
		expect(coldPrepared).toBeGreaterThan(0);
	});
});
