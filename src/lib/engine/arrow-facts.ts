/**
 * What the text columns of an Arrow IPC stream (a decoded Parquet file) hold, for the
 * typing projection: the same facts columnFacts finds in a CSV file's bytes (csv-dialect.ts),
 * read from the Arrow string buffers before DuckDB sees them. A clean column then skips
 * the cleaning tests, as a clean CSV column does, and its first values are tested first.
 * Loaded with the first Parquet file.
 */
import { tableFromIPC, tableToIPC, Type, type Data } from 'apache-arrow';
import { DECORATED, KeyHashes, PADDED, TOKEN, VALUE_HINTS, isSpaceAt, needsLook, valueTraits, type ColumnFacts } from './csv-dialect';

/** How many of a column's first values are looked at for value hints (ColumnFacts.values). */
const HINT_VALUES = 2000;

/** Up to VALUE_HINTS distinct plain values (printable ASCII, no quote) among a column's first HINT_VALUES, in the order seen. */
function valueHints(column: { length: number; get(i: number): unknown }): string[] {
	const hints: string[] = [];
	for (let i = 0, end = Math.min(column.length, HINT_VALUES); i < end && hints.length < VALUE_HINTS; i++) {
		const v = column.get(i);
		if (typeof v === 'string' && /^[\x20-\x21\x23-\x7e]+$/.test(v) && !hints.includes(v)) hints.push(v);
	}
	return hints;
}

/** Bits (PADDED | TOKEN | DECORATED) of every valid value of one string Data, or null for a type this does not read. */
function stringTraits(data: Data): number | null {
	const id = data.type.typeId;
	if ((id !== Type.Utf8 && id !== Type.LargeUtf8) || data.offset !== 0) return null;
	const raw = data.valueOffsets as Int32Array | BigInt64Array;
	// LargeUtf8 offsets are 64-bit; a value's bytes are never past 2^53.
	const offsets = raw instanceof BigInt64Array ? Float64Array.from(raw, Number) : raw;
	return traitsOf(data.values as Uint8Array, offsets, data.length, data.nullCount > 0 ? (i) => data.getValid(i) : null);
}

/** The loop of stringTraits, over values [offsets[i], offsets[i + 1]) of `bytes`. */
function traitsOf(bytes: Uint8Array, offsets: Int32Array | Float64Array, length: number, valid: ((i: number) => boolean) | null): number {
	let traits = 0;
	// Most columns hold no byte that can start a space at all: then no value is spaced, and
	// only each value's first and last bytes need a look.
	let anySpace = false;
	for (let k = offsets[0], end = offsets[length]; k < end; k++) {
		const c = bytes[k];
		if (c < 33 || c === 0xc2 || c === 0xe2) {
			anySpace = true;
			break;
		}
	}
	for (let i = 0; i < length && traits !== (PADDED | TOKEN | DECORATED); i++) {
		if (valid !== null && !valid(i)) continue;
		const a = offsets[i];
		const b = offsets[i + 1];
		// An empty string is a missing value to the cleaning (it becomes NULL).
		if (b === a) {
			traits |= TOKEN;
			continue;
		}
		let spaced = false;
		if (anySpace) {
			for (let k = a; k < b; k++) {
				const c = bytes[k];
				if ((c < 33 || c === 0xc2 || c === 0xe2) && isSpaceAt(bytes, k)) {
					spaced = true;
					break;
				}
			}
		}
		if (spaced || needsLook(bytes[a], bytes[b - 1])) traits |= valueTraits(bytes, a, b, spaced);
	}
	return traits;
}

/**
 * The facts of each plain string column (Utf8, LargeUtf8, or a dictionary of them), by
 * column name. Other columns, and every column of a stream whose names are not distinct
 * (DuckDB would rename some), are left out: the typing projection then treats them as
 * unknown, with every cleaning test. Errs only one way, as columnFacts does.
 */
export function arrowTextFacts(ipc: Uint8Array): Map<string, ColumnFacts> {
	const out = new Map<string, ColumnFacts>();
	const table = tableFromIPC(ipc);
	const fields = table.schema.fields;
	const lower = new Set(fields.map((f) => f.name.toLowerCase()));
	if (lower.size !== fields.length) return out;
	fields.forEach((field, i) => {
		const column = table.getChildAt(i);
		if (!column) return;
		let traits = 0;
		const seen = new Set<Data>();
		for (const data of column.data) {
			// A dictionary column: its values are the dictionary's (all of them, used or not).
			const parts = data.type.typeId === Type.Dictionary ? (data.dictionary?.data ?? []) : [data];
			for (const part of parts) {
				if (seen.has(part)) continue;
				seen.add(part);
				const t = stringTraits(part);
				if (t === null) return;
				traits |= t;
			}
		}
		out.set(field.name, { padded: (traits & PADDED) !== 0, tokens: (traits & TOKEN) !== 0, decorated: (traits & DECORATED) !== 0, values: valueHints(column) });
	});
	return out;
}

/** A string column's batch as bytes and offsets, and each row's value index (a dictionary's), or null for another type. */
function stringsOf(data: Data): { bytes: Uint8Array; offsets: Int32Array; index: ArrayLike<number> | null } | null {
	if (data.offset !== 0) return null;
	if (data.type.typeId === Type.Dictionary) {
		const dict = data.dictionary?.data;
		if (!dict || dict.length !== 1 || dict[0].type.typeId !== Type.Utf8 || dict[0].offset !== 0) return null;
		return { bytes: dict[0].values as Uint8Array, offsets: dict[0].valueOffsets as Int32Array, index: data.values as ArrayLike<number> };
	}
	if (data.type.typeId !== Type.Utf8) return null;
	return { bytes: data.values as Uint8Array, offsets: data.valueOffsets as Int32Array, index: null };
}

/**
 * Whether the rows' keys (the string columns `names`, taken together) differ in every row
 * of an Arrow IPC stream: true when no two rows' key bytes have the same 64-bit hash (a
 * missing value hashes as one value, as GROUP BY pairs NULLs); false when two have, or when
 * a key column is missing or not a plain string column (Utf8, or a dictionary of it).
 */
export function arrowKeysDistinct(ipc: Uint8Array, names: readonly string[]): boolean {
	const table = tableFromIPC(ipc);
	const columns = names.map((n) => table.getChild(n));
	if (names.length === 0 || columns.some((c) => !c)) return false;
	const keyHashes = new KeyHashes(table.numRows);
	for (let batch = 0; batch < table.batches.length; batch++) {
		const datas = columns.map((c) => c!.data[batch]);
		const strings = datas.map((d) => (d ? stringsOf(d) : null));
		if (strings.some((x) => x === null)) return false;
		const bytes = strings.map((x) => x!.bytes);
		const offsets = strings.map((x) => x!.offsets);
		const index = strings.map((x) => x!.index);
		// Validity bits (a set bit: a value), where a batch has missing values.
		const valid = datas.map((d) => (d.nullCount > 0 ? (d.nullBitmap as Uint8Array) : null));
		const length = datas[0].length;
		const keys = datas.length;
		for (let row = 0; row < length; row++) {
			keyHashes.begin();
			for (let k = 0; k < keys; k++) {
				const bits = valid[k];
				if (bits !== null && (bits[row >> 3] & (1 << (row & 7))) === 0) {
					keyHashes.value(bytes[k], 0, 0, true);
					continue;
				}
				const ix = index[k];
				const v = ix === null ? row : ix[row];
				keyHashes.value(bytes[k], offsets[k][v], offsets[k][v + 1]);
			}
			if (!keyHashes.add()) return false;
		}
	}
	return true;
}

/** The column names of an Arrow IPC stream, in order. */
export function arrowColumnNames(ipc: Uint8Array): string[] {
	return tableFromIPC(ipc).schema.fields.map((f) => f.name);
}

/**
 * The stream with only the columns `names`, in that order: the file's columns in the plan's
 * order (each once), or only a key's columns, for a key check on another thread (less to copy).
 */
export function selectArrowColumns(ipc: Uint8Array, names: readonly string[]): Uint8Array {
	return tableToIPC(tableFromIPC(ipc).select(names as string[]), 'stream');
}
