/**
 * The built-in sample, ingested at build time.
 *
 * `npm run build` first runs data/prebuild-sample.ts: it loads the sample's files through
 * the real ingest (in Node, on the same duckdb-wasm), and writes each resulting table as
 * Arrow IPC with its load report, plus the results of the overview's default view computed
 * by the same catalogue. The app then starts on the sample by taking these tables in
 * (tens of milliseconds) instead of parsing twelve files, and shows the overview's numbers
 * before DuckDB has started. Everything is tied to the SHA-256 of the sample files: if
 * they differ from the manifest, or the prebuilt files are missing (a dev server), the app
 * ingests the files as usual.
 */
import type { LoadReport } from './ingest';
import type { DataRange, OverviewResult } from '../indicators/operations';
import type { SampleManifest } from './protocol';

export const PREBUILT_DIR = 'prebuilt/';
/** 2: BIGINT columns are written as Arrow Int64 (1 wrote them as DOUBLE, cast back on load). */
export const PREBUILT_FORMAT = 2;

export interface PrebuiltIndex {
	format: number;
	/** The sample files this was built from (must equal the manifest's). */
	sources: Array<{ file: string; sha256: string }>;
	tables: Array<{
		name: string;
		/** The sample file it came from. */
		file: string;
		/** The Arrow IPC file with its rows, relative to the prebuilt directory. */
		data: string;
		columns: Array<{ name: string; type: string }>;
		report: LoadReport;
	}>;
	/** Arrow IPC of the rejected values, or null. */
	rejects: string | null;
	/** Results cache entries of the engine for the loaded sample (see seedCache). */
	cache: Array<[string, unknown]>;
}

/** What the page shows before DuckDB is up: the default view of the overview. */
export interface PrebuiltOverview {
	format: number;
	village: string;
	/** JSON of the settings the numbers were computed with (they are shown only under the same settings). */
	settings: string;
	range: DataRange;
	period: string;
	overview: OverviewResult;
}

/** Whether the prebuilt tables were made from exactly the manifest's files. */
export function sourcesMatch(index: PrebuiltIndex, files: Array<{ file: string; sha256: string }>): boolean {
	if (index.format !== PREBUILT_FORMAT || index.sources.length !== files.length) return false;
	return files.every((f, i) => index.sources[i].file === f.file && index.sources[i].sha256 === f.sha256);
}

/** The sample's files as downloaded: its manifest, and the prebuilt tables (null when there are none). */
export interface SampleFiles {
	manifest: SampleManifest;
	prebuilt: { index: PrebuiltIndex; data: Uint8Array[]; rejects: Uint8Array | null } | null;
}

/** The same, on their way. */
export interface SampleDownload {
	manifest: Promise<SampleFiles['manifest']>;
	prebuilt: Promise<SampleFiles['prebuilt']>;
}

/**
 * Start downloading the sample under `baseUrl`: the manifest, the prebuilt index, and the
 * tables and rejected values it lists. `prebuilt` is null when there is no prebuilt index (a
 * dev server); a failed download rejects. The engine does this when it loads the sample; the
 * page does it too once DuckDB's wasm is compiled (app.svelte.ts), so the files arrive while
 * DuckDB instantiates, and hands them over with `loadSample`.
 */
export function downloadSample(baseUrl: string, fetchBytes: (url: string) => Promise<Uint8Array>): SampleDownload {
	const dir = new URL(PREBUILT_DIR, baseUrl);
	const manifest = fetch(new URL('manifest.json', baseUrl)).then((r) => r.json() as Promise<SampleManifest>);
	const prebuilt = (async (): Promise<SampleFiles['prebuilt']> => {
		let index: PrebuiltIndex;
		try {
			const res = await fetch(new URL('index.json', dir));
			if (!res.ok) return null;
			index = (await res.json()) as PrebuiltIndex;
		} catch {
			return null;
		}
		const [data, rejects] = await Promise.all([
			Promise.all(index.tables.map((t) => fetchBytes(new URL(t.data, dir).href))),
			index.rejects ? fetchBytes(new URL(index.rejects, dir).href) : Promise.resolve(null)
		]);
		return { index, data, rejects };
	})();
	// Whoever started the download awaits these; one left unawaited must not be an unhandled rejection.
	manifest.catch(() => {});
	prebuilt.catch(() => {});
	return { manifest, prebuilt };
}
