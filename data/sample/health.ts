/**
 * health_services: one row per service given at the posyandu / posbindu, January 2023 to
 * June 2026.
 *
 * - growth_monitoring: the monthly weighing of children under five, with a height-for-age
 *   z-score (haz). Each dusun's posyandu meets on a fixed day of the month. A child's haz
 *   follows its own level, the usual fall in the first two years, and the program's effect
 *   on children whose first 1,000 days fall after April 2023 (stronger in the program
 *   dusun), so stunting falls from about 28% to about 18%.
 * - immunization: the routine schedule at 1, 2, 3, 4, 9 and 18 months.
 * - antenatal: the mothers' pregnancy visits before each birth.
 * - checkup: the monthly adult screening (posbindu).
 * - health_education: attendances at health-education sessions (penyuluhan, kelas ibu balita).
 *
 * Children and mothers in the survey sample keep their people.person_id; other children
 * of the village are registered as `ANK-`, other mothers as `IBU-`.
 */
import { Rng, clamp, roundDigits } from './random';
import { addYears, ageInYears, byText, iso, monthsBetween, nthWeekday, skipSunday, ymd } from './dates';
import { DATA_END, DATA_START, DUSUN, PHASE2_START, PROGRAM_START, dusunByName } from './village';
import { ROUND_COUNT, isInterviewed, isMember, membersIn, type Household, type Person, type SurveyPanel } from './roster';
import { date, double, text, type Row, type SampleTable } from './table';

export interface Child {
	id: string;
	sex: 'F' | 'M';
	birth: number;
	dusun: string;
	motherId: string | null;
	motherBirth: number | null;
	/** Persistent haz level. */
	level: number;
	/** Keeps coming to the posyandu (0-1). */
	attendance: number;
}

/** Posyandu day per dusun: [weekday (2 = Tuesday), week of the month]. */
const POSYANDU_DAY: Record<string, [number, number]> = {
	Krajan: [2, 2],
	Sukamaju: [3, 2],
	Mekarsari: [4, 2],
	Karanganyar: [2, 3],
	Cibodas: [3, 3],
	Sindangsari: [4, 3]
};

export function posyanduDay(dusun: string, year: number, month: number): number {
	const [wd, n] = POSYANDU_DAY[dusun];
	return nthWeekday(year, month, wd, n);
}

/** Mean haz of a child's own level before the age profile and the program. */
const HAZ_LEVEL = -0.7;
/** haz gained with a full first 1,000 days under the program. */
const PROGRAM_EFFECT = { program: 1.0, comparison: 0.3 };

const FIRST_1000_DAYS = 1000;
/** Pregnancies followed up to the data cut-off include babies due until the end of 2026. */
const DUE_UNTIL = DATA_END + 200;

/** Share of the child's first 1,000 days (from conception) after `from` and up to `on`. */
function exposure(birth: number, from: number, on: number): number {
	const start = birth - 270;
	const end = Math.min(birth + 730, on);
	const overlap = end - Math.max(start, from);
	return clamp(overlap / FIRST_1000_DAYS, 0, 1);
}

export function expectedHaz(c: Child, on: number): number {
	const months = (on - c.birth) / 30.44;
	const ageProfile = months < 24 ? -1.0 * (months / 24) : -1.0 + 0.12 * ((months - 24) / 36);
	const group = dusunByName(c.dusun).group;
	let effect = PROGRAM_EFFECT[group] * exposure(c.birth, PROGRAM_START, on);
	if (group === 'comparison') effect += (PROGRAM_EFFECT.program - PROGRAM_EFFECT.comparison) * exposure(c.birth, PHASE2_START, on);
	return c.level + ageProfile + effect;
}

function motherOf(h: Household, child: Person): Person | null {
	const wanted = child.relation === 'grandchild' ? ['child', 'other'] : ['head', 'spouse'];
	const women = h.persons.filter((p) => {
		if (p === child || p.sex !== 'F') return false;
		const age = ageInYears(p.birth, child.birth);
		return age >= 17 && age <= 45;
	});
	return women.find((w) => wanted.includes(w.relation)) ?? women[0] ?? null;
}

/** All children under five at some time between January 2023 and June 2026. */
export function childRegister(rng: Rng, panel: SurveyPanel): Child[] {
	const earliest = addYears(DATA_START, -5);
	const children: Child[] = [];
	for (const h of panel.households) {
		for (const p of h.persons) {
			if (p.birth <= earliest || p.birth > DATA_END) continue;
			if (!isMember(p, p.firstRound)) continue;
			const m = motherOf(h, p);
			children.push({
				id: p.id,
				sex: p.sex,
				birth: p.birth,
				dusun: h.dusun.name,
				motherId: m?.id ?? null,
				motherBirth: m?.birth ?? null,
				level: rng.normal(HAZ_LEVEL, 0.95),
				attendance: rng.uniform(0.55, 1)
			});
		}
	}
	// babies born in sample households after the last survey round (not in people)
	const last = ROUND_COUNT - 1;
	for (const h of panel.households) {
		if (!isInterviewed(h, last)) continue;
		const since = h.surveyDay[last];
		const mothers = membersIn(h, last).filter((p) => {
			const age = ageInYears(p.birth, since);
			return p.sex === 'F' && age >= 18 && age <= 40;
		});
		let seq = h.persons.length;
		for (const m of mothers) {
			// (babies due after June 2026 appear only through their mothers' antenatal visits)
			if (!rng.chance((0.085 * (DUE_UNTIL - since)) / 365)) continue;
			seq++;
			children.push({
				id: `${h.id}-${String(seq).padStart(2, '0')}`,
				sex: rng.chance(0.49) ? 'F' : 'M',
				birth: rng.int(since + 1, DUE_UNTIL),
				dusun: h.dusun.name,
				motherId: m.id,
				motherBirth: m.birth,
				level: rng.normal(HAZ_LEVEL, 0.95),
				attendance: rng.uniform(0.55, 1)
			});
		}
	}
	// children of households outside the survey sample
	const extra = Math.round(children.length * 0.36);
	for (let i = 1; i <= extra; i++) {
		const dusun = rng.weighted(DUSUN.map((d) => [d.name, d.households - d.sampled] as const));
		const birth = rng.int(earliest + 1, DUE_UNTIL);
		children.push({
			id: `ANK-${String(i).padStart(4, '0')}`,
			sex: rng.chance(0.49) ? 'F' : 'M',
			birth,
			dusun,
			motherId: `IBU-${String(i).padStart(4, '0')}`,
			motherBirth: birth - rng.int(19 * 365, 40 * 365),
			level: rng.normal(HAZ_LEVEL, 0.95),
			attendance: rng.uniform(0.55, 1)
		});
	}
	return children;
}

export const HEALTH_COLUMNS = [
	text('service_id'),
	date('date'),
	text('person_id'),
	text('sex'),
	double('age', 2),
	text('service'),
	double('haz', 2),
	text('dusun')
];

type Service = 'checkup' | 'immunization' | 'antenatal' | 'health_education' | 'growth_monitoring';

function serviceRow(day: number, personId: string | null, sex: 'F' | 'M', age: number, service: Service, haz: number | null, dusun: string): Row {
	return { service_id: '', date: iso(day), person_id: personId, sex, age, service, haz, dusun };
}

const childAge = (birth: number, on: number) => roundDigits((on - birth) / 365.25, 2);

function growthMonitoring(rng: Rng, children: Child[]): Row[] {
	const rows: Row[] = [];
	const fifthBirthday = children.map((c) => addYears(c.birth, 5));
	for (const { year, month } of monthsBetween({ year: 2023, month: 1 }, { year: 2026, month: 6 })) {
		const days = new Map(DUSUN.map((d) => [d.name, posyanduDay(d.name, year, month)]));
		for (const [i, c] of children.entries()) {
			const day = days.get(c.dusun)!;
			if (day < c.birth + 14 || day >= fifthBirthday[i] || day > DATA_END) continue;
			const under2 = day - c.birth < 730;
			const program = dusunByName(c.dusun).group === 'program' && day >= PROGRAM_START;
			const p = clamp(c.attendance * (under2 ? 0.95 : 0.78) + (program ? 0.06 : 0), 0, 0.98);
			if (!rng.chance(p)) continue;
			const haz = rng.chance(0.03) ? null : roundDigits(expectedHaz(c, day) + rng.normal(0, 0.22), 2);
			rows.push(serviceRow(day, c.id, c.sex, childAge(c.birth, day), 'growth_monitoring', haz, c.dusun));
		}
	}
	return rows;
}

const IMMUNIZATION_MONTHS = [1, 2, 3, 4, 9, 18];

function immunization(rng: Rng, children: Child[]): Row[] {
	const rows: Row[] = [];
	for (const c of children) {
		for (const m of IMMUNIZATION_MONTHS) {
			const target = c.birth + Math.round(m * 30.44);
			const { year, month } = ymd(target);
			const day = posyanduDay(c.dusun, year, month);
			if (day < DATA_START || day > DATA_END || day <= c.birth) continue;
			if (!rng.chance(m === 18 ? 0.82 : 0.93)) continue;
			rows.push(serviceRow(day, c.id, c.sex, childAge(c.birth, day), 'immunization', null, c.dusun));
		}
	}
	return rows;
}

function antenatal(rng: Rng, children: Child[]): Row[] {
	const rows: Row[] = [];
	for (const c of children) {
		if (c.motherBirth === null) continue;
		const program = dusunByName(c.dusun).group === 'program' && c.birth >= PROGRAM_START + 120;
		// six visits (K1-K6) at about 2, 4, 6, 7, 8 and 9 months of pregnancy
		for (const before of [210, 150, 90, 60, 30, 10]) {
			const day = skipSunday(c.birth - before + rng.int(-6, 6));
			if (day < DATA_START || day > DATA_END) continue;
			if (!rng.chance(program ? 0.93 : 0.8)) continue;
			rows.push(serviceRow(day, c.motherId, 'F', ageInYears(c.motherBirth, day), 'antenatal', null, c.dusun));
		}
	}
	return rows;
}

interface Adult {
	id: string;
	sex: 'F' | 'M';
	birth: number;
}

function adultsByDusun(panel: SurveyPanel): Map<string, Adult[]> {
	const out = new Map<string, Adult[]>(DUSUN.map((d) => [d.name, []]));
	for (const h of panel.households) {
		for (const p of h.persons) out.get(h.dusun.name)!.push({ id: p.id, sex: p.sex, birth: p.birth });
	}
	return out;
}

/** Posbindu screening (checkup) and health-education sessions, per dusun. */
function sessions(rng: Rng, panel: SurveyPanel): Row[] {
	const rows: Row[] = [];
	const adults = adultsByDusun(panel);
	for (const { year, month } of monthsBetween({ year: 2023, month: 1 }, { year: 2026, month: 6 })) {
		for (const d of DUSUN) {
			const posyandu = posyanduDay(d.name, year, month);
			const program = d.group === 'program' ? posyandu >= PROGRAM_START : posyandu >= PHASE2_START;
			const born15 = addYears(posyandu, -15);
			const born90 = addYears(posyandu, -90);
			const pool = adults.get(d.name)!.filter((a) => a.birth <= born15 && a.birth > born90); // aged 15-89
			// posbindu: the day after the posyandu
			const years = Math.max(0, (posyandu - PROGRAM_START) / 365);
			const screened = rng.poisson(program ? 9 + 3 * years : 6);
			for (let k = 0; k < screened; k++) {
				const a = rng.pick(pool);
				if (rng.chance(0.75)) rows.push(serviceRow(posyandu + 1, a.id, a.sex, ageInYears(a.birth, posyandu + 1), 'checkup', null, d.name));
				else rows.push(serviceRow(posyandu + 1, null, rng.chance(0.6) ? 'F' : 'M', rng.int(20, 75), 'checkup', null, d.name));
			}
			// health education: monthly in program dusun, quarterly elsewhere
			if (!program && month % 3 !== 0) continue;
			const day = posyandu + 7 + rng.int(0, 3);
			if (day > DATA_END) continue;
			const attendees = clamp(Math.round(rng.normal(program ? 17 : 13, 4)), 6, 32);
			const born50 = addYears(day, -50);
			const women = pool.filter((a) => a.sex === 'F' && a.birth > born50);
			const men = pool.filter((a) => a.sex === 'M');
			for (let k = 0; k < attendees; k++) {
				const sex = rng.chance(0.86) ? 'F' : 'M';
				const candidates = sex === 'F' ? women : men;
				if (rng.chance(0.6) && candidates.length > 0) {
					const a = rng.pick(candidates);
					rows.push(serviceRow(day, a.id, a.sex, ageInYears(a.birth, day), 'health_education', null, d.name));
				} else {
					rows.push(serviceRow(day, null, sex, rng.int(18, 60), 'health_education', null, d.name));
				}
			}
		}
	}
	return rows;
}

const SERVICE_ORDER: Record<string, number> = { growth_monitoring: 0, immunization: 1, antenatal: 2, checkup: 3, health_education: 4 };

export interface HealthSample {
	table: SampleTable;
	children: Child[];
}

export function healthServicesTable(rng: Rng, panel: SurveyPanel): HealthSample {
	const children = childRegister(rng.fork('children'), panel);
	const rows = [
		...growthMonitoring(rng.fork('growth'), children),
		...immunization(rng.fork('immunization'), children),
		...antenatal(rng.fork('antenatal'), children),
		...sessions(rng.fork('sessions'), panel)
	];
	rows.sort(
		(a, b) =>
			byText(a.date, b.date) ||
			byText(a.dusun, b.dusun) ||
			SERVICE_ORDER[String(a.service)] - SERVICE_ORDER[String(b.service)] ||
			byText(a.person_id ?? '~', b.person_id ?? '~')
	);
	rows.forEach((r, i) => (r.service_id = `LYN-${String(i + 1).padStart(5, '0')}`));
	return { table: { name: 'health_services', columns: HEALTH_COLUMNS, rows }, children };
}

/**
 * HLT-03 by its catalogue definition, for indicator_values: children whose latest
 * growth_monitoring record in [from, to] has age < 5 and a haz; stunted if haz < -2.
 */
export function stuntingPrevalence(rows: Row[], from: string, to: string, dusun?: string): { stunted: number; children: number } {
	const latest = new Map<string, Row>();
	for (const r of rows) {
		if (r.service !== 'growth_monitoring' || r.person_id === null) continue;
		const d = String(r.date);
		if (d < from || d > to) continue;
		const prev = latest.get(String(r.person_id));
		if (!prev || String(prev.date) <= d) latest.set(String(r.person_id), r);
	}
	let stunted = 0;
	let children = 0;
	for (const r of latest.values()) {
		if (dusun && r.dusun !== dusun) continue;
		if ((r.age as number) >= 5 || r.haz === null) continue;
		children++;
		if ((r.haz as number) < -2) stunted++;
	}
	return { stunted, children };
}

