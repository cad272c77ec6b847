/**
 * Every DuckDB-only construct the engine's ingest uses, in one place. Another engine
 * (native DuckDB, or a distributed SQL engine at a district office) swaps this module.
 * Patterns and formats here are constants of the code, never data.
 */
import { ident, literal, qualified } from './sql';
import type { CsvDialect } from './csv-dialect';

/** `read_csv` with everything spelled out and every column read as text. */
export function readCsvAsText(fileName: string, dialect: CsvDialect, rejectsTable: string, rejectsScan: string): string {
	const columns = dialect.columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ');
	return `read_csv(${literal(fileName)}, auto_detect = false, delim = ${literal(dialect.delimiter)}, quote = '"', escape = '"', header = ${dialect.header}${dialect.skip > 0 ? `, skip = ${dialect.skip}` : ''}, columns = {${columns}}, store_rejects = true, rejects_table = ${literal(rejectsTable)}, rejects_scan = ${literal(rejectsScan)}, strict_mode = true, null_padding = false, max_line_size = 10000000)`;
}

/**
 * The name of a table's row id: the position of a row in the order it was inserted, from 0.
 * A column of that name would hide it, so ingest never stages one under it.
 */
export const ROW_ID = 'rowid';

/**
 * A staged row's number, 1 for the first row read: the staged table is made by one
 * CREATE TABLE AS from the source in its order, so the row id follows the source's rows
 * (no window over every row to number them).
 */
export function rowNumber(): string {
	return `(${ROW_ID} + 1)`;
}

/** Structural errors DuckDB set aside in a `store_rejects` scan. */
export function rejectErrorsSql(rejectsTable: string): string {
	return `SELECT "line", "line_byte_position", "column_name", "error_type", "error_message", "csv_line" FROM ${ident(rejectsTable)} ORDER BY "line_byte_position"`;
}

export function fullMatch(expr: string, pattern: string): string {
	return `regexp_full_match(${expr}, ${literal(pattern)})`;
}

export function regexReplaceAll(expr: string, pattern: string, replacement: string): string {
	return `regexp_replace(${expr}, ${literal(pattern)}, ${literal(replacement)}, 'g')`;
}

/** Parse text with a strptime format; NULL when it does not parse or is impossible (31/02). */
export function tryStrptimeDate(expr: string, format: string): string {
	return `CAST(try_strptime(${expr}, ${literal(format)}) AS DATE)`;
}

/** Whether a regular expression matches anywhere in the text. */
export function matchesAnywhere(expr: string, pattern: string): string {
	return `regexp_matches(${expr}, ${literal(pattern)})`;
}

/** Whether text holds a fixed piece of text. */
export function containsText(expr: string, part: string): string {
	return `contains(${expr}, ${literal(part)})`;
}

/** Trim spaces, tabs and non-breaking spaces. */
export function trimAll(expr: string): string {
	return `trim(${expr}, ${literal(' \t\u00a0\u202f\r')})`;
}

/** Whether text starts or ends with a space, tab, CR or non-breaking space. */
export function hasEdgeSpace(expr: string): string {
	return `regexp_matches(${expr}, '^[\\s\\x{00A0}\\x{202F}]|[\\s\\x{00A0}\\x{202F}]$')`;
}

/**
 * One row's error messages joined by a separator (NULLs skipped), '' (or NULL) when there are none.
 * concat_ws is much cheaper per row than building and filtering a list with a lambda.
 */
export const ERROR_SEPARATOR = '\u0001';
export function errorList(items: string[], anyError?: string): string {
	if (items.length === 0) return "''";
	const list = `concat_ws(chr(1), ${items.join(', ')})`;
	// `anyError`, TRUE exactly when some item is not NULL, spares building every item of a
	// good row, whose list is then NULL (cheaper to store than '').
	return anyError === undefined ? list : `CASE WHEN ${anyError} THEN ${list} END`;
}

/** Rows with no error: an empty list, or none. */
export function noErrors(expr: string): string {
	return `coalesce(${expr}, '') = ''`;
}

/** One row per error message. */
export function unnestErrors(expr: string): string {
	return `unnest(string_split(${expr}, chr(1)))`;
}

/** Append tables with the same columns by name. */
export function unionAllByName(refs: string[]): string {
	return refs.map((r) => `SELECT * FROM ${r}`).join(' UNION ALL BY NAME ');
}

/**
 * A table's columns and types. pragma_table_info reads one table's catalog entry;
 * duckdb_columns() walks every table and its statistics, which took ~0.6 s per call once a
 * million-row table was loaded (information_schema is slower still).
 */
export function columnsOf(table: string): string {
	return `SELECT name AS column_name, type AS data_type FROM pragma_table_info(${literal(qualified('main', table))}) ORDER BY cid`;
}

export function dropTable(name: string): string {
	return `DROP TABLE IF EXISTS ${ident(name)}`;
}

export function dropView(schema: string, name: string): string {
	return `DROP VIEW IF EXISTS ${ident(schema)}.${ident(name)}`;
}

export function dropColumn(table: string, column: string): string {
	return `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`;
}

export function renameTable(from: string, to: string): string {
	return `ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`;
}

export function renameColumn(table: string, from: string, to: string): string {
	return `ALTER TABLE ${ident(table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}

/** A column rewritten from its own values (`using` reads no other column). DuckDB rewrites that column only. */
export function rewriteColumn(table: string, column: string, type: string, using: string): string {
	return `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} SET DATA TYPE ${type} USING (${using})`;
}

/** A column's values set to `value` (from the row's values) where that differs. */
export function updateWhereChanged(table: string, column: string, value: string): string {
	return `UPDATE ${ident(table)} SET ${ident(column)} = ${value} WHERE ${ident(column)} IS DISTINCT FROM (${value})`;
}

/** A new column holding `value` (a constant) in every row. */
export function addColumn(table: string, column: string, type: string, value: string): string {
	return `ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column)} ${type} DEFAULT ${value}`;
}

/** The output columns of a query and their types (no rows are read). */
export function describeQuery(sql: string): string {
	return `DESCRIBE ${sql}`;
}

/** The approximate memory DuckDB holds, in bytes (for the benchmark and fault messages). */
export const MEMORY_SQL = `SELECT coalesce(sum(memory_usage_bytes), 0) AS bytes FROM duckdb_memory()`;

/**
 * Run `fn` with DuckDB's optimizer off. The ingest projection nests three levels of
 * expressions; DuckDB 1.4's optimizer spends ~1 s per file merging them (measured:
 * 3,600 rows took 926 ms with it, 180 ms without) and gains nothing on a plain projection.
 */
export function withoutOptimizer<T>(db: { exec(sql: string): void }, fn: () => T): T {
	db.exec('PRAGMA disable_optimizer');
	try {
		return fn();
	} finally {
		db.exec('PRAGMA enable_optimizer');
	}
}
