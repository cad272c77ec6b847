/**
 * The area pages' chart option builders (src/lib/charts/areas.ts): series, data, mark
 * lines, and tooltips that escape data text.
 */
import { describe, it, expect } from 'vitest';
import {
	areaCharts,
	funnelOptions,
	histogramOptions,
	pairedBarsOptions,
	signedBarsOptions,
	stackedBarsOptions,
	thresholdBarsOptions,
	valueLabel,
	type Translate
} from '../../src/lib/charts/areas';
import { PROGRAM_COLOUR, TARGET_COLOUR, WARNING_COLOUR, INK } from '../../src/lib/charts/palette';
import type { AreaPageResult } from '../../src/lib/analysis/operations';
import type { BreakdownResult, IndicatorResult, TrendPoint } from '../../src/lib/indicators/types';

const EVIL = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

type Series = {
	name?: string;
	type: string;
	stack?: string;
	data: unknown[];
	itemStyle?: { color?: string };
	markLine?: { data: Array<Record<string, unknown> & { label?: { formatter?: unknown } }> };
	label?: { formatter: (p: { value: unknown }) => string };
};
type Opts = {
	xAxis: { type: string; data?: string[]; min?: number; max?: number };
	yAxis: { type: string; data?: string[]; max?: number };
	series: Series[];
	color?: string[];
	legend?: unknown;
	tooltip: { formatter: (p: unknown) => string };
};
const o = (x: unknown) => x as Opts;

/** A translate function that shows the key and its values, so tests can see what was asked. */
const t: Translate = (key, options) => (options?.values ? `${key} ${JSON.stringify(options.values)}` : key);

describe('histogramOptions', () => {
	const bins = [
		{ from: 0, to: 200000, share: 10, n: 3 },
		{ from: 200000, to: 400000, share: 30, n: 9 },
		{ from: 400000, to: 600000, share: 40, n: 12 },
		{ from: 600000, to: null, share: 20, n: 6 }
	];
	const opts = () =>
		o(histogramOptions({ bins, width: 200000, marker: { value: 580349, label: 'Garis kemiskinan' }, lang: 'id', text: { share: 'Porsi', households: 'Rumah tangga', andAbove: 'ke atas' } }));

	it('puts one bar per bin at its centre on a value axis, from the first edge to the open bin’s end', () => {
		const x = opts();
		expect(x.xAxis).toMatchObject({ type: 'value', min: 0, max: 800000 });
		expect(x.series).toHaveLength(1);
		expect(x.series[0].data.map((d) => (d as { value: number[] }).value)).toEqual([
			[100000, 10],
			[300000, 30],
			[500000, 40],
			[700000, 20]
		]);
	});

	it('marks the poverty line and draws bins wholly below it in vermillion', () => {
		const x = opts();
		const ml = x.series[0].markLine!.data[0];
		expect(ml.xAxis).toBe(580349);
		expect(ml.label?.formatter).toBe('Garis kemiskinan');
		expect(x.series[0].data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual([WARNING_COLOUR, WARNING_COLOUR, PROGRAM_COLOUR, PROGRAM_COLOUR]);
	});

	it('shows the range, share and households in the tooltip, in the UI language, escaped', () => {
		const html = opts().tooltip.formatter({ dataIndex: 3, marker: '' });
		expect(html).toContain('ke atas');
		expect(html).toContain('20,0%');
		const evil = o(histogramOptions({ bins, width: 200000, lang: 'en', text: { share: EVIL, households: 'Households', andAbove: 'and above' } }));
		const h = evil.tooltip.formatter({ dataIndex: 1, marker: '' });
		expect(h).not.toContain('<img');
		expect(h).toContain(ESCAPED);
		expect(h).toContain('30.0%');
		expect(evil.series[0].markLine).toBeUndefined();
	});
});

describe('funnelOptions', () => {
	const stages = [
		{ label: 'Enrolled', value: 150 },
		{ label: 'Completed', value: 120 },
		{ label: EVIL, value: 60 }
	];
	const x = () => o(funnelOptions({ stages, lang: 'en', text: { count: 'Enrolments', ofFirst: 'of enrolled', ofPrevious: 'of previous' } }));

	it('draws the stages widest first with count and share of the first', () => {
		const f = x();
		expect(f.yAxis.data).toEqual(['Enrolled', 'Completed', EVIL]);
		expect(f.series[0].data.map((d) => (d as { value: number }).value)).toEqual([150, 120, 60]);
		expect(f.series[0].label!.formatter({ value: 120 })).toBe('120 (80.0%)');
	});

	it('escapes stage labels in the tooltip and gives the share of the previous stage', () => {
		const html = x().tooltip.formatter([{ dataIndex: 2, marker: '' }]);
		expect(html).not.toContain('<img');
		expect(html).toContain(ESCAPED);
		expect(html).toContain('of enrolled: <b>40.0%</b>');
		expect(html).toContain('of previous: <b>50.0%</b>');
	});
});

describe('pairedBarsOptions', () => {
	const x = () =>
		o(
			pairedBarsOptions({
				categories: ['Semua sektor', EVIL],
				series: [
					{ name: 'Anggaran', values: [200, 100], colour: '#56B4E9' },
					{ name: 'Realisasi', values: [150, null], colour: PROGRAM_COLOUR }
				],
				unit: 'idr',
				lang: 'id',
				ratio: { label: 'Realisasi %', numerator: 1, denominator: 0 }
			})
		);

	it('has one bar series per series over the categories', () => {
		const p = x();
		expect(p.yAxis.data).toEqual(['Semua sektor', EVIL]);
		expect(p.series.map((s) => [s.name, s.type, s.data])).toEqual([
			['Anggaran', 'bar', [200, 100]],
			['Realisasi', 'bar', [150, null]]
		]);
		expect(p.color).toEqual(['#56B4E9', PROGRAM_COLOUR]);
	});

	it('shows values and the ratio in the tooltip, with the category escaped', () => {
		const p = x();
		const html = p.tooltip.formatter([
			{ dataIndex: 0, seriesName: 'Anggaran', value: 200, marker: '' },
			{ dataIndex: 0, seriesName: 'Realisasi', value: 150, marker: '' }
		]);
		expect(html).toContain('Realisasi %: <b>75,0%</b>');
		const evil = p.tooltip.formatter([{ dataIndex: 1, seriesName: EVIL, value: 100, marker: '' }]);
		expect(evil).not.toContain('<img');
		expect(evil.split(ESCAPED)).toHaveLength(3);
	});
});

describe('stackedBarsOptions', () => {
	it('stacks the statuses per type and totals them in the tooltip, escaped', () => {
		const p = o(
			stackedBarsOptions({
				categories: ['Jalan', EVIL],
				series: [
					{ name: 'Selesai', values: [2, 1], colour: '#009E73' },
					{ name: 'Sedang dikerjakan', values: [1, 0], colour: '#E69F00', textColour: INK }
				],
				lang: 'id',
				text: { total: 'Jumlah' }
			})
		);
		expect(new Set(p.series.map((s) => s.stack)).size).toBe(1);
		expect(p.series.map((s) => s.data)).toEqual([
			[2, 1],
			[1, 0]
		]);
		expect(p.series[1].label!.formatter({ value: 0 })).toBe('');
		const html = p.tooltip.formatter([
			{ dataIndex: 1, seriesName: 'Selesai', value: 1, marker: '' },
			{ dataIndex: 1, seriesName: 'Sedang dikerjakan', value: 0, marker: '' }
		]);
		expect(html).toContain(ESCAPED);
		expect(html).not.toContain('<img');
		expect(html).toContain('Jumlah: <b>1</b>');
	});
});

describe('thresholdBarsOptions', () => {
	const p = () =>
		o(
			thresholdBarsOptions({
				rows: [
					{ label: 'Jan', value: 28, detail: '88 of 315' },
					{ label: EVIL, value: 41.5, detail: EVIL },
					{ label: 'Mar', value: null }
				],
				threshold: { value: 30, label: '30% (SDGs Desa)' },
				seriesName: "Women's share",
				lang: 'en'
			})
		);

	it('draws the shares against a 30% line, bars below it in vermillion', () => {
		const x = p();
		expect(x.xAxis.data).toEqual(['Jan', EVIL, 'Mar']);
		expect(x.series[0].data.map((d) => (d as { value: number | null }).value)).toEqual([28, 41.5, null]);
		expect(x.series[0].data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual([WARNING_COLOUR, PROGRAM_COLOUR, PROGRAM_COLOUR]);
		const ml = x.series[0].markLine!.data[0];
		expect(ml.yAxis).toBe(30);
		expect((ml.lineStyle as { color: string }).color).toBe(TARGET_COLOUR);
		expect(x.yAxis.max).toBe(50);
	});

	it('escapes the label and detail in the tooltip', () => {
		const html = p().tooltip.formatter([{ dataIndex: 1, marker: '' }]);
		expect(html).not.toContain('<img');
		expect(html.split(ESCAPED)).toHaveLength(3);
		expect(html).toContain("Women&#39;s share: <b>41.5%</b>");
	});
});

describe('signedBarsOptions', () => {
	it('shows signed amounts, subtractions in vermillion and the balance in black, escaped in the tooltip', () => {
		const p = o(
			signedBarsOptions({
				items: [
					{ label: 'Revenue', value: 1000 },
					{ label: 'Expenditure', value: -900 },
					{ label: EVIL, value: -50 },
					{ label: 'Balance', value: 50, total: true }
				],
				lang: 'en'
			})
		);
		expect(p.series[0].data.map((d) => (d as { value: number }).value)).toEqual([1000, -900, -50, 50]);
		expect(p.series[0].data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual([PROGRAM_COLOUR, WARNING_COLOUR, WARNING_COLOUR, INK]);
		expect(p.series[0].label!.formatter({ value: -900 })).toMatch(/^-IDR\s?900$/);
		const html = p.tooltip.formatter([{ dataIndex: 2, marker: '' }]);
		expect(html).not.toContain('<img');
		expect(html).toContain(ESCAPED);
	});
});

// ---------------------------------------------------------------- areaCharts

function result(code: string, value: number | null, extra: Partial<IndicatorResult> = {}): IndicatorResult {
	return {
		code,
		period: '2025',
		value,
		numerator: null,
		denominator: null,
		n: 10,
		reason: value === null ? 'missing table meetings' : null,
		reasonCode: value === null ? 'missing_table' : null,
		baseline: null,
		baselineSource: null,
		change: null,
		target: null,
		targetPeriod: null,
		progress: null,
		status: value === null ? 'no_data' : 'no_target',
		ci: null,
		smallSample: false,
		did: null,
		sql: '',
		params: [],
		reported: null,
		extras: {},
		notes: [],
		...extra
	};
}

const point = (period: string, value: number | null, round?: string): TrendPoint => ({
	period,
	label: period,
	start: null,
	end: null,
	value,
	numerator: null,
	denominator: null,
	n: 10,
	ci: null,
	smallSample: false,
	reason: null,
	reasonCode: null,
	...(round ? { round, roundDate: '2025-02-03' } : {})
});

function page(area: AreaPageResult['area'], extra: Partial<AreaPageResult>): AreaPageResult {
	return { area, period: '2025', codes: [], results: [], sparklines: {}, trends: {}, groups: {}, breakdowns: [], ms: 1, ...extra };
}

describe('areaCharts', () => {
	it('draws the participation page: meetings against 30%, APBDes by field and source, the balance with its note', () => {
		const charts = areaCharts(
			page('participation', {
				results: [
					result('PAR-04', 97.5, { target: 95, baseline: 90, extras: { revenue: 2440, expenditure: 2387, financing_in: 40, financing_out: 50, balance: 43 } })
				],
				trends: { 'PAR-04': [point('2024', 95), point('2025', 97.5)] },
				meetings: {
					reason: null,
					reasonCode: null,
					sql: '',
					params: [],
					period: '2025',
					grain: 'month',
					rows: [
						{ key: '2025-01', date: '2025-01-01', level: null, type: null, women: 88, attendees: 315, share: 27.9, meetings: 7 },
						{ key: '2025-02', date: '2025-02-01', level: null, type: null, women: 49, attendees: 124, share: 39.5, meetings: 4 }
					]
				},
				budgetByField: { reason: null, reasonCode: null, sql: '', params: [], year: 2025, dimension: 'field', rows: [{ key: EVIL, budget: 100, realized: 90, n: 1, lines: 1 }] },
				budgetBySource: { reason: 'filter not supported by this chart: dusun', reasonCode: 'filter_not_supported', sql: '', params: [], year: 2025, dimension: 'source', rows: [] }
			}),
			t,
			'en'
		);
		expect(charts.map((c) => c.id)).toEqual([
			'participation-women-share-meetings',
			'participation-apbdes-by-field',
			'participation-apbdes-by-source',
			'participation-budget-balance',
			'participation-PAR-04-trend'
		]);
		const [meetings, field, source, balance, trend] = charts;
		expect(o(meetings.options).xAxis.data).toEqual(['Jan', 'Feb']);
		expect(o(meetings.options).series[0].markLine!.data[0].yAxis).toBe(30);
		expect(meetings.caption).toContain('"below":"1","total":"2"');
		// Field names are data: drawn as they are on the canvas, escaped in the tooltip.
		expect(o(field.options).yAxis.data).toEqual([EVIL]);
		expect(o(field.options).tooltip.formatter([{ dataIndex: 0, seriesName: 'Budget', value: 100, marker: '' }])).not.toContain('<img');
		expect(field.table?.rows[0]).toEqual([EVIL, 100, 90, 90]);
		expect(source.options).toBeNull();
		expect(source.empty).toMatchObject({ message: 'areas_page.empty.filter {"detail":"dusun"}', hint: 'areas_page.empty.clearFilter', load: false, clear: true });
		expect(o(balance.options).series[0].data.map((d) => (d as { value: number }).value)).toEqual([2440, -2387, 40, -50, 43]);
		expect(balance.note).toContain('areas_page.balanceNote');
		expect(o(trend.options).series[0].markLine!.data.map((m) => m.yAxis)).toEqual([90, 95]);
	});

	it("marks a trend's periods the data does not cover to their end, and notes them", () => {
		const trend = [point('2025', 97.5), point('2026', 50.9)].map((p) => ({ ...p, end: `${p.period}-12-31` }));
		const data = page('participation', { results: [result('PAR-04', 97.5, { target: 95 })], trends: { 'PAR-04': trend } });
		const chart = (opts: Parameters<typeof areaCharts>[3]) => areaCharts(data, t, 'en', opts).find((c) => c.id === 'participation-PAR-04-trend')!;
		const marked = chart({ partial: (points) => points.map((p) => p.end === '2026-12-31'), dataEnd: '2026-06-30' });
		expect(marked.partial).toEqual({ periods: ['2026'], note: 'chart.partial {"periods":"2026","date":"June 30, 2026"}' });
		expect(o(marked.options).xAxis.data).toEqual(['2025', '2026*']);
		expect(o(marked.options).series.map((s) => s.data)).toEqual([
			[97.5, null],
			[{ value: 97.5, symbol: 'none' }, 50.9]
		]);
		// Without the page's rule (or with every period complete): one line, no note.
		const plain = chart({});
		expect(plain.partial).toBeNull();
		expect(o(plain.options).series).toHaveLength(1);
	});

	it('draws survey indicators as program vs comparison with the DiD, and breakdowns with the overall line', () => {
		const charts = areaCharts(
			page('health', {
				results: [
					result('HLT-01', 50, { did: { value: 4.2, se: 1, ciLow: 2.24, ciHigh: 6.16 }, target: 60 }),
					result('HLT-02', 78),
					result('HLT-03', null)
				],
				trends: { 'HLT-01': [point('baseline', 40, 'baseline'), point('endline', 50, 'endline')], 'HLT-03': [] },
				groups: {
					'HLT-01': {
						program: [point('baseline', 41, 'baseline'), point('endline', 52, 'endline')],
						comparison: [point('baseline', 39, 'baseline'), point('endline', 45.8, 'endline')]
					}
				},
				breakdowns: [
					{ code: 'HLT-01', period: '2025', dimension: 'dusun', round: 'endline', roundDate: '2025-02-03', rows: [{ key: EVIL, label: null, value: 48, numerator: 4.8, denominator: 10, n: 10, ci: null, smallSample: true, reason: null, reasonCode: null, reported: null }], reason: null, reasonCode: null, sql: '', params: [] } as BreakdownResult,
					{ code: 'HLT-02', period: '2025', dimension: 'sex', rows: [{ key: 'F', label: null, value: 80, numerator: 8, denominator: 10, n: 10, ci: null, smallSample: true, reason: null, reasonCode: null, reported: null }], reason: null, reasonCode: null, sql: '', params: [] } as BreakdownResult
				]
			}),
			t,
			'en'
		);
		const byId = new Map(charts.map((c) => [c.id, c]));
		const stunting = byId.get('health-HLT-03-trend')!;
		expect(stunting.options).toBeNull();
		expect(stunting.empty).toMatchObject({ load: true, hint: 'areas_page.empty.loadTable {"table":"meetings"}' });
		const did = byId.get('health-HLT-01-trend')!;
		const series = o(did.options).series;
		expect(series.map((s) => s.name)).toEqual(['areas_page.program', 'areas_page.comparison']);
		expect(series.map((s) => s.data)).toEqual([
			[41, 52],
			[39, 45.8]
		]);
		expect(series[0].markLine!.data.map((m) => m.yAxis)).toEqual([60]);
		expect(did.caption).toContain('areas_page.didCi');
		expect(did.caption).toContain('+4.2 pts');
		const byDusun = byId.get('health-HLT-01-dusun')!;
		const bo = o(byDusun.options);
		expect(bo.yAxis.data).toEqual([EVIL]);
		expect(bo.series[0].markLine!.data[0].xAxis).toBe(50);
		const html = bo.tooltip.formatter([{ axisValueLabel: EVIL, seriesName: '', value: 48, marker: '' }]);
		expect(html).not.toContain('<img');
		expect(html).toContain(ESCAPED);
		// Contract codes are translated; other values are shown as they are.
		expect(o(byId.get('health-HLT-02-sex')!.options).yAxis.data).toEqual(['areas_page.value.sex.F']);
		expect(valueLabel(t, 'sex', 'X')).toBe('X');
		expect(valueLabel(t, 'course', null)).toBe('areas_page.value.none');
		expect(valueLabel(t, 'constructor', 'toString')).toBe('toString');
	});

	it('draws the income distribution with the poverty line, and an empty state for what is not loaded', () => {
		const charts = areaCharts(
			page('income', {
				results: [result('INC-01', 1088000), result('INC-02', 19.1), result('INC-05', null)],
				trends: { 'INC-01': [point('r1', 1000000, 'r1')], 'INC-02': [point('r1', 19.1, 'r1')], 'INC-05': [] },
				distribution: {
					reason: null,
					reasonCode: null,
					sql: '',
					params: [],
					round: 'endline',
					roundDate: '2025-02-03',
					povertyLine: 580349,
					width: 200000,
					bins: [
						{ from: 0, to: 200000, weight: 1, share: 25, n: 1 },
						{ from: 200000, to: null, weight: 3, share: 75, n: 3 }
					],
					n: 4,
					totalWeight: 4,
					belowLinePercent: 25
				},
				breakdowns: [{ code: 'INC-02', period: '2025', dimension: 'dusun', rows: [], reason: 'missing column households.dusun', reasonCode: 'missing_column', sql: '', params: [] }]
			}),
			t,
			'id'
		);
		expect(charts.map((c) => c.id)).toEqual(['income-INC-01-trend', 'income-INC-02-trend', 'income-distribution', 'income-INC-02-dusun', 'income-INC-05-trend']);
		const dist = charts[2];
		expect(o(dist.options).series[0].markLine!.data[0].xAxis).toBe(580349);
		expect(dist.note).toMatch(/garis pengeluaran/);
		expect(dist.table?.rows.map((r) => r[1])).toEqual([25, 75]);
		expect(charts[3].empty).toMatchObject({ load: true, hint: 'areas_page.empty.loadColumn' });
		expect(charts[4].options).toBeNull();
	});
});
