/** The span of the loaded data and the filter values it offers, refreshed when the data changes. */
import { untrack } from 'svelte';
import { engine } from '../engine/client';
import type { DataRange } from '../indicators/operations';
import { app } from './app.svelte';
import { defaultPeriod as defaultPeriodAt, periodIncomplete, SAMPLE_AS_OF } from './periods';

class RangeState {
	range = $state<DataRange | null>(null);
	private loadedFor = -1;

	async refresh(): Promise<void> {
		const version = untrack(() => app.dataVersion);
		if (version === this.loadedFor) return;
		this.loadedFor = version;
		this.range = await app.compute(() => engine().compute<DataRange>('dataRange'));
	}
}

export const ranges = new RangeState();

/**
 * The period a page opens on when its URL names none (periods.ts): the sample is seen as of its
 * own day, so it always opens on the same year; other data as of today.
 */
export function defaultPeriod(range: DataRange | null): string | null {
	return defaultPeriodAt(range, asOf());
}

/** The day the data is seen as of: the sample's own, or today. */
function asOf(): Date {
	return app.isSample || (!app.engineReady && app.preview) ? SAMPLE_AS_OF : new Date();
}

/**
 * Which of a trend's points are of a period that is not complete (periods.ts
 * `periodIncomplete`), as of the day `defaultPeriod` takes; survey rounds never are.
 */
export function partialPoints(points: ReadonlyArray<{ end: string | null; round?: string }>): boolean[] {
	const range = ranges.range;
	const today = asOf();
	return points.map((p) => !p.round && p.end !== null && periodIncomplete(p.end, range, today));
}

/** The last day the data reaches (a partial period's note names it). */
export function dataEnd(): string | null {
	return ranges.range?.lastDate ?? ranges.range?.to ?? null;
}

export { periodChoices, type PeriodChoices } from './periods';
