/**
 * Node runtime for the engine: duckdb-wasm's node-blocking build. Used by unit tests,
 * the sample generator and headless report scripts. Never imported by the app.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Database, type BlockingBindings } from './database';
import { PARQUET_BATCH_ROWS } from './ingest';
import { duckdbDist, trimmedDuckdbWasmFile, type DuckdbBuild } from './node-wasm';

/**
 * `stock`: duckdb-wasm's binary as shipped, instead of the trimmed one the app serves
 * (wasm-exports.ts). `mvp`: the build without wasm exceptions, which browsers without them
 * run. Both only for the test that compares the binaries.
 */
export async function createNodeDatabase(options: { stock?: boolean; mvp?: boolean } = {}): Promise<Database> {
	const require = createRequire(import.meta.url);
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = duckdbDist();
	const wasm = (build: DuckdbBuild) => (options.stock ? path.join(dist, `duckdb-${build}.wasm`) : trimmedDuckdbWasmFile(build));
	const mvp = { mainModule: options.mvp ? wasm('mvp') : path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') };
	// duckdb-wasm picks eh where the runtime has wasm exceptions (Node has), mvp without an eh bundle.
	const bundles = options.mvp ? { mvp } : { mvp, eh: { mainModule: wasm('eh'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') } };
	const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await bindings.instantiate(() => {});
	return new Database(bindings as BlockingBindings);
}

/** Parquet decoding in Node (parquet-wasm's node build), for tests and scripts. */
export async function createNodeParquetDecoder(): Promise<import('./ingest').ParquetDecoder> {
	// parquet-wasm's own node entry is CommonJS inside a "type": "module" package and does
	// not load; its ESM build with the wasm bytes handed over works everywhere.
	const require = createRequire(import.meta.url);
	const { readFileSync } = await import('node:fs');
	const pq = await import('parquet-wasm/esm');
	const wasmPath = path.join(path.dirname(require.resolve('parquet-wasm/esm')), 'parquet_wasm_bg.wasm');
	pq.initSync({ module: readFileSync(wasmPath) });
	return {
		toArrowIPC(bytes: Uint8Array, limit?: number): Uint8Array {
			return pq.readParquet(bytes, { batchSize: PARQUET_BATCH_ROWS, ...(limit !== undefined ? { limit } : {}) }).intoIPCStream();
		}
	};
}
