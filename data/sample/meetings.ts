/**
 * meetings: one row per village meeting, January 2023 to June 2026.
 *
 * Desa level: the musyawarah desa (musdes) several times a year (accountability report in
 * January, planning mid-year, priorities for Dana Desa, the APBDes in December) and the
 * musrenbangdes each autumn. Dusun level: forums, every other month in the program dusun
 * (monthly from 2025) and quarterly in the comparison dusun until phase 2. Women's share of
 * attendees rises from about 20% to about 35%, faster where the program works.
 */
import { Rng, clamp } from './random';
import { byText, dayOf, iso, monthsBetween, nthWeekday, weekday } from './dates';
import { DATA_END, DUSUN, PHASE2_START, PROGRAM_START } from './village';
import { date, int, text, type Row, type SampleTable } from './table';

export const MEETING_COLUMNS = [
	text('meeting_id'),
	date('date'),
	text('level'),
	text('type'),
	int('attendees'),
	int('women_attendees'),
	int('proposals'),
	int('proposals_adopted')
];

/** Desa meetings by month: [type, has proposals]. */
const DESA_CALENDAR: Record<number, Array<['musdes' | 'musrenbangdes', boolean]>> = {
	1: [['musdes', false]], // LPJ APBDes of the year before
	3: [['musdes', true]], // BLT-DD beneficiaries, BUMDes
	6: [['musdes', true]], // planning (RKPDes review)
	9: [['musrenbangdes', true]],
	12: [['musdes', false]] // APBDes of the coming year
};

/** Women's share of attendees at a date: ~20% at the start, ~35% by mid-2026 where the program works. */
function womenShare(day: number, level: 'desa' | 'dusun', program: boolean): number {
	const years = Math.max(0, (day - PROGRAM_START) / 365);
	const gain = program ? 0.052 : 0.015;
	return clamp((level === 'desa' ? 0.19 : 0.22) + gain * years, 0.05, 0.6);
}

/** A weekday (Monday-Saturday) in the month, in the evening after work or on Saturday. */
function meetingDay(rng: Rng, year: number, month: number): number {
	let d = dayOf(year, month, rng.int(3, 26));
	if (weekday(d) === 0) d += 1;
	return d;
}

export function meetingsTable(rng: Rng): SampleTable {
	const rows: Row[] = [];
	for (const { year, month } of monthsBetween({ year: 2023, month: 1 }, { year: 2026, month: 6 })) {
		for (const [type, hasProposals] of DESA_CALENDAR[month] ?? []) {
			const d = meetingDay(rng, year, month);
			const attendees = type === 'musrenbangdes' ? rng.int(95, 150) : rng.int(42, 112);
			const share = womenShare(d, 'desa', true) + rng.normal(0, 0.03);
			const proposals = hasProposals ? (type === 'musrenbangdes' ? rng.int(24, 46) : rng.int(4, 14)) : null;
			const adopted = proposals === null ? null : rng.binomial(proposals, type === 'musrenbangdes' ? 0.48 : 0.62);
			rows.push({
				meeting_id: '',
				date: iso(d),
				level: 'desa',
				type,
				attendees,
				women_attendees: clamp(rng.binomial(attendees, clamp(share, 0.05, 0.6)), 0, attendees),
				proposals,
				proposals_adopted: adopted
			});
		}
		for (const dusun of DUSUN) {
			const start = dayOf(year, month, 1);
			const program = dusun.group === 'program' ? start >= PROGRAM_START : start >= PHASE2_START;
			const every = program ? (year >= 2025 ? 1 : 2) : 3;
			if ((month - 1) % every !== 0 && !(month === 8)) continue; // every dusun meets in August before the musrenbangdes
			const d = nthWeekday(year, month, 6, rng.int(1, 4)); // a Saturday
			if (d > DATA_END) continue;
			const attendees = clamp(Math.round(rng.normal(program ? 38 : 30, 9)), 20, 70);
			const share = womenShare(d, 'dusun', program) + rng.normal(0, 0.04);
			const proposals = rng.chance(0.9) ? rng.int(3, 15) : null;
			rows.push({
				meeting_id: '',
				date: iso(d),
				level: 'dusun',
				type: 'forum',
				attendees,
				women_attendees: rng.binomial(attendees, clamp(share, 0.05, 0.6)),
				proposals,
				proposals_adopted: proposals === null ? null : rng.binomial(proposals, program ? 0.55 : 0.4),
				_dusun: dusun.name
			});
		}
	}
	rows.sort((a, b) => byText(a.date, b.date) || byText(a.level, b.level) || byText(a._dusun, b._dusun));
	rows.forEach((r, i) => {
		r.meeting_id = `MUS-${String(i + 1).padStart(3, '0')}`;
		delete r._dusun;
	});
	return { name: 'meetings', columns: MEETING_COLUMNS, rows };
}
