/**
 * Ingest the built-in sample at build time (run by `npm run build` before Vite).
 * Writes static/sample/prebuilt/: each table as Arrow IPC with its load report, the
 * rejected values, the engine's results cache for the overview's default view, and
 * overview.json (what the page shows before DuckDB has started). See src/lib/engine/prebuilt.ts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Int64, Table, tableFromIPC, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { fileURLToPath } from 'node:url';
import { createNodeDatabase, createNodeParquetDecoder } from '../src/lib/engine/node';
import { Workspace } from '../src/lib/engine/workspace';
import { COMPUTE_OPERATIONS, exportCache, seedCache, type DataRange, type OverviewResult } from '../src/lib/indicators/operations';
import { DEFAULT_SETTINGS, parseSettings } from '../src/lib/indicators/settings';
import { HEADLINE_CODES } from '../src/lib/areas';
import { defaultPeriod, SAMPLE_AS_OF } from '../src/lib/state/periods';
import { PREBUILT_FORMAT, type PrebuiltIndex, type PrebuiltOverview } from '../src/lib/engine/prebuilt';

/**
 * DuckDB hands out the Arrow IPC file format; insertArrowFromIPCStream takes the stream
 * format. BIGINT columns arrive as exact text (Workspace.exportTable) and are written as
 * Int64, which DuckDB takes in as BIGINT: the app then creates each table as it is.
 */
function toStream(ipcFile: Uint8Array, columns: Array<{ name: string; type: string }> = []): Uint8Array {
	const table = tableFromIPC(ipcFile);
	const bigint = new Set(columns.filter((c) => c.type === 'BIGINT').map((c) => c.name));
	if (bigint.size === 0) return tableToIPC(table, 'stream');
	const vectors: Record<string, Vector> = {};
	for (const field of table.schema.fields) {
		const v = table.getChild(field.name)!;
		vectors[field.name] = bigint.has(field.name) ? vectorFromArray(Array.from(v, (x) => (x === null ? null : BigInt(String(x)))), new Int64()) : v;
	}
	return tableToIPC(new Table(vectors), 'stream');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = path.join(root, 'static', 'sample');
const outDir = path.join(sampleDir, 'prebuilt');

export async function prebuildSample(dir = sampleDir): Promise<{ index: PrebuiltIndex; overview: PrebuiltOverview; files: Map<string, Uint8Array> }> {
	const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
		village: string;
		files: Array<{ file: string; table: string; sha256: string }>;
	};
	const db = await createNodeDatabase();
	const ws = new Workspace(db, await createNodeParquetDecoder());
	const files = new Map<string, Uint8Array>();
	const tables: PrebuiltIndex['tables'] = [];
	for (const f of manifest.files) {
		const report = await ws.load({ name: f.file, bytes: new Uint8Array(readFileSync(path.join(dir, f.file))) }, { tableName: f.table });
		const { ipc, columns } = ws.exportTable(report.table);
		const data = `${report.table}.arrows`;
		files.set(data, toStream(ipc, columns));
		tables.push({ name: report.table, file: f.file, data, columns, report });
	}
	const rejects = ws.exportRejects();
	if (rejects) files.set('rejects.arrows', toStream(rejects));

	// The overview's default view, computed through the worker's own operations and cache.
	seedCache(ws.version, []);
	const ctx = { db, tables: ws.contractTables(), version: ws.version };
	const settings = parseSettings(DEFAULT_SETTINGS);
	const range = COMPUTE_OPERATIONS.dataRange(ctx) as DataRange;
	const period = defaultPeriod(range, SAMPLE_AS_OF);
	if (!period) throw new Error('The sample has no period to show.');
	const overview = COMPUTE_OPERATIONS.overview(ctx, { period, filters: {} }, HEADLINE_CODES, settings) as OverviewResult;
	const index: PrebuiltIndex = {
		format: PREBUILT_FORMAT,
		sources: manifest.files.map((f) => ({ file: f.file, sha256: f.sha256 })),
		tables,
		rejects: rejects ? 'rejects.arrows' : null,
		cache: exportCache()
	};
	const shown: PrebuiltOverview = { format: PREBUILT_FORMAT, village: manifest.village, settings: JSON.stringify(settings), range, period, overview };
	return { index, overview: shown, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const t0 = performance.now();
	const { index, overview, files } = await prebuildSample();
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	for (const [name, bytes] of files) writeFileSync(path.join(outDir, name), bytes);
	writeFileSync(path.join(outDir, 'index.json'), JSON.stringify(index));
	writeFileSync(path.join(outDir, 'overview.json'), JSON.stringify(overview));
	const bytes = [...files.values()].reduce((s, b) => s + b.length, 0);
	console.log(
		`prebuilt sample: ${index.tables.length} tables (${(bytes / 1e6).toFixed(1)} MB Arrow), ${index.cache.length} cached results, overview ${overview.period}, in ${Math.round(performance.now() - t0)} ms`
	);
}
