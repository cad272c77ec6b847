/**
 * The page's side of the engine: one worker for the whole app, promise-based calls,
 * progress events, and recovery when the worker dies: on an error no handler caught, or a
 * WebAssembly trap reported as `fatal`, the worker is replaced by a fresh one, the calls in
 * flight fail with an `EngineCrash` error, and `onCrash` is told (the app then starts the
 * engine again and loads the tables kept on the device).
 */
import type { EngineRequest, EngineResponses, WorkerMessage } from './protocol';
import EngineWorker from './worker?worker';
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

let instance: EngineClient | null = null;
/** The app's one engine. */
export function engine(): EngineClient {
	instance ??= new EngineClient();
	return instance;
}
