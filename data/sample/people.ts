/**
 * people: one row per household member per survey round.
 *
 * Labour: participation depends on age and sex (and rises for women in the program
 * dusun); unemployment falls in the program group. Health: the 12-month check-up and JKN
 * membership rise, faster in the program group; sick days are mostly zero. Children under
 * 15 have no labour status. Answers are persistent over rounds through each person's traits.
 */
import { Rng, clamp, normalCdf } from './random';
import { ROUNDS, ROUND_COUNT, ageAt, isInterviewed, membersIn, type Household, type Person, type SurveyPanel } from './roster';
import { bool, int, text, type Row, type SampleTable } from './table';

const CHECKUP_GAIN = { program: [0, 0.12, 0.23], comparison: [0, 0.025, 0.05] };
const JKN_GAIN = { program: [0, 0.1, 0.19], comparison: [0, 0.03, 0.06] };
/** Unemployment relative to baseline. */
const UNEMPLOYMENT_FACTOR = { program: [1, 0.72, 0.5], comparison: [1, 0.96, 0.9] };
/** Extra labour-force participation of women in the program dusun. */
const WOMEN_PARTICIPATION_GAIN = [0, 0.04, 0.08];

function participation(age: number, sex: 'F' | 'M'): number {
	if (sex === 'M') return age < 20 ? 0.36 : age < 25 ? 0.76 : age < 55 ? 0.95 : age < 65 ? 0.84 : 0.48;
	return age < 20 ? 0.24 : age < 25 ? 0.5 : age < 55 ? 0.55 : age < 65 ? 0.44 : 0.2;
}

function labourStatus(rng: Rng, p: Person, h: Household, r: number, age: number): string | null {
	if (age < 15) return null;
	if (rng.chance(0.008)) return null; // not answered
	let part = participation(age, p.sex);
	if (p.sex === 'F' && h.group === 'program' && age >= 20 && age < 60) part += WOMEN_PARTICIPATION_GAIN[r];
	if (p.trait.participation >= part) return 'inactive';
	const base = age < 25 ? 0.15 : age < 35 ? 0.06 : 0.03;
	return rng.chance(base * UNEMPLOYMENT_FACTOR[h.group][r]) ? 'unemployed' : 'employed';
}

function checkup(rng: Rng, p: Person, h: Household, r: number, age: number): boolean | null {
	if (rng.chance(0.015)) return null;
	const base = age < 5 ? 0.58 : clamp(0.27 + 0.005 * (age - 30), 0.16, 0.55);
	const prob = clamp(base + CHECKUP_GAIN[h.group][r], 0, 0.95);
	return normalCdf(0.75 * p.trait.care + 0.661 * rng.normal()) < prob;
}

function jkn(rng: Rng, p: Person, h: Household, r: number): boolean | null {
	if (rng.chance(0.01)) return null;
	const prob = clamp(0.62 + JKN_GAIN[h.group][r], 0, 0.97);
	return normalCdf(0.85 * h.trait.jkn + 0.35 * p.trait.care + 0.394 * rng.normal()) < prob;
}

function sickDays(rng: Rng, p: Person, h: Household, r: number, age: number): number | null {
	if (rng.chance(0.02)) return null;
	let prob = age < 5 ? 0.3 : age < 15 ? 0.18 : age < 50 ? 0.17 : age < 65 ? 0.25 : 0.38;
	if (h.group === 'program') prob *= [1, 0.92, 0.84][r];
	if (normalCdf(0.6 * p.trait.health + 0.8 * rng.normal()) >= prob) return 0;
	const mean = age >= 65 ? 5 : 3;
	let days = 1;
	while (days < 30 && rng.chance(1 - 1 / mean)) days++;
	return days;
}

export const PEOPLE_COLUMNS = [
	text('person_id'),
	text('household_id'),
	text('round'),
	text('sex'),
	int('age'),
	text('labour_status'),
	bool('health_checkup_12m'),
	bool('jkn'),
	int('sick_days_30d')
];

export function peopleTable(rng: Rng, panel: SurveyPanel): SampleTable {
	const rows: Row[] = [];
	for (let r = 0; r < ROUND_COUNT; r++) {
		for (const h of panel.households) {
			if (!isInterviewed(h, r)) continue;
			for (const p of membersIn(h, r)) {
				const age = ageAt(p, h, r);
				rows.push({
					person_id: p.id,
					household_id: h.id,
					round: ROUNDS[r].label,
					sex: p.sex,
					age,
					labour_status: labourStatus(rng, p, h, r, age),
					health_checkup_12m: checkup(rng, p, h, r, age),
					jkn: jkn(rng, p, h, r),
					sick_days_30d: sickDays(rng, p, h, r, age)
				});
			}
		}
	}
	return { name: 'people', columns: PEOPLE_COLUMNS, rows };
}
