/**
 * The sample as the build ingests it (data/prebuild-sample.ts, src/lib/engine/prebuilt.ts):
 * tables taken in from the prebuilt Arrow files must equal the tables the real ingest
 * makes from the files, and the results seeded into the engine's cache must equal what the
 * catalogue computes on them.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { prebuildSample } from '../../data/prebuild-sample';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { sourcesMatch, type PrebuiltIndex, type PrebuiltOverview } from '../../src/lib/engine/prebuilt';
import { COMPUTE_OPERATIONS, exportCache, seedCache } from '../../src/lib/indicators/operations';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/lib/indicators/settings';
import { HEADLINE_CODES } from '../../src/lib/areas';

const dir = 'static/sample/';
const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as { files: Array<{ file: string; table: string; sha256: string }> };
let index: PrebuiltIndex;
let overview: PrebuiltOverview;
let files: Map<string, Uint8Array>;
let live: Workspace;
let adopted: Workspace;

beforeAll(async () => {
	({ index, overview, files } = await prebuildSample());
	live = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	for (const f of manifest.files) await live.load({ name: f.file, bytes: new Uint8Array(readFileSync(dir + f.file)) }, { tableName: f.table });
	adopted = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	adopted.adoptPrebuilt(
		index.tables.map((t) => ({ ...t, ipc: files.get(t.data)!, fetchFile: async () => ({ name: t.file, bytes: new Uint8Array(readFileSync(dir + t.file)) }) })),
		index.rejects ? files.get(index.rejects)! : null
	);
}, 120_000);

describe('prebuilt sample', () => {
	it('is tied to the manifest files by SHA-256', () => {
		const sources = manifest.files.map((f) => ({ file: f.file, sha256: f.sha256 }));
		expect(sourcesMatch(index, sources)).toBe(true);
		expect(sourcesMatch(index, sources.map((s, i) => (i === 2 ? { ...s, sha256: '0'.repeat(64) } : s)))).toBe(false);
		expect(sourcesMatch(index, sources.slice(1))).toBe(false);
		expect(sourcesMatch({ ...index, format: 999 }, sources)).toBe(false);
	});

	it('gives the same tables, columns, types and rows as ingesting the files', () => {
		const a = adopted.list();
		const l = live.list();
		expect(a.map((t) => t.name)).toEqual(l.map((t) => t.name));
		for (const [i, t] of l.entries()) {
			expect(a[i].columns, t.name).toEqual(t.columns);
			// The types DuckDB itself holds (BIGINT stays BIGINT, not DOUBLE), not only the recorded ones.
			const types = (w: Workspace) => w.db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position`, [t.name]).rows;
			expect(types(adopted), t.name).toEqual(types(live));
			expect(a[i].rows, t.name).toBe(t.rows);
			expect(a[i].contract, t.name).toBe(t.contract);
			const all = (w: Workspace) => w.db.query(`SELECT * FROM "${t.name}" ORDER BY ALL`).rows;
			expect(all(adopted), t.name).toEqual(all(live));
			const { notes: _a, loadedAt: _b, ms: _c, ...report } = a[i].report;
			const { notes: _d, loadedAt: _e, ms: _f, ...expected } = t.report;
			expect(report, t.name).toEqual(expected);
		}
	});

	it('keeps every rejected value', () => {
		const q = 'SELECT * FROM "pantau_rejects" ORDER BY ALL';
		expect(adopted.db.query(q).rows).toEqual(live.db.query(q).rows);
	});

	it('seeds the cache with exactly what the catalogue computes on the adopted tables', () => {
		seedCache(adopted.version, []);
		const ctx = { db: adopted.db, tables: adopted.contractTables(), version: adopted.version };
		const settings = parseSettings(DEFAULT_SETTINGS);
		const range = COMPUTE_OPERATIONS.dataRange(ctx);
		const fresh = COMPUTE_OPERATIONS.overview(ctx, { period: overview.period, filters: {} }, HEADLINE_CODES, settings);
		expect(JSON.parse(JSON.stringify(exportCache()))).toEqual(JSON.parse(JSON.stringify(index.cache)));
		expect(range).toEqual(overview.range);
		const { ms: _m, ...rest } = fresh;
		const { ms: _n, ...shown } = overview.overview;
		expect(JSON.parse(JSON.stringify(rest))).toEqual(JSON.parse(JSON.stringify(shown)));
		expect(overview.settings).toBe(JSON.stringify(settings));
	});

	it('fetches the original file when a prebuilt table is assigned again', async () => {
		const report = await adopted.reassign('targets', 'targets');
		expect(report.rowsLoaded).toBe(live.list().find((t) => t.name === 'targets')!.rows);
	});
});

describe('prebuilt sample tables and the mapping dialog', () => {
	it('give their file columns and values from the original file', async () => {
		const cols = await adopted.sourceSample('households');
		expect(cols.map((c) => c.name)).toEqual(live.list().find((t) => t.name === 'households')!.report.sourceColumns);
		expect((await adopted.sourceFile('households')).name).toBe('households.csv');
	});
});
