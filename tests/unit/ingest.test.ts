import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { rowObjects } from '../../src/lib/engine/database';
import { Workspace } from '../../src/lib/engine/workspace';
import { InputError } from '../../src/lib/engine/ingest';
import { keysDistinct, type KeyChecker, type KeyJob } from '../../src/lib/engine/key-check';
import { toParquet } from '../../data/sample/parquet';
import type { SampleTable } from '../../data/sample/table';

let ws: Workspace;
const enc = (s: string) => new TextEncoder().encode(s);
beforeAll(async () => {
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
});

describe('ingest of an Indonesian spreadsheet CSV', () => {
	it('reads ; delimiters, decimal commas, Rp amounts, L/P, ya/tidak and DD/MM/YYYY exactly', async () => {
		const csv = [
			'id_rt;putaran;tanggal_survei;dusun;kelompok;jk_kepala;jumlah_anggota;pendapatan_bulanan;listrik;air_layak;bobot',
			'H001;baseline;15/03/2023;Krajan;program;L;4;1.500.000,50;ya;tidak;1,25',
			'H002;baseline;02-04-2023;Sukamaju;pembanding;P;3;Rp 2.000.000;tidak;ya;0,8',
			'H003;baseline;2023-03-20;Krajan;;perempuan;5;Rp\u00a0750.000;Ya;-;'
		].join('\r\n');
		const r = await ws.load({ name: 'Rumah Tangga 2025.csv', bytes: enc(csv) }, { contract: undefined });
		expect(r.table).toBe('rumah_tangga_2025');
		expect(r.contract).toBe('households');
		expect(r.assignedBy).toBe('columns');
		expect(r.dialect).toMatchObject({ delimiter: ';', decimal: ',', header: true });
		expect(r.rowsRead).toBe(3);
		expect(r.rowsLoaded).toBe(3);
		expect(r.rowsRejected).toBe(0);
		const rows = rowObjects<Record<string, unknown>>(
			ws.db.query(`SELECT * FROM "rumah_tangga_2025" ORDER BY household_id`)
		);
		expect(rows[0].income_month_idr).toBe(1500000.5);
		expect((rows[0].survey_date as Date).toISOString().slice(0, 10)).toBe('2023-03-15');
		expect(rows[0].head_sex).toBe('M');
		expect(rows[0].electricity).toBe(true);
		expect(rows[0].water_improved).toBe(false);
		expect(rows[0].weight).toBe(1.25);
		expect(rows[0].group).toBe('program');
		expect(rows[1].income_month_idr).toBe(2000000);
		expect((rows[1].survey_date as Date).toISOString().slice(0, 10)).toBe('2023-04-02');
		expect(rows[1].head_sex).toBe('F');
		expect(rows[1].group).toBe('comparison');
		expect(rows[2].income_month_idr).toBe(750000);
		expect(rows[2].water_improved).toBeNull();
		expect(rows[2].weight).toBe(1);
		expect(rows[2].group).toBe('program');
		const info = ws.contractTables().households!;
		expect(info.ref).toBe('"contract"."households"');
		expect(info.columns).toContain('weight');
		expect(info.columns).not.toContain('road_2km');
		ws.remove('rumah_tangga_2025');
	});
});

describe('derived defaults', () => {
	// A loans file without a status column: status is derived from the amount outstanding.
	// The load's warnings read the staged rows, which have no status yet; that once failed
	// the whole load with a binder error, from CSV and from Parquet alike.
	it('a loans file without status loads, with status active where an amount is outstanding', async () => {
		const rows = [
			{ loan_id: 'L1', borrower_id: 'B1', borrower_sex: 'P', disbursed_date: '2024-01-10', amount_idr: 5000000, report_date: '2025-06-30', outstanding_idr: 1250000, days_past_due: 0 },
			{ loan_id: 'L2', borrower_id: 'B2', borrower_sex: 'L', disbursed_date: '2024-02-01', amount_idr: 3000000, report_date: '2025-06-30', outstanding_idr: 0, days_past_due: 0 }
		];
		const header = Object.keys(rows[0]);
		const csv = [header.join(';'), ...rows.map((r) => header.map((h) => String(r[h as keyof typeof r])).join(';'))].join('\n');
		const parquet = toParquet({
			name: 'loans',
			columns: header.map((name) => ({ name, type: /amount|outstanding/.test(name) ? 'money' : /days/.test(name) ? 'int' : /date/.test(name) ? 'date' : 'text' })),
			rows
		} as SampleTable);
		for (const [name, bytes] of [['loans.csv', enc(csv)], ['loans.parquet', parquet]] as const) {
			const r = await ws.load({ name, bytes });
			expect(r.contract, name).toBe('loans');
			expect(r.rowsLoaded, name).toBe(2);
			expect(r.warnings, name).toEqual([]);
			expect(ws.db.query(`SELECT "loan_id", "status" FROM "${r.table}" ORDER BY 1`).rows, name).toEqual([
				['L1', 'active'],
				['L2', null]
			]);
			ws.remove(r.table);
		}
	});
});

describe('rejected rows', () => {
	it('names each rejected row with line, column and reason, and the counts reconcile', async () => {
		const csv = [
			'household_id,round,survey_date,dusun,members,income_month_idr',
			'A,baseline,2023-03-01,Krajan,4,1000000',
			'B,baseline,31/02/2023,Krajan,3,900000',
			'C,baseline,2023-03-02,Krajan,0,800000',
			'D,baseline,2023-03-02,"Kra',
			'jan",2,abc',
			'E,baseline,2023-03-03,Krajan,2,700000,extra',
			'',
			'F,baseline,15/03/23,Krajan,2,700000',
			'G,baseline,2023-03-04,Krajan,2,600000'
		].join('\n');
		const r = await ws.load({ name: 'households.csv', bytes: enc(csv) });
		expect(r.contract).toBe('households');
		expect(r.assignedBy).toBe('name');
		expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
		expect(r.rowsLoaded).toBe(2);
		expect(r.rowsRejected).toBe(5);
		const byLine = new Map(r.rejects.map((x) => [x.line, x]));
		expect(byLine.get(3)).toMatchObject({ column: 'survey_date', value: '31/02/2023' });
		expect(byLine.get(3)!.reason).toMatch(/not a real date/);
		expect(byLine.get(4)).toMatchObject({ column: 'members' });
		expect(byLine.get(4)!.reason).toMatch(/below the minimum of 1/);
		expect(byLine.get(5)).toMatchObject({ column: 'income_month_idr', value: 'abc' });
		expect(byLine.get(7)!.reason).toMatch(/too many values/);
		expect(byLine.get(9)!.reason).toMatch(/2-digit year/);
		const stored = ws.rejects('households');
		expect(stored.rows.length).toBe(r.rejectsTotal);
		ws.remove('households');
	});
});

describe('rejected amounts', () => {
	it('are quoted as the file wrote them, Rp and all, in both forms', async () => {
		const csv = ['id_rt;putaran;tanggal_survei;jumlah_anggota;pendapatan_bulanan', 'H1;baseline;15/03/2023;4;Rp 1.2OO.000', 'H2;baseline;15/03/2023;4;Rp\u00a01.500.000,-'].join('\n');
		for (const normalise of ['fast', 'robust'] as const) {
			const r = await ws.load({ name: 'households.csv', bytes: enc(csv) }, { normalise });
			expect(r.rowsLoaded, normalise).toBe(1);
			expect(r.rejects, normalise).toEqual([expect.objectContaining({ line: 2, column: 'pendapatan_bulanan', value: 'Rp 1.2OO.000' })]);
			expect(rowObjects<{ value: string }>(ws.rejects('households')).map((x) => x.value)).toEqual(['Rp 1.2OO.000']);
			ws.remove('households');
		}
	});
});

describe('spreadsheet habits', () => {
	it('reads 1.200 in a whole-number column of a decimal-comma file, 75% in a percent column, listed values in any case and with spaces for underscores, and warns of negative amounts', async () => {
		const meetings = [
			'id_rapat;tanggal;tingkat;jenis;peserta;peserta_perempuan;usulan;usulan_diterima',
			'M1;05/01/2025;Desa;musdes;1.200;450;12;2,0', // 1200 attendees; 2,0 adopted is 2
			'M2;06/02/2025;DUSUN;forum;85;30;4;1',
			'M3;07/03/2025;desa;musdes;1.20;30;4;1' // neither a whole number nor thousands: rejected
		].join('\n');
		const infra = [
			'project_id;report_date;name;dusun;type;status;progress_pct;budget_idr;spent_idr',
			'P1;31/01/2025;Jalan A;Krajan;Road;completed;100 %;Rp 250.000.000;Rp 240.000.000',
			'P2;31/01/2025;Sumur B;Krajan;water;In Progress;75%;Rp 90.000.000;Rp -5.000.000', // a space for the list's underscore
			'P3;31/01/2025;Sumur C;Krajan;water;planned;120%;Rp 10.000.000;0'
		].join('\n');
		for (const normalise of ['fast', 'robust'] as const) {
			const m = await ws.load({ name: 'meetings.csv', bytes: enc(meetings) }, { normalise });
			expect(m.contract, normalise).toBe('meetings');
			expect([m.rowsRead, m.rowsLoaded, m.rowsRejected], normalise).toEqual([3, 2, 1]);
			expect(m.rejects[0], normalise).toMatchObject({ line: 4, column: 'peserta' });
			const mr = rowObjects<Record<string, unknown>>(ws.db.query('SELECT meeting_id, level, attendees, proposals_adopted FROM "meetings" ORDER BY meeting_id'));
			expect(mr, normalise).toEqual([
				{ meeting_id: 'M1', level: 'desa', attendees: 1200, proposals_adopted: 2 },
				{ meeting_id: 'M2', level: 'dusun', attendees: 85, proposals_adopted: 1 }
			]);
			// 'Desa' and 'DUSUN' are the listed desa and dusun: no warning about them
			expect(m.warnings.map((w) => w.code), normalise).not.toContain('unexpected_level');

			const f = await ws.load({ name: 'infrastructure.csv', bytes: enc(infra) }, { normalise });
			expect([f.rowsRead, f.rowsLoaded, f.rowsRejected], normalise).toEqual([3, 2, 1]);
			expect(f.rejects[0], normalise).toMatchObject({ line: 4, column: 'progress_pct', reason: 'is above the maximum of 100' });
			const fr = rowObjects<Record<string, unknown>>(ws.db.query('SELECT project_id, type, status, progress_pct, spent_idr FROM "infrastructure" ORDER BY project_id'));
			expect(fr, normalise).toEqual([
				{ project_id: 'P1', type: 'road', status: 'completed', progress_pct: 100, spent_idr: 240e6 },
				{ project_id: 'P2', type: 'water', status: 'in_progress', progress_pct: 75, spent_idr: -5e6 }
			]);
			// loaded as written, and said so
			expect(f.warnings.find((w) => w.code === 'negative_spent_idr'), normalise).toMatchObject({
				kind: 'negative',
				count: 1,
				lines: [3],
				params: { column: 'spent_idr', n: '1', lowest: '-5000000' }
			});
			ws.remove('meetings');
			ws.remove('infrastructure');
		}
	});
});

/**
 * A checker that makes the key check as the engine worker's helper thread does (the same
 * function, on a copy, answered after a turn of the event loop), or answers false as a
 * helper that failed does. It counts the jobs it took, and the load's duplicate-key queries
 * are counted too: a key check answered "distinct" must spare the query.
 */
function handedKeys(answer: 'check' | 'fail') {
	const jobs: KeyJob[] = [];
	const checker: KeyChecker = {
		takes: () => true,
		check: (job) => {
			jobs.push(job);
			return new Promise((resolve) => setTimeout(() => (answer === 'fail' ? resolve(false) : resolve(keysDistinct(job))), 0));
		}
	};
	return { jobs, checker };
}
const duplicateQueries = (db: { query: (sql: string, params?: unknown[]) => unknown }) => {
	const counted = { n: 0 };
	const query = db.query.bind(db);
	db.query = (sql: string, params?: unknown[]) => {
		if (/HAVING count\(\*\) > 1/.test(sql)) counted.n++;
		return query(sql, params);
	};
	return counted;
};

const keyCheckers = { 'checked in the scan': null, 'checked on another thread': 'check', 'with a helper that failed': 'fail' } as const;
for (const [how, answer] of Object.entries(keyCheckers)) {
	describe(`duplicate keys (${how})`, () => {
		let handedWs: Workspace | null = null;
		const handed = answer ? handedKeys(answer) : null;
		let queries = { n: 0 };
		beforeAll(async () => {
			if (!handed) return;
			const db = await createNodeDatabase();
			queries = duplicateQueries(db);
			handedWs = new Workspace(db, await createNodeParquetDecoder(), handed.checker);
		});
		const space = () => handedWs ?? ws;

		it('are found exactly, with and without repeats, empty keys pairing as GROUP BY pairs them', async () => {
			// Random files, some with every key distinct: each seed's warning (count, rows, first
			// lines) must equal a count done here, an empty id counting as one value as in GROUP BY.
			let state = 7;
			const rand = (n: number) => {
				state = (state * 1103515245 + 12345) % 2147483648;
				return state % n;
			};
			let withRepeats = 0;
			for (let seed = 0; seed < 12; seed++) {
				const rows = 20 + rand(40);
				// Seeds 0-3: every key distinct; others: ids from a small set, some left empty.
				const ids = seed < 4 ? null : 3 + rand(30);
				// Seeds 8-11 also write ids the load reads the same: padded, quoted, or a missing-value code.
				const spelled = seed >= 8;
				const lines = ['household_id,round,survey_date,members,income_month_idr'];
				const keys: string[] = [];
				for (let i = 0; i < rows; i++) {
					const id = ids === null ? `H${seed}-${i}` : rand(10) === 0 ? '' : `H${rand(ids)}`;
					const round = ids === null ? 'baseline' : rand(2) ? 'baseline' : 'endline';
					const pick = spelled ? rand(4) : 0;
					const written = id === '' ? (pick === 1 ? 'NA' : '') : pick === 1 ? `${id} ` : pick === 2 ? `"${id}"` : id;
					lines.push(`${written},${round},2023-03-01,3,1000000`);
					keys.push(`${id === '' ? '<null>' : id}|${round}`);
				}
				const count = new Map<string, number>();
				for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
				const repeated = [...count.values()].filter((c) => c > 1);
				const expectedLines = keys.map((k, i) => [k, i + 2] as const).filter(([k]) => count.get(k)! > 1).map(([, line]) => line).slice(0, 10);
				const r = await space().load({ name: 'households.csv', bytes: enc(lines.join('\n')) });
				const w = r.warnings.find((x) => x.code === 'duplicate_key');
				if (repeated.length === 0) {
					expect(w, `seed ${seed}`).toBeUndefined();
				} else {
					withRepeats++;
					expect(w?.params, `seed ${seed}`).toMatchObject({ n: String(repeated.length), rows: String(repeated.reduce((a, b) => a + b, 0)) });
					expect(w?.lines, `seed ${seed}`).toEqual(expectedLines);
				}
				space().remove('households');
			}
			expect(withRepeats).toBeGreaterThan(4);
		});
		it('are found in Parquet files: a repeat, a padded repeat, two missing ids; none where every key differs', async () => {
			const names = ['household_id', 'round', 'survey_date', 'members', 'income_month_idr'];
			for (const [a, b, repeats] of [
				['H1', 'H1', true],
				['H1 ', 'H1', true],
				[null, null, true],
				['H1', 'H01', false]
			] as const) {
				const ids = [a, ...Array.from({ length: 38 }, (_, i) => `H${i + 2}`), b];
				const rows = ids.map((id) => ({ household_id: id, round: 'baseline', survey_date: '2023-03-01', members: '3', income_month_idr: '1000000' }));
				const bytes = toParquet({ name: 'households', columns: names.map((name) => ({ name, type: 'text' as const })), rows } as unknown as SampleTable);
				const r = await space().load({ name: 'households.parquet', bytes });
				const w = r.warnings.find((x) => x.code === 'duplicate_key');
				if (repeats) {
					expect(w?.params, `${a} / ${b}`).toMatchObject({ n: '1', rows: '2' });
					expect(w?.lines).toEqual([1, 40]);
				} else expect(w).toBeUndefined();
				space().remove('households');
			}
		});
		it('are found where the only repeat is spelled differently in the file (padded, or two missing-value codes)', async () => {
			// Every key's bytes differ, so the byte scan cannot clear the file: the load reads them the same.
			for (const [a, b] of [
				['H1 ', 'H1'],
				['NA', '-'],
				['"H1 "', 'H1']
			]) {
				const lines = ['household_id,round,survey_date,members,income_month_idr', `${a},baseline,2023-03-01,3,1000000`];
				for (let i = 2; i < 40; i++) lines.push(`H${i},baseline,2023-03-01,3,1000000`);
				lines.push(`${b},baseline,2023-03-01,3,1000000`);
				const r = await space().load({ name: 'households.csv', bytes: enc(lines.join('\n')) });
				const w = r.warnings.find((x) => x.code === 'duplicate_key');
				expect(w?.params, `${a} / ${b}`).toMatchObject({ n: '1', rows: '2' });
				expect(w?.lines).toEqual([2, 41]);
				space().remove('households');
			}
		});

		if (handed) {
			it('hands every key check over, for CSV and Parquet alike; a "distinct" answer spares the duplicate-key query', () => {
				expect(handed.jobs.some((j) => j.kind === 'csv')).toBe(true);
				expect(handed.jobs.some((j) => j.kind === 'arrow')).toBe(true);
				// Loads with every key distinct (four random CSV files and one Parquet file) ran no
				// query where the helper answered; all the others ran it.
				const loads = 12 + 4 + 3;
				expect(queries.n).toBe(answer === 'check' ? loads - 5 : loads);
			});
		}
	});
}

describe('row numbers', () => {
	it('a file column called rowid is kept as rowid_original, and lines, warnings and values stay right', async () => {
		// Rows are numbered by the staged table's row id: a column of that name must not hide it.
		const csv = [
			'household_id,round,survey_date,members,income_month_idr,rowid',
			'A,baseline,2023-03-01,4,1000000,900',
			'B,baseline,2023-03-01,3,abc,901',
			'A,baseline,2023-03-02,2,800000,902',
			'C,baseline,2023-03-02,,700000,903'
		].join('\n');
		const r = await ws.load({ name: 'households.csv', bytes: enc(csv) });
		expect(r.rowsLoaded).toBe(3);
		expect(r.rejects).toEqual([expect.objectContaining({ line: 3, column: 'income_month_idr', value: 'abc' })]);
		expect(r.unknownColumns).toEqual(['rowid_original']);
		expect(r.notes.join(' ')).toMatch(/column "rowid" is kept as "rowid_original"/);
		const byCode = new Map(r.warnings.map((w) => [w.code, w]));
		expect(byCode.get('duplicate_key')?.lines).toEqual([2, 4]);
		expect(byCode.get('missing_members')?.lines).toEqual([5]);
		const rows = ws.db.query(`SELECT "household_id", "rowid_original" FROM "households" ORDER BY "rowid_original"`).rows;
		expect(rows.map((x) => [x[0], Number(x[1])])).toEqual([
			['A', 900],
			['A', 902],
			['C', 903]
		]);
		ws.remove('households');
	});
});

describe('file kinds', () => {
	it('refuses an XLSX saved as .csv, an empty file and a binary file with specific messages', async () => {
		await expect(ws.load({ name: 'x.csv', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]) })).rejects.toThrow(/Excel workbook/);
		await expect(ws.load({ name: 'e.csv', bytes: new Uint8Array() })).rejects.toThrow(/empty \(0 bytes\)/);
		await expect(ws.load({ name: 'b.csv', bytes: new Uint8Array([1, 0, 2, 0, 3, 0, 255, 0, 7]) })).rejects.toThrow(InputError);
	});

	it('reads Windows-1252 text and a UTF-8 BOM', async () => {
		const latin = new Uint8Array([...enc('nama,kota\n'), 0x4a, 0x6f, 0x73, 0xe9, ...enc(',Pe'), 0xf1, ...enc('a\n')]);
		const r = await ws.load({ name: 'latin.csv', bytes: latin });
		expect(r.dialect?.encoding).toBe('windows-1252');
		expect(ws.preview('latin').rows[0]).toEqual(['José', 'Peña']);
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('kode,nama\n01,Satu\n')]);
		const r2 = await ws.load({ name: 'bom.csv', bytes: bom });
		expect(r2.dialect?.encoding).toBe('utf-8-bom');
		expect(ws.preview('bom').columns).toEqual(['kode', 'nama']);
		expect(ws.preview('bom').rows[0]).toEqual(['01', 'Satu']);
		ws.removeAll();
	});
});

describe('targets with codes the catalogue does not have', () => {
	it('reads inc-01 as INC-01, and keeps an unknown code with a warning naming it', async () => {
		const csv = ['indicator;period;target', 'inc-01;2025;1200000', 'XYZ-09;end;5', 'PAR 01;2025;12'].join('\n');
		const r = await ws.load({ name: 'target.csv', bytes: enc(csv) });
		expect(r.contract).toBe('targets');
		expect(r.rowsLoaded).toBe(3);
		const codes = ws.db.query('SELECT indicator FROM "target" ORDER BY 1').rows.map((x) => x[0]);
		expect(codes).toEqual(['INC-01', 'PAR-01', 'XYZ-09']);
		const w = r.warnings.find((x) => x.code === 'unexpected_indicator');
		expect(w).toMatchObject({ count: 1, lines: [3] });
		expect(w?.params?.found).toBe('"XYZ-09" (1)');
		ws.removeAll();
	});
});

describe('line ends, long lines and damaged text', () => {
	it('matches a header name with an invisible character in it (a zero-width space before household_id)', async () => {
		const csv = '\u200Bhousehold_id,round,survey_date,dusun,members,income_month_idr\nH1,baseline,2024-03-01,Krajan,3,1500000\n';
		const r = await ws.load({ name: 'rumah.csv', bytes: enc(csv) });
		expect(r.contract).toBe('households');
		expect(r.missingRequired).toEqual([]);
		expect(r.mapping.household_id).toBe('\u200Bhousehold_id');
		ws.removeAll();
	});

	it('refuses a file of more than 5,000 columns (a wrong delimiter) by name, and reads one long unheaded note', async () => {
		const wide = Array.from({ length: 6000 }, (_, i) => `n${i}`).join(',');
		await expect(ws.load({ name: 'lebar.csv', bytes: enc(`${wide}\n${wide}\n`) })).rejects.toThrow(
			'lebar.csv has 6000 columns; Pantau reads at most 5000. Check that the file is delimited as it looks'
		);
		// one line of 600 KB with no delimiter: a value, not a column name (it took 75 s as a header)
		const r = await ws.load({ name: 'catatan.csv', bytes: enc('kata '.repeat(120_000) + '\n') });
		expect([r.rowsLoaded, r.sourceColumns]).toEqual([1, ['column1']]);
		ws.removeAll();
	});

	it('counts the values of a row with too many or too few itself (DuckDB stops at one past), naming the first missing column', async () => {
		const csv = ['kode,nama,jumlah,catatan', 'A1,Satu,1,ok', 'A2,Dua,2,x,y,z,w', 'A3,Tiga', 'A4 tanpa koma', 'A5,"Lima, lagi",5,ok'].join('\n') + '\n';
		const r = await ws.load({ name: 'hitung.csv', bytes: enc(csv) });
		expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([5, 2, 3]);
		const byLine = new Map(r.rejects.map((x) => [x.line, x]));
		expect(byLine.get(3)).toMatchObject({ column: null, reason: expect.stringMatching(/^the row has too many values \(expected 4, found 7\)/) });
		expect(byLine.get(4)).toMatchObject({ column: 'jumlah', reason: 'the row has too few values (expected 4, found 2)' });
		expect(byLine.get(5)).toMatchObject({ column: 'nama', reason: 'the row has too few values (expected 4, found 1)' });
		ws.removeAll();
	});

	it('reads a value of 200 KB on one line (a pasted note)', async () => {
		const note = 'catatan '.repeat(25_000);
		const r = await ws.load({ name: 'panjang.csv', bytes: enc(`kode,catatan\nA1,${note}\nA2,pendek\n`) });
		expect([r.rowsRead, r.rowsLoaded]).toEqual([2, 2]);
		expect(ws.preview('panjang').rows[0][1]).toBe(note.trim()); // surrounding space is trimmed, as for any value
		ws.removeAll();
	});

	const rows = (n: number) => Array.from({ length: n }, (_, i) => `K${i},Dusun ${i},${i + 1}`);

	it('reads a file that mixes CRLF, LF and a CR alone, every row kept and the mix noted', async () => {
		const lines = ['kode,nama,jumlah', ...rows(6)];
		// LF file with one CRLF line, then a CRLF run, then a stray CR as a line end
		const text = lines[0] + '\n' + lines[1] + '\r\n' + lines[2] + '\n' + lines[3] + '\r\n' + lines[4] + '\r\n' + lines[5] + '\r' + lines[6] + '\n';
		const r = await ws.load({ name: 'campur.csv', bytes: enc(text) });
		expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([6, 6, 0]);
		expect(r.notes).toContain('campur.csv mixes line ends (CRLF, LF, or CR alone); each was read as a line break.');
		expect(ws.preview('campur').rows.map((x) => x[1])).toEqual(rows(6).map((l) => l.split(',')[1]));
		// CRLF throughout is read as it is, with no note
		const crlf = await ws.load({ name: 'crlf.csv', bytes: enc(lines.join('\r\n') + '\r\n') });
		expect(crlf.rowsLoaded).toBe(6);
		expect(crlf.notes.some((n) => /line ends|CR alone/.test(n))).toBe(false);
		ws.removeAll();
	});

	it('reads a file whose lines end with CR alone (old Mac), header and all', async () => {
		const r = await ws.load({ name: 'mac.csv', bytes: enc(['kode,nama,jumlah', ...rows(20)].join('\r') + '\r') });
		expect([r.rowsRead, r.rowsLoaded, r.sourceColumns]).toEqual([20, 20, ['kode', 'nama', 'jumlah']]);
		expect(r.notes).toContain('mac.csv ends its lines with CR alone (an old Mac format); each was read as a line break.');
		ws.removeAll();
	});

	it('reads UTF-8 with a stray byte as UTF-8 (the byte as U+FFFD, its line noted), not the whole file as Windows-1252', async () => {
		const head = enc('kode,dusun\nA1,Sukamájú\nA2,Cibodás\n');
		const bytes = new Uint8Array([...head, ...enc('A3,Kr'), 0xff, ...enc('jan\nA4,Mekarsari\n')]);
		const r = await ws.load({ name: 'rusak.csv', bytes });
		expect(r.dialect?.encoding).toBe('utf-8');
		expect(r.notes).toContain('rusak.csv is UTF-8, but 1 byte(s) in it are not (line 4); each was read as \uFFFD.');
		expect(ws.preview('rusak').rows.map((x) => x[1])).toEqual(['Sukamájú', 'Cibodás', 'Kr\uFFFDjan', 'Mekarsari']);
		// the same behind a BOM, which declares UTF-8
		const r2 = await ws.load({ name: 'rusakbom.csv', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) });
		expect(r2.dialect?.encoding).toBe('utf-8-bom');
		expect(ws.preview('rusakbom').rows[2][1]).toBe('Kr\uFFFDjan');
		ws.removeAll();
	});
});

describe('the real IDM files', () => {
	it('loads the IDM scores CSV into village_index with no mapping by hand', async () => {
		const bytes = readFileSync('../shared/data/real/apiidm_idm_desa_skor_2021_2024.csv');
		const r = await ws.load({ name: 'apiidm_idm_desa_skor_2021_2024.csv', bytes });
		expect(r.contract).toBe('village_index');
		expect(r.rowsLoaded).toBe(10006);
		expect(r.rowsRejected).toBe(0);
		const [row] = rowObjects<{ n: number; villages: number }>(
			ws.db.query(`SELECT count(*) AS n, count(DISTINCT village_code) AS villages FROM "contract"."village_index"`)
		);
		expect(row.villages).toBe(2567);
		const types = new Map(ws.list()[0].columns.map((c) => [c.name, c.type]));
		expect(types.get('village_code')).toBe('VARCHAR');
		expect(types.get('score')).toBe('DOUBLE');
		expect(types.get('year')).toBe('INTEGER');
		expect(types.get('kode_kabupaten')).toBe('VARCHAR');
	});

	it('loads the IDM indicators Parquet into village_index_indicators', async () => {
		const bytes = readFileSync('../shared/data/real/apiidm_idm_desa_indikator_2021_2024.parquet');
		const r = await ws.load({ name: 'apiidm_idm_desa_indikator_2021_2024.parquet', bytes });
		expect(r.format).toBe('parquet');
		expect(r.contract).toBe('village_index_indicators');
		expect(r.rowsLoaded).toBe(500300);
		expect(r.rowsRejected).toBe(0);
		ws.removeAll();
	});
});
