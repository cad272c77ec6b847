/**
 * Calendar helpers. Dates are carried as epoch-day numbers (days since 1970-01-01, UTC)
 * inside the generator and written as ISO `YYYY-MM-DD` strings.
 */

/** Epoch day of a calendar date (month 1-12); day may overflow into the next month. */
export function dayOf(year: number, month: number, day: number): number {
	// days_from_civil (H. Hinnant), integer arithmetic only
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = (month + 9) % 12;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** Epoch day of an ISO date string. */
export function parseIso(iso: string): number {
	return dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export interface Ymd {
	year: number;
	month: number;
	day: number;
}

export function ymd(day: number): Ymd {
	// civil_from_days (H. Hinnant)
	const z = day + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO `YYYY-MM-DD` of an epoch day. */
export function iso(day: number): string {
	const { year, month, day: d } = ymd(day);
	return `${year}-${pad2(month)}-${pad2(d)}`;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Last day of the given month. */
export function monthEnd(year: number, month: number): number {
	return dayOf(year, month, daysInMonth(year, month));
}

/** The same day-of-month `n` months later, clamped to the month's length. */
export function addMonths(day: number, n: number): number {
	const { year, month, day: dd } = ymd(day);
	const m0 = (year * 12 + (month - 1)) + n;
	const y = Math.floor(m0 / 12);
	const m = (m0 % 12) + 1;
	return dayOf(y, m, Math.min(dd, daysInMonth(y, m)));
}

/** The same calendar date `n` years later (29 Feb -> 28 Feb). */
export function addYears(day: number, n: number): number {
	return addMonths(day, 12 * n);
}

/** Completed years of age on `on` for someone born on `birth`. */
export function ageInYears(birth: number, on: number): number {
	const b = ymd(birth);
	const o = ymd(on);
	let age = o.year - b.year;
	if (o.month < b.month || (o.month === b.month && o.day < b.day)) age--;
	return age;
}

/** Day of week, 0 = Sunday. */
export function weekday(day: number): number {
	return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** A month as one number (year * 12 + month - 1). */
export function monthIndex(year: number, month: number): number {
	return year * 12 + (month - 1);
}

export interface YearMonth {
	year: number;
	month: number;
}

/** All months from `from` to `to`, inclusive. */
export function monthsBetween(from: YearMonth, to: YearMonth): YearMonth[] {
	const out: YearMonth[] = [];
	for (let i = monthIndex(from.year, from.month); i <= monthIndex(to.year, to.month); i++) {
		out.push({ year: Math.floor(i / 12), month: (i % 12) + 1 });
	}
	return out;
}

/** The n-th (1-based) given weekday of a month, e.g. the 2nd Tuesday. */
export function nthWeekday(year: number, month: number, weekdayWanted: number, n: number): number {
	const first = dayOf(year, month, 1);
	const offset = (weekdayWanted - weekday(first) + 7) % 7;
	return first + offset + 7 * (n - 1);
}

/** Move a Sunday to the next Monday (field work does not happen on Sundays). */
export function skipSunday(day: number): number {
	return weekday(day) === 0 ? day + 1 : day;
}

/** Compare strings by code point (not by locale, which could differ between machines). */
export function byText(a: unknown, b: unknown): number {
	const x = String(a ?? '');
	const y = String(b ?? '');
	return x < y ? -1 : x > y ? 1 : 0;
}
