/**
 * The computations the page may ask the engine worker for, by name. Each takes the
 * worker's context (database and contract tables) and plain arguments, and returns
 * plain data. Settings travel with each call, so the page's saved settings are used.
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import { ident } from '../engine/sql';
import { CATALOGUE, indicatorByCode } from './catalogue';
import { computeAll, computeAllSteps, computeBreakdown, computeIndicator, computeTrend } from './compute';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './settings';
import { loadReportedValues } from './targets';
import { isPeriod, parsePeriod } from './period';
import type { BreakdownResult, DimensionId, IndicatorRequest, IndicatorResult, TableMap, TrendPoint } from './types';
import type { ContractTableName } from '../engine/contract';
import { VILLAGE_OPERATIONS } from '../villages/operations';
import { ANALYSIS_OPERATIONS } from '../analysis/operations';
import { REPORT_OPERATIONS } from '../report/operations';

export interface WorkerContext {
	db: Queryable;
	tables: TableMap;
	/** Bumped by the workspace on every change of data; cached results of older versions are dropped. */
	version?: number;
}

function withSettings(ctx: WorkerContext, settings: unknown) {
	const s: Settings = settings ? parseSettings(settings) : DEFAULT_SETTINGS;
	return { db: ctx.db, tables: ctx.tables, settings: s, version: ctx.version };
}

/**
 * Results are pure functions of (data version, computation, arguments), so the worker keeps
 * the recent ones: going back to a period or filter already seen costs no query.
 */
const CACHE_LIMIT = 4000;
const cache = new Map<string, unknown>();
let cacheVersion: number | undefined;
function cached<T>(ctx: WorkerContext, key: unknown[], run: () => T): T {
	if (ctx.version === undefined) return run();
	if (cacheVersion !== ctx.version) {
		cache.clear();
		cacheVersion = ctx.version;
	}
	const k = JSON.stringify(key);
	if (cache.has(k)) return cache.get(k) as T;
	const v = run();
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(k, v);
	return v;
}

/** The cached results of one data version (to carry results computed at build time). */
export function exportCache(): Array<[string, unknown]> {
	return [...cache.entries()];
}

/**
 * Start the cache of data version `version` with results computed earlier on the same data
 * by the same code (the built-in sample's overview, computed at build time).
 */
export function seedCache(version: number, entries: Array<[string, unknown]>): void {
	cache.clear();
	cacheVersion = version;
	for (const [k, v] of entries) cache.set(k, v);
}

export interface DataRange {
	/** First and last dates in the program tables and survey rounds (YYYY-MM-DD), or null with no data. */
	from: string | null;
	to: string | null;
	/**
	 * The last real date (monitoring dates and survey dates), leaving out year columns (budget,
	 * village index), whose year counts as reaching 31 December in `to`: a budget for next year
	 * does not make this year complete. Null when only year columns hold dates.
	 */
	lastDate: string | null;
	/**
	 * Every date is a whole year: only year columns (budget, village index) and reported values
	 * of whole years. The period select then offers years alone.
	 */
	yearsOnly: boolean;
	dusun: string[];
	groups: string[];
	/** Contract tables present. */
	tables: ContractTableName[];
}

/** The span of the data and the values the filters offer. */
export function dataRange(ctx: WorkerContext): DataRange {
	const spans: string[] = [];
	const seen = new Set<string>();
	for (const def of CATALOGUE) {
		const tl = def.timeline;
		if (!tl) continue;
		const info = ctx.tables[tl.table];
		const col = tl.columns[0];
		if (!info || !col || !info.columns.includes(col)) continue;
		const key = `${tl.table}.${col}`;
		if (seen.has(key)) continue;
		seen.add(key);
		// Year columns (budget, village index) are whole years; dates are dates.
		const year = /year$/.test(col);
		const expr = year
			? `CAST(CAST(min(${ident(col)}) AS VARCHAR) || '-01-01' AS DATE) AS lo, CAST(CAST(max(${ident(col)}) AS VARCHAR) || '-12-31' AS DATE) AS hi`
			: `CAST(min(${ident(col)}) AS DATE) AS lo, CAST(max(${ident(col)}) AS DATE) AS hi`;
		spans.push(`SELECT ${expr}, ${year ? 'FALSE' : 'TRUE'} AS dated FROM ${info.ref}`);
	}
	// Survey rounds count too: households alone (a survey without monitoring data) have a span.
	const hh = ctx.tables.households;
	if (hh && hh.columns.includes('survey_date')) {
		spans.push(`SELECT CAST(min(${ident('survey_date')}) AS DATE) AS lo, CAST(max(${ident('survey_date')}) AS DATE) AS hi, TRUE AS dated FROM ${hh.ref}`);
	}
	let from: string | null = null;
	let to: string | null = null;
	let lastDate: string | null = null;
	if (spans.length > 0) {
		const [r] = rowObjects<{ lo: Date | null; hi: Date | null; last: Date | null }>(
			ctx.db.query(`SELECT min(lo) AS lo, max(hi) AS hi, max(CASE WHEN dated THEN hi END) AS last FROM (${spans.join(' UNION ALL ')}) AS spans`)
		);
		const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
		from = iso(r.lo);
		to = iso(r.hi);
		lastDate = iso(r.last);
	}
	// Reported values (indicator_values) are for periods of their own: those periods are offered
	// too (a spreadsheet of quarterly values alone has its quarters), without completing a year.
	let yearsOnly = lastDate === null;
	for (const row of loadReportedValues(ctx.db, ctx.tables.indicator_values)) {
		if (!isPeriod(row.period)) continue;
		const p = parsePeriod(row.period);
		if (p.kind !== 'year') yearsOnly = false;
		if (from === null || p.start < from) from = p.start;
		if (to === null || p.end > to) to = p.end;
	}
	const dusunSources = (Object.entries(ctx.tables) as Array<[ContractTableName, { ref: string; columns: string[] }]>)
		.filter(([t, info]) => info.columns.includes('dusun') && t !== 'targets' && t !== 'indicator_values')
		.map(([, info]) => `SELECT DISTINCT ${ident('dusun')} AS d FROM ${info.ref}`);
	const dusun = dusunSources.length
		? ctx.db
				.query(`SELECT DISTINCT d FROM (${dusunSources.join(' UNION ALL ')}) AS x WHERE d IS NOT NULL ORDER BY d`)
				.rows.map((r) => String(r[0]))
		: [];
	const groups =
		hh && hh.columns.includes('group')
			? ctx.db
					.query(`SELECT DISTINCT ${ident('group')} FROM ${hh.ref} WHERE ${ident('group')} IS NOT NULL ORDER BY 1`)
					.rows.map((r) => String(r[0]))
			: [];
	yearsOnly = yearsOnly && from !== null;
	return { from, to, lastDate, yearsOnly, dusun, groups, tables: Object.keys(ctx.tables) as ContractTableName[] };
}

export interface OverviewResult {
	results: IndicatorResult[];
	trends: Record<string, Array<{ period: string; value: number | null }>>;
	ms: number;
}

/** Every indicator for a period, plus the trend of the given ones: one round trip. */
export function overview(ctx: WorkerContext, req: IndicatorRequest, trendCodes: string[], settings?: unknown): OverviewResult {
	const t0 = performance.now();
	const c = withSettings(ctx, settings);
	const results = cached(ctx, ['all', req, c.settings], () => computeAll(c, req));
	const trends: OverviewResult['trends'] = {};
	// Sparklines show yearly values (or survey rounds), whatever the period's kind.
	const trendReq = { ...req, period: req.period.slice(0, 4) };
	for (const code of trendCodes) {
		const r = results.find((x) => x.code === code);
		if (!r || r.reasonCode === 'missing_table' || r.reasonCode === 'missing_column') {
			trends[code] = [];
			continue;
		}
		trends[code] = cached(ctx, ['trend', code, trendReq, c.settings], () =>
			computeTrend(c, code, trendReq).map((p) => ({ period: p.period, value: p.value }))
		);
	}
	return { results, trends, ms: Math.round(performance.now() - t0) };
}

/**
 * The overview's work for `period` under the filters a user reaches first (none, the first
 * dusun, the first group, both), as small steps, each shape ending with the overview kept in
 * the cache. The engine runs them while it is idle after taking in the prebuilt sample, whose
 * default view came from the seeded cache: without them, the first change of period or filter
 * pays for DuckDB's cold code, every statement's preparation and every cube at once (about
 * 2.5 s on the bench machine). After a load of the user's own data they compute the overview
 * the pages open on while the user reads the load report.
 */
export function warmUpSteps(ctx: WorkerContext, period: string, trendCodes: readonly string[], settings?: unknown): Array<() => void> {
	const c = withSettings(ctx, settings);
	const range = cached(ctx, ['range'], () => dataRange(ctx));
	const dusun = range.dusun[0];
	const group = range.groups[0];
	const shapes: Array<IndicatorRequest['filters']> = [{}];
	if (dusun) shapes.push({ dusun });
	if (group) shapes.push({ group });
	if (dusun && group) shapes.push({ dusun, group });
	const trendPeriod = period.slice(0, 4);
	return shapes.flatMap((filters) => [
		...computeAllSteps(c, { period, filters }),
		...trendCodes.map((code) => () => void computeTrend(c, code, { period: trendPeriod, filters })),
		// The overview itself, kept as its request would keep it: with the cubes and statements
		// now warm this step is short, and the page's request is then answered from the cache.
		() => void overview(ctx, { period, filters }, [...trendCodes], settings)
	]);
}

export interface IndicatorPageResult {
	result: IndicatorResult;
	trend: TrendPoint[];
	/** Program and comparison trends, for survey indicators with a comparison group. */
	groups: { program: TrendPoint[]; comparison: TrendPoint[] } | null;
	breakdowns: BreakdownResult[];
	ms: number;
}

/** Everything the indicator page shows, in one round trip. */
export function indicatorPage(ctx: WorkerContext, code: string, req: IndicatorRequest, settings?: unknown): IndicatorPageResult {
	const t0 = performance.now();
	const c = withSettings(ctx, settings);
	const def = indicatorByCode(code);
	if (!def) throw new Error(`There is no indicator ${code} in the catalogue.`);
	const result = cached(ctx, ['indicator', code, req, c.settings], () => computeIndicator(c, code, req));
	const trend = cached(ctx, ['trendFull', code, req, c.settings], () => computeTrend(c, code, req));
	let groups: IndicatorPageResult['groups'] = null;
	if (def.kind === 'survey' && result.did && !req.filters?.group) {
		groups = {
			program: computeTrend(c, code, { ...req, filters: { ...req.filters, group: 'program' } }),
			comparison: computeTrend(c, code, { ...req, filters: { ...req.filters, group: 'comparison' } })
		};
	}
	const breakdowns = (Object.keys(def.dimensions) as DimensionId[])
		.filter((d) => !req.filters?.[d])
		.map((d) => computeBreakdown(c, code, req, d));
	return { result, trend, groups, breakdowns, ms: Math.round(performance.now() - t0) };
}

export const COMPUTE_OPERATIONS = {
	indicatorPage,
	all: (ctx: WorkerContext, req: IndicatorRequest, settings?: unknown) => computeAll(withSettings(ctx, settings), req),
	indicator: (ctx: WorkerContext, code: string, req: IndicatorRequest, settings?: unknown) =>
		computeIndicator(withSettings(ctx, settings), code, req),
	breakdown: (ctx: WorkerContext, code: string, req: IndicatorRequest, dimension: DimensionId, settings?: unknown) =>
		computeBreakdown(withSettings(ctx, settings), code, req, dimension),
	trend: (ctx: WorkerContext, code: string, req: IndicatorRequest, settings?: unknown) =>
		computeTrend(withSettings(ctx, settings), code, req),
	overview,
	dataRange: (ctx: WorkerContext) => cached(ctx, ['range'], () => dataRange(ctx)),
	...VILLAGE_OPERATIONS,
	...REPORT_OPERATIONS,
	...ANALYSIS_OPERATIONS
};
