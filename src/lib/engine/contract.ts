/**
 * The Pantau data contract, version 1 (../shared/spec/data-contract.md), as data.
 *
 * Every contract table lists its columns with a value kind, aliases and whether the
 * column is required for the table to be usable. Ingest uses it to rename aliases to
 * canonical names and to normalise values; indicators use it to know which columns
 * a table really has.
 */

/** How a column's text is read. */
export type ValueKind =
	| 'text'
	| 'integer'
	| 'double'
	| 'money'
	| 'date'
	| 'boolean'
	| 'sex'
	| 'owner_sex'
	| 'labour_status'
	| 'budget_category'
	| 'group'
	| 'year';

export interface ContractColumn {
	name: string;
	kind: ValueKind;
	required?: boolean;
	aliases?: string[];
	/**
	 * The amount this one is summed against in a ratio of sums (PAR-02, PAR-04, PAR-05: sum of
	 * one over sum of the other): a row missing this value still adds its paired amount, which
	 * a missing value's load warning says.
	 */
	paired?: string;
	/** Allowed values after normalisation (for text kinds); others are kept, with a warning. */
	values?: readonly string[];
	/** Lower bound (inclusive) for numbers; a row below it is rejected. */
	min?: number;
	/** Lower bound (exclusive) for numbers. */
	minExclusive?: number;
	/** Upper bound (inclusive). */
	max?: number;
	/** Default when the value is missing. */
	defaultValue?: string | number | boolean;
	/** A percentage: a value may end with `%` (`75%`, `75 %`), as spreadsheets export them. */
	percent?: boolean;
}

export interface ContractTable {
	name: ContractTableName;
	aliases: string[];
	/** One line on what a row is. */
	grain: string;
	columns: ContractColumn[];
	/** Columns that identify a row; duplicates are reported as warnings. */
	key?: string[];
	/**
	 * A spreadsheet's totals rows (JUMLAH BELANJA, SURPLUS/(DEFISIT)) are not rows of this
	 * table: a row whose text in one of `columns` begins with one of `words` (any case) is
	 * rejected, so that its amount is not counted twice. (SiLPA, the last year's surplus, is a
	 * line of its own in an APBDes: financing received.)
	 */
	totalsRows?: { columns: readonly string[]; words: readonly string[] };
}

export const CONTRACT_TABLE_NAMES = [
	'households',
	'people',
	'trainings',
	'enterprises',
	'loans',
	'health_services',
	'infrastructure',
	'meetings',
	'budget',
	'targets',
	'indicator_values',
	'village_index',
	'village_index_indicators'
] as const;
export type ContractTableName = (typeof CONTRACT_TABLE_NAMES)[number];

/**
 * The catalogue's indicator codes (indicators/catalogue.ts, which this module may not import;
 * a unit test keeps the two equal). A targets or indicator_values row with another code is
 * kept and warned about; `inc-01` is read as `INC-01`.
 */
export const INDICATOR_CODES: readonly string[] = [
	'INC-01', 'INC-02', 'INC-03', 'INC-04', 'INC-05', 'INC-06',
	'EMP-01', 'EMP-02', 'EMP-03', 'EMP-04', 'EMP-05',
	'WOM-01', 'WOM-02', 'WOM-03', 'WOM-04',
	'HLT-01', 'HLT-02', 'HLT-03', 'HLT-04', 'HLT-05',
	'INF-01', 'INF-02', 'INF-03', 'INF-04', 'INF-05', 'INF-06',
	'PAR-01', 'PAR-02', 'PAR-03', 'PAR-04', 'PAR-05',
	'VIL-01'
];

const req = (name: string, kind: ValueKind, aliases: string[] = [], extra: Partial<ContractColumn> = {}): ContractColumn => ({
	name,
	kind,
	required: true,
	aliases,
	...extra
});
const opt = (name: string, kind: ValueKind, aliases: string[] = [], extra: Partial<ContractColumn> = {}): ContractColumn => ({
	name,
	kind,
	aliases,
	...extra
});

export const CONTRACT: Record<ContractTableName, ContractTable> = {
	households: {
		name: 'households',
		aliases: ['rumah_tangga', 'ruta', 'rt_survey'],
		grain: 'one row per household per survey round',
		key: ['household_id', 'round'],
		columns: [
			req('household_id', 'text', ['id_rt', 'no_kk_hash']),
			req('round', 'text', ['putaran', 'survey_round']),
			req('survey_date', 'date', ['tanggal_survei']),
			req('dusun', 'text', ['hamlet']),
			opt('group', 'group', ['kelompok'], { defaultValue: 'program' }),
			opt('head_sex', 'sex', ['jk_kepala']),
			req('members', 'integer', ['jumlah_anggota', 'art'], { min: 1 }),
			req('income_month_idr', 'money', ['pendapatan_bulanan']),
			opt('electricity', 'boolean', ['listrik']),
			opt('water_improved', 'boolean', ['air_layak']),
			opt('road_2km', 'boolean', ['jalan_2km']),
			opt('weight', 'double', ['bobot'], { minExclusive: 0, defaultValue: 1 })
		]
	},
	people: {
		name: 'people',
		aliases: ['penduduk', 'anggota_rt', 'art'],
		grain: 'one row per person per survey round',
		key: ['person_id', 'round'],
		columns: [
			req('person_id', 'text', ['nik_hash', 'id_art']),
			req('household_id', 'text', ['id_rt']),
			req('round', 'text', ['putaran']),
			req('sex', 'sex', ['jenis_kelamin', 'jk']),
			req('age', 'integer', ['umur', 'usia'], { min: 0, max: 130 }),
			opt('labour_status', 'labour_status', ['status_kerja'], { values: ['employed', 'unemployed', 'inactive'] }),
			opt('health_checkup_12m', 'boolean', ['cek_kesehatan']),
			opt('jkn', 'boolean', ['bpjs']),
			opt('sick_days_30d', 'integer', ['hari_sakit'], { min: 0, max: 31 })
		]
	},
	trainings: {
		name: 'trainings',
		aliases: ['pelatihan'],
		grain: 'one row per participant per course',
		key: ['participant_id', 'course', 'start_date'],
		columns: [
			req('participant_id', 'text', ['id_peserta']),
			req('sex', 'sex', ['jenis_kelamin', 'jk']),
			opt('age', 'integer', ['umur', 'usia'], { min: 0, max: 130 }),
			req('course', 'text', ['kursus']),
			req('start_date', 'date', ['tanggal_mulai']),
			opt('end_date', 'date', ['tanggal_selesai']),
			req('completed', 'boolean', ['selesai', 'lulus']),
			opt('followup_date', 'date', ['tanggal_tindak_lanjut']),
			opt('working_at_followup', 'boolean', ['bekerja_saat_tindak_lanjut']),
			opt('dusun', 'text', ['hamlet'])
		]
	},
	enterprises: {
		name: 'enterprises',
		aliases: ['usaha', 'umkm'],
		grain: 'one row per enterprise per monthly report',
		key: ['enterprise_id', 'report_date'],
		columns: [
			req('enterprise_id', 'text', ['id_usaha']),
			req('report_date', 'date', ['tanggal_laporan']),
			req('owner_sex', 'owner_sex', ['jk_pemilik'], { values: ['F', 'M', 'joint'] }),
			req('sector', 'text', ['sektor']),
			opt('revenue_month_idr', 'money', ['omzet_bulanan', 'omzet']),
			opt('workers', 'integer', ['tenaga_kerja', 'pekerja'], { min: 0 }),
			opt('women_workers', 'integer', ['pekerja_perempuan'], { min: 0 }),
			opt('manager_sex', 'sex', ['jk_pengelola']),
			opt('sells_online', 'boolean', ['jual_daring']),
			opt('registered', 'boolean', ['terdaftar']),
			opt('dusun', 'text', ['hamlet'])
		]
	},
	loans: {
		name: 'loans',
		aliases: ['pinjaman', 'kredit'],
		grain: 'one row per loan per monthly snapshot',
		key: ['loan_id', 'report_date'],
		columns: [
			req('loan_id', 'text', ['id_pinjaman']),
			req('borrower_id', 'text', ['id_peminjam']),
			req('borrower_sex', 'sex', ['jk_peminjam']),
			opt('enterprise_id', 'text', ['id_usaha']),
			req('disbursed_date', 'date', ['tanggal_pencairan']),
			req('amount_idr', 'money', ['jumlah_pinjaman', 'plafon']),
			req('report_date', 'date', ['tanggal_laporan']),
			req('outstanding_idr', 'money', ['sisa_pinjaman', 'outstanding']),
			req('days_past_due', 'integer', ['hari_tunggakan', 'dpd'], { min: 0 }),
			opt('status', 'text', ['status_pinjaman'], { values: ['active', 'repaid', 'written_off'] })
		]
	},
	health_services: {
		name: 'health_services',
		aliases: ['layanan_kesehatan', 'posyandu'],
		grain: 'one row per service given',
		key: ['service_id'],
		columns: [
			req('service_id', 'text', ['id_layanan']),
			req('date', 'date', ['tanggal']),
			opt('person_id', 'text', ['nik_hash', 'id_art']),
			req('sex', 'sex', ['jenis_kelamin', 'jk']),
			req('age', 'double', ['umur', 'usia'], { min: 0, max: 130 }),
			req('service', 'text', ['layanan', 'jenis_layanan'], {
				values: ['checkup', 'immunization', 'antenatal', 'health_education', 'growth_monitoring']
			}),
			opt('haz', 'double', ['zscore_tb_u'], { min: -10, max: 10 }),
			opt('dusun', 'text', ['hamlet'])
		]
	},
	infrastructure: {
		name: 'infrastructure',
		aliases: ['infrastruktur'],
		grain: 'one row per project per report',
		key: ['project_id', 'report_date'],
		columns: [
			req('project_id', 'text', ['id_proyek']),
			req('report_date', 'date', ['tanggal_laporan']),
			req('type', 'text', ['jenis'], { values: ['road', 'electricity', 'water', 'sanitation', 'public_facility', 'market'] }),
			req('name', 'text', ['nama']),
			opt('dusun', 'text', ['hamlet']),
			req('status', 'text', ['status_proyek'], { values: ['planned', 'in_progress', 'completed'] }),
			opt('start_date', 'date', ['tanggal_mulai']),
			opt('completion_date', 'date', ['tanggal_selesai']),
			opt('quantity', 'double', ['volume']),
			opt('unit', 'text', ['satuan']),
			opt('progress_pct', 'double', ['progres', 'kemajuan'], { min: 0, max: 100, percent: true }),
			opt('budget_idr', 'money', ['anggaran']),
			opt('spent_idr', 'money', ['realisasi']),
			opt('households_served', 'integer', ['rt_terlayani', 'kk_terlayani'], { min: 0 })
		]
	},
	meetings: {
		name: 'meetings',
		aliases: ['musyawarah', 'rapat'],
		grain: 'one row per meeting',
		key: ['meeting_id'],
		columns: [
			req('meeting_id', 'text', ['id_rapat']),
			req('date', 'date', ['tanggal']),
			req('level', 'text', ['tingkat'], { values: ['desa', 'dusun'] }),
			opt('type', 'text', ['jenis']),
			req('attendees', 'integer', ['peserta', 'jumlah_hadir'], { min: 0, paired: 'women_attendees' }),
			req('women_attendees', 'integer', ['peserta_perempuan', 'hadir_perempuan'], { min: 0, paired: 'attendees' }),
			opt('proposals', 'integer', ['usulan'], { min: 0 }),
			opt('proposals_adopted', 'integer', ['usulan_diterima'], { min: 0 })
		]
	},
	budget: {
		name: 'budget',
		aliases: ['apbdes', 'anggaran'],
		grain: 'one row per budget line per year (APBDes)',
		totalsRows: {
			columns: ['account_code', 'category', 'field', 'activity'],
			words: ['jumlah', 'total', 'subtotal', 'sub total', 'sub-total', 'grand total', 'surplus', 'defisit', 'pembiayaan neto', 'pembiayaan netto']
		},
		columns: [
			req('year', 'year', ['tahun']),
			opt('account_code', 'text', ['kode_rekening', 'kode_akun']),
			req('category', 'budget_category', ['kategori'], {
				values: ['revenue', 'expenditure', 'financing_in', 'financing_out']
			}),
			opt('field', 'text', ['bidang']),
			opt('activity', 'text', ['kegiatan']),
			opt('source', 'text', ['sumber_dana'], { values: ['dana_desa', 'add', 'pades', 'other'] }),
			req('budget_idr', 'money', ['anggaran'], { paired: 'realized_idr' }),
			req('realized_idr', 'money', ['realisasi'], { paired: 'budget_idr' })
		]
	},
	targets: {
		name: 'targets',
		aliases: ['target'],
		grain: 'one row per indicator target',
		columns: [
			req('indicator', 'text', ['indikator', 'kode_indikator'], { values: INDICATOR_CODES }),
			req('period', 'text', ['periode']),
			req('target', 'double', ['nilai_target']),
			opt('baseline', 'double', ['nilai_dasar']),
			opt('dusun', 'text', ['hamlet']),
			opt('sex', 'sex', ['jenis_kelamin', 'jk'])
		]
	},
	indicator_values: {
		name: 'indicator_values',
		aliases: ['nilai_indikator'],
		grain: 'already-aggregated indicator values',
		columns: [
			req('indicator', 'text', ['indikator', 'kode_indikator'], { values: INDICATOR_CODES }),
			req('period', 'text', ['periode']),
			req('value', 'double', ['nilai']),
			opt('numerator', 'double', ['pembilang']),
			opt('denominator', 'double', ['penyebut']),
			opt('dusun', 'text', ['hamlet']),
			opt('sex', 'sex', ['jenis_kelamin', 'jk'])
		]
	},
	village_index: {
		name: 'village_index',
		aliases: ['idm', 'indeks_desa'],
		grain: 'a village development index per village per year',
		key: ['village_code', 'year'],
		columns: [
			req('village_code', 'text', ['kode_desa']),
			opt('village_name', 'text', ['nama_desa']),
			req('year', 'year', ['tahun']),
			// The IDM's three composite indices, as Kemendesa's tables spell them out.
			opt('iks', 'double', ['indeks_ketahanan_sosial', 'ketahanan_sosial']),
			opt('ike', 'double', ['indeks_ketahanan_ekonomi', 'ketahanan_ekonomi']),
			opt('ikl', 'double', ['indeks_ketahanan_lingkungan', 'ketahanan_lingkungan']),
			req('score', 'double', ['nilai_idm']),
			opt('status', 'text', ['status_idm'], {
				values: ['Sangat Tertinggal', 'Tertinggal', 'Berkembang', 'Maju', 'Mandiri']
			}),
			opt('target_status', 'text')
		]
	},
	village_index_indicators: {
		name: 'village_index_indicators',
		aliases: ['idm_indikator'],
		grain: "the index's indicator scores per village per year",
		key: ['village_code', 'year', 'dimension', 'indicator_no'],
		columns: [
			req('village_code', 'text', ['kode_desa']),
			req('year', 'year', ['tahun']),
			opt('dimension', 'text', ['dimensi']),
			opt('indicator_no', 'integer', ['no_indikator']),
			req('indicator', 'text', ['indikator']),
			req('score', 'integer', ['skor'], { min: 0, max: 5 }),
			opt('note', 'text', ['keterangan']),
			opt('recommended_activity', 'text', ['kegiatan_rekomendasi']),
			opt('added_value', 'double', ['nilai_tambah'])
		]
	}
};

/**
 * Canonical column names are matched case-insensitively after trimming. Invisible characters
 * a spreadsheet can leave in a header (zero-width spaces and joiners, a stray BOM) are dropped.
 */
export function normaliseColumnName(name: string): string {
	return name
		.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
		.trim()
		.toLowerCase()
		.replace(/\s+/g, '_');
}

/**
 * A file's stem as a table name: lower-cased, non-alphanumerics as `_`.
 * `Rumah Tangga 2025.csv` -> `rumah_tangga_2025`.
 */
export function tableNameFromFile(fileName: string): string {
	const base = fileName.split(/[\\/]/).pop() ?? fileName;
	const stem = base.replace(/\.(csv|tsv|txt|parquet)(\.gz)?$/i, '').replace(/\.gz$/i, '');
	const name = stem
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	if (!name) return 'table';
	return /^[0-9]/.test(name) ? `t_${name}` : name;
}

/** Map of a file's columns onto a contract table's canonical columns. */
export interface ColumnMatch {
	/** canonical name -> the file's column name */
	mapped: Map<string, string>;
	/** required canonical columns the file lacks */
	missingRequired: string[];
}

export function matchColumns(table: ContractTable, fileColumns: string[]): ColumnMatch {
	const byNorm = new Map<string, string>();
	for (const c of fileColumns) {
		const n = normaliseColumnName(c);
		if (!byNorm.has(n)) byNorm.set(n, c);
	}
	// A survey form's group path (KoboToolbox: `grp_rumah/dusun`) names its question last; a
	// question name two groups share is left to the mapping dialog.
	const inner = fileColumns.map((c) => (c.includes('/') ? normaliseColumnName(c.slice(c.lastIndexOf('/') + 1)) : ''));
	inner.forEach((n, i) => {
		if (n && !byNorm.has(n) && inner.indexOf(n) === inner.lastIndexOf(n)) byNorm.set(n, fileColumns[i]);
	});
	const mapped = new Map<string, string>();
	const used = new Set<string>();
	for (const col of table.columns) {
		for (const candidate of [col.name, ...(col.aliases ?? [])]) {
			const hit = byNorm.get(candidate);
			if (hit !== undefined && !used.has(hit)) {
				mapped.set(col.name, hit);
				used.add(hit);
				break;
			}
		}
	}
	const missingRequired = table.columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
	return { mapped, missingRequired };
}

export interface AssignmentResult {
	table: ContractTableName | null;
	/** How it was chosen: by the file's name, by its columns, or none. */
	by: 'name' | 'columns' | 'user' | null;
	/** When none or several fit: a human hint. */
	candidates: ContractTableName[];
}

/** Assign a table to a contract table: by stem (name or alias), else by required columns. */
export function assignContractTable(tableName: string, columns: string[]): AssignmentResult {
	const stem = normaliseColumnName(tableName);
	for (const t of CONTRACT_TABLE_NAMES) {
		const def = CONTRACT[t];
		if (stem === def.name || def.aliases.includes(stem)) {
			return { table: t, by: 'name', candidates: [t] };
		}
	}
	const fits = CONTRACT_TABLE_NAMES.filter((t) => matchColumns(CONTRACT[t], columns).missingRequired.length === 0);
	if (fits.length === 1) return { table: fits[0], by: 'columns', candidates: fits };
	if (fits.length > 1) return { table: null, by: null, candidates: fits };
	// Suggest the tables whose required columns the file has most of (a survey export with its
	// round and dusun is households, not targets, which only shares an optional dusun), then
	// those it shares most columns with.
	const scored = CONTRACT_TABLE_NAMES.map((t) => {
		const m = matchColumns(CONTRACT[t], columns);
		const required = CONTRACT[t].columns.filter((c) => c.required).length;
		return { t, found: required - m.missingRequired.length, hits: m.mapped.size };
	})
		.filter((s) => s.hits > 0)
		.sort((a, b) => b.found - a.found || b.hits - a.hits);
	const best = scored[0];
	return { table: null, by: null, candidates: best ? scored.filter((s) => s.found === best.found && s.hits === best.hits).map((s) => s.t) : [] };
}

/** IDM status from a score, by the Kemendesa cut-offs. */
export const IDM_CUTOFFS: Array<[number, string]> = [
	[0.4907, 'Sangat Tertinggal'],
	[0.5989, 'Tertinggal'],
	[0.7072, 'Berkembang'],
	[0.8155, 'Maju']
];
export const IDM_TOP_STATUS = 'Mandiri';
