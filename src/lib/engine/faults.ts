/**
 * Faults and limits, in plain TypeScript (the page, the worker and Node tests share it):
 * the largest file Pantau reads, how an out-of-memory error from DuckDB is recognised and
 * told to the user, and which errors mean the engine itself is broken (a WebAssembly trap),
 * so the page restarts it.
 */
import type { LoadFailure } from './protocol';
import type { Refusal } from './refusals';

/** duckdb-wasm's WebAssembly memory cannot grow past 4 GB (32-bit addresses), whatever the computer has. */
export const WASM_MEMORY_LIMIT_BYTES = 4 * 1024 * 1024 * 1024;

/** A single file larger than this is refused: the wasm heap caps at 4 GB and needs room to work. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** A size for a message: `1.2 GB`, `730 MB`. */
export function formatSize(bytes: number): string {
	if (bytes >= GB) return `${(bytes / GB).toFixed(1).replace(/\.0$/, '')} GB`;
	return `${Math.max(1, Math.round(bytes / MB))} MB`;
}

/** The refusal of a file that is too large, naming the limit. */
export function tooLargeMessage(fileName: string, bytes: number, limit = MAX_FILE_BYTES, what: 'is' | 'decompresses to' = 'is'): string {
	return `${fileName} ${what} ${formatSize(bytes)}; Pantau reads files of up to ${formatSize(limit)} (${Math.round(limit / MB)} MB) in the browser, because DuckDB there has at most ${formatSize(WASM_MEMORY_LIMIT_BYTES)} of memory to work in. Split it (for example by year or dusun) or convert it to Parquet, then load the parts.`;
}

/** What the user reads when DuckDB runs out of memory. */
export function outOfMemoryMessage(fileName?: string): string {
	const what = fileName ? `${fileName} could not be loaded: ` : '';
	return `${what}DuckDB ran out of memory. In the browser its memory cannot grow past ${formatSize(WASM_MEMORY_LIMIT_BYTES)} (a WebAssembly limit), however much the computer has. The tables already loaded are kept. Remove tables you do not need, load the file as Parquet or with fewer columns, or split it (for example by year or dusun), then try again.`;
}

/** DuckDB ran out of memory while loading a file; nothing of the file was kept. */
export class EngineMemoryError extends Error {
	readonly code = 'out_of_memory';
	constructor(
		readonly file: string | undefined,
		readonly detail: string
	) {
		super(outOfMemoryMessage(file));
		this.name = 'EngineMemoryError';
	}
}

const OOM = /out of memory|could not allocate|failed to allocate|cannot enlarge memory|maximum memory size exceeded|memory\.grow|Aborted\(OOM\)|allocation failed|array buffer allocation failed/i;

/** Whether an error is DuckDB or its WebAssembly heap running out of memory. */
export function isOutOfMemory(e: unknown): boolean {
	if (e instanceof EngineMemoryError) return true;
	const msg = String((e as Error)?.message ?? e);
	return OOM.test(msg) || (e instanceof RangeError && /memory/i.test(msg));
}

/**
 * Whether an error means the engine itself is broken: a WebAssembly trap (`unreachable`,
 * `memory access out of bounds`) or an abort inside DuckDB. Its state cannot be trusted
 * after that, so the page restarts the worker and loads the tables again.
 */
export function isFatalEngineError(e: unknown): boolean {
	if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
	const name = String((e as Error)?.name ?? '');
	const msg = String((e as Error)?.message ?? e);
	return name === 'RuntimeError' || /^(unreachable|memory access out of bounds|Aborted\()/i.test(msg);
}

/** A load's failure as the page shows it: the English message, and a code for the ones the page words itself. */
export function describeFailure(file: string, e: unknown): LoadFailure {
	const msg = String((e as Error)?.message ?? e);
	if (e instanceof EngineMemoryError || isOutOfMemory(e)) {
		return { file, message: outOfMemoryMessage(file), code: 'out_of_memory', limit: WASM_MEMORY_LIMIT_BYTES };
	}
	// An InputError that refused the whole file carries its code (refusals.ts); read without
	// importing the ingest code, which the page does not load.
	const refusal = (e as { refusal?: Refusal } | null)?.refusal;
	return { file, message: msg.split('\n')[0], ...(refusal ? { refusal } : {}) };
}

/**
 * Files too large to read, refused before a byte of them is read (in the page, from
 * `File.size`), so a replace never clears the loaded data for a file that cannot load.
 */
export function checkFileSizes<T extends { name: string; size: number }>(files: readonly T[], limit = MAX_FILE_BYTES): { accepted: T[]; refused: LoadFailure[] } {
	const accepted: T[] = [];
	const refused: LoadFailure[] = [];
	for (const f of files) {
		if (f.size > limit) refused.push({ file: f.name, message: tooLargeMessage(f.name, f.size, limit), code: 'too_large', bytes: f.size, limit });
		else accepted.push(f);
	}
	return { accepted, refused };
}
