/**
 * Pure SQL builders for the area pages' explanatory charts: the household per-capita income
 * distribution, the training funnel, enterprise revenue by owner's sex, infrastructure
 * projects by status and budget, APBDes budget against realisation, and women's share of
 * meeting attendees per meeting or per month.
 *
 * Every builder takes the contract tables (`TableInfo.ref`, ready-quoted by ingest, and
 * `TableInfo.columns`) and plain arguments, and returns either `{ query }` or a "no data"
 * reason (missing table, missing column, unsupported filter) — never a query that would
 * answer 0 for data that is not there. Identifiers are quoted with `ident()` (through the
 * `sql` tag's `id()`/`col()`), and every value (dates, years, codes, filter values, bin
 * edges) is a bound `?` parameter. The SQL is standard where possible: CTEs, CASE,
 * GROUPING SETS, window functions (via `latestPerEntity`), EXTRACT, FLOOR and
 * PERCENTILE_CONT ... WITHIN GROUP.
 */
import type { ContractTableName } from '../engine/contract';
import { sql, col, id, joinSql, keyword, tableRef, EMPTY, type SqlFragment } from '../indicators/fragment';
import { asDate, asDouble, asText, medianOf } from '../indicators/dialect';
import { latestPerEntity } from '../indicators/patterns';
import { DEFAULT_SETTINGS } from '../indicators/settings';
import type { Period } from '../indicators/period';
import type { QueryScope, ReasonCode, TableInfo, TableMap } from '../indicators/types';

export type { SqlFragment };

/** Why a chart has nothing to show (the reason text follows the indicator engine's wording). */
export interface NoData {
	reason: string;
	reasonCode: ReasonCode;
}

export type Built = { query: SqlFragment } | NoData;

export function isNoData(v: unknown): v is NoData {
	return typeof v === 'object' && v !== null && 'reasonCode' in v && 'reason' in v;
}

/** The page's filters (from the URL). Only non-empty strings count. */
export interface AnalysisFilters {
	dusun?: string | null;
	group?: string | null;
	[dimension: string]: string | null | undefined;
}

function activeFilters(filters: AnalysisFilters | undefined): Array<[string, string]> {
	return Object.entries(filters ?? {})
		.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
		.map(([k, v]) => [k, v.trim()] as [string, string])
		.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The table if it has every column, else the first missing table or all missing columns. */
export function requireColumns(tables: TableMap, table: ContractTableName, columns: readonly string[]): TableInfo | NoData {
	const info = tables[table];
	if (!info) return { reason: `missing table ${table}`, reasonCode: 'missing_table' };
	const missing = columns.filter((c) => !info.columns.includes(c));
	if (missing.length) return { reason: `missing column ${missing.map((c) => `${table}.${c}`).join(', ')}`, reasonCode: 'missing_column' };
	return info;
}

/**
 * `AND <column> = ?` for each active filter. `supported` maps the filters a chart accepts to
 * the column of `table` they compare; another filter is not supported, and a supported one
 * whose column is missing is a missing column.
 */
export function filterConditions(
	info: TableInfo,
	table: ContractTableName,
	alias: string | null,
	filters: AnalysisFilters | undefined,
	supported: Readonly<Record<string, string>>
): SqlFragment | NoData {
	const parts: SqlFragment[] = [];
	for (const [dimension, value] of activeFilters(filters)) {
		const column = Object.prototype.hasOwnProperty.call(supported, dimension) ? supported[dimension] : undefined;
		if (!column) return { reason: `filter not supported by this chart: ${dimension}`, reasonCode: 'filter_not_supported' };
		if (!info.columns.includes(column)) return { reason: `missing column ${table}.${column}`, reasonCode: 'missing_column' };
		parts.push(sql` AND ${asText(alias ? col(alias, column) : id(column))} = ${value}`);
	}
	return parts.length ? joinSql(parts, '') : EMPTY;
}

/** The columns the active (supported) filters compare. */
function filterColumns(filters: AnalysisFilters | undefined, supported: Readonly<Record<string, string>>): string[] {
	return activeFilters(filters)
		.map(([k]) => (Object.prototype.hasOwnProperty.call(supported, k) ? supported[k] : null))
		.filter((c): c is string => c !== null);
}

/** A date inside the period (bounds inclusive). */
function inPeriod(column: SqlFragment, period: Period): SqlFragment {
	return sql`${column} BETWEEN ${asDate(sql`${period.start}`)} AND ${asDate(sql`${period.end}`)}`;
}

/** A minimal indicator scope, to reuse the catalogue's "latest report per entity" pattern. */
function scopeFor(tables: TableMap, period: Period): QueryScope {
	return { tables, period, round: null, filters: [], breakdown: null, settings: DEFAULT_SETTINGS };
}

// ---------------------------------------------------------------- income distribution

/** Household filters: dusun, group and head's sex, as the household indicators (INC-01/02). */
export const HOUSEHOLD_FILTERS = { dusun: 'dusun', group: 'group', head_sex: 'head_sex' } as const;
export const INCOME_NEEDS = ['household_id', 'round', 'survey_date', 'members', 'income_month_idr'] as const;

/** Households of the round: per-capita income `x` (NULL when members is not > 0) and weight `w` (default 1). */
function householdIncomes(tables: TableMap, round: string, filters: AnalysisFilters | undefined): SqlFragment | NoData {
	const h = requireColumns(tables, 'households', INCOME_NEEDS);
	if (isNoData(h)) return h;
	const where = filterConditions(h, 'households', 'h', filters, HOUSEHOLD_FILTERS);
	if (isNoData(where)) return where;
	const weight = h.columns.includes('weight') ? asDouble(sql`COALESCE(${col('h', 'weight')}, 1)`) : asDouble(keyword('1'));
	return sql`SELECT CASE WHEN ${col('h', 'members')} > 0 THEN ${asDouble(col('h', 'income_month_idr'))} / ${col('h', 'members')} END AS ${id('x')},
		${weight} AS ${id('w')}
		FROM ${tableRef(h.ref)} AS ${id('h')}
		WHERE ${asText(col('h', 'round'))} = ${round}${where}`;
}

/**
 * Summary of the round's per-capita incomes: households with a value (`n`), their total
 * weight, min, max, the 98th percentile (to choose bins that are not stretched by a few
 * very high incomes) and the weighted share below the poverty line, in percent.
 */
export function incomeStatsQuery(tables: TableMap, round: string, filters: AnalysisFilters | undefined, povertyLine: number): Built {
	const base = householdIncomes(tables, round, filters);
	if (isNoData(base)) return base;
	return {
		query: sql`WITH __base AS (${base})
SELECT ${asDouble(sql`COUNT(${id('x')})`)} AS ${id('n')},
	${asDouble(sql`SUM(${id('w')})`)} AS ${id('total_weight')},
	MIN(${id('x')}) AS ${id('min_x')},
	MAX(${id('x')}) AS ${id('max_x')},
	PERCENTILE_CONT(0.98) WITHIN GROUP (ORDER BY ${id('x')}) AS ${id('p98')},
	100.0 * SUM(CASE WHEN ${id('x')} < ${povertyLine} THEN ${id('w')} ELSE 0 END) / NULLIF(SUM(${id('w')}), 0) AS ${id('below_line_percent')}
FROM __base WHERE ${id('x')} IS NOT NULL`
	};
}

export interface HistogramBins {
	/** Left edge of the first bin. */
	start: number;
	/** Width of each bin. */
	width: number;
	/** Closed bins [start + i*width, start + (i+1)*width), i < count. */
	count: number;
	/** Whether values >= start + count*width exist: they go to one open bin, index `count`. */
	openEnded: boolean;
}

/** A "nice" width (1, 2, 2.5 or 5 x 10^k) at least `raw`. */
export function niceWidth(raw: number): number {
	if (!(raw > 0) || !Number.isFinite(raw)) return 1;
	const p = Math.pow(10, Math.floor(Math.log10(raw)));
	for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw * (1 - 1e-12)) return m * p;
	return 10 * p;
}

/**
 * Bins for a distribution: about `target` bins of a nice width from 0 (or below the
 * minimum, when there are negative values) up to the 98th percentile; anything above goes
 * to one open-ended last bin.
 */
export function chooseBins(stats: { min: number; max: number; p98: number }, target = 20): HistogramBins {
	const lo = Math.min(0, stats.min);
	const hi = Math.max(stats.p98, lo);
	const width = niceWidth((hi - lo) / target || Math.abs(hi) / target || 1);
	const start = Math.floor(lo / width) * width;
	const count = Math.max(1, Math.ceil((hi - start) / width - 1e-9));
	return { start, width, count, openEnded: stats.max >= start + count * width };
}

/** Weighted histogram of the round's per-capita incomes over the given bins: bin, weight, n. */
export function incomeHistogramQuery(tables: TableMap, round: string, filters: AnalysisFilters | undefined, bins: HistogramBins): Built {
	const base = householdIncomes(tables, round, filters);
	if (isNoData(base)) return base;
	const top = bins.start + bins.count * bins.width;
	const bin = sql`CASE WHEN ${id('x')} >= ${top} THEN ${bins.count} ELSE CAST(FLOOR((${id('x')} - ${bins.start}) / ${bins.width}) AS INTEGER) END`;
	return {
		query: sql`WITH __base AS (${base}),
	__binned AS (SELECT ${bin} AS ${id('bin')}, ${id('w')} FROM __base WHERE ${id('x')} IS NOT NULL)
SELECT ${id('bin')}, ${asDouble(sql`SUM(${id('w')})`)} AS ${id('weight')}, ${asDouble(keyword('COUNT(*)'))} AS ${id('n')}
FROM __binned GROUP BY ${id('bin')} ORDER BY ${id('bin')}`
	};
}

// ---------------------------------------------------------------- training funnel

export const TRAINING_FILTERS = { dusun: 'dusun', sex: 'sex', course: 'course' } as const;
export const FUNNEL_NEEDS = ['start_date', 'completed', 'working_at_followup'] as const;

/**
 * Enrolments (rows) with start_date in the period, per course: enrolled, completed, of
 * those completed the ones followed up (working_at_followup recorded), and of those the
 * ones working. The stages are nested, so each is a subset of the one before.
 */
export function trainingFunnelQuery(tables: TableMap, period: Period, filters: AnalysisFilters | undefined): Built {
	const t = requireColumns(tables, 'trainings', FUNNEL_NEEDS);
	if (isNoData(t)) return t;
	const where = filterConditions(t, 'trainings', 't', filters, TRAINING_FILTERS);
	if (isNoData(where)) return where;
	const course = t.columns.includes('course') ? asText(col('t', 'course')) : keyword('CAST(NULL AS VARCHAR)');
	const done = sql`${col('t', 'completed')} = TRUE`;
	const count = (cond: SqlFragment) => asDouble(sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`);
	return {
		query: sql`SELECT ${course} AS ${id('course')},
	${asDouble(keyword('COUNT(*)'))} AS ${id('enrolled')},
	${count(done)} AS ${id('completed')},
	${count(sql`${done} AND ${col('t', 'working_at_followup')} IS NOT NULL`)} AS ${id('followed_up')},
	${count(sql`${done} AND ${col('t', 'working_at_followup')} = TRUE`)} AS ${id('working')}
FROM ${tableRef(t.ref)} AS ${id('t')}
WHERE ${inPeriod(col('t', 'start_date'), period)}${where}
GROUP BY ${course}
ORDER BY ${course} ASC NULLS LAST`
	};
}

// ---------------------------------------------------------------- enterprise revenue by owner's sex

export const ENTERPRISE_FILTERS = { dusun: 'dusun', sector: 'sector', owner_sex: 'owner_sex' } as const;
export const REVENUE_NEEDS = ['enterprise_id', 'report_date', 'owner_sex', 'revenue_month_idr'] as const;

/**
 * Median monthly revenue (the standard median, as INC-03 and WOM-03) over enterprises'
 * latest report in the period, per sector and owner's sex, plus all sectors together
 * (`sector_total` = 1). Filters apply after the latest report is chosen, as in INC-03.
 */
export function revenueByOwnerQuery(tables: TableMap, period: Period, filters: AnalysisFilters | undefined): Built {
	const e = requireColumns(tables, 'enterprises', REVENUE_NEEDS);
	if (isNoData(e)) return e;
	const where = filterConditions(e, 'enterprises', null, filters, ENTERPRISE_FILTERS);
	if (isNoData(where)) return where;
	const hasSector = e.columns.includes('sector');
	// Revenue first after the date, so ties between same-day reports break as in INC-03.
	const columns = ['enterprise_id', 'report_date', 'revenue_month_idr', 'owner_sex'];
	if (hasSector) columns.push('sector');
	for (const column of filterColumns(filters, ENTERPRISE_FILTERS)) if (!columns.includes(column)) columns.push(column);
	const latest = latestPerEntity(scopeFor(tables, period), 'enterprises', { entity: 'enterprise_id', date: 'report_date', within: 'period', columns });
	const sector = hasSector ? asText(id('sector')) : keyword('CAST(NULL AS VARCHAR)');
	const owner = asText(id('owner_sex'));
	const revenue = id('revenue_month_idr');
	return {
		query: sql`WITH __latest AS (${latest}),
	__scoped AS (SELECT ${sector} AS ${id('sector')}, ${owner} AS ${id('owner_sex')}, ${revenue} FROM __latest WHERE TRUE${where})
SELECT ${id('sector')}, ${id('owner_sex')}, CAST(GROUPING(${id('sector')}) AS INTEGER) AS ${id('sector_total')},
	${medianOf(revenue)} AS ${id('median')},
	${asDouble(sql`COUNT(${revenue})`)} AS ${id('n')},
	${asDouble(keyword('COUNT(*)'))} AS ${id('enterprises')}
FROM __scoped
GROUP BY GROUPING SETS ((${id('sector')}, ${id('owner_sex')}), (${id('owner_sex')}))
ORDER BY ${id('sector_total')} DESC, ${id('sector')} ASC NULLS LAST, ${id('owner_sex')} ASC NULLS LAST`
	};
}

// ---------------------------------------------------------------- infrastructure projects

export const PROJECT_FILTERS = { dusun: 'dusun', type: 'type' } as const;

function latestProjects(tables: TableMap, period: Period, info: TableInfo, filters: AnalysisFilters | undefined, columns: string[]): SqlFragment | NoData {
	const where = filterConditions(info, 'infrastructure', null, filters, PROJECT_FILTERS);
	if (isNoData(where)) return where;
	const cols = [...columns];
	for (const column of filterColumns(filters, PROJECT_FILTERS)) if (!cols.includes(column)) cols.push(column);
	const latest = latestPerEntity(scopeFor(tables, period), 'infrastructure', { entity: 'project_id', date: 'report_date', within: 'as_of', columns: cols });
	return sql`SELECT * FROM (${latest}) AS ${id('p')} WHERE TRUE${where}`;
}

/** Projects by type and status, from each project's latest report as of the period's end. */
export function projectStatusQuery(tables: TableMap, period: Period, filters: AnalysisFilters | undefined): Built {
	const p = requireColumns(tables, 'infrastructure', ['project_id', 'report_date', 'type', 'status']);
	if (isNoData(p)) return p;
	const base = latestProjects(tables, period, p, filters, ['project_id', 'report_date', 'type', 'status']);
	if (isNoData(base)) return base;
	return {
		query: sql`WITH __latest AS (${base})
SELECT ${asText(id('type'))} AS ${id('type')}, ${asText(id('status'))} AS ${id('status')}, ${asDouble(sql`COUNT(DISTINCT ${id('project_id')})`)} AS ${id('projects')}
FROM __latest
GROUP BY ${asText(id('type'))}, ${asText(id('status'))}
ORDER BY ${id('type')} ASC NULLS LAST, ${id('status')} ASC NULLS LAST`
	};
}

/**
 * Budget and spending per project type, from each project's latest report as of the
 * period's end. Like INF-05, each sum adds what is recorded, so the ratio per type equals
 * INF-05 broken down by type; n counts the projects with a budget.
 */
export function projectBudgetQuery(tables: TableMap, period: Period, filters: AnalysisFilters | undefined): Built {
	const p = requireColumns(tables, 'infrastructure', ['project_id', 'report_date', 'type', 'budget_idr', 'spent_idr']);
	if (isNoData(p)) return p;
	const base = latestProjects(tables, period, p, filters, ['project_id', 'report_date', 'type', 'budget_idr', 'spent_idr']);
	if (isNoData(base)) return base;
	return {
		query: sql`WITH __latest AS (${base})
SELECT ${asText(id('type'))} AS ${id('type')},
	${asDouble(sql`SUM(${id('budget_idr')})`)} AS ${id('budget')},
	${asDouble(sql`SUM(${id('spent_idr')})`)} AS ${id('spent')},
	${asDouble(sql`COUNT(${id('budget_idr')})`)} AS ${id('n')},
	${asDouble(keyword('COUNT(*)'))} AS ${id('projects')}
FROM __latest
GROUP BY ${asText(id('type'))}
ORDER BY ${id('type')} ASC NULLS LAST`
	};
}

// ---------------------------------------------------------------- APBDes

export const BUDGET_FILTERS = { field: 'field', source: 'source' } as const;
export type BudgetDimension = 'field' | 'source' | 'category';

/**
 * Budget against realisation for the period's year, per field (bidang), source of funds,
 * or category. For field and source, the expenditure lines (as PAR-04); for category, every
 * line. As PAR-04, each sum adds what is recorded, so the sums over fields equal PAR-04's
 * denominator and numerator; n counts the lines with a budget.
 */
export function budgetByQuery(tables: TableMap, year: number, dimension: BudgetDimension, filters: AnalysisFilters | undefined): Built {
	const b = requireColumns(tables, 'budget', ['year', 'category', 'budget_idr', 'realized_idr', ...(dimension === 'category' ? [] : [dimension])]);
	if (isNoData(b)) return b;
	const where = filterConditions(b, 'budget', 'b', filters, BUDGET_FILTERS);
	if (isNoData(where)) return where;
	const key = asText(col('b', dimension));
	const expenditure = dimension === 'category' ? EMPTY : sql` AND ${col('b', 'category')} = ${'expenditure'}`;
	return {
		query: sql`SELECT ${key} AS ${id('key')},
	${asDouble(sql`COALESCE(SUM(${col('b', 'budget_idr')}), 0)`)} AS ${id('budget')},
	${asDouble(sql`COALESCE(SUM(${col('b', 'realized_idr')}), 0)`)} AS ${id('realized')},
	${asDouble(sql`COUNT(${col('b', 'budget_idr')})`)} AS ${id('n')},
	${asDouble(keyword('COUNT(*)'))} AS ${id('lines')}
FROM ${tableRef(b.ref)} AS ${id('b')}
WHERE ${col('b', 'year')} = ${year}${expenditure}${where}
GROUP BY ${key}
ORDER BY ${id('budget')} DESC, ${id('key')} ASC NULLS LAST`
	};
}

// ---------------------------------------------------------------- meetings

export const MEETING_FILTERS = { level: 'level', type: 'type' } as const;
export type MeetingGrain = 'meeting' | 'month';

/**
 * Women's share of attendees in the period, per meeting (date order) or per calendar month.
 * As PAR-02, a month's share is a ratio of sums, each adding what is recorded (a meeting
 * with only one of the two counts has no share of its own).
 */
export function meetingSharesQuery(tables: TableMap, period: Period, grain: MeetingGrain, filters: AnalysisFilters | undefined): Built {
	const m = requireColumns(tables, 'meetings', ['date', 'attendees', 'women_attendees', ...(grain === 'meeting' ? ['meeting_id'] : [])]);
	if (isNoData(m)) return m;
	const where = filterConditions(m, 'meetings', 'm', filters, MEETING_FILTERS);
	if (isNoData(where)) return where;
	const scope = sql`WHERE ${inPeriod(col('m', 'date'), period)}${where}`;
	if (grain === 'meeting') {
		const opt = (c: string) => (m.columns.includes(c) ? asText(col('m', c)) : keyword('CAST(NULL AS VARCHAR)'));
		return {
			query: sql`SELECT ${asText(col('m', 'meeting_id'))} AS ${id('key')}, ${col('m', 'date')} AS ${id('date')},
	${opt('level')} AS ${id('level')}, ${opt('type')} AS ${id('type')},
	${asDouble(col('m', 'women_attendees'))} AS ${id('women')}, ${asDouble(col('m', 'attendees'))} AS ${id('attendees')},
	100.0 * ${asDouble(col('m', 'women_attendees'))} / NULLIF(${asDouble(col('m', 'attendees'))}, 0) AS ${id('share')}
FROM ${tableRef(m.ref)} AS ${id('m')}
${scope}
ORDER BY ${col('m', 'date')}, ${asText(col('m', 'meeting_id'))}`
		};
	}
	const y = sql`CAST(EXTRACT(YEAR FROM ${col('m', 'date')}) AS INTEGER)`;
	const mo = sql`CAST(EXTRACT(MONTH FROM ${col('m', 'date')}) AS INTEGER)`;
	return {
		query: sql`SELECT ${y} AS ${id('year')}, ${mo} AS ${id('month')},
	${asDouble(sql`SUM(${col('m', 'women_attendees')})`)} AS ${id('women')}, ${asDouble(sql`SUM(${col('m', 'attendees')})`)} AS ${id('attendees')},
	100.0 * ${asDouble(sql`SUM(${col('m', 'women_attendees')})`)} / NULLIF(${asDouble(sql`SUM(${col('m', 'attendees')})`)}, 0) AS ${id('share')},
	${asDouble(keyword('COUNT(*)'))} AS ${id('meetings')}
FROM ${tableRef(m.ref)} AS ${id('m')}
${scope}
GROUP BY ${y}, ${mo}
ORDER BY ${id('year')}, ${id('month')}`
	};
}
