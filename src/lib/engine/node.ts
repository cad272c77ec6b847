/**
 * Node runtime for the engine: duckdb-wasm's node-blocking build. Used by unit tests,
 * the sample generator and headless report scripts. Never imported by the app.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Database, type BlockingBindings } from './database';

export async function createNodeDatabase(): Promise<Database> {
	const require = createRequire(import.meta.url);
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
		eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
	};
	const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await bindings.instantiate(() => {});
	return new Database(bindings as BlockingBindings);
}
