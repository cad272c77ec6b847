/** Messages between the page and the engine worker. Plain, structured-clonable data only. */
import type { ContractTableName } from './contract';
import type { LoadReport, SourceColumnSample } from './ingest';
import type { QueryResult } from './database';
import type { TableSummary } from './workspace';
import type { Refusal } from './refusals';
import type { EngineWasm } from './wasm';
import type { SampleFiles } from './prebuilt';

export interface SampleManifest {
	village: string;
	files: Array<{ file: string; table: string; rows?: number; bytes?: number; sha256?: string }>;
}

export interface LoadFailure {
	file: string;
	/** In English; the page words the coded failures itself, in the UI language. */
	message: string;
	/** `too_large`: refused before reading (`bytes` over `limit`); `out_of_memory`: DuckDB ran out (`limit`: the wasm heap). */
	code?: 'too_large' | 'out_of_memory';
	bytes?: number;
	limit?: number;
	/** Why the whole file was refused (refusals.ts), for the page to word in the UI language. */
	refusal?: Refusal;
}

export interface LoadOutcome {
	reports: LoadReport[];
	failures: LoadFailure[];
	/** The village the files describe, when known (the sample's manifest says). */
	village?: string;
	/** A replace whose every file failed: the data loaded before was loaded again. */
	unchanged?: boolean;
}

export type EngineRequest =
	/** `wasm`: DuckDB's wasm URLs, and the build the page compiled (wasm.ts). */
	| { op: 'init'; debugCrash?: boolean; wasm: EngineWasm }
	/** `files`: the sample's files, when the page has downloaded them already (prebuilt.ts, downloadSample). */
	| { op: 'loadSample'; baseUrl: string; files?: SampleFiles }
	/**
	 * After the prebuilt sample: warm the engine in idle time for the overview at `period`
	 * (operations.ts `warmUpSteps`); ignored for other data, and once done for this data.
	 */
	| { op: 'warm'; period: string; trendCodes: string[]; settings: unknown }
	/** `sampleUrl`: the sample is what is loaded (its base URL), to put back if a replace loads nothing. */
	| { op: 'loadFiles'; files: Array<{ name: string; file: Blob }>; replace: boolean; sampleUrl?: string }
	| { op: 'loadUrl'; url: string; replace: boolean; sampleUrl?: string }
	| { op: 'list' }
	| { op: 'preview'; table: string; limit: number; offset: number }
	| { op: 'rejects'; table: string }
	| { op: 'remove'; table: string }
	| { op: 'removeAll' }
	| { op: 'rename'; table: string; to: string }
	| { op: 'reassign'; table: string; contract: ContractTableName | null; mapping?: Record<string, string>; remember?: boolean }
	| { op: 'sourceColumns'; table: string }
	| { op: 'compute'; name: string; args: unknown[] }
	| { op: 'restore' }
	| { op: 'stored' }
	/** Load the Parquet reader now (the data page asks, once the app is ready), not with the first Parquet file. */
	| { op: 'prepareParquet' }
	| { op: 'bench'; task: string; args: unknown[] }
	/** Only honoured when the page was opened with `?debug=crash-engine` (README, "Faults"). */
	| { op: 'debugCrash'; kind: 'uncaught' | 'wasm-trap' };

export interface EngineResponses {
	init: { ms: number; version: string; assets: string[] };
	loadSample: LoadOutcome;
	warm: null;
	loadFiles: LoadOutcome;
	loadUrl: LoadOutcome;
	list: TableSummary[];
	preview: QueryResult;
	rejects: QueryResult;
	remove: TableSummary[];
	removeAll: TableSummary[];
	rename: TableSummary[];
	/** With `remember`, the mapping is also saved on this device for files with the same header. */
	reassign: LoadReport;
	/** The table's file columns before any mapping, with a few values each. */
	sourceColumns: SourceColumnSample[];
	compute: unknown;
	/** The files kept on this device, loaded again; null when none are kept. */
	restore: LoadOutcome | null;
	/** How many files are kept on this device. */
	stored: number;
	prepareParquet: null;
	/** `npm run bench` only (bench-ops.ts). */
	bench: unknown;
	debugCrash: null;
}

export type WorkerMessage =
	| { type: 'result'; id: number; ok: true; value: unknown }
	/** `fatal`: the engine is broken (a WebAssembly trap); the page restarts it. */
	| { type: 'result'; id: number; ok: false; error: { name: string; message: string }; fatal?: boolean }
	| { type: 'progress'; id: number; stage: string; done: number; total: number; file?: string };
