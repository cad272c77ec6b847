/**
 * The report's own SQL (src/lib/report): efficiency and data quality on small hand-worked
 * fixtures (every expectation is worked out in its comment), the budget summary, and the
 * CSV export of a formula cell.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import Papa from 'papaparse';
import type { Database } from '../../src/lib/engine/database';
import { ident } from '../../src/lib/engine/sql';
import { openDatabase, createTable, contextOf, dropTable } from './fixtures-indicators/tables';
import { computeIndicator } from '../../src/lib/indicators/compute';
import { aggregateBudget, budgetRowPercent } from '../../src/lib/report/view';
import type { TableMap } from '../../src/lib/indicators/types';
import {
	costPerBorrower,
	costPerHousehold,
	costPerTrainee,
	reportBudget,
	reportDataQuality,
	reportEfficiency,
	yearOfPeriod,
	type ReportContext
} from '../../src/lib/report/operations';
import { budgetLinesQuery, isNumericType, outlierSummaryQuery, TRAINING_ACTIVITY_PATTERNS } from '../../src/lib/report/queries';
import { COMPUTE_OPERATIONS } from '../../src/lib/indicators/operations';
import { toCsv, viewFileName } from '../../src/lib/export/csv';

let db: Database;
let tables: TableMap;
let ctx: ReportContext;

const M = 1_000_000;

beforeAll(async () => {
	db = await openDatabase();
	tables = {};
	tables.budget = createTable(
		db,
		'budget',
		['year', 'category', 'field', 'activity', 'source', 'budget_idr', 'realized_idr'],
		[
			// training lines of 2025: 9 M + 3 M realised
			[2025, 'expenditure', 'Pemberdayaan', 'Pelatihan Menjahit', 'dana_desa', 10 * M, 9 * M],
			[2025, 'expenditure', 'Pemberdayaan', 'ICT Training', 'add', 5 * M, 3 * M],
			// a road: "usaha" alone is not micro-enterprise support
			[2025, 'expenditure', 'Pembangunan', 'Jalan Usaha Tani', 'other', 70 * M, 60 * M],
			// micro-enterprise support: 4 M + 1 M realised
			[2025, 'expenditure', 'Pemberdayaan', 'Pendampingan Usaha Mikro', 'dana_desa', 4 * M, 4 * M],
			[2025, 'expenditure', 'Pemberdayaan', 'Modal UMKM', 'dana_desa', 2 * M, 1 * M],
			// revenue is never spending, whatever its name
			[2025, 'revenue', null, 'Hasil pelatihan', 'pades', 1 * M, 1 * M],
			// another year
			[2024, 'expenditure', 'Pemberdayaan', 'Pelatihan Menjahit', 'dana_desa', 8 * M, 8 * M],
			// infrastructure: two lines for "Jalan Dusun A" (case and spaces differ): 90 M + 10 M
			[2025, 'expenditure', 'Pembangunan', 'Jalan Dusun A', 'dana_desa', 100 * M, 90 * M],
			[2025, 'expenditure', 'Pembangunan', ' jalan dusun a ', 'other', 20 * M, 10 * M],
			[2025, 'expenditure', 'Pembangunan', 'Sumur B', 'dana_desa', 50 * M, 40 * M],
			[2025, 'expenditure', 'Pembangunan', 'MCK C', 'dana_desa', 30 * M, 30 * M],
			// 2027: a training line and nobody trained
			[2027, 'expenditure', 'Pemberdayaan', 'Pelatihan Kopi', 'dana_desa', 1 * M, 1 * M]
		]
	);
	tables.trainings = createTable(
		db,
		'trainings',
		['participant_id', 'sex', 'course', 'start_date', 'completed'],
		[
			['P1', 'F', 'ict', '2025-02-01', true],
			['P1', 'F', 'handicraft', '2025-08-01', true], // same person twice: counted once
			['P2', 'M', 'ict', '2025-12-31', false],
			['P3', 'F', 'organic_farming', '2025-01-01', true],
			['P4', 'F', 'ict', '2024-12-31', true], // before the year
			['P5', 'M', 'ict', '2026-01-01', true] // after the year
		]
	);
	tables.loans = createTable(
		db,
		'loans',
		['loan_id', 'borrower_id', 'borrower_sex', 'disbursed_date', 'amount_idr', 'report_date', 'outstanding_idr', 'days_past_due', 'status'],
		[
			['L1', 'B1', 'F', '2025-01-10', 5 * M, '2025-01-31', 5 * M, 0, 'active'],
			['L1', 'B1', 'F', '2025-01-10', 5 * M, '2025-02-28', 4 * M, 0, 'active'], // B1 once
			['L2', 'B2', 'M', '2025-03-01', 2 * M, '2025-03-31', 2 * M, 0, null], // status missing, outstanding > 0: active
			['L3', 'B3', 'F', '2024-06-01', 1 * M, '2025-01-31', 0, 0, 'repaid'], // nothing outstanding
			['L4', 'B4', 'M', '2024-06-01', 1 * M, '2025-05-31', 1 * M, 200, 'written_off'], // not active
			['L5', 'B5', 'F', '2024-06-01', 1 * M, '2024-12-31', 1 * M, 0, 'active'] // snapshot before the year
		]
	);
	tables.infrastructure = createTable(
		db,
		'infrastructure',
		['project_id', 'report_date', 'type', 'name', 'status', 'completion_date', 'households_served'],
		[
			['A', '2025-03-31', 'road', 'Jalan Dusun A', 'in_progress', null, 50],
			['A', '2025-06-30', 'road', 'Jalan Dusun A', 'completed', '2025-06-15', 50], // counted: 50 households, 100 M
			['B', '2025-05-31', 'water', 'Sumur B', 'completed', '2025-05-01', null], // households unknown: left out
			['C', '2024-11-30', 'sanitation', 'MCK C', 'completed', '2024-11-01', 30], // completed the year before
			['C', '2025-01-31', 'sanitation', 'MCK C', 'completed', '2024-11-01', 30],
			['D', '2025-09-30', 'market', 'Pasar D', 'completed', '2025-09-01', 200], // no budget line: unmatched
			['E', '2025-12-31', 'road', 'Jembatan E', 'in_progress', '2025-12-01', 80], // not completed as of the year's end
			['F', '2025-11-30', 'public_facility', 'Balai F', 'in_progress', null, 90],
			['F', '2026-01-31', 'public_facility', 'Balai F', 'completed', '2025-12-20', 90] // reported completed only after the year
		]
	);
	ctx = { db, tables };

	// Data-quality fixtures live in the main schema, as the workspace's tables do.
	db.exec(`DROP TABLE IF EXISTS main.${ident('dq_fixture')}`);
	db.exec(`CREATE TABLE main.${ident('dq_fixture')} (${ident('id')} VARCHAR, ${ident('x')} DOUBLE, ${ident('k')} INTEGER, ${ident('b')} BOOLEAN, ${ident('we"ird col')} DECIMAL(10,2))`);
	db.query(`INSERT INTO main.${ident('dq_fixture')} VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)`, [
		'a', 10, 5, true, 1,
		'b', 11, 5, false, 2,
		'c', 12, 5, null, 3,
		'd', 13, 5, true, 4,
		'e', 14, 5, true, 5,
		'f', 15, 5, false, 6,
		'g', 100, 5, true, -50,
		null, null, 6, null, null
	]);
	db.exec(`DROP TABLE IF EXISTS main.${ident('dq_empty')}`);
	db.exec(`CREATE TABLE main.${ident('dq_empty')} (${ident('v')} DOUBLE)`);
});

describe('registration', () => {
	it('the report operations are compute operations the worker can dispatch', () => {
		for (const name of ['reportEfficiency', 'reportBudget', 'reportDataQuality'])
			expect(typeof (COMPUTE_OPERATIONS as Record<string, unknown>)[name]).toBe('function');
	});
	it('periods give their calendar year; anything else is refused', () => {
		expect(yearOfPeriod('2025')).toBe(2025);
		expect(yearOfPeriod('2025-Q3')).toBe(2025);
		expect(yearOfPeriod('2024-07')).toBe(2024);
		expect(() => yearOfPeriod("2025'; DROP TABLE x")).toThrow();
		expect(() => yearOfPeriod(2025)).toThrow();
	});
});

describe('efficiency', () => {
	it('cost per person trained: (9 M + 3 M) / 3 people = Rp 4,000,000', () => {
		const r = costPerTrainee(ctx, 2025);
		expect(r.reason).toBeNull();
		expect(r.numerator).toBe(12 * M);
		expect(r.denominator).toBe(3); // P1, P2, P3
		expect(r.value).toBe(4 * M);
		expect(r.lines.map((l) => l.activity).sort()).toEqual(['ICT Training', 'Pelatihan Menjahit']);
		expect(r.patterns).toEqual([...TRAINING_ACTIVITY_PATTERNS]);
	});

	it('cost per borrower: (4 M + 1 M) / 2 borrowers = Rp 2,500,000; a farm road is not enterprise support', () => {
		const r = costPerBorrower(ctx, 2025);
		expect(r.numerator).toBe(5 * M);
		expect(r.denominator).toBe(2); // B1 and B2
		expect(r.value).toBe(2.5 * M);
		expect(r.lines.map((l) => l.activity).sort()).toEqual(['Modal UMKM', 'Pendampingan Usaha Mikro']);
	});

	it('cost per household served: (90 M + 10 M) / 50 households = Rp 2,000,000; unmatched projects are named', () => {
		const r = costPerHousehold(ctx, 2025);
		expect(r.numerator).toBe(100 * M);
		expect(r.denominator).toBe(50);
		expect(r.value).toBe(2 * M);
		expect(r.lines).toEqual([{ field: null, activity: 'Jalan Dusun A', budget: 120 * M, realized: 100 * M, households: 50 }]);
		expect(r.unmatched).toEqual(['Pasar D']);
	});

	it('the three measures for a period, in order, for its calendar year', () => {
		const all = reportEfficiency(ctx, '2025-Q2');
		expect(all.map((e) => [e.id, e.year, e.value])).toEqual([
			['per_trainee', 2025, 4 * M],
			['per_borrower', 2025, 2.5 * M],
			['per_household', 2025, 2 * M]
		]);
	});

	it('says why there is no value: no lines, nobody reached, a missing table or column', () => {
		expect(costPerTrainee(ctx, 2023)).toMatchObject({ value: null, numerator: null, reason: 'no_lines' });
		expect(costPerTrainee(ctx, 2027)).toMatchObject({ value: null, numerator: 1 * M, denominator: 0, reason: 'zero_denominator' });
		const noTrainings = costPerTrainee({ db, tables: { budget: tables.budget } }, 2025);
		expect(noTrainings).toMatchObject({ value: null, reason: 'missing', detail: 'trainings' });
		const noActivity = costPerBorrower({ db, tables: { ...tables, budget: { ...tables.budget!, columns: ['year', 'category', 'budget_idr', 'realized_idr'] } } }, 2025);
		expect(noActivity).toMatchObject({ value: null, reason: 'missing', detail: 'budget.activity' });
	});

	it('binds every value: the SQL text holds no year, category or pattern', () => {
		const q = budgetLinesQuery(tables.budget!.ref, tables.budget!.columns, 2025, TRAINING_ACTIVITY_PATTERNS);
		expect(q.text).not.toMatch(/2025|expenditure|pelatihan/);
		expect(q.params).toEqual([2025, 'expenditure', ...TRAINING_ACTIVITY_PATTERNS]);
	});
});

describe('budget summary', () => {
	it('sums budget and realised by category, field and source for the year', () => {
		const b = reportBudget(ctx, '2025');
		expect(b.missing).toBeNull();
		const row = (category: string, field: string | null, source: string | null) =>
			b.rows.find((r) => r.category === category && r.field === field && r.source === source);
		// Pembangunan / dana_desa: Jalan Dusun A 100 M + Sumur B 50 M + MCK C 30 M budget; 90 + 40 + 30 realised
		expect(row('expenditure', 'Pembangunan', 'dana_desa')).toMatchObject({ budget: 180 * M, realized: 160 * M, lines: 3 });
		expect(row('expenditure', 'Pemberdayaan', 'dana_desa')).toMatchObject({ budget: 16 * M, realized: 14 * M, lines: 3 });
		expect(row('revenue', null, 'pades')).toMatchObject({ budget: 1 * M, realized: 1 * M });
		expect(b.rows.every((r) => r.category !== undefined)).toBe(true);
		expect(reportBudget({ db, tables: {} }, '2025')).toMatchObject({ missing: 'budget', rows: [] });
	});

	it('a line without a realised amount: its budget is summed and its realisation is not (the rule of PAR-04), and it is counted', () => {
		const budget = createTable(
			db,
			'budget',
			['year', 'category', 'field', 'source', 'budget_idr', 'realized_idr'],
			[
				[2025, 'expenditure', 'Pembangunan', 'dana_desa', 100 * M, 90 * M],
				[2025, 'expenditure', 'Pembangunan', 'dana_desa', 250 * M, null], // realisation not recorded
				[2025, 'expenditure', 'Pemberdayaan', 'add', 40 * M, 50 * M],
				[2025, 'expenditure', 'Lainnya', 'add', 10 * M, null], // the only line of its field
				[2025, 'revenue', null, 'dana_desa', 400 * M, 400 * M]
			],
			{ name: 'budget_unpaired' }
		);
		const b = reportBudget({ db, tables: { budget } }, '2025');
		const row = b.rows.find((r) => r.category === 'expenditure' && r.field === 'Pembangunan')!;
		expect(row).toMatchObject({ budget: 350 * M, realized: 90 * M, unpaired: 1, unpaired_budget: 250 * M });
		// 90 / 350
		expect(budgetRowPercent(row)).toBeCloseTo(25.714285714286, 9);
		const byField = aggregateBudget(b.rows, 'expenditure', 'field');
		// Pembangunan 90/350; Pemberdayaan 50/40 = 125%; Lainnya: nothing realised recorded
		const rows = byField.rows.map((r) => [r.key, r.budget, r.realized, r.percent]);
		expect(rows.map((r) => r.slice(0, 3))).toEqual([
			['Pembangunan', 350 * M, 90 * M],
			['Pemberdayaan', 40 * M, 50 * M],
			['Lainnya', 10 * M, null]
		]);
		expect(rows[0][3]).toBeCloseTo(25.714285714286, 9);
		expect(rows[1][3]).toBe(125);
		expect(rows[2][3]).toBeNull();
		// total: budget 400, realised 140 -> 35%, PAR-04's value
		expect(byField.total).toMatchObject({ budget: 400 * M, realized: 140 * M, percent: 35, unpaired: 2, unpairedBudget: 260 * M });
		const par04 = computeIndicator(contextOf(db, { budget }), 'PAR-04', { period: '2025' });
		expect(par04.value).toBeCloseTo(byField.total.percent!, 12);
		expect(par04.extras.unpaired).toBe(2);
		dropTable(db, 'budget_unpaired');
	});
});

describe('data quality', () => {
	it('completeness is the share of non-null values per column', () => {
		const [t] = reportDataQuality({ db, tables: {} }, ['dq_fixture']);
		expect(t.error).toBeNull();
		expect(t.rows).toBe(8);
		const c = Object.fromEntries(t.columns.map((x) => [x.name, x]));
		expect(c.id.completeness).toBe(7 / 8);
		expect(c.x.completeness).toBe(7 / 8);
		expect(c.k.completeness).toBe(1);
		expect(c.b.completeness).toBe(6 / 8); // two NULLs
		expect(c.b.outliers).toBeNull(); // booleans are not numeric
		expect(c.id.outliers).toBeNull();
	});

	it('flags |0.6745 (x − median) / MAD| > 3.5: x = 10..15, 100 has median 13, MAD 2, one outlier (z = 29.34)', () => {
		const [t] = reportDataQuality({ db, tables: {} }, ['dq_fixture']);
		const x = t.columns.find((c) => c.name === 'x')!.outliers!;
		expect(x.n).toBe(7);
		expect(x.median).toBe(13);
		// |deviations| 3, 2, 1, 0, 1, 2, 87 -> sorted 0 1 1 2 2 3 87 -> MAD 2
		expect(x.mad).toBe(2);
		expect(x.count).toBe(1);
		expect(x.maxAbsZ).toBeCloseTo((0.6745 * 87) / 2, 10);
		expect([x.low, x.high]).toEqual([100, 100]);
		expect(x.examples).toHaveLength(1);
		expect(x.examples[0].value).toBe(100);
		expect(x.examples[0].z).toBeCloseTo(29.34075, 10);
		// 10 is not flagged: |0.6745 × (10 − 13) / 2| = 1.01
	});

	it('MAD = 0 leaves the score undefined (count null), and odd column names are quoted', () => {
		const [t] = reportDataQuality({ db, tables: {} }, ['dq_fixture']);
		const k = t.columns.find((c) => c.name === 'k')!.outliers!;
		expect(k.median).toBe(5);
		expect(k.mad).toBe(0);
		expect(k.count).toBeNull();
		// DECIMAL 1..6 and -50: median 3, |dev| 2 1 0 1 2 3 53 -> MAD 2; z(-50) = 0.6745 × -53 / 2 = -17.87
		const w = t.columns.find((c) => c.name === 'we"ird col')!;
		expect(w.completeness).toBe(7 / 8);
		expect(w.outliers!.count).toBe(1);
		expect(w.outliers!.low).toBe(-50);
	});

	it('an empty table, an unknown table and junk arguments', () => {
		const [empty, unknown] = reportDataQuality({ db, tables: {} }, ['dq_empty', 'no_such_table']);
		expect(empty).toMatchObject({ table: 'dq_empty', rows: 0, error: null });
		expect(empty.columns[0]).toMatchObject({ name: 'v', completeness: null, nonNull: 0 });
		expect(unknown).toMatchObject({ table: 'no_such_table', error: 'not found', columns: [] });
		expect(reportDataQuality({ db, tables: {} }, 'dq_fixture')).toEqual([]);
		expect(reportDataQuality({ db, tables: {} }, [42, null])).toEqual([]);
	});

	it('the outlier SQL binds the constants and the column labels', () => {
		const q = outlierSummaryQuery('dq_fixture', ['x']);
		expect(q.text).not.toMatch(/0\.6745|3\.5/);
		expect(q.params).toEqual(['x', 0.6745, 3.5, 3.5, 3.5]);
		expect(isNumericType('DECIMAL(18,3)')).toBe(true);
		expect(isNumericType('BIGINT')).toBe(true);
		expect(isNumericType('BOOLEAN')).toBe(false);
		expect(isNumericType('VARCHAR')).toBe(false);
	});
});

describe('CSV export', () => {
	it('=HYPERLINK("http://x","y") opens as text: neutralised with a leading apostrophe', () => {
		const formula = '=HYPERLINK("http://x","y")';
		for (const lang of ['en', 'id'] as const) {
			const csv = toCsv(['Indicator', 'Value'], [[formula, 45.78]], { lang });
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: lang === 'id' ? ';' : ',' });
			const [, row] = parsed.data;
			expect(row[0]).toBe(`'${formula}`);
			expect(row[1]).toBe(lang === 'id' ? '45,78' : '45.78');
			// No cell of the file starts with a formula character.
			for (const cell of parsed.data.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
		}
	});
	it('other formula starts are neutralised too, numbers stay numbers', () => {
		const csv = toCsv(['a'], [['+cmd'], ['-cmd'], ['@SUM(A1)'], [-5], ['-2+3'], ['-'], ['+1-1']], { lang: 'en' });
		expect(csv).toContain("\r\n'+cmd\r\n'-cmd\r\n'@SUM(A1)\r\n-5\r\n'-2+3\r\n'-\r\n'+1-1\r\n");
	});
	it('a signed number a file spells (a rejected value: -2, +5, -1.500.000,50) is kept as written, not turned into text', () => {
		const csv = toCsv(['value'], [['-2'], ['+5'], ['-1.500.000,50'], ['-0.5']], { lang: 'id' });
		expect(csv).toContain('\r\n-2\r\n+5\r\n-1.500.000,50\r\n-0.5\r\n');
	});
	it("names a filtered view's download by its period, dusun and group", () => {
		expect(viewFileName('donor-itt-2024-Q3', { dusun: 'Cibodas' })).toBe('donor-itt-2024-Q3-dusun-Cibodas');
		expect(viewFileName('INC-01-dusun', { period: '2025', group: 'comparison' })).toBe('INC-01-dusun-2025-group-comparison');
		expect(viewFileName('INC-01-trend', { period: '2025' })).toBe('INC-01-trend-2025');
		// the period is not repeated; a name with spaces or slashes is made safe
		expect(viewFileName('did-2025', { period: '2025', dusun: 'Kali Putih/Utara' })).toBe('did-2025-dusun-Kali_Putih_Utara');
	});
});
