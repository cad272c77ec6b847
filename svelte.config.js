import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
		prerender: { entries: ['*'] }
	}
};

export default config;
