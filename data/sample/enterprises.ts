/**
 * enterprises: one row per supported micro-enterprise per monthly report,
 * January 2023 to June 2026.
 *
 * About 60 enterprises are on the register from the start and more join every month (in
 * 2026 also from the phase-2 dusun); a few close. Revenue grows with noise, Ramadan and
 * harvest seasons; women-owned enterprises start smaller and grow a little faster. Online
 * selling and business registration (NIB) spread over time.
 */
import { Rng, clamp, roundTo } from './random';
import { byText, dayOf, daysInMonth, iso, monthIndex } from './dates';
import { COMPARISON_DUSUN, PROGRAM_DUSUN } from './village';
import { bool, date, int, money, text, type Row, type SampleTable } from './table';

export type OwnerSex = 'F' | 'M' | 'joint';
export type Sector = 'handicraft' | 'culinary' | 'agriculture' | 'trade' | 'services';

/** Month number 0 = January 2023 ... 41 = June 2026. */
export const FIRST_MONTH = monthIndex(2023, 1);
export const LAST_MONTH = monthIndex(2026, 6);
export const monthYear = (m: number) => ({ year: Math.floor((FIRST_MONTH + m) / 12), month: ((FIRST_MONTH + m) % 12) + 1 });

export interface Enterprise {
	id: string;
	ownerSex: OwnerSex;
	managerSex: 'F' | 'M';
	sector: Sector;
	dusun: string;
	/** First and last month reported (month numbers as above). */
	entry: number;
	exit: number;
	/** Months reported (a few are missed). */
	reports: Array<{ month: number; day: number }>;
}

const SECTORS: ReadonlyArray<readonly [Sector, number]> = [
	['culinary', 30],
	['handicraft', 20],
	['agriculture', 20],
	['trade', 20],
	['services', 10]
];

/** Median monthly revenue (Rp) of a new enterprise. */
const MEDIAN_REVENUE: Record<Sector, number> = {
	culinary: 3_200_000,
	handicraft: 2_200_000,
	agriculture: 3_800_000,
	trade: 5_500_000,
	services: 2_800_000
};
const EXTRA_WORKERS: Record<Sector, number> = { culinary: 1, handicraft: 1.5, agriculture: 1.2, trade: 0.6, services: 0.5 };
const WOMEN_HIRES: Record<Sector, number> = { culinary: 0.7, handicraft: 0.8, agriculture: 0.35, trade: 0.5, services: 0.45 };

/** Ramadan and Lebaran lift food and trade sales (Eid al-Fitr: 22 Apr 2023, 10 Apr 2024, 31 Mar 2025, 20 Mar 2026). */
const RAMADAN: Record<string, number> = {
	'2023-03': 0.1,
	'2023-04': 0.26,
	'2024-03': 0.22,
	'2024-04': 0.14,
	'2025-03': 0.28,
	'2026-02': 0.1,
	'2026-03': 0.26
};

function season(sector: Sector, year: number, month: number): number {
	const key = `${year}-${String(month).padStart(2, '0')}`;
	switch (sector) {
		case 'culinary':
		case 'trade':
			return RAMADAN[key] ?? 0;
		case 'handicraft':
			return month === 12 ? 0.16 : month === 7 ? 0.08 : (RAMADAN[key] ?? 0) / 2;
		case 'agriculture':
			return month === 3 || month === 4 || month === 8 || month === 9 ? 0.2 : month === 1 || month === 11 ? -0.15 : 0;
		case 'services':
			return 0;
	}
}

export const ENTERPRISE_COLUMNS = [
	text('enterprise_id'),
	date('report_date'),
	text('owner_sex'),
	text('sector'),
	money('revenue_month_idr'),
	int('workers'),
	int('women_workers'),
	text('manager_sex'),
	bool('sells_online'),
	bool('registered'),
	text('dusun')
];

export interface EnterpriseSample {
	table: SampleTable;
	enterprises: Enterprise[];
}

export function enterprisesTable(rng: Rng): EnterpriseSample {
	const last = LAST_MONTH - FIRST_MONTH;
	// who joins when
	const entries: number[] = [];
	for (let i = 0; i < 62; i++) entries.push(0);
	for (let m = 1; m <= last - 3; m++) {
		const n = rng.poisson(m >= 36 ? 2.6 : 2.0); // phase 2 brings a few more in 2026
		for (let i = 0; i < n; i++) entries.push(m);
	}
	const enterprises: Enterprise[] = [];
	const rows: Row[] = [];
	entries.forEach((entry, i) => {
		const id = `UMK-${String(i + 1).padStart(3, '0')}`;
		const sector = rng.weighted(SECTORS);
		const ownerSex: OwnerSex = rng.weighted([
			['F', sector === 'handicraft' ? 70 : sector === 'culinary' ? 55 : 35],
			['M', sector === 'handicraft' ? 20 : sector === 'culinary' ? 35 : 55],
			['joint', 10]
		] as const);
		const managerSex = ownerSex === 'joint' ? (rng.chance(0.5) ? 'F' : 'M') : ownerSex;
		const phase2 = entry >= 36 && rng.chance(0.55);
		const dusun = phase2 || rng.chance(0.05) ? rng.pick(COMPARISON_DUSUN) : rng.pick(PROGRAM_DUSUN);
		// revenue level and growth
		const femaleFactor = ownerSex === 'F' ? 0.76 : ownerSex === 'joint' ? 1.05 : 1;
		const base = Math.log(MEDIAN_REVENUE[sector] * femaleFactor * (entry > 0 ? 0.85 : 1)) + rng.normal(0, 0.42);
		const growth = clamp(rng.normal(0.013 + (ownerSex === 'F' ? 0.003 : 0), 0.007), -0.01, 0.04);
		// workers, by sex; the owner(s) count
		const staff: Array<'F' | 'M'> = ownerSex === 'joint' ? ['F', 'M'] : [ownerSex];
		for (let k = rng.poisson(EXTRA_WORKERS[sector]); k > 0; k--) staff.push(rng.chance(WOMEN_HIRES[sector]) ? 'F' : 'M');
		const owners = ownerSex === 'joint' ? 2 : 1;
		let online = rng.chance(sector === 'trade' || sector === 'handicraft' ? 0.18 : 0.1);
		let registered = rng.chance(0.22);
		let noise = rng.normal(0, 0.12);
		// a few close: a monthly hazard, more in the first year
		let exit = last;
		for (let m = entry + 1; m <= last; m++) {
			if (rng.chance(m - entry < 12 ? 0.005 : 0.0025)) {
				exit = m;
				break;
			}
		}
		const e: Enterprise = { id, ownerSex, managerSex, sector, dusun, entry, exit, reports: [] };
		for (let m = entry; m <= exit; m++) {
			const { year, month } = monthYear(m);
			const programMonths = Math.max(0, m - Math.max(entry, 3)); // support starts April 2023 or on entry
			noise = 0.55 * noise + rng.normal(0, 0.13);
			if (!online && m >= 3) online = rng.chance(m >= 12 ? 0.024 : 0.014);
			else if (online && rng.chance(0.004)) online = false;
			if (!registered && m >= 3) registered = rng.chance(0.028);
			const logRevenue = base + growth * Math.min(programMonths, 36) + season(sector, year, month) + noise + (online ? 0.1 : 0);
			const hire = clamp(0.012 + 0.05 * (logRevenue - base), 0.004, 0.08);
			if (rng.chance(hire) && staff.length < 14) staff.push(rng.chance(WOMEN_HIRES[sector]) ? 'F' : 'M');
			else if (staff.length > owners && rng.chance(0.018)) staff.splice(rng.int(owners, staff.length - 1), 1);
			// a report is missed now and then (never the first or the last)
			if (m !== entry && m !== exit && rng.chance(0.03)) continue;
			const day = rng.int(20, daysInMonth(year, month));
			e.reports.push({ month: m, day });
			rows.push({
				enterprise_id: id,
				report_date: iso(dayOf(year, month, day)),
				owner_sex: ownerSex,
				sector,
				revenue_month_idr: rng.chance(0.02) ? null : roundTo(Math.exp(logRevenue), 10_000),
				workers: staff.length,
				women_workers: staff.filter((s) => s === 'F').length,
				manager_sex: managerSex,
				sells_online: online,
				registered,
				dusun
			});
		}
		enterprises.push(e);
	});
	rows.sort(
		(a, b) => byText(a.report_date, b.report_date) || byText(a.enterprise_id, b.enterprise_id)
	);
	return { table: { name: 'enterprises', columns: ENTERPRISE_COLUMNS, rows }, enterprises };
}
