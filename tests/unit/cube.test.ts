/**
 * Survey indicators from cubes (src/lib/indicators/cube.ts) against their own SQL.
 *
 * With a data version in the context, survey indicators are answered from a cube kept for
 * that version; without one, by their own query. On random households and people (NULL
 * dimensions, NULL values, ties, members of 0, rounds without people) both paths must
 * give the same value, n, numerator, denominator, reason, baseline and DiD for every
 * filter, the same breakdown rows (keys, labels, order), and the same trends.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { Database } from '../../src/lib/engine/database';
import { openDatabase, createTable, contextOf, SCHEMA } from './fixtures-indicators/tables';
import { createNodeDatabase } from '../../src/lib/engine/node';
import { ident } from '../../src/lib/engine/sql';
import { computeAll, computeBreakdown, computeIndicator, computeTrend } from '../../src/lib/indicators/compute';
import { CATALOGUE } from '../../src/lib/indicators/catalogue';
import type { ComputeContext, DimensionId, IndicatorFilters, IndicatorResult } from '../../src/lib/indicators/types';
import { CASE_CODE_LIMIT } from '../../src/lib/indicators/patterns';
import { weightedSelect } from '../../src/lib/indicators/cube';

let db: Database;
beforeAll(async () => {
	db = await openDatabase();
});

const SURVEY = CATALOGUE.filter((d) => d.kind === 'survey');
const bool = fc.option(fc.boolean(), { nil: null });

const householdArb = fc.record({
	hid: fc.integer({ min: 1, max: 12 }),
	round: fc.constantFrom('r1', 'r2', 'r3'),
	dusun: fc.constantFrom('A', 'B', 'C', null),
	group: fc.constantFrom('program', 'comparison', null),
	head_sex: fc.constantFrom('F', 'M', null),
	members: fc.integer({ min: 0, max: 6 }),
	// Few distinct incomes, so per-capita values tie often.
	income: fc.option(fc.constantFrom(0, 600000, 1200000, 1800000, 2400000, 3600000), { nil: null }),
	electricity: bool,
	water: bool,
	road: bool,
	weight: fc.option(fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3), { nil: null })
});
const personArb = fc.record({
	hid: fc.integer({ min: 1, max: 13 }),
	round: fc.constantFrom('r1', 'r2', 'r3'),
	sex: fc.constantFrom('F', 'M', null),
	age: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
	labour: fc.constantFrom('employed', 'unemployed', 'inactive', null),
	checkup: bool,
	jkn: bool,
	sick: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null })
});

const HH_COLS = ['household_id', 'round', 'survey_date', 'dusun', 'group', 'head_sex', 'members', 'income_month_idr', 'electricity', 'water_improved', 'road_2km', 'weight'];
const PERSON_COLS = ['person_id', 'household_id', 'round', 'sex', 'age', 'labour_status', 'health_checkup_12m', 'jkn', 'sick_days_30d'];
const YEAR: Record<string, number> = { r1: 2023, r2: 2024, r3: 2025 };

const close = (a: number | null | undefined, b: number | null | undefined) =>
	a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

function same(a: IndicatorResult, b: IndicatorResult): boolean {
	return (
		close(a.value, b.value) &&
		close(a.numerator, b.numerator) &&
		close(a.denominator, b.denominator) &&
		a.n === b.n &&
		a.reason === b.reason &&
		a.round === b.round &&
		close(a.baseline, b.baseline) &&
		close(a.change, b.change) &&
		a.smallSample === b.smallSample &&
		close(a.ci?.[0], b.ci?.[0]) &&
		close(a.did?.value, b.did?.value) &&
		close(a.did?.se, b.did?.se) &&
		a.sql === b.sql
	);
}

let version = 1000;

type Household = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;
type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

/** Random households and people as tables, with a context that computes by SQL and one (new data version) from cubes. */
function contextsOf(hs: Household[], ps: Person[]): { sqlCtx: ComputeContext; cubeCtx: ComputeContext } {
	const tables = {
		households: createTable(
			db,
			'households',
			HH_COLS,
			hs.map((h) => [`H${h.hid}`, h.round, `${YEAR[h.round]}-03-0${1 + (h.hid % 9)}`, h.dusun, h.group, h.head_sex, h.members, h.income, h.electricity, h.water, h.road, h.weight])
		),
		people: createTable(
			db,
			'people',
			PERSON_COLS,
			ps.map((p, i) => [`P${i}`, `H${p.hid}`, p.round, p.sex, p.age, p.labour, p.checkup, p.jkn, p.sick])
		)
	};
	const sqlCtx: ComputeContext = contextOf(db, tables);
	return { sqlCtx, cubeCtx: { ...sqlCtx, version: ++version } };
}

describe('survey indicators from cubes', () => {
	it('equal their own SQL for every filter, breakdown and trend', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(householdArb, { selector: (h) => `${h.hid}/${h.round}`, minLength: 0, maxLength: 24 }),
				fc.array(personArb, { maxLength: 30 }),
				fc.constantFrom<IndicatorFilters>({}, { dusun: 'A' }, { dusun: 'Z' }, { group: 'program' }, { group: 'comparison', dusun: 'B' }, { head_sex: 'F' }, { sex: 'M', dusun: 'C' }),
				fc.boolean(),
				(hs, ps, filters, merged) => {
					const { sqlCtx, cubeCtx } = contextsOf(hs, ps);
					// Either each cube from its own query, or all of them first from the merged
					// scans (cubes with fewer dimensions summed from the widest one's cells).
					if (merged) computeAll(cubeCtx, { period: '2025' });
					for (const def of SURVEY) {
						for (const period of ['2023', '2024', '2025']) {
							const req = { period, filters: filters };
							const a = computeIndicator(sqlCtx, def.code, req);
							const b = computeIndicator(cubeCtx, def.code, req);
							expect(same(a, b), `${def.code} ${period} ${JSON.stringify(filters)}: ${JSON.stringify([a.value, a.n, a.reason, a.baseline, a.did])} vs ${JSON.stringify([b.value, b.n, b.reason, b.baseline, b.did])}`).toBe(true);
						}
						const req = { period: '2025', filters };
						for (const dimension of Object.keys(def.dimensions) as DimensionId[]) {
							const a = computeBreakdown(sqlCtx, def.code, req, dimension);
							const b = computeBreakdown(cubeCtx, def.code, req, dimension);
							expect(b.reason).toBe(a.reason);
							expect(b.rows.map((r) => [r.key, r.label, r.n, r.reason])).toEqual(a.rows.map((r) => [r.key, r.label, r.n, r.reason]));
							a.rows.forEach((r, i) => expect(close(r.value, b.rows[i].value), `${def.code} by ${dimension}, ${r.key}: ${r.value} vs ${b.rows[i].value}`).toBe(true));
						}
						const ta = computeTrend(sqlCtx, def.code, req);
						const tb = computeTrend(cubeCtx, def.code, req);
						expect(tb.map((p) => [p.period, p.n, p.reason])).toEqual(ta.map((p) => [p.period, p.n, p.reason]));
						ta.forEach((p, i) => expect(close(p.value, tb[i].value)).toBe(true));
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('all indicators at once (cubes of the same rows merged into one scan) equal their own SQL', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(householdArb, { selector: (h) => `${h.hid}/${h.round}`, minLength: 0, maxLength: 24 }),
				fc.array(personArb, { maxLength: 30 }),
				fc.constantFrom<IndicatorFilters>({}, { dusun: 'A' }, { group: 'comparison', dusun: 'B' }, { sex: 'F' }),
				fc.constantFrom('2023', '2024', '2025'),
				(hs, ps, filters, period) => {
					const { sqlCtx, cubeCtx } = contextsOf(hs, ps);
					const a = computeAll(sqlCtx, { period, filters });
					const b = computeAll(cubeCtx, { period, filters });
					expect(b.map((r) => r.code)).toEqual(a.map((r) => r.code));
					a.forEach((r, i) => expect(same(r, b[i]), `${r.code} ${period} ${JSON.stringify(filters)}: ${JSON.stringify([r.value, r.n, r.reason])} vs ${JSON.stringify([b[i].value, b[i].n, b[i].reason])}`).toBe(true));
				}
			),
			{ numRuns: 20 }
		);
	});

	it('a cube summed from the widest cube of its rows equals its own SQL where heads of both sexes share a dusun and group', () => {
		// Every (round, dusun, group) here holds households headed by women, by men and of no
		// recorded sex, with different values: the shares' cells are sums of several of the
		// widest cube's cells (and of NULL parts: no electricity recorded).
		const hs: Household[] = [];
		let hid = 1;
		for (const round of ['r1', 'r2', 'r3'] as const)
			for (const dusun of ['A', 'B', null] as const)
				for (const group of ['program', 'comparison'] as const)
					for (const head_sex of ['F', 'M', null] as const) {
						const k = hid++;
						hs.push({ hid: k, round, dusun, group, head_sex, members: 1 + (k % 4), income: [600000, 1200000, 2400000][k % 3], electricity: k % 5 === 0 ? null : k % 2 === 0, water: k % 3 === 0, road: head_sex === 'F', weight: [0.5, 1, 2][k % 3] } as Household);
					}
		const { sqlCtx, cubeCtx } = contextsOf(hs, []);
		for (const filters of [{}, { dusun: 'A' }, { group: 'program' }, { head_sex: 'M' }] as IndicatorFilters[]) {
			const a = computeAll(sqlCtx, { period: '2024', filters });
			const b = computeAll(cubeCtx, { period: '2024', filters });
			a.forEach((r, i) => expect(same(r, b[i]), `${r.code} ${JSON.stringify(filters)}: ${JSON.stringify([r.value, r.n])} vs ${JSON.stringify([b[i].value, b[i].n])}`).toBe(true));
		}
		for (const code of ['INF-01', 'INF-02', 'INF-03']) {
			const a = computeBreakdown(sqlCtx, code, { period: '2025' }, 'dusun');
			const b = computeBreakdown(cubeCtx, code, { period: '2025' }, 'dusun');
			expect(b.rows.map((r) => [r.key, r.n])).toEqual(a.rows.map((r) => [r.key, r.n]));
			a.rows.forEach((r, i) => expect(close(r.value, b.rows[i].value), `${code} ${r.key}`).toBe(true));
		}
	});

	it('cubes of the same rows are built in one scan, grouped by the dimensions of the widest', () => {
		const tables = {
			households: createTable(db, 'households', HH_COLS, [
				['H1', 'r1', '2023-03-01', 'A', 'program', 'F', 2, 1200000, true, true, false, 1],
				['H2', 'r1', '2023-03-01', 'B', 'comparison', 'M', 3, 600000, false, true, true, 2]
			]),
			people: createTable(db, 'people', PERSON_COLS, [
				['P1', 'H1', 'r1', 'F', 30, 'employed', true, true, 2],
				['P2', 'H2', 'r1', 'M', 40, 'unemployed', false, true, 4]
			])
		};
		const seen: string[] = [];
		const counting = { ...db, query: (text: string, params?: unknown[]) => (seen.push(text), db.query(text, params)), exec: (t: string) => db.exec(t) } as unknown as Database;
		const ctx: ComputeContext = { ...contextOf(counting, tables), version: ++version };
		const all = computeAll(ctx, { period: '2023' });
		const cubes = seen.filter((q) => /GROUP BY "__round"/.test(q));
		// The three infrastructure shares (households, by dusun and group): one query reads all three.
		const infra = cubes.filter((q) => /"electricity"|"water_improved"|"road_2km"/.test(q));
		expect(infra).toHaveLength(1);
		expect(infra[0]).toMatch(/"electricity"[\s\S]*"water_improved"[\s\S]*"road_2km"/);
		// ...and with them the income measures, which also break down by the head's sex: the
		// query groups by that too, and the shares' cubes are its cells summed over it.
		const householdSums = cubes.filter((q) => /FROM "[^"]*"\."households" AS "h"\)/.test(q) && !/ORDER BY/.test(q));
		expect(householdSums).toEqual(infra);
		expect(infra[0]).toMatch(/"income_month_idr"[\s\S]*GROUP BY "__round", "__d_dusun", "__d_group", "__d_head_sex"$/);
		// The median income's cells (rows and values per combination) come from that scan too.
		expect(cubes.filter((q) => /ORDER BY/.test(q))).toEqual([]);
		expect(cubes).toHaveLength(2);
		// Every people indicator (by sex, dusun and group) comes from one join of people and households.
		const peopleCubes = cubes.filter((q) => /FROM "[^"]*"\."people"|"p"\./.test(q));
		expect(peopleCubes).toHaveLength(1);
		const peopleCodes = SURVEY.filter((d) => d.needs.some((n) => n.table === 'people')).map((d) => d.code);
		expect(peopleCodes.length).toBeGreaterThan(1);
		for (const code of peopleCodes) expect(String(all.find((r) => r.code === code)?.reason ?? ''), code).not.toMatch(/query failed/);
		// Nothing was computed twice: asking again runs no cube query.
		seen.length = 0;
		computeAll(ctx, { period: '2023', filters: { dusun: 'A' } });
		expect(seen.filter((q) => /GROUP BY "__round"/.test(q))).toHaveLength(0);
	});

	it('are answered without a query once their cube is built (and the cube is used at all)', () => {
		const tables = {
			households: createTable(db, 'households', HH_COLS, [
				['H1', 'r1', '2023-03-01', 'A', 'program', 'F', 2, 1200000, true, true, false, 1],
				['H2', 'r1', '2023-03-01', 'B', 'comparison', 'M', 3, 600000, false, true, true, 2],
				['H1', 'r2', '2024-03-01', 'A', 'program', 'F', 2, 1800000, true, null, true, 1],
				['H2', 'r2', '2024-03-01', 'B', 'comparison', 'M', 3, 900000, true, false, true, 2]
			]),
			people: createTable(db, 'people', PERSON_COLS, [
				['P1', 'H1', 'r1', 'F', 30, 'employed', true, true, 2],
				['P2', 'H2', 'r2', 'M', 40, 'unemployed', false, true, 4]
			])
		};
		const ctx: ComputeContext = { ...contextOf(db, tables), version: ++version };
		for (const def of SURVEY) computeIndicator(ctx, def.code, { period: '2024' });
		let queries = 0;
		const query = db.query.bind(db);
		const numeric = db.numericColumns.bind(db);
		db.query = (...a: Parameters<Database['query']>) => (queries++, query(...a));
		db.numericColumns = (...a: Parameters<Database['numericColumns']>) => (queries++, numeric(...a));
		try {
			for (const def of SURVEY) {
				for (const filters of [{ dusun: 'A' }, { group: 'comparison' }, {}]) {
					const r = computeIndicator(ctx, def.code, { period: '2024', filters });
					expect(r.sql).toContain('WHERE');
				}
				computeBreakdown(ctx, def.code, { period: '2024' }, 'dusun');
			}
		} finally {
			db.query = query;
			db.numericColumns = numeric;
		}
		expect(queries).toBe(0);
	});

	it('monitoring results kept per data version: the same as live, never stale after a new version', () => {
		const MEETING_COLS = ['meeting_id', 'date', 'level', 'type', 'attendees', 'women_attendees', 'proposals', 'proposals_adopted'];
		// PAR-02 (women's share of attendees): Q1 (10 + 30) of (20 + 60) = 50 %; Q2 5 of 20 = 25 %.
		const first = { meetings: createTable(db, 'meetings', MEETING_COLS, [
			['M1', '2025-01-10', 'desa', 'musdes', 20, 10, 4, 2],
			['M2', '2025-02-10', 'desa', 'musdes', 60, 30, 2, 1],
			['M3', '2025-04-10', 'desa', 'musdes', 20, 5, 2, 2]
		]) };
		const v = ++version;
		const live = contextOf(db, first);
		const kept: ComputeContext = { ...live, version: v };
		for (const period of ['2025-Q1', '2025-Q2', '2025', '2025-Q1']) {
			const a = computeIndicator(live, 'PAR-02', { period });
			const b = computeIndicator(kept, 'PAR-02', { period });
			expect(same(a, b), period).toBe(true);
		}
		expect(computeIndicator(kept, 'PAR-02', { period: '2025-Q1' }).value).toBe(50);
		expect(computeIndicator(kept, 'PAR-02', { period: '2025-Q2' }).baseline).toBe(50);
		// The same table name with other rows, under a new version: new numbers (Q1 10 of 40 = 25 %).
		const second = { meetings: createTable(db, 'meetings', MEETING_COLS, [['M1', '2025-01-10', 'desa', 'musdes', 40, 10, 4, 2]]) };
		expect(second.meetings.ref).toBe(first.meetings.ref);
		const next: ComputeContext = { ...contextOf(db, second), version: ++version };
		expect(computeIndicator(next, 'PAR-02', { period: '2025-Q1' }).value).toBe(25);
		expect(computeIndicator(next, 'PAR-02', { period: '2025-Q2' }).reasonCode).toBe('no_rows');
	});

	it('kept results belong to their database: two engines at the same version never share them', async () => {
		const other = await createNodeDatabase();
		other.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(SCHEMA)}`);
		expect(other).not.toBe(db);
		const row = (income: number) => [['H1', 'r1', '2023-03-01', 'A', 'program', 'F', 1, income, true, true, true, 1]];
		const same = 5_000_000; // the same version number in both
		const a: ComputeContext = { ...contextOf(db, { households: createTable(db, 'households', HH_COLS, row(100)) }), version: same };
		const b: ComputeContext = { ...contextOf(other, { households: createTable(other, 'households', HH_COLS, row(700)) }), version: same };
		expect(computeIndicator(a, 'INC-01', { period: '2023' }).value).toBe(100);
		expect(computeIndicator(b, 'INC-01', { period: '2023' }).value).toBe(700);
		expect(computeIndicator(a, 'INC-01', { period: '2023' }).value).toBe(100);
	});

	it('weighted median: ties count together, and the value is the first to reach half the weight', () => {
		// Per-capita incomes 100, 200, 200, 300 with weights 1, 1, 1, 1: cumulative weight at 200
		// (ties included) is 3 >= 2, at 100 it is 1 < 2, so the median is 200. With dusun A only
		// (100 and 300, weights 1 and 1): at 100 the cumulative weight 1 reaches half of 2, so 100.
		const tables = {
			households: createTable(db, 'households', HH_COLS, [
				['H1', 'r1', '2023-03-01', 'A', 'program', 'F', 1, 100, null, null, null, 1],
				['H2', 'r1', '2023-03-01', 'B', 'program', 'F', 1, 200, null, null, null, 1],
				['H3', 'r1', '2023-03-01', 'B', 'program', 'F', 1, 200, null, null, null, 1],
				['H4', 'r1', '2023-03-01', 'A', 'program', 'F', 1, 300, null, null, null, 1]
			])
		};
		const ctx: ComputeContext = { ...contextOf(db, tables), version: ++version };
		expect(computeIndicator(ctx, 'INC-01', { period: '2023' }).value).toBe(200);
		expect(computeIndicator(ctx, 'INC-01', { period: '2023', filters: { dusun: 'A' } }).value).toBe(100);
		expect(computeIndicator(ctx, 'INC-01', { period: '2023', filters: { dusun: 'B' } }).value).toBe(200);
		const byDusun = computeBreakdown(ctx, 'INC-01', { period: '2023' }, 'dusun');
		expect(byDusun.rows.map((r) => [r.key, r.value, r.n])).toEqual([
			['A', 100, 2],
			['B', 200, 2]
		]);
	});

	it('weighted median cube: each value finds its cell by code, or by a join when a column has too many values; both equal the SQL', () => {
		const seen: string[] = [];
		const spy = db as unknown as { numericColumns(q: string, p?: unknown[]): Float64Array[] };
		const original = spy.numericColumns.bind(db);
		spy.numericColumns = (q, p) => {
			seen.push(q);
			return original(q, p);
		};
		try {
			for (const [dusuns, form, merged] of [
				[5, 'coded', false],
				[CASE_CODE_LIMIT + 6, 'joined', false],
				[5, 'coded', true],
				[CASE_CODE_LIMIT + 6, 'joined', true]
			] as const) {
				// Households over `dusuns` dusun (one with no dusun), incomes that tie, weights that vary.
				const rows = Array.from({ length: 240 }, (_, i) => [
					`H${i}`,
					['r1', 'r2', 'r3'][i % 3],
					`${2023 + (i % 3)}-03-01`,
					i % 17 === 0 ? null : `D${(i * 11) % dusuns}`,
					i % 5 === 0 ? 'comparison' : 'program',
					i % 4 === 0 ? null : i % 2 ? 'F' : 'M',
					1 + (i % 4),
					(i * 7919) % 11 === 0 ? null : 500_000 * (1 + ((i * 31) % 9)),
					null,
					null,
					null,
					[0.5, 1, 1.5, 2][i % 4]
				]);
				const tables = { households: createTable(db, 'households', HH_COLS, rows) };
				const sqlCtx = contextOf(db, tables);
				const cubeCtx: ComputeContext = { ...sqlCtx, version: ++version };
				seen.length = 0;
				// Merged: the cells come from the households' merged scan (in no order; the
				// joined form reads them again in the cells query's order).
				if (merged) computeAll(cubeCtx, { period: '2025' });
				for (const period of ['2023', '2024', '2025'])
					for (const filters of [{}, { dusun: 'D3' }, { group: 'comparison' }, { head_sex: 'F', dusun: 'D1' }] as IndicatorFilters[]) {
						const a = computeIndicator(sqlCtx, 'INC-01', { period, filters });
						const b = computeIndicator(cubeCtx, 'INC-01', { period, filters });
						expect(same(a, b), `${form} ${merged} ${period} ${JSON.stringify(filters)}: ${a.value} vs ${b.value}`).toBe(true);
					}
				for (const dimension of ['dusun', 'group', 'head_sex'] as DimensionId[]) {
					const a = computeBreakdown(sqlCtx, 'INC-01', { period: '2025' }, dimension);
					const b = computeBreakdown(cubeCtx, 'INC-01', { period: '2025' }, dimension);
					expect(b.rows.map((r) => [r.key, r.value, r.n])).toEqual(a.rows.map((r) => [r.key, r.value, r.n]));
				}
				// The cube's values query was run once, in the expected form.
				const valuesQueries = seen.filter((q) => q.includes('__valued'));
				expect(valuesQueries).toHaveLength(1);
				expect(valuesQueries[0].includes('JOIN __cells')).toBe(form === 'joined');
			}
		} finally {
			spy.numericColumns = original;
		}
	});
});

describe('weightedSelect', () => {
	/** The definition, by a sort: the first value, in ascending order (NaN last), at which twice the running weight reaches `needed`. */
	function bySort(x: number[], w: number[], needed: number): number | null {
		const order = x.map((_, i) => i).sort((a, b) => (Number.isNaN(x[a]) ? 1 : 0) - (Number.isNaN(x[b]) ? 1 : 0) || x[a] - x[b]);
		let cum = 0;
		for (const i of order) {
			cum += w[i];
			if (2 * cum >= needed) return x[i];
		}
		return null;
	}
	it('equals the sorted running sum, with ties, NaN values and any order', () => {
		// Whole weights: both sums are exact, so the answers must be the same value.
		const value = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -20, max: 20 }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
		fc.assert(
			fc.property(
				fc.array(fc.tuple(value, fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 400 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(pairs, share) => {
					const x = pairs.map(([v]) => v);
					const w = pairs.map(([, k]) => k);
					const total = w.reduce((s, v) => s + v, 0);
					// Targets at, between and beyond the running sums (share 1 of 2 x total: the last value).
					const needed = Math.round(share * 2 * total * 2) / 2;
					const got = weightedSelect(Float64Array.from(x), Float64Array.from(w), needed);
					const want = bySort(x, w, needed);
					expect(got === null ? null : Number.isNaN(got) ? 'NaN' : got).toEqual(want === null ? null : Number.isNaN(want) ? 'NaN' : want);
				}
			),
			{ numRuns: 1500 }
		);
	});
	it('gives null when the weight never reaches the target, and reads sorted and reversed input', () => {
		expect(weightedSelect(Float64Array.from([1, 2]), Float64Array.from([1, 1]), 5)).toBeNull();
		const up = Float64Array.from({ length: 1001 }, (_, i) => i);
		const ones = () => new Float64Array(1001).fill(1);
		expect(weightedSelect(up.slice(), ones(), 1001)).toBe(500);
		expect(weightedSelect(up.slice().reverse(), ones(), 1001)).toBe(500);
		expect(weightedSelect(new Float64Array(1001).fill(7), ones(), 1001)).toBe(7);
	});
});
