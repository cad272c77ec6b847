/**
 * infrastructure: one row per project per monthly report (month end), from the month the
 * project enters the village plan until the month it is completed, or June 2026.
 *
 * The projects follow the story of the household survey: the Karanganyar and Mekarsari
 * roads are finished before the 2024 midline, the Sukamaju road before the 2025 endline;
 * water and electricity connections go to the program dusun first; phase-2 projects in
 * Cibodas and Sindangsari start in 2026 and some are still under way at the cut-off.
 * Each project's budget is a line of the APBDes (budget.ts).
 */
import { Rng, clamp, roundTo } from './random';
import { addMonths, byText, dayOf, iso, monthEnd, skipSunday, ymd } from './dates';
import { DATA_END } from './village';
import { date, double, int, money, text, type Row, type SampleTable } from './table';

export type InfraType = 'road' | 'electricity' | 'water' | 'sanitation' | 'public_facility' | 'market';

export interface ProjectPlan {
	id: string;
	type: InfraType;
	name: string;
	dusun: string;
	quantity: number;
	unit: string;
	budget: number;
	/** Start: [year, month]. */
	start: [number, number];
	/** Planned duration in months. */
	months: number;
	/** Months lost to a stall (rain, a contractor, land). */
	delay?: number;
	households: number | null;
	/** Funding source in the APBDes; `other` projects are paid by a provincial or district grant. */
	source: 'dana_desa' | 'add' | 'pades' | 'other';
	grant?: 'provinsi' | 'kabupaten';
}

export const PROJECTS: ProjectPlan[] = [
	{ id: 'INF-01', type: 'road', name: 'Pengaspalan Jalan Dusun Karanganyar', dusun: 'Karanganyar', quantity: 1.6, unit: 'km', budget: 298_500_000, start: [2023, 5], months: 5, households: 152, source: 'dana_desa' },
	{ id: 'INF-02', type: 'water', name: 'Jaringan Perpipaan Air Bersih Dusun Sukamaju', dusun: 'Sukamaju', quantity: 140, unit: 'connections', budget: 262_000_000, start: [2023, 6], months: 6, households: 140, source: 'other', grant: 'provinsi' },
	{ id: 'INF-03', type: 'road', name: 'Rabat Beton Jalan Lingkungan Mekarsari', dusun: 'Mekarsari', quantity: 1.2, unit: 'km', budget: 245_750_000, start: [2023, 7], months: 4, delay: 1, households: 118, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-04', type: 'electricity', name: 'Sambungan Listrik Rumah Tangga Miskin Tahap I', dusun: 'Karanganyar', quantity: 45, unit: 'connections', budget: 64_500_000, start: [2023, 8], months: 3, households: 45, source: 'dana_desa' },
	{ id: 'INF-05', type: 'sanitation', name: 'Jamban Sehat Keluarga Tahap I', dusun: 'Mekarsari', quantity: 40, unit: 'units', budget: 78_000_000, start: [2023, 9], months: 3, households: 40, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-06', type: 'public_facility', name: 'Rehabilitasi Gedung Posyandu Melati', dusun: 'Krajan', quantity: 1, unit: 'units', budget: 56_250_000, start: [2023, 10], months: 2, households: 210, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-07', type: 'road', name: 'Pengaspalan Jalan Penghubung Sukamaju-Krajan', dusun: 'Sukamaju', quantity: 2.1, unit: 'km', budget: 428_000_000, start: [2024, 3], months: 5, delay: 2, households: 164, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-08', type: 'water', name: 'Sumur Bor dan Tandon Air Mekarsari', dusun: 'Mekarsari', quantity: 90, unit: 'connections', budget: 178_500_000, start: [2024, 4], months: 4, households: 90, source: 'dana_desa' },
	{ id: 'INF-09', type: 'electricity', name: 'Sambungan Listrik Rumah Tangga Miskin Tahap II', dusun: 'Sukamaju', quantity: 60, unit: 'connections', budget: 84_000_000, start: [2024, 5], months: 3, households: 60, source: 'dana_desa' },
	{ id: 'INF-10', type: 'market', name: 'Pembangunan Los Pasar Desa', dusun: 'Krajan', quantity: 24, unit: 'units', budget: 348_000_000, start: [2024, 5], months: 6, households: 330, source: 'other', grant: 'provinsi' },
	{ id: 'INF-11', type: 'sanitation', name: 'MCK Komunal Karanganyar', dusun: 'Karanganyar', quantity: 2, unit: 'units', budget: 98_600_000, start: [2024, 7], months: 3, households: 58, source: 'dana_desa' },
	{ id: 'INF-12', type: 'public_facility', name: 'Pembangunan Gedung PAUD Tunas Harapan', dusun: 'Sukamaju', quantity: 1, unit: 'units', budget: 168_400_000, start: [2024, 7], months: 4, households: 92, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-13', type: 'road', name: 'Drainase dan Rabat Beton Gang Krajan', dusun: 'Krajan', quantity: 0.8, unit: 'km', budget: 158_700_000, start: [2025, 3], months: 3, households: 96, source: 'dana_desa' },
	{ id: 'INF-14', type: 'water', name: 'Perluasan Jaringan Air Bersih Karanganyar', dusun: 'Karanganyar', quantity: 110, unit: 'connections', budget: 231_200_000, start: [2025, 4], months: 4, delay: 1, households: 110, source: 'other', grant: 'provinsi' },
	{ id: 'INF-15', type: 'sanitation', name: 'Jamban Sehat Keluarga Tahap II', dusun: 'Sukamaju', quantity: 50, unit: 'units', budget: 97_500_000, start: [2025, 5], months: 3, households: 50, source: 'dana_desa' },
	{ id: 'INF-16', type: 'electricity', name: 'Penerangan Jalan Umum Tenaga Surya', dusun: 'Mekarsari', quantity: 32, unit: 'units', budget: 118_000_000, start: [2025, 7], months: 2, households: 240, source: 'dana_desa' },
	{ id: 'INF-17', type: 'public_facility', name: 'Rehabilitasi Balai Desa', dusun: 'Krajan', quantity: 1, unit: 'units', budget: 248_600_000, start: [2025, 6], months: 5, households: null, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-18', type: 'sanitation', name: 'Saluran Pembuangan Air Limbah Mekarsari', dusun: 'Mekarsari', quantity: 60, unit: 'units', budget: 71_200_000, start: [2025, 9], months: 3, households: 60, source: 'dana_desa' },
	{ id: 'INF-19', type: 'road', name: 'Pengerasan Jalan Usaha Tani Sindangsari', dusun: 'Sindangsari', quantity: 1.5, unit: 'km', budget: 276_400_000, start: [2026, 1], months: 4, households: 128, source: 'other', grant: 'kabupaten' },
	{ id: 'INF-20', type: 'road', name: 'Jembatan Gantung Cibodas', dusun: 'Cibodas', quantity: 45, unit: 'm', budget: 512_000_000, start: [2026, 2], months: 7, households: 184, source: 'other', grant: 'provinsi' },
	{ id: 'INF-21', type: 'water', name: 'Jaringan Air Bersih Dusun Sindangsari', dusun: 'Sindangsari', quantity: 120, unit: 'connections', budget: 268_300_000, start: [2026, 3], months: 5, households: 120, source: 'dana_desa' },
	{ id: 'INF-22', type: 'market', name: 'Revitalisasi Pasar Desa Tahap II', dusun: 'Krajan', quantity: 12, unit: 'units', budget: 168_000_000, start: [2026, 8], months: 5, households: 180, source: 'dana_desa' }
];

export const INFRASTRUCTURE_COLUMNS = [
	text('project_id'),
	date('report_date'),
	text('type'),
	text('name'),
	text('dusun'),
	text('status'),
	date('start_date'),
	date('completion_date'),
	double('quantity', 2),
	text('unit'),
	double('progress_pct', 1),
	money('budget_idr'),
	money('spent_idr'),
	int('households_served')
];

/** S-shaped physical progress (0-1) after `t` of `n` months of work. */
function sCurve(t: number, n: number): number {
	const x = clamp(t / n, 0, 1);
	return x * x * (3 - 2 * x);
}

/** Year-end (or cut-off) spending of each project: what the APBDes reports as realised. */
export interface ProjectOutcome {
	plan: ProjectPlan;
	startDay: number;
	completionDay: number | null;
	/** Spent as of each report date (ISO) -> spent. */
	spentAsOf: (isoDate: string) => number;
}

export function infrastructureTable(rng: Rng): { table: SampleTable; outcomes: ProjectOutcome[] } {
	const rows: Row[] = [];
	const outcomes: ProjectOutcome[] = [];
	for (const p of PROJECTS) {
		const [sy, sm] = p.start;
		const startDay = skipSunday(dayOf(sy, sm, rng.int(1, 20)));
		const work = p.months + (p.delay ?? 0);
		const finish = addMonths(startDay, work) - rng.int(0, 12);
		const completionDay = finish <= DATA_END ? skipSunday(finish) : null;
		// the project is listed in the plan (APBDes of its year) two to four months before it starts
		const listed = Math.max(dayOf(sy, 1, 1), addMonths(dayOf(sy, sm, 1), -rng.int(2, 4)));
		const overrun = rng.uniform(0.94, 1); // final cost, never above the budget line
		const lag = rng.uniform(0.85, 0.97);
		const stallAt = p.delay ? rng.int(1, Math.max(1, p.months - 1)) : -1;
		let progress = 0;
		let spent = 0;
		const spentByDate: Array<[string, number]> = [];
		for (let k = 0; ; k++) {
			const lm = ymd(addMonths(listed, k));
			const reportDay = monthEnd(lm.year, lm.month);
			if (reportDay > DATA_END) break;
			let status: 'planned' | 'in_progress' | 'completed' = 'planned';
			if (completionDay !== null && reportDay >= completionDay) {
				status = 'completed';
				progress = 100;
				spent = roundTo(p.budget * overrun, 1000);
			} else if (reportDay >= startDay) {
				status = 'in_progress';
				let months = (reportDay - startDay) / 30.44;
				if (stallAt >= 0 && months > stallAt) months = Math.max(stallAt, months - (p.delay ?? 0));
				const target = 100 * sCurve(months, p.months) * 0.97;
				progress = clamp(Math.max(progress, target + rng.normal(0, 2.5)), progress, 97);
				spent = Math.max(spent, roundTo(p.budget * (progress / 100) * lag, 1000));
			}
			spentByDate.push([iso(reportDay), spent]);
			rows.push({
				project_id: p.id,
				report_date: iso(reportDay),
				type: p.type,
				name: p.name,
				dusun: p.dusun,
				status,
				start_date: iso(startDay),
				completion_date: status === 'completed' ? iso(completionDay!) : null,
				quantity: p.quantity,
				unit: p.unit,
				progress_pct: Math.round(progress * 10) / 10,
				budget_idr: p.budget,
				spent_idr: spent,
				households_served: p.households
			});
			if (status === 'completed') break;
		}
		outcomes.push({
			plan: p,
			startDay,
			completionDay,
			spentAsOf: (d: string) => {
				let s = 0;
				for (const [date, v] of spentByDate) if (date <= d) s = v;
				return s;
			}
		});
	}
	rows.sort((a, b) => byText(a.report_date, b.report_date) || byText(a.project_id, b.project_id));
	return { table: { name: 'infrastructure', columns: INFRASTRUCTURE_COLUMNS, rows }, outcomes };
}
