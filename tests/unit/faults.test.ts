/**
 * Faults and limits: files too large are refused before they are read, with the limit named;
 * DuckDB running out of memory is told as such (the 4 GB wasm limit, what to do), and the
 * failing load leaves the other tables and their contract views as they were.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { InputError, prepareBytes } from '../../src/lib/engine/ingest';
import {
	EngineMemoryError,
	MAX_FILE_BYTES,
	WASM_MEMORY_LIMIT_BYTES,
	checkFileSizes,
	describeFailure,
	isFatalEngineError,
	isOutOfMemory,
	tooLargeMessage
} from '../../src/lib/engine/faults';
import { failureText, limitText, sizeText } from '../../src/lib/i18n/failures';
import idMessages from '../../src/lib/i18n/messages/id.json';
import enMessages from '../../src/lib/i18n/messages/en.json';
import idFaults from '../../src/lib/i18n/messages/faults.id.json';
import enFaults from '../../src/lib/i18n/messages/faults.en.json';

const GB = 1024 * 1024 * 1024;

/** svelte-i18n's lookup and `{name}` interpolation, enough for these messages. */
function translator(messages: Record<string, unknown>) {
	return (key: string, options?: { values?: Record<string, string | number> }) => {
		const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], messages);
		if (typeof text !== 'string') throw new Error(`no message ${key}`);
		return text.replace(/\{(\w+)\}/g, (_, k) => String(options?.values?.[k] ?? `{${k}}`));
	};
}
const tId = translator({ ...idMessages, ...idFaults });
const tEn = translator({ ...enMessages, ...enFaults });

describe('files too large', () => {
	it('are refused from their size alone, before their bytes are read; the limit is 1 GB and a file of exactly 1 GB is read', () => {
		expect(MAX_FILE_BYTES).toBe(GB);
		const read: string[] = [];
		const file = (name: string, size: number) => ({ name, size, arrayBuffer: () => (read.push(name), Promise.resolve(new ArrayBuffer(0))) });
		const files = [file('kecil.csv', 2_000), file('besar.csv', 1.5 * GB), file('pas.csv', GB), file('lebih.parquet', GB + 1)];
		const { accepted, refused } = checkFileSizes(files);
		expect(accepted.map((f) => f.name)).toEqual(['kecil.csv', 'pas.csv']);
		expect(refused).toEqual([
			{ file: 'besar.csv', code: 'too_large', bytes: 1.5 * GB, limit: GB, message: expect.any(String) },
			{ file: 'lebih.parquet', code: 'too_large', bytes: GB + 1, limit: GB, message: expect.any(String) }
		]);
		expect(read).toEqual([]);
		expect(refused[0].message).toBe(
			'besar.csv is 1.5 GB; Pantau reads files of up to 1 GB (1024 MB) in the browser, because DuckDB there has at most 4 GB of memory to work in. Split it (for example by year or dusun) or convert it to Parquet, then load the parts.'
		);
	});

	it('are refused with the limit named, in Indonesian and English', () => {
		const [f] = checkFileSizes([{ name: 'rumah_tangga_2019_2025.csv', size: 1.5 * GB }]).refused;
		expect(failureText(f, 'id', tId)).toBe(
			'rumah_tangga_2019_2025.csv berukuran 1,5 GB; Pantau membaca berkas hingga 1 GB (1.024 MB) di browser, karena DuckDB di browser hanya punya memori paling banyak 4 GB. Berkas tidak dibaca dan data yang sudah dimuat tidak diubah. Pecah berkas (misalnya per tahun atau per dusun) atau ubah ke Parquet, lalu muat bagian-bagiannya.'
		);
		expect(failureText(f, 'en', tEn)).toMatch(/^rumah_tangga_2019_2025\.csv is 1\.5 GB; Pantau reads files of up to 1 GB \(1,024 MB\) in the browser, because DuckDB there has at most 4 GB of memory\./);
		expect(sizeText(730 * 1024 * 1024, 'en')).toBe('730 MB');
		expect(limitText(GB, 'id')).toBe('1 GB (1.024 MB)');
	});

	it('the engine refuses them too, and a gzip file that decompresses past the limit', async () => {
		const bytes = new TextEncoder().encode('a,b\n' + '1,2\n'.repeat(600));
		await expect(prepareBytes('x.csv', bytes, 1000)).rejects.toThrow(new InputError(tooLargeMessage('x.csv', bytes.length, 1000)));
		const gz = new Uint8Array(gzipSync(bytes));
		expect(gz.length).toBeLessThan(1000);
		await expect(prepareBytes('x.csv.gz', gz, 1000)).rejects.toThrow(/^x\.csv\.gz decompresses to 1 MB; Pantau reads files of up to 1 MB/);
		await expect(prepareBytes('x.csv.gz', gz, 4000)).resolves.toMatchObject({ format: 'csv' });
	});
});

describe('out of memory', () => {
	it('is recognised in DuckDB and WebAssembly messages, and told with the 4 GB limit and what to do', () => {
		for (const m of [
			'Out of Memory Error: could not allocate block of size 152.5 MiB (464.0 KiB/61.0 MiB used)',
			'Out of Memory Error: failed to allocate data of size 2.0 GiB',
			'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded',
			'Aborted(OOM)',
			'Cannot enlarge memory arrays'
		]) {
			expect(isOutOfMemory(new Error(m))).toBe(true);
		}
		expect(isOutOfMemory(new Error('Binder Error: column "x" not found'))).toBe(false);
		expect(WASM_MEMORY_LIMIT_BYTES).toBe(4 * GB);
		const f = describeFailure('besar.csv', new Error('Out of Memory Error: could not allocate block'));
		expect(f).toMatchObject({ file: 'besar.csv', code: 'out_of_memory', limit: 4 * GB });
		expect(f.message).toBe(
			'besar.csv could not be loaded: DuckDB ran out of memory. In the browser its memory cannot grow past 4 GB (a WebAssembly limit), however much the computer has. The tables already loaded are kept. Remove tables you do not need, load the file as Parquet or with fewer columns, or split it (for example by year or dusun), then try again.'
		);
		expect(failureText(f, 'id', tId)).toMatch(/^besar\.csv tidak dapat dimuat: memori DuckDB habis\. Di browser, memorinya tidak dapat melebihi 4 GB .* Tabel yang sudah dimuat tetap ada\. Hapus tabel yang tidak diperlukan, muat berkas sebagai Parquet atau dengan lebih sedikit kolom, atau pecah berkasnya/);
		expect(failureText(f, 'en', tEn)).toMatch(/4 GB \(a WebAssembly limit\).*Remove tables you do not need, load the file as Parquet or with fewer columns, or split it/);
		// Other failures keep the engine's own words.
		expect(describeFailure('a.csv', new InputError('a.csv is empty (0 bytes).'))).toEqual({ file: 'a.csv', message: 'a.csv is empty (0 bytes).' });
	});

	it('a WebAssembly trap means the engine is broken (the page restarts it); DuckDB errors do not', () => {
		expect(isFatalEngineError(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
		expect(isFatalEngineError(new Error('memory access out of bounds'))).toBe(true);
		expect(isFatalEngineError(new Error('Out of Memory Error: could not allocate block'))).toBe(false);
		expect(isFatalEngineError(new InputError('x'))).toBe(false);
	});
});

describe('a load that runs out of memory (DuckDB memory_limit set low, in Node)', () => {
	let ws: Workspace;
	const enc = (s: string) => new TextEncoder().encode(s);
	/** 200,000 households: about 11 MB of CSV. */
	const big = (() => {
		const rows = ['household_id,round,survey_date,dusun,members,income_month_idr'];
		for (let i = 0; i < 200_000; i++) rows.push(`H${i},baseline,2023-03-01,Dusun ${i % 50},${1 + (i % 7)},${1_000_000 + i}`);
		return enc(rows.join('\n'));
	})();
	const state = () => ({
		tables: ws.list().map((t) => [t.name, t.contract, t.rows]),
		views: ws.db.query(`SELECT view_name FROM duckdb_views() WHERE schema_name = 'contract' ORDER BY 1`).rows.map((r) => r[0]),
		main: ws.db.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`).rows.map((r) => r[0]),
		rejects: ws.db.query(`SELECT table_name, count(*) FROM pantau_rejects GROUP BY 1 ORDER BY 1`).rows
	});

	beforeAll(async () => {
		ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
		await ws.load({ name: 'meetings.csv', bytes: new Uint8Array(readFileSync('static/sample/meetings.csv')) });
		await ws.load({ name: 'people.parquet', bytes: new Uint8Array(readFileSync('static/sample/people.parquet')) });
		await ws.load({ name: 'households_bad_rows.csv', bytes: new Uint8Array(readFileSync('tests/fixtures/households_bad_rows.csv')) });
	});

	it('fails with the out-of-memory message, and the other tables, their rejected rows and contract views are as they were', async () => {
		const before = state();
		expect(before.tables).toEqual([
			['meetings', 'meetings', 184],
			['people', 'people', 14171],
			['households_bad_rows', 'households', 2]
		]);
		const people = ws.db.query('SELECT count(*), sum(age) FROM contract.people').rows[0];
		const limit = String(ws.db.query(`SELECT current_setting('memory_limit')`).rows[0][0]);
		ws.db.exec(`SET memory_limit = '64MB'`);
		try {
			const err = await ws.load({ name: 'rumah_tangga_besar.csv', bytes: big }).then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(EngineMemoryError);
			expect((err as EngineMemoryError).detail).toMatch(/^Out of Memory Error/);
			expect(describeFailure('rumah_tangga_besar.csv', err)).toMatchObject({ code: 'out_of_memory', limit: 4 * GB });
			// Nothing of the file is left behind, and nothing else changed.
			expect(state()).toEqual(before);
			expect(ws.db.query('SELECT count(*), sum(age) FROM contract.people').rows[0]).toEqual(people);

		} finally {
			ws.db.exec(`SET memory_limit = '${limit.replace(/\s/g, '').replace('i', '')}'`);
		}
		// With memory to spare it loads.
		const ok = await ws.load({ name: 'rumah_tangga_besar.csv', bytes: big });
		expect(ok).toMatchObject({ rowsRead: 200_000, rowsLoaded: 200_000, rowsRejected: 0, contract: 'households' });
	}, 120_000);

	it('reading a loaded table again out of memory removes it rather than leave it half there; the others stay', async () => {
		const before = state();
		expect(before.tables.map(([n]) => n)).toContain('rumah_tangga_besar');
		const limit = String(ws.db.query(`SELECT current_setting('memory_limit')`).rows[0][0]);
		ws.db.exec(`SET memory_limit = '64MB'`);
		try {
			const err = await ws.reassign('rumah_tangga_besar', null).then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(EngineMemoryError);
		} finally {
			ws.db.exec(`SET memory_limit = '${limit.replace(/\s/g, '').replace('i', '')}'`);
		}
		const after = state();
		expect(after.tables).toEqual(before.tables.filter(([n]) => n !== 'rumah_tangga_besar'));
		expect(after.main).toEqual(before.main.filter((n) => n !== 'rumah_tangga_besar'));
		expect(after.views).toEqual(before.views);
		expect(ws.db.query('SELECT count(*) FROM contract.households').rows[0][0]).toBe(2);
		expect(ws.db.query('SELECT count(*) FROM contract.meetings').rows[0][0]).toBe(184);
	}, 120_000);

	it('a table read again that runs out of memory once comes back as it was (fault injected in the staging step)', async () => {
		const before = state();
		const exec = ws.db.exec.bind(ws.db);
		let failures = 1;
		ws.db.exec = (sql: string) => {
			if (failures > 0 && /^CREATE TABLE "__load_/.test(sql)) {
				failures--;
				throw new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (injected)');
			}
			exec(sql);
		};
		try {
			const err = await ws.reassign('meetings', 'people').then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(EngineMemoryError);
		} finally {
			ws.db.exec = exec;
		}
		expect(state()).toEqual(before);
		expect(ws.list().find((t) => t.name === 'meetings')?.report.contract).toBe('meetings');
	});
});
