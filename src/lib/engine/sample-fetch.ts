/**
 * The built-in sample's files, fetched while DuckDB starts.
 *
 * When the page will open on the sample, its `init` request names the sample's base URL.
 * The worker's entry then starts fetching the manifest, the prebuilt index and every
 * prebuilt table (see prebuilt.ts), while the engine script loads and DuckDB instantiates;
 * `loadSample` takes the bytes from here instead of fetching them after the engine is up.
 * Each URL is taken once. Anything not fetched ahead, or fetched with an error, is fetched
 * again by the caller, which reports a failure as it always has.
 *
 * This module is tiny and imports nothing at run time: the entry script loads it.
 */
import { PREBUILT_DIR, type PrebuiltIndex } from './prebuilt';

const ahead = new Map<string, Promise<Uint8Array | null>>();

function get(url: string): Promise<Uint8Array | null> {
	const p = fetch(url)
		.then((res) => (res.ok ? res.arrayBuffer().then((b) => new Uint8Array(b)) : null))
		.catch(() => null);
	ahead.set(url, p);
	return p;
}

/** Start fetching the sample under `baseUrl` (the directory of its manifest.json). */
export function prefetchSample(baseUrl: string): void {
	let dir: URL;
	try {
		get(new URL('manifest.json', baseUrl).href);
		dir = new URL(PREBUILT_DIR, baseUrl);
	} catch {
		return;
	}
	void get(new URL('index.json', dir).href).then((bytes) => {
		if (!bytes) return;
		try {
			const index = JSON.parse(new TextDecoder().decode(bytes)) as PrebuiltIndex;
			for (const t of index.tables) get(new URL(t.data, dir).href);
			if (index.rejects) get(new URL(index.rejects, dir).href);
		} catch {
			// Not an index this app can read: loadSample finds out and reads the files instead.
		}
	});
}

/** The bytes of `url` if they were fetched ahead, once; else null (fetch them). */
export async function takePrefetched(url: string): Promise<Uint8Array | null> {
	const p = ahead.get(url);
	if (!p) return null;
	ahead.delete(url);
	return p;
}

/** Drop whatever was fetched ahead and not taken. */
export function dropPrefetched(): void {
	ahead.clear();
}
