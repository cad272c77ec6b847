/**
 * The area pages' computations, run in the engine worker (registered in COMPUTE_OPERATIONS).
 * Each takes the worker context and plain arguments and returns plain data. `areaPage`
 * returns everything one area page shows in one round trip: the area's indicators (through
 * the catalogue's compute layer), their trends, program/comparison trends, the breakdowns
 * its charts use, and the area's own analyses (SQL in queries.ts).
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import { CATALOGUE, indicatorByCode } from '../indicators/catalogue';
import { computeBreakdown, computeIndicator, computeTrend } from '../indicators/compute';
import { parsePeriod, toIsoDate, type Period } from '../indicators/period';
import { loadSurveyRounds, surveyRoundFor } from '../indicators/rounds';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../indicators/settings';
import type {
	BreakdownResult,
	ComputeContext,
	DimensionId,
	IndicatorRequest,
	IndicatorResult,
	ReasonCode,
	TableMap,
	TrendPoint
} from '../indicators/types';
import type { SqlFragment } from '../indicators/fragment';
import {
	budgetByQuery,
	chooseBins,
	incomeHistogramQuery,
	incomeStatsQuery,
	isNoData,
	meetingSharesQuery,
	projectBudgetQuery,
	projectStatusQuery,
	requireColumns,
	revenueByOwnerQuery,
	trainingFunnelQuery,
	INCOME_NEEDS,
	type AnalysisFilters,
	type Built,
	type BudgetDimension,
	type MeetingGrain,
	type NoData
} from './queries';
import { AREA_SLUGS, isAreaSlug, type AreaSlug } from './slugs';

/** What the worker hands every computation (the same shape as the indicator operations'). */
export interface AnalysisContext {
	db: Queryable;
	tables: TableMap;
	/** Bumped by the workspace on every change of data; cached results of older versions are dropped. */
	version?: number;
}

// ---------------------------------------------------------------- areas

export { AREA_SLUGS, isAreaSlug, type AreaSlug };

/** The indicators of an area, in catalogue order. */
export function areaCodes(area: AreaSlug): string[] {
	return CATALOGUE.filter((d) => d.area === area).map((d) => d.code);
}

/**
 * What each area page charts besides its own analyses: indicators drawn as trends (survey
 * indicators as program vs comparison where both groups exist) and breakdowns.
 */
export const AREA_PLAN: Record<AreaSlug, { trends: string[]; breakdowns: Array<[string, DimensionId]> }> = {
	income: { trends: ['INC-01', 'INC-02', 'INC-05'], breakdowns: [['INC-02', 'dusun']] },
	employment: { trends: ['EMP-01', 'EMP-02'], breakdowns: [['EMP-01', 'sex'], ['EMP-03', 'course']] },
	women: { trends: ['WOM-01', 'WOM-02'], breakdowns: [['WOM-04', 'course'], ['WOM-01', 'sector']] },
	health: { trends: ['HLT-03', 'HLT-01', 'HLT-02'], breakdowns: [['HLT-01', 'dusun'], ['HLT-02', 'sex']] },
	infrastructure: { trends: ['INF-01', 'INF-02', 'INF-03'], breakdowns: [] },
	participation: { trends: ['PAR-04'], breakdowns: [] }
};

// ---------------------------------------------------------------- plumbing

/** The reason, the SQL and its parameters behind an analysis (empty SQL when there was none). */
export interface Analysed {
	reason: string | null;
	reasonCode: ReasonCode | null;
	sql: string;
	params: unknown[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function run<T>(db: Queryable, q: SqlFragment): T[] {
	return rowObjects<T>(db.query(q.text, [...q.params]));
}

const none = (why: NoData): Analysed => ({ reason: why.reason, reasonCode: why.reasonCode, sql: '', params: [] });
const ran = (q: SqlFragment): Analysed => ({ reason: null, reasonCode: null, sql: q.text, params: [...q.params] });
const failed = (e: unknown): NoData => ({ reason: `query failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, reasonCode: 'query_failed' });

function settingsOf(settings: unknown): Settings {
	return settings ? parseSettings(settings) : DEFAULT_SETTINGS;
}

function filtersOf(req: IndicatorRequest): AnalysisFilters {
	return { ...(req.filters ?? {}) };
}

/** Runs a built query, or hands back its reason; a failing query is a reason too. */
function runBuilt<T>(ctx: AnalysisContext, built: Built): { rows: T[]; meta: Analysed } {
	if (isNoData(built)) return { rows: [], meta: none(built) };
	try {
		return { rows: run<T>(ctx.db, built.query), meta: ran(built.query) };
	} catch (e) {
		return { rows: [], meta: { ...none(failed(e)), sql: built.query.text, params: [...built.query.params] } };
	}
}

function noRows(meta: Analysed, where: string): Analysed {
	return meta.reason ? meta : { ...meta, reason: `no rows ${where}`, reasonCode: 'no_rows' };
}

/**
 * Results are pure functions of (data version, computation, arguments): the worker keeps the
 * recent ones, so going back to an area, period or filter already seen costs no query.
 */
const CACHE_LIMIT = 500;
const cache = new Map<string, unknown>();
let cacheVersion: number | undefined;
function cached<T>(ctx: AnalysisContext, key: unknown[], compute: () => T): T {
	if (ctx.version === undefined) return compute();
	if (cacheVersion !== ctx.version) {
		cache.clear();
		cacheVersion = ctx.version;
	}
	const k = JSON.stringify(key);
	if (cache.has(k)) return cache.get(k) as T;
	const v = compute();
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(k, v);
	return v;
}

// ---------------------------------------------------------------- income distribution

export interface HistogramBin {
	/** Left edge (inclusive). */
	from: number;
	/** Right edge (exclusive); null for the open last bin ("and above"). */
	to: number | null;
	/** Sum of household weights in the bin. */
	weight: number;
	/** Share of the weighted households, in percent. */
	share: number;
	/** Households (unweighted). */
	n: number;
}

export interface IncomeDistribution extends Analysed {
	round: string | null;
	roundDate: string | null;
	povertyLine: number;
	/** Bin width (Rp per capita per month); null without data. */
	width: number | null;
	bins: HistogramBin[];
	/** Households with a per-capita income, and their total weight. */
	n: number;
	totalWeight: number;
	/** Weighted share of households below the poverty line, in percent. */
	belowLinePercent: number | null;
}

/**
 * The weighted distribution of household per-capita income in the survey round shown for
 * the period (bins of a nice width up to the 98th percentile, then one open bin), with
 * the poverty line from the settings.
 */
export function incomeDistribution(ctx: AnalysisContext, req: IndicatorRequest, settings?: unknown): IncomeDistribution {
	const s = settingsOf(settings);
	const period = parsePeriod(req.period);
	const out: IncomeDistribution = { reason: null, reasonCode: null, sql: '', params: [], round: null, roundDate: null, povertyLine: s.povertyLine, width: null, bins: [], n: 0, totalWeight: 0, belowLinePercent: null };
	const h = requireColumns(ctx.tables, 'households', INCOME_NEEDS);
	if (isNoData(h)) return { ...out, ...none(h) };
	const round = surveyRoundFor(loadSurveyRounds(ctx.db, h), period.end);
	if (!round) return { ...out, ...none({ reason: `no survey round on or before ${period.end}`, reasonCode: 'no_round' }) };
	out.round = round.round;
	out.roundDate = round.date;
	const filters = filtersOf(req);
	const stats = runBuilt<{ n: number; total_weight: number | null; min_x: number | null; max_x: number | null; p98: number | null; below_line_percent: number | null }>(
		ctx,
		incomeStatsQuery(ctx.tables, round.round, filters, s.povertyLine)
	);
	const st = stats.rows[0];
	if (stats.meta.reason || !st || !num(st.n) || num(st.min_x) === null || num(st.max_x) === null) {
		return { ...out, ...noRows(stats.meta, `in round ${round.round}`) };
	}
	const bins = chooseBins({ min: st.min_x as number, max: st.max_x as number, p98: num(st.p98) ?? (st.max_x as number) });
	const hist = runBuilt<{ bin: number; weight: number; n: number }>(ctx, incomeHistogramQuery(ctx.tables, round.round, filters, bins));
	if (hist.meta.reason) return { ...out, ...hist.meta };
	const total = num(st.total_weight) ?? 0;
	const byBin = new Map(hist.rows.map((r) => [Number(r.bin), r]));
	const last = bins.count + (bins.openEnded ? 1 : 0);
	for (let i = 0; i < last; i++) {
		const r = byBin.get(i);
		const weight = num(r?.weight) ?? 0;
		out.bins.push({
			from: bins.start + i * bins.width,
			to: i < bins.count ? bins.start + (i + 1) * bins.width : null,
			weight,
			share: total > 0 ? (100 * weight) / total : 0,
			n: num(r?.n) ?? 0
		});
	}
	return {
		...out,
		...hist.meta,
		width: bins.width,
		n: num(st.n) ?? 0,
		totalWeight: total,
		belowLinePercent: num(st.below_line_percent)
	};
}

// ---------------------------------------------------------------- training funnel

export interface FunnelCounts {
	enrolled: number;
	completed: number;
	followedUp: number;
	working: number;
}

export interface TrainingFunnel extends Analysed {
	period: string;
	/** All courses together; null without data. */
	total: FunnelCounts | null;
	courses: Array<FunnelCounts & { course: string | null }>;
}

/** Enrolments starting in the period: enrolled → completed → followed up → working at follow-up. */
export function trainingFunnel(ctx: AnalysisContext, req: IndicatorRequest): TrainingFunnel {
	const period = parsePeriod(req.period);
	const res = runBuilt<{ course: string | null; enrolled: number; completed: number; followed_up: number; working: number }>(
		ctx,
		trainingFunnelQuery(ctx.tables, period, filtersOf(req))
	);
	const courses = res.rows.map((r) => ({
		course: text(r.course),
		enrolled: num(r.enrolled) ?? 0,
		completed: num(r.completed) ?? 0,
		followedUp: num(r.followed_up) ?? 0,
		working: num(r.working) ?? 0
	}));
	if (courses.length === 0) return { ...noRows(res.meta, `in period ${period.label}`), period: period.label, total: null, courses };
	const total = courses.reduce<FunnelCounts>(
		(a, c) => ({ enrolled: a.enrolled + c.enrolled, completed: a.completed + c.completed, followedUp: a.followedUp + c.followedUp, working: a.working + c.working }),
		{ enrolled: 0, completed: 0, followedUp: 0, working: 0 }
	);
	return { ...res.meta, period: period.label, total, courses };
}

// ---------------------------------------------------------------- enterprise revenue

export interface RevenueRow {
	/** Null on the all-sectors rows (and for enterprises with no sector). */
	sector: string | null;
	/** True on the all-sectors rows. */
	allSectors: boolean;
	ownerSex: string | null;
	median: number | null;
	/** Enterprises with a revenue, and all enterprises, in the cell. */
	n: number;
	enterprises: number;
}

export interface RevenueByOwner extends Analysed {
	period: string;
	rows: RevenueRow[];
}

/** Median monthly revenue by owner's sex, per sector and over all sectors (latest report in the period). */
export function revenueByOwner(ctx: AnalysisContext, req: IndicatorRequest): RevenueByOwner {
	const period = parsePeriod(req.period);
	const res = runBuilt<{ sector: string | null; owner_sex: string | null; sector_total: number; median: number | null; n: number; enterprises: number }>(
		ctx,
		revenueByOwnerQuery(ctx.tables, period, filtersOf(req))
	);
	const rows = res.rows.map((r) => ({
		sector: text(r.sector),
		allSectors: Number(r.sector_total) === 1,
		ownerSex: text(r.owner_sex),
		median: num(r.median),
		n: num(r.n) ?? 0,
		enterprises: num(r.enterprises) ?? 0
	}));
	if (rows.length === 0) return { ...noRows(res.meta, `in period ${period.label}`), period: period.label, rows };
	return { ...res.meta, period: period.label, rows };
}

// ---------------------------------------------------------------- infrastructure

export interface ProjectStatus extends Analysed {
	period: string;
	rows: Array<{ type: string | null; status: string | null; projects: number }>;
}

/** Projects by type and status, latest report as of the period's end. */
export function projectStatus(ctx: AnalysisContext, req: IndicatorRequest): ProjectStatus {
	const period = parsePeriod(req.period);
	const res = runBuilt<{ type: string | null; status: string | null; projects: number }>(ctx, projectStatusQuery(ctx.tables, period, filtersOf(req)));
	const rows = res.rows.map((r) => ({ type: text(r.type), status: text(r.status), projects: num(r.projects) ?? 0 }));
	if (rows.length === 0) return { ...noRows(res.meta, `as of ${period.end}`), period: period.label, rows };
	return { ...res.meta, period: period.label, rows };
}

export interface ProjectBudget extends Analysed {
	period: string;
	rows: Array<{ type: string | null; budget: number | null; spent: number | null; n: number; projects: number }>;
}

/** Budget and spending per project type, latest report as of the period's end. */
export function projectBudget(ctx: AnalysisContext, req: IndicatorRequest): ProjectBudget {
	const period = parsePeriod(req.period);
	const res = runBuilt<{ type: string | null; budget: number | null; spent: number | null; n: number; projects: number }>(
		ctx,
		projectBudgetQuery(ctx.tables, period, filtersOf(req))
	);
	const rows = res.rows.map((r) => ({ type: text(r.type), budget: num(r.budget), spent: num(r.spent), n: num(r.n) ?? 0, projects: num(r.projects) ?? 0 }));
	if (rows.length === 0) return { ...noRows(res.meta, `as of ${period.end}`), period: period.label, rows };
	if (rows.every((r) => r.n === 0)) return { ...res.meta, reason: 'no values', reasonCode: 'no_values', period: period.label, rows: [] };
	return { ...res.meta, period: period.label, rows };
}

// ---------------------------------------------------------------- APBDes

export interface BudgetBy extends Analysed {
	year: number;
	dimension: BudgetDimension;
	rows: Array<{ key: string | null; budget: number; realized: number; n: number; lines: number }>;
}

/** APBDes budget against realisation for the period's year, by field, source (expenditure) or category. */
export function budgetBy(ctx: AnalysisContext, req: IndicatorRequest, dimension: BudgetDimension): BudgetBy {
	if (dimension !== 'field' && dimension !== 'source' && dimension !== 'category') throw new Error(`Unknown budget dimension ${String(dimension)}`);
	const period = parsePeriod(req.period);
	const res = runBuilt<{ key: string | null; budget: number; realized: number; n: number; lines: number }>(
		ctx,
		budgetByQuery(ctx.tables, period.year, dimension, filtersOf(req))
	);
	const rows = res.rows.map((r) => ({ key: text(r.key), budget: num(r.budget) ?? 0, realized: num(r.realized) ?? 0, n: num(r.n) ?? 0, lines: num(r.lines) ?? 0 }));
	if (rows.length === 0) return { ...noRows(res.meta, `for year ${period.year}`), year: period.year, dimension, rows };
	return { ...res.meta, year: period.year, dimension, rows };
}

// ---------------------------------------------------------------- meetings

export interface MeetingShare {
	/** meeting_id, or `YYYY-MM` per month. */
	key: string;
	/** The meeting's date (`YYYY-MM-DD`), or the month's first day. */
	date: string | null;
	level: string | null;
	type: string | null;
	/** Women attendees and attendees as recorded (null when not recorded). */
	women: number | null;
	attendees: number | null;
	/** Women's share in percent; null when attendees is 0 or either count is not recorded. */
	share: number | null;
	/** Meetings behind the row (1 per meeting). */
	meetings: number;
}

export interface MeetingShares extends Analysed {
	period: string;
	grain: MeetingGrain;
	rows: MeetingShare[];
}

/** Women's share of attendees per meeting, or per month (the default for a year: a year has too many meetings to read one by one). */
export function meetingShares(ctx: AnalysisContext, req: IndicatorRequest, grain?: MeetingGrain): MeetingShares {
	const period = parsePeriod(req.period);
	const g: MeetingGrain = grain === 'meeting' || grain === 'month' ? grain : defaultMeetingGrain(period);
	const res = runBuilt<Record<string, unknown>>(ctx, meetingSharesQuery(ctx.tables, period, g, filtersOf(req)));
	const pad = (n: unknown) => String(n).padStart(2, '0');
	const rows: MeetingShare[] = res.rows.map((r) =>
		g === 'meeting'
			? {
					key: String(r.key),
					date: toIsoDate(r.date),
					level: text(r.level),
					type: text(r.type),
					women: num(r.women),
					attendees: num(r.attendees),
					share: num(r.share),
					meetings: 1
				}
			: {
					key: `${r.year}-${pad(r.month)}`,
					date: `${r.year}-${pad(r.month)}-01`,
					level: null,
					type: null,
					women: num(r.women),
					attendees: num(r.attendees),
					share: num(r.share),
					meetings: num(r.meetings) ?? 0
				}
	);
	if (rows.length === 0) return { ...noRows(res.meta, `in period ${period.label}`), period: period.label, grain: g, rows };
	return { ...res.meta, period: period.label, grain: g, rows };
}

export function defaultMeetingGrain(period: Period): MeetingGrain {
	return period.kind === 'year' ? 'month' : 'meeting';
}

// ---------------------------------------------------------------- the area page

export interface SparkPoint {
	period: string;
	value: number | null;
}

export interface AreaPageResult {
	area: AreaSlug;
	period: string;
	/** The area's indicators, in catalogue order. */
	codes: string[];
	results: IndicatorResult[];
	/** Yearly values (or survey rounds) per indicator, for the cards' sparklines. */
	sparklines: Record<string, SparkPoint[]>;
	/** Trends in the period's kind (survey indicators: per round) of the charted indicators. */
	trends: Record<string, TrendPoint[]>;
	/** Program and comparison trends of charted survey indicators with a difference in differences. */
	groups: Record<string, { program: TrendPoint[]; comparison: TrendPoint[] }>;
	breakdowns: BreakdownResult[];
	distribution?: IncomeDistribution;
	funnel?: TrainingFunnel;
	revenue?: RevenueByOwner;
	projects?: ProjectStatus;
	projectBudget?: ProjectBudget;
	budgetByField?: BudgetBy;
	budgetBySource?: BudgetBy;
	meetings?: MeetingShares;
	ms: number;
}

function failedResult(code: string, period: string, e: unknown): IndicatorResult {
	const why = failed(e);
	return {
		code,
		period,
		value: null,
		numerator: null,
		denominator: null,
		n: null,
		reason: why.reason,
		reasonCode: why.reasonCode,
		baseline: null,
		baselineSource: null,
		change: null,
		target: null,
		targetPeriod: null,
		progress: null,
		status: 'no_data',
		ci: null,
		smallSample: false,
		did: null,
		sql: '',
		params: [],
		reported: null,
		extras: {},
		notes: []
	};
}

function failedBreakdown(code: string, period: string, dimension: DimensionId, e: unknown): BreakdownResult {
	const why = failed(e);
	return { code, period, dimension, rows: [], reason: why.reason, reasonCode: why.reasonCode, sql: '', params: [] };
}

/** Everything an area page shows, in one round trip. */
export function areaPage(ctx: AnalysisContext, area: string, req: IndicatorRequest, settings?: unknown): AreaPageResult {
	const t0 = performance.now();
	if (!isAreaSlug(area)) throw new Error(`There is no area ${String(area)}.`);
	const s = settingsOf(settings);
	const period = parsePeriod(req.period);
	const c: ComputeContext = { db: ctx.db, tables: ctx.tables, settings: s, version: ctx.version };
	const key = (...k: unknown[]) => [...k, req, s];
	const codes = areaCodes(area);
	const plan = AREA_PLAN[area];

	const results = codes.map((code) =>
		cached(ctx, key('indicator', code), () => {
			try {
				return computeIndicator(c, code, req);
			} catch (e) {
				return failedResult(code, period.label, e);
			}
		})
	);
	const byCode = new Map(results.map((r) => [r.code, r]));
	const unavailable = (code: string) => {
		const r = byCode.get(code);
		return !r || r.reasonCode === 'missing_table' || r.reasonCode === 'missing_column' || r.reasonCode === 'filter_not_supported' || r.reasonCode === 'query_failed';
	};
	const trendOf = (code: string, r: IndicatorRequest) =>
		cached(ctx, ['trend', code, r, s], () => {
			try {
				return computeTrend(c, code, r);
			} catch {
				return [];
			}
		});

	// Sparklines show yearly values (or survey rounds), whatever the period's kind.
	const yearly = { ...req, period: String(period.year) };
	const sparklines: AreaPageResult['sparklines'] = {};
	for (const code of codes) sparklines[code] = unavailable(code) ? [] : trendOf(code, yearly).map((p) => ({ period: p.period, value: p.value }));

	const trends: AreaPageResult['trends'] = {};
	const groups: AreaPageResult['groups'] = {};
	for (const code of plan.trends) {
		if (unavailable(code)) {
			trends[code] = [];
			continue;
		}
		trends[code] = trendOf(code, req);
		const def = indicatorByCode(code);
		if (def?.kind === 'survey' && byCode.get(code)?.did && !req.filters?.group) {
			groups[code] = {
				program: trendOf(code, { ...req, filters: { ...req.filters, group: 'program' } }),
				comparison: trendOf(code, { ...req, filters: { ...req.filters, group: 'comparison' } })
			};
		}
	}

	const breakdowns = plan.breakdowns.map(([code, dimension]) =>
		cached(ctx, key('breakdown', code, dimension), () => {
			try {
				return computeBreakdown(c, code, req, dimension);
			} catch (e) {
				return failedBreakdown(code, period.label, dimension, e);
			}
		})
	);

	const out: AreaPageResult = { area, period: period.label, codes, results, sparklines, trends, groups, breakdowns, ms: 0 };
	const analysis = <T>(name: string, compute: () => T): T => cached(ctx, key(name), compute);
	switch (area) {
		case 'income':
			out.distribution = analysis('distribution', () => incomeDistribution(ctx, req, s));
			break;
		case 'employment':
			out.funnel = analysis('funnel', () => trainingFunnel(ctx, req));
			break;
		case 'women':
			out.revenue = analysis('revenue', () => revenueByOwner(ctx, req));
			break;
		case 'infrastructure':
			out.projects = analysis('projects', () => projectStatus(ctx, req));
			out.projectBudget = analysis('projectBudget', () => projectBudget(ctx, req));
			break;
		case 'participation':
			out.meetings = analysis('meetings', () => meetingShares(ctx, req));
			out.budgetByField = analysis('budgetByField', () => budgetBy(ctx, req, 'field'));
			out.budgetBySource = analysis('budgetBySource', () => budgetBy(ctx, req, 'source'));
			break;
		case 'health':
			break;
	}
	out.ms = Math.round(performance.now() - t0);
	return out;
}

/** Registered in COMPUTE_OPERATIONS (src/lib/indicators/operations.ts). */
export const ANALYSIS_OPERATIONS = {
	areaPage,
	incomeDistribution,
	trainingFunnel,
	revenueByOwner,
	projectStatus,
	projectBudget,
	budgetBy,
	meetingShares
};
