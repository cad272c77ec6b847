/**
 * Pure helpers shared by /report, /present and /donor: indicators grouped by area, the key
 * indicator of each area, breakdown picking, APBDes aggregates and the indicator tracking
 * table as rows. No Svelte, no SQL: plain data in, plain data out.
 */
import { CATALOGUE } from '../indicators/catalogue';
import type { Area, BreakdownResult, DimensionId, IndicatorDefinition, IndicatorResult } from '../indicators/types';
import type { BudgetRow } from './operations';

/** The areas in the order the report and the slides follow. */
export const AREA_ORDER: readonly Area[] = ['income', 'employment', 'women', 'health', 'infrastructure', 'participation', 'village'];

/** Every catalogue indicator, grouped by area in AREA_ORDER (catalogue order inside an area). */
export function indicatorsByArea(): Array<{ area: Area; defs: IndicatorDefinition[] }> {
	return AREA_ORDER.map((area) => ({ area, defs: CATALOGUE.filter((d) => d.area === area) })).filter((g) => g.defs.length > 0);
}

/**
 * The indicator a musyawarah slide shows for each area, in order of preference: concrete
 * numbers a village meeting can discuss (poverty, people trained, women-owned enterprises,
 * stunting, electricity, women in meetings, the IDM).
 */
export const KEY_INDICATORS: Readonly<Record<Area, readonly string[]>> = {
	income: ['INC-02', 'INC-01', 'INC-04'],
	employment: ['EMP-02', 'EMP-01', 'EMP-04'],
	women: ['WOM-01', 'WOM-04', 'WOM-02'],
	health: ['HLT-03', 'HLT-02', 'HLT-01'],
	infrastructure: ['INF-01', 'INF-02', 'INF-03'],
	participation: ['PAR-02', 'PAR-01', 'PAR-03'],
	village: ['VIL-01']
};

/** The area's key indicator that has a value, or null when none has. */
export function keyIndicator(area: Area, byCode: ReadonlyMap<string, IndicatorResult>): IndicatorResult | null {
	for (const code of KEY_INDICATORS[area]) {
		const r = byCode.get(code);
		if (r && r.value !== null) return r;
	}
	return null;
}

/** Dimensions that split by sex (of a person, a household head, an owner, a borrower). */
export const SEX_DIMENSIONS: readonly DimensionId[] = ['sex', 'head_sex', 'owner_sex', 'borrower_sex'];

/** The first breakdown with rows among the given dimensions. */
export function pickBreakdown(breakdowns: readonly BreakdownResult[], dimensions: readonly DimensionId[]): BreakdownResult | null {
	for (const d of dimensions) {
		const b = breakdowns.find((x) => x.dimension === d && x.rows.length > 0);
		if (b) return b;
	}
	return null;
}

/** Indicators behind target (off track first, then needs attention), in catalogue order within each. */
export function behindTarget(results: readonly IndicatorResult[]): IndicatorResult[] {
	const order = new Map(CATALOGUE.map((d, i) => [d.code, i]));
	const rank = (s: string) => (s === 'off_track' ? 0 : 1);
	return results
		.filter((r) => r.status === 'off_track' || r.status === 'needs_attention')
		.sort((a, b) => rank(a.status) - rank(b.status) || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}

// ---------------------------------------------------------------- budget

export interface BudgetAggregate {
	key: string | null;
	budget: number;
	/** Realised, or null when no line of the group records a realised amount. */
	realized: number | null;
	/**
	 * Realised over budget in percent, each sum adding what is recorded (PAR-04's rule, so the
	 * total's percent is PAR-04): null when nothing realised is recorded, or the budget is 0.
	 */
	percent: number | null;
	/** Lines with only one of the two amounts. */
	unpaired: number;
	/** The budget of the lines without a realised amount. */
	unpairedBudget: number;
}

const pct = (realized: number | null, budget: number) => (realized !== null && budget !== 0 ? (100 * realized) / budget : null);

interface Sums {
	budget: number;
	realized: number | null;
	unpaired: number;
	unpairedBudget: number;
}
const emptySums = (): Sums => ({ budget: 0, realized: null, unpaired: 0, unpairedBudget: 0 });
function addSums(s: Sums, r: BudgetRow): void {
	s.budget += r.budget ?? 0;
	if (r.realized !== null) s.realized = (s.realized ?? 0) + r.realized;
	s.unpaired += r.unpaired;
	s.unpairedBudget += r.unpaired_budget ?? 0;
}
const finish = (key: string | null, s: Sums): BudgetAggregate => ({
	key,
	budget: s.budget,
	realized: s.realized,
	percent: pct(s.realized, s.budget),
	unpaired: s.unpaired,
	unpairedBudget: s.unpairedBudget
});

/**
 * APBDes rows of one category summed by field or by source, largest budget first; plus the
 * total. Budget and realised are the sums of what is recorded and the percent is realised
 * over budget: the rule of PAR-04 (sum(realized_idr) / sum(budget_idr)), so the total's percent
 * is PAR-04's value. `unpaired` counts the lines that record only one of the two.
 */
export function aggregateBudget(
	rows: readonly BudgetRow[],
	category: string,
	by: 'field' | 'source',
	where: (r: BudgetRow) => boolean = () => true
): { rows: BudgetAggregate[]; total: BudgetAggregate } {
	const sums = new Map<string | null, Sums>();
	const total = emptySums();
	for (const r of rows) {
		if (r.category !== category || !where(r)) continue;
		const k = r[by];
		const s = sums.get(k) ?? emptySums();
		addSums(s, r);
		addSums(total, r);
		sums.set(k, s);
	}
	const out = [...sums.entries()].map(([key, s]) => finish(key, s)).sort((a, b) => b.budget - a.budget || String(a.key).localeCompare(String(b.key)));
	return { rows: out, total: finish(null, total) };
}

/** The realisation rate of one summary row (category × field × source), by the same rule. */
export function budgetRowPercent(r: BudgetRow): number | null {
	return pct(r.realized, r.budget ?? 0);
}

/** The balance check items of PAR-04's extras, in order (revenue, expenditure, financing in/out, balance). */
export const BALANCE_ITEMS = ['revenue', 'expenditure', 'financing_in', 'financing_out', 'balance'] as const;
