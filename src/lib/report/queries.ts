/**
 * Pure SQL builders for the transparency report, the musyawarah slides and the donor view:
 * efficiency (cost per person trained, per borrower, per household served), the APBDes
 * summary, and data quality (completeness, modified z-score outliers).
 *
 * Every builder returns `{ text, params }` (an SqlFragment): identifiers are quoted with
 * `ident()` (through `id()` / `col()` / `qualified()`), table references come ready-quoted
 * from ingest, and every value (years, dates, categories, LIKE patterns, the 0.6745 and 3.5
 * of the modified z-score) is a bound `?` parameter. DuckDB-specific spellings come from
 * ../indicators/dialect.ts.
 */
import { qualified } from '../engine/sql';
import { sql, col, joinSql, keyword, tableRef, EMPTY, type SqlFragment } from '../indicators/fragment';
import { asDate, asDouble, asText, medianOf } from '../indicators/dialect';

export type { SqlFragment };

/**
 * APBDes activities counted as training (matched case-insensitively on `activity`):
 * "Pelatihan Kerajinan Tangan", "ICT training", "Kursus menjahit", ...
 */
export const TRAINING_ACTIVITY_PATTERNS: readonly string[] = ['%pelatihan%', '%training%', '%kursus%', '%course%'];

/**
 * APBDes activities counted as support to borrowers and micro-enterprises:
 * "Pendampingan dan Pemasaran Usaha Mikro", "Modal UMKM", "Kredit usaha", ...
 * ("Jalan Usaha Tani" is a road, so plain "usaha" is not enough.)
 */
export const CREDIT_ACTIVITY_PATTERNS: readonly string[] = [
	'%usaha mikro%',
	'%umkm%',
	'%kredit%',
	'%pinjaman%',
	'%simpan pinjam%',
	'%micro%',
	'%credit%',
	'%loan%'
];

/** The canonical APBDes category of spending (ingest maps `belanja` to it). */
export const EXPENDITURE = 'expenditure';

/** Modified z-score (Iglewicz & Hoaglin): |0.6745 (x − median) / MAD| > 3.5 flags an outlier. */
export const MODIFIED_Z_CONSTANT = 0.6745;
export const MODIFIED_Z_THRESHOLD = 3.5;

/** First and last day of a calendar year, as ISO dates. */
export function yearSpan(year: number): { start: string; end: string } {
	return { start: `${year}-01-01`, end: `${year}-12-31` };
}

const optional = (columns: readonly string[], name: string, alias: string): SqlFragment =>
	columns.includes(name) ? col(alias, name) : keyword('CAST(NULL AS VARCHAR)');

function activityMatches(alias: string, patterns: readonly string[]): SqlFragment {
	if (patterns.length === 0) return keyword('FALSE');
	return sql`(${joinSql(
		patterns.map((p) => sql`LOWER(${col(alias, 'activity')}) LIKE ${p}`),
		' OR '
	)})`;
}

/**
 * APBDes expenditure lines of a year whose activity matches one of the patterns, one row per
 * (field, activity): `field`, `activity`, `budget`, `realized`, `lines`.
 */
export function budgetLinesQuery(budgetRef: string, columns: readonly string[], year: number, patterns: readonly string[]): SqlFragment {
	const b = 'b';
	return sql`SELECT ${optional(columns, 'field', b)} AS field, ${col(b, 'activity')} AS activity,
	${asDouble(sql`SUM(${col(b, 'budget_idr')})`)} AS budget,
	${asDouble(sql`SUM(${col(b, 'realized_idr')})`)} AS realized,
	${asDouble(sql`COUNT(*)`)} AS lines
FROM ${tableRef(budgetRef)} AS ${keyword(b)}
WHERE ${col(b, 'year')} = ${year} AND ${col(b, 'category')} = ${EXPENDITURE} AND ${activityMatches(b, patterns)}
GROUP BY 1, 2
ORDER BY 1, 2`;
}

/** Distinct participants with start_date in [start, end] (EMP-02 for that span): one row, `n`. */
export function traineesQuery(trainingsRef: string, start: string, end: string): SqlFragment {
	const t = 't';
	return sql`SELECT ${asDouble(sql`COUNT(DISTINCT ${col(t, 'participant_id')})`)} AS n
FROM ${tableRef(trainingsRef)} AS ${keyword(t)}
WHERE ${col(t, 'start_date')} >= ${asDate(sql`${start}`)} AND ${col(t, 'start_date')} <= ${asDate(sql`${end}`)}`;
}

/**
 * Distinct borrowers served in [start, end]: with a monthly snapshot in the span whose loan is
 * active (status `active`, or missing, and outstanding_idr > 0). One row, `n`.
 */
export function borrowersServedQuery(loansRef: string, columns: readonly string[], start: string, end: string): SqlFragment {
	const l = 'l';
	const status = columns.includes('status') ? sql` AND (${col(l, 'status')} IS NULL OR ${col(l, 'status')} = ${'active'})` : EMPTY;
	return sql`SELECT ${asDouble(sql`COUNT(DISTINCT ${col(l, 'borrower_id')})`)} AS n
FROM ${tableRef(loansRef)} AS ${keyword(l)}
WHERE ${col(l, 'report_date')} >= ${asDate(sql`${start}`)} AND ${col(l, 'report_date')} <= ${asDate(sql`${end}`)}
	AND ${col(l, 'outstanding_idr')} > ${0}${status}`;
}

/**
 * Infrastructure projects completed in [start, end] (latest report on or before `end` has
 * status completed, completion_date in the span) with households_served recorded, matched to
 * the APBDes expenditure lines of `year` whose activity is the project's name (case and
 * surrounding spaces ignored). One row per project name: `name`, `projects`, `households`,
 * `budget` and `realized` (NULL when no budget line matches).
 */
export function projectsServedQuery(
	infraRef: string,
	budgetRef: string,
	year: number,
	start: string,
	end: string
): SqlFragment {
	const p = 'p';
	const b = 'b';
	return sql`WITH latest AS (
	SELECT ${col(p, 'project_id')} AS project_id, ${col(p, 'name')} AS name, ${col(p, 'status')} AS status,
		${col(p, 'completion_date')} AS completion_date, ${col(p, 'households_served')} AS households_served,
		ROW_NUMBER() OVER (PARTITION BY ${col(p, 'project_id')} ORDER BY ${col(p, 'report_date')} DESC) AS rn
	FROM ${tableRef(infraRef)} AS ${keyword(p)}
	WHERE ${col(p, 'report_date')} <= ${asDate(sql`${end}`)}
), done AS (
	SELECT LOWER(TRIM(name)) AS k, MIN(name) AS name, ${asDouble(sql`COUNT(*)`)} AS projects, ${asDouble(sql`SUM(households_served)`)} AS households
	FROM latest
	WHERE rn = 1 AND status = ${'completed'} AND households_served IS NOT NULL
		AND completion_date >= ${asDate(sql`${start}`)} AND completion_date <= ${asDate(sql`${end}`)}
	GROUP BY 1
), spent AS (
	SELECT LOWER(TRIM(${col(b, 'activity')})) AS k, ${asDouble(sql`SUM(${col(b, 'budget_idr')})`)} AS budget,
		${asDouble(sql`SUM(${col(b, 'realized_idr')})`)} AS realized
	FROM ${tableRef(budgetRef)} AS ${keyword(b)}
	WHERE ${col(b, 'year')} = ${year} AND ${col(b, 'category')} = ${EXPENDITURE}
	GROUP BY 1
)
SELECT done.name AS name, done.projects AS projects, done.households AS households, spent.budget AS budget, spent.realized AS realized
FROM done LEFT JOIN spent ON spent.k = done.k
ORDER BY done.name`;
}

/**
 * The APBDes of a year by category, field and source: `category`, `field`, `source`,
 * `budget`, `realized`, `lines`. Missing optional columns come back as NULL.
 */
export function budgetSummaryQuery(budgetRef: string, columns: readonly string[], year: number): SqlFragment {
	const b = 'b';
	// Each sum adds what is recorded, as PAR-04 and PAR-05 do; lines with only one amount are counted.
	const onlyOne = sql`(${col(b, 'budget_idr')} IS NULL) <> (${col(b, 'realized_idr')} IS NULL)`;
	return sql`SELECT ${asText(col(b, 'category'))} AS category, ${optional(columns, 'field', b)} AS field, ${optional(columns, 'source', b)} AS source,
	${asDouble(sql`SUM(${col(b, 'budget_idr')})`)} AS budget,
	${asDouble(sql`SUM(${col(b, 'realized_idr')})`)} AS realized,
	${asDouble(sql`COUNT(*)`)} AS lines,
	${asDouble(sql`COUNT(CASE WHEN ${onlyOne} THEN 1 END)`)} AS unpaired,
	${asDouble(sql`SUM(CASE WHEN ${col(b, 'realized_idr')} IS NULL THEN ${col(b, 'budget_idr')} END)`)} AS unpaired_budget
FROM ${tableRef(budgetRef)} AS ${keyword(b)}
WHERE ${col(b, 'year')} = ${year}
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;
}

// ---------------------------------------------------------------- data quality

/** Whether a DuckDB type is numeric (outliers are looked for in these columns). */
export function isNumericType(type: string): boolean {
	return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i.test(
		type.trim()
	);
}

/** The columns of a table of the main schema, in order: `column_name`, `data_type`. */
export function tableColumnsQuery(table: string): SqlFragment {
	return sql`SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = ${'main'} AND table_name = ${table}
ORDER BY ordinal_position`;
}

/** Rows and non-null counts per column: one row, `rows` then one count per column, in order. */
export function completenessQuery(table: string, columns: readonly string[]): SqlFragment {
	const counts = columns.map((c) => asDouble(sql`COUNT(${col('t', c)})`));
	return sql`SELECT ${asDouble(sql`COUNT(*)`)} AS rows${counts.length ? sql`, ${joinSql(counts, ', ')}` : EMPTY}
FROM ${keyword(qualified('main', table))} AS t`;
}

/** The values of the numeric columns, long (column, x), with the modified z-score of each. */
function modifiedZ(table: string, columns: readonly string[]): SqlFragment {
	const parts = columns.map(
		(c) => sql`SELECT ${c} AS col, ${asDouble(col('t', c))} AS x FROM ${keyword(qualified('main', table))} AS t WHERE ${col('t', c)} IS NOT NULL`
	);
	return sql`WITH v AS (
	${joinSql(parts, '\n\tUNION ALL\n\t')}
), m AS (
	SELECT col, ${medianOf(keyword('x'))} AS med, ${asDouble(sql`COUNT(*)`)} AS n FROM v GROUP BY col
), d AS (
	SELECT v.col AS col, ${medianOf(keyword('ABS(v.x - m.med)'))} AS mad FROM v JOIN m ON m.col = v.col GROUP BY v.col
), z AS (
	SELECT v.col AS col, v.x AS x, CASE WHEN d.mad > 0 THEN ${MODIFIED_Z_CONSTANT} * (v.x - m.med) / d.mad END AS z
	FROM v JOIN m ON m.col = v.col JOIN d ON d.col = v.col
)`;
}

/**
 * Per numeric column: `col`, `n` (non-null values), `median`, `mad`, `outliers` (values with
 * |modified z| > 3.5; NULL when MAD = 0, where the score is undefined), `max_abs_z`, and the
 * smallest and largest flagged value (`low`, `high`).
 */
export function outlierSummaryQuery(table: string, columns: readonly string[]): SqlFragment {
	return sql`${modifiedZ(table, columns)}
SELECT m.col AS col, m.n AS n, m.med AS median, d.mad AS mad,
	CASE WHEN d.mad > 0 THEN ${asDouble(sql`(SELECT COUNT(*) FROM z WHERE z.col = m.col AND ABS(z.z) > ${MODIFIED_Z_THRESHOLD})`)} END AS outliers,
	(SELECT MAX(ABS(z.z)) FROM z WHERE z.col = m.col) AS max_abs_z,
	(SELECT MIN(z.x) FROM z WHERE z.col = m.col AND ABS(z.z) > ${MODIFIED_Z_THRESHOLD}) AS low,
	(SELECT MAX(z.x) FROM z WHERE z.col = m.col AND ABS(z.z) > ${MODIFIED_Z_THRESHOLD}) AS high
FROM m JOIN d ON d.col = m.col
ORDER BY m.col`;
}

/** The most extreme flagged values per numeric column (at most `limit` each): `col`, `x`, `z`. */
export function outlierExamplesQuery(table: string, columns: readonly string[], limit: number): SqlFragment {
	return sql`${modifiedZ(table, columns)}
SELECT col, x, z FROM (
	SELECT col, x, z, ROW_NUMBER() OVER (PARTITION BY col ORDER BY ABS(z) DESC, x) AS rn
	FROM z WHERE ABS(z) > ${MODIFIED_Z_THRESHOLD}
) AS ranked
WHERE rn <= ${limit}
ORDER BY col, rn`;
}
