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

export class SettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SettingsError';
	}
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(obj: Record<string, unknown>, allowed: string[], path: string): void {
	for (const k of Object.keys(obj)) {
		if (!allowed.includes(k)) throw new SettingsError(`Unknown setting ${path ? path + '.' : ''}${k}`);
	}
}

function finiteNumber(v: unknown, path: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v)) throw new SettingsError(`Setting ${path} must be a finite number, got ${JSON.stringify(v)}`);
	return v;
}

function section(v: unknown, path: string): Record<string, unknown> {
	if (v === undefined) return {};
	if (!isRecord(v)) throw new SettingsError(`Setting ${path} must be an object`);
	return v;
}

function parseAgeBand(v: unknown, fallback: AgeBand, path: string): AgeBand {
	const o = section(v, path);
	onlyKeys(o, ['minAge', 'belowAge'], path);
	const minAge = o.minAge === undefined ? fallback.minAge : finiteNumber(o.minAge, `${path}.minAge`);
	const belowAge = o.belowAge === undefined ? fallback.belowAge : o.belowAge === null ? null : finiteNumber(o.belowAge, `${path}.belowAge`);
	if (minAge < 0) throw new SettingsError(`Setting ${path}.minAge must be >= 0`);
	if (belowAge !== null && belowAge <= minAge) throw new SettingsError(`Setting ${path}.belowAge must be greater than minAge`);
	return { minAge, belowAge };
}

/** Complete, validated settings from partial or untrusted input. Throws `SettingsError`. */
export function parseSettings(input: unknown): Settings {
	const o = section(input, 'settings');
	onlyKeys(o, ['povertyLine', 'statusThresholds', 'ageBands', 'smallSampleN', 'disagreementTolerance'], '');
	const d = DEFAULT_SETTINGS;

	const povertyLine = o.povertyLine === undefined ? d.povertyLine : finiteNumber(o.povertyLine, 'povertyLine');
	if (povertyLine <= 0) throw new SettingsError('Setting povertyLine must be greater than 0');

	const t = section(o.statusThresholds, 'statusThresholds');
	onlyKeys(t, ['achieved', 'onTrack', 'needsAttention'], 'statusThresholds');
	const statusThresholds: StatusThresholds = {
		achieved: t.achieved === undefined ? d.statusThresholds.achieved : finiteNumber(t.achieved, 'statusThresholds.achieved'),
		onTrack: t.onTrack === undefined ? d.statusThresholds.onTrack : finiteNumber(t.onTrack, 'statusThresholds.onTrack'),
		needsAttention:
			t.needsAttention === undefined ? d.statusThresholds.needsAttention : finiteNumber(t.needsAttention, 'statusThresholds.needsAttention')
	};
	if (!(statusThresholds.needsAttention >= 0 && statusThresholds.needsAttention < statusThresholds.onTrack && statusThresholds.onTrack < statusThresholds.achieved)) {
		throw new SettingsError('Settings statusThresholds must satisfy 0 <= needsAttention < onTrack < achieved');
	}

	const a = section(o.ageBands, 'ageBands');
	onlyKeys(a, ['workingAge', 'adults', 'underFive'], 'ageBands');
	const ageBands = {
		workingAge: parseAgeBand(a.workingAge, d.ageBands.workingAge, 'ageBands.workingAge'),
		adults: parseAgeBand(a.adults, d.ageBands.adults, 'ageBands.adults'),
		underFive: parseAgeBand(a.underFive, d.ageBands.underFive, 'ageBands.underFive')
	};

	const smallSampleN = o.smallSampleN === undefined ? d.smallSampleN : finiteNumber(o.smallSampleN, 'smallSampleN');
	if (!Number.isInteger(smallSampleN) || smallSampleN < 1) throw new SettingsError('Setting smallSampleN must be an integer >= 1');

	const disagreementTolerance =
		o.disagreementTolerance === undefined ? d.disagreementTolerance : finiteNumber(o.disagreementTolerance, 'disagreementTolerance');
	if (disagreementTolerance < 0 || disagreementTolerance >= 1) throw new SettingsError('Setting disagreementTolerance must be in [0, 1)');

	return { povertyLine, statusThresholds, ageBands, smallSampleN, disagreementTolerance };
}
