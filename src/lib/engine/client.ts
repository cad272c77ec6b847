/**
 * The page's side of the engine: one worker for the whole app, promise-based calls,
 * progress events, and recovery when the worker dies: on an error no handler caught, or a
 * WebAssembly trap reported as `fatal`, the worker is replaced by a fresh one, the calls in
 * flight fail with an `EngineCrash` error, and `onCrash` is told (the app then starts the
 * engine again and loads the tables kept on the device).
 *
 * On the prerendered overview, an inline script in app.html has often started the worker
 * already, while the page's own scripts load (see `ENGINE_META`); the client takes that one.
 */
import type { EngineRequest, EngineResponses, WorkerMessage } from './protocol';
import engineWorkerUrl from './worker?worker&url';
import { Lanes } from './lanes';

export interface Progress {
	stage: string;
	done: number;
	total: number;
	file?: string;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void };

export class EngineError extends Error {
	constructor(name: string, message: string) {
		super(message);
		this.name = name;
	}
}

export class EngineClient {
	private worker: Worker;
	private nextId = 1;
	private pending = new Map<number, Pending>();
	/** Called when the worker crashed and was replaced (its tables are gone), with what happened. */
	onCrash: ((reason: string) => void) | null = null;

	constructor() {
		this.worker = this.spawn();
	}

	private spawn(): Worker {
		const w = takeEarlyWorker() ?? new Worker(engineWorkerUrl, { type: 'module', name: 'pantau-engine' });
		w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
			const msg = ev.data;
			const p = this.pending.get(msg.id);
			if (!p) return;
			if (msg.type === 'progress') {
				p.onProgress?.({ stage: msg.stage, done: msg.done, total: msg.total, file: msg.file });
				return;
			}
			this.pending.delete(msg.id);
			if (msg.ok) p.resolve(msg.value);
			else if (msg.fatal) {
				p.reject(new EngineError('EngineCrash', crashMessage(msg.error.message)));
				this.crashed(msg.error.message);
			} else p.reject(new EngineError(msg.error.name, msg.error.message));
		};
		w.onerror = (ev) => {
			ev.preventDefault();
			this.crashed(ev.message || 'worker error');
		};
		return w;
	}

	private crashed(reason: string): void {
		const err = new EngineError('EngineCrash', crashMessage(reason));
		for (const p of this.pending.values()) p.reject(err);
		this.pending.clear();
		this.worker.terminate();
		this.worker = this.spawn();
		this.onCrash?.(reason);
	}

	call<K extends EngineRequest['op']>(
		req: Extract<EngineRequest, { op: K }>,
		onProgress?: (p: Progress) => void
	): Promise<EngineResponses[K]> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
			this.worker.postMessage({ id, req });
		});
	}

	compute<T>(name: string, ...args: unknown[]): Promise<T> {
		return this.call({ op: 'compute', name, args }) as Promise<T>;
	}

	private lanes = new Lanes();

	/** A computation of which only the newest of its `lane` matters; an overtaken one resolves to null (see lanes.ts). */
	latest<T>(lane: string, name: string, ...args: unknown[]): Promise<T | null> {
		return this.lanes.run(lane, () => this.compute<T>(name, ...args));
	}
}

function crashMessage(reason: string): string {
	return `The data engine stopped (${reason}) and was restarted; this request was not finished.`;
}

/**
 * The `<meta name>` through which the layout names the engine worker's script in the HTML,
 * so that app.html's inline script can start the worker before the app's scripts have
 * loaded (on the prerendered overview: about half a second earlier on a cold start).
 */
export const ENGINE_META = 'pantau-engine';
/** The engine worker's script, for the layout's `<meta name="pantau-engine">`. */
export const ENGINE_WORKER_URL = engineWorkerUrl;

/**
 * The worker app.html's inline script started (`window.__pantauEngine`), once: only if it
 * runs this build's engine script and has not failed to load; otherwise it is dropped.
 */
function takeEarlyWorker(): Worker | null {
	if (typeof window === 'undefined') return null;
	const holder = window as unknown as { __pantauEngine?: { worker: Worker; url: string; failed?: boolean } };
	const early = holder.__pantauEngine;
	delete holder.__pantauEngine;
	if (!early || !(early.worker instanceof Worker)) return null;
	const same = new URL(early.url, window.location.href).href === new URL(engineWorkerUrl, window.location.href).href;
	if (same && !early.failed) return early.worker;
	early.worker.terminate();
	return null;
}

let instance: EngineClient | null = null;
/** The app's one engine. */
export function engine(): EngineClient {
	instance ??= new EngineClient();
	return instance;
}
