/**
 * A generated table as an Arrow table and as a Parquet file (snappy): dates as DateDay,
 * booleans as Bool, integers as Int32, money and doubles as Float64, text as Utf8.
 *
 * parquet-wasm 0.7.1's Node entry (`parquet-wasm`) is CommonJS inside a `"type": "module"`
 * package, so Node's ESM loader fails on it ("module is not defined in ES module scope",
 * kylebarron/parquet-wasm#798). The `parquet-wasm/esm` entry works once it is given its
 * wasm bytes with initSync.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Bool, DateDay, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, initSync, writeParquet } from 'parquet-wasm/esm';
import { parseIso } from './dates';
import type { ColumnType, SampleTable } from './table';

let wasmReady = false;
function ensureWasm(): void {
	if (wasmReady) return;
	const require = createRequire(import.meta.url);
	initSync({ module: readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')) });
	wasmReady = true;
}

function arrowType(type: ColumnType): DataType {
	switch (type) {
		case 'text':
			return new Utf8();
		case 'date':
			return new DateDay();
		case 'int':
			return new Int32();
		case 'money':
		case 'double':
			return new Float64();
		case 'bool':
			return new Bool();
	}
}

export function toArrowTable(table: SampleTable): Table {
	const vectors: Record<string, Vector> = {};
	for (const c of table.columns) {
		const values = table.rows.map((r) => {
			const v = r[c.name] ?? null;
			if (v === null) return null;
			return c.type === 'date' ? new Date(parseIso(String(v)) * 86_400_000) : v;
		});
		vectors[c.name] = vectorFromArray(values as unknown[], arrowType(c.type));
	}
	return new Table(vectors);
}

export function toParquet(table: SampleTable): Uint8Array {
	ensureWasm();
	const ipc = tableToIPC(toArrowTable(table), 'stream');
	const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setCreatedBy('pantau data/generate-sample.ts').build();
	return writeParquet(WasmTable.fromIPCStream(ipc), props);
}
