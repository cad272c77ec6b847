import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { trimmedDuckdbWasmFile, type DuckdbBuild } from './src/lib/engine/node-wasm.ts';

/**
 * The build serves DuckDB's wasm files trimmed to the exports their glue reaches
 * (src/lib/engine/wasm-exports.ts), in place of the files `?url` imports from duckdb-wasm.
 * `npm run dev` serves them as shipped.
 */
function duckdbWasm(): Plugin {
	return {
		name: 'pantau:duckdb-wasm',
		apply: 'build',
		enforce: 'pre',
		load(id) {
			const m = /[\\/]@duckdb[\\/]duckdb-wasm[\\/]dist[\\/]duckdb-(eh|mvp)\.wasm\?url$/.exec(id);
			if (!m) return null;
			const build = m[1] as DuckdbBuild;
			// The trimmed file the Node engine uses too, made once per installed duckdb-wasm.
			const ref = this.emitFile({ type: 'asset', name: `duckdb-${build}.wasm`, source: readFileSync(trimmedDuckdbWasmFile(build)) });
			return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
		}
	};
}

export default defineConfig({
	plugins: [duckdbWasm(), sveltekit()],
	worker: { format: 'es' },
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
