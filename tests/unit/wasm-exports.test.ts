/**
 * DuckDB's wasm trimmed to the exports its glue reaches (src/lib/engine/wasm-exports.ts):
 * the rewrite of the export section on hand-made modules, the trim of the installed
 * duckdb-wasm, and the sample's tables and overview through the trimmed and the stock binary.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keepWasmExports, trimDuckdbWasm, wasmExports, wasmSections } from '../../src/lib/engine/wasm-exports';
import { duckdbDist, trimmedDuckdbWasm } from '../../src/lib/engine/node-wasm';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { COMPUTE_OPERATIONS } from '../../src/lib/indicators/operations';
import { HEADLINE_CODES } from '../../src/lib/areas';

function leb(n: number): number[] {
	const out: number[] = [];
	do {
		let b = n & 0x7f;
		n >>>= 7;
		if (n) b |= 0x80;
		out.push(b);
	} while (n);
	return out;
}
/** Signed LEB128, as i32.const takes its operand. */
function sleb(n: number): number[] {
	const out: number[] = [];
	for (;;) {
		const b = n & 0x7f;
		n >>= 7;
		if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
		out.push(b | 0x80);
	}
}
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => [...leb(s.length), ...new TextEncoder().encode(s)];

/**
 * A module of `fns` functions, function i returning i + 1 (as i32), one memory, and the
 * exports given as [name, kind, index] (kind 0 function, 2 memory).
 */
function module(fns: number, exports: Array<[string, number, number]>, custom = false): Uint8Array {
	const bytes = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
	if (custom) bytes.push(...section(0, [...name('note'), 1, 2, 3]));
	bytes.push(...section(1, [1, 0x60, 0, 1, 0x7f]));
	bytes.push(...section(3, [...leb(fns), ...Array<number>(fns).fill(0)]));
	bytes.push(...section(5, [1, 0, 1]));
	bytes.push(...section(7, [...leb(exports.length), ...exports.flatMap(([n, kind, index]) => [...name(n), kind, ...leb(index)])]));
	const bodies = Array.from({ length: fns }, (_, i) => {
		const body = [0, 0x41, ...sleb(i + 1), 0x0b];
		return [...leb(body.length), ...body];
	});
	bytes.push(...section(10, [...leb(fns), ...bodies.flat()]));
	return new Uint8Array(bytes);
}

describe('keepWasmExports', () => {
	it('keeps the exports asked for, pointing where they did, and every other section as it was', async () => {
		const bytes = module(3, [['one', 0, 0], ['two', 0, 1], ['three', 0, 2], ['memory', 2, 0]], true);
		const out = keepWasmExports(bytes, (n) => n === 'three' || n === 'memory');
		expect(WebAssembly.Module.exports(new WebAssembly.Module(out))).toEqual([
			{ name: 'three', kind: 'function' },
			{ name: 'memory', kind: 'memory' }
		]);
		const { instance } = await WebAssembly.instantiate(out);
		expect((instance.exports.three as () => number)()).toBe(3);
		const before = wasmSections(bytes);
		const after = wasmSections(out);
		expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
		for (const [i, s] of before.entries()) {
			if (s.id === 7) continue;
			expect(Buffer.from(out.subarray(after[i].start, after[i].end)).equals(Buffer.from(bytes.subarray(s.start, s.end)))).toBe(true);
		}
	});

	it('rewrites sections and counts that take several LEB128 bytes', async () => {
		// 300 functions and 900 exports: counts and indices past 127, a section past 16 KB.
		const exports: Array<[string, number, number]> = [];
		for (let i = 0; i < 900; i++) exports.push([`export_number_${i}_${'x'.repeat(i % 7)}`, 0, i % 300]);
		const bytes = module(300, exports);
		const keep = (n: string) => Number(n.split('_')[2]) % 4 === 1;
		const out = keepWasmExports(bytes, keep);
		const expected = exports.filter(([n]) => keep(n));
		expect(expected.length).toBe(225);
		expect(wasmExports(out).map((e) => e.name)).toEqual(expected.map(([n]) => n));
		const { instance } = await WebAssembly.instantiate(out);
		for (const [n, , index] of expected) expect((instance.exports[n] as () => number)(), n).toBe(index + 1);
		expect(keepWasmExports(bytes, () => true)).toEqual(bytes);
		expect(WebAssembly.Module.exports(new WebAssembly.Module(keepWasmExports(bytes, () => false)))).toEqual([]);
	});

	it('refuses what is not a whole wasm binary', () => {
		expect(() => wasmSections(new TextEncoder().encode('PK\x03\x04 not wasm'))).toThrow(/not a WebAssembly binary/);
		const bytes = module(2, [['a', 0, 0]]);
		expect(() => wasmSections(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
	});
});

describe("duckdb-wasm's binaries", () => {
	const dist = duckdbDist();
	const glue = ['duckdb-browser-blocking.mjs', 'duckdb-node-blocking.cjs'].map((f) => readFileSync(path.join(dist, f), 'utf8'));

	it('keep every export the glue reads and every dynCall_, and little else', () => {
		const read = new Set<string>();
		for (const text of glue) for (const m of text.matchAll(/wasmExports(?:\.([\w$]+)|\[["'`]([\w$]+)["'`]\])/g)) read.add(m[1] ?? m[2]);
		expect(read.size).toBeGreaterThan(50);
		for (const build of ['eh', 'mvp'] as const) {
			const stock = readFileSync(path.join(dist, `duckdb-${build}.wasm`));
			const trimmed = trimmedDuckdbWasm(build, dist);
			const before = wasmExports(stock).map((e) => e.name);
			const after = new Set(wasmExports(trimmed).map((e) => e.name));
			for (const n of read) if (before.includes(n)) expect(after.has(n), `${build}: ${n}`).toBe(true);
			for (const n of before) if (n.startsWith('dynCall_')) expect(after.has(n), `${build}: ${n}`).toBe(true);
			expect(after.size, build).toBeLessThan(before.length / 100);
			expect(trimmed.length, build).toBeLessThan(stock.length);
			expect(WebAssembly.Module.exports(new WebAssembly.Module(trimmed)).length).toBe(after.size);
		}
		const again = trimDuckdbWasm(readFileSync(path.join(dist, 'duckdb-eh.wasm')), glue);
		expect(Buffer.from(again).equals(Buffer.from(trimmedDuckdbWasm('eh', dist)))).toBe(true);
	});

	it('give the same sample tables and overviews, trimmed (eh and mvp) or as shipped', async () => {
		const dir = 'static/sample/';
		const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as { files: Array<{ file: string; table: string }> };
		const run = async (stock: boolean, mvp = false) => {
			const ws = new Workspace(await createNodeDatabase({ stock, mvp }), await createNodeParquetDecoder());
			for (const f of manifest.files) await ws.load({ name: f.file, bytes: new Uint8Array(readFileSync(dir + f.file)) }, { tableName: f.table });
			// No data version: nothing is taken from the results cache of the other run.
			const ctx = { db: ws.db, tables: ws.contractTables() };
			const range = COMPUTE_OPERATIONS.dataRange(ctx);
			const views = [
				{ period: '2025', filters: {} },
				{ period: '2024', filters: { dusun: range.dusun[1], group: 'program' } }
			].map((req) => {
				const { ms: _ms, ...overview } = COMPUTE_OPERATIONS.overview(ctx, req, HEADLINE_CODES);
				return overview;
			});
			const tables = ws.list().map((t) => ({ name: t.name, rows: ws.db.query(`SELECT * FROM "${t.name}" ORDER BY ALL`).rows }));
			const platform = String(ws.db.query('SELECT * FROM pragma_platform()').rows[0][0]);
			expect(platform).toBe(mvp ? 'wasm_mvp' : 'wasm_eh');
			return JSON.parse(JSON.stringify({ range, views, tables }));
		};
		const stock = await run(true);
		const trimmed = await run(false);
		// The build without wasm exceptions, which browsers without them are served.
		const mvp = await run(false, true);
		expect(stock.views[0].results.length).toBeGreaterThan(20);
		expect(stock.views[1].results.filter((r: { value: unknown }) => r.value !== null).length).toBeGreaterThan(5);
		expect(stock.tables.length).toBe(12);
		expect(trimmed).toEqual(stock);
		expect(mvp).toEqual(stock);
	}, 180_000);
});
