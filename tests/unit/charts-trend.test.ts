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
