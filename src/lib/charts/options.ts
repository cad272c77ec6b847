/**
 * Pure builders of ECharts options. They take numbers and labels, return options, and
 * know nothing of DuckDB or Svelte, so each has its own unit test.
 */
import type { ChartOptions } from './echarts';
import { BASELINE_COLOUR, COMPARISON_COLOUR, GRID_LINE, INK, PALETTE, PROGRAM_COLOUR, TARGET_COLOUR } from './palette';
import { escapeHtml } from './escape';
import { formatByUnit, type Lang } from '../i18n/format';

export interface Point {
	label: string;
	value: number | null;
	/**
	 * The period is not complete (periods.ts `periodIncomplete`): its value is a part of the
	 * period's. A trend draws it hollow, reaches it by a dashed line and stars its label.
	 */
	partial?: boolean;
}

/** The id prefix of the dashed series that carries a line's partial points. */
const PARTIAL_SERIES = '__partial';

export interface ChartText {
	baseline: string;
	target: string;
	noData: string;
}

const AXIS_LABEL = { color: '#3d4b57', fontSize: 12 };

export interface TrendInput {
	points: Point[];
	unit: string;
	lang: Lang;
	baseline?: number | null;
	target?: number | null;
	text: ChartText;
	/** A second series (e.g. the comparison group). */
	comparison?: { name: string; points: Point[] };
	seriesName?: string;
	animation?: boolean;
}

/** A trend line with the baseline and target marked. */
export function trendOptions(input: TrendInput): ChartOptions {
	const { unit, lang } = input;
	const fmt = (v: number) => formatByUnit(v, unit, lang, true);
	const marks: Array<Record<string, unknown>> = [];
	if (input.baseline !== null && input.baseline !== undefined && Number.isFinite(input.baseline))
		marks.push({
			yAxis: input.baseline,
			name: input.text.baseline,
			lineStyle: { color: BASELINE_COLOUR, type: 'dashed' },
			label: { formatter: `${escapeHtml(input.text.baseline)}: ${fmt(input.baseline)}`, position: 'insideEndBottom', color: BASELINE_COLOUR }
		});
	if (input.target !== null && input.target !== undefined && Number.isFinite(input.target))
		marks.push({
			yAxis: input.target,
			name: input.text.target,
			lineStyle: { color: TARGET_COLOUR, type: 'dotted', width: 2 },
			label: { formatter: `${escapeHtml(input.text.target)}: ${fmt(input.target)}`, position: 'insideEndTop', color: TARGET_COLOUR }
		});
	// A partial period is starred on the axis (the chart's note says why).
	const labels = input.points.map((p) => (p.partial ? `${p.label}*` : p.label));
	const series: Array<Record<string, unknown>> = [
		...lineSeries(input.points, input.seriesName ?? '', {
			symbolSize: 7,
			lineStyle: { width: 3, color: PROGRAM_COLOUR },
			itemStyle: { color: PROGRAM_COLOUR },
			markLine: marks.length ? { symbol: 'none', silent: true, data: marks } : undefined
		})
	];
	if (input.comparison)
		series.push(
			...lineSeries(input.comparison.points, input.comparison.name, {
				symbol: 'diamond',
				symbolSize: 8,
				lineStyle: { width: 3, color: COMPARISON_COLOUR, type: 'dashed' },
				itemStyle: { color: COMPARISON_COLOUR }
			})
		);
	return {
		animation: input.animation ?? false,
		aria: { enabled: true },
		color: PALETTE,
		grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
		legend: input.comparison ? { top: 0, textStyle: { color: INK } } : undefined,
		tooltip: {
			trigger: 'axis',
			valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '–'),
			formatter: (params: unknown) => axisTooltip(params, fmt)
		},
		xAxis: { type: 'category', data: labels, axisLabel: AXIS_LABEL, axisLine: { lineStyle: { color: '#8a979f' } } },
		// Counts step by whole numbers (an axis of 8, 9, 9, 10, 10 labelled fractional steps).
		yAxis: {
			type: 'value',
			scale: unit !== 'percent',
			...(unit === 'count' ? { minInterval: 1 } : {}),
			// A percent axis runs 0 to 100 (it ran to 120% for values near 100), or to the highest value above 100.
			...(unit === 'percent' ? { max: (extent: { max: number }) => Math.max(100, extent.max) } : {}),
			axisLabel: { ...AXIS_LABEL, formatter: fmt },
			splitLine: { lineStyle: { color: GRID_LINE } }
		},
		series
	};
}

/**
 * A line as series: one, or two where some points are partial. The second is drawn over the
 * first, thin and dashed from the last complete point, with the partial points hollow; the
 * first stops at the last complete point. Both carry the line's name (one legend entry).
 */
function lineSeries(points: Point[], name: string, style: Record<string, unknown>): Array<Record<string, unknown>> {
	const values = points.map((p) => p.value);
	if (!points.some((p) => p.partial)) return [{ name, type: 'line', data: values, ...style }];
	const colour = (style.itemStyle as { color: string }).color;
	const touches = (i: number) => points[i - 1]?.partial === true || points[i + 1]?.partial === true;
	return [
		{ name, type: 'line', data: points.map((p) => (p.partial ? null : p.value)), ...style },
		{
			id: `${PARTIAL_SERIES}${name}`,
			name,
			type: 'line',
			symbol: 'circle',
			symbolSize: 9,
			lineStyle: { width: 2, color: colour, type: [6, 5] },
			itemStyle: { color: '#ffffff', borderColor: colour, borderWidth: 2 },
			z: 3,
			// The complete point the dashes start from keeps its own (filled) symbol.
			data: points.map((p, i) => (p.partial ? p.value : touches(i) ? { value: p.value, symbol: 'none' } : null))
		}
	];
}

/** Axis tooltips built from escaped text only; a line drawn as two series (partial points) is listed once. */
export function axisTooltip(params: unknown, fmt: (v: number) => string): string {
	type Param = { axisValueLabel?: string; seriesName?: string; seriesId?: string; value?: unknown; marker?: string };
	const all = (Array.isArray(params) ? params : [params]) as Param[];
	const valueOf = (p: Param) => (typeof p.value === 'object' && p.value !== null ? (p.value as { value?: unknown }).value : p.value);
	const partial = (p: Param) => p.seriesId?.startsWith(PARTIAL_SERIES) ?? false;
	const list = all.filter((p) => {
		const twin = all.find((q) => q !== p && q.seriesName === p.seriesName && partial(q) !== partial(p));
		if (!twin) return true;
		// The one with a value; the plain series where both or neither have one.
		const mine = typeof valueOf(p) === 'number';
		return mine === (typeof valueOf(twin) === 'number') ? !partial(p) : mine;
	});
	if (list.length === 0) return '';
	const head = escapeHtml(list[0].axisValueLabel ?? '');
	const rows = list.map((p) => {
		const value = valueOf(p);
		const v = typeof value === 'number' ? fmt(value) : '–';
		const name = p.seriesName ? `${escapeHtml(p.seriesName)}: ` : '';
		return `${p.marker ?? ''}${name}<b>${escapeHtml(v)}</b>`;
	});
	return [head, ...rows].join('<br/>');
}

export interface BarRow {
	label: string;
	value: number | null;
	/** Optional interval (same unit). */
	low?: number | null;
	high?: number | null;
}

/** Horizontal bars for a breakdown (by dusun, by sex, ...), with an optional reference line. */
export function breakdownBarOptions(rows: BarRow[], unit: string, lang: Lang, reference?: { value: number; label: string }): ChartOptions {
	const fmt = (v: number) => formatByUnit(v, unit, lang, true);
	const sorted = [...rows];
	return {
		animation: false,
		aria: { enabled: true },
		grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: unknown) => axisTooltip(params, fmt)
		},
		// Compact rupiah labels ("Rp 250 jt") run into each other on a narrow card: drop the ones that would.
		// Counts step by whole numbers (bars of 0 and 1 were labelled 0 0 0 1 1 1).
		xAxis: {
			type: 'value',
			...(unit === 'count' ? { minInterval: 1 } : {}),
			axisLabel: { ...AXIS_LABEL, formatter: fmt, hideOverlap: true },
			splitLine: { lineStyle: { color: GRID_LINE } }
		},
		yAxis: { type: 'category', data: sorted.map((r) => r.label), inverse: true, axisLabel: { ...AXIS_LABEL, width: 140, overflow: 'truncate' } },
		series: [
			{
				type: 'bar',
				data: sorted.map((r) => r.value),
				itemStyle: { color: PROGRAM_COLOUR, borderRadius: [0, 4, 4, 0] },
				label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : '–'), color: INK },
				markLine: reference
					? {
							symbol: 'none',
							silent: true,
							data: [{ xAxis: reference.value, label: { formatter: escapeHtml(reference.label), color: '#8a5300' }, lineStyle: { color: '#D55E00', type: 'dashed', width: 2 } }]
						}
					: undefined
			}
		]
	};
}

/** Grouped vertical bars: categories x series (e.g. program vs comparison, before vs after). */
export function groupedBarOptions(categories: string[], series: Array<{ name: string; values: Array<number | null> }>, unit: string, lang: Lang): ChartOptions {
	const fmt = (v: number) => formatByUnit(v, unit, lang, true);
	const colours = [PROGRAM_COLOUR, COMPARISON_COLOUR, ...PALETTE.slice(2)];
	return {
		animation: false,
		aria: { enabled: true },
		color: colours,
		grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
		legend: { top: 0, textStyle: { color: INK } },
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params: unknown) => axisTooltip(params, fmt) },
		xAxis: { type: 'category', data: categories, axisLabel: AXIS_LABEL },
		yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: fmt }, splitLine: { lineStyle: { color: GRID_LINE } } },
		series: series.map((s) => ({
			name: s.name,
			type: 'bar',
			data: s.values,
			label: { show: true, position: 'top', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : ''), color: INK, fontSize: 11 }
		}))
	};
}
