/**
 * Program settings the indicator definitions depend on (spec: shared rules).
 *
 * `parseSettings` takes anything (a saved JSON blob, a form) and returns complete,
 * valid settings: missing keys take their defaults, a bad value or an unknown key
 * throws with the setting's path in the message.
 */

/** An age band: `minAge <= age < belowAge` (years). `belowAge` null = no upper bound. */
export interface AgeBand {
	minAge: number;
	belowAge: number | null;
}

export interface StatusThresholds {
	/** progress >= achieved -> `achieved` */
	achieved: number;
	/** progress >= onTrack -> `on_track` */
	onTrack: number;
	/** progress >= needsAttention -> `needs_attention`; below -> `off_track` */
	needsAttention: number;
}

export interface Settings {
	/** Rp per capita per month (BPS rural line, March 2025, by default). */
	povertyLine: number;
	statusThresholds: StatusThresholds;
	ageBands: {
		/** EMP-01: the labour force is counted from this age (15+). */
		workingAge: AgeBand;
		/** HLT-05: adults 15-64. */
		adults: AgeBand;
		/** HLT-03: children under 5. */
		underFive: AgeBand;
	};
	/** A proportion with n below this is marked "small sample". */
	smallSampleN: number;
	/** indicator_values are flagged when |computed - reported| / |reported| exceeds this. */
	disagreementTolerance: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
	povertyLine: 580349,
	statusThresholds: Object.freeze({ achieved: 1.0, onTrack: 0.85, needsAttention: 0.5 }),
	ageBands: Object.freeze({
		workingAge: Object.freeze({ minAge: 15, belowAge: null }),
		adults: Object.freeze({ minAge: 15, belowAge: 65 }),
		underFive: Object.freeze({ minAge: 0, belowAge: 5 })
	}),
	smallSampleN: 30,
	disagreementTolerance: 0.005
}) as Settings;

/**
 * What a setting must be, for a message in the UI's language: `path` names the setting
 * (`povertyLine`, `ageBands.adults.belowAge`), `rule` the broken rule, `limits` its numbers.
 */
export type SettingsRule = 'unknown' | 'object' | 'number' | 'range' | 'integer' | 'thresholds' | 'ageOrder';

export class SettingsError extends Error {
	constructor(
		message: string,
		readonly path: string = '',
		readonly rule: SettingsRule = 'number',
		readonly limits: { min?: number; max?: number } = {}
	) {
		super(message);
		this.name = 'SettingsError';
	}
}

/**
 * The bounds of each number (the UI shows them). Wide enough for any program, narrow enough
 * to catch a slip: a poverty line is rupiah per person per month (BPS lines are about
 * Rp 400.000-900.000); ages are years; thresholds and the tolerance are fractions.
 */
export const SETTING_LIMITS = {
	// Whole rupiah from Rp 10.000: `580.349` typed in English (580.349 rupiah) or `580,349` in
	// Indonesian is a slip, not a line, and must not turn poverty to 0% ("achieved").
	povertyLine: { min: 10_000, max: 100_000_000 },
	threshold: { min: 0, max: 10 },
	age: { min: 0, max: 120 },
	smallSampleN: { min: 1, max: 1_000_000 },
	disagreementTolerance: { min: 0, max: 0.99 }
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(obj: Record<string, unknown>, allowed: string[], path: string): void {
	for (const k of Object.keys(obj)) {
		const full = `${path ? path + '.' : ''}${k}`;
		if (!allowed.includes(k)) throw new SettingsError(`Unknown setting ${full}`, full, 'unknown');
	}
}

function finiteNumber(v: unknown, path: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v)) throw new SettingsError(`Setting ${path} must be a finite number, got ${JSON.stringify(v)}`, path, 'number');
	return v;
}

function within(v: number, path: string, limits: { min: number; max: number }, integer = false): number {
	if (integer && !Number.isInteger(v)) throw new SettingsError(`Setting ${path} must be a whole number`, path, 'integer', limits);
	if (v < limits.min || v > limits.max) throw new SettingsError(`Setting ${path} must be between ${limits.min} and ${limits.max}`, path, 'range', limits);
	return v;
}

function section(v: unknown, path: string): Record<string, unknown> {
	if (v === undefined) return {};
	if (!isRecord(v)) throw new SettingsError(`Setting ${path} must be an object`, path, 'object');
	return v;
}

/** An age band as the pages write it: `15-64` (from 15, below 65), `15+`. */
export function ageBandText(b: AgeBand): string {
	return b.belowAge === null ? `${b.minAge}+` : `${b.minAge}-${b.belowAge - 1}`;
}

function parseAgeBand(v: unknown, fallback: AgeBand, path: string): AgeBand {
	const o = section(v, path);
	onlyKeys(o, ['minAge', 'belowAge'], path);
	const minAge = o.minAge === undefined ? fallback.minAge : within(finiteNumber(o.minAge, `${path}.minAge`), `${path}.minAge`, SETTING_LIMITS.age);
	const belowAge =
		o.belowAge === undefined
			? fallback.belowAge
			: o.belowAge === null
				? null
				: within(finiteNumber(o.belowAge, `${path}.belowAge`), `${path}.belowAge`, SETTING_LIMITS.age);
	if (belowAge !== null && belowAge <= minAge)
		throw new SettingsError(`Setting ${path}.belowAge must be greater than minAge`, `${path}.belowAge`, 'ageOrder', { min: minAge });
	return { minAge, belowAge };
}

/** Complete, validated settings from partial or untrusted input. Throws `SettingsError`. */
export function parseSettings(input: unknown): Settings {
	const o = section(input, 'settings');
	onlyKeys(o, ['povertyLine', 'statusThresholds', 'ageBands', 'smallSampleN', 'disagreementTolerance'], '');
	const d = DEFAULT_SETTINGS;

	const povertyLine = o.povertyLine === undefined ? d.povertyLine : within(finiteNumber(o.povertyLine, 'povertyLine'), 'povertyLine', SETTING_LIMITS.povertyLine, true);

	const t = section(o.statusThresholds, 'statusThresholds');
	onlyKeys(t, ['achieved', 'onTrack', 'needsAttention'], 'statusThresholds');
	const statusThresholds: StatusThresholds = {
		achieved: t.achieved === undefined ? d.statusThresholds.achieved : finiteNumber(t.achieved, 'statusThresholds.achieved'),
		onTrack: t.onTrack === undefined ? d.statusThresholds.onTrack : finiteNumber(t.onTrack, 'statusThresholds.onTrack'),
		needsAttention:
			t.needsAttention === undefined ? d.statusThresholds.needsAttention : finiteNumber(t.needsAttention, 'statusThresholds.needsAttention')
	};
	within(statusThresholds.achieved, 'statusThresholds.achieved', SETTING_LIMITS.threshold);
	if (!(statusThresholds.needsAttention >= 0 && statusThresholds.needsAttention < statusThresholds.onTrack && statusThresholds.onTrack < statusThresholds.achieved)) {
		throw new SettingsError('Settings statusThresholds must satisfy 0 <= needsAttention < onTrack < achieved', 'statusThresholds', 'thresholds');
	}

	const a = section(o.ageBands, 'ageBands');
	onlyKeys(a, ['workingAge', 'adults', 'underFive'], 'ageBands');
	const ageBands = {
		workingAge: parseAgeBand(a.workingAge, d.ageBands.workingAge, 'ageBands.workingAge'),
		adults: parseAgeBand(a.adults, d.ageBands.adults, 'ageBands.adults'),
		underFive: parseAgeBand(a.underFive, d.ageBands.underFive, 'ageBands.underFive')
	};

	const smallSampleN =
		o.smallSampleN === undefined ? d.smallSampleN : within(finiteNumber(o.smallSampleN, 'smallSampleN'), 'smallSampleN', SETTING_LIMITS.smallSampleN, true);

	const disagreementTolerance =
		o.disagreementTolerance === undefined
			? d.disagreementTolerance
			: within(finiteNumber(o.disagreementTolerance, 'disagreementTolerance'), 'disagreementTolerance', SETTING_LIMITS.disagreementTolerance);

	return { povertyLine, statusThresholds, ageBands, smallSampleN, disagreementTolerance };
}
