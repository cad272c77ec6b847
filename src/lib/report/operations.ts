/**
 * The report's computations, run in the engine worker (registered in COMPUTE_OPERATIONS):
 * efficiency, the APBDes summary and data quality. Each takes the worker context and plain
 * arguments (checked here: they come from the URL or the page) and returns plain data.
 * A missing table or column is said, never shown as 0.
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import type { TableMap } from '../indicators/types';
import { isPeriod, parsePeriod } from '../indicators/period';
import {
	CREDIT_ACTIVITY_PATTERNS,
	TRAINING_ACTIVITY_PATTERNS,
	borrowersServedQuery,
	budgetLinesQuery,
	budgetSummaryQuery,
	completenessQuery,
	isNumericType,
	outlierExamplesQuery,
	outlierSummaryQuery,
	projectsServedQuery,
	tableColumnsQuery,
	traineesQuery,
	yearSpan,
	type SqlFragment
} from './queries';

export interface ReportContext {
	db: Queryable;
	tables: TableMap;
	/** The workspace's data version (the worker passes it): results of older versions are dropped. */
	version?: number;
}

/** Results are pure functions of (data version, operation, arguments): the recent ones are kept. */
const cache = new Map<string, unknown>();
let cacheVersion: number | undefined;
function cached<T>(ctx: ReportContext, key: unknown[], compute: () => T): T {
	if (ctx.version === undefined) return compute();
	if (cacheVersion !== ctx.version) {
		cache.clear();
		cacheVersion = ctx.version;
	}
	const k = JSON.stringify(key);
	if (cache.has(k)) return cache.get(k) as T;
	const v = compute();
	if (cache.size >= 200) cache.delete(cache.keys().next().value as string);
	cache.set(k, v);
	return v;
}

function run<T>(db: Queryable, q: SqlFragment): T[] {
	return rowObjects<T>(db.query(q.text, [...q.params]));
}

/** The calendar year of a period text (`2025`, `2025-Q3`, `2025-07`). Throws on anything else. */
export function yearOfPeriod(period: unknown): number {
	if (typeof period !== 'string' || !isPeriod(period)) throw new Error(`Invalid period ${JSON.stringify(period)}`);
	return parsePeriod(period).year;
}

/** A table and the columns it lacks, or null when everything is there. */
function missing(tables: TableMap, table: keyof TableMap, columns: string[]): string | null {
	const t = tables[table];
	if (!t) return `${table}`;
	const absent = columns.filter((c) => !t.columns.includes(c));
	return absent.length ? absent.map((c) => `${table}.${c}`).join(', ') : null;
}

// ---------------------------------------------------------------- efficiency

export type EfficiencyId = 'per_trainee' | 'per_borrower' | 'per_household';

export interface EfficiencyLine {
	/** The APBDes field (bidang), or for per_household the project's name. */
	field: string | null;
	activity: string;
	budget: number | null;
	realized: number | null;
	/** per_household: households served by the project (null elsewhere). */
	households: number | null;
}

export interface EfficiencyResult {
	id: EfficiencyId;
	year: number;
	/** Rp per unit: numerator / denominator; null when either is missing or the denominator is 0. */
	value: number | null;
	/** Realised APBDes expenditure counted (Rp). */
	numerator: number | null;
	/** People trained, borrowers served, or households served. */
	denominator: number | null;
	/** The budget lines (or projects) the numerator adds up. */
	lines: EfficiencyLine[];
	/** per_household: completed projects with no matching budget line (left out of both sides). */
	unmatched: string[];
	/** Why there is no value: `missing` (table/column names in `detail`), `no_lines`, `zero_denominator`. */
	reason: 'missing' | 'no_lines' | 'zero_denominator' | null;
	detail: string | null;
	/** The LIKE patterns used to pick budget lines (per_trainee, per_borrower). */
	patterns: string[];
	sql: string[];
}

function efficiencyOf(
	id: EfficiencyId,
	year: number,
	lines: EfficiencyLine[],
	denominator: number | null,
	sqlTexts: string[],
	patterns: readonly string[],
	unmatched: string[] = []
): EfficiencyResult {
	const counted = lines.filter((l) => l.realized !== null);
	const numerator = counted.length ? counted.reduce((a, l) => a + (l.realized ?? 0), 0) : null;
	let reason: EfficiencyResult['reason'] = null;
	if (numerator === null) reason = 'no_lines';
	else if (!denominator) reason = 'zero_denominator';
	return {
		id,
		year,
		value: reason ? null : (numerator as number) / (denominator as number),
		numerator,
		denominator,
		lines,
		unmatched,
		reason,
		detail: null,
		patterns: [...patterns],
		sql: sqlTexts
	};
}

function noEfficiency(id: EfficiencyId, year: number, detail: string, patterns: readonly string[] = []): EfficiencyResult {
	return {
		id,
		year,
		value: null,
		numerator: null,
		denominator: null,
		lines: [],
		unmatched: [],
		reason: 'missing',
		detail,
		patterns: [...patterns],
		sql: []
	};
}

const BUDGET_COLUMNS = ['year', 'category', 'activity', 'budget_idr', 'realized_idr'];

function budgetLines(ctx: ReportContext, year: number, patterns: readonly string[]): { lines: EfficiencyLine[]; q: SqlFragment } {
	const b = ctx.tables.budget!;
	const q = budgetLinesQuery(b.ref, b.columns, year, patterns);
	const lines = run<{ field: string | null; activity: string; budget: number | null; realized: number | null }>(ctx.db, q).map((r) => ({
		field: r.field,
		activity: r.activity,
		budget: r.budget,
		realized: r.realized,
		households: null
	}));
	return { lines, q };
}

/** Realised APBDes training expenditure of the year ÷ distinct people who started a training in the year. */
export function costPerTrainee(ctx: ReportContext, year: number): EfficiencyResult {
	const absent = [missing(ctx.tables, 'budget', BUDGET_COLUMNS), missing(ctx.tables, 'trainings', ['participant_id', 'start_date'])].filter(Boolean);
	if (absent.length) return noEfficiency('per_trainee', year, absent.join(', '), TRAINING_ACTIVITY_PATTERNS);
	const { lines, q } = budgetLines(ctx, year, TRAINING_ACTIVITY_PATTERNS);
	const { start, end } = yearSpan(year);
	const dq = traineesQuery(ctx.tables.trainings!.ref, start, end);
	const [d] = run<{ n: number | null }>(ctx.db, dq);
	return efficiencyOf('per_trainee', year, lines, d?.n ?? null, [q.text, dq.text], TRAINING_ACTIVITY_PATTERNS);
}

/** Realised APBDes micro-enterprise/credit support of the year ÷ distinct borrowers with an active loan in the year. */
export function costPerBorrower(ctx: ReportContext, year: number): EfficiencyResult {
	const absent = [
		missing(ctx.tables, 'budget', BUDGET_COLUMNS),
		missing(ctx.tables, 'loans', ['borrower_id', 'report_date', 'outstanding_idr'])
	].filter(Boolean);
	if (absent.length) return noEfficiency('per_borrower', year, absent.join(', '), CREDIT_ACTIVITY_PATTERNS);
	const { lines, q } = budgetLines(ctx, year, CREDIT_ACTIVITY_PATTERNS);
	const { start, end } = yearSpan(year);
	const loans = ctx.tables.loans!;
	const dq = borrowersServedQuery(loans.ref, loans.columns, start, end);
	const [d] = run<{ n: number | null }>(ctx.db, dq);
	return efficiencyOf('per_borrower', year, lines, d?.n ?? null, [q.text, dq.text], CREDIT_ACTIVITY_PATTERNS);
}

/**
 * Realised APBDes expenditure of the year on infrastructure projects completed in the year
 * (budget line activity = project name) ÷ households those projects serve.
 */
export function costPerHousehold(ctx: ReportContext, year: number): EfficiencyResult {
	const absent = [
		missing(ctx.tables, 'budget', BUDGET_COLUMNS),
		missing(ctx.tables, 'infrastructure', ['project_id', 'report_date', 'name', 'status', 'completion_date', 'households_served'])
	].filter(Boolean);
	if (absent.length) return noEfficiency('per_household', year, absent.join(', '));
	const { start, end } = yearSpan(year);
	const q = projectsServedQuery(ctx.tables.infrastructure!.ref, ctx.tables.budget!.ref, year, start, end);
	const rows = run<{ name: string; projects: number; households: number; budget: number | null; realized: number | null }>(ctx.db, q);
	const matched = rows.filter((r) => r.realized !== null);
	const lines: EfficiencyLine[] = matched.map((r) => ({
		field: null,
		activity: r.name,
		budget: r.budget,
		realized: r.realized,
		households: r.households
	}));
	const denominator = matched.length ? matched.reduce((a, r) => a + r.households, 0) : null;
	const unmatched = rows.filter((r) => r.realized === null).map((r) => r.name);
	return efficiencyOf('per_household', year, lines, denominator, [q.text], [], unmatched);
}

/** The three efficiency measures for the calendar year of a period. */
export function reportEfficiency(ctx: ReportContext, period: unknown): EfficiencyResult[] {
	const year = yearOfPeriod(period);
	return cached(ctx, ['efficiency', year], () => [costPerTrainee(ctx, year), costPerBorrower(ctx, year), costPerHousehold(ctx, year)]);
}

// ---------------------------------------------------------------- budget

export interface BudgetRow {
	category: string;
	field: string | null;
	source: string | null;
	budget: number | null;
	realized: number | null;
	lines: number;
	/** Lines with only one of the two amounts, and the budget of those without a realised amount. */
	unpaired: number;
	unpaired_budget: number | null;
}

export interface BudgetSummary {
	year: number;
	/** Missing table/columns, or null. */
	missing: string | null;
	rows: BudgetRow[];
	sql: string;
	params: unknown[];
}

/** The APBDes of the period's year by category, field and source. */
export function reportBudget(ctx: ReportContext, period: unknown): BudgetSummary {
	const year = yearOfPeriod(period);
	const absent = missing(ctx.tables, 'budget', ['year', 'category', 'budget_idr', 'realized_idr']);
	if (absent) return { year, missing: absent, rows: [], sql: '', params: [] };
	const b = ctx.tables.budget!;
	const q = budgetSummaryQuery(b.ref, b.columns, year);
	return cached(ctx, ['budget', year], () => ({ year, missing: null, rows: run<BudgetRow>(ctx.db, q), sql: q.text, params: [...q.params] }));
}

// ---------------------------------------------------------------- data quality

export interface ColumnQuality {
	name: string;
	type: string;
	nonNull: number;
	/** Share of rows where the column is not NULL, 0..1 (null for an empty table). */
	completeness: number | null;
	/** Numeric columns only. */
	outliers: {
		n: number;
		median: number | null;
		mad: number | null;
		/** Values with |modified z| > 3.5; null when MAD = 0 (the score is undefined). */
		count: number | null;
		maxAbsZ: number | null;
		low: number | null;
		high: number | null;
		examples: Array<{ value: number; z: number }>;
	} | null;
}

export interface TableQuality {
	table: string;
	rows: number;
	columns: ColumnQuality[];
	/** Set when the table could not be read (e.g. removed meanwhile). */
	error: string | null;
}

const EXAMPLES = 5;

function qualityOf(db: Queryable, table: string): TableQuality {
	const cols = run<{ column_name: string; data_type: string }>(db, tableColumnsQuery(table));
	if (cols.length === 0) return { table, rows: 0, columns: [], error: 'not found' };
	const names = cols.map((c) => c.column_name);
	const cq = completenessQuery(table, names);
	const counts = db.query(cq.text, [...cq.params]).rows[0] ?? [];
	const rows = Number(counts[0] ?? 0);
	const numeric = cols.filter((c) => isNumericType(c.data_type)).map((c) => c.column_name);
	const summary = new Map<string, { n: number; median: number | null; mad: number | null; outliers: number | null; max_abs_z: number | null; low: number | null; high: number | null }>();
	const examples = new Map<string, Array<{ value: number; z: number }>>();
	if (numeric.length && rows > 0) {
		for (const r of run<{ col: string; n: number; median: number | null; mad: number | null; outliers: number | null; max_abs_z: number | null; low: number | null; high: number | null }>(
			db,
			outlierSummaryQuery(table, numeric)
		))
			summary.set(r.col, r);
		for (const r of run<{ col: string; x: number; z: number }>(db, outlierExamplesQuery(table, numeric, EXAMPLES))) {
			const list = examples.get(r.col) ?? [];
			list.push({ value: r.x, z: r.z });
			examples.set(r.col, list);
		}
	}
	return {
		table,
		rows,
		error: null,
		columns: cols.map((c, i) => {
			const nonNull = Number(counts[i + 1] ?? 0);
			const s = summary.get(c.column_name);
			const isNum = numeric.includes(c.column_name);
			return {
				name: c.column_name,
				type: c.data_type,
				nonNull,
				completeness: rows > 0 ? nonNull / rows : null,
				outliers: isNum
					? {
							n: s?.n ?? 0,
							median: s?.median ?? null,
							mad: s?.mad ?? null,
							count: s ? s.outliers : null,
							maxAbsZ: s?.max_abs_z ?? null,
							low: s?.low ?? null,
							high: s?.high ?? null,
							examples: examples.get(c.column_name) ?? []
						}
					: null
			};
		})
	};
}

/** Completeness and outliers of the loaded tables (names as the workspace lists them). */
export function reportDataQuality(ctx: ReportContext, tables: unknown): TableQuality[] {
	const names = Array.isArray(tables) ? tables.filter((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 200) : [];
	return names.map((t) =>
		cached(ctx, ['quality', t], () => {
			try {
				return qualityOf(ctx.db, t);
			} catch (e) {
				return { table: t, rows: 0, columns: [], error: String((e as Error)?.message ?? e).split('\n')[0] };
			}
		})
	);
}

export const REPORT_OPERATIONS = {
	reportEfficiency,
	reportBudget,
	reportDataQuality
};
