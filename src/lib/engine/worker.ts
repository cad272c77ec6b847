/// <reference lib="webworker" />
/**
 * The engine worker's entry: a few hundred bytes that start fetching and compiling DuckDB's
 * wasm (34 MB) at once, then load the engine itself (worker-main.ts, 1.6 MB of script, most
 * of it duckdb-wasm's bundle). The compile runs on the browser's compiler threads while
 * that script is fetched and parsed, instead of after it. Requests that arrive meanwhile
 * are queued and handled in order once the engine has loaded; an `init` that names the
 * sample also starts fetching the sample's files (sample-fetch.ts).
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';

declare const self: DedicatedWorkerGlobalScope;

const ehUrl = new URL(ehWasm, self.location.href).href;
/** The eh build compiled ahead; null where streaming compilation is missing, rejected where compiling failed. */
const compiled: Promise<WebAssembly.Module> | null =
	typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function'
		? WebAssembly.compileStreaming(fetch(ehUrl, { credentials: 'same-origin' }))
		: null;
// A failure here is not reported: the engine then fetches and compiles the wasm itself.
compiled?.catch(() => {});

const queued: MessageEvent[] = [];
self.onmessage = (ev: MessageEvent) => {
	queued.push(ev);
	// Opening on the sample: fetch its files while the engine loads (sample-fetch.ts).
	const req = (ev.data as { req?: { op?: string; sampleBaseUrl?: unknown } } | null)?.req;
	if (req?.op === 'init' && typeof req.sampleBaseUrl === 'string') {
		const baseUrl = req.sampleBaseUrl;
		void import('./sample-fetch').then((m) => m.prefetchSample(baseUrl));
	}
};

// Not a top-level await: a module worker gets no message until its top-level code is done,
// and the queue above should see `init` (and start the sample's fetch) at once.
import('./worker-main')
	.then((main) => main.start(queued, { ehUrl, compiled }))
	.catch((e: unknown) => {
		// Rethrown outside the promise, so that the page sees the worker's error event (client.ts).
		setTimeout(() => {
			throw e;
		});
	});
