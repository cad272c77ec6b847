/**
 * Pure SQL builders for the multi-village view (/villages) over the contract tables
 * `village_index` and `village_index_indicators`.
 *
 * Every builder returns `{ text, params }`: identifiers are quoted with `ident()` (through
 * the `sql` tag's `col()`/`id()`), table references come ready-quoted from ingest, and
 * every value (year, codes, search text, limits, IDM cut-offs) is a bound `?` parameter.
 * The SQL is standard where possible (CTEs, window functions, PERCENTILE_CONT ... WITHIN
 * GROUP, LIKE ... ESCAPE, CASE); LIMIT/OFFSET is the one common non-standard spelling.
 *
 * The district columns (kode/nama provinsi, kabupaten, kecamatan) are not part of the
 * contract: they are used only when the file had them, and every builder works without.
 */
import { IDM_CUTOFFS, IDM_TOP_STATUS } from '../engine/contract';
import { sql, col, id, joinSql, keyword, tableRef, EMPTY, type SqlFragment } from '../indicators/fragment';

export type { SqlFragment };

/** The IDM statuses, from the lowest to the highest. */
export const IDM_STATUS_ORDER: readonly string[] = [...IDM_CUTOFFS.map(([, s]) => s), IDM_TOP_STATUS];

/** The district levels, from the largest to the smallest. */
export const LEVELS = ['provinsi', 'kabupaten', 'kecamatan'] as const;
export type Level = (typeof LEVELS)[number];

/** Who can be responsible for an indicator (`pelaksana_<level>` columns). */
export const RESPONSIBLE_LEVELS = ['pusat', 'provinsi', 'kabupaten', 'desa', 'csr', 'lainnya'] as const;
export type ResponsibleLevel = (typeof RESPONSIBLE_LEVELS)[number];

/** A district level's columns: the key (a code when there is one) and its label (a name). */
export interface LevelColumns {
	key: string;
	label: string;
}

/** The columns of `village_index` that the view uses, resolved against what was loaded. */
export interface VillageColumns {
	code: string;
	name: string | null;
	year: string;
	score: string;
	status: string | null;
	iks: string | null;
	ike: string | null;
	ikl: string | null;
	levels: Record<Level, LevelColumns | null>;
}

/** The columns of `village_index_indicators` that the view uses. */
export interface IndicatorColumns {
	code: string;
	year: string;
	score: string;
	indicator: string;
	dimension: string | null;
	indicatorNo: string | null;
	note: string | null;
	recommendedActivity: string | null;
	addedValue: string | null;
	responsible: Array<{ level: ResponsibleLevel; column: string }>;
}

/** Area filters: a value matches the level's key (code) or its label (name). */
export interface AreaFilters {
	provinsi?: string | null;
	kabupaten?: string | null;
	kecamatan?: string | null;
}

/** A column of `columns` whose name equals one of `candidates`, case-insensitively. */
function find(columns: readonly string[], ...candidates: string[]): string | null {
	for (const c of candidates) {
		const hit = columns.find((x) => x.trim().toLowerCase() === c);
		if (hit !== undefined) return hit;
	}
	return null;
}

const LEVEL_KEY_CANDIDATES: Record<Level, string[]> = {
	provinsi: ['kode_provinsi', 'kode_prov', 'kd_provinsi', 'kd_prov', 'provinsi_code', 'province_code'],
	kabupaten: ['kode_kabupaten', 'kode_kabupaten_kota', 'kode_kab', 'kd_kabupaten', 'kd_kab', 'kabupaten_code', 'regency_code', 'district_code'],
	kecamatan: ['kode_kecamatan', 'kode_kec', 'kd_kecamatan', 'kd_kec', 'kecamatan_code', 'subdistrict_code']
};
const LEVEL_LABEL_CANDIDATES: Record<Level, string[]> = {
	provinsi: ['nama_provinsi', 'nama_prov', 'provinsi', 'province', 'provinsi_name', 'province_name'],
	kabupaten: ['nama_kabupaten', 'nama_kabupaten_kota', 'nama_kab', 'kabupaten', 'kabupaten_kota', 'regency', 'kabupaten_name', 'regency_name'],
	kecamatan: ['nama_kecamatan', 'nama_kec', 'kecamatan', 'subdistrict', 'kecamatan_name', 'subdistrict_name']
};

/** Resolve the view's columns of `village_index` (canonical names plus district columns when present). */
export function resolveVillageColumns(columns: readonly string[]): VillageColumns {
	const levels = {} as Record<Level, LevelColumns | null>;
	for (const level of LEVELS) {
		const key = find(columns, ...LEVEL_KEY_CANDIDATES[level]);
		const label = find(columns, ...LEVEL_LABEL_CANDIDATES[level]);
		levels[level] = key || label ? { key: (key ?? label)!, label: (label ?? key)! } : null;
	}
	return {
		code: find(columns, 'village_code') ?? 'village_code',
		name: find(columns, 'village_name'),
		year: find(columns, 'year') ?? 'year',
		score: find(columns, 'score') ?? 'score',
		status: find(columns, 'status'),
		iks: find(columns, 'iks'),
		ike: find(columns, 'ike'),
		ikl: find(columns, 'ikl'),
		levels
	};
}

/** Resolve the view's columns of `village_index_indicators`. */
export function resolveIndicatorColumns(columns: readonly string[]): IndicatorColumns {
	const responsible: IndicatorColumns['responsible'] = [];
	for (const level of RESPONSIBLE_LEVELS) {
		const c = find(columns, `pelaksana_${level}`);
		if (c) responsible.push({ level, column: c });
	}
	return {
		code: find(columns, 'village_code') ?? 'village_code',
		year: find(columns, 'year') ?? 'year',
		score: find(columns, 'score') ?? 'score',
		indicator: find(columns, 'indicator') ?? 'indicator',
		dimension: find(columns, 'dimension'),
		indicatorNo: find(columns, 'indicator_no'),
		note: find(columns, 'note'),
		recommendedActivity: find(columns, 'recommended_activity'),
		addedValue: find(columns, 'added_value'),
		responsible
	};
}

const text = (e: SqlFragment) => sql`CAST(${e} AS VARCHAR)`;
const orNull = (alias: string, column: string | null) => (column ? text(col(alias, column)) : keyword('CAST(NULL AS VARCHAR)'));
const orNullDouble = (alias: string, column: string | null) => (column ? sql`CAST(${col(alias, column)} AS DOUBLE)` : keyword('CAST(NULL AS DOUBLE)'));

/** `%text%` for LIKE, with `\`, `%` and `_` escaped (used with `ESCAPE '\'`), lower-cased. */
export function likePattern(search: string): string {
	return `%${search.trim().toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The IDM status of a row: the status column in its canonical spelling (any case, extra
 * spaces), or, when it is missing, the status the score's IDM cut-offs give.
 */
export function statusExpr(vc: VillageColumns, alias: string): SqlFragment {
	const score = col(alias, vc.score);
	const whens = IDM_CUTOFFS.map(([cut, status]) => sql`WHEN ${score} <= ${cut} THEN CAST(${status} AS VARCHAR)`);
	const fromScore = sql`CASE WHEN ${score} IS NULL THEN CAST(NULL AS VARCHAR) ${joinSql(whens, ' ')} ELSE CAST(${IDM_TOP_STATUS} AS VARCHAR) END`;
	if (!vc.status) return fromScore;
	const raw = text(col(alias, vc.status));
	const spelled = IDM_STATUS_ORDER.map((s) => sql`WHEN CAST(${s.toUpperCase()} AS VARCHAR) THEN CAST(${s} AS VARCHAR)`);
	const canonical = sql`CASE UPPER(TRIM(${raw})) ${joinSql(spelled, ' ')} WHEN CAST(${''} AS VARCHAR) THEN CAST(NULL AS VARCHAR) ELSE ${raw} END`;
	return sql`COALESCE(${canonical}, ${fromScore})`;
}

/** The WHERE conditions of the area filters (`TRUE` when there are none). */
export function areaConditions(vc: VillageColumns, alias: string, filters: AreaFilters = {}): SqlFragment {
	const parts: SqlFragment[] = [];
	for (const level of LEVELS) {
		const value = filters[level];
		const lc = vc.levels[level];
		if (value === null || value === undefined || value === '') continue;
		if (!lc) {
			// The filter names a level the data does not have: nothing matches.
			parts.push(keyword('FALSE'));
			continue;
		}
		const key = text(col(alias, lc.key));
		parts.push(
			lc.label === lc.key ? sql`${key} = ${value}` : sql`(${key} = ${value} OR ${text(col(alias, lc.label))} = ${value})`
		);
	}
	return parts.length ? joinSql(parts, ' AND ') : keyword('TRUE');
}

/** Number of distinct villages and of rows. */
export function summaryQuery(ref: string, vc: VillageColumns): SqlFragment {
	return sql`SELECT COUNT(DISTINCT ${text(col('v', vc.code))}) AS villages, COUNT(*) AS row_count FROM ${tableRef(ref)} AS v`;
}

/** The years present, ascending. */
export function yearsQuery(ref: string, vc: VillageColumns): SqlFragment {
	const y = col('v', vc.year);
	return sql`SELECT DISTINCT CAST(${y} AS INTEGER) AS year FROM ${tableRef(ref)} AS v WHERE ${y} IS NOT NULL ORDER BY year`;
}

/** Rows per year and IDM status, within the area filters. */
export function statusDistributionQuery(ref: string, vc: VillageColumns, filters: AreaFilters = {}): SqlFragment {
	return sql`SELECT t.year AS year, t.status AS status, COUNT(*) AS n
FROM (
	SELECT CAST(${col('v', vc.year)} AS INTEGER) AS year, ${statusExpr(vc, 'v')} AS status
	FROM ${tableRef(ref)} AS v
	WHERE ${col('v', vc.year)} IS NOT NULL AND ${areaConditions(vc, 'v', filters)}
) AS t
GROUP BY t.year, t.status
ORDER BY t.year, t.status`;
}

/**
 * The distinct values of one district level for a select box, within the filters of the
 * levels above it: `value` is the key (code), `label` the name the latest year gives it.
 */
export function filterOptionsQuery(ref: string, vc: VillageColumns, level: Level, filters: AreaFilters = {}): SqlFragment | null {
	const lc = vc.levels[level];
	if (!lc) return null;
	const above: AreaFilters = {};
	for (const l of LEVELS) {
		if (l === level) break;
		above[l] = filters[l];
	}
	return sql`WITH r AS (
	SELECT ${text(col('v', lc.key))} AS k, ${text(col('v', lc.label))} AS l, ${col('v', vc.year)} AS y, ${text(col('v', vc.code))} AS c
	FROM ${tableRef(ref)} AS v
	WHERE ${col('v', lc.key)} IS NOT NULL AND ${areaConditions(vc, 'v', above)}
), named AS (
	SELECT k, l, ROW_NUMBER() OVER (PARTITION BY k ORDER BY y DESC NULLS LAST, l) AS rn FROM r WHERE l IS NOT NULL
)
SELECT r.k AS value, MAX(named.l) AS label, COUNT(DISTINCT r.c) AS villages
FROM r LEFT JOIN named ON named.k = r.k AND named.rn = 1
GROUP BY r.k
ORDER BY label, value`;
}

export interface RankingRequest {
	year: number;
	filters?: AreaFilters;
	search?: string;
	limit: number;
	offset: number;
}

/** The villages of a year within the area filters, ranked by score (rank = position). */
function rankedCte(ref: string, vc: VillageColumns, req: RankingRequest): SqlFragment {
	const lv = (l: Level) => orNull('v', vc.levels[l]?.label ?? null);
	return sql`base AS (
	SELECT ${text(col('v', vc.code))} AS village_code, ${orNull('v', vc.name)} AS village_name,
		CAST(${col('v', vc.score)} AS DOUBLE) AS score, ${statusExpr(vc, 'v')} AS status,
		${orNullDouble('v', vc.iks)} AS iks, ${orNullDouble('v', vc.ike)} AS ike, ${orNullDouble('v', vc.ikl)} AS ikl,
		${lv('kecamatan')} AS kecamatan, ${lv('kabupaten')} AS kabupaten, ${lv('provinsi')} AS provinsi
	FROM ${tableRef(ref)} AS v
	WHERE ${col('v', vc.year)} = ${req.year} AND ${areaConditions(vc, 'v', req.filters)}
), ranked AS (
	SELECT base.*, ROW_NUMBER() OVER (ORDER BY score DESC NULLS LAST, village_code) AS rank FROM base
)`;
}

function searchCondition(search: string | undefined): SqlFragment {
	const q = (search ?? '').trim();
	if (!q) return keyword('TRUE');
	const p = likePattern(q);
	return sql`(LOWER(COALESCE(village_name, CAST(${''} AS VARCHAR))) LIKE ${p} ESCAPE '\\' OR LOWER(village_code) LIKE ${p} ESCAPE '\\')`;
}

/** One page of the ranking, in rank order; a search narrows the rows but keeps their rank. */
export function rankingQuery(ref: string, vc: VillageColumns, req: RankingRequest): SqlFragment {
	return sql`WITH ${rankedCte(ref, vc, req)}
SELECT rank, village_code, village_name, kecamatan, kabupaten, provinsi, score, status, iks, ike, ikl
FROM ranked
WHERE ${searchCondition(req.search)}
ORDER BY rank
LIMIT ${req.limit} OFFSET ${req.offset}`;
}

/** How many villages the ranking has in the area (`total`) and match the search (`matched`). */
export function rankingCountQuery(ref: string, vc: VillageColumns, req: RankingRequest): SqlFragment {
	return sql`WITH ${rankedCte(ref, vc, req)}
SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN ${searchCondition(req.search)} THEN 1 ELSE 0 END), 0) AS matched FROM ranked`;
}

/**
 * A level's group: the keys of that level and of every level above it that the data has,
 * so a kecamatan known only by name is told apart from a namesake in another kabupaten.
 */
function groupKeys(vc: VillageColumns, level: Level): string[] {
	const keys: string[] = [];
	for (const l of LEVELS) {
		const lc = vc.levels[l];
		if (lc) keys.push(lc.key);
		if (l === level) break;
	}
	return keys;
}

/**
 * One village's score per year, beside the median score of the villages of its kecamatan
 * and of its kabupaten that year (null when the data has no such level).
 */
export function trajectoryQuery(ref: string, vc: VillageColumns, villageCode: string): SqlFragment {
	const medianCte = (name: string, level: Level): SqlFragment | null => {
		if (!vc.levels[level]) return null;
		const keys = groupKeys(vc, level);
		const cols = keys.map((k, i) => sql`${text(col('v', k))} AS ${id(`g${i}`)}`);
		const groupBy = keys.map((k) => text(col('v', k)));
		return sql`${id(name)} AS (
	SELECT ${col('v', vc.year)} AS year, ${joinSql(cols, ', ')},
		PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(${col('v', vc.score)} AS DOUBLE)) AS median, COUNT(${col('v', vc.score)}) AS n
	FROM ${tableRef(ref)} AS v
	GROUP BY ${col('v', vc.year)}, ${joinSql(groupBy, ', ')}
)`;
	};
	const join = (name: string, level: Level): SqlFragment => {
		if (!vc.levels[level]) return EMPTY;
		const keys = groupKeys(vc, level);
		const on = keys.map((k, i) => sql`${col(name, `g${i}`)} = ${text(col('me', k))}`);
		return sql` LEFT JOIN ${id(name)} ON ${col(name, 'year')} = ${col('me', vc.year)} AND ${joinSql(on, ' AND ')}`;
	};
	const pick = (name: string, level: Level, column: string, nullType: string) =>
		vc.levels[level] ? col(name, column) : keyword(`CAST(NULL AS ${nullType})`);
	const ctes = [medianCte('kec', 'kecamatan'), medianCte('kab', 'kabupaten')].filter((x): x is SqlFragment => x !== null);
	const lv = (l: Level, part: 'key' | 'label') => orNull('me', vc.levels[l]?.[part] ?? null);
	return sql`WITH me AS (
	SELECT v.* FROM ${tableRef(ref)} AS v WHERE ${text(col('v', vc.code))} = ${villageCode}
)${ctes.length ? sql`, ${joinSql(ctes, ',\n')}` : EMPTY}
SELECT CAST(${col('me', vc.year)} AS INTEGER) AS year, ${orNull('me', vc.name)} AS village_name,
	CAST(${col('me', vc.score)} AS DOUBLE) AS score, ${statusExpr(vc, 'me')} AS status,
	${lv('kecamatan', 'key')} AS kecamatan_key, ${lv('kecamatan', 'label')} AS kecamatan,
	${lv('kabupaten', 'key')} AS kabupaten_key, ${lv('kabupaten', 'label')} AS kabupaten,
	${lv('provinsi', 'key')} AS provinsi_key, ${lv('provinsi', 'label')} AS provinsi,
	${pick('kec', 'kecamatan', 'median', 'DOUBLE')} AS kecamatan_median, ${pick('kec', 'kecamatan', 'n', 'BIGINT')} AS kecamatan_n,
	${pick('kab', 'kabupaten', 'median', 'DOUBLE')} AS kabupaten_median, ${pick('kab', 'kabupaten', 'n', 'BIGINT')} AS kabupaten_n
FROM me${join('kec', 'kecamatan')}${join('kab', 'kabupaten')}
WHERE ${col('me', vc.year)} IS NOT NULL
ORDER BY year`;
}

/** The years a village has indicator scores for, ascending. */
export function indicatorYearsQuery(ref: string, ic: IndicatorColumns, villageCode: string): SqlFragment {
	return sql`SELECT CAST(${col('i', ic.year)} AS INTEGER) AS year, COUNT(*) AS n
FROM ${tableRef(ref)} AS i
WHERE ${text(col('i', ic.code))} = ${villageCode} AND ${col('i', ic.year)} IS NOT NULL
GROUP BY CAST(${col('i', ic.year)} AS INTEGER)
ORDER BY year`;
}

/** A village's weakest indicators for a year: lowest score first, then indicator number. */
export function weakestIndicatorsQuery(ref: string, ic: IndicatorColumns, villageCode: string, year: number, limit: number): SqlFragment {
	const no = ic.indicatorNo ? sql`CAST(${col('i', ic.indicatorNo)} AS INTEGER)` : keyword('CAST(NULL AS INTEGER)');
	const responsible = ic.responsible.map((r) => sql`${text(col('i', r.column))} AS ${id(`pelaksana_${r.level}`)}`);
	return sql`SELECT ${orNull('i', ic.dimension)} AS dimension, ${no} AS indicator_no, ${text(col('i', ic.indicator))} AS indicator,
	CAST(${col('i', ic.score)} AS DOUBLE) AS score, ${orNull('i', ic.note)} AS note,
	${orNull('i', ic.recommendedActivity)} AS recommended_activity, ${orNullDouble('i', ic.addedValue)} AS added_value${responsible.length ? sql`, ${joinSql(responsible, ', ')}` : EMPTY}
FROM ${tableRef(ref)} AS i
WHERE ${text(col('i', ic.code))} = ${villageCode} AND ${col('i', ic.year)} = ${year}
ORDER BY score ASC NULLS LAST, indicator_no ASC NULLS LAST, dimension, indicator
LIMIT ${limit}`;
}
