/**
 * A refused file carries a code (refusals.ts): the engine's English message is its template
 * filled in, the page's English wording is the same template, and the Indonesian wording
 * has the same values in it. Checked on the bad-input corpus, file by file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { InputError } from '../../src/lib/engine/ingest';
import { describeFailure } from '../../src/lib/engine/faults';
import { REFUSALS, fillTemplate, refusalText, type RefusalCode } from '../../src/lib/engine/refusals';
import { failureText } from '../../src/lib/i18n/failures';
import faultsEn from '../../src/lib/i18n/messages/faults.en.json';
import faultsId from '../../src/lib/i18n/messages/faults.id.json';
import en from '../../src/lib/i18n/messages/en.json';
import id from '../../src/lib/i18n/messages/id.json';

let ws: Workspace;
beforeAll(async () => {
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
});

/** A translator over the message files, with `{name}` values (what these messages use of ICU). */
function translator(...sources: object[]) {
	return (key: string, options?: { values?: Record<string, string | number> }): string => {
		for (const source of sources) {
			const found = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), source);
			if (typeof found === 'string') return fillTemplate(found, Object.fromEntries(Object.entries(options?.values ?? {}).map(([k, v]) => [k, String(v)])));
		}
		throw new Error(`no message ${key}`);
	};
}
const tEn = translator(en, faultsEn);
const tId = translator(id, faultsId);

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('refusal wordings', () => {
	it('the English messages are the engine templates; the Indonesian ones have the same values', () => {
		expect(faultsEn.faults.refusal).toEqual(REFUSALS);
		expect(Object.keys(faultsId.faults.refusal).sort()).toEqual(Object.keys(REFUSALS).sort());
		for (const [code, template] of Object.entries(REFUSALS)) {
			const idText = (faultsId.faults.refusal as Record<string, string>)[code];
			expect(placeholders(idText), code).toEqual(placeholders(template));
			expect(idText, code).not.toEqual(template);
		}
	});
});

describe('refused files of the bad-input corpus', () => {
	const cases: Array<[string, RefusalCode, string]> = [
		['empty.csv', 'empty', 'empty.csv kosong (0 bita).'],
		['blank_lines_only.csv', 'blank', 'blank_lines_only.csv tidak berisi data: hanya baris kosong dan spasi.'],
		['pdf_renamed.csv', 'pdf', 'pdf_renamed.csv adalah dokumen PDF, bukan berkas data.'],
		['binary.csv', 'binary', 'binary.csv adalah berkas biner'],
		['not_parquet.parquet', 'not_parquet', 'not_parquet.parquet bukan berkas Parquet: awalnya bukan penanda Parquet "PAR1".'],
		['old_excel_xls.csv', 'xls', 'old_excel_xls.csv adalah buku kerja Excel lama (XLS)'],
		['excel_xml.csv', 'excel_xml', 'excel_xml.csv adalah spreadsheet Excel XML (Excel 2003 XML), bukan berkas CSV.'],
		['corrupt.csv.gz', 'gzip_broken', 'corrupt.csv.gz tampaknya dikompresi dengan gzip, tetapi tidak dapat dibuka: ']
	];
	for (const [file, code, indonesian] of cases) {
		it(`${file}: ${code}`, async () => {
			let error: unknown = null;
			try {
				await ws.load({ name: file, bytes: new Uint8Array(readFileSync(`tests/fixtures/bad/${file}`)) });
			} catch (e) {
				error = e;
			} finally {
				ws.removeAll();
			}
			expect(error).toBeInstanceOf(InputError);
			const refusal = (error as InputError).refusal!;
			expect(refusal.code).toBe(code);
			expect((error as InputError).message).toBe(refusalText(refusal));
			// As the page receives it (a structured clone), and as it words it in each language.
			const failure = structuredClone(describeFailure(file, error));
			expect(failure.refusal).toEqual(refusal);
			expect(failureText(failure, 'en', tEn)).toBe(`${file} could not be loaded: ${(error as InputError).message}`);
			expect(failureText(failure, 'id', tId).startsWith(`${file} tidak dapat dimuat: ${indonesian}`)).toBe(true);
		});
	}

	it('a failure without a code is shown as the engine says it', () => {
		const failure = describeFailure('x.csv', new Error('something else\nwith detail'));
		expect(failure.refusal).toBeUndefined();
		expect(failureText(failure, 'id', tId)).toBe('x.csv tidak dapat dimuat: something else');
	});
});
