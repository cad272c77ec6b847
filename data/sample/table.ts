/**
 * A generated table: typed columns (which decide how a value is written to CSV and to
 * Arrow/Parquet) and rows as plain objects.
 */

export type ColumnType = 'text' | 'date' | 'int' | 'money' | 'double' | 'bool';

export interface Column {
	name: string;
	type: ColumnType;
	/** Decimals written for a double (trailing zeros are dropped). */
	digits?: number;
}

/** A cell: dates are ISO `YYYY-MM-DD` strings; null is a missing value. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface SampleTable {
	/** Contract table name, also the file stem. */
	name: string;
	columns: Column[];
	rows: Row[];
}

export const text = (name: string): Column => ({ name, type: 'text' });
export const date = (name: string): Column => ({ name, type: 'date' });
export const int = (name: string): Column => ({ name, type: 'int' });
export const money = (name: string): Column => ({ name, type: 'money' });
export const double = (name: string, digits: number): Column => ({ name, type: 'double', digits });
export const bool = (name: string): Column => ({ name, type: 'bool' });

function formatNumber(x: number, digits: number): string {
	if (!Number.isFinite(x)) throw new Error(`non-finite number ${x}`);
	const f = 10 ** digits;
	const r = Math.round(x * f) / f;
	const s = String(r === 0 ? 0 : r); // no "-0"
	if (/e/i.test(s)) throw new Error(`number ${x} would be written in exponent form`);
	return s;
}

function quote(s: string): string {
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV field in the canonical form of the contract. */
export function formatCell(value: Cell, column: Column): string {
	if (value === null || value === undefined) return '';
	switch (column.type) {
		case 'text':
			return quote(String(value));
		case 'date':
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
				throw new Error(`${column.name}: not an ISO date: ${String(value)}`);
			}
			return value;
		case 'bool':
			if (typeof value !== 'boolean') throw new Error(`${column.name}: not a boolean: ${String(value)}`);
			return value ? 'true' : 'false';
		case 'int':
			if (typeof value !== 'number' || !Number.isInteger(value)) {
				throw new Error(`${column.name}: not an integer: ${String(value)}`);
			}
			return String(value);
		case 'money':
			if (typeof value !== 'number') throw new Error(`${column.name}: not a number: ${String(value)}`);
			return formatNumber(value, 2);
		case 'double':
			if (typeof value !== 'number') throw new Error(`${column.name}: not a number: ${String(value)}`);
			return formatNumber(value, column.digits ?? 6);
	}
}

/** The table as CSV: header row, `,` delimiter, `\n` line ends, UTF-8 text (no BOM). */
export function toCsv(table: SampleTable): string {
	const lines = [table.columns.map((c) => quote(c.name)).join(',')];
	for (const row of table.rows) {
		lines.push(table.columns.map((c) => formatCell(row[c.name] ?? null, c)).join(','));
	}
	return lines.join('\n') + '\n';
}
