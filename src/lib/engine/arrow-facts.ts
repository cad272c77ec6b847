/**
 * What the text columns of an Arrow IPC stream (a decoded Parquet file) hold, for the
 * typing projection: the same facts columnFacts finds in a CSV file's bytes (csv-dialect.ts),
 * read from the Arrow string buffers before DuckDB sees them. A clean column then skips
 * the cleaning tests, as a clean CSV column does, and its first values are tested first.
 * Loaded with the first Parquet file.
 */
import { tableFromIPC, Type, type Data } from 'apache-arrow';
import { DECORATED, PADDED, TOKEN, VALUE_HINTS, isSpaceAt, needsLook, valueTraits, type ColumnFacts } from './csv-dialect';

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
