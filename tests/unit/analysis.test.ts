/**
 * The area pages' analysis SQL (src/lib/analysis) on small hand-worked fixtures, each value
 * worked out in its comment, cross-checked with the catalogue where they overlap, and a
 * consistency check on the Tanjung Barat sample.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/lib/engine/database';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { openDatabase, createTable, contextOf } from './fixtures-indicators/tables';
import { computeIndicator } from '../../src/lib/indicators/compute';
import { DEFAULT_SETTINGS } from '../../src/lib/indicators/settings';
import type { TableMap } from '../../src/lib/indicators/types';
import { parsePeriod } from '../../src/lib/indicators/period';
import {
	areaPage,
	budgetBy,
	incomeDistribution,
	meetingShares,
	projectBudget,
	projectStatus,
	revenueByOwner,
	trainingFunnel,
	AREA_SLUGS,
	type AnalysisContext
} from '../../src/lib/analysis/operations';
import { budgetByQuery, chooseBins, meetingSharesQuery, niceWidth, trainingFunnelQuery } from '../../src/lib/analysis/queries';

let db: Database;
const tables: TableMap = {};
let ctx: AnalysisContext;
const close = (a: number | null | undefined, b: number) => typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

beforeAll(async () => {
	db = await openDatabase();
	tables.households = createTable(
		db,
		'households',
		['household_id', 'round', 'survey_date', 'dusun', 'group', 'members', 'income_month_idr', 'weight'],
		[
			// round r0 (2024): one household
			['H1', 'r0', '2024-01-10', 'A', 'program', 2, 400000, 1],
			// round r1 (2025): per-capita incomes 300k, 500k, 700k, 0, NULL (members 0), 2.5M
			['H6', 'r1', '2025-01-12', 'B', 'comparison', 2, 5000000, 1],
			['H1', 'r1', '2025-01-10', 'A', 'program', 2, 600000, 1],
			['H2', 'r1', '2025-01-10', 'A', 'program', 4, 2000000, 2],
			['H3', 'r1', '2025-01-11', 'B', 'program', 1, 700000, 1],
			['H4', 'r1', '2025-01-11', 'B', 'comparison', 5, 0, 1],
			['H5', 'r1', '2025-01-11', 'B', 'program', 0, 900000, 1]
		]
	);
	tables.trainings = createTable(
		db,
		'trainings',
		['participant_id', 'sex', 'course', 'start_date', 'completed', 'followup_date', 'working_at_followup', 'dusun'],
		[
			['T1', 'F', 'ict', '2025-02-01', true, '2025-08-01', true, 'A'],
			['T2', 'M', 'ict', '2025-03-01', true, '2025-09-01', false, 'B'],
			['T3', 'F', 'ict', '2025-03-05', false, '2025-09-05', true, 'A'], // working, but did not complete: not in the nested stages
			['T4', 'F', 'handicraft', '2025-04-01', true, null, null, 'A'], // not followed up yet
			['T5', 'F', 'handicraft', '2024-12-30', true, '2025-06-30', true, 'A'], // starts before 2025
			['T6', 'M', null, '2025-06-01', true, '2025-12-01', true, 'B'] // no course recorded
		]
	);
	tables.enterprises = createTable(
		db,
		'enterprises',
		['enterprise_id', 'report_date', 'owner_sex', 'sector', 'revenue_month_idr', 'dusun'],
		[
			['E1', '2025-03-15', 'F', 'culinary', 2000000, 'A'],
			['E1', '2025-01-15', 'F', 'culinary', 1000000, 'A'],
			['E2', '2025-02-10', 'F', 'culinary', 4000000, 'B'],
			['E3', '2025-02-10', 'M', 'culinary', 3000000, 'A'],
			['E4', '2025-02-10', 'M', 'trade', 5000000, 'B'],
			['E4', '2026-01-10', 'M', 'trade', 9000000, 'B'],
			['E5', '2025-03-10', 'F', 'trade', null, 'A'],
			['E6', '2025-01-10', 'joint', 'trade', 6000000, 'A'],
			['E7', '2025-03-10', 'M', 'trade', 7000000, 'A']
		]
	);
	tables.infrastructure = createTable(
		db,
		'infrastructure',
		['project_id', 'report_date', 'type', 'name', 'status', 'budget_idr', 'spent_idr'],
		[
			['P1', '2025-06-30', 'road', 'Jalan 1', 'in_progress', 100, 40],
			['P1', '2025-01-31', 'road', 'Jalan 1', 'planned', 100, 0],
			['P1', '2025-12-31', 'road', 'Jalan 1', 'completed', 100, 95],
			['P2', '2025-03-31', 'road', 'Jalan 2', 'completed', 50, 50],
			['P3', '2025-05-31', 'water', 'Air 1', 'in_progress', 80, null],
			['P4', '2026-01-31', 'water', 'Air 2', 'planned', 60, 0]
		]
	);
	tables.budget = createTable(
		db,
		'budget',
		['year', 'category', 'field', 'source', 'budget_idr', 'realized_idr'],
		[
			[2025, 'expenditure', 'A', 'dana_desa', 100, 90],
			[2025, 'expenditure', 'A', 'add', 50, 50],
			[2025, 'expenditure', 'B', 'dana_desa', 200, null], // no realisation: its budget is summed, as in PAR-04
			[2025, 'expenditure', 'B', 'dana_desa', 40, 30],
			[2025, 'revenue', null, 'dana_desa', 400, 400],
			[2024, 'expenditure', 'A', 'dana_desa', 70, 70]
		]
	);
	tables.meetings = createTable(
		db,
		'meetings',
		['meeting_id', 'date', 'level', 'type', 'attendees', 'women_attendees'],
		[
			['M4', '2025-02-15', 'desa', 'musdes', 50, 20],
			['M1', '2025-01-10', 'desa', 'musdes', 40, 10],
			['M2', '2025-01-20', 'dusun', 'forum', 20, 8],
			['M3', '2025-02-05', 'dusun', 'forum', 30, null], // women not recorded: no share of its own; its attendees are summed
			['M5', '2024-12-31', 'desa', 'musdes', 10, 9],
			['M6', '2025-04-01', 'desa', 'musdes', 10, 1]
		]
	);
	ctx = { db, tables };
});

describe('bins', () => {
	it('chooses nice widths', () => {
		expect(niceWidth(117800)).toBe(200000);
		expect(niceWidth(0.3)).toBe(0.5);
		expect(niceWidth(2400)).toBe(2500);
		expect(niceWidth(1000)).toBe(1000);
	});
	it('covers 0 to the 98th percentile, with an open bin above when the maximum is beyond', () => {
		expect(chooseBins({ min: 0, max: 2500000, p98: 2356000 })).toEqual({ start: 0, width: 200000, count: 12, openEnded: true });
		expect(chooseBins({ min: 5, max: 10, p98: 10 })).toEqual({ start: 0, width: 0.5, count: 20, openEnded: true });
		expect(chooseBins({ min: -300, max: 700, p98: 700 })).toEqual({ start: -300, width: 50, count: 20, openEnded: true });
	});
});

describe('incomeDistribution', () => {
	it('is the weighted per-capita income histogram of the round shown for the period', () => {
		const d = incomeDistribution(ctx, { period: '2025' });
		expect(d.reason).toBeNull();
		expect(d.round).toBe('r1');
		expect(d.roundDate).toBe('2025-01-10');
		// 5 households with a value (H5 has 0 members), weights 1+1+2+1+1 = 6.
		expect(d.n).toBe(5);
		expect(d.totalWeight).toBe(6);
		// p98 of [0, 300k, 500k, 700k, 2.5M] = 700k + 0.92 * 1.8M = 2.356M -> width 200k, 12 bins to 2.4M, then "2.4M and above".
		expect(d.width).toBe(200000);
		expect(d.bins).toHaveLength(13);
		expect(d.bins[12]).toMatchObject({ from: 2400000, to: null, weight: 1, n: 1 });
		expect(d.bins.slice(0, 4).map((b) => [b.from, b.to, b.weight, b.n])).toEqual([
			[0, 200000, 1, 1], // H4: 0
			[200000, 400000, 1, 1], // H1: 300k
			[400000, 600000, 2, 1], // H2: 500k, weight 2
			[600000, 800000, 1, 1] // H3: 700k
		]);
		expect(d.bins.slice(4, 12).every((b) => b.weight === 0 && b.n === 0)).toBe(true);
		expect(close(d.bins[2].share, (100 * 2) / 6)).toBe(true);
		expect(close(d.bins.reduce((a, b) => a + b.share, 0), 100)).toBe(true);
		// Below Rp 580,349: H4, H1, H2 -> weight 4 of 6.
		expect(close(d.belowLinePercent, (100 * 4) / 6)).toBe(true);
		expect(d.povertyLine).toBe(DEFAULT_SETTINGS.povertyLine);
		expect(d.params).toContain('r1');
	});

	it('uses the poverty line from the settings', () => {
		const d = incomeDistribution(ctx, { period: '2025' }, { povertyLine: 650000 });
		expect(d.povertyLine).toBe(650000);
		// H3 (700k) is still above; same share.
		expect(close(d.belowLinePercent, (100 * 4) / 6)).toBe(true);
		const low = incomeDistribution(ctx, { period: '2025' }, { povertyLine: 10000 });
		expect(close(low.belowLinePercent, (100 * 1) / 6)).toBe(true);
	});

	it('applies dusun and group filters as bound values', () => {
		const a = incomeDistribution(ctx, { period: '2025', filters: { dusun: 'A' } });
		expect(a.n).toBe(2);
		expect(close(a.belowLinePercent, 100)).toBe(true);
		const c = incomeDistribution(ctx, { period: '2025', filters: { group: 'comparison' } });
		expect(c.n).toBe(2); // H4 and H6
		const evil = "A' OR '1'='1";
		const x = incomeDistribution(ctx, { period: '2025', filters: { dusun: evil } });
		expect(x.reasonCode).toBe('no_rows');
		expect(x.bins).toEqual([]);
	});

	it('says why when there is nothing to show, never 0', () => {
		expect(incomeDistribution(ctx, { period: '2023' })).toMatchObject({ reasonCode: 'no_round', bins: [], belowLinePercent: null });
		expect(incomeDistribution({ db, tables: {} }, { period: '2025' })).toMatchObject({ reasonCode: 'missing_table', reason: 'missing table households' });
		const noIncome = { households: { ...tables.households!, columns: tables.households!.columns.filter((c) => c !== 'income_month_idr') } };
		expect(incomeDistribution({ db, tables: noIncome }, { period: '2025' })).toMatchObject({
			reasonCode: 'missing_column',
			reason: 'missing column households.income_month_idr'
		});
		expect(incomeDistribution(ctx, { period: '2025', filters: { sector: 'trade' } }).reasonCode).toBe('filter_not_supported');
	});
});

describe('trainingFunnel', () => {
	it('nests enrolled, completed, followed up and working, for enrolments starting in the period', () => {
		const f = trainingFunnel(ctx, { period: '2025' });
		expect(f.reason).toBeNull();
		// handicraft: T4 (T5 starts in 2024); ict: T1, T2, T3; no course: T6.
		expect(f.courses).toEqual([
			{ course: 'handicraft', enrolled: 1, completed: 1, followedUp: 0, working: 0 },
			{ course: 'ict', enrolled: 3, completed: 2, followedUp: 2, working: 1 },
			{ course: null, enrolled: 1, completed: 1, followedUp: 1, working: 1 }
		]);
		expect(f.total).toEqual({ enrolled: 5, completed: 4, followedUp: 3, working: 2 });
		// completed / enrolled is EMP-03.
		const emp03 = computeIndicator(contextOf(db, tables), 'EMP-03', { period: '2025' });
		expect(close(emp03.value, (100 * f.total!.completed) / f.total!.enrolled)).toBe(true);
	});

	it('filters by dusun; a period without enrolments and a missing column have reasons', () => {
		expect(trainingFunnel(ctx, { period: '2025', filters: { dusun: 'B' } }).total).toEqual({ enrolled: 2, completed: 2, followedUp: 2, working: 1 });
		expect(trainingFunnel(ctx, { period: '2023' })).toMatchObject({ reasonCode: 'no_rows', total: null });
		const t = { trainings: { ...tables.trainings!, columns: tables.trainings!.columns.filter((c) => c !== 'working_at_followup') } };
		expect(trainingFunnel({ db, tables: t }, { period: '2025' })).toMatchObject({ reasonCode: 'missing_column', reason: 'missing column trainings.working_at_followup' });
		expect(trainingFunnel(ctx, { period: '2025', filters: { group: 'program' } })).toMatchObject({ reasonCode: 'filter_not_supported', reason: 'filter not supported by this chart: group' });
	});

	it('binds every value and quotes every identifier', () => {
		const q = trainingFunnelQuery(tables, parsePeriod('2025-Q1'), { dusun: 'X"; DROP TABLE t; --' });
		if (!('query' in q)) throw new Error('expected a query');
		expect(q.query.text).not.toContain('DROP');
		expect(q.query.text).not.toContain('2025-01-01');
		expect(q.query.params).toEqual(['2025-01-01', '2025-03-31', 'X"; DROP TABLE t; --']);
		expect(q.query.text).toContain('"t"."start_date"');
	});
});

describe('revenueByOwner', () => {
	it('gives median revenue per sector and owner sex, and over all sectors, from the latest report in the period', () => {
		const r = revenueByOwner(ctx, { period: '2025' });
		expect(r.reason).toBeNull();
		const cell = (sector: string | null, sex: string) => r.rows.find((x) => x.sector === sector && x.ownerSex === sex && x.allSectors === (sector === null));
		// All sectors: F = median(2M [E1 latest], 4M) = 3M; M = median(3M, 5M, 7M) = 5M (E4's 2026 report is outside); joint 6M.
		expect(cell(null, 'F')).toMatchObject({ median: 3000000, n: 2, enterprises: 3 });
		expect(cell(null, 'M')).toMatchObject({ median: 5000000, n: 3, enterprises: 3 });
		expect(cell(null, 'joint')).toMatchObject({ median: 6000000, n: 1 });
		expect(cell('culinary', 'F')).toMatchObject({ median: 3000000, n: 2 });
		expect(cell('culinary', 'M')).toMatchObject({ median: 3000000, n: 1 });
		expect(cell('trade', 'F')).toMatchObject({ median: null, n: 0, enterprises: 1 });
		expect(cell('trade', 'M')).toMatchObject({ median: 6000000, n: 2 });
		// All-sector rows come first.
		expect(r.rows.slice(0, 3).every((x) => x.allSectors)).toBe(true);
		// WOM-03 = median F / median M.
		const wom03 = computeIndicator(contextOf(db, tables), 'WOM-03', { period: '2025' });
		expect(close(wom03.value, 3000000 / 5000000)).toBe(true);
	});

	it('filters after the latest report is chosen', () => {
		const a = revenueByOwner(ctx, { period: '2025-Q1', filters: { dusun: 'A' } });
		const f = a.rows.find((x) => x.allSectors && x.ownerSex === 'F');
		// Dusun A, F: E1 (latest 2M) and E5 (no revenue).
		expect(f).toMatchObject({ median: 2000000, n: 1, enterprises: 2 });
		expect(revenueByOwner(ctx, { period: '2024' })).toMatchObject({ reasonCode: 'no_rows', rows: [] });
	});
});

describe('projects', () => {
	it('counts projects by type and status as of the period, latest report first', () => {
		// As of 2025-06-30: P1 in progress, P2 completed, P3 in progress; P4 not reported yet.
		expect(projectStatus(ctx, { period: '2025-Q2' }).rows).toEqual([
			{ type: 'road', status: 'completed', projects: 1 },
			{ type: 'road', status: 'in_progress', projects: 1 },
			{ type: 'water', status: 'in_progress', projects: 1 }
		]);
		expect(projectStatus(ctx, { period: '2025' }).rows).toEqual([
			{ type: 'road', status: 'completed', projects: 2 },
			{ type: 'water', status: 'in_progress', projects: 1 }
		]);
		expect(projectStatus(ctx, { period: '2024' }).reasonCode).toBe('no_rows');
	});

	it('sums budget and spending per type, each sum of what is recorded, as INF-05', () => {
		const b = projectBudget(ctx, { period: '2025-Q2' });
		// road: P1 100/40 + P2 50/50; water: P3 budget 80, no spending recorded.
		expect(b.rows).toEqual([
			{ type: 'road', budget: 150, spent: 90, n: 2, projects: 2 },
			{ type: 'water', budget: 80, spent: null, n: 1, projects: 1 }
		]);
		// INF-05: 90 / (150 + 80)
		const inf05 = computeIndicator(contextOf(db, tables), 'INF-05', { period: '2025-Q2' });
		expect(close(inf05.value, (100 * 90) / 230)).toBe(true);
	});

	it('reports a missing filter column instead of ignoring the filter', () => {
		expect(projectStatus(ctx, { period: '2025', filters: { dusun: 'A' } })).toMatchObject({ reasonCode: 'missing_column', reason: 'missing column infrastructure.dusun' });
	});
});

describe('budgetBy', () => {
	it('gives expenditure budget and realisation per field and per source, each sum of what is recorded', () => {
		const f = budgetBy(ctx, { period: '2025-Q3' }, 'field');
		expect(f.year).toBe(2025);
		// B: budget 200 + 40, realised 30 (the 200 line records none); largest budget first
		expect(f.rows).toEqual([
			{ key: 'B', budget: 240, realized: 30, n: 2, lines: 2 },
			{ key: 'A', budget: 150, realized: 140, n: 2, lines: 2 }
		]);
		const s = budgetBy(ctx, { period: '2025' }, 'source');
		expect(s.rows).toEqual([
			{ key: 'dana_desa', budget: 340, realized: 120, n: 3, lines: 3 },
			{ key: 'add', budget: 50, realized: 50, n: 1, lines: 1 }
		]);
		// The fields add up to PAR-04: 170 / 390.
		const par04 = computeIndicator(contextOf(db, tables), 'PAR-04', { period: '2025' });
		expect(close(par04.value, (100 * 170) / 390)).toBe(true);
		const byCategory = budgetBy(ctx, { period: '2025' }, 'category');
		expect(byCategory.rows.map((r) => [r.key, r.budget, r.realized])).toEqual([
			['revenue', 400, 400],
			['expenditure', 390, 170]
		]);
	});

	it('has no dusun, and no rows for a year without lines', () => {
		expect(budgetBy(ctx, { period: '2025', filters: { dusun: 'A' } }, 'field').reasonCode).toBe('filter_not_supported');
		expect(budgetBy(ctx, { period: '2023' }, 'field')).toMatchObject({ reasonCode: 'no_rows', reason: 'no rows for year 2023' });
		const q = budgetByQuery(tables, 2025, 'source', {});
		if (!('query' in q)) throw new Error('expected a query');
		expect(q.query.params).toEqual([2025, 'expenditure']);
		expect(() => budgetBy(ctx, { period: '2025' }, 'year' as never)).toThrow();
	});
});

describe('meetingShares', () => {
	it('gives women’s share per month as a ratio of sums (the default for a year)', () => {
		const m = meetingShares(ctx, { period: '2025' });
		expect(m.grain).toBe('month');
		// Jan: (10 + 8) / (40 + 20) = 30%; Feb: 20 / (50 + 30) = 25% (M3 records no women count); Apr: 1 / 10.
		expect(m.rows.map((r) => [r.key, r.women, r.attendees, r.share, r.meetings])).toEqual([
			['2025-01', 18, 60, 30, 2],
			['2025-02', 20, 80, 25, 2],
			['2025-04', 1, 10, 10, 1]
		]);
	});

	it('gives the share per meeting in date order (the default for a quarter or month), adding up to PAR-02', () => {
		const m = meetingShares(ctx, { period: '2025-Q1' });
		expect(m.grain).toBe('meeting');
		expect(m.rows.map((r) => [r.key, r.date, r.level, r.type, r.women, r.share])).toEqual([
			['M1', '2025-01-10', 'desa', 'musdes', 10, 25],
			['M2', '2025-01-20', 'dusun', 'forum', 8, 40],
			['M3', '2025-02-05', 'dusun', 'forum', null, null],
			['M4', '2025-02-15', 'desa', 'musdes', 20, 40]
		]);
		// PAR-02: (10 + 8 + 20) / (40 + 20 + 30 + 50)
		const women = m.rows.reduce((a, r) => a + (r.women ?? 0), 0);
		const attendees = m.rows.reduce((a, r) => a + (r.attendees ?? 0), 0);
		const par02 = computeIndicator(contextOf(db, tables), 'PAR-02', { period: '2025-Q1' });
		expect(close(par02.value, (100 * women) / attendees)).toBe(true);
		expect(meetingShares(ctx, { period: '2025-Q1' }, 'month').rows.map((r) => r.key)).toEqual(['2025-01', '2025-02']);
	});

	it('uses standard EXTRACT for months and binds the period', () => {
		const q = meetingSharesQuery(tables, parsePeriod('2025'), 'month', {});
		if (!('query' in q)) throw new Error('expected a query');
		expect(q.query.text).toContain('EXTRACT(MONTH FROM');
		expect(q.query.params).toEqual(['2025-01-01', '2025-12-31']);
		expect(meetingShares(ctx, { period: '2025', filters: { dusun: 'A' } }).reasonCode).toBe('filter_not_supported');
	});
});

describe('areaPage', () => {
	it('returns an area’s indicators, trends, breakdowns and analyses in one call', () => {
		const p = areaPage(ctx, 'participation', { period: '2025-Q1' });
		expect(p.area).toBe('participation');
		expect(p.period).toBe('2025-Q1');
		expect(p.codes).toEqual(['PAR-01', 'PAR-02', 'PAR-03', 'PAR-04', 'PAR-05']);
		expect(p.results.map((r) => r.code)).toEqual(p.codes);
		expect(p.results.find((r) => r.code === 'PAR-01')?.value).toBe(4);
		expect(p.meetings?.grain).toBe('meeting');
		expect(p.budgetByField?.rows).toHaveLength(2);
		// Sparklines are yearly: 2024 and 2025 for the meetings.
		expect(p.sparklines['PAR-01'].map((x) => [x.period, x.value])).toEqual([
			['2024', 1],
			['2025', 5]
		]);
		// PAR-03 needs columns the fixture does not have: no trend, a reason on the result.
		expect(p.sparklines['PAR-03']).toEqual([]);
		expect(p.results.find((r) => r.code === 'PAR-03')?.reasonCode).toBe('missing_column');
		expect(JSON.parse(JSON.stringify(p))).toEqual(p);
	});

	it('draws survey indicators as program vs comparison only with a difference in differences', () => {
		const inc = areaPage(ctx, 'income', { period: '2025' });
		expect(inc.distribution?.round).toBe('r1');
		// The baseline round r0 has no comparison households: no DiD, so no group trends.
		expect(inc.groups).toEqual({});
		expect(inc.trends['INC-01'].map((x) => x.period)).toEqual(['r0', 'r1']);
		expect(inc.breakdowns.map((b) => [b.code, b.dimension])).toEqual([['INC-02', 'dusun']]);
	});

	it('caches per data version and refuses unknown areas', () => {
		const versioned = { ...ctx, version: 7 };
		const a = areaPage(versioned, 'employment', { period: '2025' });
		const b = areaPage(versioned, 'employment', { period: '2025' });
		expect(b.results[0]).toBe(a.results[0]);
		expect(b.funnel).toBe(a.funnel);
		expect(() => areaPage(ctx, 'village', { period: '2025' })).toThrow(/no area/);
		expect(() => areaPage(ctx, '__proto__', { period: '2025' })).toThrow(/no area/);
	});
});

describe('the Tanjung Barat sample', () => {
	let sample: AnalysisContext;
	beforeAll(async () => {
		const ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
		const dir = path.resolve('static/sample');
		const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Array<{ file: string; table: string }> };
		for (const f of manifest.files) await ws.load({ name: f.file, bytes: readFileSync(path.join(dir, f.file)) }, { tableName: f.table });
		sample = { db: ws.db, tables: ws.contractTables() };
	}, 180_000);

	it('gives every area page for 2025, consistent with the catalogue', { timeout: 180_000 }, () => {
		const pages = Object.fromEntries(AREA_SLUGS.map((a) => [a, areaPage(sample, a, { period: '2025' })]));
		const value = (area: string, code: string) => pages[area].results.find((r) => r.code === code)?.value ?? null;

		const d = pages.income.distribution!;
		expect(d.reason).toBeNull();
		expect(d.round).toBe('endline');
		expect(close(d.bins.reduce((a, b) => a + b.share, 0), 100)).toBe(true);
		expect(d.bins.reduce((a, b) => a + b.n, 0)).toBe(d.n);
		expect(Object.keys(pages.income.groups).sort()).toEqual(['INC-01', 'INC-02']);

		const f = pages.employment.funnel!.total!;
		expect(f.enrolled).toBeGreaterThan(f.completed);
		expect(f.completed).toBeGreaterThanOrEqual(f.followedUp);
		expect(f.followedUp).toBeGreaterThanOrEqual(f.working);
		expect(close(value('employment', 'EMP-03'), (100 * f.completed) / f.enrolled)).toBe(true);

		const rev = pages.women.revenue!.rows;
		const all = (sex: string) => rev.find((r) => r.allSectors && r.ownerSex === sex)!.median!;
		expect(close(value('women', 'WOM-03'), all('F') / all('M'))).toBe(true);

		const pb = pages.infrastructure.projectBudget!.rows;
		const spent = pb.reduce((a, r) => a + (r.spent ?? 0), 0);
		const budget = pb.reduce((a, r) => a + (r.budget ?? 0), 0);
		expect(close(value('infrastructure', 'INF-05'), (100 * spent) / budget)).toBe(true);
		const projects = pages.infrastructure.projects!.rows.reduce((a, r) => a + r.projects, 0);
		expect(projects).toBeGreaterThan(0);

		const byField = pages.participation.budgetByField!.rows;
		expect(close(value('participation', 'PAR-04'), (100 * byField.reduce((a, r) => a + r.realized, 0)) / byField.reduce((a, r) => a + r.budget, 0))).toBe(true);
		const bySource = pages.participation.budgetBySource!.rows;
		const dd = bySource.find((r) => r.key === 'dana_desa')!;
		expect(close(value('participation', 'PAR-05'), (100 * dd.realized) / dd.budget)).toBe(true);
		const months = pages.participation.meetings!.rows;
		expect(pages.participation.meetings!.grain).toBe('month');
		expect(close(value('participation', 'PAR-02'), (100 * months.reduce((a, r) => a + (r.women ?? 0), 0)) / months.reduce((a, r) => a + (r.attendees ?? 0), 0))).toBe(true);
		expect(months.reduce((a, r) => a + r.meetings, 0)).toBe(value('participation', 'PAR-01'));

		expect(pages.health.trends['HLT-03'].length).toBeGreaterThan(1);
		expect(pages.health.breakdowns.map((b) => b.rows.length > 0)).toEqual([true, true]);
	});
});
