/**
 * The trend line's options (pure): partial periods drawn apart, and the axis tooltip that
 * lists such a line once.
 */
import { describe, it, expect } from 'vitest';
import { trendOptions, axisTooltip } from '../../src/lib/charts/options';

const text = { baseline: 'Baseline', target: 'Target', noData: 'No data' };
type Series = { id?: string; name: string; data: unknown[]; lineStyle: { type?: unknown } };
const seriesOf = (o: unknown) => (o as { series: Series[] }).series;
const labelsOf = (o: unknown) => (o as { xAxis: { data: string[] } }).xAxis.data;

describe('trendOptions', () => {
	it('draws one series, and no star, when every period is complete', () => {
		const o = trendOptions({ points: [{ label: '2024', value: 97 }, { label: '2025', value: 97.5 }], unit: 'percent', lang: 'en', text, seriesName: 'PAR-04' });
		expect(seriesOf(o)).toHaveLength(1);
		expect(seriesOf(o)[0].data).toEqual([97, 97.5]);
		expect(labelsOf(o)).toEqual(['2024', '2025']);
	});

	it('ends the solid line at the last complete period and reaches a partial one by a dashed series', () => {
		const o = trendOptions({
			points: [
				{ label: '2024', value: 97 },
				{ label: '2025', value: 97.5 },
				{ label: '2026', value: 50.9, partial: true }
			],
			unit: 'percent',
			lang: 'en',
			text,
			target: 95,
			seriesName: 'PAR-04'
		});
		const [solid, dashed] = seriesOf(o);
		expect(seriesOf(o)).toHaveLength(2);
		expect(solid.data).toEqual([97, 97.5, null]);
		// The dashes start at 2025's point (which keeps its filled symbol) and end at 2026's.
		expect(dashed.data).toEqual([null, { value: 97.5, symbol: 'none' }, 50.9]);
		expect(dashed.name).toBe('PAR-04');
		expect(dashed.id).toMatch(/^__partial/);
		expect(dashed.lineStyle.type).not.toBeUndefined();
		expect(labelsOf(o)).toEqual(['2024', '2025', '2026*']);
		// The target line stays on the solid series.
		expect((solid as unknown as { markLine?: unknown }).markLine).toBeDefined();
	});

	it('keeps a partial period that is the only one as a lone hollow point', () => {
		const o = trendOptions({ points: [{ label: '2026', value: 40, partial: true }], unit: 'percent', lang: 'id', text });
		expect(seriesOf(o).map((s) => s.data)).toEqual([[null], [40]]);
	});
});

describe('axisTooltip', () => {
	const fmt = (v: number) => `${v}%`;
	const solid = (value: unknown) => ({ axisValueLabel: '2026*', seriesName: 'PAR-04', seriesId: 'PAR-040', value, marker: '' });
	const dashed = (value: unknown) => ({ axisValueLabel: '2026*', seriesName: 'PAR-04', seriesId: '__partialPAR-04', value, marker: '' });

	it('lists a line drawn as two series once, with its value', () => {
		expect(axisTooltip([solid(null), dashed(50.9)], fmt)).toBe('2026*<br/>PAR-04: <b>50.9%</b>');
		// At the point both series share, the plain one.
		expect(axisTooltip([solid(97.5), dashed(97.5)], fmt)).toBe('2026*<br/>PAR-04: <b>97.5%</b>');
		expect(axisTooltip([solid(97.5), dashed({ value: 97.5, symbol: 'none' })], fmt)).toBe('2026*<br/>PAR-04: <b>97.5%</b>');
		// Where neither has a value, the line is still listed, as missing.
		expect(axisTooltip([solid(null), dashed(null)], fmt)).toBe('2026*<br/>PAR-04: <b>–</b>');
	});

	it('lists different lines each, and escapes their names', () => {
		const other = { axisValueLabel: '2026*', seriesName: '<b>x</b>', seriesId: 'c', value: 3, marker: '' };
		expect(axisTooltip([solid(null), dashed(50.9), other], fmt)).toBe('2026*<br/>PAR-04: <b>50.9%</b><br/>&lt;b&gt;x&lt;/b&gt;: <b>3%</b>');
	});
});

describe('printTrend', () => {
	it('names the baseline and target in a legend under the chart, not on it', async () => {
		const { printTrend } = await import('../../src/lib/report/charts');
		const o = printTrend(
			trendOptions({ points: [{ label: '2024', value: 97 }, { label: '2025', value: 97.5 }], unit: 'percent', lang: 'id', text, baseline: 92, target: 95, seriesName: 'PAR-04' })
		) as unknown as { series: Array<{ name: string; data: unknown[]; markLine?: { data: Array<{ label: { show: boolean } }> } }>; legend: Array<{ data: string[] }>; grid: { bottom: number } };
		expect(o.series[0].markLine!.data.map((m) => m.label.show)).toEqual([false, false]);
		expect(o.series.slice(1).map((s) => [s.name, s.data])).toEqual([
			['Baseline: 92,0%', []],
			['Target: 95,0%', []]
		]);
		expect(o.legend).toHaveLength(1);
		expect(o.legend[0].data).toEqual(['Baseline: 92,0%', 'Target: 95,0%']);
		expect(o.grid.bottom).toBe(40);
	});

	it("keeps a program and comparison chart's own legend to its lines", async () => {
		const { printTrend } = await import('../../src/lib/report/charts');
		const o = printTrend(
			trendOptions({
				points: [{ label: 'r1', value: 40 }],
				comparison: { name: 'Comparison', points: [{ label: 'r1', value: 38 }] },
				seriesName: 'Program',
				unit: 'percent',
				lang: 'en',
				text,
				target: 60
			})
		) as unknown as { legend: Array<{ data: string[] }> };
		expect(o.legend.map((l) => l.data)).toEqual([['Program', 'Comparison'], ['Target: 60.0%']]);
	});

	it('leaves a trend without reference lines as it was, but for its axes', async () => {
		const { printTrend } = await import('../../src/lib/report/charts');
		const o = printTrend(trendOptions({ points: [{ label: '2025', value: 3 }], unit: 'count', lang: 'en', text })) as unknown as { legend?: unknown; series: unknown[] };
		expect(o.legend).toBeUndefined();
		expect(o.series).toHaveLength(1);
	});
});

describe('the value axis', () => {
	const max = (unit: string, values: number[]) =>
		(trendOptions({ points: values.map((value, i) => ({ label: String(i), value })), unit, lang: 'en', text }) as unknown as { yAxis: { max?: (e: { max: number }) => number } }).yAxis.max;
	it('runs a percent axis to 100, or to a value above it', () => {
		expect(max('percent', [97.5])!({ max: 97.5 })).toBe(100);
		expect(max('percent', [104])!({ max: 104 })).toBe(104);
		expect(max('idr', [5])).toBeUndefined();
	});
});
