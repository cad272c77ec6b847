/**
 * App-wide state in runes: the engine's status, the loaded tables, whether the sample is
 * what is loaded, and a counter of page computations in flight. `data-pantau-state` on
 * <html> is derived from it: `ready` only when data is loaded and no page is computing.
 */
import { untrack } from 'svelte';
import { engine, type Progress } from '../engine/client';
import { settings } from './settings.svelte';
import { villageName } from './village.svelte';
import { checkFileSizes } from '../engine/faults';
import type { LoadOutcome } from '../engine/protocol';
import type { TableSummary } from '../engine/workspace';
import { trackChartLoading } from '../charts/chart-action';
import { PREBUILT_FORMAT, downloadSample, type PrebuiltOverview, type SampleFiles } from '../engine/prebuilt';
import { engineWasm } from '../engine/wasm';
import { ENGINE_DOWNLOAD_ERROR } from '../engine/wasm-download';
import { base } from '$app/paths';
import { HEADLINE_CODES } from '../areas';
import type { DataRange } from '../indicators/operations';
import { defaultPeriod, SAMPLE_AS_OF } from './periods';

export type PantauState = 'loading' | 'ready' | 'error';

/** What happened when the engine stopped, and how far the app got in coming back. */
export interface CrashNotice {
	/** What the engine said (technical, in English). */
	reason: string;
	/** `recovering`: restarting and loading the tables again; `recovered`: done; `failed`: it stopped again while loading them, so the app started empty. */
	phase: 'recovering' | 'recovered' | 'failed';
	/** Where the tables came back from: the files kept on this device, the sample, or nowhere. */
	from: 'device' | 'sample' | 'none' | null;
	/** Tables back after the restart. */
	restored: number;
	/** Tables there before that are not back (not kept on this device). */
	missing: string[];
	/** Tables there before the first crash. */
	before: string[];
}

const SAMPLE_KEY = 'pantau.source';

class AppState {
	engineReady = $state(false);
	engineMs = $state<number | null>(null);
	engineVersion = $state('');
	/** A fatal problem (engine could not start). */
	fatal = $state<string | null>(null);
	/** When the fatal problem is that DuckDB's wasm could not be downloaded: its URL and why (worded by the page). */
	fatalDownload = $state<{ url: string; detail: string } | null>(null);
	/** The last engine crash and the recovery from it, shown until dismissed. */
	crash = $state<CrashNotice | null>(null);
	tables = $state<TableSummary[]>([]);
	isSample = $state(false);
	/** The village name, when the data says (the sample's manifest). */
	village = $state<string | null>(null);
	loading = $state(false);
	progress = $state<Progress | null>(null);
	lastOutcome = $state<LoadOutcome | null>(null);
	/** Bumped whenever the data changes, so pages recompute. */
	dataVersion = $state(0);
	/** Page computations in flight. */
	busy = $state(0);
	startedAt = typeof performance !== 'undefined' ? performance.now() : 0;
	readyMs = $state<number | null>(null);
	/** How long the last load took, file reading and ingest included. */
	loadMs = $state<number | null>(null);
	/**
	 * The sample overview's default view as computed at build time (prebuilt.ts), shown while
	 * DuckDB starts; dropped as soon as other data is loaded.
	 */
	preview = $state.raw<PrebuiltOverview | null>(bundledPreview());
	/** When the first indicator value was put on screen (ms since the app started). */
	firstValueMs = $state<number | null>(null);

	/**
	 * The village name for titles: the sample's own when the sample is loaded, else the name
	 * set on /settings, else what the data says; null when nothing names it.
	 */
	get villageTitle(): string | null {
		if (this.isSample) return this.village;
		return villageName.saved || this.village;
	}

	get state(): PantauState {
		if (this.fatal) return 'error';
		if (!this.engineReady || this.loading || this.busy > 0) return 'loading';
		return 'ready';
	}

	private baseUrl = '';
	/** `?debug=…` when the app started (README, "Faults"). */
	private debug: string | null = null;
	/** Counts crashes, so a recovery overtaken by a newer crash stops. */
	private crashes = 0;

	/** Start the engine and load the sample (or nothing, if the user removed all data). */
	async start(baseUrl: string): Promise<void> {
		this.baseUrl = baseUrl;
		this.debug = readDebug();
		if (this.debug === 'crash-engine') installCrashHook();
		engine().onCrash = (reason) => void this.recover(reason);
		// ECharts (~220 KB gzipped) loads only when a page mounts a chart (the overview's
		// sparklines are plain SVG); the page is not `ready` until it can draw them.
		trackChartLoading((loading) => void this.compute(() => loading));
		try {
			await this.boot();
		} catch (err) {
			const e = err as Error;
			if (e.name === ENGINE_DOWNLOAD_ERROR) {
				try {
					const d = JSON.parse(e.message) as { url: string; detail: string };
					this.fatalDownload = d;
					this.fatal = `DuckDB's engine file could not be downloaded (${d.url}: ${d.detail})`;
				} catch {
					this.fatal = e.message;
				}
			} else this.fatal = e.message;
		}
	}

	/** Record the first time an indicator value is on screen. */
	markFirstValue(): void {
		if (this.firstValueMs === null) this.firstValueMs = Math.round(performance.now() - this.startedAt);
	}

	/** Start the engine, then load the files kept on this device, the sample, or nothing (`empty`). */
	private async boot(only?: 'empty'): Promise<CrashNotice['from']> {
		const info = await (takeEarlyInit() ?? initEngine(this.debug === 'crash-engine'));
		this.engineMs = info.ms;
		this.engineVersion = info.version;
		this.engineReady = true;
		keepForOffline(info.assets);
		const source = only ?? readSource();
		if (source === 'user' && (await this.restore())) return 'device';
		if (source === 'user' || source === 'sample') {
			await this.loadSample(this.baseUrl);
			return 'sample';
		}
		this.isSample = false;
		this.village = null;
		this.tables = [];
		this.dataVersion++;
		return 'none';
	}

	/**
	 * The engine crashed and its worker was replaced: start it again and load the tables
	 * kept on the device (or the sample), without a reload. If it crashes again while doing
	 * so, start it empty instead of trying forever; the files stay on the device.
	 */
	private async recover(reason: string): Promise<void> {
		const crash = ++this.crashes;
		const again = this.crash?.phase === 'recovering';
		const before = again && this.crash ? this.crash.before : this.tables.map((t) => t.name);
		this.crash = { reason, phase: 'recovering', from: null, restored: 0, missing: [], before };
		this.tables = [];
		this.engineReady = false;
		this.parquetPrepared = false;
		try {
			const from = await this.boot(again ? 'empty' : undefined);
			if (crash !== this.crashes) return;
			const now = this.tables.map((t) => t.name);
			this.crash = {
				reason,
				phase: again ? 'failed' : 'recovered',
				from,
				restored: now.length,
				missing: before.filter((n) => !now.includes(n)),
				before
			};
		} catch (err) {
			// A newer crash is being handled; otherwise the engine cannot start at all.
			if (crash !== this.crashes || (err as Error).name === 'EngineCrash') return;
			this.fatal = (err as Error).message;
		}
	}

	/** Load the files kept on this device; false when there are none. */
	async restore(): Promise<boolean> {
		let found = false;
		await this.track(async () => {
			const out = await engine().call({ op: 'restore' }, (p) => (this.progress = p));
			found = out !== null;
			return out ?? { reports: [], failures: [] };
		});
		if (found) {
			this.isSample = false;
			this.preview = null;
		}
		return found;
	}

	/** The sample's base URL while the sample is what is loaded, for the engine to put it back after a failed replace. */
	private sampleUrl(): string | undefined {
		return this.isSample ? sampleBase(this.baseUrl) : undefined;
	}

	async loadSample(baseUrl: string): Promise<LoadOutcome> {
		const url = sampleBase(baseUrl);
		const out = await this.track(async () =>
			engine().call({ op: 'loadSample', baseUrl: url, files: await takeSampleFiles(url) }, (p) => (this.progress = p))
		);
		this.isSample = true;
		this.village = out.village ?? null;
		writeSource('sample');
		return out;
	}

	async loadFiles(files: File[], replace: boolean): Promise<LoadOutcome> {
		// Files too large are refused here, before a byte is read, and a replace clears nothing for them.
		const { accepted, refused } = checkFileSizes(files);
		if (accepted.length === 0) return { reports: [], failures: refused };
		const loaded = await this.track(() =>
			engine().call(
				{ op: 'loadFiles', files: accepted.map((f) => ({ name: f.name, file: f })), replace, sampleUrl: this.sampleUrl() },
				(p) => (this.progress = p)
			)
		);
		const out = { ...loaded, failures: [...refused, ...loaded.failures] };
		// A replace that loaded nothing has put back what was there: nothing changes here.
		if (loaded.unchanged) return out;
		if (replace || this.isSample) {
			this.isSample = false;
			this.village = null;
		}
		this.preview = null;
		writeSource('user');
		return out;
	}

	async loadUrl(url: string, replace: boolean): Promise<LoadOutcome> {
		const out = await this.track(() => engine().call({ op: 'loadUrl', url, replace, sampleUrl: this.sampleUrl() }, (p) => (this.progress = p)));
		if (out.unchanged) return out;
		this.isSample = false;
		this.preview = null;
		this.village = null;
		writeSource('user');
		return out;
	}

	/** Remove every table, the files kept on this device, and the saved settings (the village name too) and view. */
	async removeAll(): Promise<void> {
		this.tables = await engine().call({ op: 'removeAll' });
		this.isSample = false;
		this.preview = null;
		this.village = null;
		writeSource('empty');
		settings.reset();
		villageName.save('');
		this.dataVersion++;
	}

	private warmed = -1;
	/**
	 * Once the app is ready, let the engine warm up in idle time (README, "Start-up"). On the
	 * prebuilt sample, whose default view came from the build's results (DuckDB has not yet run
	 * a query), the first change of period or filter then takes a few hundred milliseconds
	 * instead of 2–3 seconds. After a load of the user's own data, the overview of the period
	 * the pages open on is computed while the user reads the load report: on a million rows
	 * that is 1–1.5 s the overview no longer makes them wait. Not counted as busy; the engine
	 * starts it after 0.5 s without requests and stops it when the data changes.
	 */
	warmUp(): void {
		if (this.state !== 'ready' || this.warmed === this.dataVersion) return;
		if (this.tables.length === 0 && !this.preview) return;
		const version = (this.warmed = this.dataVersion);
		const call = (period: string) =>
			engine().call({ op: 'warm', period, trendCodes: HEADLINE_CODES, settings: settings.current }).catch(() => {});
		if (this.isSample && this.preview) {
			void call(this.preview.period);
			return;
		}
		engine()
			.compute<DataRange>('dataRange')
			.then((range) => {
				const period = defaultPeriod(range, this.isSample ? SAMPLE_AS_OF : new Date());
				if (period && version === this.dataVersion) void call(period);
			})
			.catch(() => {});
	}

	private parquetPrepared = false;
	/**
	 * Load the engine's Parquet reader ahead of the first Parquet file (about 0.5 s cold), once
	 * the app is ready; not counted as busy. A failure is left to that file's load to report.
	 */
	prepareParquet(): void {
		if (this.parquetPrepared || this.state !== 'ready') return;
		this.parquetPrepared = true;
		engine()
			.call({ op: 'prepareParquet' })
			.catch(() => (this.parquetPrepared = false));
	}

	/** How many files are kept on this device (for the "remove all" check). */
	async storedCount(): Promise<number> {
		return engine().call({ op: 'stored' });
	}

	async refreshTables(): Promise<void> {
		this.tables = await engine().call({ op: 'list' });
		this.dataVersion++;
	}

	private async track(run: () => Promise<LoadOutcome>): Promise<LoadOutcome> {
		this.loading = true;
		this.progress = null;
		const t0 = performance.now();
		try {
			const out = await run();
			this.loadMs = Math.round(performance.now() - t0);
			this.lastOutcome = out;
			this.tables = await engine().call({ op: 'list' });
			this.dataVersion++;
			return out;
		} finally {
			this.loading = false;
			this.progress = null;
			if (this.busy === 0 && this.readyMs === null && this.engineReady) this.readyMs = Math.round(performance.now() - this.startedAt);
		}
	}

	/** Run a page computation, counting it as in flight for `data-pantau-state`. */
	async compute<T>(run: () => Promise<T>): Promise<T> {
		// Called from effects: counting must not make the effect depend on `busy`.
		untrack(() => this.busy++);
		try {
			return await run();
		} finally {
			untrack(() => {
				this.busy--;
				if (this.busy === 0 && this.readyMs === null && this.engineReady && !this.loading) {
					this.readyMs = Math.round(performance.now() - this.startedAt);
				}
			});
		}
	}

	hasTable(contract: string): boolean {
		return this.tables.some((t) => t.contract === contract);
	}
}

/**
 * The engine worker and its wasm are fetched by the worker, outside the service worker's
 * precache list; ask the service worker to keep them too, so the app works offline.
 */
/** Where the sample's files are, under the app's base URL. */
function sampleBase(baseUrl: string): string {
	return new URL('sample/', baseUrl).href;
}

/** The sample's files, downloading since DuckDB's wasm was compiled (see startInit); null once taken. */
let sampleDownload: { baseUrl: string; files: Promise<SampleFiles | null> } | null = null;
function startSampleDownload(baseUrl: string): { baseUrl: string; files: Promise<SampleFiles | null> } {
	const dl = downloadSample(baseUrl, async (url) => {
		const res = await fetch(url);
		if (!res.ok) throw new Error(`${url}: ${res.status}`);
		return new Uint8Array(await res.arrayBuffer());
	});
	// Any failure: the engine downloads the sample itself, and reports what went wrong.
	const files = Promise.all([dl.manifest, dl.prebuilt]).then(
		([manifest, prebuilt]) => ({ manifest, prebuilt }),
		() => null
	);
	return { baseUrl, files };
}
/** The files downloaded for `baseUrl`, when that is the download started; undefined otherwise. */
async function takeSampleFiles(baseUrl: string): Promise<SampleFiles | undefined> {
	const dl = sampleDownload;
	sampleDownload = null;
	return dl?.baseUrl === baseUrl ? ((await dl.files) ?? undefined) : undefined;
}
/**
 * The engine starts when this module is first evaluated, before the layout has mounted:
 * DuckDB's wasm then downloads and compiles while the page renders.
 */
let earlyInit: ReturnType<typeof startInit> | null = typeof window !== 'undefined' && typeof Worker !== 'undefined' ? startInit() : null;
function startInit() {
	const p = initEngine(readDebug() === 'crash-engine');
	// When the sample is what will load, its files download while DuckDB instantiates: once
	// the wasm is downloaded and compiled, so they do not take its bandwidth on a slow link.
	if (readSource() === 'sample') {
		const url = sampleBase(new URL(`${base}/`, window.location.href).href);
		void engineWasm(window.location.href)
			.then(() => (sampleDownload = startSampleDownload(url)))
			.catch(() => {}); // the engine cannot start: init reports it
	}
	p.catch(() => {}); // reported by start()
	return p;
}
/**
 * Start the engine: the worker (its script starts loading) and, at the same time, the compile
 * of DuckDB's wasm in the page (wasm.ts), handed to the worker with `init`. `ms` is the
 * page's wall time for all of it, from this call to DuckDB answering.
 */
async function initEngine(debugCrash: boolean) {
	const t0 = performance.now();
	const client = engine();
	const wasm = await engineWasm(window.location.href);
	const info = await client.call({ op: 'init', debugCrash, wasm });
	return { ...info, ms: Math.round(performance.now() - t0) };
}
function takeEarlyInit() {
	const p = earlyInit;
	earlyInit = null;
	return p;
}

function keepForOffline(urls: string[]): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type: 'keep', urls })).catch(() => {});
}

function readDebug(): string | null {
	try {
		return new URL(window.location.href).searchParams.get('debug');
	} catch {
		return null;
	}
}

/**
 * With `?debug=crash-engine` only: `window.pantauDebug.crashEngine(kind)` makes the engine
 * worker fail as a real crash would (an uncaught error, or a WebAssembly trap), for the
 * fault tests. The worker refuses the request unless the page asked for it at start.
 */
function installCrashHook(): void {
	(window as unknown as { pantauDebug?: unknown }).pantauDebug = {
		crashEngine: (kind: 'uncaught' | 'wasm-trap' = 'uncaught') => engine().call({ op: 'debugCrash', kind }).catch(() => null)
	};
}

/**
 * The sample overview's build-time numbers, bundled with the app (about 8 KB gzipped) so
 * they render at once: in the prerendered overview, and in the browser when the sample is
 * what will load. Absent when the build has no prebuilt sample (the dev server).
 */
const BUNDLED = Object.values(import.meta.glob<PrebuiltOverview>('/static/sample/prebuilt/overview.json', { eager: true, import: 'default' }))[0];
function bundledPreview(): PrebuiltOverview | null {
	if (!BUNDLED || BUNDLED.format !== PREBUILT_FORMAT) return null;
	if (typeof window === 'undefined') return BUNDLED;
	const source = readSource();
	return source === 'user' || source === 'empty' ? null : BUNDLED;
}

function readSource(): 'sample' | 'user' | 'empty' {
	try {
		const v = localStorage.getItem(SAMPLE_KEY);
		return v === 'empty' ? 'empty' : v === 'user' ? 'user' : 'sample';
	} catch {
		return 'sample';
	}
}

function writeSource(v: 'sample' | 'user' | 'empty'): void {
	try {
		localStorage.setItem(SAMPLE_KEY, v);
	} catch {
		/* private mode: nothing to remember */
	}
}

export const app = new AppState();
