/**
 * DuckDB's wasm with only the exports its JavaScript glue can reach.
 *
 * duckdb-wasm's main module is built for dynamic linking (extensions load as side modules),
 * so it exports every symbol it has: 75,011 exports (65,167 functions), whose names are
 * 7.4 MB of the 34.2 MB eh build. The glue reads about 180 of them. Every export still costs
 * at start-up: the browser decodes the names and makes a function object for each, and the
 * glue walks them all several times (`relocateExports`, `mergeLibSymbols`,
 * `applySignatureConversions`), giving every exported function a slot in the function table
 * and a Global Offset Table entry, one at a time (`updateGOT`). In headless Chromium on the
 * bench's 2-core machine the engine worker's start went from about 1.8 s to 0.6 s without them
 * (README, "Start-up").
 *
 * Kept: every export whose name appears as a word in the glue's text (`wasmExports.malloc`,
 * `wasmExports.duckdb_web_open`, ...) and every `dynCall_` export, whose names the glue builds at
 * run time. The main module's own Global Offset Table imports are JavaScript functions of the
 * glue, not exports, so they are filled as before. What is dropped is reachable only by a side
 * module or by `dlsym`, and Pantau never loads an extension.
 *
 * The build serves the trimmed files (vite.config.ts) and the Node engine runs the same
 * trimmed eh build (node.ts); tests/unit/wasm-exports.test.ts checks the trim on a hand-made
 * module and the sample's overview through both binaries.
 */

/** Reads an unsigned LEB128 at `at`; returns the value and the offset after it. */
function leb(bytes: Uint8Array, at: number): [number, number] {
	let value = 0;
	let shift = 0;
	let byte: number;
	do {
		if (at >= bytes.length) throw new Error('wasm: truncated LEB128');
		byte = bytes[at++];
		value += (byte & 0x7f) * 2 ** shift;
		shift += 7;
	} while (byte & 0x80);
	return [value, at];
}

function encodeLeb(value: number): number[] {
	const out: number[] = [];
	do {
		let byte = value % 128;
		value = Math.floor(value / 128);
		if (value > 0) byte |= 0x80;
		out.push(byte);
	} while (value > 0);
	return out;
}

export interface WasmExport {
	name: string;
	kind: number;
	/** The export's bytes in the export section (name, kind and index), to copy as they are. */
	start: number;
	end: number;
}

/** The sections of a wasm binary: id, payload start and end. */
export function wasmSections(bytes: Uint8Array): { id: number; start: number; end: number; headerStart: number }[] {
	if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('wasm: not a WebAssembly binary');
	const out: { id: number; start: number; end: number; headerStart: number }[] = [];
	let at = 8;
	while (at < bytes.length) {
		const headerStart = at;
		const id = bytes[at++];
		const [size, start] = leb(bytes, at);
		const end = start + size;
		if (end > bytes.length) throw new Error('wasm: truncated section');
		out.push({ id, start, end, headerStart });
		at = end;
	}
	return out;
}

const EXPORT_SECTION = 7;

/** The exports of a wasm binary, in order. */
export function wasmExports(bytes: Uint8Array): WasmExport[] {
	const section = wasmSections(bytes).find((s) => s.id === EXPORT_SECTION);
	if (!section) return [];
	const decoder = new TextDecoder();
	let [count, at] = leb(bytes, section.start);
	const out: WasmExport[] = [];
	while (count-- > 0) {
		const start = at;
		const [length, nameAt] = leb(bytes, at);
		const name = decoder.decode(bytes.subarray(nameAt, nameAt + length));
		const kind = bytes[nameAt + length];
		[, at] = leb(bytes, nameAt + length + 1);
		out.push({ name, kind, start, end: at });
	}
	if (at !== section.end) throw new Error('wasm: export section does not end where its exports do');
	return out;
}

/** The binary with only the exports `keep` accepts; every other byte is copied as it is. */
export function keepWasmExports(bytes: Uint8Array, keep: (name: string) => boolean): Uint8Array<ArrayBuffer> {
	const section = wasmSections(bytes).find((s) => s.id === EXPORT_SECTION);
	if (!section) return bytes.slice();
	const kept = wasmExports(bytes).filter((e) => keep(e.name));
	const bodyLength = kept.reduce((n, e) => n + e.end - e.start, 0);
	const count = encodeLeb(kept.length);
	const size = encodeLeb(count.length + bodyLength);
	const out = new Uint8Array(bytes.length - (section.end - section.headerStart) + 1 + size.length + count.length + bodyLength);
	out.set(bytes.subarray(0, section.headerStart), 0);
	let at = section.headerStart;
	out[at++] = EXPORT_SECTION;
	out.set(size, at);
	at += size.length;
	out.set(count, at);
	at += count.length;
	for (const e of kept) {
		out.set(bytes.subarray(e.start, e.end), at);
		at += e.end - e.start;
	}
	out.set(bytes.subarray(section.end), at);
	return out;
}

/**
 * The exports the glue can reach: every name that appears in the glue's text as a word (the
 * glue reads `wasmExports.duckdb_web_open`, `wasmExports.malloc`, ...), and every
 * `dynCall_` export (the glue builds those names at run time).
 */
export function glueExportFilter(glueTexts: readonly string[]): (name: string) => boolean {
	const words = new Set<string>();
	for (const text of glueTexts) for (const w of text.match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(w);
	return (name) => name.startsWith('dynCall_') || words.has(name);
}

/** The binary with only the exports the given glue can reach (see the top of this file). */
export function trimDuckdbWasm(bytes: Uint8Array, glueTexts: readonly string[]): Uint8Array<ArrayBuffer> {
	return keepWasmExports(bytes, glueExportFilter(glueTexts));
}
