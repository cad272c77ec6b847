/**
 * village_index: the Indeks Desa Membangun (IDM) 2021-2025 of Tanjung Barat and the other
 * twelve desa of its (fictional) kecamatan, in the shape of the Kemendesa export, with the
 * contract's canonical column names plus the district columns.
 *
 * IKS, IKE and IKL are the social, economic and ecological indices (0-1); score is their
 * mean; status follows the IDM cut-offs; target_status is the next status up. Tanjung
 * Barat climbs from Berkembang to Maju in 2025.
 */
import { Rng, clamp, roundDigits } from './random';
import { VILLAGE } from './village';
import { text, int, double, type Row, type SampleTable } from './table';

const CUTOFFS: Array<[number, string]> = [
	[0.4907, 'Sangat Tertinggal'],
	[0.5989, 'Tertinggal'],
	[0.7072, 'Berkembang'],
	[0.8155, 'Maju']
];
const STATUSES = ['Sangat Tertinggal', 'Tertinggal', 'Berkembang', 'Maju', 'Mandiri'];

export function idmStatus(score: number): string {
	for (const [cut, status] of CUTOFFS) if (score <= cut) return status;
	return 'Mandiri';
}

export function nextStatus(status: string): string {
	const i = STATUSES.indexOf(status);
	return STATUSES[Math.min(i + 1, STATUSES.length - 1)];
}

/** [code suffix, name, IDM 2021, yearly gain]. Tanjung Barat's path is set, the others drawn around it. */
const VILLAGES: Array<[string, string, number, number]> = [
	['2001', 'SUKAMULYA', 0.792, 0.012],
	['2002', 'CIBEUREUM', 0.655, 0.011],
	['2003', 'MEKARWANGI', 0.598, 0.016],
	['2004', 'PASIRJAYA', 0.571, 0.009],
	['2005', 'TANJUNG BARAT', 0.612, 0.028],
	['2006', 'TANJUNG TIMUR', 0.637, 0.014],
	['2007', 'KARYASARI', 0.684, 0.015],
	['2008', 'SINDANGJAYA', 0.548, 0.018],
	['2009', 'GUNUNGSARI', 0.707, 0.01],
	['2010', 'BOJONGKONENG', 0.621, 0.006],
	['2011', 'CIPARIGI', 0.489, 0.017],
	['2012', 'JAYAMEKAR', 0.662, 0.02],
	['2013', 'NANGERANG', 0.531, 0.013]
];

/** Tanjung Barat, year by year: [iks, ike, ikl]. */
const TANJUNG_BARAT: Record<number, [number, number, number]> = {
	2021: [0.6514, 0.55, 0.6333],
	2022: [0.6743, 0.5667, 0.6667],
	2023: [0.6971, 0.5833, 0.6667],
	2024: [0.7314, 0.6333, 0.7],
	2025: [0.76, 0.6833, 0.7333]
};

export const VILLAGE_INDEX_COLUMNS = [
	text('village_code'),
	text('village_name'),
	int('year'),
	double('iks', 4),
	double('ike', 4),
	double('ikl', 4),
	double('score', 4),
	text('status'),
	text('target_status'),
	text('kode_kecamatan'),
	text('nama_kecamatan'),
	text('kode_kabupaten'),
	text('nama_kabupaten'),
	text('kode_provinsi'),
	text('nama_provinsi')
];

export function villageIndexTable(rng: Rng): SampleTable {
	const rows: Row[] = [];
	for (const [suffix, name, start, gain] of VILLAGES) {
		const code = `${VILLAGE.kecamatanCode}${suffix}`;
		// a village's dimensions differ: economic resilience is usually the weakest
		const socialTilt = rng.uniform(0.02, 0.09);
		const economicTilt = -rng.uniform(0.03, 0.1);
		let level = start;
		for (let year = 2021; year <= 2025; year++) {
			let dims: [number, number, number];
			if (code === VILLAGE.code) {
				dims = TANJUNG_BARAT[year];
			} else {
				if (year > 2021) level += gain + rng.normal(0, 0.008);
				const iks = clamp(level + socialTilt + rng.normal(0, 0.01), 0.3, 0.98);
				const ike = clamp(level + economicTilt + rng.normal(0, 0.015), 0.2, 0.95);
				const ikl = clamp(3 * level - iks - ike + rng.normal(0, 0.01), 0.2, 1);
				dims = [iks, ike, ikl];
			}
			const [iks, ike, ikl] = dims.map((x) => roundDigits(x, 4));
			const score = roundDigits((iks + ike + ikl) / 3, 4);
			const status = idmStatus(score);
			rows.push({
				village_code: code,
				village_name: name,
				year,
				iks,
				ike,
				ikl,
				score,
				status,
				target_status: nextStatus(status),
				kode_kecamatan: VILLAGE.kecamatanCode,
				nama_kecamatan: VILLAGE.kecamatanName,
				kode_kabupaten: VILLAGE.kabupatenCode,
				nama_kabupaten: VILLAGE.kabupatenName,
				kode_provinsi: VILLAGE.provinsiCode,
				nama_provinsi: VILLAGE.provinsiName
			});
		}
	}
	return { name: 'village_index', columns: VILLAGE_INDEX_COLUMNS, rows };
}
