/**
 * Survey indicators (households, people) on a small hand-worked fixture.
 * Every expected number is worked out by hand in the comment beside it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import type { Database } from '../../src/lib/engine/database';
import { openDatabase, createTable, contextOf, dropTable } from './fixtures-indicators/tables';
import { computeIndicator, computeAll, computeBreakdown, computeTrend } from '../../src/lib/indicators/compute';
import type { ComputeContext, TableInfo } from '../../src/lib/indicators/types';
import { COMPUTE_OPERATIONS } from '../../src/lib/indicators/operations';
import { defaultPeriod } from '../../src/lib/state/periods';
import { baselineIsThisMeasurement } from '../../src/lib/indicators/targets';

const HH_COLUMNS = [
	'household_id',
	'round',
	'survey_date',
	'dusun',
	'group',
	'head_sex',
	'members',
	'income_month_idr',
	'electricity',
	'water_improved',
	'road_2km',
	'weight'
];
/*
 * Rounds: baseline (2023-02-10..14), midline (rows 2024-03-04 and 2024-02-27: its date is
 * MIN = 2024-02-27), endline (2025-08-20..22). Rows are given out of order.
 * Per-capita income = income / members.
 */
const HOUSEHOLDS: unknown[][] = [
	// endline
	['H4', 'endline', '2025-08-21', 'B', 'comparison', 'F', 3, 1500000, false, true, false, 0.5], // pc 500k
	['H1', 'endline', '2025-08-20', 'A', 'program', 'F', 4, 3200000, true, true, true, 1.5], // pc 800k
	['H6', 'endline', '2025-08-22', 'C', 'program', 'F', 2, 2000000, null, null, null, 2], // pc 1,000k
	['H2', 'endline', '2025-08-20', 'A', 'comparison', 'M', 2, 1100000, true, false, true, 1], // pc 550k
	['H5', 'endline', '2025-08-22', 'A', 'program', 'M', 1, null, null, null, true, 1], // income NULL
	['H3', 'endline', '2025-08-21', 'B', 'program', 'M', 5, 2500000, true, true, null, 2], // pc 500k
	// baseline
	['H1', 'baseline', '2023-02-10', 'A', 'program', 'F', 4, 2000000, true, true, false, 1.5], // pc 500k
	['H3', 'baseline', '2023-02-12', 'B', 'program', 'M', 5, 4000000, true, false, true, 2], // pc 800k
	['H2', 'baseline', '2023-02-11', 'A', 'comparison', 'M', 2, 1000000, false, null, true, 1], // pc 500k
	['H4', 'baseline', '2023-02-14', 'B', 'comparison', 'F', 3, 1200000, null, true, false, 0.5], // pc 400k
	// midline
	['H1', 'midline', '2024-03-04', 'A', 'program', 'F', 4, 2400000, true, true, true, 1.5], // pc 600k
	['H2', 'midline', '2024-02-27', 'A', 'comparison', 'M', 2, 1300000, true, true, true, 1] // pc 650k
];

const PEOPLE_COLUMNS = ['person_id', 'household_id', 'round', 'sex', 'age', 'labour_status', 'health_checkup_12m', 'jkn', 'sick_days_30d'];
/* Weights come from the household of the same round: H1 1.5, H2 1, H3 2, H4 0.5, H5 1. */
const PEOPLE: unknown[][] = [
	['P1', 'H1', 'baseline', 'F', 34, 'employed', true, true, 2],
	['P2', 'H1', 'baseline', 'M', 12, 'inactive', false, true, 0],
	['P3', 'H2', 'baseline', 'M', 45, 'unemployed', true, null, 5],
	['P4', 'H3', 'baseline', 'F', 70, 'inactive', null, false, 10],
	['P5', 'H4', 'baseline', 'F', 15, 'unemployed', false, true, null],
	['P6', 'H9', 'baseline', 'M', 30, 'unemployed', true, true, 3], // no household H9: left out
	['P8', 'H3', 'endline', 'M', 65, 'employed', null, true, 8],
	['P1', 'H1', 'endline', 'F', 36, 'employed', true, true, 1],
	['P3', 'H2', 'endline', 'M', 47, 'employed', true, true, 4],
	['P4', 'H3', 'endline', 'F', 72, 'inactive', true, true, 6],
	['P5', 'H4', 'endline', 'F', 17, 'unemployed', true, false, 2],
	['P7', 'H5', 'endline', 'M', 64, 'unemployed', false, null, 0]
];

let db: Database;
let households: TableInfo;
let people: TableInfo;
let ctx: ComputeContext;

beforeAll(async () => {
	db = await openDatabase();
	households = createTable(db, 'households', HH_COLUMNS, HOUSEHOLDS);
	people = createTable(db, 'people', PEOPLE_COLUMNS, PEOPLE);
	ctx = contextOf(db, { households, people });
});

const at = (code: string, period: string, filters: Record<string, string> = {}) => computeIndicator(ctx, code, { period, filters });

describe('survey rounds', () => {
	it('uses the latest round dated on or before the period end (round date = MIN(survey_date))', () => {
		expect(at('INF-01', '2023').round).toBe('baseline');
		// midline's rows are dated 2024-02-27 and 2024-03-04: its date is 2024-02-27, so Feb 2024 shows midline
		const feb = at('INF-01', '2024-02');
		expect(feb.round).toBe('midline');
		expect(feb.roundDate).toBe('2024-02-27');
		expect(at('INF-01', '2024-01').round).toBe('baseline');
		// endline is dated 2025-08-20: July 2025 still shows midline, Q3 2025 shows endline
		expect(at('INF-01', '2025-07').round).toBe('midline');
		expect(at('INF-01', '2025-Q3').round).toBe('endline');
	});

	it('gives no data before the first round', () => {
		const r = at('INF-01', '2022');
		expect(r.value).toBeNull();
		expect(r.reasonCode).toBe('no_round');
		expect(r.reason).toBe('no survey round on or before 2022-12-31');
		expect(r.status).toBe('no_data');
	});

	it('the data range (period choices) spans the survey dates when only survey tables are loaded', () => {
		// Survey dates run from 2023-02-10 (H1 baseline) to 2025-08-22 (H5, H6 endline).
		const r = COMPUTE_OPERATIONS.dataRange({ db, tables: { households, people } });
		expect([r.from, r.to]).toEqual(['2023-02-10', '2025-08-22']);
		// The latest complete year: 2025 runs only to August in these data, so it is complete
		// once it is over (seen in 2026), not while it runs (seen in September 2025).
		expect(defaultPeriod(r, new Date(2025, 8, 15))).toBe('2024');
		expect(defaultPeriod(r, new Date(2026, 10, 29))).toBe('2025');
	});
});

describe('household indicators', () => {
	it('INC-01 weighted median per-capita income, ties and the exact-half boundary', () => {
		// endline, income NOT NULL: 500k (H3 w2 + H4 w0.5 = 2.5), 550k (H2 w1), 800k (H1 w1.5), 1,000k (H6 w2).
		// total 7, half 3.5; cumulative at 500k = 2.5 < 3.5, at 550k = 3.5 >= 3.5 -> 550,000
		const r = at('INC-01', '2025');
		expect(r.value).toBe(550000);
		expect(r.numerator).toBeNull();
		expect(r.denominator).toBeNull();
		expect(r.n).toBe(5); // H5 has no income
		// baseline: 400k (0.5), 500k (H1 1.5 + H2 1, tie), 800k (2); total 5, half 2.5; cum at 500k = 3 -> 500,000
		expect(r.baselineRound).toBe('baseline');
		expect(r.baseline).toBe(500000);
		expect(r.change).toBe(50000); // 550,000 - 500,000
		expect(r.ci).toBeNull(); // not a proportion
		expect(r.smallSample).toBe(true); // survey estimate on n = 5 < 30
		// midline: 600k (1.5), 650k (1); total 2.5, half 1.25; cum at 600k = 1.5 -> 600,000
		expect(at('INC-01', '2024-Q1').value).toBe(600000);
	});

	it('INC-01 by dusun', () => {
		const b = computeBreakdown(ctx, 'INC-01', { period: '2025' }, 'dusun');
		expect(b.round).toBe('endline');
		// A: 550k (1), 800k (1.5) [H5 no income]; half 1.25 -> 800,000. B: 500k, 500k -> 500,000. C: 1,000,000
		expect(b.rows.map((r) => [r.key, r.value, r.n])).toEqual([
			['A', 800000, 2],
			['B', 500000, 2],
			['C', 1000000, 1]
		]);
	});

	it('INC-02 poverty headcount, weighted by weight x members', () => {
		// endline, line 580,349: poor H2 (1x2=2), H3 (2x5=10), H4 (0.5x3=1.5) = 13.5;
		// not poor H1 (1.5x4=6), H6 (2x2=4); H5 excluded (no income). 13.5 / 23.5 = 57.4468%
		const r = at('INC-02', '2025-Q4');
		expect(r.numerator).toBeCloseTo(13.5, 10);
		expect(r.denominator).toBeCloseTo(23.5, 10);
		expect(r.value).toBeCloseTo(57.446808510638, 9);
		expect(r.n).toBe(5);
		// baseline: poor H1 (6), H2 (2), H4 (1.5) = 9.5; + H3 (10) = 19.5 -> 48.7179%
		expect(r.baseline).toBeCloseTo(48.717948717949, 9);
		expect(r.change).toBeCloseTo(57.446808510638 - 48.717948717949, 9); // percentage points
		expect(r.notes.map((n) => n.en).join(' ')).toMatch(/proxy/);
	});

	it('INC-02 with a head_sex filter and a different poverty line', () => {
		// head_sex F at endline: H1 not poor (6), H4 poor (1.5), H6 not poor (4) -> 1.5 / 11.5 = 13.0435%
		expect(at('INC-02', '2025', { head_sex: 'F' }).value).toBeCloseTo(13.043478260870, 9);
		// line 900,000: H1 (800k) becomes poor too: (13.5 + 6) / 23.5 = 82.9787%
		const ctx2 = contextOf(db, { households }, { ...ctx.settings, povertyLine: 900000 });
		expect(computeIndicator(ctx2, 'INC-02', { period: '2025' }).value).toBeCloseTo((19.5 / 23.5) * 100, 9);
	});

	it('INF-01/02/03 weighted shares over non-null values, with Wilson CI on the unweighted n', () => {
		// INF-01 endline: H1 T 1.5, H2 T 1, H3 T 2, H4 F 0.5 (H5, H6 NULL) -> 4.5 / 5 = 90%, n = 4
		const e = at('INF-01', '2025-Q3');
		expect(e.numerator).toBeCloseTo(4.5, 12);
		expect(e.denominator).toBeCloseTo(5, 12);
		expect(e.value).toBeCloseTo(90, 10);
		expect(e.n).toBe(4);
		// Wilson p = 0.9, n = 4: (0.9 + z²/8 ± z·sqrt(0.09/4 + z²/64)) / (1 + z²/4) = [0.41683, 0.99125]
		expect(e.ci![0]).toBeCloseTo(41.683457, 4);
		expect(e.ci![1]).toBeCloseTo(99.125275, 4);
		expect(e.smallSample).toBe(true);
		// baseline: H1 T 1.5, H2 F 1, H3 T 2 (H4 NULL) -> 3.5 / 4.5 = 77.78%
		expect(e.baseline).toBeCloseTo(77.777777777778, 9);
		expect(e.change).toBeCloseTo(12.222222222222, 9);
		// INF-02 endline: H1 T 1.5, H2 F 1, H3 T 2, H4 T 0.5 -> 4 / 5 = 80%
		expect(at('INF-02', '2025').value).toBeCloseTo(80, 10);
		// INF-02 baseline: H1 T 1.5, H3 F 2, H4 T 0.5 (H2 NULL) -> 2 / 4 = 50%
		expect(at('INF-02', '2023').value).toBeCloseTo(50, 10);
		// INF-03 endline: H1 T 1.5, H2 T 1, H4 F 0.5, H5 T 1 (H3, H6 NULL) -> 3.5 / 4 = 87.5%
		expect(at('INF-03', '2025').value).toBeCloseTo(87.5, 10);
		// INF-03 baseline: H1 F 1.5, H2 T 1, H3 T 2, H4 F 0.5 -> 3 / 5 = 60%
		expect(at('INF-03', '2023').value).toBeCloseTo(60, 10);
	});

	it('INF-01 difference in differences, program vs comparison, baseline vs endline', () => {
		// program: baseline H1 T, H3 T -> 100% (n 2); endline H1 T, H3 T -> 100% (n 2)
		// comparison: baseline H2 F (H4 NULL) -> 0% (n 1); endline H2 T 1, H4 F 0.5 -> 66.67% (n 2)
		// DiD = (100 - 100) - (66.67 - 0) = -66.67 pp
		// SEs: 0, 0, 0 and 100·sqrt((2/3)(1/3)/2) = 33.33 -> SE 33.33; CI -66.67 ± 1.96 x 33.33
		const did = at('INF-01', '2025').did!;
		expect(did.value).toBeCloseTo(-66.666666666667, 8);
		expect(did.se).toBeCloseTo(33.333333333333, 8);
		expect(did.ciLow).toBeCloseTo(-66.666666666667 - 1.96 * 33.333333333333, 8);
		expect(did.ciHigh).toBeCloseTo(-66.666666666667 + 1.96 * 33.333333333333, 8);
	});

	it('INC-01 DiD on medians has no standard error', () => {
		// program: baseline H1 500k (1.5), H3 800k (2): half 1.75 -> 800k;
		//          endline H3 500k (2), H1 800k (1.5), H6 1,000k (2): half 2.75, cum 2, 3.5 -> 800k
		// comparison: baseline H4 400k (0.5), H2 500k (1): half 0.75 -> 500k; endline H4 500k (0.5), H2 550k (1) -> 550k
		// DiD = (800k - 800k) - (550k - 500k) = -50,000
		const did = at('INC-01', '2025').did!;
		expect(did.value).toBe(-50000);
		expect(did.se).toBeNull();
		expect(did.ciLow).toBeNull();
	});

	it('no DiD at the baseline round, nor when one group is filtered out', () => {
		expect(at('INF-01', '2023').did).toBeNull();
		expect(at('INF-01', '2025', { group: 'program' }).did).toBeNull();
	});

	it('a filter value with no rows gives "no rows", a zero denominator gives "zero denominator"', () => {
		// a dusun no row has: said as such (the value is no data on every page)
		const none = at('INF-01', '2025', { dusun: 'Z' });
		expect(none.value).toBeNull();
		expect(none.reasonCode).toBe('filter_value_absent');
		expect(none.reason).toBe('no rows with dusun Z');
		// a dusun the data has, with no row in the round shown (C is surveyed only at endline)
		const early = at('INF-01', '2023', { dusun: 'C' });
		expect([early.value, early.reasonCode, early.reason]).toEqual([null, 'no_rows', 'no rows in round baseline']);
		// dusun C has only H6, whose electricity is NULL: rows 1, denominator 0
		const zero = at('INF-01', '2025', { dusun: 'C' });
		expect(zero.value).toBeNull();
		expect(zero.reasonCode).toBe('zero_denominator');
		expect(zero.denominator).toBe(0);
		expect(zero.status).toBe('no_data');
	});

	it('rejects filters an indicator does not support', () => {
		const r = at('INF-01', '2025', { sex: 'F' });
		expect(r.value).toBeNull();
		expect(r.reasonCode).toBe('filter_not_supported');
		expect(r.reason).toBe('filter not supported by this indicator: sex');
		expect(computeBreakdown(ctx, 'INF-01', { period: '2025' }, 'sex').reasonCode).toBe('breakdown_not_supported');
	});

	it('trend: one point per round, labelled with round and date', () => {
		const t = computeTrend(ctx, 'INF-01', { period: '2025' });
		expect(t.map((p) => p.label)).toEqual(['baseline (2023-02-10)', 'midline (2024-02-27)', 'endline (2025-08-20)']);
		// midline: H1 T 1.5, H2 T 1 -> 100%
		expect(t.map((p) => p.value)).toEqual([expect.closeTo(77.7777777778, 8), 100, expect.closeTo(90, 10)]);
	});
});

describe('person indicators (weights from the household of the same round)', () => {
	it('EMP-01 unemployment rate, ages 15+ in the labour force', () => {
		// endline labour force: P1 emp 1.5, P3 emp 1, P5 unemp 0.5, P7 unemp 1, P8 emp 2 (P4 inactive)
		// -> unemployed 1.5 / 6 = 25%, n = 5
		const r = at('EMP-01', '2025');
		expect(r.numerator).toBeCloseTo(1.5, 12);
		expect(r.denominator).toBeCloseTo(6, 12);
		expect(r.value).toBeCloseTo(25, 10);
		expect(r.n).toBe(5);
		// baseline: P1 emp 1.5, P3 unemp 1, P5 unemp 0.5 (P2 aged 12, P4 inactive, P6 has no household) -> 1.5 / 3 = 50%
		expect(r.baseline).toBeCloseTo(50, 10);
		expect(r.change).toBeCloseTo(-25, 10);
	});

	it('EMP-01 filters: sex from the person, group from the household', () => {
		// sex F: P1 emp 1.5, P5 unemp 0.5 -> 0.5 / 2 = 25%
		expect(at('EMP-01', '2025', { sex: 'F' }).value).toBeCloseTo(25, 10);
		// comparison households H2, H4: P3 emp 1, P5 unemp 0.5 -> 0.5 / 1.5 = 33.33%
		expect(at('EMP-01', '2025', { group: 'comparison' }).value).toBeCloseTo(33.333333333333, 9);
	});

	it('EMP-01 by dusun adds up to the village ratio', () => {
		// A: P1 emp 1.5, P3 emp 1, P7 unemp 1 -> 1 / 3.5; B: P8 emp 2, P5 unemp 0.5 -> 0.5 / 2.5
		const b = computeBreakdown(ctx, 'EMP-01', { period: '2025' }, 'dusun');
		expect(b.rows.map((r) => r.key)).toEqual(['A', 'B']);
		expect(b.rows[0].value).toBeCloseTo((1 / 3.5) * 100, 9);
		expect(b.rows[1].value).toBeCloseTo(20, 9);
		expect(b.rows[0].numerator! + b.rows[1].numerator!).toBeCloseTo(1.5, 12);
		expect(b.rows[0].denominator! + b.rows[1].denominator!).toBeCloseTo(6, 12);
	});

	it('HLT-01 health-check coverage', () => {
		// endline: P1 T 1.5, P3 T 1, P4 T 2, P5 T 0.5, P7 F 1 (P8 NULL) -> 5 / 6 = 83.33%
		const r = at('HLT-01', '2025');
		expect(r.value).toBeCloseTo(83.333333333333, 9);
		expect(r.n).toBe(5);
		// baseline: P1 T 1.5, P2 F 1.5, P3 T 1, P5 F 0.5 (P4 NULL, P6 no household) -> 2.5 / 4.5 = 55.56%
		expect(r.baseline).toBeCloseTo(55.555555555556, 9);
		// by group: program (H1, H3, H5): P1 T 1.5, P4 T 2, P7 F 1 -> 3.5 / 4.5; comparison: P3 T 1, P5 T 0.5 -> 100%
		const b = computeBreakdown(ctx, 'HLT-01', { period: '2025' }, 'group');
		expect(b.rows.map((x) => x.key)).toEqual(['comparison', 'program']);
		expect(b.rows[0].value).toBeCloseTo(100, 10);
		expect(b.rows[1].value).toBeCloseTo((3.5 / 4.5) * 100, 9);
	});

	it('HLT-02 JKN coverage, and by sex', () => {
		// endline: P1 T 1.5, P3 T 1, P4 T 2, P5 F 0.5, P8 T 2 (P7 NULL) -> 6.5 / 7 = 92.857%
		expect(at('HLT-02', '2025').value).toBeCloseTo(92.857142857143, 9);
		// baseline: P1 T 1.5, P2 T 1.5, P4 F 2, P5 T 0.5 (P3 NULL) -> 3.5 / 5.5 = 63.64%
		expect(at('HLT-02', '2023').value).toBeCloseTo(63.636363636364, 9);
		// by sex: F P1 T 1.5, P4 T 2, P5 F 0.5 -> 3.5 / 4 = 87.5%; M P3 T 1, P8 T 2 -> 100%
		const b = computeBreakdown(ctx, 'HLT-02', { period: '2025' }, 'sex');
		expect(b.rows.map((x) => [x.key, x.value, x.n])).toEqual([
			['F', 87.5, 3],
			['M', 100, 2]
		]);
	});

	it('HLT-05 weighted mean sick days, adults 15-64, with DiD on means', () => {
		// endline adults with a value: P1 (1, w1.5), P3 (4, w1), P5 (2, w0.5), P7 (0, w1; aged 64 is in)
		// P4 (72) and P8 (65) are out. (1.5 + 4 + 1 + 0) / 4 = 1.625 days
		const r = at('HLT-05', '2025');
		expect(r.numerator).toBeCloseTo(6.5, 12);
		expect(r.denominator).toBeCloseTo(4, 12);
		expect(r.value).toBeCloseTo(1.625, 12);
		expect(r.n).toBe(4);
		expect(r.ci).toBeNull();
		// baseline: P1 (2, 1.5), P3 (5, 1) (P5 NULL, P2 aged 12, P4 aged 70) -> 8 / 2.5 = 3.2
		expect(r.baseline).toBeCloseTo(3.2, 12);
		// DiD: program baseline P1 -> 2 (SE 0); comparison baseline P3 -> 5 (SE 0);
		// program endline P1 (1, 1.5), P7 (0, 1): mean 0.6, E[x²] 0.6, var 0.24, SE sqrt(0.24/2) = 0.34641;
		// comparison endline P3 (4, 1), P5 (2, 0.5): mean 10/3, E[x²] 12, var 8/9, SE sqrt(4/9) = 0.66667
		// DiD = (0.6 - 2) - (10/3 - 5) = 0.26667; SE = sqrt(0.12 + 0.44444) = 0.75130
		const did = r.did!;
		expect(did.value).toBeCloseTo(0.266666666667, 9);
		expect(did.se).toBeCloseTo(0.751295177972, 9);
		expect(r.notes.map((n) => n.en).join(' ')).not.toContain('Computed for ages');
		// Adults 15-69 in the settings: P8 (aged 65) is in (n 5), and the result says which ages it took.
		const wider = computeIndicator({ ...ctx, settings: { ...ctx.settings, ageBands: { ...ctx.settings.ageBands, adults: { minAge: 15, belowAge: 70 } } } }, 'HLT-05', { period: '2025' });
		expect(wider.n).toBe(5);
		expect(wider.notes.map((n) => n.en)).toContain('Computed for ages 15-69 (settings), not the 15-64 of the indicator\'s name.');
		expect(wider.notes.map((n) => n.id)).toContain('Dihitung untuk usia 15-69 tahun (pengaturan), bukan 15-64 seperti pada nama indikator.');
	});
});

describe('targets and reported values (survey)', () => {
	beforeAll(() => {
		ctx.tables.targets = createTable(
			db,
			'targets',
			['indicator', 'period', 'target', 'baseline', 'dusun', 'sex'],
			[
				['INF-01', 'end', 95, null, null, null],
				['INF-01', ' 2025-q3', 92, null, null, null], // written loosely: read as 2025-Q3
				['inf-01', 'END', 100, 70, 'A', null],
				['INF-03', 'end', 90, 40, null, null] // a village-wide row with a baseline
			]
		);
		ctx.tables.indicator_values = createTable(
			db,
			'indicator_values',
			['indicator', 'period', 'value', 'dusun', 'sex'],
			[
				['INF-01', '2025-Q3', 90.3, null, null],
				['INF-01', '2025-Q3', 95, 'A', null],
				['HLT-02', 'endline', 92.857, null, null]
			]
		);
	});

	it('exact-period target beats the end target; progress uses the computed baseline', () => {
		// value 90, baseline 700/9 = 77.78, target 92: (90 - 77.78) / (92 - 77.78) = (110/9) / (128/9) = 0.859375 -> on track
		const q3 = at('INF-01', '2025-Q3');
		expect(q3.target).toBe(92);
		expect(q3.targetPeriod).toBe('2025-Q3');
		expect(q3.baselineSource).toBe('computed');
		expect(q3.progress).toBeCloseTo(0.859375, 12);
		expect(q3.status).toBe('on_track');
		// period 2025 has no exact row: end target 95 -> (110/9) / (155/9) = 0.70968 -> needs attention
		const y = at('INF-01', '2025');
		expect(y.target).toBe(95);
		expect(y.targetPeriod).toBe('end');
		expect(y.progress).toBeCloseTo(110 / 155, 12);
		expect(y.status).toBe('needs_attention');
	});

	it('a dusun-specific target wins under a dusun filter and its baseline overrides', () => {
		// dusun A endline: H1 T 1.5, H2 T 1 (H5 NULL) -> 100%; target 100, baseline 70 -> progress 1 -> achieved
		const a = at('INF-01', '2025-Q3', { dusun: 'A' });
		expect(a.value).toBeCloseTo(100, 10);
		expect(a.target).toBe(100);
		expect(a.baseline).toBe(70);
		expect(a.baselineSource).toBe('targets');
		expect(a.change).toBeCloseTo(30, 10);
		expect(a.progress).toBeCloseTo(1, 12);
		expect(a.status).toBe('achieved');
	});

	it("a village-wide row's baseline is the village's: a dusun or group view keeps its own computed baseline", () => {
		// village, endline: road_2km H4 F 0.5, H1 T 1.5, H2 T 1, H5 T 1 (H6, H3 NULL) -> 3.5 / 4 = 87.5%
		// baseline 40 from the row: (87.5 - 40) / (90 - 40) = 0.95 -> on track
		const v = at('INF-03', '2025');
		expect(v.value).toBeCloseTo(87.5, 10);
		expect(v.baseline).toBe(40);
		expect(v.baselineSource).toBe('targets');
		expect(v.progress).toBeCloseTo(0.95, 12);
		expect(v.status).toBe('on_track');
		// dusun B: endline H4 F 0.5 (H3 NULL) -> 0%; baseline round H3 T 2, H4 F 0.5 -> 80%.
		// The village target 90 still applies: (0 - 80) / (90 - 80) = -8 -> off track
		const b = at('INF-03', '2025', { dusun: 'B' });
		expect(b.value).toBeCloseTo(0, 10);
		expect(b.target).toBe(90);
		expect(b.baseline).toBeCloseTo(80, 10);
		expect(b.baselineSource).toBe('computed');
		expect(b.progress).toBeCloseTo(-8, 10);
		expect(b.status).toBe('off_track');
		// program group: endline H1 T 1.5, H5 T 1 -> 100%; baseline H1 F 1.5, H3 T 2 -> 2 / 3.5 = 57.142857%
		// (100 - 400/7) / (90 - 400/7) = (300/7) / (230/7) = 30/23 -> achieved
		const p = at('INF-03', '2025', { group: 'program' });
		expect(p.value).toBeCloseTo(100, 10);
		expect(p.baseline).toBeCloseTo(400 / 7, 10);
		expect(p.baselineSource).toBe('computed');
		expect(p.progress).toBeCloseTo(30 / 23, 10);
		expect(p.status).toBe('achieved');
	});

	it('a baseline that is the round shown is this measurement (its change of 0 is not told as one)', () => {
		// 2023 shows the baseline round itself; 2025 shows endline against it; INF-03's baseline is the targets row's.
		const first = at('INF-01', '2023');
		expect([first.round, first.baselineRound, first.change]).toEqual(['baseline', 'baseline', 0]);
		expect(baselineIsThisMeasurement(first)).toBe(true);
		expect(baselineIsThisMeasurement(at('INF-01', '2025'))).toBe(false);
		expect(baselineIsThisMeasurement(at('INF-03', '2023'))).toBe(false);
		// A monitoring result: the first period with data is its own baseline.
		expect(baselineIsThisMeasurement({ baselineSource: 'computed', round: undefined, baselinePeriod: '2024', period: '2024' })).toBe(true);
		expect(baselineIsThisMeasurement({ baselineSource: 'computed', round: undefined, baselinePeriod: '2024', period: '2025' })).toBe(false);
	});

	it('no target -> no_target', () => {
		expect(at('INF-02', '2025').status).toBe('no_target');
	});

	it('reported values beside computed ones, flagged beyond 0.5%', () => {
		// |90 - 90.3| / 90.3 = 0.0033 <= 0.005: not flagged
		const q3 = at('INF-01', '2025-Q3');
		expect(q3.reported).toMatchObject({ value: 90.3, flagged: false });
		expect(q3.reported!.relativeDifference).toBeCloseTo(0.3 / 90.3, 10);
		// dusun A: |100 - 95| / 95 = 0.0526: flagged
		expect(at('INF-01', '2025-Q3', { dusun: 'A' }).reported).toMatchObject({ value: 95, flagged: true });
		// a reported row for the round name matches a survey indicator: |92.857142 - 92.857| / 92.857 < 0.005
		expect(at('HLT-02', '2025').reported).toMatchObject({ value: 92.857, period: 'endline', flagged: false });
		// no reported row for this breakdown
		expect(at('INF-01', '2025-Q3', { group: 'program' }).reported).toBeNull();
		// in a breakdown by dusun, each dusun is compared with its own reported row
		const b = computeBreakdown(ctx, 'INF-01', { period: '2025-Q3' }, 'dusun');
		expect(b.rows.find((r) => r.key === 'A')!.reported).toMatchObject({ value: 95, flagged: true });
		expect(b.rows.find((r) => r.key === 'B')!.reported).toBeNull();
	});
});

describe('missing inputs', () => {
	let lite: TableInfo;
	beforeAll(() => {
		/* No group, head_sex, weight, water_improved, road_2km columns. */
		lite = createTable(
			db,
			'households',
			['household_id', 'round', 'survey_date', 'dusun', 'members', 'income_month_idr', 'electricity'],
			[
				['L1', 'r1', '2025-01-05', 'A', 3, 900000, true], // pc 300k: poor
				['L2', 'r1', '2025-01-06', 'A', 2, 3000000, false], // pc 1.5M
				['L3', 'r1', '2025-01-07', 'B', 4, 1000000, true] // pc 250k: poor
			],
			{ name: 'households_lite' }
		);
	});

	it('a missing column gives its name; a missing weight column means weight 1', () => {
		const c = contextOf(db, { households: lite });
		const inf03 = computeIndicator(c, 'INF-03', { period: '2025' });
		expect(inf03.value).toBeNull();
		expect(inf03.reasonCode).toBe('missing_column');
		expect(inf03.reason).toBe('missing column households.road_2km');
		// unweighted: L1 T, L2 F, L3 T -> 2/3
		expect(computeIndicator(c, 'INF-01', { period: '2025' }).value).toBeCloseTo(66.666666666667, 9);
		// poor L1 (3 members) + L3 (4) = 7 of 9 members -> 77.78%
		expect(computeIndicator(c, 'INC-02', { period: '2025' }).value).toBeCloseTo(77.777777777778, 9);
		// a filter on a missing column
		const g = computeIndicator(c, 'INF-01', { period: '2025', filters: { group: 'program' } });
		expect(g.reason).toBe('missing column households.group');
		// no group column: no DiD
		expect(computeIndicator(c, 'INF-01', { period: '2025' }).did).toBeNull();
	});

	it('a missing table gives its name', () => {
		const c = contextOf(db, { households });
		const r = computeIndicator(c, 'HLT-02', { period: '2025' });
		expect(r.value).toBeNull();
		expect(r.reason).toBe('missing table people');
		const r2 = computeIndicator(contextOf(db, { people }), 'HLT-02', { period: '2025' });
		expect(r2.reason).toBe('missing table households');
	});

	it('a table that fails in the engine gives "query failed" in computeAll, not 0, and the others still compute', () => {
		const t = createTable(db, 'households', HH_COLUMNS, HOUSEHOLDS.slice(0, 2), { name: 'households_tmp' });
		dropTable(db, 'households_tmp');
		const c = contextOf(db, { households: t });
		expect(() => computeIndicator(c, 'INF-01', { period: '2025' })).toThrow();
		const all = computeAll(contextOf(db, { households: t, people }), { period: '2025' });
		const inf01 = all.find((r) => r.code === 'INF-01')!;
		expect(inf01.value).toBeNull();
		expect(inf01.reasonCode).toBe('query_failed');
		expect(inf01.reason).toMatch(/^query failed: /);
		expect(all.find((r) => r.code === 'PAR-01')!.reason).toBe('missing table meetings');
	});
});
