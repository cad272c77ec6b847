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

/** A trend with every period labelled and at most about three intervals on its value axis. */
export function printTrend(options: ChartOptions): ChartOptions {
	const o = options as Options;
	const x = (o.xAxis ?? {}) as Record<string, unknown>;
	const y = (o.yAxis ?? {}) as Record<string, unknown>;
	const xLabel = (x.axisLabel ?? {}) as Record<string, unknown>;
	return { ...o, xAxis: { ...x, axisLabel: { ...xLabel, interval: 0, fontSize: 10 } }, yAxis: { ...y, splitNumber: 3 } };
}
