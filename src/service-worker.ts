/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline use: after one visit, the app (the DuckDB wasm and the sample included) works
 * with the network off. The app's own files are cached on install; pages fall back to the
 * cached app shell. Requests to other origins and range requests are never cached.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `pantau-${version}`;

// The mvp wasm is only for browsers without wasm exceptions; it is cached when first used.
const PRECACHE = [...build.filter((f) => !/duckdb-mvp.*\.wasm$/.test(f)), ...files, '/200.html'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(PRECACHE);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/**
 * The modules an engine script imports later (parquet-wasm's JS, the Arrow reader), and the
 * script of its helper worker: their `./chunks/…` (or bare `key-worker-…`) paths as the
 * bundler wrote them, resolved against the script's own path. They are not in `build`, and
 * the worker loads them only with the first Parquet file (the helper, with the first load).
 */
function importedChunks(path: string, source: string): string[] {
	const found = new Set<string>();
	for (const m of source.matchAll(/["'`]((?:\.{1,2}\/)?(?:[\w-]+\/)*[\w-]+\.js)["'`]/g)) {
		const url = new URL(m[1], new URL(path, sw.location.origin));
		if (url.origin === sw.location.origin && url.pathname.startsWith('/_app/immutable/workers/')) found.add(url.pathname);
	}
	return [...found];
}

/**
 * The page names the engine files it used (the worker and its wasm); keep them, and the
 * modules the worker (or one of those modules) imports, so a Parquet file loads offline
 * though none was loaded online.
 */
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown } | null;
	if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
	const urls = data.urls
		.filter((u): u is string => typeof u === 'string')
		.map((u) => new URL(u, sw.location.origin))
		.filter((u) => u.origin === sw.location.origin && u.pathname.startsWith('/_app/'))
		.map((u) => u.pathname);
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			const seen = new Set<string>();
			for (const path of urls) await keepWithImports(cache, path, seen);
		})()
	);
});

/**
 * Keep a file and, for an engine worker script, the modules it imports (and theirs). A
 * script whose imports are all kept gets a marker entry (`?imports-kept`), so later page
 * starts do not read the 1.6 MB worker script again. True when everything is kept; one
 * file that cannot be fetched (offline, or not a module after all) stops no other.
 */
async function keepWithImports(cache: Cache, path: string, seen: Set<string>): Promise<boolean> {
	if (seen.has(path)) return true;
	seen.add(path);
	let kept = await cache.match(path);
	if (!kept) {
		try {
			await cache.add(path);
		} catch {
			return false;
		}
		kept = await cache.match(path);
		if (!kept) return false;
	}
	if (!path.startsWith('/_app/immutable/workers/') || !path.endsWith('.js')) return true;
	const marker = `${path}?imports-kept`;
	if (await cache.match(marker)) return true;
	let all = true;
	for (const chunk of importedChunks(path, await kept.text())) all = (await keepWithImports(cache, chunk, seen)) && all;
	if (all) await cache.put(marker, new Response(''));
	return all;
}

sw.addEventListener('fetch', (event) => {
	const req = event.request;
	if (req.method !== 'GET' || req.headers.has('range')) return;
	const url = new URL(req.url);
	if (url.origin !== sw.location.origin) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (req.mode === 'navigate') {
				try {
					return await fetch(req);
				} catch {
					return (await cache.match('/200.html')) ?? new Response('Pantau is offline and not cached yet.', { status: 503 });
				}
			}
			const hit = await cache.match(url.pathname);
			if (hit) return hit;
			try {
				const res = await fetch(req);
				if (res.ok && res.status === 200 && (url.pathname.startsWith('/_app/') || url.pathname.startsWith('/sample/'))) {
					await cache.put(url.pathname, res.clone());
				}
				return res;
			} catch {
				return new Response('Offline, and this file is not cached.', { status: 503 });
			}
		})()
	);
});
