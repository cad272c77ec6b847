/**
 * Pure statistics of the indicator spec (shared rules). No SQL, no I/O.
 */
import type { StatusThresholds } from './settings';

/** z for a two-sided 95% interval, as the spec writes it. */
export const Z95 = 1.959964;

/**
 * 95% Wilson score interval for a proportion p observed on n units (unweighted n):
 * `(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`.
 * Returns null when n is not positive. Bounds are clamped to [0, 1].
 */
export function wilsonInterval(p: number, n: number, z: number = Z95): [number, number] | null {
	if (!(n > 0) || !Number.isFinite(p)) return null;
	const z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = p + z2 / (2 * n);
	const half = z * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
	const lo = (centre - half) / denom;
	const hi = (centre + half) / denom;
	return [Math.min(1, Math.max(0, lo)), Math.min(1, Math.max(0, hi))];
}

/**
 * Progress to target = (actual - baseline) / (target - baseline). Works for `down`
 * indicators too (both differences are negative). Null ("-") when target = baseline
 * or an input is missing.
 */
export function progressToTarget(baseline: number | null, target: number | null, actual: number | null): number | null {
	if (baseline === null || target === null || actual === null) return null;
	if (![baseline, target, actual].every(Number.isFinite)) return null;
	if (target === baseline) return null;
	return (actual - baseline) / (target - baseline);
}

export type ProgressStatus = 'achieved' | 'on_track' | 'needs_attention' | 'off_track';
export type IndicatorStatus = ProgressStatus | 'no_target' | 'no_data';

/** achieved >= 1.0; on track >= 0.85; needs attention >= 0.5; off track below (thresholds configurable). */
export function statusFromProgress(progress: number, thresholds: StatusThresholds): ProgressStatus {
	if (progress >= thresholds.achieved) return 'achieved';
	if (progress >= thresholds.onTrack) return 'on_track';
	if (progress >= thresholds.needsAttention) return 'needs_attention';
	return 'off_track';
}

/** Whether an actual value meets a target in the indicator's direction. */
export function meetsTarget(actual: number, target: number, direction: 'up' | 'down'): boolean {
	return direction === 'up' ? actual >= target : actual <= target;
}

/**
 * Progress and status of an indicator value against its target.
 * - no value -> `no_data`; no target -> `no_target`;
 * - otherwise the status follows the progress thresholds;
 * - when progress is undefined (target = baseline, or no baseline) the status is
 *   `achieved` if the value meets the target in the indicator's direction, else `off_track`.
 */
export function assessProgress(args: {
	value: number | null;
	baseline: number | null;
	target: number | null;
	direction: 'up' | 'down';
	thresholds: StatusThresholds;
}): { progress: number | null; status: IndicatorStatus } {
	const { value, baseline, target, direction, thresholds } = args;
	if (value === null) return { progress: null, status: 'no_data' };
	if (target === null) return { progress: null, status: 'no_target' };
	const progress = progressToTarget(baseline, target, value);
	if (progress === null) return { progress: null, status: meetsTarget(value, target, direction) ? 'achieved' : 'off_track' };
	return { progress, status: statusFromProgress(progress, thresholds) };
}

/** Standard error of a proportion: sqrt(p(1-p)/n). Null when n <= 0. */
export function proportionStandardError(p: number, n: number): number | null {
	if (!(n > 0) || !Number.isFinite(p)) return null;
	return Math.sqrt(Math.max(0, p * (1 - p)) / n);
}

/**
 * Standard error of a (weighted) mean from its mean of squares: sqrt((E[x²] - mean²) / n),
 * n the unweighted count. Null when n <= 0.
 */
export function meanStandardError(mean: number, meanOfSquares: number, n: number): number | null {
	if (!(n > 0) || !Number.isFinite(mean) || !Number.isFinite(meanOfSquares)) return null;
	return Math.sqrt(Math.max(0, meanOfSquares - mean * mean) / n);
}

export interface Estimate {
	value: number;
	/** Standard error, or null when unknown (e.g. a median). */
	se: number | null;
}

export interface DifferenceInDifferences {
	value: number;
	se: number | null;
	ciLow: number | null;
	ciHigh: number | null;
}

/**
 * DiD = (T_latest - T_baseline) - (C_latest - C_baseline). For independent
 * cross-sections SE = sqrt of the sum of the four squared SEs; 95% CI = DiD ± 1.96 SE.
 * SE and CI are null when any of the four SEs is unknown.
 */
export function differenceInDifferences(
	treatment: { baseline: Estimate; latest: Estimate },
	comparison: { baseline: Estimate; latest: Estimate }
): DifferenceInDifferences {
	const value = treatment.latest.value - treatment.baseline.value - (comparison.latest.value - comparison.baseline.value);
	const ses = [treatment.baseline.se, treatment.latest.se, comparison.baseline.se, comparison.latest.se];
	if (ses.some((s) => s === null)) return { value, se: null, ciLow: null, ciHigh: null };
	const se = Math.sqrt((ses as number[]).reduce((acc, s) => acc + s * s, 0));
	return { value, se, ciLow: value - 1.96 * se, ciHigh: value + 1.96 * se };
}

/**
 * Relative tolerance used when comparing a cumulative weight with half the total, so
 * that floating-point summation order cannot move the median. The SQL uses the same.
 */
export const MEDIAN_WEIGHT_TOLERANCE = 1e-9;

/**
 * Weighted median per spec: the smallest value v such that the weights of values <= v
 * reach half the total weight. Weights default to 1. Null for no values.
 */
export function weightedMedian(values: readonly number[], weights?: readonly number[]): number | null {
	if (weights && weights.length !== values.length) throw new Error('weightedMedian: values and weights differ in length');
	const items = values.map((v, i) => ({ v, w: weights ? weights[i] : 1 })).filter((x) => Number.isFinite(x.v) && x.w > 0);
	if (items.length === 0) return null;
	items.sort((a, b) => a.v - b.v);
	const total = items.reduce((acc, x) => acc + x.w, 0);
	let cum = 0;
	for (let i = 0; i < items.length; i++) {
		cum += items[i].w;
		// weights of values <= v include every tie of v
		if (i + 1 < items.length && items[i + 1].v === items[i].v) continue;
		if (2 * cum >= total * (1 - MEDIAN_WEIGHT_TOLERANCE)) return items[i].v;
	}
	return items[items.length - 1].v;
}

/** Standard (unweighted) median, the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
	const xs = values.filter(Number.isFinite).slice().sort((a, b) => a - b);
	if (xs.length === 0) return null;
	const mid = Math.floor(xs.length / 2);
	return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** |computed - reported| / |reported|; when reported is 0, 0 if equal else Infinity. Null if either is missing. */
export function relativeDifference(computed: number | null, reported: number | null): number | null {
	if (computed === null || reported === null || !Number.isFinite(computed) || !Number.isFinite(reported)) return null;
	if (reported === 0) return computed === 0 ? 0 : Infinity;
	return Math.abs(computed - reported) / Math.abs(reported);
}

/** Whether a computed and a reported value disagree beyond the tolerance (0.005 = 0.5% by default). */
export function valuesDisagree(computed: number | null, reported: number | null, tolerance: number): boolean {
	const d = relativeDifference(computed, reported);
	return d !== null && d > tolerance;
}
