/**
 * The household survey's sample and its demography: which households were interviewed
 * in which round, on which day, with which members. Incomes and answers are added by
 * households.ts and people.ts.
 *
 * Three rounds a year apart (February-March 2023, 2024, 2025). Fieldwork goes dusun by
 * dusun, one week each, Monday to Saturday. Between rounds babies are born, some young
 * adults move away, some old people die, and a few households drop out and are replaced.
 */
import { Rng, clamp, roundDigits } from './random';
import { addYears, dayOf, ageInYears } from './dates';
import { DUSUN, type Dusun, type Group } from './village';

export const ROUNDS = [
	{ label: 'baseline', start: dayOf(2023, 2, 6) },
	{ label: 'midline', start: dayOf(2024, 2, 5) },
	{ label: 'endline', start: dayOf(2025, 2, 3) }
] as const;
export type RoundLabel = (typeof ROUNDS)[number]['label'];
export const ROUND_COUNT = ROUNDS.length;

export type Sex = 'F' | 'M';
export type Relation = 'head' | 'spouse' | 'child' | 'grandchild' | 'parent' | 'other';

export interface Person {
	id: string;
	sex: Sex;
	relation: Relation;
	/** Epoch day of birth, chosen so that the age at every interview is consistent. */
	birth: number;
	/** First round the person is a member (0 = baseline). */
	firstRound: number;
	/** First round the person is no longer a member (ROUND_COUNT = stays). */
	leftRound: number;
	/** Persistent traits used by people.ts. */
	trait: { participation: number; care: number; health: number };
}

export interface Household {
	id: string;
	dusun: Dusun;
	group: Group;
	headSex: Sex;
	/** Round the household joined (0, or later for replacements). */
	firstRound: number;
	/** First round it was no longer interviewed (attrition). */
	leftRound: number;
	/** Interview day (epoch day) per round; planned days for rounds it was not interviewed. */
	surveyDay: number[];
	/** Survey weight per round. */
	weight: number[];
	persons: Person[];
	/** Persistent household traits used by households.ts and people.ts. */
	trait: { income: number; jkn: number; programResponse: number };
}

export function isMember(p: Person, round: number): boolean {
	return round >= p.firstRound && round < p.leftRound;
}

export function isInterviewed(h: Household, round: number): boolean {
	return round >= h.firstRound && round < h.leftRound;
}

export function membersIn(h: Household, round: number): Person[] {
	return h.persons.filter((p) => isMember(p, round));
}

/** Age in completed years at the household's interview of `round`. */
export function ageAt(p: Person, h: Household, round: number): number {
	return ageInYears(p.birth, h.surveyDay[round]);
}

const TOTAL_HOUSEHOLDS = DUSUN.reduce((s, d) => s + d.households, 0);
const TOTAL_SAMPLED = DUSUN.reduce((s, d) => s + d.sampled, 0);

const HOUSEHOLD_SIZE: ReadonlyArray<readonly [number, number]> = [
	[1, 6],
	[2, 14],
	[3, 22],
	[4, 24],
	[5, 17],
	[6, 9],
	[7, 5],
	[8, 2],
	[9, 1]
];

/** Who lives in a new household: [sex, relation, age at first interview]. */
function drawMembers(rng: Rng): { headSex: Sex; members: Array<[Sex, Relation, number]> } {
	const size = rng.weighted(HOUSEHOLD_SIZE);
	const femaleHeadP = size === 1 ? 0.45 : size === 2 ? 0.22 : 0.14;
	const headSex: Sex = rng.chance(femaleHeadP) ? 'F' : 'M';
	const headAge =
		size === 1 ? rng.int(45, 84) : Math.round(clamp(rng.normal(headSex === 'F' ? 50 : 44, 11), 20, 82));
	const members: Array<[Sex, Relation, number]> = [[headSex, 'head', headAge]];
	let motherAge = headSex === 'F' ? headAge : -1;
	if (size >= 2) {
		const spouse = headSex === 'M' ? rng.chance(0.95) : rng.chance(0.12);
		if (spouse) {
			const spouseSex: Sex = headSex === 'M' ? 'F' : 'M';
			const gap = headSex === 'M' ? -rng.int(0, 8) : rng.int(0, 6);
			const age = Math.max(18, headAge + gap);
			members.push([spouseSex, 'spouse', age]);
			if (spouseSex === 'F') motherAge = age;
		}
	}
	const refAge = motherAge > 0 ? motherAge : headAge;
	while (members.length < size) {
		const sex: Sex = rng.chance(0.49) ? 'F' : 'M';
		if (headAge >= 55 && rng.chance(0.3)) {
			members.push([sex, 'grandchild', rng.int(0, 17)]);
		} else if (headAge < 55 && rng.chance(0.07)) {
			members.push([sex, 'parent', Math.min(92, headAge + rng.int(21, 32))]);
		} else if (rng.chance(0.03)) {
			members.push([sex, 'other', rng.int(10, 40)]);
		} else {
			// the mother was 19-40 at the birth; children older than 30 have mostly moved out
			let age = -1;
			for (let tries = 0; tries < 6 && (age < 0 || age > 30); tries++) age = refAge - rng.int(19, 40);
			if (age < 0 || age > 30) age = rng.int(0, clamp(refAge - 19, 0, 30));
			members.push([sex, 'child', age]);
		}
	}
	return { headSex, members };
}

/**
 * A birth date so that the person's age is `ageAtFirst + (r - first)` at every interview
 * from `first` on (and, for a baby, born after the previous interview).
 */
function birthDate(rng: Rng, surveyDay: number[], first: number, ageAtFirst: number, bornAfter: number | null): number {
	let lower = -Infinity;
	let upper = Infinity;
	for (let r = first; r < surveyDay.length; r++) {
		const a = ageAtFirst + (r - first);
		lower = Math.max(lower, addYears(surveyDay[r], -(a + 1)) + 1);
		upper = Math.min(upper, addYears(surveyDay[r], -a));
	}
	if (bornAfter !== null) lower = Math.max(lower, bornAfter + 1);
	if (lower > upper) throw new Error('no consistent birth date');
	return rng.int(lower, upper);
}

/** Interview days for one household: its dusun's week, the same weekday-slot each year (+-1 day). */
function surveyDays(rng: Rng, dusunIndex: number, slot: number): number[] {
	return ROUNDS.map((round, r) => {
		const s = r === 0 ? slot : clamp(slot + rng.int(-1, 1), 0, 5);
		return round.start + 7 * dusunIndex + s; // Monday + 0..5 = Monday..Saturday
	});
}

function newPerson(
	rng: Rng,
	h: Pick<Household, 'id' | 'surveyDay'>,
	seq: number,
	sex: Sex,
	relation: Relation,
	age: number,
	firstRound: number,
	bornAfter: number | null
): Person {
	return {
		id: `${h.id}-${String(seq).padStart(2, '0')}`,
		sex,
		relation,
		birth: birthDate(rng, h.surveyDay, firstRound, age, bornAfter),
		firstRound,
		leftRound: ROUND_COUNT,
		trait: { participation: rng.next(), care: rng.normal(), health: rng.normal() }
	};
}

function newHousehold(rng: Rng, id: string, dusun: Dusun, dusunIndex: number, slot: number, firstRound: number): Household {
	const surveyDay = surveyDays(rng, dusunIndex, slot);
	const designWeight = dusun.households / dusun.sampled / (TOTAL_HOUSEHOLDS / TOTAL_SAMPLED);
	const base = designWeight * rng.uniform(0.8, 1.25);
	const weight = ROUNDS.map((_, r) => roundDigits(clamp(r === 0 ? base : base * rng.uniform(0.96, 1.05), 0.6, 1.8), 4));
	const { headSex, members } = drawMembers(rng);
	const h: Household = {
		id,
		dusun,
		group: dusun.group,
		headSex,
		firstRound,
		leftRound: ROUND_COUNT,
		surveyDay,
		weight,
		persons: [],
		trait: { income: rng.normal(), jkn: rng.normal(), programResponse: clamp(rng.normal(1, 0.5), -0.2, 2.2) }
	};
	members.forEach(([sex, relation, age], i) => {
		h.persons.push(newPerson(rng, h, i + 1, sex, relation, age, firstRound, null));
	});
	return h;
}

/** Births, departures and deaths between round r-1 and round r. */
function demography(rng: Rng, h: Household, r: number): void {
	const present = membersIn(h, r - 1);
	for (const p of present) {
		if (p.relation === 'head') continue;
		const age = ageAt(p, h, r - 1);
		const deathP = age >= 75 ? 0.06 : age >= 65 ? 0.025 : 0.002;
		const moveP = age >= 18 && age <= 29 && p.relation !== 'spouse' ? 0.06 : 0.004;
		if (rng.chance(deathP + moveP)) p.leftRound = r;
	}
	const size = membersIn(h, r).length;
	const mothers = present.filter((p) => p.sex === 'F' && p.leftRound > r && ageAt(p, h, r - 1) >= 18 && ageAt(p, h, r - 1) <= 40);
	if (size < 9 && mothers.length > 0 && rng.chance(0.085 * mothers.length)) {
		const seq = h.persons.length + 1;
		const sex: Sex = rng.chance(0.49) ? 'F' : 'M';
		const relation: Relation = mothers.some((m) => m.relation === 'head' || m.relation === 'spouse') ? 'child' : 'grandchild';
		h.persons.push(newPerson(rng, h, seq, sex, relation, 0, r, h.surveyDay[r - 1]));
	}
}

export interface SurveyPanel {
	households: Household[];
}

/** The sample: ~1,200 households, 800 in the program dusun and 400 in the comparison dusun. */
export function buildPanel(rng: Rng): SurveyPanel {
	const households: Household[] = [];
	let next = 1;
	const hhId = () => `HH${String(next++).padStart(4, '0')}`;
	DUSUN.forEach((dusun, di) => {
		const perDay = Math.ceil(dusun.sampled / 6);
		for (let k = 0; k < dusun.sampled; k++) {
			households.push(newHousehold(rng, hhId(), dusun, di, Math.floor(k / perDay), 0));
		}
	});
	const originals = households.slice();
	for (let r = 1; r < ROUND_COUNT; r++) {
		for (const h of originals.concat(households.filter((x) => x.firstRound > 0 && x.firstRound < r))) {
			if (!isInterviewed(h, r - 1)) continue;
			if (rng.chance(0.022)) {
				// moved away or refused: replaced by a household of the same dusun
				h.leftRound = r;
				const di = DUSUN.indexOf(h.dusun);
				const slot = rng.int(0, 5);
				households.push(newHousehold(rng, hhId(), h.dusun, di, slot, r));
			} else {
				demography(rng, h, r);
			}
		}
	}
	return { households };
}
