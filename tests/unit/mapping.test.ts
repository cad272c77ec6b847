import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CONTRACT, CONTRACT_TABLE_NAMES, assignContractTable, matchColumns } from '../../src/lib/engine/contract';
import {
	checkMapping,
	editDistance,
	headerSignature,
	likelyTables,
	nameMatch,
	nameSimilarity,
	nameTokens,
	normaliseName,
	orderedColumns,
	proposeMapping,
	rankContractTables,
	resolveSavedMapping,
	scoreColumn,
	typeFit,
	valueShape,
	wordSimilarity,
	type FileColumn,
	type SavedMapping
} from '../../src/lib/engine/mapping';

const col = (table: keyof typeof CONTRACT, name: string) => CONTRACT[table].columns.find((c) => c.name === name)!;

/** The households file of the brief: every name is one a program's own export might use. */
const HOUSEHOLD_FILE: FileColumn[] = [
	{ name: 'kode_rt', samples: ['RT-001', 'RT-002', 'RT-003'] },
	{ name: 'gelombang', samples: ['baseline', 'baseline', 'endline'] },
	{ name: 'tgl', samples: ['15/03/2023', '02/04/2023', '20/03/2025'] },
	{ name: 'dusun_nama', samples: ['Krajan', 'Sukamaju'] },
	{ name: 'klp', samples: ['program', 'pembanding'] },
	{ name: 'jk_kk', samples: ['L', 'P', 'perempuan'] },
	{ name: 'jml_art', samples: ['4', '3', '5'] },
	{ name: 'penghasilan', samples: ['1.500.000,50', 'Rp 2.000.000', 'Rp 750.000'] },
	{ name: 'pln', samples: ['ya', 'tidak', 'Ya'] },
	{ name: 'air', samples: ['tidak', 'ya', '-'] },
	{ name: 'jalan', samples: ['ya', 'tidak'] },
	{ name: 'bobot_sampel', samples: ['1,25', '0,8', ''] }
].map((c) => ({ ...c, type: 'VARCHAR' }));

const HOUSEHOLD_EXPECTED = {
	household_id: 'kode_rt',
	round: 'gelombang',
	survey_date: 'tgl',
	dusun: 'dusun_nama',
	group: 'klp',
	head_sex: 'jk_kk',
	members: 'jml_art',
	income_month_idr: 'penghasilan',
	electricity: 'pln',
	water_improved: 'air',
	road_2km: 'jalan',
	weight: 'bobot_sampel'
};

describe('names', () => {
	it('splits names into words: case, spaces, punctuation, camelCase and accents', () => {
		expect(nameTokens('Kode RT')).toEqual(['kode', 'rt']);
		expect(nameTokens('jumlahAnggota')).toEqual(['jumlah', 'anggota']);
		expect(nameTokens('  Tgl. Survei (dd/mm/yyyy) ')).toEqual(['tgl', 'survei', 'dd', 'mm', 'yyyy']);
		expect(nameTokens('Pendapatan—Bulanan')).toEqual(['pendapatan', 'bulanan']);
		expect(nameTokens('Épargne')).toEqual(['epargne']);
		expect(normaliseName('Kode-RT ')).toBe('kode_rt');
	});

	it('a header signature is the normalised names in order', () => {
		expect(headerSignature(['Kode RT', 'Gelombang', 'TGL'])).toBe('kode_rt|gelombang|tgl');
		expect(headerSignature(['kode_rt', 'gelombang', 'tgl'])).toBe(headerSignature(['KODE RT', ' Gelombang', 'tgl']));
		expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['b', 'a']));
		expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['a', 'b', 'c']));
	});

	it('edit distance', () => {
		expect(editDistance('pendapatan', 'pendapatn')).toBe(1);
		expect(editDistance('survei', 'survey')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('word similarity: same word, same meaning, prefix, abbreviation, misspelling, nothing', () => {
		expect(wordSimilarity('dusun', 'dusun')).toBe(1);
		// Indonesian and English words of one meaning.
		expect(wordSimilarity('tgl', 'tanggal')).toBe(0.95);
		expect(wordSimilarity('penghasilan', 'income')).toBe(0.95);
		expect(wordSimilarity('pln', 'electricity')).toBe(0.95);
		expect(wordSimilarity('gelombang', 'round')).toBe(0.95);
		// A prefix of at least 3 letters.
		expect(wordSimilarity('kel', 'kelompok')).toBe(0.85);
		// An abbreviation: same first letter, letters in order.
		expect(wordSimilarity('klp', 'kelompok')).toBe(0.75);
		// One letter off in 10: 0.9 x 0.9.
		expect(wordSimilarity('pendapatn', 'pendapatan')).toBeCloseTo(0.81, 10);
		// An abbreviation of a word of the same meaning (pendapatan is income).
		expect(wordSimilarity('pndptn', 'income')).toBe(0.7);
		expect(wordSimilarity('air', 'road')).toBe(0);
		// 3 letters in order inside a long word are not an abbreviation of a synonym.
		expect(wordSimilarity('pln', 'group')).toBe(0);
	});

	it('name similarity: each word best matched both ways', () => {
		expect(nameSimilarity('dusun_nama', 'dusun')).toBeCloseTo(2 / 3, 10);
		// kode~id 0.95, rt=rt 1, both ways: (0.95 + 1 + 0.95 + 1) / 4
		expect(nameSimilarity('kode_rt', 'id_rt')).toBeCloseTo(0.975, 10);
		// tgl~date 0.95; survey unmatched: (0.95 + 0 + 0.95) / 3
		expect(nameSimilarity('tgl', 'survey_date')).toBeCloseTo(1.9 / 3, 10);
		expect(nameSimilarity('Jenis Kelamin', 'jenis_kelamin')).toBe(1);
		expect(nameSimilarity('kode_desa', 'household_id')).toBeLessThan(0.5);
	});

	it('name match: canonical name, alias, similar name, or nothing', () => {
		expect(nameMatch(col('households', 'household_id'), 'Household ID')).toEqual({ score: 1, reason: { kind: 'name' } });
		expect(nameMatch(col('households', 'household_id'), 'ID_RT')).toEqual({ score: 0.95, reason: { kind: 'alias', alias: 'id_rt' } });
		expect(nameMatch(col('households', 'income_month_idr'), 'Pendapatan Bulanan')).toEqual({
			score: 0.95,
			reason: { kind: 'alias', alias: 'pendapatan_bulanan' }
		});
		const m = nameMatch(col('households', 'household_id'), 'kode_rt');
		expect(m.reason).toEqual({ kind: 'similar', to: 'id_rt', similarity: 0.98 });
		expect(m.score).toBeCloseTo(0.85 * 0.975, 10);
		expect(nameMatch(col('households', 'household_id'), 'bobot')).toEqual({ score: 0, reason: null });
		// A survey form's group path: the question's own name, a little below the same name alone.
		expect(nameMatch(col('households', 'dusun'), 'grp_rumah/dusun')).toEqual({ score: 0.98, reason: { kind: 'name' } });
		expect(nameMatch(col('households', 'round'), 'grp_rumah/putaran')).toEqual({ score: 0.95 * 0.98, reason: { kind: 'alias', alias: 'putaran' } });
		expect(nameMatch(col('households', 'round'), 'grp_rumah/bobot').score).toBeLessThan(0.5);
	});

	it('assigns a survey export by its questions, whatever their groups; a question two groups share is not taken', () => {
		const kobo = ['start', 'grp_rumah/id_rt', 'grp_rumah/putaran', 'grp_rumah/tanggal_survei', 'grp_rumah/dusun', 'hh_info/members', 'hh_info/pendapatan_bulanan', '_uuid'];
		const m = matchColumns(CONTRACT.households, kobo);
		expect(m.missingRequired).toEqual([]);
		expect(m.mapped.get('dusun')).toBe('grp_rumah/dusun');
		expect(assignContractTable('kobo_export', kobo)).toMatchObject({ table: 'households', by: 'columns' });
		const shared = matchColumns(CONTRACT.households, [...kobo, 'grp_anggota/dusun']);
		expect(shared.mapped.has('dusun')).toBe(false);
		// A name of its own comes first.
		expect(matchColumns(CONTRACT.households, [...kobo, 'dusun']).mapped.get('dusun')).toBe('dusun');
	});

	it('suggests the table whose required columns a file has most of, not one that only shares an optional column', () => {
		// Round, dusun and group found, household_id and the rest named otherwise: households, not targets (dusun is optional there).
		const kobo = ['start', 'grp_rumah/kode_rt', 'grp_rumah/putaran', 'grp_rumah/dusun', 'grp_rumah/kelompok', 'hh_info/jml_anggota', '_uuid'];
		expect(assignContractTable('kobo_survei', kobo)).toEqual({ table: null, by: null, candidates: ['households'] });
	});
});

describe('values', () => {
	const v = (samples: string[], type = 'VARCHAR'): FileColumn => ({ name: 'x', type, samples });
	it('shape of a column from its values (missing-value codes ignored) or its Parquet type', () => {
		expect(valueShape(v(['15/03/2023', '2023-04-02', 'NA']))).toBe('date');
		expect(valueShape(v(['2023', '2024']))).toBe('year');
		expect(valueShape(v(['ya', 'tidak', '-']))).toBe('boolean');
		expect(valueShape(v(['1', '0']))).toBe('boolean');
		expect(valueShape(v(['L', 'P']))).toBe('sex');
		expect(valueShape(v(['program', 'pembanding']))).toBe('group');
		expect(valueShape(v(['4', '12']))).toBe('integer');
		expect(valueShape(v(['1,25', 'Rp 1.500.000', '1,500,000.50']))).toBe('number');
		expect(valueShape(v(['Krajan', '4']))).toBe('text');
		expect(valueShape(v(['', 'n/a']))).toBeNull();
		expect(valueShape({ name: 'x', type: 'DATE' })).toBe('date');
		expect(valueShape({ name: 'x', type: 'DOUBLE', samples: ['4', '5'] })).toBe('number');
		expect(valueShape({ name: 'x', type: 'BIGINT' })).toBe('integer');
	});

	it('type fit of values to a contract kind', () => {
		expect(typeFit('date', v(['15/03/2023']))).toBe('good');
		expect(typeFit('date', v(['baseline']))).toBe('poor');
		expect(typeFit('date', { name: 'x', type: 'TIMESTAMP' })).toBe('good');
		expect(typeFit('integer', v(['4', '3']))).toBe('good');
		expect(typeFit('integer', v(['2.5']))).toBe('neutral');
		expect(typeFit('integer', v(['empat']))).toBe('poor');
		expect(typeFit('money', v(['Rp 1.500.000,-', '750000']))).toBe('good');
		expect(typeFit('money', { name: 'x', type: 'BIGINT' })).toBe('good');
		expect(typeFit('boolean', v(['Ya', 'TIDAK']))).toBe('good');
		expect(typeFit('boolean', v(['2']))).toBe('poor');
		expect(typeFit('sex', v(['L', 'p', 'Perempuan']))).toBe('good');
		expect(typeFit('owner_sex', v(['F', 'joint']))).toBe('good');
		expect(typeFit('sex', v(['F', 'joint']))).toBe('poor');
		expect(typeFit('group', v(['program', 'kontrol']))).toBe('good');
		expect(typeFit('year', v(['2024']))).toBe('good');
		expect(typeFit('text', v(['RT-001']))).toBe('neutral');
		expect(typeFit('text', v(['2023-01-01']))).toBe('poor');
		// Nothing known about the values: no opinion.
		expect(typeFit('date', { name: 'x' })).toBe('neutral');
		expect(typeFit('date', v(['', 'NA']))).toBe('neutral');
	});
});

describe('scores', () => {
	it('name score plus 0.1 for values that fit, minus 0.4 for values that do not', () => {
		const date = col('households', 'survey_date');
		// 0.85 x 1.9/3 + 0.1
		const good = scoreColumn(date, { name: 'tgl', samples: ['15/03/2023'] });
		expect(good.score).toBeCloseTo(0.85 * (1.9 / 3) + 0.1, 3);
		expect(good.reasons).toEqual([
			{ kind: 'similar', to: 'survey_date', similarity: 0.63 },
			{ kind: 'type', shape: 'date' }
		]);
		expect(good.typeFit).toBe('good');
		const poor = scoreColumn(date, { name: 'tgl', samples: ['baseline'] });
		expect(poor.score).toBeCloseTo(0.85 * (1.9 / 3) - 0.4, 3);
		expect(poor.typeFit).toBe('poor');
		// Values alone: 0.2, with the type as the only reason.
		const byType = scoreColumn(date, { name: 'kolom3', samples: ['2023-01-01'] });
		expect(byType).toMatchObject({ score: 0.2, nameScore: 0, reasons: [{ kind: 'type', shape: 'date' }] });
		expect(scoreColumn(date, { name: 'kolom3', samples: ['abc'] }).score).toBe(0);
	});
});

describe('proposeMapping', () => {
	it('maps the households file of the brief, column by column, each with its reason', () => {
		const p = proposeMapping('households', HOUSEHOLD_FILE);
		expect(p.mapping).toEqual(HOUSEHOLD_EXPECTED);
		expect(p.missingRequired).toEqual([]);
		// Required columns first, in contract order, then the optional ones.
		expect(p.columns.map((c) => c.column.name)).toEqual([
			'household_id',
			'round',
			'survey_date',
			'dusun',
			'members',
			'income_month_idr',
			'group',
			'head_sex',
			'electricity',
			'water_improved',
			'road_2km',
			'weight'
		]);
		expect(p.columns.every((c) => c.source === 'guess')).toBe(true);
		const by = Object.fromEntries(p.columns.map((c) => [c.column.name, c]));
		expect(by.household_id.suggestions[0]).toMatchObject({ column: 'kode_rt', reasons: [{ kind: 'similar', to: 'id_rt' }] });
		expect(by.round.suggestions[0].reasons).toEqual([{ kind: 'similar', to: 'round', similarity: 0.95 }]);
		expect(by.survey_date.suggestions[0].reasons.map((r) => r.kind)).toEqual(['similar', 'type']);
		expect(by.members.suggestions[0]).toMatchObject({ column: 'jml_art', reasons: [{ kind: 'similar', to: 'jumlah_anggota' }, { kind: 'type', shape: 'integer' }] });
		expect(by.head_sex.suggestions[0]).toMatchObject({ column: 'jk_kk', reasons: [{ kind: 'similar', to: 'jk_kepala' }, { kind: 'type', shape: 'sex' }] });
		expect(by.group.suggestions[0]).toMatchObject({ column: 'klp', reasons: [{ kind: 'similar', to: 'kelompok' }, { kind: 'type', shape: 'group' }] });
		// Other yes/no columns are listed for electricity by their values alone, below pln.
		expect(by.electricity.suggestions.map((s) => s.column)).toEqual(['pln', 'air', 'jalan']);
		expect(by.electricity.suggestions[1]).toMatchObject({ score: 0.2, reasons: [{ kind: 'type', shape: 'boolean' }] });
	});

	it('maps the same file by names alone (no values known)', () => {
		const p = proposeMapping(
			'households',
			HOUSEHOLD_FILE.map((c) => ({ name: c.name }))
		);
		expect(p.mapping).toEqual(HOUSEHOLD_EXPECTED);
	});

	it('never guesses by values alone, and leaves a column it cannot name to the user', () => {
		const file = HOUSEHOLD_FILE.map((c) => (c.name === 'penghasilan' ? { ...c, name: 'kolom9' } : c));
		const p = proposeMapping('households', file);
		expect(p.mapping.income_month_idr).toBeUndefined();
		expect(p.missingRequired).toEqual(['income_month_idr']);
		const income = p.columns.find((c) => c.column.name === 'income_month_idr')!;
		expect(income.selected).toBeNull();
		expect(income.source).toBeNull();
		// kolom9 is suggested by its values (amounts), as are the other numeric columns.
		expect(income.suggestions.map((s) => s.column)).toContain('kolom9');
	});

	it('does not guess a similar name whose values do not fit', () => {
		const p = proposeMapping('households', [
			{ name: 'tgl', samples: ['baseline', 'endline'] },
			{ name: 'id_rt', samples: ['A'] }
		]);
		expect(p.mapping).toEqual({ household_id: 'id_rt' });
	});

	it('never assigns one file column twice; the best pair wins, required columns first on a tie', () => {
		// `tanggal` is as like start_date (tanggal_mulai) as end_date (tanggal_selesai) and followup_date.
		const p = proposeMapping('trainings', [{ name: 'tanggal' }, { name: 'id_peserta' }]);
		expect(p.mapping).toEqual({ participant_id: 'id_peserta', start_date: 'tanggal' });
		// Two file columns for one contract column: the better name wins, the other stays unused.
		const q = proposeMapping('households', [{ name: 'bobot' }, { name: 'bobot_sampel' }]);
		expect(q.mapping).toEqual({ weight: 'bobot' });
	});

	it('keeps the current mapping, `""` as none, and guesses only around it', () => {
		const p = proposeMapping('households', HOUSEHOLD_FILE, { household_id: 'kode_rt', weight: '', members: 'penghasilan', round: 'no_such_column' });
		expect(p.mapping.household_id).toBe('kode_rt');
		expect(p.mapping.weight).toBeUndefined();
		expect(p.mapping.members).toBe('penghasilan');
		// jml_art is free again, but income's best name is taken: it is left to the user.
		expect(p.mapping.income_month_idr).toBeUndefined();
		expect(p.mapping.round).toBe('gelombang');
		const by = Object.fromEntries(p.columns.map((c) => [c.column.name, c]));
		expect(by.household_id.source).toBe('current');
		expect(by.weight).toMatchObject({ selected: null, source: 'current' });
		expect(by.round.source).toBe('guess');
		expect(new Set(Object.values(p.mapping)).size).toBe(Object.values(p.mapping).length);
	});

	it('a file already in contract form maps to itself, for every sample table', () => {
		for (const t of CONTRACT_TABLE_NAMES) {
			const names = CONTRACT[t].columns.map((c) => c.name);
			const p = proposeMapping(t, names.map((name) => ({ name })));
			expect(p.mapping).toEqual(Object.fromEntries(names.map((n) => [n, n])));
		}
	});

	it('property: the guess uses only file columns, each at most once, whatever the header', () => {
		const pool = [
			...new Set([...HOUSEHOLD_FILE.map((c) => c.name), ...CONTRACT_TABLE_NAMES.flatMap((t) => CONTRACT[t].columns.flatMap((c) => [c.name, ...(c.aliases ?? [])])), 'tanggal', 'nama', 'kode', 'x', 'jumlah'])
		];
		fc.assert(
			fc.property(fc.constantFrom(...CONTRACT_TABLE_NAMES), fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 20 }), (table, names) => {
				const p = proposeMapping(table, names.map((name) => ({ name })));
				const used = Object.values(p.mapping);
				expect(new Set(used).size).toBe(used.length);
				for (const u of used) expect(names).toContain(u);
				expect(p.columns.length).toBe(CONTRACT[table].columns.length);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('checkMapping', () => {
	it('names unmapped required columns and file columns chosen twice', () => {
		const r = checkMapping('households', { household_id: 'kode_rt', round: 'gelombang', members: 'jml_art', weight: 'jml_art', dusun: '' });
		expect(r.missingRequired).toEqual(['survey_date', 'dusun', 'income_month_idr']);
		expect(r.duplicates).toEqual([{ file: 'jml_art', columns: ['members', 'weight'] }]);
		expect(checkMapping('households', HOUSEHOLD_EXPECTED)).toEqual({ missingRequired: [], duplicates: [] });
	});

	it('orders columns required first', () => {
		expect(orderedColumns('meetings').map((c) => c.name)).toEqual([
			'meeting_id',
			'date',
			'level',
			'attendees',
			'women_attendees',
			'type',
			'proposals',
			'proposals_adopted'
		]);
	});
});

describe('which contract table', () => {
	it('ranks households first for the households file, with every required column found', () => {
		const ranked = rankContractTables(HOUSEHOLD_FILE);
		expect(ranked[0]).toEqual({ table: 'households', required: 6, requiredFound: 6, found: 12 });
		expect(likelyTables(HOUSEHOLD_FILE)).toEqual(['households']);
	});

	it('with a required column it cannot name, still finds the table that has at least half of them', () => {
		const file = HOUSEHOLD_FILE.map((c) => (c.name === 'penghasilan' ? { ...c, name: 'kolom9' } : c));
		expect(rankContractTables(file)[0]).toEqual({ table: 'households', required: 6, requiredFound: 5, found: 11 });
		expect(likelyTables(file)).toEqual(['households']);
		// Two of six is not enough.
		expect(likelyTables([{ name: 'kode_rt' }, { name: 'gelombang' }, { name: 'x' }])).toEqual([]);
	});

	it('finds no table for columns that say nothing', () => {
		expect(likelyTables([{ name: 'a' }, { name: 'b' }, { name: 'c' }])).toEqual([]);
	});
});

describe('saved mappings', () => {
	const saved: SavedMapping = {
		signature: headerSignature(HOUSEHOLD_FILE.map((c) => c.name)),
		columns: HOUSEHOLD_FILE.map((c) => c.name),
		contract: 'households',
		mapping: { ...HOUSEHOLD_EXPECTED, weight: '' },
		savedAt: '2025-06-01T10:00:00.000Z'
	};
	it('applies to a header with the same names in another case or spacing, by position', () => {
		const header = HOUSEHOLD_FILE.map((c) => c.name.toUpperCase().replace('_', ' '));
		const m = resolveSavedMapping(saved, header)!;
		expect(m.household_id).toBe('KODE RT');
		expect(m.income_month_idr).toBe('PENGHASILAN');
		expect(m.weight).toBe('');
	});

	it('does not apply to another header', () => {
		expect(resolveSavedMapping(saved, HOUSEHOLD_FILE.map((c) => c.name).slice(1))).toBeNull();
		expect(resolveSavedMapping(saved, [...HOUSEHOLD_FILE.map((c) => c.name)].reverse())).toBeNull();
	});
});
