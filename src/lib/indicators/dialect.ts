/**
 * The few SQL constructs whose spelling differs between engines. Indicator SQL is
 * otherwise standard (CTEs, window functions, CASE, SUM, COUNT DISTINCT, NULLIF,
 * COALESCE). To run the catalogue on another engine, change these functions only.
 *
 * This file is written for DuckDB (duckdb-wasm in the page, native DuckDB elsewhere).
 */
import { sql, keyword, type SqlFragment } from './fragment';

/** A bound ISO date text as a DATE. */
export function asDate(value: SqlFragment): SqlFragment {
	return sql`CAST(${value} AS DATE)`;
}

/**
 * A number as a double-precision float. Used on every SUM/COUNT and before every
 * division, so integer inputs never divide as integers and never come back as
 * HUGEINT/BIGINT.
 */
export function asDouble(expr: SqlFragment): SqlFragment {
	return sql`CAST(${expr} AS DOUBLE)`;
}

/** Any value as text (group keys, round names, codes typed as numbers). */
export function asText(expr: SqlFragment): SqlFragment {
	return sql`CAST(${expr} AS VARCHAR)`;
}

/** The standard (interpolated) median; NULLs are ignored. */
export function medianOf(expr: SqlFragment): SqlFragment {
	return sql`PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ${expr})`;
}

/** A query returning no rows but all the columns of a table (to list its columns). */
export function columnsProbe(ref: SqlFragment): SqlFragment {
	return sql`SELECT * FROM ${ref} LIMIT 0`;
}

/** A typed NULL double, for result columns an indicator does not have. */
export const NULL_DOUBLE: SqlFragment = keyword('CAST(NULL AS DOUBLE)');
