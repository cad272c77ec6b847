import { describe, it, expect } from 'vitest';
import { statusDistributionOptions, trajectoryOptions, statusColour, statusTextColour, STATUS_COLOURS, OTHER_STATUS_COLOUR } from '../../src/lib/charts/villages';

type Series = { name: string; type: string; stack?: string; data: Array<number | null>; itemStyle: { color: string }; lineStyle?: { type?: string }; label: { formatter: (p: { value: unknown; dataIndex: number }) => string } };
type Opts = {
	color: string[];
	xAxis: { data: string[] };
	series: Series[];
	legend: unknown;
	tooltip: { formatter: (p: unknown) => string };
};

const STATUSES = ['Sangat Tertinggal', 'Tertinggal', 'Berkembang', 'Maju', 'Mandiri'];

function distribution(lang: 'id' | 'en' = 'id') {
	return statusDistributionOptions({
		years: ['2023', '2024'],
		series: STATUSES.map((s, j) => ({ status: s, label: s, counts: [[43, 208, 1195, 710, 342][j], [31, 180, 1021, 749, 517][j]] })),
		lang,
		text: { total: 'Jumlah desa' }
	}) as unknown as Opts;
}

describe('statusDistributionOptions', () => {
	it('stacks one bar series per status, lowest status at the bottom, years on the x axis', () => {
		const o = distribution();
		expect(o.xAxis.data).toEqual(['2023', '2024']);
		expect(o.series.map((s) => s.name)).toEqual(STATUSES);
		expect(new Set(o.series.map((s) => s.stack)).size).toBe(1);
		expect(o.series.every((s) => s.type === 'bar')).toBe(true);
		expect(o.series[3].data).toEqual([710, 749]);
		expect(o.legend).toBeTruthy();
	});

	it('colours the statuses with Okabe–Ito, from vermillion to blue, and unknown ones grey', () => {
		const o = distribution();
		expect(o.color).toEqual(['#D55E00', '#E69F00', '#F0E442', '#56B4E9', '#0072B2']);
		expect(o.series.map((s) => s.itemStyle.color)).toEqual(o.color);
		expect(statusColour('Maju')).toBe(STATUS_COLOURS.Maju);
		expect(statusColour('Lainnya')).toBe(OTHER_STATUS_COLOUR);
		expect(statusColour(null)).toBe(OTHER_STATUS_COLOUR);
		expect(statusTextColour('Mandiri')).toBe('#ffffff');
		expect(statusTextColour('Berkembang')).not.toBe('#ffffff');
	});

	it('labels a segment only when it is tall enough, in the UI language', () => {
		const o = distribution('id');
		expect(o.series[2].label.formatter({ value: 1021, dataIndex: 1 })).toBe('1.021');
		expect(o.series[0].label.formatter({ value: 31, dataIndex: 1 })).toBe('');
		expect(distribution('en').series[2].label.formatter({ value: 1021, dataIndex: 1 })).toBe('1,021');
	});

	it('shows counts, shares and the year total in the tooltip, with data text escaped', () => {
		const o = statusDistributionOptions({
			years: ['2024'],
			series: [
				{ status: 'Maju', label: '<img src=x onerror=alert(1)>', counts: [3] },
				{ status: 'Mandiri', label: 'Mandiri', counts: [1] }
			],
			lang: 'en',
			text: { total: 'Villages & more' }
		}) as unknown as Opts;
		const html = o.tooltip.formatter([
			{ dataIndex: 0, axisValueLabel: '2024', seriesName: '<img src=x onerror=alert(1)>', value: 3, marker: '' },
			{ dataIndex: 0, axisValueLabel: '2024', seriesName: 'Mandiri', value: 1, marker: '' }
		]);
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img');
		expect(html).toContain('75.0%');
		expect(html).toContain('Villages &amp; more: <b>4</b>');
		// The highest status first, as in the stack.
		expect(html.indexOf('Mandiri')).toBeLessThan(html.indexOf('&lt;img'));
	});
});

describe('trajectoryOptions', () => {
	it('draws the village and the two medians, told apart by dash as well as colour', () => {
		const o = trajectoryOptions({
			years: ['2021', '2022'],
			village: { name: 'FAJAR HARAPAN', values: [0.619, 0.6565] },
			kecamatan: { name: 'Median kec. KLUET UTARA', values: [0.665, 0.695] },
			kabupaten: { name: 'Median ACEH SELATAN', values: [0.665, 0.688] },
			lang: 'id'
		}) as unknown as Opts;
		expect(o.series.map((s) => s.name)).toEqual(['FAJAR HARAPAN', 'Median kec. KLUET UTARA', 'Median ACEH SELATAN']);
		expect(o.series[0].data).toEqual([0.619, 0.6565]);
		expect(o.series.map((s) => s.lineStyle?.type ?? 'solid')).toEqual(['solid', 'dashed', 'dotted']);
		expect(new Set(o.color).size).toBe(3);
		expect(o.xAxis.data).toEqual(['2021', '2022']);
	});

	it('leaves out a median the data does not have, and escapes names in the tooltip', () => {
		const o = trajectoryOptions({
			years: ['2024'],
			village: { name: '<b>x</b>', values: [0.5] },
			kecamatan: null,
			lang: 'en'
		}) as unknown as Opts;
		expect(o.series.length).toBe(1);
		const html = o.tooltip.formatter([{ axisValueLabel: '2024', seriesName: '<b>x</b>', value: 0.5, marker: '' }]);
		expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
		expect(html).toContain('0.500');
	});
});
