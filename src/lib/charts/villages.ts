/**
 * Pure ECharts option builders for the multi-village view: the IDM status distribution
 * per year (stacked bars) and one village's trajectory against the medians of its
 * kecamatan and kabupaten. Data text is escaped wherever it reaches HTML (tooltips).
 */
import type { ChartOptions } from './echarts';
import { GRID_LINE, INK } from './palette';
import { escapeHtml } from './escape';
import { formatNumber, type Lang } from '../i18n/format';

const AXIS_LABEL = { color: '#3d4b57', fontSize: 12 };

/**
 * Okabe–Ito colours for the IDM statuses, from Sangat Tertinggal to Mandiri: vermillion,
 * orange, yellow, sky blue, blue. Any other status is grey.
 */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
	'Sangat Tertinggal': '#D55E00',
	Tertinggal: '#E69F00',
	Berkembang: '#F0E442',
	Maju: '#56B4E9',
	Mandiri: '#0072B2'
};
export const OTHER_STATUS_COLOUR = '#9aa5ab';

/** The colour of a status (grey for an unknown one). */
export function statusColour(status: string | null): string {
	return (status !== null && STATUS_COLOURS[status]) || OTHER_STATUS_COLOUR;
}

/** Text on a status colour: white on blue and vermillion, ink on the light ones (contrast >= 4.5:1). */
export function statusTextColour(status: string | null): string {
	return status === 'Mandiri' || status === 'Sangat Tertinggal' ? '#ffffff' : INK;
}

export interface StatusDistributionInput {
	/** Category labels (years). */
	years: string[];
	/** One series per status, bottom to top: `counts[i]` belongs to `years[i]`. */
	series: Array<{ status: string | null; label: string; counts: number[] }>;
	lang: Lang;
	/** Tooltip words: the total per year. */
	text: { total: string };
	animation?: boolean;
}

/** Stacked bars: how many villages had each IDM status in each year. */
export function statusDistributionOptions(input: StatusDistributionInput): ChartOptions {
	const { lang } = input;
	const totals = input.years.map((_, i) => input.series.reduce((s, x) => s + (x.counts[i] ?? 0), 0));
	const fmt = (v: number) => formatNumber(v, lang);
	const pct = (v: number, total: number) => (total > 0 ? `${formatNumber((100 * v) / total, lang, 1)}%` : '–');
	return {
		animation: input.animation ?? false,
		aria: { enabled: true },
		color: input.series.map((s) => statusColour(s.status)),
		grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
		legend: { top: 0, textStyle: { color: INK }, itemGap: 12 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => {
				const list = (Array.isArray(params) ? params : [params]) as Array<{ dataIndex?: number; axisValueLabel?: string; seriesName?: string; value?: unknown; marker?: string }>;
				if (list.length === 0) return '';
				const i = list[0].dataIndex ?? 0;
				const total = totals[i] ?? 0;
				// Highest status first, as the bars are stacked.
				const rows = [...list].reverse().map((p) => {
					const v = typeof p.value === 'number' ? p.value : 0;
					return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(fmt(v))}</b> (${escapeHtml(pct(v, total))})`;
				});
				return [`<b>${escapeHtml(list[0].axisValueLabel ?? '')}</b>`, ...rows, `${escapeHtml(input.text.total)}: <b>${escapeHtml(fmt(total))}</b>`].join('<br/>');
			}
		},
		xAxis: { type: 'category', data: input.years, axisLabel: AXIS_LABEL, axisLine: { lineStyle: { color: '#8a979f' } } },
		yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: fmt }, splitLine: { lineStyle: { color: GRID_LINE } } },
		series: input.series.map((s) => ({
			name: s.label,
			type: 'bar',
			stack: 'status',
			barMaxWidth: 72,
			data: s.counts,
			itemStyle: { color: statusColour(s.status), borderColor: '#ffffff', borderWidth: 1 },
			emphasis: { focus: 'series' },
			label: {
				show: true,
				position: 'inside',
				color: statusTextColour(s.status),
				fontSize: 11,
				// Only where the segment is tall enough to hold the number.
				formatter: (p: { value: unknown; dataIndex: number }) =>
					typeof p.value === 'number' && totals[p.dataIndex] > 0 && p.value / totals[p.dataIndex] >= 0.06 ? fmt(p.value) : ''
			}
		}))
	};
}

export interface TrajectoryInput {
	years: string[];
	/** The village's scores, then the medians of its kecamatan and kabupaten (omitted when unknown). */
	village: { name: string; values: Array<number | null> };
	kecamatan?: { name: string; values: Array<number | null> } | null;
	kabupaten?: { name: string; values: Array<number | null> } | null;
	lang: Lang;
	animation?: boolean;
}

export const TRAJECTORY_COLOURS = { village: '#0072B2', kecamatan: '#E69F00', kabupaten: '#009E73' } as const;

/** The village's IDM score per year against the kecamatan and kabupaten medians. */
export function trajectoryOptions(input: TrajectoryInput): ChartOptions {
	const fmt = (v: number) => formatNumber(v, input.lang, 3);
	const series: Array<Record<string, unknown>> = [
		{
			name: input.village.name,
			type: 'line',
			data: input.village.values,
			symbol: 'circle',
			symbolSize: 8,
			z: 3,
			lineStyle: { width: 3, color: TRAJECTORY_COLOURS.village },
			itemStyle: { color: TRAJECTORY_COLOURS.village },
			label: { show: true, position: 'top', color: INK, fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : '') }
		}
	];
	if (input.kecamatan)
		series.push({
			name: input.kecamatan.name,
			type: 'line',
			data: input.kecamatan.values,
			symbol: 'diamond',
			symbolSize: 9,
			lineStyle: { width: 2, color: TRAJECTORY_COLOURS.kecamatan, type: 'dashed' },
			itemStyle: { color: TRAJECTORY_COLOURS.kecamatan }
		});
	if (input.kabupaten)
		series.push({
			name: input.kabupaten.name,
			type: 'line',
			data: input.kabupaten.values,
			symbol: 'triangle',
			symbolSize: 9,
			lineStyle: { width: 2, color: TRAJECTORY_COLOURS.kabupaten, type: 'dotted' },
			itemStyle: { color: TRAJECTORY_COLOURS.kabupaten }
		});
	return {
		animation: input.animation ?? false,
		aria: { enabled: true },
		color: series.map((s) => (s.itemStyle as { color: string }).color),
		grid: { left: 8, right: 20, top: 56, bottom: 8, containLabel: true },
		legend: { top: 0, textStyle: { color: INK, width: 260, overflow: 'truncate' } },
		tooltip: {
			trigger: 'axis',
			formatter: (params: unknown) => {
				const list = (Array.isArray(params) ? params : [params]) as Array<{ axisValueLabel?: string; seriesName?: string; value?: unknown; marker?: string }>;
				if (list.length === 0) return '';
				const rows = list.map((p) => `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(typeof p.value === 'number' ? fmt(p.value) : '–')}</b>`);
				return [`<b>${escapeHtml(list[0].axisValueLabel ?? '')}</b>`, ...rows].join('<br/>');
			}
		},
		xAxis: { type: 'category', data: input.years, axisLabel: AXIS_LABEL, axisLine: { lineStyle: { color: '#8a979f' } } },
		yAxis: { type: 'value', scale: true, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatNumber(v, input.lang, 2) }, splitLine: { lineStyle: { color: GRID_LINE } } },
		series
	};
}
