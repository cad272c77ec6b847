/**
 * Monitoring indicators (registers: enterprises, loans, trainings, health services,
 * infrastructure, meetings, budget, village index) on small hand-worked fixtures.
 * Rows are given out of order on purpose; every expectation is worked out in its comment.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import type { Database } from '../../src/lib/engine/database';
import { openDatabase, createTable, contextOf } from './fixtures-indicators/tables';
import { computeIndicator, computeBreakdown, computeTrend } from '../../src/lib/indicators/compute';
import { CATALOGUE } from '../../src/lib/indicators/catalogue';
import { INDICATOR_CODES } from '../../src/lib/engine/contract';
import { dataRange } from '../../src/lib/indicators/operations';
import { reasonMessage } from '../../src/lib/i18n/reason';
import type { ComputeContext, DimensionId } from '../../src/lib/indicators/types';

let db: Database;
let ctx: ComputeContext;

beforeAll(async () => {
	db = await openDatabase();
	const tables: ComputeContext['tables'] = {};
	tables.enterprises = createTable(
		db,
		'enterprises',
		['enterprise_id', 'report_date', 'owner_sex', 'sector', 'revenue_month_idr', 'workers', 'dusun'],
		[
			['E5', '2025-03-20', 'M', 'services', null, 2, 'B'],
			['E1', '2025-03-10', 'F', 'culinary', 4000000, 3, 'A'],
			['E2', '2025-04-05', 'M', 'trade', 7000000, 5, 'B'],
			['E4', '2025-01-31', 'F', 'handicraft', null, null, 'B'],
			['E1', '2025-01-15', 'F', 'culinary', 3000000, 2, 'A'],
			['E6', '2024-12-28', 'F', 'culinary', 9000000, 1, 'A'],
			['E3', '2025-03-31', 'joint', 'agriculture', 2000000, 6, 'A'],
			['E2', '2025-02-20', 'M', 'trade', 6000000, 4, 'B'],
			['E5', '2025-01-10', 'M', 'services', 5000000, 2, 'B'],
			['E4', '2025-03-01', 'F', 'handicraft', 1000000, 1, 'B'],
			['E7', '2025-04-01', 'F', 'trade', 2500000, 1, 'A'],
			['E1', '2025-02-12', 'F', 'culinary', 3500000, 3, 'A']
		]
	);
	tables.loans = createTable(
		db,
		'loans',
		['loan_id', 'borrower_id', 'borrower_sex', 'disbursed_date', 'amount_idr', 'report_date', 'outstanding_idr', 'days_past_due', 'status'],
		[
			['L1', 'B1', 'F', '2025-01-10', 10000000, '2025-03-31', 8000000, 45, 'active'],
			['L3', 'B1', 'F', '2024-12-01', 2000000, '2025-03-31', 1000000, 60, 'written_off'],
			['L2', 'B2', 'M', '2025-02-15', 5000000, '2025-02-28', 5000000, 0, 'active'],
			['L1', 'B1', 'F', '2025-01-10', 10000000, '2025-04-30', 0, 0, 'repaid'],
			['L5', 'B4', 'M', '2025-03-20', 4000000, '2025-04-30', 4000000, 0, 'active'],
			['L1', 'B1', 'F', '2025-01-10', 10000000, '2025-01-31', 10000000, 0, 'active'],
			['L4', 'B3', 'F', '2025-03-05', 3000000, '2025-03-31', 3000000, 35, 'active'],
			['L2', 'B2', 'M', '2025-02-15', 5000000, '2025-03-31', 4500000, 10, null], // status missing: active (outstanding > 0)
			['L3', 'B1', 'F', '2024-12-01', 2000000, '2024-12-31', 2000000, 0, 'active'],
			['L1', 'B1', 'F', '2025-01-10', 10000000, '2025-02-28', 9000000, 0, 'active']
		]
	);
	tables.trainings = createTable(
		db,
		'trainings',
		['participant_id', 'sex', 'course', 'start_date', 'completed', 'followup_date', 'working_at_followup', 'dusun'],
		[
			['S1', 'F', 'ict', '2025-03-01', true, '2025-09-01', true, 'A'],
			['S2', 'M', 'ict', '2025-02-01', false, '2025-10-01', null, 'B'],
			['S4', 'M', 'organic_farming', '2025-04-02', null, null, null, 'B'],
			['S1', 'F', 'handicraft', '2025-01-10', true, '2025-07-10', true, 'A'],
			['S5', 'F', 'handicraft', '2024-11-05', true, '2025-05-05', true, 'B'],
			['S3', 'F', 'ict', '2025-02-15', true, '2025-08-15', false, 'A']
		]
	);
	tables.health_services = createTable(
		db,
		'health_services',
		['service_id', 'date', 'person_id', 'sex', 'age', 'service', 'haz', 'dusun'],
		[
			['K1', '2025-01-15', 'C1', 'F', 2.0, 'growth_monitoring', -2.5, 'A'],
			['K2', '2025-03-15', 'C1', 'F', 2.2, 'growth_monitoring', -1.8, 'A'],
			['K3', '2025-02-10', 'C2', 'M', 4.9, 'growth_monitoring', -3.0, 'B'],
			['K4', '2025-03-05', 'C3', 'F', 5.1, 'growth_monitoring', -2.6, 'A'],
			['K5', '2025-03-20', 'C4', 'M', 1.5, 'growth_monitoring', null, 'B'],
			['K6', '2025-01-20', 'C4', 'M', 1.3, 'growth_monitoring', -2.2, 'B'],
			['K7', '2025-02-25', 'C5', 'F', 3.0, 'growth_monitoring', -2.0, 'A'],
			['K8', '2025-02-01', null, 'F', 2.0, 'growth_monitoring', -4.0, 'A'],
			['K9', '2025-04-10', 'C6', 'M', 3.0, 'growth_monitoring', -2.1, 'B'],
			['K10', '2025-03-01', 'C2', 'M', 4.9, 'checkup', null, 'B'],
			['K11', '2025-01-20', 'Q1', 'F', 30, 'health_education', null, 'A'],
			['K12', '2025-02-14', 'Q2', 'M', 40, 'health_education', null, 'B'],
			['K13', '2025-03-30', 'Q3', 'F', 25, 'health_education', null, 'A'],
			['K14', '2025-04-02', 'Q4', 'F', 28, 'health_education', null, 'B']
		]
	);
	tables.infrastructure = createTable(
		db,
		'infrastructure',
		['project_id', 'report_date', 'type', 'name', 'dusun', 'status', 'completion_date', 'budget_idr', 'spent_idr', 'households_served'],
		[
			['R1', '2025-03-31', 'road', 'Jalan 1', 'A', 'completed', '2025-03-20', 100e6, 95e6, 50],
			['R2', '2025-05-31', 'water', 'Air 2', 'B', 'completed', '2025-02-15', 50e6, 52e6, 35],
			['R3', '2025-03-31', 'electricity', 'Listrik 3', 'A', 'in_progress', null, 80e6, 20e6, null],
			['R1', '2025-01-31', 'road', 'Jalan 1', 'A', 'in_progress', null, 100e6, 40e6, null],
			['R4', '2024-11-30', 'market', 'Pasar 4', 'B', 'completed', '2024-11-15', 60e6, 58e6, 100],
			['R5', '2025-03-31', 'sanitation', 'MCK 5', 'A', 'in_progress', '2025-03-25', null, 10e6, 20],
			['R2', '2025-02-28', 'water', 'Air 2', 'B', 'completed', '2025-02-15', 50e6, 50e6, 30],
			['R1', '2025-02-28', 'road', 'Jalan 1', 'A', 'in_progress', null, 100e6, 70e6, null]
		]
	);
	tables.meetings = createTable(
		db,
		'meetings',
		['meeting_id', 'date', 'level', 'type', 'attendees', 'women_attendees', 'proposals', 'proposals_adopted'],
		[
			['M3', '2025-03-05', 'desa', 'musrenbangdes', 60, 15, 20, 8],
			['M1', '2025-01-15', 'desa', 'musdes', 40, 12, 10, 6],
			['M4', '2025-04-20', 'dusun', 'forum', 20, 9, 5, 5],
			['M2', '2025-02-10', 'dusun', 'forum', 25, 10, null, null],
			['M5', '2025-03-28', 'dusun', null, 15, 6, 4, null]
		]
	);
	tables.budget = createTable(
		db,
		'budget',
		['year', 'category', 'field', 'source', 'budget_idr', 'realized_idr'],
		[
			[2025, 'revenue', null, 'dana_desa', 800e6, 800e6],
			[2025, 'revenue', null, 'add', 300e6, 290e6],
			[2025, 'expenditure', 'pembangunan', 'dana_desa', 500e6, 450e6],
			[2025, 'expenditure', 'pembinaan', 'add', 200e6, 150e6],
			[2025, 'expenditure', 'pembangunan', 'dana_desa', 100e6, null],
			[2025, 'expenditure', 'pemerintahan', 'pades', 150e6, 140e6],
			[2025, 'financing_in', null, 'other', 50e6, 50e6],
			[2025, 'financing_out', null, 'other', 20e6, 20e6],
			[2024, 'expenditure', 'pembangunan', 'dana_desa', 400e6, 300e6],
			[2024, 'revenue', null, 'dana_desa', 400e6, 400e6]
		]
	);
	tables.village_index = createTable(
		db,
		'village_index',
		['village_code', 'village_name', 'year', 'score', 'status', 'kode_kabupaten', 'nama_kabupaten', 'kode_kecamatan', 'nama_kecamatan'],
		[
			['V1', 'Desa Satu', 2024, 0.62, 'Berkembang', '3201', 'BOGOR', '320101', 'CIBINONG'],
			['V1', 'Desa Satu', 2025, 0.7, null, '3201', 'BOGOR', '320101', 'CIBINONG'], // status from score: <= 0.7072 Berkembang
			['V2', 'Desa Dua', 2025, 0.82, 'Mandiri', '3201', 'BOGOR', '320102', 'CITEUREUP'],
			['V3', 'Desa Tiga', 2025, 0.45, 'Sangat Tertinggal', '3202', 'SUKABUMI', '320201', 'PALABUHAN'],
			['V4', 'Desa Empat', 2025, 0.58, 'Tertinggal', '3202', 'SUKABUMI', '320201', 'PALABUHAN']
		],
		// ingest lists only the contract's columns; district columns are found in the table itself
		{ listColumns: ['village_code', 'village_name', 'year', 'score', 'status'] }
	);
	tables.targets = createTable(
		db,
		'targets',
		['indicator', 'period', 'target', 'baseline', 'dusun', 'sex'],
		[
			['PAR-02', 'end', 35, 20, null, null],
			['INC-06', '2025-Q1', 50, 80, null, null],
			['EMP-02', 'end', 3, 3, null, null],
			['EMP-03', 'end', 80, 50, null, null],
			['EMP-03', 'end', 90, 60, null, 'F']
		]
	);
	tables.indicator_values = createTable(
		db,
		'indicator_values',
		['indicator', 'period', 'value', 'dusun', 'sex'],
		[
			['PAR-02', '2025-Q1', 30.7, null, null],
			['INC-04', '2025-Q1', 4, null, null]
		]
	);
	ctx = contextOf(db, tables);
});

const at = (code: string, period: string, filters: Record<string, string> = {}) => computeIndicator(ctx, code, { period, filters });
const by = (code: string, period: string, dimension: DimensionId, filters: Record<string, string> = {}) =>
	computeBreakdown(ctx, code, { period, filters }, dimension).rows.map((r) => [r.key, r.value]);

/*
 * Enterprises' latest report in 2025-Q1:
 *   E1 03-10 F culinary 4.0M w3 A | E2 02-20 M trade 6.0M w4 B | E3 03-31 joint agriculture 2.0M w6 A
 *   E4 03-01 F handicraft 1.0M w1 B | E5 03-20 M services NULL w2 B   (E6 is Dec 2024, E7 and E2's 04-05 are Q2)
 */
describe('enterprises', () => {
	it('INC-03 median revenue of the latest report in the period', () => {
		// 1M, 2M, 4M, 6M (E5's latest report has no revenue: left out, not replaced by its January one) -> (2 + 4) / 2
		const r = at('INC-03', '2025-Q1');
		expect(r.value).toBe(3000000);
		expect(r.n).toBe(4);
		expect(r.denominator).toBeNull();
		// dusun B: 6M, 1M -> 3.5M
		expect(at('INC-03', '2025-Q1', { dusun: 'B' }).value).toBe(3500000);
		// by owner_sex: F 4M, 1M -> 2.5M; M 6M; joint 2M
		expect(by('INC-03', '2025-Q1', 'owner_sex')).toEqual([
			['F', 2500000],
			['M', 6000000],
			['joint', 2000000]
		]);
		// 2025: E1 4M, E2 7M (04-05), E3 2M, E4 1M, E7 2.5M -> median 2.5M
		expect(at('INC-03', '2025').value).toBe(2500000);
	});

	it('INC-03 trend by quarter and baseline from the earliest quarter with data', () => {
		// 2024-Q4: E6 9M; 2025-Q1: 3M; 2025-Q2: E7 2.5M, E2 7M -> 4.75M
		const t = computeTrend(ctx, 'INC-03', { period: '2025-Q2' });
		expect(t.map((p) => [p.period, p.value])).toEqual([
			['2024-Q4', 9000000],
			['2025-Q1', 3000000],
			['2025-Q2', 4750000]
		]);
		const r = at('INC-03', '2025-Q2');
		expect(r.baselinePeriod).toBe('2024-Q4');
		expect(r.baseline).toBe(9000000);
		expect(r.change).toBe(-4250000);
	});

	it('EMP-05 jobs: sum of workers of the latest report in the period', () => {
		// 3 + 4 + 6 + 1 + 2 = 16
		expect(at('EMP-05', '2025-Q1').value).toBe(16);
		expect(by('EMP-05', '2025-Q1', 'sector')).toEqual([
			['agriculture', 6],
			['culinary', 3],
			['handicraft', 1],
			['services', 2],
			['trade', 4]
		]);
		// January: E1 01-15 (2), E4 01-31 (NULL), E5 01-10 (2) -> 4 from 2 enterprises with a value
		const jan = at('EMP-05', '2025-01');
		expect(jan.value).toBe(4);
		expect(jan.n).toBe(2);
		// handicraft in January: only E4, with no workers recorded -> no data, not 0
		const none = at('EMP-05', '2025-01', { sector: 'handicraft' });
		expect(none.value).toBeNull();
		expect(none.reasonCode).toBe('no_values');
	});

	it('WOM-01 women-owned share, joint shown apart', () => {
		// F: E1, E4 of 5 enterprises -> 40%; joint: E3 -> 1 (20%)
		const r = at('WOM-01', '2025-Q1');
		expect(r.numerator).toBe(2);
		expect(r.denominator).toBe(5);
		expect(r.value).toBeCloseTo(40, 12);
		expect(r.extras).toEqual({ joint_count: 1, joint_percent: 20 });
		// A: E1 F, E3 joint -> 50%; B: E2 M, E4 F, E5 M -> 33.33%
		const b = computeBreakdown(ctx, 'WOM-01', { period: '2025-Q1' }, 'dusun').rows;
		expect(b.map((x) => [x.key, x.numerator, x.denominator])).toEqual([
			['A', 1, 2],
			['B', 1, 3]
		]);
	});

	it('WOM-03 median revenue F / M', () => {
		// F: 4M, 1M -> 2.5M; M: 6M (E5 no revenue) -> 2.5 / 6
		const r = at('WOM-03', '2025-Q1');
		expect(r.numerator).toBe(2500000);
		expect(r.denominator).toBe(6000000);
		expect(r.value).toBeCloseTo(2.5 / 6, 12);
		expect(r.n).toBe(3);
		// Q2: F E7 2.5M, M E2 7M -> 2.5 / 7
		expect(at('WOM-03', '2025-Q2').value).toBeCloseTo(2.5 / 7, 12);
		// 2024-Q4: only E6 (F): no men-owned median -> no data
		const q4 = at('WOM-03', '2024-Q4');
		expect(q4.value).toBeNull();
		expect(q4.reasonCode).toBe('no_values');
	});
});

/*
 * Loans' latest snapshot as of 2025-03-31:
 *   L1 03-31 8.0M dpd 45 active (B1 F) | L2 03-31 4.5M dpd 10 status NULL -> active (B2 M)
 *   L3 03-31 1.0M dpd 60 written_off (B1 F) | L4 03-31 3.0M dpd 35 active (B3 F) | L5: first snapshot 04-30
 */
describe('loans', () => {
	it('INC-04 active borrowers as of the period: latest snapshot per loan first, then its status', () => {
		// Q1: B1 (L1), B2 (L2), B3 (L4) -> 3
		const q1 = at('INC-04', '2025-Q1');
		expect(q1.value).toBe(3);
		expect(by('INC-04', '2025-Q1', 'borrower_sex')).toEqual([
			['F', 2],
			['M', 1]
		]);
		// Feb: L1 02-28 active, L2 02-28 active, L3 2024-12-31 active -> B1, B2 -> 2
		expect(at('INC-04', '2025-02').value).toBe(2);
		// Apr: L1's latest is 04-30 repaid (its March snapshot was active: not used); L2, L4, L5 active -> B2, B3, B4 -> 3
		expect(at('INC-04', '2025-04').value).toBe(3);
		// before any snapshot: no data, not 0
		const early = at('INC-04', '2024-06');
		expect(early.value).toBeNull();
		expect(early.reason).toBe('no rows in period 2024-06');
	});

	it('INC-04 monthly trend across the snapshots', () => {
		// Dec: L3 -> B1; Jan: L1, L3 -> B1; Feb 2; Mar 3; Apr 3
		const t = computeTrend(ctx, 'INC-04', { period: '2025-03' });
		expect(t.map((p) => [p.period, p.value])).toEqual([
			['2024-12', 1],
			['2025-01', 1],
			['2025-02', 2],
			['2025-03', 3],
			['2025-04', 3]
		]);
	});

	it('INC-05 credit disbursed: distinct loans disbursed in the period', () => {
		// Q1: L1 10M + L2 5M + L4 3M + L5 4M (disbursed 03-20, first snapshot in April) = 22M, each loan once
		const r = at('INC-05', '2025-Q1');
		expect(r.value).toBe(22000000);
		expect(r.n).toBe(4);
		// F: L1 10M + L4 3M; M: L2 5M + L5 4M
		expect(by('INC-05', '2025-Q1', 'borrower_sex')).toEqual([
			['F', 13000000],
			['M', 9000000]
		]);
		expect(at('INC-05', '2024-12').value).toBe(2000000); // L3
		// April 2025: the loans are still followed (snapshots to 04-30), none disbursed: 0.
		expect(at('INC-05', '2025-04')).toMatchObject({ value: 0, reason: null });
		expect(at('INC-05', '2025-06').reasonCode).toBe('no_rows');
	});

	it('INC-06 PAR30 over active loans, with a down-direction target', () => {
		// Q1 active outstanding: 8M + 4.5M + 3M = 15.5M; dpd > 30: L1 8M + L4 3M = 11M -> 70.97%
		const r = at('INC-06', '2025-Q1');
		expect(r.numerator).toBe(11000000);
		expect(r.denominator).toBe(15500000);
		expect(r.value).toBeCloseTo(70.967741935484, 9);
		expect(r.n).toBe(3);
		// target 50 (down), baseline 80 from targets: (70.97 - 80) / (50 - 80) = 0.30108 -> off track
		expect(r.target).toBe(50);
		expect(r.baseline).toBe(80);
		expect(r.progress).toBeCloseTo(0.301075268817, 9);
		expect(r.status).toBe('off_track');
		// Feb: all active loans current -> a real 0%
		expect(at('INC-06', '2025-02').value).toBe(0);
		// Apr: L2 4.5M (dpd 10), L4 3M (dpd 35), L5 4M -> 3 / 11.5 = 26.09%
		expect(at('INC-06', '2025-04').value).toBeCloseTo((3 / 11.5) * 100, 9);
	});

	it('WOM-02 women among active borrowers', () => {
		// Q1: B1 F, B3 F, B2 M -> 2/3; Feb: B1 F, B2 M -> 1/2
		expect(at('WOM-02', '2025-Q1').value).toBeCloseTo(66.666666666667, 9);
		expect(at('WOM-02', '2025-02').value).toBeCloseTo(50, 12);
		expect(at('WOM-02', '2025-Q1', { borrower_sex: 'F' }).reasonCode).toBe('filter_not_supported');
	});

	it('reported value beside a count, flagged when it disagrees', () => {
		// reported 4, computed 3: |3 - 4| / 4 = 0.25 -> flagged
		expect(at('INC-04', '2025-Q1').reported).toMatchObject({ value: 4, flagged: true, relativeDifference: 0.25 });
	});
});

/*
 * Trainings, enrolments starting in 2025-Q1: S1 handicraft 01-10 (done), S2 ict 02-01 (not done),
 * S3 ict 02-15 (done), S1 ict 03-01 (done).
 */
describe('trainings', () => {
	it('EMP-02 people trained: distinct participants', () => {
		// S1, S2, S3 -> 3 (S1 enrolled twice)
		expect(at('EMP-02', '2025-Q1').value).toBe(3);
		// handicraft {S1}; ict {S1, S2, S3}
		expect(by('EMP-02', '2025-Q1', 'course')).toEqual([
			['handicraft', 1],
			['ict', 3]
		]);
		expect(at('EMP-02', '2025-Q1', { sex: 'F' }).value).toBe(2);
	});

	it('EMP-02 target equal to its baseline: progress undefined, status by direction', () => {
		// target 3 = baseline 3: progress "-"; value 3 meets an up target -> achieved
		const r = at('EMP-02', '2025-Q1');
		expect(r.target).toBe(3);
		expect(r.progress).toBeNull();
		expect(r.status).toBe('achieved');
		// Q2: S4 only -> 1 < 3 -> off track
		expect(at('EMP-02', '2025-Q2').status).toBe('off_track');
	});

	it('EMP-03 completion rate and the most specific target', () => {
		// Q1: 3 completed of 4 enrolments -> 75%; target 80, baseline 50 -> (75 - 50) / 30 = 0.8333 -> needs attention
		const r = at('EMP-03', '2025-Q1');
		expect(r.value).toBeCloseTo(75, 12);
		expect(r.target).toBe(80);
		expect(r.progress).toBeCloseTo(25 / 30, 12);
		expect(r.status).toBe('needs_attention');
		// sex F: S1, S3, S1 all done -> 100%; the F row wins: target 90, baseline 60 -> 40 / 30 -> achieved
		const f = at('EMP-03', '2025-Q1', { sex: 'F' });
		expect(f.value).toBeCloseTo(100, 12);
		expect(f.target).toBe(90);
		expect(f.baseline).toBe(60);
		expect(f.status).toBe('achieved');
		// sex M: S2 not done -> 0%; no M row: overall target 80, baseline 50 -> (0 - 50) / 30 -> off track
		const m = at('EMP-03', '2025-Q1', { sex: 'M' });
		expect(m.value).toBe(0);
		expect(m.target).toBe(80);
		expect(m.status).toBe('off_track');
		// Q2: S4's completion is not recorded: counted among all enrolments, not as completed -> 0 / 1
		expect(at('EMP-03', '2025-Q2').value).toBe(0);
		// dusun is not a disaggregation of EMP-03
		expect(at('EMP-03', '2025-Q1', { dusun: 'A' }).reason).toBe('filter not supported by this indicator: dusun');
	});

	it('EMP-04 working at follow-up, over enrolments followed up in the period', () => {
		// Q3 follow-ups: S1 07-10 T, S3 08-15 F, S1 09-01 T -> 2/3
		const r = at('EMP-04', '2025-Q3');
		expect(r.value).toBeCloseTo(66.666666666667, 9);
		expect(r.n).toBe(3);
		// Q2: S5 05-05 T -> 100%
		expect(at('EMP-04', '2025-Q2').value).toBe(100);
		// Oct 2025: S2 followed up but not recorded -> zero denominator
		const oct = at('EMP-04', '2025-10');
		expect(oct.value).toBeNull();
		expect(oct.reasonCode).toBe('zero_denominator');
		// Q1: no follow-ups at all -> no rows
		expect(at('EMP-04', '2025-Q1').reasonCode).toBe('no_rows');
	});

	it('WOM-04 women among distinct trainees, baseline from the earliest quarter', () => {
		// Q1 participants S1 F, S2 M, S3 F -> 2/3
		const r = at('WOM-04', '2025-Q1');
		expect(r.value).toBeCloseTo(66.666666666667, 9);
		// handicraft: S1 -> 100%; ict: S1, S2, S3 -> 2/3
		const b = by('WOM-04', '2025-Q1', 'course');
		expect(b[0]).toEqual(['handicraft', 100]);
		expect(b[1][1]).toBeCloseTo(66.666666666667, 9);
		// earliest quarter with data: 2024-Q4 (S5 F) -> 100%
		expect(r.baselinePeriod).toBe('2024-Q4');
		expect(r.baseline).toBe(100);
		expect(r.change).toBeCloseTo(-33.333333333333, 9);
	});
});

describe('health services', () => {
	it('HLT-03 stunting: latest growth record per child in the period, then age < 5 and a haz', () => {
		// Q1 latest records: C1 (2.2, -1.8) no; C2 (4.9, -3.0) yes; C3 aged 5.1: out;
		// C4 latest haz NULL: out (its January -2.2 is not used); C5 (3.0, -2.0) no (not < -2); no-person row: out
		// -> 1 / 3
		const r = at('HLT-03', '2025-Q1');
		expect(r.numerator).toBe(1);
		expect(r.denominator).toBe(3);
		expect(r.value).toBeCloseTo(33.333333333333, 9);
		expect(r.ci).toBeNull(); // a register, not a survey
		expect(r.smallSample).toBe(true); // proportion on n = 3
		// January: C1 (2.0, -2.5) yes, C4 (1.3, -2.2) yes -> 100%
		expect(at('HLT-03', '2025-01').value).toBe(100);
		// by sex, Q1: F C1, C5 -> 0%; M C2 -> 100%
		expect(by('HLT-03', '2025-Q1', 'sex')).toEqual([
			['F', 0],
			['M', 100]
		]);
	});

	it('HLT-04 health-education attendances', () => {
		// Q1: K11, K12, K13 -> 3; dusun A: K11, K13 -> 2; sex M: K12 -> 1
		expect(at('HLT-04', '2025-Q1').value).toBe(3);
		expect(by('HLT-04', '2025-Q1', 'dusun')).toEqual([
			['A', 2],
			['B', 1]
		]);
		expect(at('HLT-04', '2025-Q1', { sex: 'M' }).value).toBe(1);
		// March: K13 -> 1; baseline: January (K11) -> 1
		const mar = at('HLT-04', '2025-03');
		expect(mar.value).toBe(1);
		expect(mar.baselinePeriod).toBe('2025-01');
		expect(mar.baseline).toBe(1);
	});
});

/*
 * Projects' latest report as of 2025-03-31:
 *   R1 03-31 completed (03-20) 100M/95M hh 50 A road | R2 02-28 completed (02-15) 50M/50M hh 30 B water
 *   R3 03-31 in_progress 80M/20M A electricity | R4 2024-11-30 completed (2024-11-15) 60M/58M hh 100 B market
 *   R5 03-31 in_progress (completion date 03-25 recorded, not completed) budget NULL / 10M A sanitation
 */
describe('infrastructure', () => {
	it('INF-04 completed in the period and completed as of the period', () => {
		// R1, R2 (R4 completed in 2024; R5 not completed) -> 2
		expect(at('INF-04', '2025-Q1').value).toBe(2);
		expect(by('INF-04', '2025-Q1', 'type')).toEqual([
			['electricity', 0],
			['market', 0],
			['road', 1],
			['sanitation', 0],
			['water', 1]
		]);
		// Feb: R2 (02-15) -> 1; Q2: none completed in Q2 -> a real 0; 2024-Q4: R4 -> 1
		expect(at('INF-04', '2025-02').value).toBe(1);
		expect(at('INF-04', '2025-Q2').value).toBe(0);
		expect(at('INF-04', '2024-Q4').value).toBe(1);
		// before any report: no data
		expect(at('INF-04', '2024-06').reasonCode).toBe('no_rows');
		// after the last report (2025-05-31): no data either, although every project has a
		// report as of Q3 (INF-04 counts completions in the period; it is not an as-of indicator)
		const q3 = at('INF-04', '2025-Q3');
		expect([q3.value, q3.reasonCode]).toEqual([null, 'no_rows']);
		expect(at('INF-04', '2025-05').value).toBe(0);
		// its breakdown says the same, rather than a row of "–" per project type
		const b = computeBreakdown(ctx, 'INF-04', { period: '2025-Q3' }, 'type');
		expect([b.rows, b.reasonCode, b.reason]).toEqual([[], 'no_rows', 'no rows in period 2025-Q3']);
		// a dusun with data and no completion in the period: a real 0
		expect(at('INF-04', '2025-Q2', { dusun: 'A' }).value).toBe(0);
	});

	it('a dusun the data does not have gives no data, never a count of 0', () => {
		for (const code of ['INF-04', 'INF-06', 'HLT-04', 'PAR-01', 'INF-05']) {
			const r = at(code, '2025-Q1', { dusun: 'Kali Putih' });
			if (code === 'PAR-01') {
				expect(r.reasonCode).toBe('filter_not_supported'); // meetings have no dusun breakdown
				continue;
			}
			expect([code, r.value, r.reasonCode, r.reason]).toEqual([code, null, 'filter_value_absent', 'no rows with dusun Kali Putih']);
			expect(r.status).toBe('no_data');
		}
		const trend = computeTrend(ctx, 'HLT-04', { period: '2025-Q1', filters: { dusun: 'Kali Putih' } });
		expect(trend.length).toBeGreaterThan(0);
		expect(trend.every((p) => p.value === null && p.reasonCode === 'filter_value_absent')).toBe(true);
		expect(computeBreakdown(ctx, 'INF-04', { period: '2025-Q1', filters: { dusun: 'Kali Putih' } }, 'type').reasonCode).toBe('filter_value_absent');
		// the same dusun spelt as in the data still counts
		expect(at('HLT-04', '2025-Q1', { dusun: 'A' }).value).toBe(2);
	});

	it('INF-05 budget realisation over the latest report as of the period', () => {
		// Q1 spent: 95 + 50 + 20 + 58 + 10 (R5, no budget recorded) = 233; budget: 100 + 50 + 80 + 60 = 290 -> 80.34%
		const r = at('INF-05', '2025-Q1');
		expect(r.numerator).toBe(233e6);
		expect(r.denominator).toBe(290e6);
		expect(r.value).toBeCloseTo(80.344827586207, 9);
		expect(r.extras.unpaired).toBe(1);
		// A: R1 95/100, R3 20/80, R5 10/- -> 125/180; B: R2 50/50, R4 58/60 -> 108/110
		const b = by('INF-05', '2025-Q1', 'dusun');
		expect(b[0][0]).toBe('A');
		expect(b[0][1]).toBeCloseTo(69.444444444444, 9);
		expect(b[1][1]).toBeCloseTo(98.181818181818, 9);
		// Feb: R1 02-28 70/100, R2 50/50, R4 58/60 -> 178/210
		expect(at('INF-05', '2025-02').value).toBeCloseTo(84.761904761905, 9);
	});

	it('INF-06 households served by projects completed as of the period', () => {
		// Q1: R1 50 + R2 30 + R4 100 = 180; Feb: R2 30 + R4 100 = 130; Q2: R2's May report says 35 -> 185
		expect(at('INF-06', '2025-Q1').value).toBe(180);
		expect(at('INF-06', '2025-02').value).toBe(130);
		expect(at('INF-06', '2025-Q2').value).toBe(185);
		expect(at('INF-06', '2025-Q1', { dusun: 'B' }).value).toBe(130);
		// as of a period after the last report (2025-05-31), the last snapshots carry forward
		expect(at('INF-06', '2025-Q3').value).toBe(185);
		expect(at('INF-06', '2026').value).toBe(185);
	});
});

describe('reported values alone (indicator_values without the tables to compute them)', () => {
	it('are shown beside "no data", and their periods are the data range', () => {
		const reported = createTable(db, 'indicator_values', ['indicator', 'period', 'value', 'dusun', 'sex'], [
			['PAR-01', '2025-Q1', 3, null, null],
			['HLT-03', '2025-Q3', 18.2, null, null],
			['XYZ-09', 'end', 1, null, null]
		], { name: 'iv_alone' });
		const alone: ComputeContext = { db, tables: { indicator_values: reported }, settings: ctx.settings };
		const r = computeIndicator(alone, 'PAR-01', { period: '2025-Q1' });
		expect([r.value, r.reasonCode]).toEqual([null, 'missing_table']);
		expect(r.reported).toMatchObject({ value: 3, period: '2025-Q1', flagged: false });
		expect(computeIndicator(alone, 'PAR-01', { period: '2025-Q2' }).reported).toBeNull();
		// the quarters of the reported rows: 2025-01-01 .. 2025-09-30 ('end' is no period); none is a dated record
		const range = dataRange({ db, tables: { indicator_values: reported } });
		expect([range.from, range.to, range.lastDate]).toEqual(['2025-01-01', '2025-09-30', null]);
		// quarters reported: the period select offers quarters and months
		expect(range.yearsOnly).toBe(false);
	});

	it('with only whole years (reported for years, a budget), the data range is years only', () => {
		const yearly = createTable(db, 'indicator_values', ['indicator', 'period', 'value', 'dusun', 'sex'], [
			['PAR-01', '2024', 3, null, null],
			['HLT-03', '2025', 18.2, null, null]
		], { name: 'iv_yearly' });
		const r1 = dataRange({ db, tables: { indicator_values: yearly } });
		expect([r1.from, r1.to, r1.yearsOnly]).toEqual(['2024-01-01', '2025-12-31', true]);
		expect(dataRange({ db, tables: { budget: ctx.tables.budget! } }).yearsOnly).toBe(true);
		expect(dataRange({ db, tables: { budget: ctx.tables.budget!, indicator_values: yearly } }).yearsOnly).toBe(true);
		// a table with dates of its own: not years only
		expect(dataRange({ db, tables: { budget: ctx.tables.budget!, meetings: ctx.tables.meetings! } }).yearsOnly).toBe(false);
		expect(dataRange({ db, tables: {} }).yearsOnly).toBe(false);
	});
});

describe('the contract knows the catalogue', () => {
	it("lists the catalogue's codes for targets and indicator_values", () => {
		expect([...INDICATOR_CODES]).toEqual(CATALOGUE.map((d) => d.code));
	});
});

describe('as-of indicators', () => {
	it('are the five the README names (they carry the latest snapshot past the data)', () => {
		expect(CATALOGUE.filter((d) => d.asOf).map((d) => d.code)).toEqual(['INC-04', 'INC-06', 'WOM-02', 'INF-05', 'INF-06']);
	});
});

describe('meetings', () => {
	it('PAR-01 meetings held, by level and type (NULL type kept, last)', () => {
		// Q1: M1, M2, M3, M5 -> 4
		expect(at('PAR-01', '2025-Q1').value).toBe(4);
		expect(by('PAR-01', '2025-Q1', 'level')).toEqual([
			['desa', 2],
			['dusun', 2]
		]);
		expect(by('PAR-01', '2025-Q1', 'type')).toEqual([
			['forum', 1],
			['musdes', 1],
			['musrenbangdes', 1],
			[null, 1]
		]);
		// 2024: no meetings recorded -> no data, not 0
		const y = at('PAR-01', '2024');
		expect(y.value).toBeNull();
		expect(y.reason).toBe('no rows in period 2024');
		// Q2 is inside the meetings' dates (Jan-Apr 2025), and no village-level meeting was held
		// in it: a count of 0 (its inputs are there), not "no data".
		const q2 = at('PAR-01', '2025-Q2', { level: 'desa' });
		expect([q2.value, q2.reason, q2.n]).toEqual([0, null, 0]);
		expect(at('PAR-01', '2025-Q3', { level: 'desa' }).reason).toBe('no rows in period 2025-Q3');
		expect(computeTrend(ctx, 'PAR-01', { period: '2025-04', filters: { level: 'desa' } }).map((p) => p.value)).toEqual([1, 0, 1, 0]);
		// A share of no rows stays "no data" (its denominator is 0).
		expect(at('PAR-02', '2025-Q2', { level: 'desa' }).value).toBeNull();
	});

	it('PAR-01 trend by quarter and by month; baseline from the earliest quarter', () => {
		expect(computeTrend(ctx, 'PAR-01', { period: '2025-Q2' }).map((p) => [p.period, p.value])).toEqual([
			['2025-Q1', 4],
			['2025-Q2', 1]
		]);
		expect(computeTrend(ctx, 'PAR-01', { period: '2025-04' }).map((p) => p.value)).toEqual([1, 1, 2, 1]);
		const q2 = at('PAR-01', '2025-Q2');
		expect(q2.baselinePeriod).toBe('2025-Q1');
		expect(q2.baseline).toBe(4);
		expect(q2.change).toBe(-3);
	});

	it('PAR-02 women attendees: ratio of sums, target and reported value', () => {
		// Q1: (12 + 10 + 15 + 6) / (40 + 25 + 60 + 15) = 43 / 140 = 30.71%
		const r = at('PAR-02', '2025-Q1');
		expect(r.numerator).toBe(43);
		expect(r.denominator).toBe(140);
		expect(r.value).toBeCloseTo(30.714285714286, 9);
		// target 35, baseline 20: (30.71 - 20) / 15 = 0.7143 -> needs attention
		expect(r.progress).toBeCloseTo(0.714285714286, 9);
		expect(r.status).toBe('needs_attention');
		// reported 30.7: |30.714 - 30.7| / 30.7 = 0.00047 -> not flagged
		expect(r.reported).toMatchObject({ value: 30.7, flagged: false });
		// desa: 27 / 100; dusun: 16 / 40 (never the mean of meeting percentages)
		expect(by('PAR-02', '2025-Q1', 'level')).toEqual([
			['desa', 27],
			['dusun', 40]
		]);
	});

	it('PAR-03 proposals adopted: sum(proposals_adopted) / sum(proposals), each sum of what is recorded', () => {
		// Q1 adopted: M1 6 + M3 8 = 14 (M5 not recorded); proposals: M1 10 + M3 20 + M5 4 = 34 (M2 records neither)
		const r = at('PAR-03', '2025-Q1');
		expect(r.numerator).toBe(14);
		expect(r.denominator).toBe(34);
		expect(r.value).toBeCloseTo(41.176470588235, 9);
		expect(r.n).toBe(3);
		// M5 records proposals but not how many were adopted: counted and named
		expect(r.extras.unpaired).toBe(1);
		expect(r.notes.map((n) => n.en)).toEqual([
			'Incomplete rows: 1 (meetings with only one of proposals and proposals_adopted). Each sum adds what is recorded, as the definition does; complete them for the full figure.'
		]);
		expect(at('PAR-03', '2025-Q2').notes).toEqual([]);
		expect(at('PAR-03', '2025-Q2').value).toBe(100); // M4 5/5
	});

	it('PAR-03 with the proposal columns missing', () => {
		const meetings = createTable(
			db,
			'meetings',
			['meeting_id', 'date', 'level', 'attendees', 'women_attendees'],
			[['X1', '2025-01-01', 'desa', 10, 5]],
			{ name: 'meetings_lite' }
		);
		const r = computeIndicator(contextOf(db, { meetings }), 'PAR-03', { period: '2025' });
		expect(r.value).toBeNull();
		expect(r.reason).toBe('missing column meetings.proposals, meetings.proposals_adopted');
		// PAR-01 still computes; a filter on its missing `type` column names the column
		expect(computeIndicator(contextOf(db, { meetings }), 'PAR-01', { period: '2025' }).value).toBe(1);
		expect(computeIndicator(contextOf(db, { meetings }), 'PAR-01', { period: '2025', filters: { type: 'forum' } }).reason).toBe(
			'missing column meetings.type'
		);
	});
});

describe('budget', () => {
	it('PAR-04 expenditure realisation for the year of the period, with the balance check', () => {
		// 2025 expenditure: realised 450 + 150 + 140 = 740 (one line records none) over budget 500 + 200 + 100 + 150 = 950
		const r = at('PAR-04', '2025-Q3');
		expect(r.numerator).toBe(740e6);
		expect(r.denominator).toBe(950e6);
		expect(r.value).toBeCloseTo(77.894736842105, 9);
		// A ratio of rupiah over 4 lines is no proportion of 4 units: no small-sample mark.
		expect([r.n, r.smallSample]).toEqual([4, false]);
		// realised: revenue 800 + 290 = 1090; expenditure 450 + 150 + 140 = 740; financing 50 in, 20 out
		// balance 1090 - 740 + 50 - 20 = 380 (not zero: noted, not hidden)
		expect(r.extras).toEqual({ unpaired: 1, revenue: 1090e6, expenditure: 740e6, financing_in: 50e6, financing_out: 20e6, balance: 380e6, uncategorised: 0 });
		// the line without a realised amount is counted, and the result says so
		expect(r.notes.map((n) => n.en)).toContain(
			'Incomplete rows: 1 (expenditure lines with only one of budget_idr and realized_idr). Each sum adds what is recorded, as the definition does; complete them for the full figure.'
		);
		expect(r.notes.map((n) => n.id)).toContain(
			'Baris tidak lengkap: 1 (baris belanja yang hanya mencatat salah satu dari budget_idr dan realized_idr). Setiap jumlah menjumlahkan yang tercatat, sesuai rumusnya; lengkapi baris itu agar angkanya utuh.'
		);
		// The balance in rupiah, in each language's own format.
		expect(r.notes.map((n) => n.en).join(' ')).toMatch(/not zero \(IDR\s380,000,000\)/);
		expect(r.notes.map((n) => n.id).join(' ')).toMatch(/tidak nol \(Rp\s380\.000\.000\)/);
		// 2024 has no financing line: those totals are not recorded (null, shown "–"), and the
		// balance counts them as 0: 400 - 300 = 100
		expect(at('PAR-04', '2024').extras).toEqual({ unpaired: 0, revenue: 400e6, expenditure: 300e6, financing_in: null, financing_out: null, balance: 100e6, uncategorised: 0 });
		// baseline: the earliest year with data, 2024: 300 / 400 = 75%
		expect(r.baselinePeriod).toBe('2024');
		expect(r.baseline).toBe(75);
		// 77.894736842105 - 75
		expect(r.change).toBeCloseTo(2.894736842105, 9);
		// by source: add 150/200, dana_desa 450/(500 + 100), pades 140/150
		const b = by('PAR-04', '2025', 'source');
		expect(b.map((x) => x[0])).toEqual(['add', 'dana_desa', 'pades']);
		expect(b[1][1]).toBeCloseTo(75, 12);
		expect(b[2][1]).toBeCloseTo(93.333333333333, 9);
		// a year with no budget: the reason names the rows PAR-04 takes
		expect(at('PAR-04', '2023').reason).toBe('no rows for year 2023 with category=expenditure');
		// trend: one point per year whatever the period kind
		expect(computeTrend(ctx, 'PAR-04', { period: '2025-07' }).map((p) => p.period)).toEqual(['2024', '2025']);
	});

	it('PAR-05 Dana Desa absorption', () => {
		// 2025 expenditure from dana_desa: 450 / (500 + 100: the 100M line records no realisation) -> 75%
		expect(at('PAR-05', '2025').value).toBeCloseTo(75, 12);
		expect(at('PAR-05', '2024').value).toBeCloseTo(75, 12);
		expect(at('PAR-05', '2025', { source: 'add' }).reasonCode).toBe('filter_not_supported');
	});

	it('PAR-04 and PAR-05 say how many of the year\'s budget lines have no category (a merged cell left empty), which they do not count', () => {
		const budget = createTable(
			db,
			'budget',
			['year', 'category', 'field', 'source', 'budget_idr', 'realized_idr'],
			[
				[2025, 'expenditure', 'pembangunan', 'dana_desa', 400e6, 300e6],
				[2025, null, 'pembangunan', 'dana_desa', 100e6, 20e6],
				[2025, null, 'pembinaan', 'add', 50e6, 50e6],
				[2024, null, 'pembinaan', 'add', 50e6, 50e6]
			],
			{ name: 'budget_gaps' }
		);
		const c = contextOf(db, { budget });
		for (const code of ['PAR-04', 'PAR-05']) {
			const r = computeIndicator(c, code, { period: '2025' });
			// 300 / 400: the two lines without a category are not counted, and the result says so
			expect(r.value, code).toBe(75);
			expect(r.extras.uncategorised, code).toBe(2);
			expect(r.notes.map((n) => n.en), code).toContain(
				'2 budget line(s) of the year have no category and are not counted (a merged cell in the spreadsheet?): fill their category in for the full figure.'
			);
			expect(r.notes.map((n) => n.id), code).toContain('2 baris anggaran tahun ini tanpa kategori tidak dihitung (sel gabungan di lembar kerja?): isi kategorinya agar angkanya utuh.');
		}
		// A year with every line categorised has no such note.
		expect(at('PAR-04', '2025').notes.map((n) => n.en).join(' ')).not.toContain('no category');
	});

	it('PAR-05 in a year whose expenditure lines are all of other sources names the rows it takes', () => {
		const budget = createTable(
			db,
			'budget',
			['year', 'category', 'field', 'source', 'budget_idr', 'realized_idr'],
			[
				[2024, 'expenditure', 'pembangunan', 'add', 400e6, 300e6],
				[2024, 'revenue', null, 'dana_desa', 400e6, 400e6]
			],
			{ name: 'budget_no_dd' }
		);
		const c = contextOf(db, { budget });
		const r = computeIndicator(c, 'PAR-05', { period: '2024' });
		expect([r.value, r.reasonCode, r.reason]).toEqual([null, 'no_rows', 'no rows for year 2024 with category=expenditure, source=dana_desa']);
		expect(reasonMessage(r.reason, r.reasonCode)).toEqual({ key: 'reason.no_rows_with', values: { conditions: 'category=expenditure, source=dana_desa' } });
		// PAR-04 has its expenditure line: 300 / 400
		expect(computeIndicator(c, 'PAR-04', { period: '2024' }).value).toBe(75);
		// each definition's rowsWith is the condition its query puts on the rows
		const withRows = CATALOGUE.filter((d) => d.rowsWith);
		expect(withRows.map((d) => d.code)).toEqual(['HLT-03', 'PAR-04', 'PAR-05']);
		for (const d of withRows) {
			const q = computeIndicator(ctx, d.code, { period: '2025' });
			for (const [column, value] of d.rowsWith!) {
				expect(q.sql, d.code).toContain(`"t"."${column}" = ?`);
				expect(q.params, d.code).toContain(value);
			}
		}
		// an indicator over all of its table's rows keeps the plain reason
		expect(reasonMessage('no rows in period 2024', 'no_rows')).toEqual({ key: 'reason.no_rows', values: {} });
	});
});

describe('village index', () => {
	it('VIL-01 mean score over the villages of the year, status shares beside', () => {
		// 2025: (0.70 + 0.82 + 0.45 + 0.58) / 4 = 0.6375
		const r = at('VIL-01', '2025');
		expect(r.value).toBeCloseTo(0.6375, 12);
		expect(r.n).toBe(4);
		// V1 2025 has no status: 0.70 <= 0.7072 -> Berkembang
		expect(r.extras).toEqual({
			status_sangat_tertinggal_percent: 25,
			status_tertinggal_percent: 25,
			status_berkembang_percent: 25,
			status_maju_percent: 0,
			status_mandiri_percent: 25
		});
		// baseline: 2024, V1 0.62
		expect(r.baseline).toBeCloseTo(0.62, 12);
	});

	it('VIL-01 filters and breakdowns by district columns (code or name) and status', () => {
		// SUKABUMI: (0.45 + 0.58) / 2; code 3201 (BOGOR): (0.70 + 0.82) / 2
		expect(at('VIL-01', '2025', { kabupaten: 'SUKABUMI' }).value).toBeCloseTo(0.515, 12);
		expect(at('VIL-01', '2025', { kabupaten: '3201' }).value).toBeCloseTo(0.76, 12);
		expect(at('VIL-01', '2025', { village_code: 'V3' }).value).toBeCloseTo(0.45, 12);
		const k = computeBreakdown(ctx, 'VIL-01', { period: '2025' }, 'kabupaten').rows;
		expect(k.map((x) => [x.key, x.label])).toEqual([
			['3201', 'BOGOR'],
			['3202', 'SUKABUMI']
		]);
		expect(k[0].value).toBeCloseTo(0.76, 12);
		const s = by('VIL-01', '2025', 'status');
		expect(s.map((x) => x[0])).toEqual(['Berkembang', 'Mandiri', 'Sangat Tertinggal', 'Tertinggal']);
		expect(s[0][1]).toBeCloseTo(0.7, 12);
		expect(at('VIL-01', '2025', { status: 'Berkembang' }).value).toBeCloseTo(0.7, 12);
		expect(at('VIL-01', '2025', { kecamatan: 'PALABUHAN' }).value).toBeCloseTo(0.515, 12);
	});
});
