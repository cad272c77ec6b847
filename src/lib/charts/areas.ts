/**
 * The area pages' charts: pure ECharts option builders (a weighted histogram with a marked
 * line, a funnel, paired and stacked bars, bars against a threshold, signed bars for the
 * budget balance), and `areaCharts`, which turns an area page's results into the list of
 * charts it shows, with translated titles, Intl formats and tables for the table view.
 *
 * Data text (dusun, course, field names...) is drawn on the canvas as plain text; the only
 * HTML is the tooltips', which is built from escaped text only.
 */
import type { ChartOptions } from './echarts';
import { BASELINE_COLOUR, GRID_LINE, INK, PALETTE, PROGRAM_COLOUR, TARGET_COLOUR, WARNING_COLOUR } from './palette';
import { escapeHtml } from './escape';
import { breakdownBarOptions, trendOptions, type ChartText } from './options';
import { partialNote } from './partial';
import {
	formatByUnit,
	formatChangeByUnit,
	formatDate,
	formatIdr,
	formatIdrCompact,
	formatIdrSigned,
	formatNumber,
	formatPercent,
	formatPeriod,
	intlLocale,
	type Lang
} from '../i18n/format';
import { reasonMessage } from '../i18n/reason';
import { indicatorByCode } from '../indicators/catalogue';
import type { BreakdownResult, IndicatorResult, ReasonCode, TrendPoint } from '../indicators/types';
import type { AreaPageResult, BudgetBy, HistogramBin } from '../analysis/operations';

/** A translate function (svelte-i18n's `$_` fits). */
export type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

const AXIS_LABEL = { color: '#3d4b57', fontSize: 12 };
const AXIS_LINE = { lineStyle: { color: '#8a979f' } };

interface TooltipParam {
	dataIndex?: number;
	seriesIndex?: number;
	seriesName?: string;
	name?: string;
	axisValueLabel?: string;
	value?: unknown;
	marker?: string;
}
const asList = (params: unknown): TooltipParam[] => (Array.isArray(params) ? params : [params]) as TooltipParam[];
const numeric = (v: unknown): number | null => {
	const x = Array.isArray(v) ? v[v.length - 1] : v;
	return typeof x === 'number' && Number.isFinite(x) ? x : null;
};
/** One tooltip line: marker, escaped name, bold escaped value. */
const line = (marker: string | undefined, name: string, value: string) => `${marker ?? ''}${escapeHtml(name)}: <b>${escapeHtml(value)}</b>`;

// ---------------------------------------------------------------- histogram

export interface HistogramInput {
	bins: Array<Pick<HistogramBin, 'from' | 'to' | 'share' | 'n'>>;
	width: number;
	/** A vertical line (the poverty line), in the x unit. Bins wholly below it are drawn in vermillion. */
	marker?: { value: number; label: string } | null;
	lang: Lang;
	text: { share: string; households: string; andAbove: string };
}

/** A histogram on a value axis (bars at the bins' centres, one bin wide) with a marked x value. */
export function histogramOptions(input: HistogramInput): ChartOptions {
	const { bins, width, lang, marker } = input;
	const idr = (v: number) => formatIdr(v, lang);
	const lo = bins.length ? bins[0].from : 0;
	const last = bins[bins.length - 1];
	const hi = last ? (last.to ?? last.from + width) : width;
	const range = (b: HistogramInput['bins'][number]) => (b.to === null ? `${idr(b.from)} ${input.text.andAbove}` : `${idr(b.from)} – ${idr(b.to)}`);
	return {
		animation: false,
		aria: { enabled: true },
		grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'item',
			formatter: (p: unknown) => {
				const [q] = asList(p);
				const b = bins[q?.dataIndex ?? -1];
				if (!b) return '';
				return [escapeHtml(range(b)), line(q.marker, input.text.share, formatPercent(b.share, lang, 1)), line('', input.text.households, formatNumber(b.n, lang))].join('<br/>');
			}
		},
		xAxis: {
			type: 'value',
			min: lo,
			max: hi,
			axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatIdrCompact(v, lang), hideOverlap: true },
			axisLine: AXIS_LINE,
			splitLine: { show: false }
		},
		yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatPercent(v, lang, 0) }, splitLine: { lineStyle: { color: GRID_LINE } } },
		series: [
			{
				type: 'bar',
				name: input.text.share,
				barWidth: '94%',
				data: bins.map((b) => ({
					value: [b.from + width / 2, b.share],
					itemStyle: { color: marker && b.to !== null && b.to <= marker.value ? WARNING_COLOUR : PROGRAM_COLOUR }
				})),
				markLine: marker
					? {
							symbol: 'none',
							silent: true,
							data: [
								{
									xAxis: marker.value,
									// Above the plot, running right from the line, clear of the y-axis labels.
									label: { formatter: marker.label, position: 'end', align: 'left', padding: [0, 0, 0, 4], distance: 6, color: INK, fontWeight: 600 },
									lineStyle: { color: INK, type: 'dashed', width: 2 }
								}
							]
						}
					: undefined
			}
		]
	};
}

// ---------------------------------------------------------------- funnel

export interface FunnelInput {
	stages: Array<{ label: string; value: number }>;
	lang: Lang;
	labelWidth?: number;
	text: { count: string; ofFirst: string; ofPrevious: string };
}

const FUNNEL_COLOURS = [PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[1]];

/** A funnel as horizontal bars, widest first, each labelled with its count and share of the first stage. */
export function funnelOptions(input: FunnelInput): ChartOptions {
	const { stages, lang } = input;
	const first = stages[0]?.value ?? 0;
	const pct = (v: number, of: number) => (of > 0 ? formatPercent((100 * v) / of, lang, 1) : '–');
	return {
		animation: false,
		aria: { enabled: true },
		grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const [q] = asList(p);
				const i = q?.dataIndex ?? -1;
				const s = stages[i];
				if (!s) return '';
				const rows = [escapeHtml(s.label), line(q.marker, input.text.count, formatNumber(s.value, lang)), line('', input.text.ofFirst, pct(s.value, first))];
				if (i > 0) rows.push(line('', input.text.ofPrevious, pct(s.value, stages[i - 1].value)));
				return rows.join('<br/>');
			}
		},
		xAxis: { type: 'value', minInterval: 1, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatNumber(v, lang) }, splitLine: { lineStyle: { color: GRID_LINE } } },
		yAxis: { type: 'category', inverse: true, data: stages.map((s) => s.label), axisLabel: { ...AXIS_LABEL, width: input.labelWidth ?? 150, overflow: 'break', lineHeight: 14 }, axisLine: AXIS_LINE },
		series: [
			{
				type: 'bar',
				name: input.text.count,
				barWidth: '62%',
				data: stages.map((s, i) => ({ value: s.value, itemStyle: { color: FUNNEL_COLOURS[i % FUNNEL_COLOURS.length], borderRadius: [0, 4, 4, 0] } })),
				label: {
					show: true,
					position: 'right',
					color: INK,
					formatter: (p: { value: unknown }) => {
						const v = numeric(p.value);
						return v === null ? '' : `${formatNumber(v, lang)} (${pct(v, first)})`;
					}
				}
			}
		]
	};
}

// ---------------------------------------------------------------- paired and stacked bars

export interface PairedBarsInput {
	categories: string[];
	series: Array<{ name: string; values: Array<number | null>; colour: string }>;
	unit: string;
	lang: Lang;
	/** A ratio of two series shown in the tooltip (e.g. realisation = realised / budget), in percent. */
	ratio?: { label: string; numerator: number; denominator: number };
	labelWidth?: number;
}

/** Horizontal grouped bars: one row per category, one bar per series, values labelled. */
export function pairedBarsOptions(input: PairedBarsInput): ChartOptions {
	const { lang, unit } = input;
	const fmt = (v: number) => formatByUnit(v, unit, lang, true);
	const full = (v: number) => formatByUnit(v, unit, lang);
	return {
		animation: false,
		aria: { enabled: true },
		color: input.series.map((s) => s.colour),
		legend: { top: 0, textStyle: { color: INK } },
		grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const list = asList(p);
				if (list.length === 0) return '';
				const i = list[0].dataIndex ?? -1;
				const rows = [escapeHtml(input.categories[i] ?? list[0].axisValueLabel ?? '')];
				for (const q of list) {
					const v = numeric(q.value);
					rows.push(line(q.marker, q.seriesName ?? '', v === null ? '–' : full(v)));
				}
				if (input.ratio) {
					const a = input.series[input.ratio.numerator]?.values[i];
					const b = input.series[input.ratio.denominator]?.values[i];
					if (typeof a === 'number' && typeof b === 'number' && b !== 0) rows.push(line('', input.ratio.label, formatPercent((100 * a) / b, lang, 1)));
				}
				return rows.join('<br/>');
			}
		},
		xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: fmt, hideOverlap: true }, splitLine: { lineStyle: { color: GRID_LINE } } },
		yAxis: {
			type: 'category',
			inverse: true,
			data: input.categories,
			axisLabel: { ...AXIS_LABEL, width: input.labelWidth ?? 130, overflow: 'break', lineHeight: 14 },
			axisLine: AXIS_LINE
		},
		series: input.series.map((s) => ({
			name: s.name,
			type: 'bar',
			data: s.values,
			itemStyle: { color: s.colour, borderRadius: [0, 3, 3, 0] },
			label: { show: true, position: 'right', color: INK, fontSize: 11, formatter: (p: { value: unknown }) => (numeric(p.value) === null ? '' : fmt(numeric(p.value) as number)) }
		}))
	};
}

export interface StackedBarsInput {
	categories: string[];
	series: Array<{ name: string; values: number[]; colour: string; textColour?: string }>;
	lang: Lang;
	text: { total: string };
	labelWidth?: number;
}

/** Horizontal stacked counts (e.g. projects per type by status), with the total in the tooltip. */
export function stackedBarsOptions(input: StackedBarsInput): ChartOptions {
	const { lang } = input;
	const totals = input.categories.map((_, i) => input.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
	return {
		animation: false,
		aria: { enabled: true },
		color: input.series.map((s) => s.colour),
		legend: { top: 0, textStyle: { color: INK } },
		grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const list = asList(p);
				if (list.length === 0) return '';
				const i = list[0].dataIndex ?? -1;
				const rows = [escapeHtml(input.categories[i] ?? '')];
				for (const q of list) rows.push(line(q.marker, q.seriesName ?? '', formatNumber(numeric(q.value), lang)));
				rows.push(line('', input.text.total, formatNumber(totals[i], lang)));
				return rows.join('<br/>');
			}
		},
		xAxis: { type: 'value', minInterval: 1, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatNumber(v, lang) }, splitLine: { lineStyle: { color: GRID_LINE } } },
		yAxis: { type: 'category', inverse: true, data: input.categories, axisLabel: { ...AXIS_LABEL, width: input.labelWidth ?? 130, overflow: 'truncate' }, axisLine: AXIS_LINE },
		series: input.series.map((s) => ({
			name: s.name,
			type: 'bar',
			stack: 'total',
			barWidth: '60%',
			data: s.values,
			itemStyle: { color: s.colour },
			label: {
				show: true,
				position: 'inside',
				color: s.textColour ?? '#ffffff',
				fontWeight: 600,
				formatter: (p: { value: unknown }) => {
					const v = numeric(p.value);
					return v ? formatNumber(v, lang) : '';
				}
			}
		}))
	};
}

// ---------------------------------------------------------------- bars against a threshold

export interface ThresholdBarsInput {
	rows: Array<{ label: string; value: number | null; detail?: string }>;
	threshold: { value: number; label: string };
	seriesName: string;
	lang: Lang;
}

/** Vertical bars in percent against a threshold line; bars below it are drawn in vermillion. */
export function thresholdBarsOptions(input: ThresholdBarsInput): ChartOptions {
	const { rows, lang, threshold } = input;
	const max = Math.max(threshold.value * 1.5, ...rows.map((r) => (r.value ?? 0) * 1.1));
	return {
		animation: false,
		aria: { enabled: true },
		grid: { left: 8, right: 44, top: 28, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const [q] = asList(p);
				const r = rows[q?.dataIndex ?? -1];
				if (!r) return '';
				const out = [escapeHtml(r.label), line(q.marker, input.seriesName, r.value === null ? '–' : formatPercent(r.value, lang, 1))];
				if (r.detail) out.push(escapeHtml(r.detail));
				return out.join('<br/>');
			}
		},
		xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { ...AXIS_LABEL, hideOverlap: true }, axisLine: AXIS_LINE },
		yAxis: {
			type: 'value',
			min: 0,
			max: Math.min(100, Math.ceil(max / 10) * 10),
			axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatPercent(v, lang, 0) },
			splitLine: { lineStyle: { color: GRID_LINE } }
		},
		series: [
			{
				type: 'bar',
				name: input.seriesName,
				barMaxWidth: 36,
				data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.value !== null && r.value < threshold.value ? WARNING_COLOUR : PROGRAM_COLOUR } })),
				markLine: {
					symbol: 'none',
					silent: true,
					data: [{ yAxis: threshold.value, label: { formatter: threshold.label, position: 'end', color: TARGET_COLOUR, fontWeight: 600 }, lineStyle: { color: TARGET_COLOUR, type: 'dashed', width: 2 } }]
				}
			}
		]
	};
}

// ---------------------------------------------------------------- signed bars (budget balance)

export interface SignedBarsInput {
	items: Array<{ label: string; value: number | null; total?: boolean }>;
	lang: Lang;
	labelWidth?: number;
}

/** Signed amounts as horizontal bars from zero (added in blue, subtracted in vermillion) and their total in black. */
export function signedBarsOptions(input: SignedBarsInput): ChartOptions {
	const { lang, items } = input;
	const signed = (v: number) => formatIdrSigned(v, lang, true);
	const signedFull = (v: number) => formatIdrSigned(v, lang);
	const maxAbs = Math.max(0, ...items.map((i) => Math.abs(i.value ?? 0)));
	return {
		animation: false,
		aria: { enabled: true },
		grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (p: unknown) => {
				const [q] = asList(p);
				const it = items[q?.dataIndex ?? -1];
				if (!it) return '';
				return line(q.marker, it.label, it.value === null ? '–' : signedFull(it.value));
			}
		},
		xAxis: {
			type: 'value',
			axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatIdrCompact(v, lang), hideOverlap: true },
			splitLine: { lineStyle: { color: GRID_LINE } }
		},
		yAxis: {
			type: 'category',
			inverse: true,
			data: items.map((i) => i.label),
			axisLabel: { ...AXIS_LABEL, width: input.labelWidth ?? 150, overflow: 'break', lineHeight: 14 },
			axisTick: { show: false },
			axisLine: { show: false }
		},
		series: [
			{
				type: 'bar',
				barWidth: '56%',
				// Long bars carry their label inside (it would run into the axis labels outside); short ones beside.
				data: items.map((i) => {
					const v = i.value ?? 0;
					const inside = Math.abs(v) >= 0.3 * maxAbs;
					return {
						value: i.value,
						itemStyle: { color: i.total ? INK : v < 0 ? WARNING_COLOUR : PROGRAM_COLOUR },
						label: inside ? { position: 'inside', color: '#ffffff' } : { position: v < 0 ? 'left' : 'right', color: INK }
					};
				}),
				label: {
					show: true,
					color: INK,
					fontWeight: 600,
					formatter: (p: { value: unknown }) => {
						const v = numeric(p.value);
						return v === null ? '' : signed(v);
					}
				},
				markLine: { symbol: 'none', silent: true, data: [{ xAxis: 0 }], lineStyle: { color: BASELINE_COLOUR }, label: { show: false } }
			}
		]
	};
}

// ---------------------------------------------------------------- the area pages' charts

export interface ChartTable {
	columns: string[];
	rows: unknown[][];
	numeric?: boolean[];
	format?: Array<((v: unknown) => string) | null>;
}

export interface AreaChart {
	/** `data-chart` id, also the download file name. */
	id: string;
	title: string;
	/** A line under the title (the round, the DiD estimate...). */
	caption?: string;
	/** A caveat or data-quality note, shown highlighted. */
	note?: string;
	/** A trend's periods that are not complete, and the note that says so (Chart's `partial`). */
	partial?: { periods: string[]; note: string } | null;
	height: number;
	/** Null when there is nothing to draw: `empty` says why and what to do. */
	options: ChartOptions | null;
	table?: ChartTable;
	/** Why there is no chart: the reason, what to do, and whether loading data or clearing the filters is the fix. */
	empty?: { message: string; hint: string; load: boolean; clear: boolean };
}

/** Data values with a translation (codes of the contract); any other value is shown as it is. */
export const KNOWN_VALUES: Record<string, readonly string[]> = {
	sex: ['F', 'M', 'joint'],
	course: ['handicraft', 'organic_farming', 'ict'],
	sector: ['handicraft', 'culinary', 'agriculture', 'trade', 'services'],
	type: ['road', 'electricity', 'water', 'sanitation', 'public_facility', 'market'],
	status: ['planned', 'in_progress', 'completed'],
	source: ['dana_desa', 'add', 'pades', 'other'],
	category: ['revenue', 'expenditure', 'financing_in', 'financing_out'],
	group: ['program', 'comparison']
};

export function valueLabel(t: Translate, kind: string, value: string | null): string {
	if (value === null || value === '') return t('areas_page.value.none');
	const known = Object.prototype.hasOwnProperty.call(KNOWN_VALUES, kind) ? KNOWN_VALUES[kind] : [];
	return known.includes(value) ? t(`areas_page.value.${kind}.${value}`) : value;
}

/** The dimension a breakdown's keys are values of, for `valueLabel`. */
const DIMENSION_VALUES: Record<string, string> = { sex: 'sex', head_sex: 'sex', owner_sex: 'sex', borrower_sex: 'sex', course: 'course', sector: 'sector', type: 'type', source: 'source', group: 'group' };

/** A breakdown key in words: `F` under `borrower_sex` is "Perempuan"; a dusun or an unknown code as written. */
export function breakdownValueLabel(t: Translate, dimension: string, key: string | null): string {
	const kind = Object.prototype.hasOwnProperty.call(DIMENSION_VALUES, dimension) ? DIMENSION_VALUES[dimension] : dimension;
	return valueLabel(t, kind, key);
}

const STATUS_COLOURS: Record<string, { colour: string; text: string }> = {
	planned: { colour: PALETTE[4], text: INK },
	in_progress: { colour: PALETTE[1], text: INK },
	completed: { colour: PALETTE[2], text: '#ffffff' }
};

interface Env {
	t: Translate;
	lang: Lang;
	/** A narrow screen (a phone): category labels get less room. */
	narrow: boolean;
	/** Which of a trend's points are of a period that is not complete (range.svelte.ts `partialPoints`). */
	partial: (points: TrendPoint[]) => boolean[];
	/** The last day the data reaches, named by a partial period's note. */
	dataEnd: string | null;
}

function emptyChart(env: Env, id: string, title: string, reason: string | null, reasonCode: ReasonCode | null): AreaChart {
	const { t } = env;
	const rm = reasonMessage(reason, reasonCode);
	const message = reasonCode === 'filter_not_supported' ? t('areas_page.empty.filter', { values: rm.values }) : t(rm.key, { values: rm.values });
	const load = reasonCode === 'missing_table' || reasonCode === 'missing_column';
	const hint =
		reasonCode === 'missing_table'
			? t('areas_page.empty.loadTable', { values: { table: rm.values.detail ?? '' } })
			: reasonCode === 'missing_column'
				? t('areas_page.empty.loadColumn')
				: reasonCode === 'filter_not_supported'
					? t('areas_page.empty.clearFilter')
					: reasonCode === 'no_round'
						? t('areas_page.empty.laterPeriod')
						: t('areas_page.empty.otherPeriod');
	return { id, title, height: 0, options: null, empty: { message, hint, load, clear: reasonCode === 'filter_not_supported' } };
}

const indicatorName = (t: Translate, code: string) => t(`indicator.${code}.name`);

/** A dimension name as a column heading ("jenis kelamin" -> "Jenis kelamin"). */
const heading = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function chartText(t: Translate): ChartText {
	return { baseline: t('areas_page.baseline'), target: t('areas_page.target'), noData: t('common.noData') };
}

/** A trend point's label: survey rounds as "round (date)", periods in words. */
function pointLabel(p: TrendPoint, lang: Lang): string {
	if (p.round) return p.roundDate ? `${p.round} (${formatDate(p.roundDate, lang, 'short')})` : p.round;
	return formatPeriod(p.period, lang);
}

/** Compact Rupiah with up to two decimals, so neighbouring axis ticks never read the same (Rp 1,15 jt, Rp 1,2 jt). */
function idrTick(v: number, lang: Lang): string {
	return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency: 'IDR', notation: 'compact', maximumFractionDigits: 2 }).format(v);
}

/** trendOptions, with Rupiah axis ticks that stay distinct. */
function areaTrendOptions(input: Parameters<typeof trendOptions>[0]): ChartOptions {
	const options = trendOptions(input) as ChartOptions & { yAxis: { axisLabel: Record<string, unknown> } };
	if (input.unit === 'idr') options.yAxis.axisLabel = { ...options.yAxis.axisLabel, formatter: (v: number) => idrTick(v, input.lang) };
	return options;
}

/** breakdownBarOptions, with the reference line's label above the bars rather than over the axis labels. */
function areaBreakdownOptions(...args: Parameters<typeof breakdownBarOptions>): ChartOptions {
	const options = breakdownBarOptions(...args) as ChartOptions & {
		grid: Record<string, unknown>;
		xAxis: { axisLabel: Record<string, unknown> };
		series: Array<{ markLine?: { data: Array<{ label?: Record<string, unknown> }> } }>;
	};
	options.xAxis.axisLabel = { ...options.xAxis.axisLabel, hideOverlap: true };
	const mark = options.series[0]?.markLine?.data[0];
	if (mark) {
		mark.label = { ...mark.label, position: 'start', fontWeight: 600 };
		options.grid = { ...options.grid, top: 28 };
	}
	return options;
}

/** An indicator's trend: program vs comparison lines where both groups exist, else one line with baseline and target. */
function trendChart(env: Env, data: AreaPageResult, code: string): AreaChart | null {
	const { t, lang } = env;
	const def = indicatorByCode(code);
	const r = data.results.find((x) => x.code === code);
	if (!def || !r) return null;
	const id = `${data.area}-${code}-trend`;
	const groups = data.groups[code];
	const trend = data.trends[code] ?? [];
	const unit = def.unit;
	const fmt = (v: unknown) => formatByUnit(typeof v === 'number' ? v : null, unit, lang);
	if (groups && groups.program.some((p) => p.value !== null) && groups.comparison.some((p) => p.value !== null)) {
		const title = t('areas_page.chart.groupTrend', { values: { indicator: indicatorName(t, code) } });
		const did = r.did;
		const caption = did
			? did.ciLow !== null && did.ciHigh !== null
				? t('areas_page.didCi', { values: { did: formatChangeByUnit(did.value, unit, lang), low: formatChangeByUnit(did.ciLow, unit, lang), high: formatChangeByUnit(did.ciHigh, unit, lang) } })
				: t('areas_page.did', { values: { did: formatChangeByUnit(did.value, unit, lang) } })
			: undefined;
		const labels = groups.program.map((p) => pointLabel(p, lang));
		const comparisonBy = new Map(groups.comparison.map((p) => [p.period, p]));
		return {
			id,
			title,
			caption,
			height: 280,
			options: areaTrendOptions({
				points: groups.program.map((p, i) => ({ label: labels[i], value: p.value })),
				comparison: { name: t('areas_page.comparison'), points: groups.program.map((p, i) => ({ label: labels[i], value: comparisonBy.get(p.period)?.value ?? null })) },
				seriesName: t('areas_page.program'),
				unit,
				lang,
				target: r.target,
				text: chartText(t)
			}),
			table: {
				columns: [t('areas_page.col.round'), t('areas_page.program'), t('areas_page.comparison'), `n ${t('areas_page.program')}`, `n ${t('areas_page.comparison')}`],
				rows: groups.program.map((p, i) => [labels[i], p.value, comparisonBy.get(p.period)?.value ?? null, p.n, comparisonBy.get(p.period)?.n ?? null]),
				numeric: [false, true, true, true, true],
				format: [null, fmt, fmt, (v) => formatNumber(v as number | null, lang), (v) => formatNumber(v as number | null, lang)]
			}
		};
	}
	const title = t('areas_page.chart.trend', { values: { indicator: indicatorName(t, code) } });
	if (!trend.some((p) => p.value !== null)) {
		return emptyChart(env, id, title, r.reasonCode === null ? 'no rows' : r.reason, r.reasonCode ?? 'no_rows');
	}
	const labels = trend.map((p) => pointLabel(p, lang));
	const partial = env.partial(trend);
	const points = trend.map((p, i) => ({ period: p.period, label: labels[i], value: p.value, partial: partial[i] }));
	return {
		id,
		title,
		caption: def.kind === 'survey' ? t('areas_page.perRound') : undefined,
		partial: partialNote(points, t, lang, env.dataEnd),
		height: 280,
		options: areaTrendOptions({ points, unit, lang, baseline: r.baseline, target: r.target, text: chartText(t), seriesName: indicatorName(t, code) }),
		table: {
			columns: [def.kind === 'survey' ? t('areas_page.col.round') : t('areas_page.col.period'), t('areas_page.col.value'), 'n'],
			rows: trend.map((p, i) => [labels[i], p.value, p.n]),
			numeric: [false, true, true],
			format: [null, fmt, (v) => formatNumber(v as number | null, lang)]
		}
	};
}

/** A breakdown as horizontal bars, with the overall value as a reference line. */
function breakdownChart(env: Env, data: AreaPageResult, code: string, dimension: string, reference?: { value: number; label: string }): AreaChart | null {
	const { t, lang } = env;
	const def = indicatorByCode(code);
	const b: BreakdownResult | undefined = data.breakdowns.find((x) => x.code === code && x.dimension === dimension);
	const r = data.results.find((x) => x.code === code);
	if (!def || !b) return null;
	const id = `${data.area}-${code}-${dimension}`;
	const title = t('areas_page.chart.by', { values: { indicator: indicatorName(t, code), dimension: t(`dimension.${dimension}`) } });
	if (b.rows.length === 0) return emptyChart(env, id, title, b.reason, b.reasonCode);
	const label = (key: string | null, l: string | null) => l ?? breakdownValueLabel(t, dimension, key);
	const fmt = (v: unknown) => formatByUnit(typeof v === 'number' ? v : null, def.unit, lang);
	const ref = reference ?? (r && r.value !== null ? { value: r.value, label: t('areas_page.overall', { values: { value: formatByUnit(r.value, def.unit, lang) } }) } : undefined);
	return {
		id,
		title,
		caption: b.round ? t('areas_page.round', { values: { round: b.round, date: formatDate(b.roundDate ?? null, lang) } }) : undefined,
		height: Math.max(170, 48 + b.rows.length * 36),
		options: areaBreakdownOptions(
			b.rows.map((row) => ({ label: label(row.key, row.label), value: row.value })),
			def.unit,
			lang,
			ref
		),
		table: {
			columns: [heading(t(`dimension.${dimension}`)), t('areas_page.col.value'), t('areas_page.col.numerator'), t('areas_page.col.denominator'), 'n'],
			rows: b.rows.map((row) => [label(row.key, row.label), row.value, row.numerator, row.denominator, row.n]),
			numeric: [false, true, true, true, true],
			format: [null, fmt, (v) => formatNumber(v as number | null, lang, 2), (v) => formatNumber(v as number | null, lang, 2), (v) => formatNumber(v as number | null, lang)]
		}
	};
}

function distributionChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const d = data.distribution;
	if (!d) return null;
	const id = `${data.area}-distribution`;
	const title = t('areas_page.chart.distribution');
	if (d.reason || d.width === null || d.bins.length === 0) return emptyChart(env, id, title, d.reason, d.reasonCode);
	const caveat = indicatorByCode('INC-02')?.caveat?.[lang];
	const range = (b: HistogramBin) => (b.to === null ? `${formatIdr(b.from, lang)} ${t('areas_page.andAbove')}` : `${formatIdr(b.from, lang)} – ${formatIdr(b.to, lang)}`);
	return {
		id,
		title,
		caption: t('areas_page.distributionCaption', {
			values: {
				round: d.round ?? '',
				date: formatDate(d.roundDate, lang),
				share: formatPercent(d.belowLinePercent, lang, 1),
				line: formatIdr(d.povertyLine, lang),
				n: formatNumber(d.n, lang)
			}
		}),
		note: caveat,
		height: 300,
		options: histogramOptions({
			bins: d.bins,
			width: d.width,
			marker: { value: d.povertyLine, label: t('areas_page.povertyLine', { values: { line: formatIdrCompact(d.povertyLine, lang) } }) },
			lang,
			text: { share: t('areas_page.col.shareHouseholds'), households: t('areas_page.col.households'), andAbove: t('areas_page.andAbove') }
		}),
		table: {
			columns: [t('areas_page.col.incomeRange'), t('areas_page.col.shareHouseholds'), t('areas_page.col.weight'), t('areas_page.col.households')],
			rows: d.bins.map((b) => [range(b), b.share, b.weight, b.n]),
			numeric: [false, true, true, true],
			format: [null, (v) => formatPercent(v as number, lang, 2), (v) => formatNumber(v as number, lang, 2), (v) => formatNumber(v as number, lang)]
		}
	};
}

function funnelChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const f = data.funnel;
	if (!f) return null;
	const id = `${data.area}-funnel`;
	const title = t('areas_page.chart.funnel');
	if (f.reason || !f.total) return emptyChart(env, id, title, f.reason, f.reasonCode);
	const stageKeys = ['enrolled', 'completed', 'followedUp', 'working'] as const;
	const stageLabels = stageKeys.map((k) => t(`areas_page.funnel.${k}`));
	const rows = [...f.courses.map((c) => ({ label: valueLabel(t, 'course', c.course), ...c })), { label: t('areas_page.allCourses'), ...f.total }];
	return {
		id,
		title,
		caption: t('areas_page.funnelCaption', { values: { period: formatPeriod(f.period, lang) } }),
		height: 230,
		options: funnelOptions({
			stages: stageKeys.map((k, i) => ({ label: stageLabels[i], value: (f.total as NonNullable<typeof f.total>)[k] })),
			lang,
			labelWidth: env.narrow ? 100 : 170,
			text: { count: t('areas_page.col.enrolments'), ofFirst: t('areas_page.funnel.ofEnrolled'), ofPrevious: t('areas_page.funnel.ofPrevious') }
		}),
		table: {
			columns: [heading(t('dimension.course')), ...stageLabels],
			rows: rows.map((r) => [r.label, r.enrolled, r.completed, r.followedUp, r.working]),
			numeric: [false, true, true, true, true],
			format: [null, ...stageKeys.map(() => (v: unknown) => formatNumber(v as number, lang))]
		}
	};
}

function revenueChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const rv = data.revenue;
	if (!rv) return null;
	const id = `${data.area}-revenue-by-owner`;
	const title = t('areas_page.chart.revenue');
	if (rv.reason || rv.rows.length === 0) return emptyChart(env, id, title, rv.reason, rv.reasonCode);
	const keyOf = (r: { allSectors: boolean; sector: string | null }) => (r.allSectors ? '\u0000all' : (r.sector ?? ''));
	const keys: string[] = [];
	for (const r of rv.rows) if (!keys.includes(keyOf(r))) keys.push(keyOf(r));
	const cell = (k: string, sex: string) => rv.rows.find((r) => keyOf(r) === k && r.ownerSex === sex);
	const labelOf = (k: string) => (k === '\u0000all' ? t('areas_page.allSectors') : valueLabel(t, 'sector', k === '' ? null : k));
	const categories = keys.map(labelOf);
	const women = keys.map((k) => cell(k, 'F')?.median ?? null);
	const men = keys.map((k) => cell(k, 'M')?.median ?? null);
	const idr = (v: unknown) => formatIdr(v as number | null, lang);
	const n = (v: unknown) => formatNumber(v as number | null, lang);
	return {
		id,
		title,
		caption: t('areas_page.revenueCaption', { values: { period: formatPeriod(rv.period, lang) } }),
		height: 70 + keys.length * 52,
		options: pairedBarsOptions({
			categories,
			series: [
				{ name: t('areas_page.womenOwned'), values: women, colour: PALETTE[5] },
				{ name: t('areas_page.menOwned'), values: men, colour: PALETTE[0] }
			],
			unit: 'idr',
			lang,
			ratio: { label: t('areas_page.ratioWomenMen'), numerator: 0, denominator: 1 },
			labelWidth: env.narrow ? 90 : 130
		}),
		table: {
			columns: [
				heading(t('dimension.sector')),
				t('areas_page.womenOwned'),
				t('areas_page.col.nOf', { values: { what: t('areas_page.womenOwned') } }),
				t('areas_page.menOwned'),
				t('areas_page.col.nOf', { values: { what: t('areas_page.menOwned') } }),
				t('areas_page.ratioWomenMen'),
				t('areas_page.jointOwned'),
				t('areas_page.col.nOf', { values: { what: t('areas_page.jointOwned') } })
			],
			rows: keys.map((k, i) => {
				const f = cell(k, 'F');
				const m = cell(k, 'M');
				const j = cell(k, 'joint');
				return [categories[i], women[i], f?.n ?? 0, men[i], m?.n ?? 0, women[i] !== null && men[i] ? (women[i] as number) / (men[i] as number) : null, j?.median ?? null, j?.n ?? 0];
			}),
			numeric: [false, true, true, true, true, true, true, true],
			format: [null, idr, n, idr, n, (v) => formatNumber(v as number | null, lang, 2), idr, n]
		}
	};
}

function projectStatusChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const p = data.projects;
	if (!p) return null;
	const id = `${data.area}-projects-by-status`;
	const title = t('areas_page.chart.projects');
	if (p.reason || p.rows.length === 0) return emptyChart(env, id, title, p.reason, p.reasonCode);
	const types: Array<string | null> = [];
	for (const r of p.rows) if (!types.includes(r.type)) types.push(r.type);
	const statuses: Array<string | null> = [...KNOWN_VALUES.status];
	for (const r of p.rows) if (!statuses.includes(r.status)) statuses.push(r.status);
	const present = statuses.filter((s) => p.rows.some((r) => r.status === s));
	const count = (type: string | null, status: string | null) => p.rows.find((r) => r.type === type && r.status === status)?.projects ?? 0;
	const categories = types.map((ty) => valueLabel(t, 'type', ty));
	const n = (v: unknown) => formatNumber(v as number, lang);
	return {
		id,
		title,
		caption: t('areas_page.asOf', { values: { date: formatDate(periodEnd(data.period), lang) } }),
		height: 70 + types.length * 40,
		options: stackedBarsOptions({
			categories,
			series: present.map((s, i) => ({
				name: valueLabel(t, 'status', s),
				values: types.map((ty) => count(ty, s)),
				colour: (s !== null && STATUS_COLOURS[s]?.colour) || PALETTE[(i + 5) % PALETTE.length],
				textColour: (s !== null && STATUS_COLOURS[s]?.text) || '#ffffff'
			})),
			lang,
			text: { total: t('areas_page.col.total') },
			labelWidth: env.narrow ? 90 : 130
		}),
		table: {
			columns: [heading(t('dimension.type')), ...present.map((s) => valueLabel(t, 'status', s)), t('areas_page.col.total')],
			rows: types.map((ty, i) => [categories[i], ...present.map((s) => count(ty, s)), present.reduce((a, s) => a + count(ty, s), 0)]),
			numeric: [false, ...present.map(() => true), true],
			format: [null, ...present.map(() => n), n]
		}
	};
}

/** The last day of a canonical period label (`2025`, `2025-Q2`, `2025-07`). */
function periodEnd(period: string): string {
	const q = /^(\d{4})-Q([1-4])$/.exec(period);
	const m = /^(\d{4})-(\d{2})$/.exec(period);
	const y = Number(period.slice(0, 4));
	const month = q ? Number(q[2]) * 3 : m ? Number(m[2]) : 12;
	const day = new Date(Date.UTC(y, month, 0)).getUTCDate();
	return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function budgetPairChart(env: Env, id: string, title: string, caption: string, rows: Array<{ label: string; budget: number | null; actual: number | null; n?: number }>, names: { budget: string; actual: string; ratio: string; key: string }): AreaChart {
	const { lang, narrow } = env;
	const idr = (v: unknown) => formatIdr(v as number | null, lang);
	// Long labels (APBDes fields) wrap: leave room for up to four lines on a phone.
	const longest = Math.max(0, ...rows.map((r) => r.label.length));
	const rowHeight = narrow && longest > 24 ? 64 : 52;
	return {
		id,
		title,
		caption,
		height: 70 + rows.length * rowHeight,
		options: pairedBarsOptions({
			categories: rows.map((r) => r.label),
			series: [
				{ name: names.budget, values: rows.map((r) => r.budget), colour: PALETTE[4] },
				{ name: names.actual, values: rows.map((r) => r.actual), colour: PALETTE[0] }
			],
			unit: 'idr',
			lang,
			ratio: { label: names.ratio, numerator: 1, denominator: 0 },
			labelWidth: narrow ? 96 : 170
		}),
		table: {
			columns: [names.key, names.budget, names.actual, names.ratio],
			rows: rows.map((r) => [r.label, r.budget, r.actual, r.budget ? (100 * (r.actual ?? 0)) / r.budget : null]),
			numeric: [false, true, true, true],
			format: [null, idr, idr, (v) => formatPercent(v as number | null, lang, 1)]
		}
	};
}

function projectBudgetChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const p = data.projectBudget;
	if (!p) return null;
	const id = `${data.area}-budget-by-type`;
	const title = t('areas_page.chart.projectBudget');
	if (p.reason || p.rows.length === 0) return emptyChart(env, id, title, p.reason, p.reasonCode);
	return budgetPairChart(
		env,
		id,
		title,
		t('areas_page.asOf', { values: { date: formatDate(periodEnd(data.period), lang) } }),
		p.rows.map((r) => ({ label: valueLabel(t, 'type', r.type), budget: r.budget, actual: r.spent })),
		{ budget: t('areas_page.budget'), actual: t('areas_page.spent'), ratio: t('areas_page.realisation'), key: heading(t('dimension.type')) }
	);
}

function apbdesChart(env: Env, data: AreaPageResult, b: BudgetBy | undefined): AreaChart | null {
	const { t } = env;
	if (!b) return null;
	const id = `${data.area}-apbdes-by-${b.dimension}`;
	const title = t(`areas_page.chart.apbdes_${b.dimension}`);
	if (b.reason || b.rows.length === 0) return emptyChart(env, id, title, b.reason, b.reasonCode);
	return budgetPairChart(
		env,
		id,
		title,
		t('areas_page.apbdesCaption', { values: { year: String(b.year) } }),
		b.rows.map((r) => ({ label: b.dimension === 'field' ? (r.key ?? t('areas_page.value.none')) : valueLabel(t, b.dimension, r.key), budget: r.budget, actual: r.realized })),
		{ budget: t('areas_page.budget'), actual: t('areas_page.realised'), ratio: t('areas_page.realisation'), key: heading(t(`dimension.${b.dimension}`)) }
	);
}

function meetingsChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const m = data.meetings;
	if (!m) return null;
	const id = `${data.area}-women-share-meetings`;
	const title = t(m.grain === 'month' ? 'areas_page.chart.meetingsMonth' : 'areas_page.chart.meetings');
	if (m.reason || m.rows.length === 0) return emptyChart(env, id, title, m.reason, m.reasonCode);
	const monthFmt = new Intl.DateTimeFormat(intlLocale(lang), { month: 'short', timeZone: 'UTC', ...(m.rows.some((r) => r.key.slice(0, 4) !== m.rows[0].key.slice(0, 4)) ? { year: '2-digit' } : {}) });
	const dayFmt = new Intl.DateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' });
	const label = (r: (typeof m.rows)[number]) =>
		m.grain === 'month' ? monthFmt.format(new Date(`${r.key}-01T00:00:00Z`)) : r.date ? dayFmt.format(new Date(`${r.date}T00:00:00Z`)) : r.key;
	const detail = (r: (typeof m.rows)[number]) =>
		m.grain === 'month'
			? t('areas_page.meetingDetailMonth', { values: { women: formatNumber(r.women, lang), attendees: formatNumber(r.attendees, lang), meetings: formatNumber(r.meetings, lang) } })
			: t('areas_page.meetingDetail', { values: { women: formatNumber(r.women, lang), attendees: formatNumber(r.attendees, lang), meeting: r.key, level: r.level ?? '–', type: r.type ?? '–' } });
	const below = m.rows.filter((r) => r.share !== null && r.share < 30).length;
	const n = (v: unknown) => formatNumber(v as number, lang);
	return {
		id,
		title,
		caption: t(m.grain === 'month' ? 'areas_page.meetingsCaptionMonth' : 'areas_page.meetingsCaption', { values: { below: formatNumber(below, lang), total: formatNumber(m.rows.length, lang) } }),
		height: 280,
		options: thresholdBarsOptions({
			rows: m.rows.map((r) => ({ label: label(r), value: r.share, detail: detail(r) })),
			threshold: { value: 30, label: t('areas_page.threshold30') },
			seriesName: t('areas_page.womenShare'),
			lang
		}),
		table: {
			columns:
				m.grain === 'month'
					? [t('areas_page.col.month'), t('areas_page.col.meetings'), t('areas_page.col.women'), t('areas_page.col.attendees'), t('areas_page.womenShare')]
					: [t('areas_page.col.date'), t('areas_page.col.meeting'), heading(t('dimension.level')), heading(t('dimension.type')), t('areas_page.col.women'), t('areas_page.col.attendees'), t('areas_page.womenShare')],
			rows: m.rows.map((r) =>
				m.grain === 'month'
					? [formatPeriod(r.key, lang), r.meetings, r.women, r.attendees, r.share]
					: [r.date, r.key, r.level, r.type, r.women, r.attendees, r.share]
			),
			numeric: m.grain === 'month' ? [false, true, true, true, true] : [false, false, false, false, true, true, true],
			format:
				m.grain === 'month'
					? [null, n, n, n, (v) => formatPercent(v as number | null, lang, 1)]
					: [(v) => formatDate(v as string | null, lang), null, null, null, n, n, (v) => formatPercent(v as number | null, lang, 1)]
		}
	};
}

const BALANCE_ITEMS: Array<[string, 1 | -1]> = [
	['revenue', 1],
	['expenditure', -1],
	['financing_in', 1],
	['financing_out', -1]
];

/** The APBDes balance check from PAR-04's extras: each category's realised total and the balance, shown as it is. */
function balanceChart(env: Env, data: AreaPageResult): AreaChart | null {
	const { t, lang } = env;
	const r: IndicatorResult | undefined = data.results.find((x) => x.code === 'PAR-04');
	if (!r) return null;
	const id = `${data.area}-budget-balance`;
	const title = t('areas_page.chart.balance');
	const ex = r.extras ?? {};
	const has = BALANCE_ITEMS.some(([k]) => typeof ex[k] === 'number');
	if (!has || typeof ex.balance !== 'number') {
		return emptyChart(env, id, title, r.reason ?? 'no rows', r.reason ? r.reasonCode : 'no_rows');
	}
	const items = [
		...BALANCE_ITEMS.map(([k, sign]) => ({ key: k, label: t(`areas_page.value.category.${k}`), value: typeof ex[k] === 'number' ? sign * (ex[k] as number) : null })),
		{ key: 'balance', label: t('areas_page.balance'), value: ex.balance as number, total: true }
	];
	const balance = ex.balance as number;
	const idr = (v: unknown) => (typeof v === 'number' ? formatIdr(v, lang) : '–');
	return {
		id,
		title,
		caption: t('areas_page.balanceCaption', { values: { year: r.period.slice(0, 4) } }),
		note: balance !== 0 ? t('areas_page.balanceNote', { values: { balance: idr(balance) } }) : undefined,
		height: 250,
		options: signedBarsOptions({ items, lang, labelWidth: env.narrow ? 96 : 150 }),
		table: {
			columns: [t('areas_page.col.item'), t('areas_page.col.realisedSigned')],
			rows: items.map((i) => [i.label, i.value]),
			numeric: [false, true],
			format: [null, idr]
		}
	};
}

/** The charts of an area page, in reading order; charts an area does not have are left out. */
export function areaCharts(
	data: AreaPageResult,
	t: Translate,
	lang: Lang,
	opts: { narrow?: boolean; partial?: Env['partial']; dataEnd?: string | null } = {}
): AreaChart[] {
	const env: Env = { t, lang, narrow: opts.narrow ?? false, partial: opts.partial ?? ((points) => points.map(() => false)), dataEnd: opts.dataEnd ?? null };
	const trend = (code: string) => trendChart(env, data, code);
	const by = (code: string, dimension: string, reference?: { value: number; label: string }) => breakdownChart(env, data, code, dimension, reference);
	let list: Array<AreaChart | null>;
	switch (data.area) {
		case 'income':
			list = [trend('INC-01'), trend('INC-02'), distributionChart(env, data), by('INC-02', 'dusun'), trend('INC-05')];
			break;
		case 'employment':
			list = [trend('EMP-01'), by('EMP-01', 'sex'), funnelChart(env, data), by('EMP-03', 'course'), trend('EMP-02')];
			break;
		case 'women':
			list = [
				revenueChart(env, data),
				by('WOM-04', 'course', { value: 50, label: t('areas_page.parity') }),
				by('WOM-01', 'sector', { value: 50, label: t('areas_page.parity') }),
				trend('WOM-01'),
				trend('WOM-02')
			];
			break;
		case 'health':
			list = [trend('HLT-03'), by('HLT-01', 'dusun'), by('HLT-02', 'sex'), trend('HLT-01'), trend('HLT-02')];
			break;
		case 'infrastructure':
			list = [projectStatusChart(env, data), projectBudgetChart(env, data), trend('INF-01'), trend('INF-02'), trend('INF-03')];
			break;
		case 'participation':
			list = [meetingsChart(env, data), apbdesChart(env, data, data.budgetByField), apbdesChart(env, data, data.budgetBySource), balanceChart(env, data), trend('PAR-04')];
			break;
		default:
			list = [];
	}
	return list.filter((c): c is AreaChart => c !== null);
}
