/**
 * households: one row per household per survey round.
 *
 * Income is log-normal around the poverty line, lower for large and female-headed
 * households and in the outer dusun, with a persistent household level and a yearly
 * shock. Program households gain faster (with household-specific response), so the
 * poverty headcount falls from about 30% faster in the program than in the comparison
 * group. Electricity, improved water and road access improve over rounds, faster in the
 * program dusun (the road projects of infrastructure.ts reach Karanganyar and Mekarsari
 * before the midline and Sukamaju before the endline).
 */
import { Rng, clamp, roundTo } from './random';
import { iso } from './dates';
import { POVERTY_LINE } from './village';
import { ROUNDS, ROUND_COUNT, isInterviewed, membersIn, type Household, type SurveyPanel } from './roster';
import { bool, date, double, int, money, text, type Row, type SampleTable } from './table';

/** Cumulative log-income gain per round. Program gains are scaled by each household's response. */
const INCOME_TREND = { program: [0, 0.13, 0.3], comparison: [0, 0.035, 0.07] };
/** Median per-capita income relative to the poverty line at baseline, in logs. */
const INCOME_LEVEL = 0.4;

/** Chance that a household without the service has it by the next round. */
const ELECTRICITY_GAIN = { program: [0.5, 0.6], comparison: [0.12, 0.15] };
const WATER_GAIN = { program: [0.3, 0.38], comparison: [0.07, 0.08] };
/** Road gains per dusun and round (midline, endline), following the road projects. */
const ROAD_GAIN: Record<string, [number, number]> = {
	Krajan: [0.2, 0.2],
	Sukamaju: [0.08, 0.62],
	Mekarsari: [0.55, 0.15],
	Karanganyar: [0.66, 0.12],
	Cibodas: [0.04, 0.06],
	Sindangsari: [0.03, 0.05]
};

export interface HouseholdRound {
	members: number;
	income: number;
	electricity: boolean;
	water: boolean;
	road: boolean;
}

/** Reported incomes are rounded the way people answer: to Rp 100,000, 50,000 or 10,000. */
function reported(rng: Rng, x: number): number {
	const step = rng.weighted([
		[100_000, 0.5],
		[50_000, 0.3],
		[10_000, 0.15],
		[1_000, 0.05]
	] as const);
	return Math.max(step, roundTo(x, step));
}

/** Simulate every round for every household (also rounds it was not interviewed). */
export function simulateHouseholds(rng: Rng, panel: SurveyPanel): Map<string, HouseholdRound[]> {
	const out = new Map<string, HouseholdRound[]>();
	for (const h of panel.households) {
		const g = h.group;
		const response = g === 'program' ? h.trait.programResponse : 1;
		const level =
			Math.log(POVERTY_LINE) + INCOME_LEVEL + h.dusun.incomeOffset + 0.52 * h.trait.income - (h.headSex === 'F' ? 0.12 : 0);
		let electricity = rng.chance(h.dusun.electricity);
		let water = rng.chance(h.dusun.water);
		let road = rng.chance(h.dusun.road);
		const rounds: HouseholdRound[] = [];
		for (let r = 0; r < ROUND_COUNT; r++) {
			if (r > 0) {
				if (!electricity) electricity = rng.chance(ELECTRICITY_GAIN[g][r - 1]);
				if (!water) water = rng.chance(WATER_GAIN[g][r - 1]);
				else if (rng.chance(0.02)) water = false; // a spring that dried up, a broken pipe
				if (!road) road = rng.chance(ROAD_GAIN[h.dusun.name][r - 1]);
			}
			const members = Math.max(1, membersIn(h, r).length);
			const logPerCapita = level - 0.075 * (members - 4) + INCOME_TREND[g][r] * response + rng.normal(0, 0.3);
			rounds.push({ members, income: reported(rng, Math.exp(logPerCapita) * members), electricity, water, road });
		}
		out.set(h.id, rounds);
	}
	return out;
}

export const HOUSEHOLD_COLUMNS = [
	text('household_id'),
	text('round'),
	date('survey_date'),
	text('dusun'),
	text('group'),
	text('head_sex'),
	int('members'),
	money('income_month_idr'),
	bool('electricity'),
	bool('water_improved'),
	bool('road_2km'),
	double('weight', 4)
];

/** A few answers are missing ("don't know", skipped). */
function sometimesMissing(rng: Rng, value: boolean, p: number): boolean | null {
	return rng.chance(p) ? null : value;
}

export function householdsTable(rng: Rng, panel: SurveyPanel, sim: Map<string, HouseholdRound[]>): SampleTable {
	const rows: Row[] = [];
	for (let r = 0; r < ROUND_COUNT; r++) {
		for (const h of panel.households) {
			if (!isInterviewed(h, r)) continue;
			const s = sim.get(h.id)![r];
			rows.push({
				household_id: h.id,
				round: ROUNDS[r].label,
				survey_date: iso(h.surveyDay[r]),
				dusun: h.dusun.name,
				group: h.group,
				head_sex: h.headSex,
				members: s.members,
				income_month_idr: s.income,
				electricity: sometimesMissing(rng, s.electricity, 0.004),
				water_improved: sometimesMissing(rng, s.water, 0.01),
				road_2km: sometimesMissing(rng, s.road, 0.012),
				weight: clamp(h.weight[r], 0.6, 1.8)
			});
		}
	}
	return { name: 'households', columns: HOUSEHOLD_COLUMNS, rows };
}

export type { Household };
