/**
 * DuckDB's wasm, from the page's side. The page compiles the wasm itself, as soon as the app
 * starts, and hands the compiled module to the engine worker with its `init` request: the
 * compile (about 1 s for the 34 MB module as shipped, on the 2-core machine the bench runs on;
 * the build serves it trimmed to 26.8 MB, see wasm-exports.ts) then runs
 * while the worker's own 1.6 MB script downloads and parses, instead of after it. A
 * `WebAssembly.Module` is cloned to a dedicated worker by `postMessage`, without copying its
 * code. When the page cannot compile it (no wasm exceptions in this browser, a failed fetch),
 * the worker fetches and compiles the wasm itself, as duckdb-wasm does by default, picking
 * the mvp build where wasm exceptions are missing.
 *
 * The files are served from the app's own origin (never a CDN); the worker learns their URLs
 * from `init` (it does not import them itself, so the build holds one copy of each).
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';

export interface EngineWasm {
	/** Absolute URLs of DuckDB's two wasm builds: with wasm exceptions (eh) and without (mvp). */
	eh: string;
	mvp: string;
	/** The eh build, compiled by the page; absent when the page could not compile it. */
	module?: WebAssembly.Module;
}

export function engineWasmUrls(base: string): { eh: string; mvp: string } {
	return { eh: new URL(ehWasm, base).href, mvp: new URL(mvpWasm, base).href };
}

let compiling: Promise<WebAssembly.Module | null> | null = null;

/**
 * The eh build, compiled once per page (a restarted worker gets the same module), or null
 * when this browser cannot compile it. Streams the compile where the response allows it.
 */
export function compileEngineWasm(url: string): Promise<WebAssembly.Module | null> {
	compiling ??= (async () => {
		if (typeof WebAssembly === 'undefined' || typeof fetch !== 'function') return null;
		try {
			if (typeof WebAssembly.compileStreaming === 'function') {
				try {
					return await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
				} catch (err) {
					// A server that does not send `application/wasm`: compile from the bytes instead.
					if (!(err instanceof TypeError)) throw err;
				}
			}
			const res = await fetch(url, { credentials: 'same-origin' });
			if (!res.ok) return null;
			return await WebAssembly.compile(await res.arrayBuffer());
		} catch {
			return null;
		}
	})();
	return compiling;
}

/** What the worker's `init` needs: the URLs, and the compiled eh module when the page has one. */
export async function engineWasm(base: string): Promise<EngineWasm> {
	const urls = engineWasmUrls(base);
	const module = await compileEngineWasm(urls.eh);
	return module ? { ...urls, module } : urls;
}

