/// <reference lib="webworker" />
/**
 * The engine worker: one DuckDB (duckdb-wasm's browser-blocking build, self-hosted),
 * parquet-wasm, the workspace of loaded tables, and the indicator engine. The page talks
 * to it only through the messages in protocol.ts, so a large file never freezes the page.
 */
import * as duckdb from '$duckdb-browser-blocking';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { Database, type BlockingBindings } from './database';
import { Workspace } from './workspace';
import { InputError, PARQUET_BATCH_ROWS, type LoadReport, type ParquetDecoder } from './ingest';
import { MAX_KEY_JOB_BYTES, type KeyChecker } from './key-check';
import { CONTRACT } from './contract';
import { columnsOf } from './dialect';
import { refuse } from './refusals';
import { deviceStorage, fromStored, savedMappings, toStored } from './storage';
import { headerSignature, type SavedMapping } from './mapping';
import { MAX_FILE_BYTES, checkFileSizes, describeFailure, isFatalEngineError, isOutOfMemory, outOfMemoryMessage, tooLargeMessage } from './faults';
import type { EngineRequest, LoadOutcome, SampleManifest, WorkerMessage } from './protocol';
import { COMPUTE_OPERATIONS, seedCache, warmUpSteps } from '../indicators/operations';
import { runBench } from './bench-ops';
import { downloadSample, sourcesMatch, type SampleDownload, type SampleFiles } from './prebuilt';
import type { EngineWasm } from './wasm';
import { downloadWasm } from './wasm-download';

declare const self: DedicatedWorkerGlobalScope;

let db: Database | null = null;
let ws: Workspace | null = null;
let initPromise: Promise<{ ms: number; version: string; assets: string[] }> | null = null;
/** Whether the page was opened with `?debug=crash-engine`: only then is the `debugCrash` op honoured. */
let debugCrash = false;

/**
 * parquet-wasm is not loaded at start-up, to keep it fast: it loads when the data page asks
 * (`prepareParquet`, while the user picks a file) or with the first Parquet file.
 */
let parquetModule: typeof import('parquet-wasm/esm') | null = null;
let parquetLoading: Promise<void> | null = null;
const parquet: ParquetDecoder & { ready(): Promise<void> } = {
	ready() {
		parquetLoading ??= (async () => {
			// The Arrow reader ingest uses on decoded Parquet (arrow-facts.ts) loads with it, so
			// both are fetched (and kept by the service worker) on the data page.
			const [mod] = await Promise.all([import('parquet-wasm/esm'), import('./arrow-facts')]);
			await mod.default({ module_or_path: parquetWasmUrl });
			parquetModule = mod;
		})().catch((e: unknown) => {
			// Tried again by the next caller (e.g. once back online).
			parquetLoading = null;
			throw e;
		});
		return parquetLoading;
	},
	toArrowIPC(bytes: Uint8Array, limit?: number) {
		if (!parquetModule) throw new Error('Parquet reader is not ready');
		return parquetModule.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS, ...(limit !== undefined ? { limit } : {}) }).intoIPCStream();
	}
};

/**
 * Key checks (key-check.ts) run on a helper thread while DuckDB reads the file: on this
 * 2-core machine that takes their half second at 1M rows off the load. One that cannot
 * start (offline, before its script was kept) or dies answers false to the checks it holds
 * (the load then runs its duplicate-key query), and later checks are made in place, as
 * without it.
 */
let keyHelper: { worker: Worker; pending: Map<number, (distinct: boolean) => void>; next: number; ready: boolean } | null = null;
let keyHelperFailed = false;

/**
 * Start the helper (with the engine, so it is running before the first load: a worker this
 * worker starts cannot get going while this thread is busy in DuckDB, and a load would then
 * wait for it). It says when it is ready; until then, loads check their keys in place.
 */
function startKeyHelper(): void {
	if (keyHelper || keyHelperFailed || typeof Worker === 'undefined') return;
	let worker: Worker;
	try {
		worker = new Worker(new URL('./key-worker.ts', import.meta.url), { type: 'module', name: 'pantau-keys' });
	} catch {
		keyHelperFailed = true;
		return;
	}
	const helper = { worker, pending: new Map<number, (distinct: boolean) => void>(), next: 1, ready: false };
	worker.onmessage = (ev: MessageEvent<{ id: number; distinct: boolean } | { ready: true }>) => {
		if ('ready' in ev.data) {
			helper.ready = true;
			return;
		}
		const answer = helper.pending.get(ev.data.id);
		helper.pending.delete(ev.data.id);
		answer?.(ev.data.distinct === true);
	};
	worker.onerror = (ev) => {
		ev.preventDefault();
		keyHelperFailed = true;
		keyHelper = null;
		worker.terminate();
		for (const answer of helper.pending.values()) answer(false);
		helper.pending.clear();
	};
	keyHelper = helper;
}

const keyChecker: KeyChecker = {
	takes: (bytes) => keyHelper?.ready === true && bytes <= MAX_KEY_JOB_BYTES,
	check(job) {
		const helper = keyHelper;
		if (!helper) return Promise.resolve(false);
		const id = helper.next++;
		return new Promise<boolean>((resolve) => {
			helper.pending.set(id, resolve);
			try {
				helper.worker.postMessage({ id, job }, [job.kind === 'csv' ? job.utf8.buffer : job.ipc.buffer]);
			} catch {
				helper.pending.delete(id);
				resolve(false);
			}
		});
	}
};

/** The files this worker needs, for the service worker to keep for offline use. */
function engineAssets(wasmUrl: string): string[] {
	return [self.location.href, wasmUrl, new URL(parquetWasmUrl, self.location.href).href];
}

/** duckdb-wasm's hook that fetches and instantiates its wasm (an Emscripten `instantiateWasm`). */
type InstantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => unknown;

async function init(wasm: EngineWasm): Promise<{ ms: number; version: string; assets: string[] }> {
	const t0 = performance.now();
	const bundles = {
		mvp: { mainModule: wasm.mvp, mainWorker: '' },
		eh: { mainModule: wasm.eh, mainWorker: '' }
	};
	const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.BROWSER_RUNTIME);
	// duckdb-wasm's own fields (1.32): the wasm it chose, its runtime, its instantiate hook.
	const own = bindings as unknown as { mainModuleURL?: unknown; _runtime?: unknown; instantiateWasm?: InstantiateWasm };
	const chosen = typeof own.mainModuleURL === 'string' ? own.mainModuleURL : wasm.eh;
	if (typeof own.instantiateWasm === 'function') {
		// The page compiled the eh build already (wasm.ts): instantiate that module instead of
		// fetching and compiling it again. Else this worker fetches the build duckdb-wasm chose:
		// itself, so a failed download is an error the page shows (duckdb-wasm's own fetch
		// would leave the start waiting for ever). duckdb-wasm binds this hook when it
		// instantiates; should instantiating fail, the hook falls back to its own fetch.
		const compiled = chosen === wasm.eh && wasm.module ? wasm.module : await downloadWasm(chosen);
		const fetchOwn = own.instantiateWasm.bind(own);
		own.instantiateWasm = (imports, done) => {
			(globalThis as unknown as { DUCKDB_RUNTIME: unknown }).DUCKDB_RUNTIME = own._runtime;
			WebAssembly.instantiate(compiled, imports).then(
				(instance) => done(instance, compiled),
				() => fetchOwn(imports, done)
			);
			return [];
		};
	}
	await bindings.instantiate(() => {});
	db = new Database(bindings as unknown as BlockingBindings);
	ws = new Workspace(db, parquet, keyChecker);
	startKeyHelper();
	const version = String(db.query('SELECT version()').rows[0][0]);
	return { ms: Math.round(performance.now() - t0), version, assets: engineAssets(chosen) };
}

function ready(): Workspace {
	if (!ws) throw new Error('The engine is not started.');
	return ws;
}

function progress(id: number, stage: string, done: number, total: number, file?: string): void {
	const msg: WorkerMessage = { type: 'progress', id, stage, done, total, file };
	self.postMessage(msg);
}

type PendingFile = { name: string; bytes: () => Promise<Uint8Array>; table?: string; remoteParquet?: string; size?: number };

/**
 * A remote Parquet file is read with HTTP range requests (parquet-wasm's async reader): the
 * footer, then the column chunks. Every column is read: unknown columns are kept, as from a
 * file (and parquet-wasm's column projection gives a stream Arrow cannot read back). First,
 * the file's last 8 bytes are asked for, so that a URL that fails or is not Parquet is
 * refused as a CSV URL is, before parquet-wasm (which traps on a failed fetch) sees it.
 * Bytes transferred are reported in the load notes.
 */
async function readRemoteParquet(url: string, name: string): Promise<{ arrowIPC: Uint8Array; notes: string[]; size?: number }> {
	const total = await checkRemoteParquet(url, name);
	await parquet.ready();
	const mod = parquetModule!;
	const { value: read, bytes } = await countingFetches(url, async () => {
		const file = await mod.ParquetFile.fromUrl(url);
		return { file, table: await file.read({ concurrency: 4, batchSize: PARQUET_BATCH_ROWS }) };
	});
	const size = Number(read.file.metadata().fileMetadata().numRows());
	const columns = await remoteColumns(read.file);
	return {
		arrowIPC: read.table.intoIPCStream(),
		...(total !== null ? { size: total } : {}),
		notes: [
			`${name} was read from ${url} by HTTP range requests: ${columns.length} of ${columns.length} columns, ${size} rows${bytes === null ? '; the server did not say how many bytes it sent' : `, ${bytes} bytes transferred`}.`
		]
	};
}

/**
 * Refuse a Parquet URL that cannot be fetched, or whose last bytes are not the Parquet
 * signature. The file's size, when the server says (`Content-Range: bytes a-b/SIZE`, readable
 * from another origin only if the server exposes it), else null.
 */
async function checkRemoteParquet(url: string, name: string): Promise<number | null> {
	let res: Response;
	try {
		res = await fetch(url, { headers: { Range: 'bytes=-8' } });
	} catch {
		throw refuse('fetch_unreachable', { file: url });
	}
	if (!res.ok) throw refuse('fetch_failed', { file: url, status: String(res.status), statusText: res.statusText });
	if (res.status !== 206) {
		// The server sends the whole file rather than a range: not read here (parquet-wasm reads what it needs).
		void res.body?.cancel();
		const length = Number(res.headers.get('content-length'));
		return Number.isFinite(length) && length > 0 ? length : null;
	}
	const range = /\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '');
	const tail = new Uint8Array(await res.arrayBuffer());
	const magic = String.fromCharCode(...tail.subarray(tail.length - 4));
	if (magic !== 'PAR1') throw refuse('parquet_damaged', { file: name, detail: 'it does not end with the Parquet signature "PAR1"' });
	return range ? Number(range[1]) : null;
}

/**
 * Run `read` counting the bytes of the responses to `url` (their Content-Length), which
 * parquet-wasm fetches through this worker's `fetch`; null when a response does not say.
 */
async function countingFetches<T>(url: string, read: () => Promise<T>): Promise<{ value: T; bytes: number | null }> {
	const own = self.fetch;
	let bytes: number | null = 0;
	self.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
		const res = await own.call(self, input, init);
		const target = input instanceof Request ? input.url : String(input);
		if (target === url && bytes !== null) {
			const length = res.headers.get('content-length');
			bytes = length === null ? null : bytes + Number(length);
		}
		return res;
	};
	try {
		return { value: await read(), bytes };
	} finally {
		self.fetch = own;
	}
}

/**
 * A remote Parquet file's top-level column names, from the footer already read: the first
 * element of each column chunk's path. Only a file without row groups (no chunks to name
 * its columns) is asked for a row, through DuckDB, as before.
 */
async function remoteColumns(file: import('parquet-wasm/esm').ParquetFile): Promise<string[]> {
	const md = file.metadata();
	if (md.numRowGroups() > 0) {
		const names: string[] = [];
		for (const chunk of md.rowGroup(0).columns()) {
			const top = chunk.columnPath()[0];
			if (top !== undefined && !names.includes(top)) names.push(top);
		}
		if (names.length > 0) return names;
	}
	const head = await file.read({ limit: 1 });
	const probe = '__probe_' + Date.now().toString(36);
	const w = ready();
	w.db.insertArrowIPC(probe, head.intoIPCStream());
	try {
		return w.db.query(columnsOf(probe)).rows.map((r) => String(r[0]));
	} finally {
		w.db.exec(`DROP TABLE IF EXISTS "${probe}"`);
	}
}

/** Keep a loaded table's file on this device (quietly skipped where storage is unavailable or full). */
async function persist(table: string, order: number): Promise<string | null> {
	if (!deviceStorage.available()) return null;
	try {
		const { file, options } = ready().source(table);
		await deviceStorage.put({ table, file: toStored(file), options, order, savedAt: new Date().toISOString() });
		return null;
	} catch (e) {
		return `${table} is loaded but could not be kept on this device (${(e as Error)?.message ?? e}); it will be gone after a reload.`;
	}
}

/** Mappings saved on this device, for a load of the user's files (none where storage is unavailable). */
async function mappingsForLoad(): Promise<ReadonlyMap<string, SavedMapping> | undefined> {
	if (!deviceStorage.available()) return undefined;
	try {
		return await savedMappings.bySignature();
	} catch {
		return undefined;
	}
}

/**
 * Load files one by one into the workspace. `keep`: keep each loaded table's file on the
 * device (not for the sample). `replacing`: the files kept before are dropped from the
 * device when the first file loads, and only then, so a replace whose every file fails
 * leaves them there to load again (`putBack`).
 */
async function loadAll(id: number, files: PendingFile[], keep = true, replacing = false): Promise<LoadOutcome> {
	const w = ready();
	const out: LoadOutcome = { reports: [], failures: [] };
	let stale = replacing;
	const keepLoaded = async (table: string, order: number): Promise<string | null> => {
		if (stale && deviceStorage.available()) await deviceStorage.clear();
		stale = false;
		return persist(table, order);
	};
	// The sample (keep = false) is always read as it is; the user's files get their saved mappings.
	const saved = keep ? await mappingsForLoad() : undefined;
	let i = 0;
	for (const f of files) {
		progress(id, 'reading', i, files.length, f.name);
		// Too large: refused before a byte is read (the page checks first; this is for any other caller).
		const tooLarge = f.size !== undefined ? checkFileSizes([{ name: f.name, size: f.size }]).refused[0] : undefined;
		if (tooLarge) {
			out.failures.push(tooLarge);
			i++;
			progress(id, 'loaded', i, files.length, f.name);
			continue;
		}
		try {
			if (f.remoteParquet) {
				const remote = await readRemoteParquet(f.remoteParquet, f.name);
				progress(id, 'loading', i, files.length, f.name);
				const report = await w.load({ name: f.name, bytes: new Uint8Array(), ...remote }, { ...(f.table ? { tableName: f.table } : {}), savedMappings: saved });
				out.reports.push(report);
				if (keep) {
					const problem = await keepLoaded(report.table, Date.now() + i);
					if (problem) report.notes.push(problem);
				}
				i++;
				progress(id, 'loaded', i, files.length, f.name);
				continue;
			}
			const bytes = await f.bytes();
			if (isParquet(bytes)) await parquet.ready();
			progress(id, 'loading', i, files.length, f.name);
			const report = await w.load({ name: f.name, bytes }, { ...(f.table ? { tableName: f.table } : {}), savedMappings: saved });
			out.reports.push(report);
			if (keep) {
				const problem = await keepLoaded(report.table, Date.now() + i);
				if (problem) report.notes.push(problem);
			}
		} catch (e) {
			// A broken engine cannot load the next file: the page restarts it.
			if (isFatalEngineError(e)) throw e;
			out.failures.push(describeFailure(f.name, e));
		}
		i++;
		progress(id, 'loaded', i, files.length, f.name);
	}
	return out;
}

function isParquet(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31;
}

/**
 * Keep the mapping a user applied, for files with the same header: every contract column,
 * `''` for those mapped to none. Not for files without a header (their column1.. names say
 * nothing). Returns a note when it could not be kept.
 */
async function rememberMapping(report: LoadReport): Promise<string | null> {
	if (!report.contract || !deviceStorage.available() || report.dialect?.header === false) return null;
	const mapping: Record<string, string> = {};
	for (const c of CONTRACT[report.contract].columns) mapping[c.name] = report.mapping[c.name] ?? '';
	try {
		await savedMappings.put({
			signature: headerSignature(report.sourceColumns),
			columns: report.sourceColumns,
			contract: report.contract,
			mapping,
			savedAt: new Date().toISOString()
		});
		return null;
	} catch (e) {
		return `The column mapping could not be kept on this device (${(e as Error)?.message ?? e}); it will not be reused.`;
	}
}

/** An operation's error as the page shows it. */
function describeError(e: unknown): string {
	if (e instanceof InputError) return e.message;
	if (isOutOfMemory(e)) return outOfMemoryMessage();
	return String((e as Error)?.message ?? e).split('\n')[0];
}

/**
 * The sample as the build ingested it (see prebuilt.ts): null when the prebuilt files are
 * missing or were not made from exactly the manifest's files, and the files are read instead.
 */
async function loadPrebuiltSample(id: number, baseUrl: string, manifest: SampleManifest, download: SampleDownload): Promise<LoadOutcome | null> {
	const t0 = performance.now();
	const prebuilt = await download.prebuilt;
	if (!prebuilt) return null;
	const { index, data, rejects } = prebuilt;
	const files = manifest.files.map((f) => ({ file: f.file, sha256: f.sha256 ?? '' }));
	if (!sourcesMatch(index, files)) return null;
	progress(id, 'loading', 0, index.tables.length);
	const w = ready();
	const reports = w.adoptPrebuilt(
		index.tables.map((t, i) => ({
			name: t.name,
			ipc: data[i],
			columns: t.columns,
			report: {
				...t.report,
				notes: [...t.report.notes, `${t.file}: taken from the copy the app's build ingested from this file (SHA-256 checked against the sample's manifest).`]
			},
			fetchFile: async () => ({ name: t.file, bytes: await fetchBytes(new URL(t.file, baseUrl).href) })
		})),
		rejects
	);
	const ms = Math.round(performance.now() - t0);
	for (const r of reports) {
		r.loadedAt = new Date().toISOString();
		r.ms = ms;
	}
	seedCache(w.version, index.cache);
	progress(id, 'loaded', index.tables.length, index.tables.length);
	return { reports, failures: [] };
}

/** Requests being handled, and when the last one ended: the warm-up runs only in quiet time. */
let inFlight = 0;
let lastRequestEnd = 0;
let warmedVersion = -1;
/** How long the engine must have had no request before a warm-up step runs. */
const WARM_UP_QUIET_MS = 500;

/**
 * Warm the engine after a load (the prebuilt sample or the user's data), one small step at a time once it has had no
 * request for WARM_UP_QUIET_MS (operations.ts `warmUpSteps`); stops when the data changes.
 * Someone already at work (a person clicking, a script) is not slowed by it: a request
 * that arrives during a step waits for that step only, and the steps then pause again.
 */
function warmUp(req: Extract<EngineRequest, { op: 'warm' }>): void {
	const w = ready();
	const version = w.version;
	if (warmedVersion === version) return;
	warmedVersion = version;
	const steps = warmUpSteps({ db: w.db, tables: w.contractTables(), version }, req.period, req.trendCodes, req.settings);
	// A macrotask between steps, so a request that came in is handled before the next one.
	const quiet = async () => {
		for (let wait = 0; ; wait = inFlight > 0 ? WARM_UP_QUIET_MS : lastRequestEnd + WARM_UP_QUIET_MS - performance.now()) {
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
			if (inFlight === 0 && performance.now() - lastRequestEnd >= WARM_UP_QUIET_MS) return;
		}
	};
	void (async () => {
		for (const step of steps) {
			await quiet();
			if (ws?.version !== version) return;
			try {
				step();
			} catch (e) {
				// A broken engine: the next request finds out and reports it (the page restarts it).
				if (isFatalEngineError(e)) return;
				// Not computable on this data: the page's own computation says why.
			}
		}
	})();
}

async function fetchBytes(url: string): Promise<Uint8Array> {
	let res: Response;
	try {
		res = await fetch(url);
	} catch {
		// fetch says only "Failed to fetch": no answer, a blocked address, or CORS.
		throw refuse('fetch_unreachable', { file: url });
	}
	if (!res.ok) throw refuse('fetch_failed', { file: url, status: String(res.status), statusText: res.statusText });
	// Refused before the body is read, when the server says how large it is.
	const length = Number(res.headers.get('content-length') ?? 0);
	if (length > MAX_FILE_BYTES) {
		void res.body?.cancel();
		throw new InputError(tooLargeMessage(url, length));
	}
	return new Uint8Array(await res.arrayBuffer());
}

/** Load the built-in sample (prebuilt when its files match), replacing everything. */
async function loadSample(id: number, baseUrl: string, files?: SampleFiles): Promise<LoadOutcome> {
	const w = ready();
	// The page may have downloaded the files already, while DuckDB started.
	const download = files ? { manifest: Promise.resolve(files.manifest), prebuilt: Promise.resolve(files.prebuilt) } : downloadSample(baseUrl, fetchBytes);
	w.removeAll();
	// The sample comes from the app's own files: nothing of it is kept on the device.
	if (deviceStorage.available()) await deviceStorage.clear();
	const manifest = await download.manifest;
	const fast = await loadPrebuiltSample(id, baseUrl, manifest, download);
	if (fast) return { ...fast, village: manifest.village };
	const outcome = await loadAll(
		id,
		manifest.files.map((f) => ({ name: f.file, table: f.table, bytes: () => fetchBytes(new URL(f.file, baseUrl).href) })),
		false
	);
	return { ...outcome, village: manifest.village };
}

/** Load the files kept on this device, replacing everything; null when there are none. */
async function restoreKept(id: number): Promise<LoadOutcome | null> {
	const w = ready();
	if (!deviceStorage.available()) return null;
	const kept = await deviceStorage.list();
	if (kept.length === 0) return null;
	w.removeAll();
	const out: LoadOutcome = { reports: [], failures: [] };
	let i = 0;
	for (const k of kept) {
		progress(id, 'loading', i, kept.length, k.file.name);
		try {
			const file = await fromStored(k.file);
			if (isParquet(file.bytes)) await parquet.ready();
			out.reports.push(await w.load(file, k.options));
		} catch (e) {
			if (isFatalEngineError(e)) throw e;
			out.failures.push(describeFailure(k.file.name, e));
		}
		i++;
		progress(id, 'loaded', i, kept.length, k.file.name);
	}
	return out;
}

/**
 * After a replace: when no file loaded, load again what was there (the sample, when
 * `sampleUrl` says it was loaded, or the files kept on the device, which loadAll left),
 * so a wrong or broken file never costs the data loaded. Nothing to put back is no change.
 */
async function putBack(id: number, out: LoadOutcome, sampleUrl: string | undefined): Promise<LoadOutcome> {
	if (out.reports.length > 0) return out;
	if (sampleUrl) {
		const sample = await loadSample(id, sampleUrl);
		return { ...out, failures: [...out.failures, ...sample.failures], village: sample.village, unchanged: true };
	}
	const kept = await restoreKept(id);
	return kept ? { ...out, failures: [...out.failures, ...kept.failures], unchanged: true } : out;
}

async function handle(id: number, req: EngineRequest): Promise<unknown> {
	switch (req.op) {
		case 'init':
			debugCrash = req.debugCrash === true;
			initPromise ??= init(req.wasm);
			return initPromise;
		case 'debugCrash':
			if (!debugCrash) throw new Error('debugCrash is only honoured when Pantau is opened with ?debug=crash-engine.');
			if (req.kind === 'wasm-trap') throw new WebAssembly.RuntimeError('unreachable (debug: engine crash requested with ?debug=crash-engine)');
			// An error no handler catches: the page sees the worker's error event, as for a real crash.
			setTimeout(() => {
				throw new Error('debug: engine crash requested with ?debug=crash-engine');
			});
			return null;
		case 'loadSample':
			return loadSample(id, req.baseUrl, req.files);
		case 'warm':
			warmUp(req);
			return null;
		case 'loadFiles': {
			// A replace frees the engine's memory first (a large file needs it); the files kept on
			// the device go only once a new file has loaded (see loadAll).
			if (req.replace) ready().removeAll();
			const out = await loadAll(
				id,
				req.files.map((f) => ({ name: f.name, size: f.file.size, bytes: async () => new Uint8Array(await f.file.arrayBuffer()) })),
				true,
				req.replace
			);
			return req.replace ? putBack(id, out, req.sampleUrl) : out;
		}
		case 'loadUrl': {
			const url = new URL(req.url, self.location.href).href;
			// Only the web: a javascript:, data:, file: or blob: address is refused before anything is removed or fetched.
			const web = /^https?:$/.test(new URL(url).protocol);
			if (req.replace && web) ready().removeAll();
			const name = web ? decodeURIComponent(new URL(url).pathname.split('/').pop() || 'data.csv') : req.url.slice(0, 120);
			const remoteParquet = web && /\.parquet$/i.test(name) ? url : undefined;
			const bytes = web ? () => fetchBytes(url) : () => Promise.reject(refuse('url_not_web', { file: req.url.slice(0, 120) }));
			const out = await loadAll(id, [{ name, bytes, remoteParquet }], true, req.replace && web);
			return req.replace ? putBack(id, out, req.sampleUrl) : out;
		}
		case 'list':
			return ready().list();
		case 'prepareParquet':
			await parquet.ready();
			return null;
		case 'preview':
			return ready().preview(req.table, req.limit, req.offset);
		case 'rejects':
			return ready().rejects(req.table);
		case 'remove':
			ready().remove(req.table);
			if (deviceStorage.available()) await deviceStorage.remove(req.table);
			return ready().list();
		case 'removeAll':
			ready().removeAll();
			if (deviceStorage.available()) await deviceStorage.clearAll();
			return ready().list();
		case 'rename': {
			const w = ready();
			const stored = deviceStorage.available() ? (await deviceStorage.list()).find((s) => s.table === req.table) : undefined;
			const to = w.rename(req.table, req.to);
			if (stored) {
				await deviceStorage.remove(req.table);
				await persist(to, stored.order);
			}
			return w.list();
		}
		case 'reassign': {
			const w = ready();
			const current = await w.sourceFile(req.table);
			if (isParquet(current.bytes)) await parquet.ready();
			const report = await w.reassign(req.table, req.contract, req.mapping);
			if (deviceStorage.available() && (await deviceStorage.list()).some((s) => s.table === req.table)) {
				const stored = (await deviceStorage.list()).find((s) => s.table === req.table)!;
				await persist(req.table, stored.order);
			}
			if (req.remember) {
				const problem = await rememberMapping(report);
				if (problem) report.notes.push(problem);
			}
			return report;
		}
		case 'sourceColumns': {
			const file = await ready().sourceFile(req.table);
			if (isParquet(file.bytes)) await parquet.ready();
			return ready().sourceSample(req.table);
		}
		case 'restore':
			return restoreKept(id);
		case 'bench':
			return runBench(ready().db, parquet, req.task, req.args);
		case 'stored':
			return deviceStorage.available() ? deviceStorage.count() : 0;
		case 'compute': {
			const w = ready();
			const fn = COMPUTE_OPERATIONS[req.name as keyof typeof COMPUTE_OPERATIONS];
			if (!fn) throw new Error(`Unknown computation ${req.name}`);
			return (fn as (ctx: unknown, ...args: unknown[]) => unknown)(
				{ db: w.db, tables: w.contractTables(), version: w.version },
				...req.args
			);
		}
	}
}

self.onmessage = async (ev: MessageEvent<{ id: number; req: EngineRequest }>) => {
	const { id, req } = ev.data;
	inFlight++;
	try {
		const value = await handle(id, req);
		const msg: WorkerMessage = { type: 'result', id, ok: true, value };
		self.postMessage(msg);
	} catch (e) {
		const msg: WorkerMessage = {
			type: 'result',
			id,
			ok: false,
			error: { name: (e as Error)?.name ?? 'Error', message: describeError(e) },
			fatal: isFatalEngineError(e)
		};
		self.postMessage(msg);
	} finally {
		inFlight--;
		lastRequestEnd = performance.now();
	}
};
