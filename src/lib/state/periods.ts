/** Which periods the data offers, and the one shown when the URL names none (pure; no runes). */
import type { DataRange } from '../indicators/operations';

/**
 * The period shown when the URL names none: the latest complete year in the data's dates
 * (the year a transparency report covers), or the only year there is. Year columns (a budget
 * for next year) do not complete a year; with nothing but year columns, their last year.
 */
export function defaultPeriod(range: DataRange | null): string | null {
	if (!range?.to || !range.from) return null;
	const end = range.lastDate ?? range.to;
	const last = Number(end.slice(0, 4));
	const first = Number(range.from.slice(0, 4));
	const complete = end.slice(5) === '12-31' ? last : last - 1;
	return String(Math.max(first, complete));
}

export interface PeriodChoices {
	years: string[];
	quarters: string[];
	months: string[];
}

export function periodChoices(range: DataRange | null): PeriodChoices {
	const out: PeriodChoices = { years: [], quarters: [], months: [] };
	if (!range?.from || !range.to) return out;
	const y0 = Number(range.from.slice(0, 4));
	const y1 = Number(range.to.slice(0, 4));
	const m0 = Number(range.from.slice(5, 7));
	const m1 = Number(range.to.slice(5, 7));
	for (let y = y0; y <= y1; y++) {
		out.years.push(String(y));
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
