/** Which periods the data offers, and the one shown when the URL names none (pure; no runes). */
import type { DataRange } from '../indicators/operations';

/**
 * The period shown when the URL names none: the latest complete year in the data's dates
 * (the year a transparency report covers), or the only year there is. A year is complete when
 * it is over (before today's year) or the data reaches its 31 December. Year columns (a budget
 * for next year) do not complete a year; with nothing but year columns, their last year.
 */
export function defaultPeriod(range: DataRange | null, today: Date = new Date()): string | null {
	range = withYearOfToday(range, today);
	if (!range?.to || !range.from) return null;
	const last = Number((range.lastDate ?? range.to).slice(0, 4));
	const first = Number(range.from.slice(0, 4));
	// A year is complete when the data reaches its 31 December, or when it is over (a survey
	// in July 2025, a meeting on 13 December 2025, seen in 2026).
	const complete = periodIncomplete(`${last}-12-31`, range, today) ? last - 1 : last;
	return String(Math.max(first, complete));
}

/**
 * Whether the period ending on `end` (YYYY-MM-DD) is not complete: it is not over by `today`
 * and the data does not reach its last day. Its value is then a part of the period's (a
 * budget half realised in June, the meetings held so far), and a trend marks it so. The rule
 * `defaultPeriod` uses to pick a complete year. Year columns (a budget) count as reaching the
 * 31 December of their last year only where the data has no real date (`DataRange.lastDate`).
 */
export function periodIncomplete(end: string, range: DataRange | null, today: Date = new Date()): boolean {
	const dataEnd = range?.lastDate ?? range?.to ?? null;
	if (dataEnd !== null && dataEnd >= end) return false;
	return end >= isoDay(today);
}

/** A local date as YYYY-MM-DD. */
function isoDay(d: Date): string {
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The day the built-in sample is seen as of: its records run to 30 June 2026
 * (data/generate-sample.ts). The sample opens on the same year whatever today's date.
 */
export const SAMPLE_AS_OF = new Date(2026, 6, 1);

export interface PeriodChoices {
	years: string[];
	quarters: string[];
	months: string[];
}

/**
 * Tables loaded without a date of their own (people alone, whose rounds are dated by the
 * households) still get a period: the current year, so every indicator can say what it lacks
 * instead of the page waiting for a period that never comes.
 */
function withYearOfToday(range: DataRange | null, today: Date): DataRange | null {
	if (!range || range.from || range.tables.length === 0) return range;
	const y = today.getFullYear();
	return { ...range, from: `${y}-01-01`, to: `${y}-12-31` };
}

export function periodChoices(range: DataRange | null, today: Date = new Date()): PeriodChoices {
	range = withYearOfToday(range, today);
	const out: PeriodChoices = { years: [], quarters: [], months: [] };
	if (!range?.from || !range.to) return out;
	const y0 = Number(range.from.slice(0, 4));
	const y1 = Number(range.to.slice(0, 4));
	const m0 = Number(range.from.slice(5, 7));
	const m1 = Number(range.to.slice(5, 7));
	for (let y = y0; y <= y1; y++) {
		out.years.push(String(y));
		// Yearly data (a budget, a village index) has no quarter or month to show.
		if (range.yearsOnly) continue;
		for (let q = 1; q <= 4; q++) {
			const firstMonth = (q - 1) * 3 + 1;
			if ((y === y0 && firstMonth + 2 < m0) || (y === y1 && firstMonth > m1)) continue;
			out.quarters.push(`${y}-Q${q}`);
		}
		for (let m = 1; m <= 12; m++) {
			if ((y === y0 && m < m0) || (y === y1 && m > m1)) continue;
			out.months.push(`${y}-${String(m).padStart(2, '0')}`);
		}
	}
	return out;
}
