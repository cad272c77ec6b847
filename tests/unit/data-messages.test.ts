/**
 * Rejected-value reasons and load warnings in the UI language (i18n/data-messages.ts): every
 * reason and warning the bad-input corpus and the fixtures produce is one the table knows,
 * the English template filled with its values gives back the engine's exact words, and the
 * Indonesian message has the same values in it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { fillTemplate } from '../../src/lib/engine/refusals';
import { loadNoteMessage, loadNoteText, rejectReasonMessage, rejectReasonText, warningMessage, warningText, type DataMessage } from '../../src/lib/i18n/data-messages';
import type { LoadWarning } from '../../src/lib/engine/ingest';
import en from '../../src/lib/i18n/messages/data-messages.en.json';
import id from '../../src/lib/i18n/messages/data-messages.id.json';

function translator(source: object) {
	return (key: string, options?: { values?: Record<string, string> }): string => {
		const found = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), source);
		if (typeof found !== 'string') throw new Error(`no message ${key}`);
		return fillTemplate(found, options?.values ?? {});
	};
}
const tEn = translator(en);
const tId = translator(id);
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

const reasons = new Set<string>();
const warnings: LoadWarning[] = [];
const notes = new Set<string>();

beforeAll(async () => {
	const ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	const files = [
		...readdirSync('tests/fixtures/bad').filter((f) => /\.(csv|parquet|gz)$/.test(f)).map((f) => `tests/fixtures/bad/${f}`),
		...readdirSync('tests/fixtures').filter((f) => f.endsWith('.csv')).map((f) => `tests/fixtures/${f}`)
	];
	// A spending value over its budget, and a meeting level outside the contract's values.
	const extra: Array<[string, string]> = [
		['meetings.csv', 'meeting_id,date,level,attendees,women_attendees\nM1,2025-01-10,desa,30,12\nM2,2025-02-11,kecamatan,20,25\n'],
		['infrastructure.csv', 'project_id,type,dusun,status,budget_idr,spent_idr\nP1,road,Krajan,completed,1000000,1500000\n']
	];
	for (const [name, text] of extra) {
		try {
			const report = await ws.load({ name, bytes: new TextEncoder().encode(text) });
			for (const r of report.rejects) reasons.add(r.reason);
			warnings.push(...report.warnings);
			for (const n of report.notes) notes.add(n);
		} finally {
			ws.removeAll();
		}
	}
	for (const path of files) {
		try {
			const report = await ws.load({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });
			for (const r of report.rejects) reasons.add(r.reason);
			warnings.push(...report.warnings);
			for (const n of report.notes) notes.add(n);
		} catch {
			// Refused files are refusals.test.ts's.
		} finally {
			ws.removeAll();
		}
	}
}, 120_000);

/**
 * Each text is known; its English template, filled in, gives it back; it is shown as it is
 * in English; in Indonesian it is another text holding the same values.
 */
function expectWorded(
	texts: Iterable<string>,
	messageOf: (text: string) => DataMessage | null,
	textOf: (text: string, lang: 'en' | 'id', t: typeof tId) => string
): void {
	for (const text of texts) {
		const m = messageOf(text);
		expect(m, text).not.toBeNull();
		expect(tEn(m!.key, { values: m!.values })).toBe(text);
		expect(textOf(text, 'en', tId)).toBe(text);
		const indonesian = textOf(text, 'id', tId);
		expect(indonesian).not.toBe(text);
		for (const v of Object.values(m!.values)) expect(indonesian).toContain(v);
	}
}

describe('data messages', () => {
	it('the two languages have the same messages, with the same values', () => {
		for (const part of ['reject', 'warning', 'note'] as const) {
			const e = en.dataMessages[part] as Record<string, string>;
			const i = id.dataMessages[part] as Record<string, string>;
			expect(Object.keys(i).sort()).toEqual(Object.keys(e).sort());
			for (const k of Object.keys(e)) {
				expect(placeholders(i[k]), k).toEqual(placeholders(e[k]));
				expect(i[k], k).not.toEqual(e[k]);
			}
		}
	});

	it('every rejected-value reason of the corpus is known, and its English template gives the engine text back', () => {
		expect(reasons.size).toBeGreaterThanOrEqual(12);
		expectWorded(reasons, rejectReasonMessage, rejectReasonText);
	});

	it('every warning of the corpus has a template, and its English form is the engine message', () => {
		const kinds = new Set(warnings.map((w) => w.kind));
		expect([...kinds].sort()).toEqual(expect.arrayContaining(['duplicate_key', 'exceeds', 'missing', 'missing_paired', 'more_than', 'unexpected']));
		for (const w of warnings) {
			const m = warningMessage(w);
			expect(m, w.code).not.toBeNull();
			expect(tEn(m!.key, { values: m!.values })).toBe(w.message);
			expect(warningText(w, 'en', tId)).toBe(w.message);
			expect(warningText(w, 'id', tId)).not.toBe(w.message);
		}
	});

	it('every load note of the corpus is known, and so are the notes the worker adds; the English template gives the text back', () => {
		expect(notes.size).toBeGreaterThanOrEqual(8);
		const worker = [
			// worker.ts: a remote Parquet file, the prebuilt sample, device storage that refuses a file or a mapping.
			'households.parquet was read from https://example.org/d/households.parquet by HTTP range requests: 12 of 14 columns, 1000000 rows, 9087311 bytes transferred.',
			'households.parquet was read from http://127.0.0.1:4173/h.parquet by HTTP range requests: 12 of 12 columns, 3600 rows.',
			'households.parquet was read from http://127.0.0.1:4173/h.parquet by HTTP range requests: 12 of 12 columns, 3600 rows; the server did not say how many bytes it sent.',
			"households.csv: taken from the copy the app's build ingested from this file (SHA-256 checked against the sample's manifest).",
			'rumah_tangga is loaded but could not be kept on this device (QuotaExceededError: the quota has been exceeded); it will be gone after a reload.',
			'The column mapping could not be kept on this device (UnknownError: Internal error); it will not be reused.'
		];
		expectWorded([...notes, ...worker], loadNoteMessage, loadNoteText);
	});

	it('a reason or warning it does not know is shown as the engine words it', () => {
		expect(rejectReasonMessage('conversion error: something new')).toBeNull();
		expect(rejectReasonText('conversion error: something new', 'id', tId)).toBe('conversion error: something new');
		expect(warningText({ message: 'a warning without a template' }, 'id', tId)).toBe('a warning without a template');
		// The values a message carries are the file's own text, put in as text.
		expect(rejectReasonText('is below the minimum of {n}', 'id', tId)).toBe('di bawah batas minimum {n}');
	});
});
