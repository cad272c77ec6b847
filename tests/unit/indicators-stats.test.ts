/**
 * Pure parts of the indicator engine: statistics (spec reference values), periods,
 * settings, SQL fragments and the catalogue's shape. No database.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	wilsonInterval,
	progressToTarget,
	statusFromProgress,
	assessProgress,
	differenceInDifferences,
	weightedMedian,
	median,
	relativeDifference,
	valuesDisagree,
	proportionStandardError,
	meanStandardError
} from '../../src/lib/indicators/stats';
import { parsePeriod, periodsBetween, previousPeriod, nextPeriod, yearOf, periodContaining, PeriodError, toIsoDate } from '../../src/lib/indicators/period';
import { DEFAULT_SETTINGS, parseSettings, SettingsError } from '../../src/lib/indicators/settings';
import { sql, id, joinSql, sqlForDisplay } from '../../src/lib/indicators/fragment';
import { CATALOGUE, indicatorByCode } from '../../src/lib/indicators/catalogue';
import { CONTRACT } from '../../src/lib/engine/contract';
import type { QueryScope, ResolvedDimension } from '../../src/lib/indicators/types';

const T = DEFAULT_SETTINGS.statusThresholds;

describe('wilsonInterval (spec reference values)', () => {
	it.each([
		[12, 30, 0.2459, 0.5768],
		[0, 10, 0, 0.2775],
		[7, 50, 0.0695, 0.2619],
		[45, 120, 0.2935, 0.4642]
	])('%i/%i -> [%f, %f]', (x, n, lo, hi) => {
		const ci = wilsonInterval(x / n, n)!;
		expect(ci[0]).toBeCloseTo(lo, 4);
		expect(ci[1]).toBeCloseTo(hi, 4);
	});

	it('is null without units and stays inside [0, 1] around p', () => {
		expect(wilsonInterval(0.5, 0)).toBeNull();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (n, k) => {
				const x = Math.min(k, n);
				const [lo, hi] = wilsonInterval(x / n, n)!;
				return lo >= 0 && hi <= 1 && lo <= x / n + 1e-12 && hi >= x / n - 1e-12;
			})
		);
	});
});

describe('progress to target and status', () => {
	it('spec reference: baseline 7, target 12, actual 9 -> 0.40', () => {
		expect(progressToTarget(7, 12, 9)).toBeCloseTo(0.4, 12);
	});
	it('works for down indicators', () => {
		// baseline 30% poverty, target 20%, actual 25% -> (25 - 30) / (20 - 30) = 0.5
		expect(progressToTarget(30, 20, 25)).toBeCloseTo(0.5, 12);
	});
	it('is undefined when target = baseline or an input is missing', () => {
		expect(progressToTarget(5, 5, 7)).toBeNull();
		expect(progressToTarget(null, 5, 7)).toBeNull();
		expect(progressToTarget(1, 5, null)).toBeNull();
	});
	it('status thresholds: achieved >= 1, on track >= 0.85, needs attention >= 0.5, else off track', () => {
		expect(statusFromProgress(1, T)).toBe('achieved');
		expect(statusFromProgress(1.3, T)).toBe('achieved');
		expect(statusFromProgress(0.9999, T)).toBe('on_track');
		expect(statusFromProgress(0.85, T)).toBe('on_track');
		expect(statusFromProgress(0.8499, T)).toBe('needs_attention');
		expect(statusFromProgress(0.5, T)).toBe('needs_attention');
		expect(statusFromProgress(0.4999, T)).toBe('off_track');
		expect(statusFromProgress(-2, T)).toBe('off_track');
	});
	it('assessProgress: no data, no target, and target = baseline judged by direction', () => {
		expect(assessProgress({ value: null, baseline: 1, target: 2, direction: 'up', thresholds: T }).status).toBe('no_data');
		expect(assessProgress({ value: 3, baseline: 1, target: null, direction: 'up', thresholds: T }).status).toBe('no_target');
		expect(assessProgress({ value: 9, baseline: 7, target: 12, direction: 'up', thresholds: T })).toEqual({
			progress: expect.closeTo(0.4, 12),
			status: 'off_track'
		});
		expect(assessProgress({ value: 5, baseline: 5, target: 5, direction: 'up', thresholds: T })).toEqual({ progress: null, status: 'achieved' });
		expect(assessProgress({ value: 6, baseline: 5, target: 5, direction: 'down', thresholds: T }).status).toBe('off_track');
	});
});

describe('difference in differences', () => {
	it('spec reference: (0.74 - 0.60) - (0.81 - 0.78) = 0.11, SE = sqrt of the four squared SEs, CI ± 1.96 SE', () => {
		const se = (p: number, n: number) => proportionStandardError(p, n);
		const d = differenceInDifferences(
			{ baseline: { value: 0.6, se: se(0.6, 100) }, latest: { value: 0.74, se: se(0.74, 100) } },
			{ baseline: { value: 0.78, se: se(0.78, 100) }, latest: { value: 0.81, se: se(0.81, 100) } }
		);
		expect(d.value).toBeCloseTo(0.11, 12);
		// SEs²: 0.6·0.4/100 = 0.0024, 0.74·0.26/100 = 0.001924, 0.78·0.22/100 = 0.001716, 0.81·0.19/100 = 0.001539
		// sum 0.007579 -> SE 0.087057
		expect(d.se).toBeCloseTo(Math.sqrt(0.007579), 12);
		expect(d.ciLow).toBeCloseTo(0.11 - 1.96 * Math.sqrt(0.007579), 12);
		expect(d.ciHigh).toBeCloseTo(0.11 + 1.96 * Math.sqrt(0.007579), 12);
	});
	it('has no SE when one cell has none', () => {
		const d = differenceInDifferences({ baseline: { value: 1, se: null }, latest: { value: 2, se: 0.1 } }, { baseline: { value: 1, se: 0.1 }, latest: { value: 1, se: 0.1 } });
		expect(d).toEqual({ value: 1, se: null, ciLow: null, ciHigh: null });
	});
	it('standard error of a mean from E[x²]', () => {
		// values 1, 3 (equal weights): mean 2, E[x²] 5, var 1, n 2 -> sqrt(1/2)
		expect(meanStandardError(2, 5, 2)).toBeCloseTo(Math.SQRT1_2, 12);
	});
});

describe('medians', () => {
	it('weighted median: smallest v whose cumulative weight reaches half the total', () => {
		// 10 (1), 20 (1), 30 (2): total 4, half 2; cum 1, 2 -> 20 (reaching half exactly counts)
		expect(weightedMedian([30, 10, 20], [2, 1, 1])).toBe(20);
		// 10 (1), 20 (1), 30 (3): total 5, half 2.5; cum 1, 2, 5 -> 30
		expect(weightedMedian([10, 20, 30], [1, 1, 3])).toBe(30);
		// ties count together: 5 (1), 5 (1), 9 (1.5): total 3.5, half 1.75; cum at 5 = 2 -> 5
		expect(weightedMedian([5, 9, 5], [1, 1.5, 1])).toBe(5);
		// unweighted even count: the lower middle value
		expect(weightedMedian([4, 1, 3, 2])).toBe(2);
		expect(weightedMedian([])).toBeNull();
	});
	it('weighted median with equal weights is an order statistic, never an average', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), (xs) => {
				const m = weightedMedian(xs)!;
				const sorted = [...xs].sort((a, b) => a - b);
				return m === sorted[Math.ceil(xs.length / 2) - 1];
			})
		);
	});
	it('standard median interpolates', () => {
		expect(median([1, 2, 4, 6])).toBe(3);
		expect(median([5, 1, 3])).toBe(3);
		expect(median([])).toBeNull();
	});
});

describe('reported value disagreement', () => {
	it('relative difference against the reported value, tolerance 0.5%', () => {
		expect(relativeDifference(100.4, 100)).toBeCloseTo(0.004, 12);
		expect(valuesDisagree(100.4, 100, 0.005)).toBe(false);
		expect(valuesDisagree(100.6, 100, 0.005)).toBe(true);
		expect(valuesDisagree(99.4, 100, 0.005)).toBe(true);
		expect(relativeDifference(0, 0)).toBe(0);
		expect(valuesDisagree(0.1, 0, 0.005)).toBe(true);
		expect(relativeDifference(null, 3)).toBeNull();
		expect(valuesDisagree(null, 3, 0.005)).toBe(false);
	});
});

describe('periods', () => {
	it('parses years, quarters and months with inclusive last days', () => {
		expect(parsePeriod('2025')).toEqual({ kind: 'year', start: '2025-01-01', end: '2025-12-31', label: '2025', year: 2025 });
		expect(parsePeriod('2025-Q3')).toEqual({ kind: 'quarter', start: '2025-07-01', end: '2025-09-30', label: '2025-Q3', year: 2025 });
		expect(parsePeriod(' 2024-q1 ')).toMatchObject({ start: '2024-01-01', end: '2024-03-31', label: '2024-Q1' });
		expect(parsePeriod('2024-02')).toMatchObject({ kind: 'month', start: '2024-02-01', end: '2024-02-29' });
		expect(parsePeriod('2025-02').end).toBe('2025-02-28');
		expect(parsePeriod('2025-12').end).toBe('2025-12-31');
	});
	it('rejects anything else with a clear error', () => {
		for (const bad of ['2025-Q5', '2025-13', '2025-00', '25', '2025-7', '2025Q3', '2025-07-01', '', 'end', '2025-Q']) {
			expect(() => parsePeriod(bad)).toThrow(PeriodError);
		}
		expect(() => parsePeriod('Q3 2025')).toThrow(/expected a year \(2025\), a quarter \(2025-Q3\) or a month \(2025-07\)/);
	});
	it('lists periods between two dates, and steps back and forth', () => {
		expect(periodsBetween('quarter', '2024-11-05', '2025-04-20').map((p) => p.label)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2']);
		expect(periodsBetween('month', '2024-12-31', '2025-02-01').map((p) => p.label)).toEqual(['2024-12', '2025-01', '2025-02']);
		expect(periodsBetween('year', '2021-06-01', '2024-01-01').map((p) => p.label)).toEqual(['2021', '2022', '2023', '2024']);
		expect(periodsBetween('month', '2025-03-01', '2025-02-01')).toEqual([]);
		expect(previousPeriod(parsePeriod('2025-Q1')).label).toBe('2024-Q4');
		expect(nextPeriod(parsePeriod('2024-Q4')).label).toBe('2025-Q1');
		expect(previousPeriod(parsePeriod('2025-01')).label).toBe('2024-12');
		expect(nextPeriod(parsePeriod('2025-12')).label).toBe('2026-01');
		expect(nextPeriod(parsePeriod('2025')).label).toBe('2026');
		expect(yearOf(parsePeriod('2025-Q3'))).toBe(2025);
		expect(periodContaining('quarter', '2025-09-30').label).toBe('2025-Q3');
	});
	it('consecutive periods tile the calendar', () => {
		fc.assert(
			fc.property(fc.constantFrom('year', 'quarter', 'month') as fc.Arbitrary<'year' | 'quarter' | 'month'>, fc.integer({ min: 0, max: 3000 }), (kind, day) => {
				const date = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
				const p = periodContaining(kind, date);
				const n = nextPeriod(p);
				const dayAfter = new Date(Date.parse(p.end + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
				return p.start <= date && date <= p.end && n.start === dayAfter && previousPeriod(n).label === p.label;
			})
		);
	});
	it('reads engine dates', () => {
		expect(toIsoDate(new Date(Date.UTC(2025, 6, 9)))).toBe('2025-07-09');
		expect(toIsoDate(Date.UTC(2025, 0, 1))).toBe('2025-01-01');
		expect(toIsoDate(null)).toBeNull();
	});
});

describe('settings', () => {
	it('defaults follow the spec', () => {
		expect(DEFAULT_SETTINGS.povertyLine).toBe(580349);
		expect(DEFAULT_SETTINGS.statusThresholds).toEqual({ achieved: 1, onTrack: 0.85, needsAttention: 0.5 });
		expect(DEFAULT_SETTINGS.smallSampleN).toBe(30);
		expect(DEFAULT_SETTINGS.disagreementTolerance).toBe(0.005);
		expect(DEFAULT_SETTINGS.ageBands.adults).toEqual({ minAge: 15, belowAge: 65 });
		expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
	});
	it('merges partial settings over the defaults', () => {
		const s = parseSettings({ povertyLine: 600000, ageBands: { workingAge: { minAge: 16 } } });
		expect(s.povertyLine).toBe(600000);
		expect(s.ageBands.workingAge).toEqual({ minAge: 16, belowAge: null });
		expect(s.ageBands.adults).toEqual(DEFAULT_SETTINGS.ageBands.adults);
	});
	it.each([
		[{ povertyLine: 0 }, /povertyLine/],
		[{ povertyLine: '580349' }, /povertyLine/],
		[{ povertyLine: Number.NaN }, /povertyLine/],
		[{ statusThresholds: { onTrack: 1.2 } }, /needsAttention < onTrack < achieved/],
		[{ statusThresholds: { needsAttention: -0.1 } }, /statusThresholds/],
		[{ ageBands: { adults: { minAge: 65, belowAge: 15 } } }, /belowAge/],
		[{ ageBands: { adults: { minAge: -1 } } }, /minAge/],
		[{ smallSampleN: 2.5 }, /smallSampleN/],
		[{ disagreementTolerance: 1.5 }, /disagreementTolerance/],
		[{ povertyLine: 1e21 }, /povertyLine must be between 10000 and 100000000/],
		// 580.349 rupiah: `580.349` typed in English, `580,349` in Indonesian, meaning the BPS line.
		[{ povertyLine: 580.349 }, /povertyLine must be a whole number/],
		[{ ageBands: { adults: { belowAge: 500 } } }, /belowAge must be between 0 and 120/],
		[{ povertyLin: 1 }, /Unknown setting povertyLin/],
		[{ ageBands: { elderly: {} } }, /Unknown setting ageBands.elderly/],
		[[], /must be an object/]
	])('rejects %j', (input, message) => {
		expect(() => parseSettings(input)).toThrow(SettingsError);
		expect(() => parseSettings(input)).toThrow(message);
	});
	it('says which setting and which rule, for a message in the UI language', () => {
		const caught = (input: unknown) => {
			try {
				parseSettings(input);
			} catch (e) {
				const s = e as SettingsError;
				return [s.path, s.rule, s.limits];
			}
			return null;
		};
		expect(caught({ povertyLine: -5 })).toEqual(['povertyLine', 'range', { min: 10_000, max: 100_000_000 }]);
		expect(caught({ povertyLine: 580 })).toEqual(['povertyLine', 'range', { min: 10_000, max: 100_000_000 }]);
		expect(caught({ povertyLine: 580.349 })).toEqual(['povertyLine', 'integer', { min: 10_000, max: 100_000_000 }]);
		expect(caught({ smallSampleN: 2.5 })).toEqual(['smallSampleN', 'integer', { min: 1, max: 1_000_000 }]);
		expect(caught({ statusThresholds: { onTrack: 1.2 } })).toEqual(['statusThresholds', 'thresholds', {}]);
		expect(caught({ ageBands: { adults: { minAge: 40, belowAge: 30 } } })).toEqual(['ageBands.adults.belowAge', 'ageOrder', { min: 40 }]);
		expect(caught({ povertyLine: Number.NaN })).toEqual(['povertyLine', 'number', {}]);
	});
});

describe('SQL fragments', () => {
	it('binds every value as a parameter and quotes identifiers', () => {
		const evil = "x'; DROP TABLE households; --";
		const f = sql`SELECT ${id('group')} FROM t WHERE a = ${evil} AND b < ${3} AND ${joinSql([sql`c = ${'y'}`, sql`d = ${true}`], ' AND ')}`;
		expect(f.text).toBe('SELECT "group" FROM t WHERE a = ? AND b < ? AND c = ? AND d = ?');
		expect(f.params).toEqual([evil, 3, 'y', true]);
		expect(sqlForDisplay(f.text, f.params)).toBe(`SELECT "group" FROM t WHERE a = 'x''; DROP TABLE households; --' AND b < 3 AND c = 'y' AND d = true`);
		expect(sqlForDisplay('SELECT "a?b", \'?\' FROM t WHERE x = ?', [1])).toBe('SELECT "a?b", \'?\' FROM t WHERE x = 1');
		expect(() => sql`x = ${Number.POSITIVE_INFINITY}`).toThrow();
	});

	it('filter values and periods never reach the SQL text of any indicator', () => {
		const tables = Object.fromEntries(
			Object.values(CONTRACT).map((t) => [t.name, { ref: `"contract"."${t.name}"`, columns: t.columns.map((c) => c.name) }])
		);
		const marker = "ZZ'MARK";
		for (const def of CATALOGUE) {
			const dims = Object.keys(def.dimensions) as Array<keyof typeof def.dimensions>;
			const resolved: ResolvedDimension[] = dims.map((d) => ({
				id: d,
				table: def.dimensions[d]!.table,
				key: (a: string) => sql`CAST(${id(a)}.${id(def.dimensions[d]!.columns[0])} AS VARCHAR)`,
				label: null
			}));
			const scope: QueryScope = {
				tables,
				period: parsePeriod('2025-Q3'),
				round: marker,
				filters: resolved.map((d) => ({ dimension: d, value: marker })),
				breakdown: resolved[0] ?? null,
				settings: DEFAULT_SETTINGS
			};
			const q = def.build(scope);
			expect(q.text, def.code).not.toContain('MARK');
			expect(q.text, def.code).not.toContain('2025');
			expect(q.text.split('?').length - 1, def.code).toBe(q.params.length);
			// pure: the same scope gives the same SQL
			expect(def.build(scope)).toEqual(q);
		}
	});
});

describe('catalogue', () => {
	it('has the 32 indicators of the spec, each once', () => {
		const codes = CATALOGUE.map((d) => d.code);
		expect(codes).toEqual([
			'INC-01', 'INC-02', 'INC-03', 'INC-04', 'INC-05', 'INC-06',
			'EMP-01', 'EMP-02', 'EMP-03', 'EMP-04', 'EMP-05',
			'WOM-01', 'WOM-02', 'WOM-03', 'WOM-04',
			'HLT-01', 'HLT-02', 'HLT-03', 'HLT-04', 'HLT-05',
			'INF-01', 'INF-02', 'INF-03', 'INF-04', 'INF-05', 'INF-06',
			'PAR-01', 'PAR-02', 'PAR-03', 'PAR-04', 'PAR-05',
			'VIL-01'
		]); // prettier-ignore
		expect(indicatorByCode('inc-01')?.code).toBe('INC-01');
		expect(indicatorByCode('XXX-01')).toBeUndefined();
	});

	it('names only contract tables and columns in needs and (non-district) dimensions', () => {
		for (const def of CATALOGUE) {
			for (const need of def.needs) {
				const names = CONTRACT[need.table].columns.map((c) => c.name);
				for (const c of need.columns) expect(names, `${def.code} ${need.table}.${c}`).toContain(c);
			}
			for (const [dim, spec] of Object.entries(def.dimensions)) {
				if (['provinsi', 'kabupaten', 'kecamatan'].includes(dim)) continue;
				const names = CONTRACT[spec!.table].columns.map((c) => c.name);
				expect(names, `${def.code} ${dim}`).toContain(spec!.columns[0]);
			}
			expect(def.kind === 'survey').toBe(def.timing === 'round');
			expect(def.kind === 'survey').toBe(def.needs.some((n) => n.table === 'households'));
			if (def.kind === 'monitoring') expect(def.timeline, def.code).toBeDefined();
			expect(def.names.id && def.names.en && def.definition.id && def.definition.en).toBeTruthy();
		}
	});

	it('follows the spec table for units, directions and disaggregations', () => {
		const spec: Record<string, [string, string, string[]]> = {
			'INC-01': ['idr', 'up', ['dusun', 'group', 'head_sex']],
			'INC-02': ['percent', 'down', ['dusun', 'group', 'head_sex']],
			'INC-03': ['idr', 'up', ['sector', 'owner_sex', 'dusun']],
			'INC-04': ['count', 'up', ['borrower_sex']],
			'INC-05': ['idr', 'up', ['borrower_sex']],
			'INC-06': ['percent', 'down', ['borrower_sex']],
			'EMP-01': ['percent', 'down', ['sex', 'dusun', 'group']],
			'EMP-02': ['count', 'up', ['course', 'sex']],
			'EMP-03': ['percent', 'up', ['course', 'sex']],
			'EMP-04': ['percent', 'up', ['course', 'sex']],
			'EMP-05': ['count', 'up', ['sector', 'owner_sex']],
			'WOM-01': ['percent', 'up', ['sector', 'dusun']],
			'WOM-02': ['percent', 'up', []],
			'WOM-03': ['ratio', 'up', ['sector']],
			'WOM-04': ['percent', 'up', ['course']],
			'HLT-01': ['percent', 'up', ['sex', 'dusun', 'group']],
			'HLT-02': ['percent', 'up', ['sex', 'dusun', 'group']],
			'HLT-03': ['percent', 'down', ['sex', 'dusun']],
			'HLT-04': ['count', 'up', ['sex', 'dusun']],
			'HLT-05': ['days', 'down', ['sex', 'dusun', 'group']],
			'INF-01': ['percent', 'up', ['dusun', 'group']],
			'INF-02': ['percent', 'up', ['dusun', 'group']],
			'INF-03': ['percent', 'up', ['dusun', 'group']],
			'INF-04': ['count', 'up', ['type', 'dusun']],
			'INF-05': ['percent', 'up', ['type', 'dusun']],
			'INF-06': ['count', 'up', ['type', 'dusun']],
			'PAR-01': ['count', 'up', ['level', 'type']],
			'PAR-02': ['percent', 'up', ['level', 'type']],
			'PAR-03': ['percent', 'up', ['level']],
			'PAR-04': ['percent', 'up', ['field', 'source']],
			'PAR-05': ['percent', 'up', ['field']],
			'VIL-01': ['score', 'up', ['provinsi', 'kabupaten', 'kecamatan', 'status', 'village_code']]
		};
		for (const def of CATALOGUE) {
			const [unit, direction, dims] = spec[def.code];
			expect([def.unit, def.direction, Object.keys(def.dimensions)], def.code).toEqual([unit, direction, dims]);
		}
	});
});
