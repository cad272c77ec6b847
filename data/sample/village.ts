/**
 * The (fictional) village the sample describes: Desa Tanjung Barat, in a fictional
 * kecamatan of Kabupaten Bogor, West Java, with Kemendagri-style codes.
 */
import { dayOf } from './dates';

export const VILLAGE = {
	name: 'Desa Tanjung Barat',
	/** Kemendagri style: 32.01.41.2005 without the dots (kecamatan 41 does not exist in reality). */
	code: '3201412005',
	indexName: 'TANJUNG BARAT',
	kecamatanCode: '320141',
	kecamatanName: 'CISADANE HILIR',
	kabupatenCode: '3201',
	kabupatenName: 'BOGOR',
	provinsiCode: '32',
	provinsiName: 'JAWA BARAT'
} as const;

export type Group = 'program' | 'comparison';

export interface Dusun {
	name: string;
	group: Group;
	/** Households living in the dusun (for survey weights and posyandu coverage). */
	households: number;
	/** Households in the survey sample. */
	sampled: number;
	/** Share of households within 2 km of an all-season road at baseline. */
	road: number;
	/** Share with electricity at baseline. */
	electricity: number;
	/** Share with an improved drinking-water source at baseline. */
	water: number;
	/** Log-income offset (Krajan is the village centre, the others are further out). */
	incomeOffset: number;
}

/** Program dusun first. Cibodas and Sindangsari are the comparison (phase-2) dusun. */
export const DUSUN: readonly Dusun[] = [
	{ name: 'Krajan', group: 'program', households: 420, sampled: 220, road: 0.96, electricity: 0.97, water: 0.74, incomeOffset: 0.16 },
	{ name: 'Sukamaju', group: 'program', households: 330, sampled: 200, road: 0.78, electricity: 0.9, water: 0.62, incomeOffset: 0.02 },
	{ name: 'Mekarsari', group: 'program', households: 300, sampled: 190, road: 0.66, electricity: 0.86, water: 0.55, incomeOffset: -0.06 },
	{ name: 'Karanganyar', group: 'program', households: 280, sampled: 190, road: 0.52, electricity: 0.8, water: 0.5, incomeOffset: -0.12 },
	{ name: 'Cibodas', group: 'comparison', households: 260, sampled: 210, road: 0.55, electricity: 0.86, water: 0.6, incomeOffset: 0.04 },
	{ name: 'Sindangsari', group: 'comparison', households: 230, sampled: 190, road: 0.48, electricity: 0.83, water: 0.56, incomeOffset: -0.02 }
];

export const PROGRAM_DUSUN = DUSUN.filter((d) => d.group === 'program').map((d) => d.name);
export const COMPARISON_DUSUN = DUSUN.filter((d) => d.group === 'comparison').map((d) => d.name);

export function dusunByName(name: string): Dusun {
	const d = DUSUN.find((x) => x.name === name);
	if (!d) throw new Error(`unknown dusun ${name}`);
	return d;
}

/** Monitoring data run from the program's start to the data cut-off. */
export const DATA_START = dayOf(2023, 1, 1);
export const DATA_END = dayOf(2026, 6, 30);
/** The program's activities started in April 2023, after the baseline survey. */
export const PROGRAM_START = dayOf(2023, 4, 1);
/** Phase 2 (the comparison dusun) starts in 2026. */
export const PHASE2_START = dayOf(2026, 1, 1);

/** BPS rural poverty line, March 2025 (Rp per capita per month). */
export const POVERTY_LINE = 580_349;
