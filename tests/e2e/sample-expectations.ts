/**
 * The sample's indicator values computed in Node, with the same catalogue on duckdb-wasm's
 * Node build, for comparing with what the browser shows. Independent plain-SQL checks of a
 * few values sit beside them in the specs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { computeAll, DEFAULT_SETTINGS, type IndicatorResult } from '../../src/lib/indicators';

const SAMPLE = path.resolve('static/sample');

export async function sampleWorkspace(): Promise<Workspace> {
	const ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	const manifest = JSON.parse(readFileSync(path.join(SAMPLE, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; table: string }> };
	for (const f of manifest.files) await ws.load({ name: f.file, bytes: readFileSync(path.join(SAMPLE, f.file)) }, { tableName: f.table });
	return ws;
}

export function expectedValues(ws: Workspace, period: string, filters: Record<string, string> = {}): Map<string, IndicatorResult> {
	const results = computeAll({ db: ws.db, tables: ws.contractTables(), settings: DEFAULT_SETTINGS }, { period, filters });
	return new Map(results.map((r) => [r.code, r]));
}

export function close(actual: number, expected: number): boolean {
	return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
}
