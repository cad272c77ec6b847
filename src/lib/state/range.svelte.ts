/** The span of the loaded data and the filter values it offers, refreshed when the data changes. */
import { untrack } from 'svelte';
import { engine } from '../engine/client';
import type { DataRange } from '../indicators/operations';
import { app } from './app.svelte';

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

export { defaultPeriod, periodChoices, type PeriodChoices } from './periods';
