/**
 * Column mapping: which of a file's columns holds each column of a contract table, and why
 * we think so. Pure functions (no engine), used by the mapping dialog on /data, by ingest to
 * suggest a contract table for a file that fits none by alias, and to reuse a mapping saved
 * for a file with the same header.
 *
 * A suggestion scores a file column against a contract column by its name (the canonical
 * name, a contract alias, or a similar name: shared words, Indonesian and English words of
 * the same meaning, abbreviations such as `jml` for `jumlah`, small misspellings) and by its
 * values (dates for a date column, yes/no for a boolean, ...). The best guess takes the best
 * pairs first and never assigns one file column twice.
 */
import { CONTRACT, CONTRACT_TABLE_NAMES, type ContractColumn, type ContractTableName, type ValueKind } from './contract';
import { BOOLEAN_WORDS, CATEGORY_WORDS, GROUP_WORDS, LABOUR_WORDS, MISSING_TOKENS, SEX_WORDS } from './normalise';

/** A file's column as the mapping sees it: its name, its type when the file says, some values. */
export interface FileColumn {
	name: string;
	/** DuckDB type of the source column (`VARCHAR` for every CSV column, real types for Parquet). */
	type?: string;
	/** A few of its values as text (missing-value codes are ignored). */
	samples?: string[];
}

/** What a column's values look like. */
export type ValueShape = 'date' | 'year' | 'boolean' | 'sex' | 'group' | 'integer' | 'number' | 'text';

/** Why a file column is suggested for a contract column. */
export type MatchReason =
	| { kind: 'name' }
	| { kind: 'alias'; alias: string }
	| { kind: 'similar'; to: string; similarity: number }
	| { kind: 'type'; shape: ValueShape };

/** How well a column's values fit a contract column's kind. */
export type TypeFit = 'good' | 'neutral' | 'poor';

export interface Suggestion {
	/** The file's column. */
	column: string;
	score: number;
	/** Name score alone (0 when the name says nothing). */
	nameScore: number;
	typeFit: TypeFit;
	/** Name reason first (when any), then the type reason (when the values fit). */
	reasons: MatchReason[];
}

export interface ColumnProposal {
	column: ContractColumn;
	/** Ranked, best first. */
	suggestions: Suggestion[];
	/** The file column chosen, or null for none. */
	selected: string | null;
	/** Where the choice came from: the current mapping, the best guess, or nothing. */
	source: 'current' | 'guess' | null;
}

export interface MappingProposal {
	table: ContractTableName;
	/** Required columns first, each group in contract order. */
	columns: ColumnProposal[];
	/** Canonical column -> file column, for the columns with a choice. */
	mapping: Record<string, string>;
	missingRequired: string[];
}

// ------------------------------------------------------------------ names

/** Words of one meaning, in English and Indonesian, with common abbreviations. One word per entry. */
const SYNONYMS: string[][] = [
	['id', 'kode', 'code', 'no', 'nomor', 'nomer', 'num', 'number', 'nr', 'kd', 'key'],
	['household', 'hh', 'rt', 'ruta', 'rumahtangga', 'keluarga', 'family'],
	['head', 'kepala', 'kk', 'krt'],
	['person', 'individu', 'orang', 'individual', 'nik'],
	['round', 'putaran', 'gelombang', 'wave', 'ronde', 'tahap', 'phase'],
	['date', 'tanggal', 'tgl', 'tg', 'dt', 'waktu', 'time'],
	['survey', 'survei', 'pendataan', 'sensus', 'wawancara', 'interview'],
	['dusun', 'hamlet', 'dukuh', 'kampung', 'banjar', 'lingkungan'],
	['group', 'kelompok', 'grup', 'arm'],
	['sex', 'gender', 'jk', 'kelamin', 'jeniskelamin', 'gndr'],
	['members', 'member', 'anggota', 'art', 'size'],
	['count', 'jumlah', 'jml', 'total', 'banyak', 'sum', 'n'],
	['income', 'pendapatan', 'penghasilan', 'pemasukan', 'pendptn', 'earnings'],
	['month', 'monthly', 'bulan', 'bulanan', 'bln', 'bl'],
	['idr', 'rp', 'rupiah'],
	['electricity', 'listrik', 'pln', 'electric', 'power', 'elektrik'],
	['water', 'air'],
	['improved', 'layak', 'bersih', 'safe', 'aman'],
	['road', 'jalan', 'jln', 'street'],
	['weight', 'bobot', 'wt', 'weights', 'penimbang', 'pembobot'],
	['age', 'umur', 'usia'],
	['year', 'tahun', 'thn', 'th', 'yr'],
	['labour', 'labor', 'kerja', 'pekerjaan', 'employment'],
	['status', 'keadaan', 'kondisi', 'stat'],
	['health', 'kesehatan', 'sehat'],
	['checkup', 'cek', 'periksa', 'pemeriksaan', 'check'],
	['jkn', 'bpjs', 'kis', 'asuransi', 'insurance'],
	['sick', 'sakit', 'ill'],
	['days', 'day', 'hari'],
	['participant', 'peserta', 'participants'],
	['course', 'kursus', 'pelatihan', 'training', 'kelas'],
	['start', 'mulai', 'awal', 'begin'],
	['end', 'akhir', 'finish'],
	['completed', 'selesai', 'lulus', 'tamat', 'complete', 'finished'],
	['followup', 'tindaklanjut', 'lanjutan'],
	['working', 'bekerja', 'employed'],
	['enterprise', 'usaha', 'umkm', 'umk', 'bisnis', 'business'],
	['report', 'laporan', 'lap'],
	['owner', 'pemilik'],
	['sector', 'sektor', 'bidang'],
	['revenue', 'omzet', 'omset', 'penjualan', 'sales', 'turnover'],
	['workers', 'worker', 'pekerja', 'karyawan', 'employees', 'staff', 'tenaga'],
	['women', 'woman', 'perempuan', 'wanita', 'female'],
	['manager', 'pengelola', 'manajer'],
	['online', 'daring'],
	['registered', 'terdaftar', 'nib', 'izin', 'registration'],
	['loan', 'pinjaman', 'kredit', 'credit'],
	['borrower', 'peminjam', 'debitur', 'nasabah'],
	['disbursed', 'pencairan', 'cair', 'disbursement'],
	['amount', 'nilai', 'plafon', 'nominal'],
	['outstanding', 'sisa', 'saldo', 'baki'],
	['due', 'tunggakan', 'menunggak', 'overdue', 'dpd', 'late'],
	['service', 'layanan', 'pelayanan', 'services'],
	['project', 'proyek', 'projek'],
	['type', 'jenis', 'tipe', 'kind'],
	['name', 'nama', 'nm'],
	['quantity', 'volume', 'qty', 'kuantitas'],
	['unit', 'satuan'],
	['progress', 'progres', 'kemajuan', 'capaian'],
	['pct', 'persen', 'percent', 'persentase'],
	['budget', 'anggaran', 'pagu'],
	['spent', 'realisasi', 'realized', 'terpakai', 'serapan', 'realisation', 'realization'],
	['served', 'terlayani', 'penerima', 'beneficiaries'],
	['meeting', 'rapat', 'musyawarah', 'pertemuan'],
	['attendees', 'hadir', 'kehadiran', 'attendance'],
	['level', 'tingkat', 'tingkatan'],
	['proposals', 'usulan', 'proposal'],
	['adopted', 'diterima', 'disetujui', 'accepted', 'approved'],
	['category', 'kategori'],
	['activity', 'kegiatan', 'aktivitas'],
	['source', 'sumber', 'dana'],
	['account', 'rekening', 'akun'],
	['indicator', 'indikator'],
	['period', 'periode'],
	['target', 'sasaran'],
	['baseline', 'dasar'],
	['value', 'nilai'],
	['numerator', 'pembilang'],
	['denominator', 'penyebut'],
	['village', 'desa', 'kelurahan'],
	['score', 'skor'],
	['dimension', 'dimensi'],
	['note', 'keterangan', 'catatan', 'ket'],
	['recommended', 'rekomendasi'],
	['added', 'tambah']
];

const GROUPS_OF = new Map<string, number[]>();
SYNONYMS.forEach((words, i) => {
	for (const w of words) GROUPS_OF.set(w, [...(GROUPS_OF.get(w) ?? []), i]);
});

/** A name's words: accents dropped, camelCase split, lower case, non-alphanumerics as separators. */
export function nameTokens(name: string): string[] {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

/** A name reduced to its words joined by `_` (`Kode RT` -> `kode_rt`, `jumlahAnggota` -> `jumlah_anggota`). */
export function normaliseName(name: string): string {
	return nameTokens(name).join('_');
}

/**
 * A file header's signature: its normalised column names, in order. Files with the same
 * signature get the same saved mapping.
 */
export function headerSignature(columns: readonly string[]): string {
	return columns.map(normaliseName).join('|');
}

function isSubsequence(short: string, long: string): boolean {
	let j = 0;
	for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
	return j === short.length;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
	if (a === b) return 0;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		prev = cur;
	}
	return prev[b.length];
}

/** Whether `short` abbreviates `long`: same first letter, at least 3 letters, in order (`jml` / `jumlah`). */
function abbreviates(short: string, long: string): boolean {
	return short.length >= 3 && short.length < long.length && short[0] === long[0] && isSubsequence(short, long);
}

/** How alike two words are, 0..1. */
export function wordSimilarity(a: string, b: string): number {
	if (a === b) return 1;
	const ga = GROUPS_OF.get(a);
	const gb = GROUPS_OF.get(b);
	if (ga && gb && ga.some((g) => gb.includes(g))) return 0.95;
	const [s, l] = a.length <= b.length ? [a, b] : [b, a];
	if (s.length >= 3 && l.startsWith(s)) return 0.85;
	// A misspelling (a letter or two off) or an abbreviation, whichever is closer.
	const typo = s.length >= 4 ? 1 - editDistance(a, b) / l.length : 0;
	const spelled = Math.max(typo >= 0.75 ? typo * 0.9 : 0, abbreviates(s, l) ? 0.75 : 0);
	if (spelled > 0) return spelled;
	// An abbreviation of a word of the same meaning (`pndptn` / income, via pendapatan); at least
	// 4 letters, since 3 letters in order are found in too many long words.
	for (const [x, y] of [
		[a, gb],
		[b, ga]
	] as const) {
		if (!y || x.length < 4) continue;
		for (const g of y) if (SYNONYMS[g].some((w) => abbreviates(x, w))) return 0.7;
	}
	return 0;
}

/** How alike two names are, 0..1: each word's best match in the other name, both ways (Dice-like). */
export function nameSimilarity(a: string, b: string): number {
	const ta = nameTokens(a);
	const tb = nameTokens(b);
	if (ta.length === 0 || tb.length === 0) return 0;
	if (ta.join('') === tb.join('')) return 1;
	const best = (x: string, ys: string[]) => Math.max(...ys.map((y) => wordSimilarity(x, y)));
	const sum = ta.reduce((s, x) => s + best(x, tb), 0) + tb.reduce((s, y) => s + best(y, ta), 0);
	return sum / (ta.length + tb.length);
}

const ALIAS_SCORE = 0.95;
const SIMILAR_WEIGHT = 0.85;
const SIMILAR_MIN = 0.5;

/** How well a file column's name fits a contract column, and why. */
export function nameMatch(col: ContractColumn, fileColumn: string): { score: number; reason: MatchReason | null } {
	// A survey form's group path (KoboToolbox: `grp_rumah/dusun`): the question's own name counts, a little less.
	const slash = fileColumn.lastIndexOf('/');
	if (slash >= 0 && slash < fileColumn.length - 1) {
		const inner = nameMatch(col, fileColumn.slice(slash + 1));
		const outer = nameMatchOf(col, fileColumn);
		return inner.reason && inner.reason.kind !== 'similar' && inner.score * 0.98 > outer.score ? { score: inner.score * 0.98, reason: inner.reason } : outer;
	}
	return nameMatchOf(col, fileColumn);
}

function nameMatchOf(col: ContractColumn, fileColumn: string): { score: number; reason: MatchReason | null } {
	const compact = nameTokens(fileColumn).join('');
	if (compact === nameTokens(col.name).join('')) return { score: 1, reason: { kind: 'name' } };
	for (const alias of col.aliases ?? []) {
		if (compact === nameTokens(alias).join('')) return { score: ALIAS_SCORE, reason: { kind: 'alias', alias } };
	}
	let best: { score: number; reason: MatchReason | null } = { score: 0, reason: null };
	for (const n of [col.name, ...(col.aliases ?? [])]) {
		const sim = nameSimilarity(fileColumn, n);
		if (sim >= SIMILAR_MIN && sim * SIMILAR_WEIGHT > best.score) {
			best = { score: sim * SIMILAR_WEIGHT, reason: { kind: 'similar', to: n, similarity: Math.round(sim * 100) / 100 } };
		}
	}
	return best;
}

// ------------------------------------------------------------------ values

const MISSING = new Set(MISSING_TOKENS);
const words = (table: Record<string, string[]>) => new Set(Object.values(table).flat());
const BOOLEAN_SET = words(BOOLEAN_WORDS);
const SEX_SET = words(SEX_WORDS);
const OWNER_SEX_SET = new Set([...SEX_SET, 'joint', 'bersama', 'j']);
const GROUP_SET = words(GROUP_WORDS);
const LABOUR_SET = words(LABOUR_WORDS);
const CATEGORY_SET = words(CATEGORY_WORDS);

const DATE_RE = /^(\d{4}-\d{1,2}-\d{1,2}([T ]\d{2}:\d{2}.*)?|\d{1,2}[/-]\d{1,2}[/-]\d{4})$/;
const INTEGER_RE = /^-?\d+$/;
const YEAR_RE = /^(19|20)\d{2}$/;
/** Plain decimals with either mark, and Rupiah amounts grouped either way (`Rp 1.500.000,50`). */
function isNumberText(v: string): boolean {
	const s = v
		.replace(/^(rp\.?|idr)/i, '')
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(/(\d)[,.]-$/, '$1');
	return /^-?\d+([.,]\d+)?$/.test(s) || /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s);
}

/** The values that count: trimmed, without missing-value codes. */
function present(samples: readonly string[] | undefined): string[] {
	return (samples ?? []).map((s) => s.trim()).filter((s) => !MISSING.has(s.toLowerCase()));
}

const all = (xs: string[], p: (x: string) => boolean) => xs.length > 0 && xs.every(p);

function typeClass(type: string | undefined): 'date' | 'boolean' | 'integer' | 'number' | 'text' | null {
	if (!type) return null;
	const t = type.toUpperCase();
	if (/^(DATE|TIMESTAMP)/.test(t)) return 'date';
	if (t === 'BOOLEAN') return 'boolean';
	if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'integer';
	if (/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'number';
	if (/^VARCHAR/.test(t)) return 'text';
	return null;
}

/** What a column's values look like (the most specific shape all of them share); null with no values. */
export function valueShape(col: FileColumn): ValueShape | null {
	const tc = typeClass(col.type);
	const xs = present(col.samples);
	if (tc === 'date' || tc === 'boolean') return tc;
	if (xs.length === 0) return tc === 'integer' || tc === 'number' ? tc : null;
	const lower = xs.map((x) => x.toLowerCase());
	if (all(xs, (x) => DATE_RE.test(x))) return 'date';
	if (all(xs, (x) => YEAR_RE.test(x)) && tc !== 'number') return 'year';
	if (all(lower, (x) => BOOLEAN_SET.has(x))) return 'boolean';
	if (all(lower, (x) => SEX_SET.has(x))) return 'sex';
	if (all(lower, (x) => GROUP_SET.has(x))) return 'group';
	if (all(xs, (x) => INTEGER_RE.test(x))) return tc === 'number' ? 'number' : 'integer';
	if (all(xs, isNumberText)) return 'number';
	return 'text';
}

/** How well a column's values fit a contract column's kind. Without values, `neutral`. */
export function typeFit(kind: ValueKind, col: FileColumn): TypeFit {
	const tc = typeClass(col.type);
	const xs = present(col.samples);
	const lower = xs.map((x) => x.toLowerCase());
	const known = xs.length > 0 || (tc !== null && tc !== 'text');
	if (!known) return 'neutral';
	const ok = (p: (x: string) => boolean) => (xs.length > 0 ? lower.every(p) : false);
	switch (kind) {
		case 'date':
			return tc === 'date' || ok((x) => DATE_RE.test(x)) ? 'good' : 'poor';
		case 'year':
			if (ok((x) => YEAR_RE.test(x))) return 'good';
			return tc === 'integer' || ok((x) => INTEGER_RE.test(x)) ? 'neutral' : 'poor';
		case 'integer':
			if (tc === 'integer' || ok((x) => INTEGER_RE.test(x))) return 'good';
			return tc === 'number' || ok(isNumberText) ? 'neutral' : 'poor';
		case 'double':
		case 'money':
			return tc === 'integer' || tc === 'number' || ok(isNumberText) ? 'good' : 'poor';
		case 'boolean':
			return tc === 'boolean' || ok((x) => BOOLEAN_SET.has(x)) ? 'good' : 'poor';
		case 'sex':
			return ok((x) => SEX_SET.has(x)) ? 'good' : 'poor';
		case 'owner_sex':
			return ok((x) => OWNER_SEX_SET.has(x)) ? 'good' : 'poor';
		case 'group':
			return ok((x) => GROUP_SET.has(x)) ? 'good' : 'poor';
		case 'labour_status':
			return ok((x) => LABOUR_SET.has(x)) ? 'good' : 'poor';
		case 'budget_category':
			return ok((x) => CATEGORY_SET.has(x)) ? 'good' : 'poor';
		case 'text':
			// Identifiers and names are text; a column of only dates or yes/no rarely is.
			return tc === 'date' || tc === 'boolean' || (xs.length > 0 && (ok((x) => DATE_RE.test(x)) || ok((x) => BOOLEAN_SET.has(x)))) ? 'poor' : 'neutral';
	}
}

// ------------------------------------------------------------------ suggestions

const FIT_BONUS: Record<TypeFit, number> = { good: 0.1, neutral: 0, poor: -0.4 };
/** Score of a column suggested by its values alone. */
const TYPE_ONLY = 0.2;
/** Least score to be listed as a suggestion. */
const LIST_MIN = 0.2;
/** Least name score and total score to be taken as the best guess. */
const GUESS_NAME_MIN = 0.45;
const GUESS_MIN = 0.4;
const LIST_MAX = 5;

/** One file column scored against one contract column. */
export function scoreColumn(col: ContractColumn, file: FileColumn): Suggestion {
	const name = nameMatch(col, file.name);
	const fit = typeFit(col.kind, file);
	const shape = valueShape(file);
	const reasons: MatchReason[] = [];
	if (name.reason) reasons.push(name.reason);
	if (fit === 'good' && shape) reasons.push({ kind: 'type', shape });
	const score = name.score > 0 ? Math.max(0, name.score + FIT_BONUS[fit]) : fit === 'good' ? TYPE_ONLY : 0;
	return { column: file.name, score: Math.round(score * 1000) / 1000, nameScore: name.score, typeFit: fit, reasons };
}

/** Ranked suggestions for one contract column. */
export function suggestionsFor(col: ContractColumn, files: readonly FileColumn[]): Suggestion[] {
	return files
		.map((f, i) => ({ s: scoreColumn(col, f), i }))
		.filter((x) => x.s.score >= LIST_MIN)
		.sort((a, b) => b.s.score - a.s.score || a.i - b.i)
		.slice(0, LIST_MAX)
		.map((x) => x.s);
}

/** Contract columns with the required ones first, each group in contract order. */
export function orderedColumns(table: ContractTableName): ContractColumn[] {
	const cols = CONTRACT[table].columns;
	return [...cols.filter((c) => c.required), ...cols.filter((c) => !c.required)];
}

/**
 * The mapping to propose for a file and a contract table. `current` (canonical -> file
 * column; `''` for "none") is kept where it names a column of the file; the other contract
 * columns get the best guess, best pairs first, never a file column twice.
 */
export function proposeMapping(
	table: ContractTableName,
	files: readonly FileColumn[],
	current: Readonly<Record<string, string>> = {}
): MappingProposal {
	const cols = orderedColumns(table);
	const names = new Set(files.map((f) => f.name));
	const selected = new Map<string, { file: string | null; source: 'current' | 'guess' }>();
	const used = new Set<string>();
	for (const c of cols) {
		const v = current[c.name];
		if (v === '') selected.set(c.name, { file: null, source: 'current' });
		else if (v !== undefined && names.has(v) && !used.has(v)) {
			selected.set(c.name, { file: v, source: 'current' });
			used.add(v);
		}
	}
	const scoredCols = cols.map((c) => ({ c, scored: files.map((f) => scoreColumn(c, f)) }));
	const pairs = scoredCols
		.flatMap(({ c, scored }, ci) =>
			scored.map((s, fi) => ({ c: c.name, required: c.required === true, ci, fi, s })).filter((p) => p.s.nameScore >= GUESS_NAME_MIN && p.s.score >= GUESS_MIN)
		)
		.sort((a, b) => b.s.score - a.s.score || Number(b.required) - Number(a.required) || a.ci - b.ci || a.fi - b.fi);
	for (const p of pairs) {
		if (selected.has(p.c) || used.has(p.s.column)) continue;
		selected.set(p.c, { file: p.s.column, source: 'guess' });
		used.add(p.s.column);
	}
	const columns: ColumnProposal[] = scoredCols.map(({ c }) => {
		const sel = selected.get(c.name);
		return { column: c, suggestions: suggestionsFor(c, files), selected: sel?.file ?? null, source: sel?.file ? sel.source : sel ? 'current' : null };
	});
	const mapping: Record<string, string> = {};
	for (const p of columns) if (p.selected) mapping[p.column.name] = p.selected;
	return { table, columns, mapping, missingRequired: columns.filter((p) => p.column.required && !p.selected).map((p) => p.column.name) };
}

/** What stops a mapping from being applied: required columns without a file column, file columns chosen twice. */
export function checkMapping(
	table: ContractTableName,
	mapping: Readonly<Record<string, string>>
): { missingRequired: string[]; duplicates: Array<{ file: string; columns: string[] }> } {
	const cols = orderedColumns(table);
	const missingRequired = cols.filter((c) => c.required && !mapping[c.name]).map((c) => c.name);
	const byFile = new Map<string, string[]>();
	for (const c of cols) {
		const f = mapping[c.name];
		if (f) byFile.set(f, [...(byFile.get(f) ?? []), c.name]);
	}
	const duplicates = [...byFile].filter(([, cs]) => cs.length > 1).map(([file, columns]) => ({ file, columns }));
	return { missingRequired, duplicates };
}

export interface TableFit {
	table: ContractTableName;
	required: number;
	/** Required columns the best guess finds. */
	requiredFound: number;
	/** All columns the best guess finds. */
	found: number;
}

/** Contract tables ranked by how much of them the best guess finds in the file: all required columns first. */
export function rankContractTables(files: readonly FileColumn[]): TableFit[] {
	return CONTRACT_TABLE_NAMES.map((t, i) => {
		const p = proposeMapping(t, files);
		const required = CONTRACT[t].columns.filter((c) => c.required).length;
		return { fit: { table: t, required, requiredFound: required - p.missingRequired.length, found: Object.keys(p.mapping).length }, i };
	})
		.sort(
			(a, b) =>
				b.fit.requiredFound / b.fit.required - a.fit.requiredFound / a.fit.required || b.fit.found - a.fit.found || a.i - b.i
		)
		.map((x) => x.fit);
}

/**
 * The contract tables a file might be: those whose every required column the best guess
 * finds (best first); else the best-ranked ones, when they find at least half of their
 * required columns (the user maps the rest).
 */
export function likelyTables(files: readonly FileColumn[]): ContractTableName[] {
	const ranked = rankContractTables(files);
	const complete = ranked.filter((f) => f.requiredFound === f.required);
	if (complete.length > 0) return complete.map((f) => f.table);
	const ratio = (f: TableFit) => f.requiredFound / f.required;
	const best = ranked[0];
	if (!best || ratio(best) < 0.5) return [];
	return ranked.filter((f) => ratio(f) === ratio(best) && f.found === best.found).map((f) => f.table);
}

// ------------------------------------------------------------------ saved mappings

/** A mapping the user applied, kept on the device and reused for files with the same header. */
export interface SavedMapping {
	/** headerSignature() of the file's columns: the key. */
	signature: string;
	/** The file's column names as they were. */
	columns: string[];
	contract: ContractTableName;
	/** Canonical column -> file column (`''` for "none"), every contract column. */
	mapping: Record<string, string>;
	savedAt: string;
}

/**
 * A saved mapping for a file's columns, with the saved file column names translated to this
 * file's (same signature, so same position; only case and spacing may differ). Null when the
 * signature differs.
 */
/**
 * The saved mapping for the next export of the same form: where no mapping was saved for this
 * header, the latest one saved for a header whose every column this file still has (a survey
 * form with a question added), its columns found by name. Null when there is none.
 */
export function savedMappingOfSubset(saved: Iterable<SavedMapping>, columns: readonly string[]): { saved: SavedMapping; mapping: Record<string, string> } | null {
	const here = new Map(columns.map((c) => [normaliseName(c), c]));
	let best: { saved: SavedMapping; mapping: Record<string, string> } | null = null;
	for (const s of saved) {
		if (s.columns.length >= columns.length || !s.columns.every((c) => here.has(normaliseName(c)))) continue;
		const mapping: Record<string, string> = {};
		for (const [canonical, file] of Object.entries(s.mapping)) mapping[canonical] = file ? here.get(normaliseName(file))! : '';
		if (!best || s.savedAt > best.saved.savedAt) best = { saved: s, mapping };
	}
	return best;
}

export function resolveSavedMapping(saved: SavedMapping, columns: readonly string[]): Record<string, string> | null {
	if (headerSignature(columns) !== saved.signature || saved.columns.length !== columns.length) return null;
	const out: Record<string, string> = {};
	for (const [canonical, file] of Object.entries(saved.mapping)) {
		if (!file) {
			out[canonical] = '';
			continue;
		}
		const i = saved.columns.indexOf(file);
		if (i < 0) return null;
		out[canonical] = columns[i];
	}
	return out;
}
