/**
 * The page's side of the engine: one worker for the whole app, promise-based calls,
 * progress events, and recovery when the worker dies (it is started again and the
 * caller is told what happened).
 */
import type { EngineRequest, EngineResponses, WorkerMessage } from './protocol';
import EngineWorker from './worker?worker';

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
	/** Called when the worker crashed and was restarted (its tables are gone). */
	onCrash: ((message: string) => void) | null = null;

	constructor() {
		this.worker = this.spawn();
	}

	private spawn(): Worker {
		const w = new EngineWorker();
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
			else p.reject(new EngineError(msg.error.name, msg.error.message));
		};
		w.onerror = (ev) => {
			ev.preventDefault();
			this.crashed(`The data engine stopped (${ev.message || 'worker error'}).`);
		};
		return w;
	}

	private crashed(message: string): void {
		const err = new EngineError('EngineCrash', `${message} It was restarted; load your files again.`);
		for (const p of this.pending.values()) p.reject(err);
		this.pending.clear();
		this.worker.terminate();
		this.worker = this.spawn();
		this.onCrash?.(err.message);
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
}

let instance: EngineClient | null = null;
/** The app's one engine. */
export function engine(): EngineClient {
	instance ??= new EngineClient();
	return instance;
}
