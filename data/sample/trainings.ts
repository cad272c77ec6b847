/**
 * trainings: one row per participant per course.
 *
 * Cohorts of 14-24 people in three courses (handicraft, organic farming, ICT) from April
 * 2023 to June 2026, mostly from the program dusun; in 2026 phase 2 opens courses to the
 * comparison dusun. Participants in the survey sample keep their people.person_id; the
 * others get a `TRN-` id. About 60% are women (most in handicraft), about 80% complete,
 * and about six months after the course end they are asked whether they work.
 */
import { Rng, clamp } from './random';
import { addYears, ageInYears, byText, dayOf, iso, nthWeekday } from './dates';
import { DATA_END, DUSUN, PHASE2_START, dusunByName } from './village';
import { ROUND_COUNT, ROUNDS, isInterviewed, membersIn, type SurveyPanel } from './roster';
import { bool, date, int, text, type Row, type SampleTable } from './table';

export type Course = 'handicraft' | 'organic_farming' | 'ict';

interface CourseSpec {
	course: Course;
	/** [year, month] of each cohort's start. */
	cohorts: Array<[number, number]>;
	weeks: [number, number];
	womenShare: number;
	completion: number;
	/** Chance of working at follow-up for a completer (a drop-out has less). */
	working: number;
}

const COURSES: CourseSpec[] = [
	{
		course: 'handicraft',
		cohorts: [[2023, 4], [2023, 8], [2024, 2], [2024, 6], [2024, 10], [2025, 2], [2025, 7], [2025, 11], [2026, 2], [2026, 4]],
		weeks: [6, 8],
		womenShare: 0.86,
		completion: 0.85,
		working: 0.66
	},
	{
		course: 'organic_farming',
		cohorts: [[2023, 5], [2023, 9], [2024, 3], [2024, 8], [2025, 3], [2025, 8], [2026, 3]],
		weeks: [10, 12],
		womenShare: 0.4,
		completion: 0.79,
		working: 0.7
	},
	{
		course: 'ict',
		cohorts: [[2023, 6], [2023, 10], [2024, 1], [2024, 5], [2024, 9], [2025, 1], [2025, 5], [2025, 9], [2026, 1], [2026, 4]],
		weeks: [4, 6],
		womenShare: 0.55,
		completion: 0.74,
		working: 0.6
	}
];

interface Candidate {
	id: string;
	sex: 'F' | 'M';
	birth: number;
	dusun: string;
	inSample: boolean;
}

/** Villagers outside the survey sample who may enrol. */
function outsideSample(rng: Rng, n: number): Candidate[] {
	const out: Candidate[] = [];
	for (let i = 1; i <= n; i++) {
		const dusun = rng.weighted(DUSUN.map((d) => [d.name, d.households - d.sampled] as const));
		out.push({
			id: `TRN-${String(i).padStart(4, '0')}`,
			sex: rng.chance(0.5) ? 'F' : 'M',
			birth: dayOf(2023, 1, 1) - rng.int(16 * 365, 52 * 365),
			dusun,
			inSample: false
		});
	}
	return out;
}

function roundAt(day: number): number {
	let r = 0;
	for (let i = 0; i < ROUND_COUNT; i++) if (ROUNDS[i].start <= day) r = i;
	return r;
}

export const TRAINING_COLUMNS = [
	text('participant_id'),
	text('sex'),
	int('age'),
	text('course'),
	date('start_date'),
	date('end_date'),
	bool('completed'),
	date('followup_date'),
	bool('working_at_followup'),
	text('dusun')
];

export function trainingsTable(rng: Rng, panel: SurveyPanel): SampleTable {
	const others = outsideSample(rng, 400);
	const rows: Row[] = [];
	const enrolled = new Set<string>(); // participant|course
	for (const spec of COURSES) {
		for (const [year, month] of spec.cohorts) {
			const start = nthWeekday(year, month, 1, rng.int(1, 2)); // first or second Monday
			const end = start + 7 * rng.int(spec.weeks[0], spec.weeks[1]) - 3; // a Friday
			const phase2 = start >= PHASE2_START;
			const r = roundAt(start);
			// who can enrol: aged 16-55, living in a dusun the program serves, not yet in this course
			const oldest = addYears(start, -56) + 1;
			const youngest = addYears(start, -16);
			const buckets = new Map<string, Candidate[]>();
			const add = (c: Candidate) => {
				if (c.birth < oldest || c.birth > youngest || enrolled.has(`${c.id}|${spec.course}`)) return;
				const group = dusunByName(c.dusun).group;
				if (group === 'comparison' && !phase2) return;
				const key = `${c.sex}|${group}|${c.inSample}`;
				const bucket = buckets.get(key);
				if (bucket) bucket.push(c);
				else buckets.set(key, [c]);
			};
			for (const h of panel.households) {
				if (!isInterviewed(h, r)) continue;
				for (const p of membersIn(h, r)) add({ id: p.id, sex: p.sex, birth: p.birth, dusun: h.dusun.name, inSample: true });
			}
			others.forEach(add);
			const size = rng.int(14, 24);
			const years = (start - dayOf(2023, 4, 1)) / 365;
			for (let k = 0; k < size; k++) {
				const sex = rng.chance(spec.womenShare) ? 'F' : 'M';
				// phase-2 cohorts draw half their people from the comparison dusun
				const group = phase2 && rng.chance(0.5) ? 'comparison' : 'program';
				// two in three participants come from the survey sample
				const inSample = rng.chance(0.67);
				const bucket = [buckets.get(`${sex}|${group}|${inSample}`), buckets.get(`${sex}|${group}|${!inSample}`)].find(
					(b) => b !== undefined && b.length > 0
				);
				if (!bucket) continue;
				const i = rng.int(0, bucket.length - 1);
				const c = bucket[i];
				bucket[i] = bucket[bucket.length - 1];
				bucket.pop();
				enrolled.add(`${c.id}|${spec.course}`);
				const completed = rng.chance(clamp(spec.completion + 0.015 * years, 0, 0.95));
				let followup: number | null = end + 180 + rng.int(-12, 20);
				let working: boolean | null = null;
				if (followup > DATA_END) followup = null;
				else if (rng.chance(0.93)) {
					const p = completed ? spec.working + 0.02 * years : spec.working - 0.25;
					working = rng.chance(clamp(p, 0, 0.95));
				}
				rows.push({
					participant_id: c.id,
					sex: c.sex,
					age: ageInYears(c.birth, start),
					course: spec.course,
					start_date: iso(start),
					end_date: iso(end),
					completed,
					followup_date: followup === null ? null : iso(followup),
					working_at_followup: working,
					dusun: c.dusun
				});
			}
		}
	}
	rows.sort(
		(a, b) =>
			byText(a.start_date, b.start_date) ||
			byText(a.course, b.course) ||
			byText(a.participant_id, b.participant_id)
	);
	return { name: 'trainings', columns: TRAINING_COLUMNS, rows };
}
