/**
 * The bad-input corpus (tests/fixtures/bad/cases.json): every file is loaded into a Workspace
 * as the app loads it. The message a user should see must appear (the refusal, or a rejected
 * row, note or warning of the load report, written as the data page shows it), the counts
 * must reconcile, and the workspace must still load and query a good file afterwards.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { rowObjects } from '../../src/lib/engine/database';
import { Workspace } from '../../src/lib/engine/workspace';
import { InputError, type LoadReport } from '../../src/lib/engine/ingest';
import type { ContractTableName } from '../../src/lib/engine/contract';
import { ident } from '../../src/lib/engine/sql';
import fc from 'fast-check';
import { excelSepLine, isValidUtf8 } from '../../src/lib/engine/csv-dialect';

const DIR = path.resolve('tests/fixtures/bad');

interface Case {
	file: string;
	/** Force the contract table (otherwise assigned by name or columns, as in the app). */
	table?: ContractTableName;
	about: string;
	expect: {
		/** The file is refused: the thrown message matches. */
		error?: string;
		/** Regexes that must each match one message of the load report. */
		message?: string | string[];
		warning?: string | string[];
		contract?: ContractTableName | null;
		rowsRead?: number;
		rowsLoaded?: number;
		rowsRejected?: number;
		rejectLines?: number[];
		dialect?: Record<string, unknown>;
		columns?: string[];
		/** Loaded values of a column, in file order (dates as YYYY-MM-DD). */
		values?: Record<string, unknown[]>;
	};
}

const CASES = JSON.parse(readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as Case[];
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The load report's messages as the data page shows them. */
function userMessages(r: LoadReport): string[] {
	return [
		...r.rejects.map((x) => `${r.file}, line ${x.line}, column ${x.column ?? '-'}: ${x.value === null ? '' : `"${x.value}" `}${x.reason}`),
		...r.notes,
		...r.warnings.map((w) => `${w.message} (${w.count})${w.lines.length > 0 ? `: lines ${w.lines.join(', ')}` : ''}`)
	];
}

function plain(v: unknown): unknown {
	return v instanceof Date ? v.toISOString().slice(0, 10) : v;
}

let ws: Workspace;
const good = readFileSync(path.resolve('tests/fixtures/rumah_tangga_id.csv'));

beforeAll(async () => {
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
});

describe('the bad-input corpus', () => {
	it('has at least 30 cases, one per file, and every file is listed', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
		const files = readdirSync(DIR).filter((f) => !/\.(ts|json)$/.test(f));
		expect(new Set(CASES.map((c) => c.file))).toEqual(new Set(files));
		expect(new Set(CASES.map((c) => c.file)).size).toBe(CASES.length);
	});

	for (const c of CASES) {
		it(`${c.file}: ${c.about}`, async () => {
			ws.removeAll();
			const bytes = readFileSync(path.join(DIR, c.file));
			const options = c.table ? { contract: c.table } : {};
			const e = c.expect;
			if (e.error) {
				let thrown: unknown = null;
				try {
					await ws.load({ name: c.file, bytes }, options);
				} catch (err) {
					thrown = err;
				}
				expect(thrown, 'the file must be refused').toBeInstanceOf(InputError);
				const message = (thrown as Error).message;
				expect(message).toMatch(new RegExp(e.error));
				// A refusal names the file, and leaves nothing half-loaded behind.
				expect(message).toContain(c.file);
				expect(ws.list()).toEqual([]);
			} else {
				const r = await ws.load({ name: c.file, bytes }, options);
				expect(r.rowsRead, 'rows read = rows loaded + rows rejected').toBe(r.rowsLoaded + r.rowsRejected);
				expect(ws.list()[0].rows).toBe(r.rowsLoaded);
				const messages = userMessages(r);
				for (const m of list(e.message)) {
					const re = new RegExp(m, 's');
					expect(
						messages.some((x) => re.test(x)),
						`no message matches /${m}/ among:\n${messages.join('\n')}`
					).toBe(true);
				}
				// Every rejected row says where (line), what (column) and why.
				for (const x of r.rejects) {
					expect(x.line).toBeGreaterThan(0);
					expect(x.reason.length).toBeGreaterThan(10);
				}
				const codes = r.warnings.map((w) => w.code);
				for (const w of list(e.warning)) expect(codes).toContain(w);
				if (e.contract !== undefined) expect(r.contract).toBe(e.contract);
				if (e.rowsRead !== undefined) expect(r.rowsRead).toBe(e.rowsRead);
				if (e.rowsLoaded !== undefined) expect(r.rowsLoaded).toBe(e.rowsLoaded);
				if (e.rowsRejected !== undefined) expect(r.rowsRejected).toBe(e.rowsRejected);
				if (e.rejectLines) expect([...new Set(r.rejects.map((x) => x.line))]).toEqual(e.rejectLines);
				if (e.dialect) expect(r.dialect).toMatchObject(e.dialect);
				const columns = ws.list()[0].columns.map((x) => x.name);
				for (const col of e.columns ?? []) expect(columns).toContain(col);
				for (const [col, values] of Object.entries(e.values ?? {})) {
					const got = ws.db.query(`SELECT ${ident(col)} FROM ${ident(r.table)}`).rows.map((row) => plain(row[0]));
					expect(got, col).toEqual(values);
				}
				// Every rejected value is kept for download, with the file's name.
				const stored = ws.rejects(r.table);
				expect(stored.rows.length).toBe(r.rejectsTotal);
				for (const row of stored.rows) expect(row[0]).toBe(c.file);
			}
			// The workspace still works: a good file loads beside whatever is left, and queries.
			const ok = await ws.load({ name: 'rumah_tangga_id.csv', bytes: good });
			expect(ok.rowsLoaded).toBe(3);
			const [row] = rowObjects<{ n: number; income: number }>(
				ws.db.query(`SELECT count(*) AS n, max(income_month_idr) AS income FROM "contract"."households" WHERE household_id LIKE 'TB-%'`)
			);
			expect(row.n).toBeGreaterThanOrEqual(3);
			expect(row.income).toBeGreaterThan(0);
		});
	}
});

describe('identifiers and prototype keys from files', () => {
	it('a column named x"; DROP TABLE households; -- loads and queries as a plain column', async () => {
		ws.removeAll();
		const name = 'x"; DROP TABLE households; --';
		const csv = [
			`household_id,round,survey_date,dusun,members,income_month_idr,"x""; DROP TABLE households; --",__proto__,constructor,prototype`,
			`TB-001,baseline,2023-03-01,Krajan,4,1500000,"a'); DROP TABLE households; --",{"polluted":true},x,y`,
			`TB-002,baseline,2023-03-01,Krajan,3,900000,b,__proto__,constructor,z`
		].join('\n');
		const r = await ws.load({ name: 'households.csv', bytes: new TextEncoder().encode(csv) });
		expect(r.rowsLoaded).toBe(2);
		expect(r.unknownColumns).toEqual([name, '__proto__', 'constructor', 'prototype']);
		expect(ws.has('households')).toBe(true);
		const res = ws.db.query(`SELECT ${ident(name)}, "__proto__", "constructor" FROM "households" ORDER BY household_id`);
		expect(res.columns).toEqual([name, '__proto__', 'constructor']);
		expect(res.rows).toEqual([
			["a'); DROP TABLE households; --", '{"polluted":true}', 'x'],
			['b', '__proto__', 'constructor']
		]);
		// The contract view still reads the table: nothing was dropped.
		expect(Number(ws.db.query(`SELECT count(*) FROM "contract"."households"`).rows[0][0])).toBe(2);
		// Bound parameters carry the payload as a value.
		const bound = ws.db.query(`SELECT count(*) FROM "households" WHERE ${ident(name)} = ?`, ["a'); DROP TABLE households; --"]);
		expect(Number(bound.rows[0][0])).toBe(1);

		// rowObjects keys by column, with no prototype: __proto__ and constructor are plain data.
		const objects = rowObjects<Record<string, unknown>>(ws.preview('households'));
		expect(Object.getPrototypeOf(objects[0])).toBeNull();
		expect(objects[0]['__proto__']).toBe('{"polluted":true}');
		expect(objects[1]['__proto__']).toBe('__proto__');
		expect(objects[0]['constructor']).toBe('x');
		expect(Object.keys(objects[0])).toContain('__proto__');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
		expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
		// The report and table list survive structured cloning to the page (what postMessage does).
		const cloned = structuredClone(ws.list());
		expect(cloned[0].columns.map((c) => c.name)).toContain('__proto__');
		ws.removeAll();
	});

	it('a file name with a payload becomes a plain table name', async () => {
		ws.removeAll();
		const r = await ws.load({
			name: '<img src=x onerror="window.__pwned=1">"; DROP TABLE households; --.csv',
			bytes: good
		});
		expect(r.table).toMatch(/^[a-z0-9_]+$/);
		expect(r.file).toContain('<img');
		expect(ws.preview(r.table).rows.length).toBe(3);
		ws.removeAll();
	});
});

describe('UTF-8 check (what decides that a file is read as Windows-1252)', () => {
	/** The plain byte-by-byte reading of the same rules: lead byte C2-F4, then 1-3 continuation bytes. */
	const reference = (b: Uint8Array): boolean => {
		for (let i = 0; i < b.length; ) {
			const c = b[i];
			const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
			if (need < 0) return false;
			for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return false;
			i += need + 1;
		}
		return true;
	};

	it('agrees with the byte-by-byte rules wherever the bytes start and end (it reads eight ASCII bytes at a time)', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => new TextEncoder().encode(t));
		const noise = fc.uint8Array({ maxLength: 40 });
		fc.assert(
			fc.property(fc.array(fc.oneof(text, noise, fc.constant(new TextEncoder().encode('abcdefghijklmnop'))), { maxLength: 6 }), fc.nat(7), (parts, offset) => {
				const total = parts.reduce((n, p) => n + p.length, 0);
				const buffer = new Uint8Array(total + offset);
				let at = offset;
				for (const p of parts) {
					buffer.set(p, at);
					at += p.length;
				}
				const bytes = buffer.subarray(offset);
				expect(isValidUtf8(bytes)).toBe(reference(bytes));
			}),
			{ numRuns: 2000 }
		);
	});

	it('finds one bad byte far into long ASCII text', () => {
		const bytes = new Uint8Array(100_003).fill(0x61);
		expect(isValidUtf8(bytes)).toBe(true);
		for (const at of [0, 7, 8, 99_999, 100_002]) {
			const bad = bytes.slice();
			bad[at] = 0xe9; // é in Windows-1252: not UTF-8 on its own
			expect(isValidUtf8(bad)).toBe(false);
			expect(isValidUtf8(bad.subarray(1))).toBe(at === 0);
		}
	});
});

describe("Excel's delimiter hint (a first line sep=;)", () => {
	const enc = (t: string) => new TextEncoder().encode(t);
	const dec = (b: Uint8Array) => new TextDecoder().decode(b);
	it('is read in its spellings, and only its text is removed: the line break stays, so every line keeps its number', () => {
		for (const [text, delimiter] of [
			['sep=;\na;b\n', ';'],
			['SEP=,\r\na,b\r\n', ','],
			['"sep=;";;;\r\na;b\r\n', ';'],
			['sep=|  \na|b\n', '|'],
			['sep=\t\na\tb\n', '\t']
		] as const) {
			const r = excelSepLine(enc(text));
			expect(r?.delimiter, text).toBe(delimiter);
			expect(dec(r!.bytes), text).toBe(text.slice(text.search(/\r?\n/)));
		}
	});
	it('is not a header that starts like it, nor the hint anywhere but line 1', () => {
		for (const text of ['separator;x\n1;2\n', 'sep=;x\n', 'sep=:\n', 'a;b\nsep=;\n', '"sep=;\n', 'sep;a\n']) expect(excelSepLine(enc(text)), text).toBeNull();
	});
});
