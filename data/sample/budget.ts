/**
 * budget: the village budget (APBDes) 2023-2026, one row per budget line per year, with
 * what was budgeted and what was realised (2026: realised to the end of June).
 *
 * Revenue: Dana Desa, Alokasi Dana Desa (ADD), the village's own revenue (PADes), tax
 * sharing and provincial/district grants. Expenditure by the five official fields (bidang)
 * and by source. Each source's spending plan equals its revenue (plus SiLPA for `other`),
 * so the budget columns balance exactly. Realised spending is a little under budget; what
 * is left at year end (SiLPA) comes back as financing the next year. So the realised
 * balance (revenue - expenditure + financing in - financing out) is small but not 0 at
 * each year end (the year's SiLPA), and large at mid-2026 (cash not yet spent).
 */
import { Rng, roundTo } from './random';
import { byText, dayOf, iso } from './dates';
import type { ProjectOutcome } from './infrastructure';
import { money, text, int, type Row, type SampleTable } from './table';

export const FIELDS = {
	government: 'Penyelenggaraan Pemerintahan Desa',
	development: 'Pelaksanaan Pembangunan Desa',
	community: 'Pembinaan Kemasyarakatan Desa',
	empowerment: 'Pemberdayaan Masyarakat Desa',
	emergency: 'Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa'
} as const;

type Source = 'dana_desa' | 'add' | 'pades' | 'other';
type Category = 'revenue' | 'expenditure' | 'financing_in' | 'financing_out';

interface Line {
	year: number;
	account_code: string;
	category: Category;
	field: string | null;
	activity: string;
	source: Source;
	budget: number;
	realized: number;
	/** Realisation rate to draw (expenditure) or null when set by hand. */
	kind?: 'salary' | 'routine' | 'program' | 'project' | 'residual';
}

export const BUDGET_COLUMNS = [
	int('year'),
	text('account_code'),
	text('category'),
	text('field'),
	text('activity'),
	text('source'),
	money('budget_idr'),
	money('realized_idr')
];

const YEARS = [2023, 2024, 2025, 2026] as const;
const DANA_DESA: Record<number, number> = { 2023: 1_084_512_000, 2024: 1_127_346_000, 2025: 1_168_920_000, 2026: 1_052_780_000 };
const ADD: Record<number, number> = { 2023: 612_340_000, 2024: 641_880_000, 2025: 655_200_000, 2026: 668_310_000 };
/** BLT Dana Desa households (KPM) x Rp 300,000 x 12 months. */
const BLT_KPM: Record<number, number> = { 2023: 42, 2024: 36, 2025: 30, 2026: 25 };
const SILPA_2022 = 23_845_120;

const PROJECT_CODE: Record<string, string> = {
	road: '5.3.5',
	electricity: '5.3.8',
	water: '5.3.7',
	sanitation: '5.3.7',
	public_facility: '5.3.4',
	market: '5.3.4'
};

const k = (x: number) => roundTo(x, 1000);

/** Fraction of the year elapsed at the data cut-off (2026 is reported to the end of June). */
const partOfYear = (year: number) => (year === 2026 ? 0.5 : 1);

export function budgetTable(rng: Rng, projects: ProjectOutcome[]): SampleTable {
	const all: Line[] = [];
	let silpa = SILPA_2022;
	for (const year of YEARS) {
		const lines: Line[] = [];
		const part = partOfYear(year);
		const cutoff = iso(year === 2026 ? dayOf(2026, 6, 30) : dayOf(year, 12, 31));
		const rev = (code: string, activity: string, source: Source, budget: number, realized: number) =>
			lines.push({ year, account_code: code, category: 'revenue', field: null, activity, source, budget: k(budget), realized: k(realized) });
		// revenue (by June 2026: 60% of Dana Desa, transferred in tranches, and part of the rest)
		const dd = DANA_DESA[year];
		rev('4.2.1', 'Dana Desa', 'dana_desa', dd, year === 2026 ? dd * 0.6 : dd);
		rev('4.2.3', 'Alokasi Dana Desa', 'add', ADD[year], year === 2026 ? ADD[year] * 0.45 : ADD[year] * rng.uniform(0.985, 1));
		const bumdes = [26_500_000, 34_000_000, 41_500_000, 48_000_000][year - 2023];
		rev('4.1.1', 'Hasil Usaha BUMDes', 'pades', bumdes, bumdes * (year === 2026 ? 0.35 : rng.uniform(0.92, 1.08)));
		rev('4.1.4', 'Lain-lain Pendapatan Asli Desa (sewa tanah kas desa)', 'pades', 30_000_000, 30_000_000 * (year === 2026 ? 0.5 : 1));
		const tax = [72_410_000, 76_950_000, 80_120_000, 83_400_000][year - 2023];
		rev('4.2.2', 'Bagi Hasil Pajak dan Retribusi Daerah', 'other', tax, tax * (year === 2026 ? 0.25 : rng.uniform(0.95, 1.03)));
		for (const [grant, code, name] of [
			['provinsi', '4.2.4', 'Bantuan Keuangan Provinsi'],
			['kabupaten', '4.2.5', 'Bantuan Keuangan Kabupaten']
		] as const) {
			// grants are transferred against the projects' progress: realised = what was spent
			const funded = projects.filter((p) => p.plan.grant === grant && p.plan.start[0] === year);
			const total = funded.reduce((s, p) => s + p.plan.budget, 0);
			const transferred = funded.reduce((s, p) => s + p.spentAsOf(cutoff), 0);
			if (total > 0) rev(code, name, 'other', total, transferred);
		}
		const interest = [2_150_000, 2_480_000, 2_710_000, 2_800_000][year - 2023];
		rev('4.3.4', 'Bunga Bank', 'other', interest, interest * part * rng.uniform(0.9, 1.1));

		// financing
		const fin = (category: Category, code: string, activity: string, source: Source, amount: number) =>
			lines.push({ year, account_code: code, category, field: null, activity, source, budget: amount, realized: amount });
		if (silpa !== 0) fin('financing_in', '6.1.1', 'SiLPA Tahun Sebelumnya', 'other', silpa);
		if (year === 2023) fin('financing_out', '6.2.2', 'Penyertaan Modal Desa (BUMDes)', 'dana_desa', 50_000_000);
		if (year === 2024) fin('financing_out', '6.2.1', 'Pembentukan Dana Cadangan', 'other', 50_000_000);
		if (year === 2025) fin('financing_out', '6.2.2', 'Penyertaan Modal Desa (BUMDes)', 'dana_desa', 50_000_000);

		// expenditure
		const exp = (field: string, code: string, activity: string, source: Source, budget: number, kind: Line['kind']) =>
			lines.push({ year, account_code: code, category: 'expenditure', field, activity, source, budget: k(budget), realized: 0, kind });
		const g = 1 + 0.03 * (year - 2023);
		exp(FIELDS.government, '5.1.1', 'Penghasilan Tetap Kepala Desa dan Perangkat Desa', 'add', 331_200_000 * g, 'salary');
		exp(FIELDS.government, '5.1.2', 'Tunjangan Kepala Desa dan Perangkat Desa', 'add', 58_800_000 * g, 'salary');
		exp(FIELDS.government, '5.1.3', 'Jaminan Sosial Kepala Desa dan Perangkat Desa', 'add', 17_640_000 * g, 'salary');
		exp(FIELDS.government, '5.1.4', 'Tunjangan dan Operasional BPD', 'add', 45_600_000 * g, 'salary');
		exp(FIELDS.government, '5.2.5', 'Penyediaan Operasional Pemerintah Desa', 'add', 0, 'residual');
		exp(FIELDS.government, '5.2.2', 'Insentif RT/RW dan Operasional Lembaga Desa', 'other', 0, 'residual');
		exp(FIELDS.government, '5.2.2', 'Penyusunan Dokumen Perencanaan dan Laporan Desa', 'pades', 14_500_000, 'routine');
		exp(FIELDS.government, '5.2.1', 'Pendataan dan Sistem Informasi Desa (monitoring program)', 'dana_desa', 15_000_000, 'program');
		exp(FIELDS.government, '5.3.2', 'Pengadaan Sarana dan Prasarana Kantor Desa', 'pades', 0, 'residual');
		for (const p of projects.filter((x) => x.plan.start[0] === year)) {
			exp(FIELDS.development, PROJECT_CODE[p.plan.type], p.plan.name, p.plan.source, p.plan.budget, 'project');
		}
		exp(FIELDS.development, '5.2.7', 'Penyelenggaraan Posyandu (makanan tambahan, insentif kader)', 'dana_desa', 62_000_000 * g, 'program');
		exp(FIELDS.development, '5.2.7', 'Penyelenggaraan PAUD', 'dana_desa', 30_000_000, 'program');
		exp(FIELDS.development, '5.2.6', 'Pemeliharaan Jalan Desa', 'dana_desa', 0, 'residual');
		exp(FIELDS.community, '5.2.2', 'Pembinaan Satlinmas', 'add', 14_400_000, 'routine');
		exp(FIELDS.community, '5.2.7', 'Pembinaan PKK', 'add', 20_000_000, 'routine');
		exp(FIELDS.community, '5.2.7', 'Pembinaan Kegiatan Keagamaan', 'add', 18_000_000, 'routine');
		exp(FIELDS.community, '5.2.7', 'Kegiatan Kepemudaan dan Olahraga', 'dana_desa', 15_000_000, 'program');
		exp(FIELDS.empowerment, '5.2.2', 'Pelatihan Kerajinan Tangan', 'dana_desa', 34_800_000, 'program');
		exp(FIELDS.empowerment, '5.2.2', 'Pelatihan Pertanian Organik', 'dana_desa', 38_200_000, 'program');
		exp(FIELDS.empowerment, '5.2.2', 'Pelatihan Teknologi Informasi dan Komunikasi', 'dana_desa', 36_600_000, 'program');
		exp(FIELDS.empowerment, '5.2.7', 'Ketahanan Pangan dan Hewani', 'dana_desa', dd * 0.2, 'program');
		exp(FIELDS.empowerment, '5.2.3', 'Pendampingan dan Pemasaran Usaha Mikro', 'dana_desa', 24_500_000, 'program');
		exp(FIELDS.empowerment, '5.2.2', 'Peningkatan Kapasitas Kader Pencegahan Stunting', 'dana_desa', 22_800_000, 'program');
		exp(FIELDS.emergency, '5.4.1', 'Bantuan Langsung Tunai Dana Desa', 'dana_desa', BLT_KPM[year] * 300_000 * 12, 'salary');
		exp(FIELDS.emergency, '5.4.1', 'Penanggulangan Bencana (longsor dan banjir)', 'add', 22_000_000, 'routine');
		exp(FIELDS.emergency, '5.4.1', 'Keadaan Mendesak', 'add', 12_000_000, 'routine');

		// balance each source: spending plan = revenue + financing in - financing out
		for (const source of ['dana_desa', 'add', 'pades', 'other'] as const) {
			const inflow = lines
				.filter((l) => l.source === source && (l.category === 'revenue' || l.category === 'financing_in'))
				.reduce((s, l) => s + l.budget, 0);
			const outflow = lines.filter((l) => l.source === source && l.category === 'financing_out').reduce((s, l) => s + l.budget, 0);
			const spend = lines.filter((l) => l.source === source && l.category === 'expenditure');
			const residual = spend.find((l) => l.kind === 'residual');
			if (!residual) throw new Error(`no residual line for ${source}`);
			const fixed = spend.filter((l) => l !== residual).reduce((s, l) => s + l.budget, 0);
			residual.budget = inflow - outflow - fixed;
			if (residual.budget < 0) throw new Error(`budget ${year}: ${source} over-committed by ${-residual.budget}`);
		}

		// realisation
		for (const l of lines.filter((x) => x.category === 'expenditure')) {
			if (l.kind === 'project') {
				const p = projects.find((x) => x.plan.name === l.activity)!;
				l.realized = p.spentAsOf(cutoff);
			} else if (year === 2026) {
				const rate = l.kind === 'salary' ? 0.5 : rng.uniform(0.12, 0.48);
				l.realized = k(l.budget * rate);
			} else {
				const rate = l.kind === 'salary' ? 1 : l.kind === 'routine' ? rng.uniform(0.95, 1) : rng.uniform(0.93, 1);
				l.realized = k(l.budget * rate);
			}
		}
		const balance = realizedBalance(lines);
		silpa = year === 2026 ? 0 : balance;
		all.push(...lines);
	}
	const rows: Row[] = all.map((l) => ({
		year: l.year,
		account_code: l.account_code,
		category: l.category,
		field: l.field,
		activity: l.activity,
		source: l.source,
		budget_idr: l.budget,
		realized_idr: l.realized
	}));
	const order: Record<string, number> = { revenue: 0, expenditure: 1, financing_in: 2, financing_out: 3 };
	const fieldOrder = Object.values(FIELDS) as string[];
	rows.sort(
		(a, b) =>
			(a.year as number) - (b.year as number) ||
			order[String(a.category)] - order[String(b.category)] ||
			fieldOrder.indexOf(String(a.field)) - fieldOrder.indexOf(String(b.field)) ||
			byText(a.account_code, b.account_code)
	);
	return { name: 'budget', columns: BUDGET_COLUMNS, rows };
}

/** revenue - expenditure + financing_in - financing_out, realised. */
export function realizedBalance(lines: Array<{ category: string; realized?: number; realized_idr?: number }>): number {
	let b = 0;
	for (const l of lines) {
		const v = (l.realized ?? l.realized_idr ?? 0) as number;
		if (l.category === 'revenue' || l.category === 'financing_in') b += v;
		else b -= v;
	}
	return b;
}
