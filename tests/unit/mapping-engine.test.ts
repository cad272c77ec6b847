/**
 * The engine's side of column mapping, in Node: a file that fits no contract table by name
 * or alias gets candidates from the mapping suggestions; its own columns and values can be
 * read for the dialog; reassigning with a mapping loads it; a mapping saved for a header is
 * reused for the next file with that header, and kept with the table for a reload.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { Workspace } from '../../src/lib/engine/workspace';
import { headerSignature, proposeMapping, type SavedMapping } from '../../src/lib/engine/mapping';

let ws: Workspace;
const enc = (s: string) => new TextEncoder().encode(s);
const FIXTURE = readFileSync('tests/fixtures/survei_kolom_sendiri.csv');
const HEADER = 'kode_rt;gelombang;tgl;dusun_nama;klp;jk_kk;jml_art;kolom9;pln;air;jalan;bobot_sampel'.split(';');

beforeAll(async () => {
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
});

describe('a households file with its own column names', () => {
	it('is left unassigned, with households as the candidate the suggestions find', async () => {
		const csv = FIXTURE.toString('utf8').replace('kolom9', 'penghasilan');
		const r = await ws.load({ name: 'survei.csv', bytes: enc(csv) });
		expect(r.contract).toBeNull();
		expect(r.assignedBy).toBeNull();
		expect(r.candidates).toEqual(['households']);
		expect(r.sourceColumns).toEqual(HEADER.map((c) => (c === 'kolom9' ? 'penghasilan' : c)));
		expect(r.mappingReused).toBeNull();
		expect(r.rowsLoaded).toBe(10);
		ws.remove(r.table);
	});

	it('its own columns and a few values of each are read for the dialog, and the guess maps all but kolom9', async () => {
		const r = await ws.load({ name: 'survei.csv', bytes: new Uint8Array(FIXTURE) });
		const cols = await ws.sourceSample(r.table);
		expect(r.candidates).toEqual(['households']);
		expect(cols.map((c) => c.name)).toEqual(HEADER);
		const by = Object.fromEntries(cols.map((c) => [c.name, c]));
		expect(by.tgl).toEqual({ name: 'tgl', type: 'VARCHAR', samples: expect.arrayContaining(['15/03/2023', '14/03/2025']) });
		expect(by.gelombang.samples).toEqual(['baseline', 'endline']);
		// Missing-value codes are left out, values are distinct and in file order.
		expect(by.air.samples).toEqual(['tidak', 'ya']);
		expect(by.kolom9.samples.slice(0, 2)).toEqual(['1.200.000', 'Rp 900.000']);

		const p = proposeMapping('households', cols);
		expect(p.missingRequired).toEqual(['income_month_idr']);
		const mapping = { ...p.mapping, income_month_idr: 'kolom9' };
		const report = await ws.reassign(r.table, 'households', mapping);
		expect(report).toMatchObject({ contract: 'households', assignedBy: 'user', missingRequired: [], rowsRead: 10, rowsLoaded: 10, rowsRejected: 0 });
		expect(report.mapping).toEqual(mapping);
		const [row] = ws.db.query(`SELECT sum(income_month_idr), count(*) FILTER (WHERE "group" = 'comparison'), count(*) FILTER (WHERE head_sex = 'F') FROM contract.households`).rows;
		// 6,500,000 at baseline + 7,950,000 at endline; 4 comparison rows; 4 women-headed rows.
		expect(row).toEqual([14_450_000, 4, 4]);
		ws.remove(r.table);
	});

	it('Parquet columns keep their types', async () => {
		const r = await ws.load({ name: 'hh.parquet', bytes: new Uint8Array(readFileSync('static/sample/households.parquet')) }, { contract: null });
		const cols = await ws.sourceSample(r.table);
		const by = Object.fromEntries(cols.map((c) => [c.name, c]));
		expect(by.survey_date.type).toBe('DATE');
		expect(by.survey_date.samples[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(by.members.type).toMatch(/INT/);
		expect(by.household_id.samples.length).toBe(20);
		ws.remove(r.table);
	});
});

describe('a saved mapping', () => {
	const saved: SavedMapping = {
		signature: headerSignature(HEADER),
		columns: HEADER,
		contract: 'households',
		mapping: {
			household_id: 'kode_rt',
			round: 'gelombang',
			survey_date: 'tgl',
			dusun: 'dusun_nama',
			group: 'klp',
			head_sex: 'jk_kk',
			members: 'jml_art',
			income_month_idr: 'kolom9',
			electricity: 'pln',
			water_improved: 'air',
			road_2km: '',
			weight: 'bobot_sampel'
		},
		savedAt: '2025-06-01T10:00:00.000Z'
	};
	const savedMappings = new Map([[saved.signature, saved]]);

	it('maps a file with the same header (case aside) as saved, and says so', async () => {
		const csv = FIXTURE.toString('utf8').replace(/^[^\n]*/, HEADER.map((h) => h.toUpperCase()).join(';'));
		const r = await ws.load({ name: 'survei_2.csv', bytes: enc(csv) }, { savedMappings });
		expect(r).toMatchObject({ contract: 'households', assignedBy: 'saved', mappingReused: { savedAt: saved.savedAt }, rowsLoaded: 10, missingRequired: [] });
		expect(r.mapping.income_month_idr).toBe('KOLOM9');
		// Mapped to none as saved, though nothing else would map it either.
		expect(r.mapping.road_2km).toBeUndefined();
		expect(r.unknownColumns).toContain('JALAN');
		// What device storage keeps: the mapping itself, not the saved set.
		const { options } = ws.source(r.table);
		expect(options).toEqual({
			tableName: 'survei_2',
			contract: 'households',
			mapping: { ...Object.fromEntries(Object.entries(saved.mapping).map(([k, v]) => [k, v.toUpperCase()])) },
			reusedMappingAt: saved.savedAt
		});
		expect('savedMappings' in options).toBe(false);
		// A reload from device storage maps it the same way and still says where the mapping came from.
		ws.remove(r.table);
		const again = await ws.load({ name: 'survei_2.csv', bytes: enc(csv) }, options);
		expect(again).toMatchObject({ contract: 'households', assignedBy: 'saved', mappingReused: { savedAt: saved.savedAt }, rowsLoaded: 10 });
		expect(again.mapping).toEqual(r.mapping);
		// Mapping it by hand again ends the reuse.
		const redone = await ws.reassign(again.table, 'households', { ...again.mapping, road_2km: 'JALAN' });
		expect(redone).toMatchObject({ assignedBy: 'user', mappingReused: null });
		expect(ws.source(again.table).options.reusedMappingAt).toBeUndefined();
		ws.remove(again.table);
	});

	it("maps the next export of the same form, with a question added, as saved; not one that lost a saved column", async () => {
		// A new question in the middle of the form: every saved column is still there.
		const lines = FIXTURE.toString('utf8').split('\n');
		const wider = lines.map((l, i) => (l.trim() === '' ? l : `${l};${i === 0 ? 'pertanyaan_baru' : 'x'}`)).join('\n');
		const r = await ws.load({ name: 'survei_v2.csv', bytes: enc(wider) }, { savedMappings });
		expect(r).toMatchObject({ contract: 'households', assignedBy: 'saved', mappingReused: { savedAt: saved.savedAt }, rowsLoaded: 10, missingRequired: [] });
		expect(r.mapping.income_month_idr).toBe('kolom9');
		expect(r.unknownColumns).toContain('pertanyaan_baru');
		ws.remove(r.table);
		// Of two mappings that fit, the later one.
		const later = { ...saved, signature: 'other', savedAt: '2025-07-01T10:00:00.000Z', mapping: { ...saved.mapping, weight: '' } };
		const both = new Map([[saved.signature, saved], ['other', later]]);
		const r2 = await ws.load({ name: 'survei_v3.csv', bytes: enc(wider) }, { savedMappings: both });
		expect(r2.mappingReused).toEqual({ savedAt: later.savedAt });
		expect(r2.mapping.weight).toBeUndefined();
		ws.remove(r2.table);
		// A saved column gone from the file: not the same form's mapping.
		const narrower = FIXTURE.toString('utf8').replace('bobot_sampel', 'bobot');
		const r3 = await ws.load({ name: 'survei_v4.csv', bytes: enc(narrower) }, { savedMappings });
		expect(r3.mappingReused).toBeNull();
		ws.remove(r3.table);
	});

	it('is not used for another header, for a file without a header, or when the contract is given', async () => {
		const other = FIXTURE.toString('utf8').replace('bobot_sampel', 'bobot');
		const a = await ws.load({ name: 'a.csv', bytes: enc(other) }, { savedMappings });
		expect(a.mappingReused).toBeNull();
		expect(a.contract).toBeNull();
		ws.remove(a.table);

		const headerless = FIXTURE.toString('utf8').split('\n').slice(1).join('\n');
		const cols = Array.from({ length: 12 }, (_, i) => `column${i + 1}`);
		const s2 = new Map([[headerSignature(cols), { ...saved, signature: headerSignature(cols), columns: cols }]]);
		const b = await ws.load({ name: 'b.csv', bytes: enc(headerless) }, { savedMappings: s2 });
		expect(b.dialect?.header).toBe(false);
		expect(b.mappingReused).toBeNull();
		ws.remove(b.table);

		const c = await ws.load({ name: 'c.csv', bytes: new Uint8Array(FIXTURE) }, { savedMappings, contract: null });
		expect(c.mappingReused).toBeNull();
		expect(c.contract).toBeNull();
		ws.remove(c.table);
	});
});
