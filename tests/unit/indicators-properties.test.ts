/**
 * Property tests on random data (fast-check):
 * - results do not change when rows are shuffled, or split across two tables UNION ALL'd;
 * - a village-level ratio equals the sum of the group numerators over the sum of the group denominators;
 * - the SQL agrees with plain-JS implementations of the definitions (weighted median, weighted shares
 *   with the person-household join, latest snapshot per loan as of a period).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { Database } from '../../src/lib/engine/database';
import { ident } from '../../src/lib/engine/sql';
import { openDatabase, createTable, contextOf, dropTable, SCHEMA } from './fixtures-indicators/tables';
import { computeIndicator, computeBreakdown } from '../../src/lib/indicators/compute';
import { weightedMedian, median } from '../../src/lib/indicators/stats';
import { DEFAULT_SETTINGS } from '../../src/lib/indicators/settings';
import type { ComputeContext, DimensionId, IndicatorResult, TableInfo } from '../../src/lib/indicators/types';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});

// ---------------------------------------------------------------- random data

const bool = fc.option(fc.boolean(), { nil: null });

const householdArb = fc.record({
	hid: fc.integer({ min: 1, max: 10 }),
	round: fc.constantFrom('r1', 'r2'),
	day: fc.integer({ min: 1, max: 5 }),
	dusun: fc.constantFrom('A', 'B', 'C'),
	group: fc.constantFrom('program', 'comparison'),
	head_sex: fc.constantFrom('F', 'M', null),
	members: fc.integer({ min: 1, max: 8 }),
	income: fc.option(
		fc.integer({ min: 0, max: 60 }).map((x) => x * 100000),
		{ nil: null, freq: 8 }
	),
	electricity: bool,
	water: bool,
	road: bool,
	weight: fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3)
});
type Household = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

const personArb = fc.record({
	hid: fc.integer({ min: 1, max: 11 }), // 11 never has a household: such persons are left out
	round: fc.constantFrom('r1', 'r2'),
	sex: fc.constantFrom('F', 'M'),
	age: fc.integer({ min: 0, max: 90 }),
	labour: fc.constantFrom('employed', 'unemployed', 'inactive', null),
	checkup: bool,
	jkn: bool,
	sick: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null })
});
type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

const meetingArb = fc.record({
	month: fc.integer({ min: 1, max: 6 }),
	day: fc.integer({ min: 1, max: 28 }),
	level: fc.constantFrom('desa', 'dusun'),
	type: fc.constantFrom('musdes', 'forum', null),
	attendees: fc.integer({ min: 0, max: 60 }),
	womenShare: fc.double({ min: 0, max: 1, noNaN: true }),
	proposals: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
	adoptedShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null })
});
type Meeting = typeof meetingArb extends fc.Arbitrary<infer T> ? T : never;

const snapshotArb = fc.record({
	loan: fc.integer({ min: 1, max: 6 }),
	month: fc.integer({ min: 1, max: 6 }),
	day: fc.constantFrom(10, 28), // same-day snapshots of a loan happen: ties must not depend on row order
	outstanding: fc.constantFrom(0, 1e6, 2.5e6, 4e6),
	dpd: fc.constantFrom(0, 15, 31, 90),
	status: fc.constantFrom('active', 'repaid', 'written_off', null)
});
type Snapshot = typeof snapshotArb extends fc.Arbitrary<infer T> ? T : never;

const pad = (n: number) => String(n).padStart(2, '0');

const hhRows = (hs: Household[]) =>
	hs.map((h) => [
		`H${h.hid}`,
		h.round,
		`${h.round === 'r1' ? 2024 : 2025}-01-${pad(h.day)}`,
		h.dusun,
		h.group,
		h.head_sex,
		h.members,
		h.income,
		h.electricity,
		h.water,
		h.road,
		h.weight
	]);
const HH_COLS = ['household_id', 'round', 'survey_date', 'dusun', 'group', 'head_sex', 'members', 'income_month_idr', 'electricity', 'water_improved', 'road_2km', 'weight'];
const personRows = (ps: Person[]) => ps.map((p, i) => [`P${i}`, `H${p.hid}`, p.round, p.sex, p.age, p.labour, p.checkup, p.jkn, p.sick]);
const PERSON_COLS = ['person_id', 'household_id', 'round', 'sex', 'age', 'labour_status', 'health_checkup_12m', 'jkn', 'sick_days_30d'];
const meetingRows = (ms: Meeting[]) =>
	ms.map((m, i) => {
		const women = Math.floor(m.attendees * m.womenShare);
		const adopted = m.proposals === null || m.adoptedShare === null ? null : Math.floor(m.proposals * m.adoptedShare);
		return [`M${i}`, `2025-${pad(m.month)}-${pad(m.day)}`, m.level, m.type, m.attendees, women, m.proposals, adopted];
	});
const MEETING_COLS = ['meeting_id', 'date', 'level', 'type', 'attendees', 'women_attendees', 'proposals', 'proposals_adopted'];
const loanRows = (ss: Snapshot[]) =>
	ss.map((s) => [
		`L${s.loan}`,
		`B${s.loan % 4}`,
		s.loan % 2 === 0 ? 'F' : 'M',
		'2025-01-05',
		s.loan * 1e6,
		`2025-${pad(s.month)}-${pad(s.day)}`,
		s.outstanding,
		s.dpd,
		s.status
	]);
const LOAN_COLS = ['loan_id', 'borrower_id', 'borrower_sex', 'disbursed_date', 'amount_idr', 'report_date', 'outstanding_idr', 'days_past_due', 'status'];

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
	let a = seed >>> 0;
	const rand = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** The same rows, shuffled and split in two tables, behind a UNION ALL view. */
function splitTable(table: string, columns: string[], rows: unknown[][], seed: number, name: string): TableInfo {
	const mixed = shuffled(rows, seed);
	const cut = mixed.length ? seed % (mixed.length + 1) : 0;
	createTable(db, table, columns, mixed.slice(0, cut), { name: `${name}_a` });
	createTable(db, table, columns, mixed.slice(cut), { name: `${name}_b` });
	dropTable(db, name);
	const ref = `${ident(SCHEMA)}.${ident(name)}`;
	db.exec(`CREATE VIEW ${ref} AS SELECT * FROM ${ident(SCHEMA)}.${ident(name + '_a')} UNION ALL SELECT * FROM ${ident(SCHEMA)}.${ident(name + '_b')}`);
	return { ref, columns };
}

// ---------------------------------------------------------------- comparisons

const close = (a: number | null | undefined, b: number | null | undefined) =>
	a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

function sameResult(a: IndicatorResult, b: IndicatorResult): boolean {
	return (
		close(a.value, b.value) &&
		close(a.numerator, b.numerator) &&
		close(a.denominator, b.denominator) &&
		a.n === b.n &&
		a.reason === b.reason &&
		a.round === b.round &&
		close(a.baseline, b.baseline) &&
		close(a.did?.value, b.did?.value) &&
		close(a.did?.se, b.did?.se)
	);
}

/* One indicator per SQL pattern: weighted median, weighted share (x members), person join, weighted mean,
   flag share; paired ratio of sums; latest snapshot as of the period; latest snapshot of loans disbursed. */
const SURVEY = ['INC-01', 'INC-02', 'EMP-01', 'HLT-05', 'INF-01'];
const MONITORING = ['PAR-02', 'PAR-03', 'INC-04', 'INC-05', 'INC-06', 'WOM-02'];

const uniqueHouseholds = fc.uniqueArray(householdArb, { selector: (h) => `${h.hid}/${h.round}`, minLength: 1, maxLength: 16 });

describe('invariance', () => {
	it('results are unchanged when rows are shuffled or split across two tables UNION ALL-ed', () => {
		fc.assert(
			fc.property(
				uniqueHouseholds,
				fc.array(personArb, { maxLength: 25 }),
				fc.array(meetingArb, { maxLength: 12 }),
				fc.array(snapshotArb, { maxLength: 16 }),
				fc.nat(),
				(hs, ps, ms, ss, seed) => {
					const plain: ComputeContext = contextOf(db, {
						households: createTable(db, 'households', HH_COLS, hhRows(hs)),
						people: createTable(db, 'people', PERSON_COLS, personRows(ps)),
						meetings: createTable(db, 'meetings', MEETING_COLS, meetingRows(ms)),
						loans: createTable(db, 'loans', LOAN_COLS, loanRows(ss))
					});
					const mixed: ComputeContext = contextOf(db, {
						households: splitTable('households', HH_COLS, hhRows(hs), seed, 'households_mix'),
						people: splitTable('people', PERSON_COLS, personRows(ps), seed + 1, 'people_mix'),
						meetings: splitTable('meetings', MEETING_COLS, meetingRows(ms), seed + 2, 'meetings_mix'),
						loans: splitTable('loans', LOAN_COLS, loanRows(ss), seed + 3, 'loans_mix')
					});
					for (const code of SURVEY) {
						const a = computeIndicator(plain, code, { period: '2025' });
						const b = computeIndicator(mixed, code, { period: '2025' });
						expect(sameResult(a, b), `${code}: ${JSON.stringify([a.value, a.n, a.did])} vs ${JSON.stringify([b.value, b.n, b.did])}`).toBe(true);
					}
					for (const code of MONITORING) {
						const a = computeIndicator(plain, code, { period: '2025-Q1' });
						const b = computeIndicator(mixed, code, { period: '2025-Q1' });
						expect(sameResult(a, b), `${code}: ${a.value} vs ${b.value}`).toBe(true);
					}
				}
			),
			{ numRuns: 6 }
		);
	});
});

describe('ratio of sums at every level', () => {
	const cases: Array<[string, DimensionId, string]> = [
		['INC-02', 'dusun', '2025'],
		['EMP-01', 'dusun', '2025'],
		['HLT-01', 'sex', '2025'],
		['HLT-05', 'group', '2025'],
		['INF-01', 'dusun', '2025'],
		['INF-03', 'group', '2025'],
		['PAR-02', 'level', '2025-Q1'],
		['PAR-03', 'level', '2025'],
		['INC-06', 'borrower_sex', '2025-Q2']
	];
	it('the village value is sum(numerators) / sum(denominators) of its groups, never a mean of their values', () => {
		fc.assert(
			fc.property(uniqueHouseholds, fc.array(personArb, { maxLength: 25 }), fc.array(meetingArb, { maxLength: 12 }), fc.array(snapshotArb, { maxLength: 16 }), (hs, ps, ms, ss) => {
				const ctx = contextOf(db, {
					households: createTable(db, 'households', HH_COLS, hhRows(hs)),
					people: createTable(db, 'people', PERSON_COLS, personRows(ps)),
					meetings: createTable(db, 'meetings', MEETING_COLS, meetingRows(ms)),
					loans: createTable(db, 'loans', LOAN_COLS, loanRows(ss))
				});
				for (const [code, dim, period] of cases) {
					const total = computeIndicator(ctx, code, { period });
					const rows = computeBreakdown(ctx, code, { period }, dim).rows;
					if (total.reasonCode === 'no_rows' || total.reasonCode === 'no_round') {
						expect(rows).toEqual([]);
						continue;
					}
					const num = rows.reduce((acc, r) => acc + (r.numerator ?? 0), 0);
					const den = rows.reduce((acc, r) => acc + (r.denominator ?? 0), 0);
					// A sum of no recorded values is NULL (PAR-03 with no adopted count anywhere): so is every group's.
					if (total.numerator === null) expect(rows.every((r) => r.numerator === null), `${code} numerator`).toBe(true);
					else expect(close(num, total.numerator), `${code} numerator`).toBe(true);
					// So is a denominator (PAR-03 over meetings that recorded no proposals).
					if (total.denominator === null) expect(rows.every((r) => r.denominator === null), `${code} denominator`).toBe(true);
					else expect(close(den, total.denominator), `${code} denominator`).toBe(true);
					const scale = code === 'HLT-05' ? 1 : 100;
					if (den > 0 && total.numerator !== null) expect(close(total.value, (scale * num) / den), `${code} value`).toBe(true);
					else expect(total.value).toBeNull();
				}
			}),
			{ numRuns: 8 }
		);
	});
});

// ---------------------------------------------------------------- plain-JS oracles

/** The round shown for a period ending `end`: latest round whose MIN(survey_date) <= end. */
function roundFor(hs: Household[], end: string): string | null {
	const dates = new Map<string, string>();
	for (const [id, round, date] of hhRows(hs) as Array<[string, string, string]>) {
		void id;
		if (!dates.has(round) || date < dates.get(round)!) dates.set(round, date);
	}
	const eligible = [...dates.entries()].filter(([, d]) => d <= end).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
	return eligible.length ? eligible[eligible.length - 1][0] : null;
}

describe('agreement with plain-JS definitions', () => {
	it('INC-01, INC-02, INF-01, EMP-01 and HLT-05 equal their definitions computed in JS', () => {
		fc.assert(
			fc.property(uniqueHouseholds, fc.array(personArb, { maxLength: 30 }), fc.constantFrom('2024', '2025'), (hs, ps, period) => {
				const ctx = contextOf(db, {
					households: createTable(db, 'households', HH_COLS, hhRows(hs)),
					people: createTable(db, 'people', PERSON_COLS, personRows(ps))
				});
				const round = roundFor(hs, `${period}-12-31`);
				const get = (code: string) => computeIndicator(ctx, code, { period });
				if (round === null) {
					expect(get('INF-01').reasonCode).toBe('no_round');
					return;
				}
				const inRound = hs.filter((h) => h.round === round);
				const withIncome = inRound.filter((h) => h.income !== null);
				// INC-01: weighted median of income / members
				expect(get('INC-01').value).toBe(
					withIncome.length ? weightedMedian(withIncome.map((h) => h.income! / h.members), withIncome.map((h) => h.weight)) : null
				);
				// INC-02: sum(weight x members, poor) / sum(weight x members)
				const mass = (h: Household) => h.weight * h.members;
				const poorDen = withIncome.reduce((a, h) => a + mass(h), 0);
				const poorNum = withIncome.filter((h) => h.income! / h.members < DEFAULT_SETTINGS.povertyLine).reduce((a, h) => a + mass(h), 0);
				const inc02 = get('INC-02');
				expect(close(inc02.value, poorDen > 0 ? (100 * poorNum) / poorDen : null), `INC-02 ${inc02.value}`).toBe(true);
				// INF-01: weighted share with electricity true among non-null
				const elec = inRound.filter((h) => h.electricity !== null);
				const elecDen = elec.reduce((a, h) => a + h.weight, 0);
				const elecNum = elec.filter((h) => h.electricity).reduce((a, h) => a + h.weight, 0);
				const inf01 = get('INF-01');
				expect(close(inf01.value, elecDen > 0 ? (100 * elecNum) / elecDen : null)).toBe(true);
				expect(inf01.n).toBe(elec.length);
				// EMP-01 and HLT-05: persons joined to their household of the same round
				const weightOf = new Map(inRound.map((h) => [`H${h.hid}`, h.weight]));
				const persons = ps.filter((p) => p.round === round && weightOf.has(`H${p.hid}`)).map((p) => ({ ...p, w: weightOf.get(`H${p.hid}`)! }));
				const force = persons.filter((p) => p.age >= 15 && (p.labour === 'employed' || p.labour === 'unemployed'));
				const forceDen = force.reduce((a, p) => a + p.w, 0);
				const unemp = force.filter((p) => p.labour === 'unemployed').reduce((a, p) => a + p.w, 0);
				const emp01 = get('EMP-01');
				if (persons.length === 0) expect(emp01.value).toBeNull();
				else expect(close(emp01.value, forceDen > 0 ? (100 * unemp) / forceDen : null), `EMP-01 ${emp01.value}`).toBe(true);
				const adults = persons.filter((p) => p.age >= 15 && p.age < 65 && p.sick !== null);
				const sickDen = adults.reduce((a, p) => a + p.w, 0);
				const sickNum = adults.reduce((a, p) => a + p.w * p.sick!, 0);
				const hlt05 = get('HLT-05');
				if (persons.length === 0) expect(hlt05.value).toBeNull();
				else expect(close(hlt05.value, sickDen > 0 ? sickNum / sickDen : null), `HLT-05 ${hlt05.value}`).toBe(true);
			}),
			{ numRuns: 25 }
		);
	});

	it('INC-04 and INC-06 take the latest snapshot per loan as of the period, then its status', () => {
		fc.assert(
			fc.property(fc.array(snapshotArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 6 }), (ss, month) => {
				const ctx = contextOf(db, { loans: createTable(db, 'loans', LOAN_COLS, loanRows(ss)) });
				const period = `2025-${pad(month)}`;
				const end = `2025-${pad(month)}-31`;
				// latest snapshot per loan on or before the end; same-day ties broken as the SQL does (by the selected
				// columns, ascending) only matter when they differ, so compare against every tie-free loan
				const rows = loanRows(ss) as Array<[string, string, string, string, number, string, number, number, string | null]>;
				const byLoan = new Map<string, typeof rows>();
				for (const r of rows) if (r[5] <= end) byLoan.set(r[0], [...(byLoan.get(r[0]) ?? []), r]);
				const latest = [...byLoan.values()].map((rs) => {
					const last = rs.reduce((a, b) => (b[5] > a[5] ? b : a));
					return { last, tied: rs.filter((r) => r[5] === last[5] && JSON.stringify(r) !== JSON.stringify(last)).length > 0 };
				});
				if (latest.some((l) => l.tied)) return; // ambiguous in the data itself; invariance covers determinism
				const active = latest.map((l) => l.last).filter((r) => (r[8] === 'active' || r[8] === null) && r[6] > 0);
				const inc04 = computeIndicator(ctx, 'INC-04', { period });
				if (latest.length === 0) {
					expect(inc04.value).toBeNull();
					return;
				}
				expect(inc04.value).toBe(new Set(active.map((r) => r[1])).size);
				const den = active.reduce((a, r) => a + r[6], 0);
				const num = active.filter((r) => r[7] > 30).reduce((a, r) => a + r[6], 0);
				expect(close(computeIndicator(ctx, 'INC-06', { period }).value, den > 0 ? (100 * num) / den : null)).toBe(true);
			}),
			{ numRuns: 40 }
		);
	});

	it('INC-03 is the standard median of the latest report per enterprise in the period', () => {
		const reportArb = fc.record({ e: fc.integer({ min: 1, max: 8 }), day: fc.integer({ min: 1, max: 28 }), month: fc.integer({ min: 1, max: 3 }), revenue: fc.option(fc.integer({ min: 0, max: 50 }).map((x) => x * 1e5), { nil: null }) });
		fc.assert(
			fc.property(fc.uniqueArray(reportArb, { selector: (r) => `${r.e}/${r.month}/${r.day}`, maxLength: 20 }), (rs) => {
				const rows = rs.map((r) => [`E${r.e}`, `2025-${pad(r.month)}-${pad(r.day)}`, 'F', 'trade', r.revenue]);
				const ctx = contextOf(db, { enterprises: createTable(db, 'enterprises', ['enterprise_id', 'report_date', 'owner_sex', 'sector', 'revenue_month_idr'], rows) });
				const latest = new Map<string, unknown[]>();
				for (const r of rows) if (!latest.has(r[0] as string) || (r[1] as string) > (latest.get(r[0] as string)![1] as string)) latest.set(r[0] as string, r);
				const values = [...latest.values()].map((r) => r[4]).filter((v): v is number => v !== null);
				const got = computeIndicator(ctx, 'INC-03', { period: '2025-Q1' });
				if (rows.length === 0) expect(got.reasonCode).toBe('no_rows');
				else expect(got.value).toBe(median(values));
			}),
			{ numRuns: 30 }
		);
	});
});
