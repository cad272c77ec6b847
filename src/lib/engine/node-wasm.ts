/**
 * DuckDB's wasm files, trimmed to the exports the glue reaches (wasm-exports.ts), for the
 * build (vite.config.ts serves the files) and for the Node engine (node.ts runs the same eh build).
 * Node only.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trimDuckdbWasm } from './wasm-exports.ts';

const require = createRequire(import.meta.url);

export type DuckdbBuild = 'eh' | 'mvp';

/** duckdb-wasm's dist folder. */
export function duckdbDist(): string {
	return path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
}

/** The glue of both blocking builds: a name either one reads is kept. */
function glueTexts(dist: string): string[] {
	return ['duckdb-browser-blocking.mjs', 'duckdb-node-blocking.cjs'].map((f) => readFileSync(path.join(dist, f), 'utf8'));
}

/** The trimmed bytes of one build's wasm. */
export function trimmedDuckdbWasm(build: DuckdbBuild, dist = duckdbDist()): Uint8Array<ArrayBuffer> {
	return trimDuckdbWasm(readFileSync(path.join(dist, `duckdb-${build}.wasm`)), glueTexts(dist));
}

/**
 * A file holding the trimmed build, made once per installed duckdb-wasm (keyed by its version
 * and the file's size and time) in the system's temporary folder; written under a temporary
 * name and renamed, so parallel test workers never read half a file.
 */
export function trimmedDuckdbWasmFile(build: DuckdbBuild): string {
	const dist = duckdbDist();
	const source = path.join(dist, `duckdb-${build}.wasm`);
	const { version } = JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string };
	const st = statSync(source);
	const dir = path.join(os.tmpdir(), `pantau-duckdb-${version}-${st.size}-${Math.round(st.mtimeMs)}`);
	const file = path.join(dir, `duckdb-${build}.wasm`);
	if (existsSync(file)) return file;
	mkdirSync(dir, { recursive: true });
	const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
	writeFileSync(tmp, trimmedDuckdbWasm(build, dist));
	renameSync(tmp, file);
	return file;
}
