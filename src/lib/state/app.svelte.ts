/**
 * App-wide state in runes: the engine's status, the loaded tables, whether the sample is
 * what is loaded, and a counter of page computations in flight. `data-pantau-state` on
 * <html> is derived from it: `ready` only when data is loaded and no page is computing.
 */
import { untrack } from 'svelte';
import { engine, type Progress } from '../engine/client';
import { settings } from './settings.svelte';
import type { LoadOutcome } from '../engine/protocol';
import type { TableSummary } from '../engine/workspace';
import { loadCharts } from '../charts/chart-action';
import { PREBUILT_DIR, PREBUILT_FORMAT, type PrebuiltOverview } from '../engine/prebuilt';

export type PantauState = 'loading' | 'ready' | 'error';

const SAMPLE_KEY = 'pantau.source';

class AppState {
	engineReady = $state(false);
	engineMs = $state<number | null>(null);
	engineVersion = $state('');
	/** A fatal problem (engine could not start). */
	fatal = $state<string | null>(null);
	/** The last engine crash, shown until dismissed. */
	crash = $state<string | null>(null);
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
	preview = $state.raw<PrebuiltOverview | null>(null);
	/** When the first indicator value was put on screen (ms since the app started). */
	firstValueMs = $state<number | null>(null);

	get state(): PantauState {
		if (this.fatal) return 'error';
		if (!this.engineReady || this.loading || this.busy > 0) return 'loading';
		return 'ready';
	}

	/** Start the engine and load the sample (or nothing, if the user removed all data). */
	async start(baseUrl: string): Promise<void> {
		const e = engine();
		e.onCrash = (message) => {
			this.crash = message;
			this.tables = [];
			this.engineReady = false;
			void this.start(baseUrl);
		};
		const early = readSource();
		if (early !== 'user' && early !== 'empty') void this.fetchPreview(baseUrl);
		// Charts load beside the engine; the page is not `ready` until they can be drawn.
		void this.compute(() => loadCharts());
		try {
			const info = await (takeEarlyInit() ?? e.call({ op: 'init' }));
			this.engineMs = info.ms;
			this.engineVersion = info.version;
			this.engineReady = true;
			keepForOffline(info.assets);
			const source = readSource();
			if (source === 'user' && (await this.restore())) return;
			if (source !== 'empty') await this.loadSample(baseUrl);
			else this.dataVersion++;
		} catch (err) {
			this.fatal = (err as Error).message;
		}
	}

	private async fetchPreview(baseUrl: string): Promise<void> {
		try {
			const res = await fetch(new URL(`sample/${PREBUILT_DIR}overview.json`, baseUrl));
			if (!res.ok) return;
			const p = (await res.json()) as PrebuiltOverview;
			if (p.format === PREBUILT_FORMAT && !this.tables.length && this.readyMs === null) this.preview = p;
		} catch {
			/* no prebuilt overview (dev server): the numbers come when DuckDB is ready */
		}
	}

	/** Record the first time an indicator value is on screen. */
	markFirstValue(): void {
		if (this.firstValueMs === null) this.firstValueMs = Math.round(performance.now() - this.startedAt);
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

	async loadSample(baseUrl: string): Promise<LoadOutcome> {
		const out = await this.track(() =>
			engine().call({ op: 'loadSample', baseUrl: new URL('sample/', baseUrl).href }, (p) => (this.progress = p))
		);
		this.isSample = true;
		this.village = out.village ?? null;
		writeSource('sample');
		return out;
	}

	async loadFiles(files: File[], replace: boolean): Promise<LoadOutcome> {
		const out = await this.track(() =>
			engine().call(
				{ op: 'loadFiles', files: files.map((f) => ({ name: f.name, file: f })), replace },
				(p) => (this.progress = p)
			)
		);
		if (replace || this.isSample) {
			this.isSample = false;
			this.village = null;
		}
		this.preview = null;
		writeSource('user');
		return out;
	}

	async loadUrl(url: string, replace: boolean): Promise<LoadOutcome> {
		const out = await this.track(() => engine().call({ op: 'loadUrl', url, replace }, (p) => (this.progress = p)));
		this.isSample = false;
		this.preview = null;
		this.village = null;
		writeSource('user');
		return out;
	}

	/** Remove every table, the files kept on this device, and the saved settings and view. */
	async removeAll(): Promise<void> {
		this.tables = await engine().call({ op: 'removeAll' });
		this.isSample = false;
		this.preview = null;
		this.village = null;
		writeSource('empty');
		settings.reset();
		this.dataVersion++;
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
/**
 * The engine starts when this module is first evaluated, before the layout has mounted:
 * DuckDB's wasm then downloads and compiles while the page renders.
 */
let earlyInit: ReturnType<typeof startInit> | null = typeof window !== 'undefined' && typeof Worker !== 'undefined' ? startInit() : null;
function startInit() {
	const p = engine().call({ op: 'init' });
	p.catch(() => {}); // reported by start()
	return p;
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
