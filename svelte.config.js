import adapter from '@sveltejs/adapter-static';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The hashes of the inline scripts in src/app.html (they run before the app; see there). */
const APP_HTML_SCRIPT_HASHES = [...readFileSync(new URL('./src/app.html', import.meta.url), 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	(m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`
);
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The app's Content-Security-Policy. Shipped as a <meta> tag in every built page (kit adds
 * the hash of its own inline bootstrap script to script-src), and as a header by
 * scripts/serve.mjs, which adds `frame-ancestors 'none'` (a <meta> policy cannot carry it).
 * No inline script but kit's and those in src/app.html (each allowed by its hash), and no
 * eval; 'wasm-unsafe-eval' only lets WebAssembly compile.
 * style-src allows inline styles (ECharts and Svelte style attributes), never inline script.
 * The engine worker, which fetches the URLs a user gives, is a separate context whose policy
 * comes from its own script's response (see scripts/serve.mjs), not from this one.
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval', ...APP_HTML_SCRIPT_HASHES],
	'worker-src': ['self'],
	'connect-src': ['self'],
	'img-src': ['self', 'data:', 'blob:'],
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		alias: {
			// duckdb-wasm's browser-blocking build is not in its package exports; the engine
			// worker runs it so that ingest and indicators are the same synchronous code as in Node.
			'$duckdb-browser-blocking': 'node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking'
		},
		prerender: { entries: ['*'] },
		// Registered by the app once its start is over (src/routes/+layout.svelte), so the
		// service worker's install (it fetches every app and sample file) does not compete
		// with the engine worker's script and DuckDB's wasm during start-up.
		serviceWorker: { register: false },
		csp: { mode: 'hash', directives: CSP_DIRECTIVES }
	}
};

export default config;
