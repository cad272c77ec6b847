/**
 * The budget sections of the report and the donor view are the village's whatever the view's
 * dusun or group (the APBDes has neither): their headline figures and balance check come from
 * PAR-04 and PAR-05 computed without those filters.
 */
import type { EngineClient } from '../engine/client';
import type { IndicatorResult } from '../indicators';

export interface VillageBudgetResults {
	par04?: IndicatorResult;
	par05?: IndicatorResult;
}

/** PAR-04 and PAR-05 of the whole village: from `results` when the view has no filter, else computed again without one. */
export async function villageBudgetResults(
	e: EngineClient,
	period: string,
	filters: { dusun?: string; group?: string },
	results: readonly IndicatorResult[],
	settings: unknown
): Promise<VillageBudgetResults> {
	const filtered = Boolean(filters.dusun || filters.group);
	if (!filtered) return { par04: results.find((r) => r.code === 'PAR-04'), par05: results.find((r) => r.code === 'PAR-05') };
	const [par04, par05] = await Promise.all(['PAR-04', 'PAR-05'].map((code) => e.compute<IndicatorResult>('indicator', code, { period }, settings)));
	return { par04, par05 };
}
