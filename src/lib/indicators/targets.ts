/**
 * The results framework (targets table) and already-aggregated values (indicator_values).
 *
 * Both tables are small; they are read once per computation and matched in code.
 * Target and reported values are in the indicator's display unit (percent indicators
 * in percent, e.g. 45 for 45%).
 */
import type { Queryable } from '../engine/database';
import { rowObjects } from '../engine/database';
import { sql, id, tableRef, joinSql, type SqlFragment } from './fragment';
import { asDouble, asText } from './dialect';
import { relativeDifference } from './stats';
import { isPeriod, parsePeriod } from './period';
import type { IndicatorFilters, IndicatorResult, ReportedValue, TableInfo } from './types';

export interface TargetRow {
	indicator: string;
	period: string;
	target: number;
	baseline: number | null;
	dusun: string | null;
	sex: string | null;
}

export interface ReportedRow {
	indicator: string;
	period: string;
	value: number;
	numerator: number | null;
	denominator: number | null;
	dusun: string | null;
	sex: string | null;
}

const normCode = (s: string) => s.trim().toUpperCase();
/** `2025-q3` -> `2025-Q3`, `END` -> `end`; anything else (e.g. a round name) as written. */
function normPeriod(s: string): string {
	const t = s.trim();
	if (t.toLowerCase() === 'end') return 'end';
	return isPeriod(t) ? parsePeriod(t).label : t;
}

/** SELECT of the listed columns, as text or double; absent optional columns come back NULL. */
function selectColumns(info: TableInfo, columns: Array<[name: string, kind: 'text' | 'number']>): SqlFragment {
	const parts = columns.map(([name, kind]) => {
		if (!info.columns.includes(name)) return sql`NULL AS ${id(name)}`;
		return kind === 'text' ? sql`TRIM(${asText(id(name))}) AS ${id(name)}` : sql`${asDouble(id(name))} AS ${id(name)}`;
	});
	return sql`SELECT ${joinSql(parts, ', ')} FROM ${tableRef(info.ref)}`;
}

const textOrNull = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function loadTargets(db: Queryable, info: TableInfo | undefined): TargetRow[] {
	if (!info || !['indicator', 'period', 'target'].every((c) => info.columns.includes(c))) return [];
	const q = selectColumns(info, [
		['indicator', 'text'],
		['period', 'text'],
		['target', 'number'],
		['baseline', 'number'],
		['dusun', 'text'],
		['sex', 'text']
	]);
	return rowObjects<Record<string, unknown>>(db.query(q.text, [...q.params]))
		.map((r) => ({
			indicator: textOrNull(r.indicator),
			period: textOrNull(r.period),
			target: numberOrNull(r.target),
			baseline: numberOrNull(r.baseline),
			dusun: textOrNull(r.dusun),
			sex: textOrNull(r.sex)
		}))
		.filter((r): r is TargetRow => r.indicator !== null && r.period !== null && r.target !== null)
		.map((r) => ({ ...r, indicator: normCode(r.indicator), period: normPeriod(r.period) }));
}

export function loadReportedValues(db: Queryable, info: TableInfo | undefined): ReportedRow[] {
	if (!info || !['indicator', 'period', 'value'].every((c) => info.columns.includes(c))) return [];
	const q = selectColumns(info, [
		['indicator', 'text'],
		['period', 'text'],
		['value', 'number'],
		['numerator', 'number'],
		['denominator', 'number'],
		['dusun', 'text'],
		['sex', 'text']
	]);
	return rowObjects<Record<string, unknown>>(db.query(q.text, [...q.params]))
		.map((r) => ({
			indicator: textOrNull(r.indicator),
			period: textOrNull(r.period),
			value: numberOrNull(r.value),
			numerator: numberOrNull(r.numerator),
			denominator: numberOrNull(r.denominator),
			dusun: textOrNull(r.dusun),
			sex: textOrNull(r.sex)
		}))
		.filter((r): r is ReportedRow => r.indicator !== null && r.period !== null && r.value !== null)
		.map((r) => ({ ...r, indicator: normCode(r.indicator), period: normPeriod(r.period) }));
}

const isEnd = (period: string) => period === 'end';

/**
 * The target for an indicator and period under the active filters:
 * 1. only rows whose dusun/sex are empty or equal to the active dusun/sex filter apply;
 * 2. the most specific applicable row wins (dusun and sex both matching > one > none);
 * 3. among equally specific rows, one whose period equals the requested period wins
 *    over the `end` (end of program) target.
 * Rows for other periods are ignored. Null when none applies.
 */
export function targetFor(rows: readonly TargetRow[], code: string, period: string, filters: IndicatorFilters): TargetRow | null {
	const dusun = filters.dusun || null;
	const sex = filters.sex || null;
	let best: { row: TargetRow; rank: number } | null = null;
	for (const row of rows) {
		if (row.indicator !== normCode(code)) continue;
		const exact = row.period === period;
		if (!exact && !isEnd(row.period)) continue;
		if (row.dusun !== null && row.dusun !== dusun) continue;
		if (row.sex !== null && row.sex !== sex) continue;
		const specificity = (row.dusun !== null ? 1 : 0) + (row.sex !== null ? 1 : 0);
		const rank = specificity * 2 + (exact ? 1 : 0);
		if (!best || rank > best.rank) best = { row, rank };
	}
	return best ? best.row : null;
}

/**
 * Whether a target row's baseline is the baseline of the view. A row's baseline describes the
 * population the row names: the village (no dusun/sex), a dusun, a sex. So it stands for the
 * view only when the view is that population: the same dusun and sex, and no other filter
 * (a program/comparison group or any other breakdown). A village-wide row on a dusun view
 * still gives the target, but the baseline is then the view's own (the earliest round, or
 * the first period, under the same filters).
 */
export function targetBaselineApplies(row: TargetRow, filters: IndicatorFilters): boolean {
	if (row.baseline === null) return false;
	for (const [dimension, value] of Object.entries(filters)) {
		if (!value) continue;
		if (dimension !== 'dusun' && dimension !== 'sex') return false;
	}
	return row.dusun === (filters.dusun || null) && row.sex === (filters.sex || null);
}

/**
 * The reported value for the same indicator, period and breakdown: dusun/sex equal to
 * the active filters (NULL = overall). `periods` are tried in order (the requested period,
 * then, for survey indicators, the round name). Null when none matches.
 */
export function reportedFor(
	rows: readonly ReportedRow[],
	code: string,
	periods: readonly string[],
	breakdown: { dusun: string | null; sex: string | null },
	computed: number | null,
	tolerance: number
): ReportedValue | null {
	for (const period of periods) {
		const row = rows.find(
			(r) => r.indicator === normCode(code) && r.period === period && r.dusun === breakdown.dusun && r.sex === breakdown.sex
		);
		if (row) {
			const d = relativeDifference(computed, row.value);
			return {
				value: row.value,
				numerator: row.numerator,
				denominator: row.denominator,
				period: row.period,
				relativeDifference: d,
				flagged: d !== null && d > tolerance
			};
		}
	}
	return null;
}

/**
 * Whether a result's baseline is this very measurement: the computed baseline is the round or
 * period shown (the first there is). Its change is then 0 by construction, which is no
 * movement to tell; a baseline from the targets table is never this measurement.
 */
export function baselineIsThisMeasurement(r: Partial<Pick<IndicatorResult, 'baselineSource' | 'round' | 'baselineRound' | 'baselinePeriod' | 'period'>>): boolean {
	if (r.baselineSource === 'targets') return false;
	return r.round != null ? r.baselineRound === r.round : r.baselinePeriod != null && r.baselinePeriod === r.period;
}
