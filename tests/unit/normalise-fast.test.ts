/**
 * The fast form of the typing projection (normalise.ts) must give exactly what the robust
 * form gives: the same typed values, the same rejected values with the same line, column
 * and reason, the same warnings and notes, for every input. Checked three ways:
 * - expression by expression, on random text for every value kind, both decimal marks and
 *   every column shape a byte scan can report;
 * - whole loads of random small CSV files mixing clean and messy values;
 * - whole loads of every file of the bad-input corpus and the fixtures.
 * And the table of a load where every row loads (the staged table, renamed) equals the copy
 * made when some row is rejected.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import type { Database } from '../../src/lib/engine/database';
import { Workspace } from '../../src/lib/engine/workspace';
import { InputError, type LoadOptions, type LoadReport } from '../../src/lib/engine/ingest';
import { CONTRACT, type ContractColumn, type ContractTableName, type ValueKind } from '../../src/lib/engine/contract';
import {
	MISSING_TOKENS,
	SHAPE_DMY,
	SHAPE_INT,
	SHAPE_OTHER,
	SHAPE_THOUSANDS,
	SHAPE_YMD,
	UNKNOWN_FACTS,
	VALUE_HINTS,
	columnFacts,
	valueShape,
	type ColumnFacts,
	type KeyCheck
} from '../../src/lib/engine/csv-dialect';
import { stagedColumn } from '../../src/lib/engine/normalise';
import { arrowKeysDistinct, arrowTextFacts } from '../../src/lib/engine/arrow-facts';
import { Dictionary, Int32, LargeUtf8, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { toParquet } from '../../data/sample/parquet';
import type { ColumnType, SampleTable } from '../../data/sample/table';
import { ident } from '../../src/lib/engine/sql';

let db: Database;
let ws: Workspace;
beforeAll(async () => {
	db = await createNodeDatabase();
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
});

// ---------------------------------------------------------------- random values

const PADDING = ['', ' ', '  ', '\t', '\u00a0', '\u202f', '\r', '\n', '\f', ' \u00a0'];
const pad = fc.constantFrom(...PADDING);
const CORES = [
	// missing-value codes, and near misses
	'', 'NA', 'na', 'Na', 'N/A', 'n/a', '-', '--', 'null', 'NULL', 'Null', 'nul', '.', '#N/A', '#n/a', 'none', 'nan', 'NaN', 'Infinity', '-Infinity', 'inf',
	// whole numbers
	'0', '1', '4', '-3', '007', '+5', '1.0', '2,00', '3.50', '1_000', '0x10', '1e3', '99999999999999999999', '2.5',
	// decimals and amounts, both marks
	'1,5', '1.5', '0,8', '-0,25', '1.500.000', '1.500.000,50', '1,500,000', '1,500,000.50', '1.234', '1,234', '12.3.4', '1.5.', ',5', '.5', '5.',
	'1.50', '1.500', '150.000,-', '150.000.-', 'Rp 1.500.000,-', 'Rp1.500.000', 'rp. 2.000', 'RP 2.000,5', 'IDR 1,000', 'IDR1000', 'Rp\u00a0750.000', '1 500 000', '1\u00a0500\u00a0000', 'Rp -', 'Rp', '1.000,-', '-1.000',
	// dates
	'2023-03-15', '2023-3-5', '15/03/2023', '5/3/2023', '15-03-2023', '31/02/2023', '02/13/2023', '13/02/23', '1/1/99', '2023-03-15T10:20:00', '2023-03-15 10:20',
	'2023-03-15 10:20:00+07:00', '2023-03-15T10:20:00Z', '45000', '45000.5', '2023/03/15', '2023-02-30', '0999-01-01', '10000-01-01', '15.03.2023',
	// years
	'2023', '1999', '202', '20230', '2023.0',
	// words of every kind, in several cases
	'ya', 'Ya', 'YA', 'yA', 'tidak', 'Tidak', 'TIDAK', 'true', 'True', 'TRUE', 'false', 'y', 'Y', 'n', 'N', 'yes', 'No', 'maybe',
	'f', 'F', 'm', 'M', 'p', 'P', 'l', 'L', 'w', 'W', 'female', 'Female', 'perempuan', 'Perempuan', 'laki-laki', 'Laki-Laki', 'LAKI-LAKI', 'Laki-laki', 'pria', 'Wanita',
	'joint', 'Joint', 'bersama', 'J', 'j', 'employed', 'Employed', 'bekerja', 'Menganggur', 'bukan angkatan kerja', 'Bukan_Angkatan_Kerja', 'inactive',
	'revenue', 'Pendapatan', 'belanja', 'BELANJA', 'financing_in', 'Penerimaan Pembiayaan', 'pengeluaran_pembiayaan',
	'program', 'Program', 'treatment', 'intervensi', 'comparison', 'Control', 'KONTROL', 'pembanding',
	// spreadsheet errors, odd characters, text
	'#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#SPILL!', 'İ', 'K', 'ß', 'Krajan', 'Sukamaju Baru', 'H001', 'abc', 'x;y', 'a"b', '日本'
];
const core = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...CORES) },
	{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('1', '0', '9', '.', ',', '-', '/', ' ', 'a', 'N', 'R', 'p', '#', '\u00a0', ':', 'T', 'e') }) }
);
/** A value: mostly clean, sometimes padded. */
const value = fc.oneof({ weight: 3, arbitrary: core }, { weight: 1, arbitrary: fc.tuple(pad, core, pad).map(([a, b, c]) => a + b + c) });

/** The traits a byte scan (columnFacts) looks for, for a value as DuckDB reads it. */
function isPadded(v: string): boolean {
	return /^[ \t\n\f\r\u00a0\u202f]|[ \t\n\f\r\u00a0\u202f]$/.test(v);
}
function isTokenLike(v: string): boolean {
	if (v === '') return true;
	if (v.charCodeAt(0) >= 0x80) return new TextEncoder().encode(v).length <= 32;
	return MISSING_TOKENS.includes(v.toLowerCase());
}
function isDecorated(v: string): boolean {
	return /[\u0000-\u0020\u00a0\u202f]/.test(v) || /^[RrI]/.test(v) || v.endsWith('-');
}
/** The shapes columnFacts tells (csv-dialect.ts valueShape), as the patterns they stand for. */
const SHAPES: Array<[number, RegExp]> = [
	[SHAPE_INT, /^-?\d+$/],
	[SHAPE_THOUSANDS, /^-?\d{1,3}(\.\d{3})+(,\d+)?$/],
	[SHAPE_DMY, /^\d{1,2}\/\d{1,2}\/\d{4}$/],
	[SHAPE_YMD, /^\d{4}-\d{1,2}-\d{1,2}$/]
];
/** The shape of a non-empty value, by the patterns. */
function shapeOf(v: string): number {
	return SHAPES.find(([, re]) => re.test(v))?.[0] ?? SHAPE_OTHER;
}
const plain = { padded: false, tokens: false, decorated: false };
/** Facts of a column whose every value has one of `shapes` (empty quoted values too, with `tokens`). */
const NUMBERS_AND_DATES: ValueKind[] = ['integer', 'double', 'money', 'date', 'year'];
const shaped = (shapes: number, tokens = false): [ColumnFacts, (v: string) => boolean, ValueKind[]] => [
	{ ...plain, tokens, shapes, values: [] },
	(v) => (tokens && v === '') || (v !== '' && (shapeOf(v) & shapes) !== 0),
	NUMBERS_AND_DATES
];
/**
 * Facts a column can be given, whether a value may be in a column with them, and the kinds
 * whose expressions they can change (all when not said).
 */
const FACTS: Array<[ColumnFacts, (v: string) => boolean, ValueKind[]?]> = [
	[UNKNOWN_FACTS, () => true],
	// Value hints change only the order of the tests: any value may be in such a column.
	[
		{ ...UNKNOWN_FACTS, values: ['tidak', 'Ya', 'x', 'L', 'p', 'kontrol', 'Program', 'bekerja', 'Belanja', 'joint'] },
		() => true,
		['boolean', 'sex', 'owner_sex', 'labour_status', 'budget_category', 'group']
	],
	shaped(SHAPE_INT),
	shaped(SHAPE_INT, true),
	shaped(SHAPE_THOUSANDS),
	shaped(SHAPE_INT | SHAPE_THOUSANDS, true),
	shaped(SHAPE_DMY),
	shaped(SHAPE_YMD, true),
	shaped(SHAPE_DMY | SHAPE_YMD),
	shaped(0, true),
	[{ padded: false, tokens: true, decorated: true }, (v) => !isPadded(v)],
	[{ padded: false, tokens: false, decorated: true }, (v) => !isPadded(v) && !isTokenLike(v)],
	[{ padded: false, tokens: true, decorated: false }, (v) => !isPadded(v) && !isDecorated(v)],
	[{ padded: false, tokens: false, decorated: false }, (v) => !isPadded(v) && !isTokenLike(v) && !isDecorated(v)]
];

// ---------------------------------------------------------------- expressions

const KINDS: ValueKind[] = ['text', 'integer', 'double', 'money', 'date', 'boolean', 'sex', 'owner_sex', 'labour_status', 'budget_category', 'group', 'year'];

/** A contract column of each kind, with range checks where numbers have them. */
function columnOf(kind: ValueKind): ContractColumn {
	const extra: Partial<ContractColumn> =
		kind === 'integer' ? { min: 1, max: 130 } : kind === 'double' ? { minExclusive: 0, defaultValue: 1 } : kind === 'money' ? { min: 0 } : {};
	return { name: 'c', kind, ...extra };
}

function same(a: unknown, b: unknown): boolean {
	if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
	return Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Every stage of a column, robust and fast, over the values; returns the first difference.
 * Facts other than UNKNOWN_FACTS are only tried on values a scan could have given them.
 */
function compareExpressions(kind: ValueKind, values: (string | null)[]): string | null {
	db.exec('DROP TABLE IF EXISTS v');
	db.exec('CREATE TABLE v (i INTEGER, x VARCHAR)');
	for (let k = 0; k < values.length; k += 200) {
		const part = values.slice(k, k + 200);
		db.query(`INSERT INTO v VALUES ${part.map(() => '(?, ?)').join(', ')}`, part.flatMap((x, j) => [k + j, x]));
	}
	const col = columnOf(kind);
	const tried = FACTS.filter(([, , kinds]) => !kinds || kinds.includes(kind));
	for (const decimal of ['.', ','] as const) {
		const robust = stagedColumn(col, 'x', 'VARCHAR', decimal, 'label', 'robust');
		const fast = tried.map(([facts]) => stagedColumn(col, 'x', 'VARCHAR', decimal, 'label', 'fast', facts));
		const all = [robust, ...fast];
		const pre = all.map((s, j) => `${s.pre} AS p${j}`).join(', ');
		const typed = all.map((s, j) => `p${j}, ${s.typed(`p${j}`)} AS t${j}`).join(', ');
		const out = all.map((s, j) => `p${j}, t${j}, ${s.final(`t${j}`)} AS f${j}, ${s.error(`p${j}`, `t${j}`)} AS e${j}, ${s.failed(`p${j}`, `t${j}`)} AS k${j}`).join(', ');
		const res = db.query(`SELECT i, x, ${out} FROM (SELECT i, x, ${typed} FROM (SELECT i, x, ${pre} FROM v)) ORDER BY i`);
		const at = (name: string) => res.columns.indexOf(name);
		for (const row of res.rows) {
			const x = row[1] as string | null;
			for (let j = 0; j < all.length; j++) {
				const failed = row[at(`k${j}`)] === true;
				if (failed !== (row[at(`e${j}`)] !== null)) return `${kind} ${decimal} form ${j}: failed=${failed} but error=${JSON.stringify(row[at(`e${j}`)])} for ${JSON.stringify(x)}`;
			}
			tried.forEach(([facts, fits], s) => {
				if (x !== null && !fits(x)) return;
				for (const stage of ['p', 't', 'f', 'e']) {
					const r = row[at(`${stage}0`)];
					const f = row[at(`${stage}${s + 1}`)];
					if (!same(r, f)) throw new Error(`${kind} decimal ${decimal} facts ${JSON.stringify(facts)} stage ${stage}: ${JSON.stringify(x)} -> robust ${JSON.stringify(r)}, fast ${JSON.stringify(f)}`);
				}
			});
		}
	}
	return null;
}

describe('the fast form of each value expression equals the robust form', () => {
	it('on every listed value, padded or not, for every kind', () => {
		const values: (string | null)[] = [null];
		for (const c of CORES) for (const p of ['', ' ', '\u00a0', '\t']) values.push(p + c, c + p, p + c + p);
		for (const kind of KINDS) expect(compareExpressions(kind, values)).toBeNull();
	});

	for (const kind of KINDS) {
		it(`on random values: ${kind}`, () => {
			fc.assert(
				fc.property(fc.array(fc.option(value, { nil: null, freq: 10 }), { minLength: 1, maxLength: 300 }), (values) => {
					const diff = compareExpressions(kind, values);
					expect(diff).toBeNull();
				}),
				{ numRuns: 12 }
			);
		});
	}
});

// ---------------------------------------------------------------- the byte scan

describe('columnFacts', () => {
	const enc = (s: string) => new TextEncoder().encode(s);
	const f = (padded: boolean, tokens: boolean, decorated: boolean, shapes: number, values: string[]): ColumnFacts => ({ padded, tokens, decorated, shapes, values });
	const O = SHAPE_OTHER;
	it('tells padded, token and decorated columns of a well-formed file', () => {
		const csv = 'a;b;c;d;e;f\r\nx;NA;" y";1;Rp 5;""\r\n"q""r";-;z;2;5,-;x\n';
		expect(columnFacts(enc(csv), ';', true, 6)).toEqual([
			f(false, false, false, O, ['x']),
			f(false, true, true, O, ['NA', '-']),
			f(true, false, true, O, [' y', 'z']),
			f(false, false, false, SHAPE_INT, ['1', '2']),
			f(false, false, true, O, ['Rp 5', '5,-']),
			f(false, true, false, O, ['x'])
		]);
	});
	it('gives up on files it does not read exactly as DuckDB does', () => {
		for (const csv of ['a;b\n1;2;3\n', 'a;b\n1\n', 'a;b\n"1";2"\n', 'a;b\n"1"x;2\n', 'a;b\n1;"2\n', 'a;b\n1\r2;3\n', '\na;b\n1;2\n', 'a;b\n1; "2"\n']) {
			expect(columnFacts(enc(csv), ';', true, 2), JSON.stringify(csv)).toEqual([UNKNOWN_FACTS, UNKNOWN_FACTS]);
		}
	});
	it('skips empty lines and the header, and sees padding inside quotes', () => {
		expect(columnFacts(enc(' a ;b\n\n1;2\n\r\n"3";"4 "\n'), ';', true, 2)).toEqual([f(false, false, false, SHAPE_INT, ['1', '3']), f(true, false, true, SHAPE_INT | O, ['2', '4 '])]);
		expect(columnFacts(enc('1;\u00a02\n3;4'), ';', false, 2)).toEqual([f(false, false, false, SHAPE_INT, ['1', '3']), f(true, false, true, O, ['4'])]);
		expect(columnFacts(enc('1;2\u202f\n3;""'), ';', false, 2)).toEqual([f(false, false, false, SHAPE_INT, ['1', '3']), f(true, true, true, O, [])]);
		expect(columnFacts(enc('n/A;"a\u00a0b"\nnull;Ibu'), ';', false, 2)).toEqual([f(false, true, false, O, ['n/A', 'null']), f(false, false, true, O, ['Ibu'])]);
	});
	it('tells the shapes of amounts and dates, and keeps the first values seen as hints', () => {
		const csv = 'n;rp;tgl;iso;campur;ya\n-3;1.500.000;5/3/2023;2023-3-5;15/03/2023;ya\n007;"-12.345,50";15/12/2024;2024-12-31;2024-01-02;tidak\n;999;;;;ya\n';
		expect(columnFacts(enc(csv), ';', true, 6)).toEqual([
			f(false, false, false, SHAPE_INT, ['-3', '007']),
			f(false, false, false, SHAPE_INT | SHAPE_THOUSANDS, ['1.500.000', '-12.345,50', '999']),
			f(false, false, false, SHAPE_DMY, ['5/3/2023', '15/12/2024']),
			f(false, false, false, SHAPE_YMD, ['2023-3-5', '2024-12-31']),
			f(false, false, false, SHAPE_DMY | SHAPE_YMD, ['15/03/2023', '2024-01-02']),
			f(false, false, false, O, ['ya', 'tidak'])
		]);
		const many = ['h;x', ...Array.from({ length: 20 }, (_, i) => `${i % 12};x`)].join('\n');
		expect(columnFacts(enc(many), ';', true, 2)[0].values).toEqual(['0', '1', '2', '3', '4', '5', '6', '7'].slice(0, VALUE_HINTS));
	});
	it('tells whether a key repeats, by the bytes of its values', () => {
		const check = (csv: string, columns: number[]) => {
			const keys: KeyCheck = { columns, distinct: null };
			columnFacts(enc(csv), ';', true, 3, keys);
			return keys.distinct;
		};
		expect(check('id;r;x\nA;1;x\nA;2;x\nB;1;x\n', [0, 1])).toBe(true);
		expect(check('id;r;x\nA;1;x\nB;2;x\nA;1;y\n', [0, 1])).toBe(false);
		// The same value quoted or not, and two empty values, are the same key.
		expect(check('id;r;x\n"A";1;x\nA;1;y\n', [0, 1])).toBe(false);
		expect(check('id;r;x\n;1;x\n;1;y\n', [0, 1])).toBe(false);
		// Values are told apart where they end: "AB" + "1" is not "A" + "B1".
		expect(check('id;r;x\nAB;1;x\nA;B1;x\n', [0, 1])).toBe(true);
		expect(check('id;r;x\nA;1;x\nA;1;y\n', [0])).toBe(false);
		expect(check('id;r;x\nA;1;x\nA;2;x\n', [0])).toBe(false);
		// Many distinct keys (the set grows), then one repeat at the end.
		const many = ['id;r;x', ...Array.from({ length: 100_000 }, (_, i) => `H${i};${i % 3};x`)];
		expect(check(many.join('\n') + '\n', [0, 1])).toBe(true);
		expect(check([...many, 'H77777;2;z'].join('\n') + '\n', [0, 1])).toBe(false);
		// A file the scan cannot read exactly: not known.
		expect(check('id;r;x\nA;1\n', [0, 1])).toBeNull();
	});
	it('gives each value the shape of the pattern it matches', () => {
		const chars = fc.constantFrom('1', '0', '9', '5', '.', ',', '-', '/', ' ', 'a', '"', 'T');
		fc.assert(
			fc.property(fc.string({ unit: chars, minLength: 1, maxLength: 14 }), (v) => {
				const bytes = enc(`x${v}y`);
				expect(valueShape(bytes, 1, bytes.length - 1)).toBe(shapeOf(v));
			}),
			{ numRuns: 3000 }
		);
		for (const v of ['1', '-1', '007', '1.500', '-1.500.000,25', '12.345', '1.5', '1.50', '1.5000', '1234.567', '1.500,', ',5', '1/1/2023', '01/12/2023', '1/1/23', '123/1/2023', '2023-1-1', '2023-01-011', '-2023-01-01', '2023/01/01', '-', '--1'])
			expect(valueShape(enc(v), 0, v.length), v).toBe(shapeOf(v));
	});
	it('never gives a column fewer shapes than its values have', () => {
		const cell = fc.oneof(fc.constantFrom('', '-3', '12', '1.500', '1.500.000,5', '5/3/2023', '2023-03-05', '1,5', 'ya', ' 4'), fc.stringMatching(/^[0-9./,-]{1,12}$/));
		fc.assert(
			fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, quote) => {
				const text = ['a;b;c', ...rows.map((r) => r.map((v) => (quote && v !== '' ? `"${v}"` : v)).join(';'))].join('\n') + '\n';
				const facts = columnFacts(enc(text), ';', true, 3);
				for (let c = 0; c < 3; c++) {
					// Once a value of no known shape is seen, the other bits no longer matter.
					const want = rows.reduce((m, r) => (r[c] === '' ? m : m | shapeOf(r[c])), 0);
					const got = facts[c].shapes!;
					expect(got & SHAPE_OTHER ? SHAPE_OTHER : got).toBe(want & SHAPE_OTHER ? SHAPE_OTHER : want);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

// ---------------------------------------------------------------- the Arrow scan

/** An Arrow IPC stream of string columns (null for a missing value). */
function stringsIPC(columns: Record<string, Array<string | null>>, type: () => DataType = () => new Utf8()): Uint8Array {
	const vectors: Record<string, Vector> = {};
	for (const [name, values] of Object.entries(columns)) vectors[name] = vectorFromArray(values, type());
	return tableToIPC(new Table(vectors), 'stream');
}

describe('arrowTextFacts', () => {
	const f = (padded: boolean, tokens: boolean, decorated: boolean, values: string[] = []): ColumnFacts => ({ padded, tokens, decorated, values });
	it('tells padded, token and decorated string columns, as columnFacts does for CSV', () => {
		const facts = arrowTextFacts(
			stringsIPC({
				plain: ['x', 'q"r', null, 'Krajan'],
				token: ['NA', 'a', null],
				empty: ['a', ''],
				padded: [' y', 'z'],
				nbsp: ['a', '2\u202f'],
				money: ['Rp 5', '5'],
				dash: ['5,-', '6'],
				inner: ['a\u00a0b', 'c'],
				nonAscii: ['İ', 'b'],
				nulls: [null, null]
			})
		);
		// Value hints: plain (printable ASCII, no quote) values, in the order first seen.
		expect(Object.fromEntries(facts)).toEqual({
			plain: f(false, false, false, ['x', 'Krajan']),
			token: f(false, true, false, ['NA', 'a']),
			empty: f(false, true, false, ['a']),
			padded: f(true, false, true, [' y', 'z']),
			nbsp: f(true, false, true, ['a']),
			money: f(false, false, true, ['Rp 5', '5']),
			dash: f(false, false, true, ['5,-', '6']),
			inner: f(false, false, true, ['c']),
			nonAscii: f(false, true, false, ['b']),
			nulls: f(false, false, false)
		});
	});
	it('reads LargeUtf8 and dictionary columns; leaves other types, and streams with clashing names, unknown', () => {
		expect(arrowTextFacts(stringsIPC({ a: ['x', ' y'], b: ['x', 'z'] }, () => new LargeUtf8()))).toEqual(
			new Map([['a', f(true, false, true, ['x', ' y'])], ['b', f(false, false, false, ['x', 'z'])]])
		);
		const dict = arrowTextFacts(stringsIPC({ a: ['x', 'NA', 'x'] }, () => new Dictionary(new Utf8(), new Int32())));
		expect(dict.get('a')).toEqual(f(false, true, false, ['x', 'NA']));
		const ints = tableToIPC(new Table({ n: vectorFromArray([1, 2], new Int32()), s: vectorFromArray(['a', 'b'], new Utf8()) }), 'stream');
		expect([...arrowTextFacts(ints).keys()]).toEqual(['s']);
		expect(arrowTextFacts(stringsIPC({ Name: ['a'], name: [' b'] })).size).toBe(0);
	});
	it('tells whether a key repeats (arrowKeysDistinct), missing values pairing as in GROUP BY', () => {
		const distinct = (cols: Record<string, Array<string | null>>, names: string[], type?: () => DataType) => arrowKeysDistinct(stringsIPC(cols, type), names);
		expect(distinct({ id: ['A', 'A', 'B'], r: ['1', '2', '1'] }, ['id', 'r'])).toBe(true);
		expect(distinct({ id: ['A', 'B', 'A'], r: ['1', '2', '1'] }, ['id', 'r'])).toBe(false);
		expect(distinct({ id: ['AB', 'A'], r: ['1', 'B1'] }, ['id', 'r'])).toBe(true);
		expect(distinct({ id: [null, 'A', null], r: ['1', '1', '1'] }, ['id', 'r'])).toBe(false);
		expect(distinct({ id: [null, 'A', 'B'], r: ['1', '1', '1'] }, ['id', 'r'])).toBe(true);
		// A missing value is not the empty text.
		expect(distinct({ id: [null, ''], r: ['1', '1'] }, ['id', 'r'])).toBe(true);
		const dict = () => new Dictionary(new Utf8(), new Int32());
		expect(distinct({ id: ['A', 'B', 'C'], r: ['1', '1', '1'] }, ['id', 'r'], dict)).toBe(true);
		expect(distinct({ id: ['A', 'B', 'A'], r: ['1', '1', '1'] }, ['id', 'r'], dict)).toBe(false);
		// Not a plain string column, or no such column: not known to be distinct.
		expect(distinct({ id: ['A', 'B'] }, ['id', 'r'])).toBe(false);
		expect(arrowKeysDistinct(tableToIPC(new Table({ n: vectorFromArray([1, 2], new Int32()) }), 'stream'), ['n'])).toBe(false);
		expect(distinct({ id: ['A', 'B'] }, ['id'], () => new LargeUtf8())).toBe(false);
		// Against a count, on random keys.
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.option(fc.constantFrom('A', 'B', 'AB', 'C'), { nil: null }), fc.constantFrom('1', 'B1', '2')), { minLength: 1, maxLength: 12 }), (rows) => {
				const keys = new Set(rows.map(([a, b]) => JSON.stringify([a, b])));
				expect(distinct({ id: rows.map(([a]) => a), r: rows.map(([, b]) => b) }, ['id', 'r'])).toBe(keys.size === rows.length);
			}),
			{ numRuns: 300 }
		);
	});
	it('never says a column lacks a trait one of its values has', () => {
		fc.assert(
			fc.property(fc.array(fc.option(value, { nil: null, freq: 8 }), { minLength: 1, maxLength: 60 }), (values) => {
				const got = arrowTextFacts(stringsIPC({ c: values })).get('c')!;
				const present = values.filter((v): v is string => v !== null);
				if (present.some(isPadded)) expect(got.padded).toBe(true);
				// A padded value goes through the whole cleaning, tokens and all.
				if (present.some((v) => !isPadded(v) && isTokenLike(v))) expect(got.tokens).toBe(true);
				if (present.some(isDecorated)) expect(got.decorated).toBe(true);
				// And a column of plain values is seen as plain (the scan is not just "unknown").
				if (!present.some((v) => isPadded(v) || isTokenLike(v) || isDecorated(v) || /^[nN.#-]/.test(v))) expect({ ...got, values: [] }).toEqual(f(false, false, false));
				// Hints are values of the column.
				for (const h of got.values ?? []) expect(present).toContain(h);
			}),
			{ numRuns: 300 }
		);
	});
});

// ---------------------------------------------------------------- whole loads

/** Everything a load gives the user: the report (but timings), the table and its stored rejects. */
function outcome(r: LoadReport): unknown {
	const table = ws.db.query(`SELECT * FROM ${ident(r.table)}`);
	const types = ws.list().find((t) => t.name === r.table)!.columns;
	const rejects = ws.rejects(r.table);
	const { ms: _ms, loadedAt: _at, table: _table, ...rest } = r;
	return JSON.parse(
		JSON.stringify({ report: rest, columns: table.columns, types, rows: table.rows, rejects: rejects.rows }, (_k, v) =>
			typeof v === 'number' && !Number.isFinite(v) ? `number:${v}` : v
		)
	);
}

async function loadBoth(name: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<{ robust: unknown; fast: unknown }> {
	const run = async (normalise: 'robust' | 'fast') => {
		ws.removeAll();
		try {
			const r = await ws.load({ name, bytes }, { ...options, normalise });
			return outcome(r);
		} catch (e) {
			if (e instanceof InputError) return { refused: e.message };
			throw e;
		} finally {
			ws.removeAll();
		}
	};
	return { robust: await run('robust'), fast: await run('fast') };
}

/** Random small files of a contract table: its columns (some under aliases), an extra column, mixed values. */
function fileArb(table: ContractTableName) {
	const cols = CONTRACT[table].columns;
	return fc
		.record({
			delimiter: fc.constantFrom(';', ','),
			newline: fc.constantFrom('\n', '\r\n'),
			columns: fc.subarray(cols, { minLength: Math.min(3, cols.length) }),
			extra: fc.boolean(),
			rows: fc.array(fc.array(fc.option(value, { nil: null, freq: 8 }), { minLength: cols.length + 1, maxLength: cols.length + 1 }), { minLength: 1, maxLength: 12 }),
			/** Clean columns: mostly one simple value per column, so a scan can find plain columns. */
			clean: fc.array(fc.constantFrom(...CORES.filter((c) => !isPadded(c) && !isTokenLike(c) && !isDecorated(c))), { minLength: cols.length + 1, maxLength: cols.length + 1 }),
			cleanShare: fc.double({ min: 0, max: 1, noNaN: true }),
			blankLine: fc.boolean()
		})
		.map((f) => {
			const names = [...f.columns.map((c) => c.name), ...(f.extra ? ['catatan'] : [])];
			const cell = (v: string | null) => {
				if (v === null) return '';
				return /[;,"\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v;
			};
			const lines = [names.join(f.delimiter)];
			f.rows.forEach((row, r) => {
				lines.push(names.map((_, k) => cell(r / f.rows.length < f.cleanShare ? f.clean[k] : row[k])).join(f.delimiter));
				if (f.blankLine && r === 0) lines.push('');
			});
			return lines.join(f.newline) + f.newline;
		});
}

/** Random small Parquet files of a contract table: its columns as strings (some padded, codes, decorated), an extra column. */
function parquetArb(table: ContractTableName) {
	const cols = CONTRACT[table].columns;
	return fc
		.record({
			columns: fc.subarray(cols, { minLength: Math.min(3, cols.length) }),
			rows: fc.array(fc.array(fc.option(value, { nil: null, freq: 8 }), { minLength: cols.length + 1, maxLength: cols.length + 1 }), { minLength: 1, maxLength: 12 }),
			clean: fc.array(fc.constantFrom(...CORES.filter((c) => !isPadded(c) && !isTokenLike(c) && !isDecorated(c))), { minLength: cols.length + 1, maxLength: cols.length + 1 }),
			cleanShare: fc.double({ min: 0, max: 1, noNaN: true })
		})
		.map((f) => {
			const names = [...f.columns.map((c) => c.name), 'catatan'];
			const rows = f.rows.map((row, r) => Object.fromEntries(names.map((n, k) => [n, r / f.rows.length < f.cleanShare ? f.clean[k] : row[k]])));
			return toParquet({ name: table, columns: names.map((name) => ({ name, type: 'text' as const })), rows } as SampleTable);
		});
}

/** A typed Parquet column for a contract kind, and random values of it (some out of range, some not numbers). */
function typedColumn(kind: ValueKind): { type: ColumnType; value: fc.Arbitrary<string | number | boolean> } {
	switch (kind) {
		case 'integer':
		case 'year':
			return { type: 'int', value: fc.integer({ min: -1, max: 2030 }) };
		case 'double':
		case 'money':
			return { type: 'double', value: fc.oneof(fc.double({ min: -5, max: 1e7, noNaN: true }), fc.constantFrom(Number.NaN, Infinity, 0, 1.5)) };
		case 'date':
			return { type: 'date', value: fc.constantFrom('2023-03-15', '2024-12-31', '2025-01-01', '1999-07-04') };
		case 'boolean':
			return { type: 'bool', value: fc.boolean() };
		default:
			return { type: 'text', value };
	}
}

/**
 * Random small Parquet files of a contract table: some of its columns, in its order or
 * shuffled, each typed (Int32, Float64, DateDay, Bool) or as strings, under its name, an
 * alias or its name in capitals, and sometimes an extra column and a row with no values.
 */
function typedParquetArb(table: ContractTableName) {
	const cols = CONTRACT[table].columns;
	return fc
		.record({
			columns: fc.oneof(fc.subarray(cols, { minLength: Math.min(3, cols.length) }), fc.shuffledSubarray(cols, { minLength: Math.min(3, cols.length) })),
			typed: fc.array(fc.boolean(), { minLength: cols.length, maxLength: cols.length }),
			naming: fc.array(fc.constantFrom('name', 'alias', 'capitals'), { minLength: cols.length, maxLength: cols.length }),
			extra: fc.constantFrom(null, 'catatan', 'skor'),
			emptyRow: fc.boolean(),
			rows: fc.integer({ min: 1, max: 10 })
		})
		.chain((f) => {
			const specs = f.columns.map((c) => {
				const i = cols.indexOf(c);
				const t = f.typed[i] ? typedColumn(c.kind) : { type: 'text' as ColumnType, value };
				const name = f.naming[i] === 'alias' && c.aliases?.length ? c.aliases[0] : f.naming[i] === 'capitals' ? c.name.toUpperCase() : c.name;
				return { name, ...t };
			});
			if (f.extra) specs.push({ name: f.extra, ...(f.extra === 'skor' ? typedColumn('integer') : { type: 'text' as ColumnType, value }) });
			const row = fc.tuple(...specs.map((sp) => fc.option(sp.value as fc.Arbitrary<string | number | boolean>, { nil: null, freq: 6 })));
			return fc.array(row, { minLength: f.rows, maxLength: f.rows }).map((rows) => {
				const all = f.emptyRow ? [...rows, specs.map(() => null)] : rows;
				return toParquet({
					name: table,
					columns: specs.map((sp) => ({ name: sp.name, type: sp.type })),
					rows: all.map((r) => Object.fromEntries(specs.map((sp, k) => [sp.name, r[k]])))
				} as SampleTable);
			});
		});
}

// Whole loads take a few seconds each in Node: a property of 20 to 80 of them takes minutes,
// and on a busy machine (a 2-core box running a browser) more than twice as long, so these
// tests are allowed 15 minutes each. A test past its time keeps running in the worker and
// fails the tests after it.
describe('whole loads give the same result in both forms', () => {
	for (const table of ['households', 'people'] as ContractTableName[]) {
		it(`random ${table} Parquet files of strings`, async () => {
			await fc.assert(
				fc.asyncProperty(parquetArb(table), async (bytes) => {
					const { robust, fast } = await loadBoth(`${table}.parquet`, bytes);
					expect(fast).toEqual(robust);
				}),
				{ numRuns: 25 }
			);
		}, 900_000);
	}

	// The fast form types a Parquet file's table in place where it can (ingest.ts
	// inPlaceSteps): typed and text columns, aliases and names in other cases, any column
	// order (the table is made in the plan's order; the report keeps the file's), rejected
	// and empty rows, defaults.
	it('random typed Parquet files in any column order, in place or copied', async () => {
		const inPlace = { yes: 0, no: 0 };
		const fastLoads = { inPlace: 0, copied: 0 };
		const exec = ws.db.exec.bind(ws.db);
		ws.db.exec = (sql: string) => {
			if (/^CREATE TABLE "__load_[^"]*" AS /.test(sql)) inPlace[sql.includes('SELECT "__pantau_row", "__pantau_errors"') ? 'yes' : 'no']++;
			return exec(sql);
		};
		try {
			for (const table of ['households', 'people', 'loans', 'enterprises'] as ContractTableName[]) {
				await fc.assert(
					fc.asyncProperty(typedParquetArb(table), async (bytes) => {
						const before = inPlace.yes;
						const { robust, fast } = await loadBoth(`${table}.parquet`, bytes);
						expect(fast).toEqual(robust);
						if (inPlace.yes > before) fastLoads.inPlace++;
						else if (!(fast as { refused?: string }).refused) fastLoads.copied++;
					}),
					{ numRuns: 20 }
				);
			}
		} finally {
			ws.db.exec = exec;
		}
		// The fast form took both ways, in place for most files, whatever their column order
		// (about 60 of 80 go in place; without the reordering, about 30 did).
		expect(fastLoads.inPlace).toBeGreaterThan(40);
		expect(fastLoads.copied).toBeGreaterThan(5);
	}, 900_000);

	// A column called like DuckDB's row id stood for it in the row numbers of the first in-place
	// version: rejects on the wrong rows, rows deleted by its values, a text one refused.
	it('Parquet files with a rowid column give the same result in both forms', async () => {
		const people = (rowid: { type: ColumnType; values: Array<string | number | null> }, name = 'rowid') =>
			toParquet({
				name: 'people',
				columns: [
					{ name: 'person_id', type: 'text' },
					{ name: 'household_id', type: 'text' },
					{ name: 'round', type: 'text' },
					{ name: 'sex', type: 'text' },
					{ name: 'age', type: 'int' },
					{ name, type: rowid.type }
				],
				// Rows 2 and 4 are rejected (an unknown sex, an age over 130).
				rows: rowid.values.map((v, i) => ({ person_id: `P${i}`, household_id: 'H1', round: 'baseline', sex: i === 1 ? 'X' : 'F', age: i === 3 ? 150 : 30, [name]: v }))
			} as SampleTable);
		const files: Array<[string, Uint8Array]> = [
			['people.parquet', people({ type: 'int', values: [100, 101, 102, 103] })],
			['people.parquet', people({ type: 'int', values: [3, 3, 3, 3] })],
			['people.parquet', people({ type: 'text', values: ['a', 'b', 'c', 'd'] }, 'RowID')],
			[
				'export.parquet',
				toParquet({
					name: 'export',
					columns: [
						{ name: 'rowid', type: 'int' },
						{ name: 'nama', type: 'text' },
						{ name: 'harga', type: 'double' }
					],
					rows: [
						{ rowid: 1, nama: 'a', harga: 1.5 },
						{ rowid: null, nama: null, harga: null },
						{ rowid: 3, nama: 'c', harga: 2 }
					]
				} as SampleTable)
			]
		];
		for (const [name, bytes] of files) {
			const { robust, fast } = await loadBoth(name, bytes);
			expect(fast, name).toEqual(robust);
			expect((fast as { refused?: string }).refused, name).toBeUndefined();
		}
	});

	// Arrow in JS reads an empty column name as "null" (DuckDB calls the column v2 or so):
	// such a stream is not reordered, so both forms name the column alike.
	it('an Arrow stream with an unnamed column, out of order, gives the same result in both forms', async () => {
		const ipc = tableToIPC(
			new Table({
				age: vectorFromArray([30, 41], new Int32()),
				sex: vectorFromArray(['F', 'M'], new Utf8()),
				'': vectorFromArray(['x', 'y'], new Utf8()),
				person_id: vectorFromArray(['P1', 'P2'], new Utf8()),
				household_id: vectorFromArray(['H1', 'H1'], new Utf8()),
				round: vectorFromArray(['baseline', 'baseline'], new Utf8())
			}),
			'stream'
		);
		const run = async (normalise: 'robust' | 'fast') => {
			ws.removeAll();
			try {
				return outcome(await ws.load({ name: 'people.parquet', bytes: new Uint8Array(), arrowIPC: ipc }, { normalise }));
			} finally {
				ws.removeAll();
			}
		};
		const robust = await run('robust');
		expect(await run('fast')).toEqual(robust);
		expect((robust as { report: { sourceColumns: string[] } }).report.sourceColumns).not.toContain('null');
	});

	it('a clean Parquet file skips the cleaning tests; a padded one keeps them', async () => {
		const typing: string[] = [];
		const exec = ws.db.exec.bind(ws.db);
		ws.db.exec = (sql: string) => {
			if (sql.startsWith('CREATE TABLE "__load')) typing.push(sql);
			return exec(sql);
		};
		try {
			const file = (dusun: string) =>
				toParquet({
					name: 'households',
					columns: ['household_id', 'round', 'survey_date', 'dusun', 'members'].map((name) => ({ name, type: 'text' as const })),
					rows: [{ household_id: 'H1', round: 'baseline', survey_date: '2023-03-15', dusun, members: '4' }]
				} as SampleTable);
			for (const [dusun, cleaned] of [['Krajan', false], [' Krajan', true]] as const) {
				ws.removeAll();
				typing.length = 0;
				const r = await ws.load({ name: 'households.parquet', bytes: file(dusun) });
				expect(r.rowsLoaded).toBe(1);
				expect(ws.db.query('SELECT dusun FROM households').rows).toEqual([['Krajan']]);
				expect(typing).toHaveLength(1);
				expect(/regexp_matches\("dusun"/.test(typing[0]), dusun).toBe(cleaned);
				expect(/regexp_matches\("household_id"/.test(typing[0])).toBe(false);
			}
		} finally {
			ws.db.exec = exec;
			ws.removeAll();
		}
	});

	for (const table of ['households', 'people', 'enterprises', 'budget'] as ContractTableName[]) {
		it(`random ${table} files`, async () => {
			await fc.assert(
				fc.asyncProperty(fileArb(table), async (csv) => {
					const { robust, fast } = await loadBoth(`${table}.csv`, new TextEncoder().encode(csv));
					expect(fast).toEqual(robust);
				}),
				{ numRuns: 25 }
			);
		}, 900_000);
	}

	it('every file of the bad-input corpus and the fixtures', async () => {
		const dirs = ['tests/fixtures/bad', 'tests/fixtures'];
		const cases = JSON.parse(readFileSync('tests/fixtures/bad/cases.json', 'utf8')) as Array<{ file: string; table?: ContractTableName }>;
		const forced = new Map(cases.map((c) => [c.file, c.table]));
		for (const dir of dirs) {
			for (const file of readdirSync(dir, { withFileTypes: true })) {
				if (!file.isFile() || /\.(ts|json)$/.test(file.name)) continue;
				const bytes = new Uint8Array(readFileSync(path.join(dir, file.name)));
				const table = forced.get(file.name);
				const { robust, fast } = await loadBoth(file.name, bytes, table ? { contract: table } : {});
				expect(fast, file.name).toEqual(robust);
			}
		}
	}, 900_000);
});

describe('the table of a load where every row loads', () => {
	it('is the staged table as it is: the same columns, types and rows as the copy made when a row is rejected', async () => {
		const good = readFileSync('tests/fixtures/rumah_tangga_id.csv', 'utf8').trimEnd();
		const table = async (csv: string) => {
			ws.removeAll();
			const r = await ws.load({ name: 'rumah_tangga.csv', bytes: new TextEncoder().encode(csv) });
			const types = ws.list()[0].columns;
			const rows = ws.db.query(`SELECT * FROM ${ident(r.table)} WHERE household_id <> 'BAD'`).rows;
			ws.removeAll();
			return { rejected: r.rowsRejected, types, rows };
		};
		const all = await table(good);
		const copied = await table(`${good}\nBAD;baseline;15/03/2023;Krajan;program;L;abc;1.000;ya;ya;ya;1`);
		expect(all.rejected).toBe(0);
		expect(copied.rejected).toBe(1);
		expect(all.types).toEqual(copied.types);
		expect(all.rows).toEqual(copied.rows);
	});
});
