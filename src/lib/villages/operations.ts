/**
 * The multi-village view's computations, run in the engine worker (registered in
 * COMPUTE_OPERATIONS). Each takes the worker context and plain arguments (from the URL,
 * so they are checked here) and returns plain data. When `village_index` is not loaded
 * they say so (`available: false`) instead of failing.
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import type { TableMap } from '../indicators/types';
import type { SqlFragment } from '../indicators/fragment';
import {
	IDM_STATUS_ORDER,
	LEVELS,
	filterOptionsQuery,
	indicatorYearsQuery,
	rankingCountQuery,
	rankingQuery,
	resolveIndicatorColumns,
	resolveVillageColumns,
	statusDistributionQuery,
	summaryQuery,
	trajectoryQuery,
	weakestIndicatorsQuery,
	yearsQuery,
	type AreaFilters,
	type Level,
	type ResponsibleLevel,
	type VillageColumns
} from './queries';

export interface VillageContext {
	db: Queryable;
	tables: TableMap;
}

function run<T>(db: Queryable, q: SqlFragment): T[] {
	return rowObjects<T>(db.query(q.text, [...q.params]));
}

function village(ctx: VillageContext): { ref: string; vc: VillageColumns } | null {
	const t = ctx.tables.village_index;
	return t ? { ref: t.ref, vc: resolveVillageColumns(t.columns) } : null;
}

// ---------------------------------------------------------------- argument checks

const MAX_TEXT = 200;
function cleanText(v: unknown): string | null {
	if (typeof v !== 'string' && typeof v !== 'number') return null;
	const s = String(v).trim().slice(0, MAX_TEXT);
	return s === '' ? null : s;
}
function cleanFilters(v: unknown): AreaFilters {
	const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
	return { provinsi: cleanText(o.provinsi), kabupaten: cleanText(o.kabupaten), kecamatan: cleanText(o.kecamatan) };
}
function cleanInt(v: unknown, fallback: number, min: number, max: number): number {
	const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
	if (!Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.trunc(n)));
}
function cleanYear(v: unknown): number | null {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
	return Number.isInteger(n) ? n : null;
}

// ---------------------------------------------------------------- summary

export interface VillageSummary {
	/** Whether `village_index` is loaded. */
	available: boolean;
	villages: number;
	rows: number;
	years: number[];
	latestYear: number | null;
	/** District levels the data has. */
	levels: Record<Level, boolean>;
	hasName: boolean;
	/** Whether `village_index_indicators` is loaded. */
	hasIndicators: boolean;
	/** The `pelaksana_*` levels the indicators table has. */
	responsibleLevels: ResponsibleLevel[];
}

/** Number of distinct villages, the years and what the data has. */
export function villageSummary(ctx: VillageContext): VillageSummary {
	const ind = ctx.tables.village_index_indicators;
	const responsibleLevels = ind ? resolveIndicatorColumns(ind.columns).responsible.map((r) => r.level) : [];
	const v = village(ctx);
	if (!v) {
		return {
			available: false,
			villages: 0,
			rows: 0,
			years: [],
			latestYear: null,
			levels: { provinsi: false, kabupaten: false, kecamatan: false },
			hasName: false,
			hasIndicators: !!ind,
			responsibleLevels
		};
	}
	const [s] = run<{ villages: number; row_count: number }>(ctx.db, summaryQuery(v.ref, v.vc));
	const years = run<{ year: number }>(ctx.db, yearsQuery(v.ref, v.vc)).map((r) => Number(r.year));
	return {
		available: true,
		villages: Number(s.villages),
		rows: Number(s.row_count),
		years,
		latestYear: years.length ? years[years.length - 1] : null,
		levels: { provinsi: !!v.vc.levels.provinsi, kabupaten: !!v.vc.levels.kabupaten, kecamatan: !!v.vc.levels.kecamatan },
		hasName: !!v.vc.name,
		hasIndicators: !!ind,
		responsibleLevels
	};
}

// ---------------------------------------------------------------- status distribution

export interface StatusDistribution {
	years: number[];
	/** The IDM statuses in order (lowest first), then any other value the data has; null = unknown. */
	statuses: Array<string | null>;
	/** counts[y][s]: rows of years[y] with statuses[s]. */
	counts: number[][];
	/** Rows per year. */
	totals: number[];
}

/** Counts of each IDM status per year, within the area filters. */
export function villageStatusDistribution(ctx: VillageContext, filters?: unknown): StatusDistribution {
	const v = village(ctx);
	if (!v) return { years: [], statuses: [], counts: [], totals: [] };
	const rows = run<{ year: number; status: string | null; n: number }>(ctx.db, statusDistributionQuery(v.ref, v.vc, cleanFilters(filters)));
	const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
	const present = new Set(rows.map((r) => r.status));
	const others = [...present].filter((s): s is string => s !== null && !IDM_STATUS_ORDER.includes(s)).sort();
	const statuses: Array<string | null> = [...IDM_STATUS_ORDER, ...others, ...(present.has(null) ? [null] : [])];
	const counts = years.map(() => statuses.map(() => 0));
	for (const r of rows) counts[years.indexOf(Number(r.year))][statuses.indexOf(r.status)] += Number(r.n);
	return { years, statuses, counts, totals: counts.map((c) => c.reduce((a, b) => a + b, 0)) };
}

// ---------------------------------------------------------------- filter options

export interface AreaOption {
	value: string;
	label: string;
	villages: number;
}
export type FilterOptions = Record<Level, AreaOption[]>;

/**
 * The values of the provinsi, kabupaten and kecamatan select boxes: each level within the
 * filters of the levels above it (kecamatan only once a kabupaten is chosen, as names of
 * kecamatan repeat across kabupaten).
 */
export function villageFilterOptions(ctx: VillageContext, filters?: unknown): FilterOptions {
	const out: FilterOptions = { provinsi: [], kabupaten: [], kecamatan: [] };
	const v = village(ctx);
	if (!v) return out;
	const f = cleanFilters(filters);
	for (const level of LEVELS) {
		if (level === 'kecamatan' && !f.kabupaten && v.vc.levels.kabupaten) continue;
		const q = filterOptionsQuery(v.ref, v.vc, level, f);
		if (!q) continue;
		out[level] = distinctLabels(
			run<{ value: string; label: string | null; villages: number }>(ctx.db, q).map((r) => ({
				value: String(r.value),
				label: r.label === null ? String(r.value) : String(r.label),
				villages: Number(r.villages)
			}))
		);
	}
	return out;
}

/**
 * Areas of one name under different codes (MIMIKA in Papua and in Papua Tengah, after the
 * 2022 split) get their code beside the name, so the choices can be told apart.
 */
export function distinctLabels(options: AreaOption[]): AreaOption[] {
	const seen = new Map<string, number>();
	for (const o of options) seen.set(o.label, (seen.get(o.label) ?? 0) + 1);
	return options.map((o) => ((seen.get(o.label) ?? 0) > 1 && o.value !== o.label ? { ...o, label: `${o.label} (${o.value})` } : o));
}

// ---------------------------------------------------------------- ranking

export interface RankingRow {
	rank: number;
	village_code: string;
	village_name: string | null;
	kecamatan: string | null;
	kabupaten: string | null;
	provinsi: string | null;
	score: number | null;
	status: string | null;
	iks: number | null;
	ike: number | null;
	ikl: number | null;
}

export interface Ranking {
	year: number | null;
	/** Villages of the year in the area filters. */
	total: number;
	/** Of those, the ones that match the search (= `total` with no search). */
	matched: number;
	limit: number;
	offset: number;
	rows: RankingRow[];
}

export interface RankingArgs {
	year?: number | string | null;
	filters?: AreaFilters;
	search?: string | null;
	limit?: number;
	offset?: number;
}

/**
 * The villages of a year ranked by score (highest first; rank = position within the area
 * filters), searched by name or code (case-insensitive) and paged.
 */
export function villageRanking(ctx: VillageContext, args?: unknown): Ranking {
	const a = (args && typeof args === 'object' ? args : {}) as RankingArgs;
	const limit = cleanInt(a.limit, 50, 1, 500);
	const offset = cleanInt(a.offset, 0, 0, 10_000_000);
	const v = village(ctx);
	let year = cleanYear(a.year);
	if (!v) return { year, total: 0, matched: 0, limit, offset, rows: [] };
	if (year === null) {
		const years = run<{ year: number }>(ctx.db, yearsQuery(v.ref, v.vc));
		year = years.length ? Number(years[years.length - 1].year) : null;
	}
	if (year === null) return { year, total: 0, matched: 0, limit, offset, rows: [] };
	const req = { year, filters: cleanFilters(a.filters), search: cleanText(a.search) ?? undefined, limit, offset };
	const [c] = run<{ total: number; matched: number }>(ctx.db, rankingCountQuery(v.ref, v.vc, req));
	const rows = run<RankingRow>(ctx.db, rankingQuery(v.ref, v.vc, req)).map((r) => ({
		rank: Number(r.rank),
		village_code: String(r.village_code),
		village_name: r.village_name,
		kecamatan: r.kecamatan,
		kabupaten: r.kabupaten,
		provinsi: r.provinsi,
		score: r.score,
		status: r.status,
		iks: r.iks,
		ike: r.ike,
		ikl: r.ikl
	}));
	return { year, total: Number(c.total), matched: Number(c.matched), limit, offset, rows };
}

// ---------------------------------------------------------------- trajectory

export interface TrajectoryPoint {
	year: number;
	score: number | null;
	status: string | null;
	kecamatanMedian: number | null;
	/** Villages with a score in the kecamatan that year. */
	kecamatanN: number | null;
	kabupatenMedian: number | null;
	kabupatenN: number | null;
}

export interface Trajectory {
	code: string;
	found: boolean;
	/** Name, kecamatan, kabupaten and provinsi as the latest year gives them. */
	name: string | null;
	kecamatan: string | null;
	kabupaten: string | null;
	provinsi: string | null;
	kecamatanKey: string | null;
	kabupatenKey: string | null;
	provinsiKey: string | null;
	levels: { kecamatan: boolean; kabupaten: boolean };
	points: TrajectoryPoint[];
}

/** One village's score per year against the median score of its kecamatan and kabupaten. */
export function villageTrajectory(ctx: VillageContext, villageCode: unknown): Trajectory {
	const code = cleanText(villageCode) ?? '';
	const v = village(ctx);
	const empty: Trajectory = {
		code,
		found: false,
		name: null,
		kecamatan: null,
		kabupaten: null,
		provinsi: null,
		kecamatanKey: null,
		kabupatenKey: null,
		provinsiKey: null,
		levels: { kecamatan: !!v?.vc.levels.kecamatan, kabupaten: !!v?.vc.levels.kabupaten },
		points: []
	};
	if (!v || !code) return empty;
	type Row = {
		year: number;
		village_name: string | null;
		score: number | null;
		status: string | null;
		kecamatan_key: string | null;
		kecamatan: string | null;
		kabupaten_key: string | null;
		kabupaten: string | null;
		provinsi_key: string | null;
		provinsi: string | null;
		kecamatan_median: number | null;
		kecamatan_n: number | null;
		kabupaten_median: number | null;
		kabupaten_n: number | null;
	};
	const rows = run<Row>(ctx.db, trajectoryQuery(v.ref, v.vc, code));
	if (rows.length === 0) return empty;
	const last = rows[rows.length - 1];
	const latest = <K extends keyof Row>(k: K): Row[K] | null => {
		for (let i = rows.length - 1; i >= 0; i--) if (rows[i][k] !== null) return rows[i][k];
		return null;
	};
	const num = (x: number | null) => (x === null ? null : Number(x));
	return {
		...empty,
		found: true,
		name: latest('village_name'),
		kecamatan: last.kecamatan ?? latest('kecamatan'),
		kabupaten: last.kabupaten ?? latest('kabupaten'),
		provinsi: last.provinsi ?? latest('provinsi'),
		kecamatanKey: last.kecamatan_key ?? latest('kecamatan_key'),
		kabupatenKey: last.kabupaten_key ?? latest('kabupaten_key'),
		provinsiKey: last.provinsi_key ?? latest('provinsi_key'),
		points: rows.map((r) => ({
			year: Number(r.year),
			score: num(r.score),
			status: r.status,
			kecamatanMedian: num(r.kecamatan_median),
			kecamatanN: num(r.kecamatan_n),
			kabupatenMedian: num(r.kabupaten_median),
			kabupatenN: num(r.kabupaten_n)
		}))
	};
}

// ---------------------------------------------------------------- weakest indicators

export interface WeakIndicator {
	dimension: string | null;
	indicator_no: number | null;
	indicator: string;
	score: number | null;
	note: string | null;
	recommended_activity: string | null;
	added_value: number | null;
	/** Who is responsible, per `pelaksana_*` column present (null = none named). */
	responsible: Partial<Record<ResponsibleLevel, string | null>>;
}

export interface WeakestIndicators {
	/** Whether `village_index_indicators` is loaded. */
	available: boolean;
	code: string;
	/** The year shown: the one asked for, or the village's latest year with scores when it has none that year. */
	year: number | null;
	requestedYear: number | null;
	/** Years the village has indicator scores for. */
	years: number[];
	/** Indicators the village has that year. */
	total: number;
	responsibleLevels: ResponsibleLevel[];
	rows: WeakIndicator[];
}

/** A village's weakest IDM indicators for a year (lowest score first, then indicator number). */
export function villageWeakestIndicators(ctx: VillageContext, villageCode: unknown, year?: unknown, limit?: unknown): WeakestIndicators {
	const code = cleanText(villageCode) ?? '';
	const requestedYear = cleanYear(year);
	const n = cleanInt(limit, 10, 1, 100);
	const t = ctx.tables.village_index_indicators;
	const base: WeakestIndicators = { available: !!t, code, year: null, requestedYear, years: [], total: 0, responsibleLevels: [], rows: [] };
	if (!t || !code) return base;
	const ic = resolveIndicatorColumns(t.columns);
	base.responsibleLevels = ic.responsible.map((r) => r.level);
	const years = run<{ year: number; n: number }>(ctx.db, indicatorYearsQuery(t.ref, ic, code)).map((r) => ({ year: Number(r.year), n: Number(r.n) }));
	base.years = years.map((y) => y.year);
	if (years.length === 0) return base;
	const chosen =
		years.find((y) => y.year === requestedYear) ??
		(requestedYear !== null ? [...years].reverse().find((y) => y.year <= requestedYear) : undefined) ??
		years[years.length - 1];
	type Row = Omit<WeakIndicator, 'responsible'> & Record<string, unknown>;
	const rows = run<Row>(ctx.db, weakestIndicatorsQuery(t.ref, ic, code, chosen.year, n)).map((r) => {
		const responsible: WeakIndicator['responsible'] = {};
		for (const { level } of ic.responsible) {
			const val = r[`pelaksana_${level}`];
			responsible[level] = val === null || val === undefined || String(val).trim() === '' ? null : String(val);
		}
		return {
			dimension: r.dimension,
			indicator_no: r.indicator_no === null ? null : Number(r.indicator_no),
			indicator: String(r.indicator),
			score: r.score === null ? null : Number(r.score),
			note: r.note,
			recommended_activity: r.recommended_activity,
			added_value: r.added_value === null ? null : Number(r.added_value),
			responsible
		};
	});
	return { ...base, year: chosen.year, total: chosen.n, rows };
}

/** Registered in COMPUTE_OPERATIONS (src/lib/indicators/operations.ts). */
export const VILLAGE_OPERATIONS = {
	villageSummary,
	villageStatusDistribution,
	villageFilterOptions,
	villageRanking,
	villageTrajectory,
	villageWeakestIndicators
};
