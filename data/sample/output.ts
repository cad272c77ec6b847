/**
 * The files of the sample, as bytes, and the manifest that says which file the app loads
 * for each table. Nothing is written here; data/generate-sample.ts writes.
 */
import { createHash } from 'node:crypto';
import { VILLAGE } from './village';
import { SAMPLE_TABLES, type Sample, type SampleTableName } from './index';
import { toCsv } from './table';
import { toParquet } from './parquet';

export interface SampleFile {
	file: string;
	table: SampleTableName;
	rows: number;
	bytes: Uint8Array;
}

export interface ManifestEntry {
	file: string;
	table: SampleTableName;
	rows: number;
	bytes: number;
	sha256: string;
}

export interface Manifest {
	village: string;
	villageCode: string;
	generatedWith: string;
	seed: number;
	/** One file per table: the one the app loads by default. */
	files: ManifestEntry[];
	/** The same tables in the other format (same rows). */
	alternates: ManifestEntry[];
}

/** Tables also written as Parquet; for these the default file is given here. */
const PARQUET: Partial<Record<SampleTableName, 'csv' | 'parquet'>> = { households: 'csv', people: 'parquet' };

export function sampleFiles(sample: Sample): { defaults: SampleFile[]; alternates: SampleFile[] } {
	const defaults: SampleFile[] = [];
	const alternates: SampleFile[] = [];
	const utf8 = new TextEncoder();
	for (const name of SAMPLE_TABLES) {
		const table = sample.tables[name];
		const csv: SampleFile = { file: `${name}.csv`, table: name, rows: table.rows.length, bytes: utf8.encode(toCsv(table)) };
		const preferred = PARQUET[name];
		if (!preferred) {
			defaults.push(csv);
			continue;
		}
		const parquet: SampleFile = { file: `${name}.parquet`, table: name, rows: table.rows.length, bytes: toParquet(table) };
		defaults.push(preferred === 'parquet' ? parquet : csv);
		alternates.push(preferred === 'parquet' ? csv : parquet);
	}
	return { defaults, alternates };
}

const entry = (f: SampleFile): ManifestEntry => ({
	file: f.file,
	table: f.table,
	rows: f.rows,
	bytes: f.bytes.length,
	sha256: createHash('sha256').update(f.bytes).digest('hex')
});

export function buildManifest(sample: Sample, files: { defaults: SampleFile[]; alternates: SampleFile[] }): Manifest {
	return {
		village: VILLAGE.name,
		villageCode: VILLAGE.code,
		generatedWith: 'data/generate-sample.ts',
		seed: sample.seed,
		files: files.defaults.map(entry),
		alternates: files.alternates.map(entry)
	};
}

export function manifestJson(manifest: Manifest): string {
	return JSON.stringify(manifest, null, '\t') + '\n';
}
