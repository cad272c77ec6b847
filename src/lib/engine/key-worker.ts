/// <reference lib="webworker" />
/**
 * The engine worker's helper thread: key checks (key-check.ts) for a load, run while the
 * engine reads the same file into DuckDB. Pure computation on bytes it is handed; it loads
 * nothing and fetches nothing.
 */
import { keysDistinct, type KeyJob } from './key-check';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (ev: MessageEvent<{ id: number; job: KeyJob }>) => {
	const { id, job } = ev.data;
	let distinct = false;
	try {
		distinct = await keysDistinct(job);
	} catch {
		// False: the load runs its duplicate-key query.
	}
	self.postMessage({ id, distinct });
};

// Running: the engine hands over checks from now on.
self.postMessage({ ready: true });
