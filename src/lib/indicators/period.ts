/**
 * Reporting periods: a year (`2025`), a quarter (`2025-Q3`) or a month (`2025-07`).
 * Dates are ISO `YYYY-MM-DD` strings; `end` is the period's last day, inclusive.
 */

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
	kind: PeriodKind;
	/** First day, `YYYY-MM-DD`. */
	start: string;
	/** Last day (inclusive), `YYYY-MM-DD`. */
	end: string;
	/** Canonical text: `2025`, `2025-Q3`, `2025-07`. */
	label: string;
	year: number;
}

export class PeriodError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PeriodError';
	}
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Last day of a month (month 1-12). */
function lastDayOfMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthPeriod(year: number, month: number): Period {
	return {
		kind: 'month',
		start: `${year}-${pad2(month)}-01`,
		end: `${year}-${pad2(month)}-${pad2(lastDayOfMonth(year, month))}`,
		label: `${year}-${pad2(month)}`,
		year
	};
}

function quarterPeriod(year: number, quarter: number): Period {
	const firstMonth = (quarter - 1) * 3 + 1;
	const lastMonth = firstMonth + 2;
	return {
		kind: 'quarter',
		start: `${year}-${pad2(firstMonth)}-01`,
		end: `${year}-${pad2(lastMonth)}-${pad2(lastDayOfMonth(year, lastMonth))}`,
		label: `${year}-Q${quarter}`,
		year
	};
}

function yearPeriod(year: number): Period {
	return { kind: 'year', start: `${year}-01-01`, end: `${year}-12-31`, label: String(year), year };
}

function checkYear(year: number, text: string): void {
	if (year < 1000 || year > 9999) throw new PeriodError(`Invalid period "${text}": year out of range`);
}

/** Parse `2025`, `2025-Q3` (or `2025-q3`) or `2025-07`. Throws `PeriodError` otherwise. */
export function parsePeriod(text: string): Period {
	const s = String(text ?? '').trim();
	let m = /^(\d{4})$/.exec(s);
	if (m) {
		const year = Number(m[1]);
		checkYear(year, s);
		return yearPeriod(year);
	}
	m = /^(\d{4})-[Qq]([1-4])$/.exec(s);
	if (m) {
		const year = Number(m[1]);
		checkYear(year, s);
		return quarterPeriod(year, Number(m[2]));
	}
	m = /^(\d{4})-(\d{2})$/.exec(s);
	if (m) {
		const year = Number(m[1]);
		const month = Number(m[2]);
		checkYear(year, s);
		if (month < 1 || month > 12) throw new PeriodError(`Invalid period "${s}": month must be 01-12`);
		return monthPeriod(year, month);
	}
	throw new PeriodError(`Invalid period "${s}": expected a year (2025), a quarter (2025-Q3) or a month (2025-07)`);
}

/** Whether a text is a valid period. */
export function isPeriod(text: string): boolean {
	try {
		parsePeriod(text);
		return true;
	} catch {
		return false;
	}
}

function parseIsoDate(date: string): { year: number; month: number; day: number } {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) throw new PeriodError(`Invalid date "${date}": expected YYYY-MM-DD`);
	return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The period of a kind that contains a date (`YYYY-MM-DD`). */
export function periodContaining(kind: PeriodKind, date: string): Period {
	const { year, month } = parseIsoDate(date);
	if (kind === 'year') return yearPeriod(year);
	if (kind === 'quarter') return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
	return monthPeriod(year, month);
}

export function nextPeriod(p: Period): Period {
	if (p.kind === 'year') return yearPeriod(p.year + 1);
	const { year, month } = parseIsoDate(p.start);
	if (p.kind === 'quarter') {
		const q = Math.floor((month - 1) / 3) + 1;
		return q === 4 ? quarterPeriod(year + 1, 1) : quarterPeriod(year, q + 1);
	}
	return month === 12 ? monthPeriod(year + 1, 1) : monthPeriod(year, month + 1);
}

export function previousPeriod(p: Period): Period {
	if (p.kind === 'year') return yearPeriod(p.year - 1);
	const { year, month } = parseIsoDate(p.start);
	if (p.kind === 'quarter') {
		const q = Math.floor((month - 1) / 3) + 1;
		return q === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, q - 1);
	}
	return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
}

/** Every period of a kind from the one containing `from` to the one containing `to` (dates inclusive). */
export function periodsBetween(kind: PeriodKind, from: string, to: string): Period[] {
	if (from > to) return [];
	const out: Period[] = [];
	let p = periodContaining(kind, from);
	const last = periodContaining(kind, to).label;
	for (;;) {
		out.push(p);
		if (p.label === last) break;
		p = nextPeriod(p);
	}
	return out;
}

/** The calendar year a period falls in. */
export function yearOf(p: Period): number {
	return p.year;
}

/** A date value from the engine (Date, epoch ms or text) as `YYYY-MM-DD`, or null. */
export function toIsoDate(v: unknown): string | null {
	if (v === null || v === undefined) return null;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
	if (typeof v === 'number') return Number.isFinite(v) ? new Date(v).toISOString().slice(0, 10) : null;
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
	return null;
}
