/** DuckDB's wasm fetched by the engine worker itself, and the error a failed download gives. No `?url` import here: the worker must not pull the wasm files into its own bundle. */

/**
 * DuckDB's wasm could not be downloaded (the network, a server error). The engine worker
 * throws it when its own fetch fails too (duckdb-wasm's would never settle); its name tells
 * the page, and its message is the JSON of `url` and `detail`, worded by the page.
 */
export const ENGINE_DOWNLOAD_ERROR = 'EngineDownloadError';
export function engineDownloadError(url: string, detail: string): Error {
	const e = new Error(JSON.stringify({ url, detail }));
	e.name = ENGINE_DOWNLOAD_ERROR;
	return e;
}

/**
 * Fetch and compile a wasm build in the engine worker (when the page could not hand it one):
 * streamed where the server sends `application/wasm`, else from the bytes. A failed download
 * throws `engineDownloadError` rather than leaving the start to hang.
 */
export async function downloadWasm(url: string): Promise<WebAssembly.Module> {
	if (typeof WebAssembly.compileStreaming === 'function') {
		try {
			return await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
		} catch (err) {
			if (!(err instanceof TypeError)) throw err;
		}
	}
	let res: Response;
	try {
		res = await fetch(url, { credentials: 'same-origin' });
	} catch (err) {
		throw engineDownloadError(url, (err as Error).message || 'network error');
	}
	if (!res.ok) throw engineDownloadError(url, `HTTP ${res.status} ${res.statusText}`.trim());
	return WebAssembly.compile(await res.arrayBuffer());
}
