/**
 * Small adjustments of the chart option builders for printed, narrow charts (three to a row
 * on an A4 page): bar charts drop their value axis (each bar carries its label), trends use
 * fewer ticks so compact labels do not repeat. Pure functions of the options.
 */
import type { ChartOptions } from '../charts/echarts';

type Options = ChartOptions & Record<string, unknown>;

/** Bars with their value labels only: no value axis, room on the right for the labels. */
export function printBars(options: ChartOptions): ChartOptions {
	const o = options as Options;
	const x = (o.xAxis ?? {}) as Record<string, unknown>;
	return {
		...o,
		grid: { left: 4, right: 72, top: 6, bottom: 6, containLabel: true },
		xAxis: { ...x, axisLabel: { show: false }, splitLine: { show: false }, axisTick: { show: false } }
	};
}

type Mark = { yAxis?: number; name?: string; lineStyle?: Record<string, unknown>; label?: Record<string, unknown> };

/**
 * A trend with every period labelled and at most about three intervals on its value axis.
 * The baseline and target lines are named in a legend under the chart instead of on it:
 * on a chart this small their labels sat on each other and under the line they mark.
 */
export function printTrend(options: ChartOptions, unit?: string): ChartOptions {
	const o = options as Options;
	const x = (o.xAxis ?? {}) as Record<string, unknown>;
	const y = (o.yAxis ?? {}) as Record<string, unknown>;
	const xLabel = (x.axisLabel ?? {}) as Record<string, unknown>;
	const series = ((o.series ?? []) as Array<Record<string, unknown>>).map((s) => ({ ...s }));
	const keys: Array<Record<string, unknown>> = [];
	for (const s of series) {
		const markLine = s.markLine as { data?: Mark[] } | undefined;
		if (!markLine?.data?.length) continue;
		s.markLine = { ...markLine, data: markLine.data.map((m) => ({ ...m, label: { ...m.label, show: false } })) };
		for (const m of markLine.data) {
			const colour = (m.lineStyle?.color as string | undefined) ?? '#555';
			// The label's text ("Target: 95,0%"), as the screen chart writes it on the line.
			const name = typeof m.label?.formatter === 'string' ? m.label.formatter : (m.name ?? '');
			keys.push({ name, type: 'line', data: [], symbol: 'none', silent: true, lineStyle: { ...m.lineStyle, color: colour }, itemStyle: { color: colour } });
		}
	}
	// A percent axis (0 to 100) in quarters; others in about three steps.
	const yAxis = unit === 'percent' ? { ...y, interval: 25 } : { ...y, splitNumber: 3 };
	if (keys.length === 0) return { ...o, xAxis: { ...x, axisLabel: { ...xLabel, interval: 0, fontSize: 10 } }, yAxis };
	const grid = (o.grid ?? {}) as Record<string, unknown>;
	return {
		...o,
		series: [...series, ...keys],
		legend: [
			// A legend the chart had (program and comparison) keeps to its own lines.
			...(o.legend ? [{ ...(o.legend as Record<string, unknown>), data: [...new Set(series.map((s) => s.name as string))] }] : []),
			// One line per key, under the axis labels (two side by side do not fit a third of A4).
			{ bottom: 0, left: 0, orient: 'vertical', itemGap: 4, data: keys.map((k) => k.name as string), itemWidth: 22, itemHeight: 8, textStyle: { fontSize: 10, color: '#3d4b57' }, selectedMode: false }
		],
		grid: { ...grid, bottom: 8 + 16 * keys.length },
		xAxis: { ...x, axisLabel: { ...xLabel, interval: 0, fontSize: 10 } },
		yAxis
	};
}
