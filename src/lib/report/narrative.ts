/**
 * Short texts written from the numbers, for the report's summary and the musyawarah slides:
 * "Households with electricity rose from 81.2% to 90.4% (+9.2 points); target 92.0%: on track."
 *
 * Pure functions of (indicator, result, language). The sentence templates live with the other
 * report strings in messages/report.{id,en}.json under `report.narrative`, so both languages
 * are edited in one place; numbers are formatted by ../i18n/format.ts (Intl id-ID / en).
 */
import type { IndicatorDefinition, IndicatorResult } from '../indicators/types';
import { baselineIsThisMeasurement } from '../indicators/targets';
import { formatByUnit, formatChangeByUnit, formatPercent, formatIdr, formatSigned, type Lang } from '../i18n/format';
import reportId from '../i18n/messages/report.id.json';
import reportEn from '../i18n/messages/report.en.json';

export type NarrativeTemplates = typeof reportEn.report.narrative;

const TEMPLATES: Record<Lang, NarrativeTemplates> = {
	id: reportId.report.narrative,
	en: reportEn.report.narrative
};

/** The templates of a language (for tests and for callers that need a word, e.g. "points"). */
export function templates(lang: Lang): NarrativeTemplates {
	return TEMPLATES[lang];
}

/** `{name}`-style placeholders filled from `values`; unknown placeholders are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export type NarrativeDef = Pick<IndicatorDefinition, 'code' | 'unit' | 'direction' | 'names'>;
export type NarrativeResult = Pick<IndicatorResult, 'value' | 'baseline' | 'change' | 'target' | 'status'> &
	Partial<Pick<IndicatorResult, 'baselineSource' | 'round' | 'baselineRound' | 'baselinePeriod' | 'period'>>;

export interface NarrativeItem {
	def: NarrativeDef;
	result: NarrativeResult;
}

/** An indicator's name for running text: without a trailing reference such as "(SDG 7.1.1)". */
export function shortName(def: NarrativeDef, lang: Lang): string {
	return def.names[lang].replace(/\s*\((SDG|SDGs)[^)]*\)\s*$/i, '').trim();
}

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** A change in the indicator's unit: "+9.2 points" for percents, "+Rp 207.600" for rupiah, "+62" for counts. */
export function formatChange(change: number, unit: string, lang: Lang): string {
	if (unit === 'percent') return `${formatSigned(change, lang, 1)} ${TEMPLATES[lang].points}`;
	return formatChangeByUnit(change, unit, lang);
}

/**
 * One sentence for an indicator: the movement from baseline to now, then the target and status.
 * - with a baseline: "{name} rose from {baseline} to {value} ({change})" (or fell, or stayed at);
 * - without: "{name} is {value}";
 * - then "; target {target}: {status}." or "; no target has been set.";
 * - no value: "{name}: no data."
 */
export function indicatorSentence(item: NarrativeItem, lang: Lang): string {
	const t = TEMPLATES[lang];
	const { def, result } = item;
	const name = shortName(def, lang);
	if (!finite(result.value)) return fill(t.noData, { name });
	const fmt = (v: number) => formatByUnit(v, def.unit, lang);
	const value = fmt(result.value);
	let head: string;
	// A baseline that is this very measurement (the first round or period there is) is no movement to tell.
	const sameMeasurement = baselineIsThisMeasurement(result);
	if (finite(result.baseline) && !sameMeasurement) {
		const change = finite(result.change) ? result.change : result.value - result.baseline;
		// Equal as shown (same formatted value): say it stayed, not that it rose by +0.0.
		if (fmt(result.value) === fmt(result.baseline) || change === 0) head = fill(t.steady, { name, value });
		else
			head = fill(change > 0 ? t.rose : t.fell, {
				name,
				baseline: fmt(result.baseline),
				value,
				change: formatChange(change, def.unit, lang)
			});
	} else head = fill(t.current, { name, value });
	// no_target and no_data have no status word: they are not among t.status's keys.
	const status = result.status as string;
	const tail =
		finite(result.target) && Object.hasOwn(t.status, status)
			? fill(t.target, { target: fmt(result.target), status: t.status[status as keyof NarrativeTemplates['status']] })
			: t.noTarget;
	return head + tail;
}

export type ProgressStatus = 'achieved' | 'on_track' | 'needs_attention' | 'off_track' | 'no_target' | 'no_data';

/** How many of the results are achieved or on track, of those with a target. */
export function statusCounts(results: Array<Pick<IndicatorResult, 'status'>>): Record<ProgressStatus, number> & { withTarget: number; good: number } {
	const out = { achieved: 0, on_track: 0, needs_attention: 0, off_track: 0, no_target: 0, no_data: 0, withTarget: 0, good: 0 };
	for (const r of results) {
		const s = r.status as ProgressStatus;
		if (s in out) out[s]++;
		if (s === 'achieved' || s === 'on_track' || s === 'needs_attention' || s === 'off_track') out.withTarget++;
		if (s === 'achieved' || s === 'on_track') out.good++;
	}
	return out;
}

/**
 * "4 of 5 indicators with a target are achieved or on track." Or, when none is assessed: that
 * those with a target have no data in this view (a filter, or a period without data), or that
 * none has a target.
 */
export function countSentence(results: Array<Pick<IndicatorResult, 'status'> & { target?: number | null }>, lang: Lang): string {
	const t = TEMPLATES[lang];
	const c = statusCounts(results);
	if (c.withTarget === 0) {
		const targeted = results.filter((r) => r.target !== undefined && r.target !== null).length;
		// One indicator is "the indicator", not "none of the 1 indicators".
		if (targeted > 0) return targeted === 1 ? t.noValuesOne : fill(t.noValues, { total: targeted });
		return results.length === 1 ? t.noTargetsOne : fill(t.noTargets, { total: results.length });
	}
	return fill(t.count, { good: c.good, total: c.withTarget });
}

/**
 * An area's text: the count sentence, then one sentence per given indicator (headline
 * indicators first; at most `max` sentences about indicators).
 */
export function areaNarrative(items: NarrativeItem[], lang: Lang, max = 4): string {
	const sentences = [countSentence(items.map((i) => i.result), lang)];
	for (const item of items.slice(0, max)) sentences.push(indicatorSentence(item, lang));
	return sentences.join(' ');
}

/**
 * The village budget in a sentence: "Of Rp 2.449.000.000 budgeted for spending in 2025,
 * Rp 2.387.233.000 was realised (97.5%)." plus Dana Desa absorption when known.
 */
export function budgetSentence(
	args: { year: number | string; budget: number | null; realized: number | null; danaDesaPercent?: number | null },
	lang: Lang
): string {
	const t = TEMPLATES[lang];
	if (!finite(args.budget) || !finite(args.realized) || args.budget === 0) return fill(t.budgetNoData, { year: args.year });
	let s = fill(t.budget, {
		year: args.year,
		budget: formatIdr(args.budget, lang),
		realized: formatIdr(args.realized, lang),
		percent: formatPercent((100 * args.realized) / args.budget, lang, 1)
	});
	if (finite(args.danaDesaPercent)) s += ' ' + fill(t.danaDesa, { percent: formatPercent(args.danaDesaPercent, lang, 1) });
	return s;
}
