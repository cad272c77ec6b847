/**
 * The multi-village view's computations (src/lib/villages) on the real IDM files:
 * apiidm_idm_desa_skor_2021_2024.csv (village_index) and
 * apiidm_idm_desa_indikator_2021_2024.parquet (village_index_indicators), loaded once.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNodeDatabase, createNodeParquetDecoder } from '../../src/lib/engine/node';
import { rowObjects } from '../../src/lib/engine/database';
import { Workspace } from '../../src/lib/engine/workspace';
import {
	villageFilterOptions,
	villageRanking,
	villageStatusDistribution,
	villageSummary,
	villageTrajectory,
	villageWeakestIndicators,
	type VillageContext
} from '../../src/lib/villages/operations';
import { likePattern, rankingQuery, resolveVillageColumns, IDM_STATUS_ORDER } from '../../src/lib/villages/queries';
import { COMPUTE_OPERATIONS } from '../../src/lib/indicators/operations';

const REAL = '../shared/data/real';
const CSV = `${REAL}/apiidm_idm_desa_skor_2021_2024.csv`;
const PARQUET = `${REAL}/apiidm_idm_desa_indikator_2021_2024.parquet`;

let ws: Workspace;
let ctx: VillageContext;

beforeAll(async () => {
	ws = new Workspace(await createNodeDatabase(), await createNodeParquetDecoder());
	await ws.load({ name: 'apiidm_idm_desa_skor_2021_2024.csv', bytes: readFileSync(CSV) });
	await ws.load({ name: 'apiidm_idm_desa_indikator_2021_2024.parquet', bytes: readFileSync(PARQUET) });
	ctx = { db: ws.db, tables: ws.contractTables() };
}, 240_000);

const direct = <T>(text: string, params: unknown[] = []) => rowObjects<T>(ws.db.query(text, params));

/** The CSV parsed by hand (it has no quoted fields), independent of DuckDB. */
function csvRows(): Array<Record<string, string>> {
	const [head, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
	const cols = head.split(',');
	return lines.map((l) => {
		const v = l.split(',');
		expect(v.length).toBe(cols.length);
		return Object.fromEntries(cols.map((c, i) => [c, v[i]]));
	});
}
function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('registration', () => {
	it('every village operation is a compute operation the worker can dispatch', () => {
		for (const name of ['villageSummary', 'villageStatusDistribution', 'villageFilterOptions', 'villageRanking', 'villageTrajectory', 'villageWeakestIndicators'])
			expect(typeof (COMPUTE_OPERATIONS as Record<string, unknown>)[name]).toBe('function');
	});
});

describe('summary', () => {
	it('counts 2,567 villages over 2021–2024 and sees the district and indicator columns', () => {
		const s = villageSummary(ctx);
		expect(s.available).toBe(true);
		expect(s.villages).toBe(2567);
		expect(s.rows).toBe(10006);
		expect(s.years).toEqual([2021, 2022, 2023, 2024]);
		expect(s.latestYear).toBe(2024);
		expect(s.levels).toEqual({ provinsi: true, kabupaten: true, kecamatan: true });
		expect(s.hasName).toBe(true);
		expect(s.hasIndicators).toBe(true);
		expect(s.responsibleLevels).toEqual(['pusat', 'provinsi', 'kabupaten', 'desa', 'csr', 'lainnya']);
	});
});

describe('status distribution', () => {
	it('equals a direct SELECT year, status, count(*), in IDM order', () => {
		const d = villageStatusDistribution(ctx, {});
		expect(d.statuses).toEqual(['Sangat Tertinggal', 'Tertinggal', 'Berkembang', 'Maju', 'Mandiri']);
		expect(d.years).toEqual([2021, 2022, 2023, 2024]);
		const expected = direct<{ year: number; status: string; n: number }>(
			'SELECT year, status, count(*) AS n FROM "contract"."village_index" GROUP BY year, status'
		);
		expect(expected.length).toBe(20);
		for (const e of expected) expect(d.counts[d.years.indexOf(e.year)][d.statuses.indexOf(e.status)]).toBe(e.n);
		const sum = d.counts.flat().reduce((a, b) => a + b, 0);
		expect(sum).toBe(10006);
	});

	it('matches the counts checked by hand (awk on the CSV) and the years of SOURCES.md', () => {
		const d = villageStatusDistribution(ctx, {});
		const y2024 = Object.fromEntries(d.statuses.map((s, j) => [s, d.counts[3][j]]));
		expect(y2024).toEqual({ 'Sangat Tertinggal': 31, Tertinggal: 180, Berkembang: 1021, Maju: 749, Mandiri: 517 });
		expect(d.totals).toEqual([2503, 2507, 2498, 2498]);
		// The same from the file itself, without DuckDB.
		const rows = csvRows().filter((r) => r.tahun === '2024');
		expect(rows.filter((r) => r.status_idm === 'Maju').length).toBe(749);
	});

	it('follows the area filters (a kabupaten code or its name)', () => {
		const byCode = villageStatusDistribution(ctx, { kabupaten: '1101' });
		const byName = villageStatusDistribution(ctx, { kabupaten: 'ACEH SELATAN' });
		expect(byName).toEqual(byCode);
		const expected = direct<{ year: number; status: string; n: number }>(
			'SELECT year, status, count(*) AS n FROM "contract"."village_index" WHERE kode_kabupaten = ? GROUP BY year, status',
			['1101']
		);
		for (const e of expected) expect(byCode.counts[byCode.years.indexOf(e.year)][byCode.statuses.indexOf(e.status)]).toBe(e.n);
		expect(byCode.totals).toEqual([20, 20, 20, 20]);
	});
});

describe('filter options', () => {
	it('lists provinces and kabupaten, and kecamatan only within a kabupaten', () => {
		const all = villageFilterOptions(ctx, {});
		expect(all.provinsi.length).toBe(31);
		expect(all.kabupaten.length).toBe(182);
		expect(all.kecamatan).toEqual([]);
		expect(all.provinsi.find((o) => o.value === '11')).toEqual({ value: '11', label: 'ACEH', villages: 382 });
		// MIMIKA, NABIRE and PANIAI are listed under Papua's code and Papua Tengah's (the 2022 split):
		// each choice carries its code, so no two read the same.
		expect(new Set(all.kabupaten.map((o) => o.label)).size).toBe(all.kabupaten.length);
		const mimika = all.kabupaten.filter((o) => o.label.startsWith('MIMIKA'));
		expect(mimika.length).toBe(2);
		expect(mimika.map((o) => o.label)).toEqual(mimika.map((o) => `MIMIKA (${o.value})`));
		expect(all.kabupaten.find((o) => o.value === '1101')?.label).not.toMatch(/\(/);
		const aceh = villageFilterOptions(ctx, { provinsi: '11', kabupaten: '1101' });
		expect(aceh.kabupaten.every((o) => o.value.startsWith('11'))).toBe(true);
		expect(aceh.kecamatan).toEqual([
			{ value: '110103', label: 'KLUET SELATAN', villages: 8 },
			{ value: '110102', label: 'KLUET UTARA', villages: 12 }
		]);
	});
});

describe('ranking', () => {
	it('ranks the villages of a year by score, highest first, with the total', () => {
		const r = villageRanking(ctx, { year: 2024, limit: 50, offset: 0 });
		expect(r.total).toBe(2498);
		expect(r.matched).toBe(2498);
		expect(r.rows.length).toBe(50);
		expect(r.rows.map((x) => x.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
		for (let i = 1; i < r.rows.length; i++) expect(r.rows[i - 1].score!).toBeGreaterThanOrEqual(r.rows[i].score!);
		const [top] = direct<{ village_code: string; score: number }>(
			'SELECT village_code, score FROM "contract"."village_index" WHERE year = ? ORDER BY score DESC, village_code LIMIT 1',
			[2024]
		);
		expect(r.rows[0].village_code).toBe(top.village_code);
		expect(r.rows[0].score).toBe(top.score);
		const page2 = villageRanking(ctx, { year: 2024, limit: 50, offset: 50 });
		expect(page2.rows[0].rank).toBe(51);
		expect(page2.rows[0].score!).toBeLessThanOrEqual(r.rows[49].score!);
		const last = villageRanking(ctx, { year: 2024, limit: 50, offset: 2450 });
		expect(last.rows.length).toBe(48);
		expect(last.rows[47].rank).toBe(2498);
	});

	it('finds a known village by name, case-insensitively, keeping its rank', () => {
		const r = villageRanking(ctx, { year: 2024, search: 'fajar harapan', limit: 50 });
		expect(r.matched).toBe(1);
		expect(r.total).toBe(2498);
		const [row] = r.rows;
		expect(row).toMatchObject({
			village_code: '1101022001',
			village_name: 'FAJAR HARAPAN',
			kecamatan: 'KLUET UTARA',
			kabupaten: 'ACEH SELATAN',
			provinsi: 'ACEH',
			status: 'Berkembang'
		});
		const [{ above }] = direct<{ above: number }>(
			'SELECT count(*) AS above FROM "contract"."village_index" WHERE year = 2024 AND (score > ? OR (score = ? AND village_code < ?))',
			[row.score, row.score, row.village_code]
		);
		expect(row.rank).toBe(above + 1);
		// By code, and by a part of the name.
		expect(villageRanking(ctx, { year: 2024, search: '1101022001' }).rows[0].village_code).toBe('1101022001');
		expect(villageRanking(ctx, { year: 2024, search: 'Fajar' }).rows.map((x) => x.village_code)).toContain('1101022001');
	});

	it('treats % and _ in the search as text, and binds it as a parameter', () => {
		expect(villageRanking(ctx, { year: 2024, search: '%' }).matched).toBe(0);
		expect(villageRanking(ctx, { year: 2024, search: '_' }).matched).toBe(0);
		expect(likePattern(' A_b%c\\ ')).toBe('%a\\_b\\%c\\\\%');
		const vc = resolveVillageColumns(ctx.tables.village_index!.columns);
		const q = rankingQuery('"contract"."village_index"', vc, { year: 2024, search: "x'; DROP TABLE t; --", filters: { kabupaten: "o'brien" }, limit: 5, offset: 0 });
		expect(q.text).not.toContain('DROP');
		expect(q.text).not.toContain('brien');
		expect(q.params).toContain("%x'; drop table t; --%");
		expect(q.params).toContain("o'brien");
		expect(villageRanking(ctx, { year: 2024, search: "x'; DROP TABLE t; --" }).matched).toBe(0);
	});

	it('filters by provinsi, kabupaten and kecamatan, ranking within the area', () => {
		const kab = villageRanking(ctx, { year: 2024, filters: { kabupaten: '1101' }, limit: 50 });
		expect(kab.total).toBe(20);
		expect(kab.rows.every((x) => x.kabupaten === 'ACEH SELATAN')).toBe(true);
		expect(kab.rows[0].rank).toBe(1);
		const kec = villageRanking(ctx, { year: 2024, filters: { provinsi: '11', kabupaten: '1101', kecamatan: '110102' }, limit: 50 });
		expect(kec.total).toBe(12);
		// 6th lowest of the 12 scores of KLUET UTARA in 2024 (see the trajectory test): 7th highest.
		expect(kec.rows.find((x) => x.village_code === '1101022001')?.rank).toBe(7);
		const prov = villageRanking(ctx, { year: 2024, filters: { provinsi: 'ACEH' }, limit: 1 });
		const [{ n }] = direct<{ n: number }>('SELECT count(*) AS n FROM "contract"."village_index" WHERE year = 2024 AND kode_provinsi = ?', ['11']);
		expect(prov.total).toBe(n);
	});

	it('defaults to the latest year and checks its arguments', () => {
		expect(villageRanking(ctx, {}).year).toBe(2024);
		const r = villageRanking(ctx, { year: '2021', limit: 100000, offset: -5 });
		expect(r.year).toBe(2021);
		expect(r.limit).toBe(500);
		expect(r.offset).toBe(0);
		expect(r.total).toBe(2503);
	});
});

describe('trajectory', () => {
	it('gives the village score per year and the kecamatan and kabupaten medians (checked by hand)', () => {
		const t = villageTrajectory(ctx, '1101022001');
		expect(t.found).toBe(true);
		expect(t).toMatchObject({ name: 'FAJAR HARAPAN', kecamatan: 'KLUET UTARA', kabupaten: 'ACEH SELATAN', provinsi: 'ACEH', kecamatanKey: '110102', kabupatenKey: '1101' });
		expect(t.points.map((p) => p.year)).toEqual([2021, 2022, 2023, 2024]);
		// 2024 by hand: the 12 villages of KLUET UTARA sorted, median of the 6th and 7th
		// (0.69825396825397 + 0.7084126984127) / 2; the 20 of ACEH SELATAN, of the 10th and 11th.
		const p2024 = t.points[3];
		expect(p2024.score).toBe(0.69825396825397);
		expect(p2024.kecamatanN).toBe(12);
		expect(p2024.kecamatanMedian).toBeCloseTo((0.69825396825397 + 0.7084126984127) / 2, 12);
		expect(p2024.kabupatenN).toBe(20);
		expect(p2024.kabupatenMedian).toBeCloseTo((0.69666666666667 + 0.69825396825397) / 2, 12);
		// Every year against medians computed from the CSV text, without DuckDB.
		const rows = csvRows();
		for (const p of t.points) {
			const y = String(p.year);
			const kec = rows.filter((r) => r.tahun === y && r.kode_kecamatan === '110102').map((r) => Number(r.nilai_idm));
			const kab = rows.filter((r) => r.tahun === y && r.kode_kabupaten === '1101').map((r) => Number(r.nilai_idm));
			const me = rows.find((r) => r.tahun === y && r.kode_desa === '1101022001')!;
			expect(p.score).toBe(Number(me.nilai_idm));
			expect(p.status).toBe(me.status_idm);
			expect(p.kecamatanN).toBe(kec.length);
			expect(p.kecamatanMedian).toBeCloseTo(median(kec), 12);
			expect(p.kabupatenN).toBe(kab.length);
			expect(p.kabupatenMedian).toBeCloseTo(median(kab), 12);
		}
	});

	it('says when a village is not in the data', () => {
		const t = villageTrajectory(ctx, '0000000000');
		expect(t.found).toBe(false);
		expect(t.points).toEqual([]);
	});
});

describe('weakest indicators', () => {
	it('lists the 10 lowest scores first, then by indicator number, with activity and who is responsible', () => {
		const w = villageWeakestIndicators(ctx, '1101022001', 2024, 10);
		expect(w.available).toBe(true);
		expect(w.year).toBe(2024);
		expect(w.total).toBe(50);
		expect(w.rows.length).toBe(10);
		for (let i = 1; i < w.rows.length; i++) {
			const a = w.rows[i - 1];
			const b = w.rows[i];
			expect(a.score!).toBeLessThanOrEqual(b.score!);
			if (a.score === b.score) expect(a.indicator_no!).toBeLessThanOrEqual(b.indicator_no!);
		}
		const all = direct<{ score: number }>(
			'SELECT score FROM "contract"."village_index_indicators" WHERE village_code = ? AND year = ? ORDER BY score LIMIT 10',
			['1101022001', 2024]
		);
		expect(w.rows.map((r) => r.score)).toEqual(all.map((r) => r.score));
		expect(w.rows[0]).toMatchObject({ dimension: 'IKS', indicator_no: 2, indicator: 'Skor Dokter', score: 0, recommended_activity: 'Pengadaan Min 1 org Dokter' });
		expect(w.rows[0].responsible).toMatchObject({ kabupaten: 'DINKES', pusat: null });
		expect(w.responsibleLevels).toEqual(['pusat', 'provinsi', 'kabupaten', 'desa', 'csr', 'lainnya']);
	});

	it('falls back to the latest earlier year the village has', () => {
		const w = villageWeakestIndicators(ctx, '1101022001', 2030, 5);
		expect(w.requestedYear).toBe(2030);
		expect(w.year).toBe(2024);
		expect(w.rows.length).toBe(5);
	});
});

describe('without the optional parts', () => {
	it('says village_index is not loaded instead of failing', () => {
		const none: VillageContext = { db: ws.db, tables: {} };
		expect(villageSummary(none)).toMatchObject({ available: false, villages: 0, years: [] });
		expect(villageStatusDistribution(none, {}).years).toEqual([]);
		expect(villageRanking(none, { year: 2024 }).rows).toEqual([]);
		expect(villageTrajectory(none, '1101022001').found).toBe(false);
		expect(villageWeakestIndicators(none, '1101022001', 2024).available).toBe(false);
	});

	it('works with the canonical columns only: no district columns, status from the score', () => {
		const t = ctx.tables.village_index!;
		const canonical: VillageContext = {
			db: ws.db,
			tables: { village_index: { ref: t.ref, columns: ['village_code', 'village_name', 'year', 'score'] } }
		};
		const s = villageSummary(canonical);
		expect(s.levels).toEqual({ provinsi: false, kabupaten: false, kecamatan: false });
		expect(s.hasIndicators).toBe(false);
		const d = villageStatusDistribution(canonical, {});
		expect(d.statuses.slice(0, 5)).toEqual([...IDM_STATUS_ORDER]);
		expect(d.totals).toEqual([2503, 2507, 2498, 2498]);
		const [{ n }] = direct<{ n: number }>('SELECT count(*) AS n FROM "contract"."village_index" WHERE year = 2024 AND score > 0.8155');
		expect(d.counts[3][4]).toBe(n);
		const r = villageRanking(canonical, { year: 2024, search: 'fajar harapan' });
		expect(r.rows[0]).toMatchObject({ village_code: '1101022001', kecamatan: null, kabupaten: null, status: 'Berkembang' });
		expect(villageFilterOptions(canonical, {})).toEqual({ provinsi: [], kabupaten: [], kecamatan: [] });
		// A filter on a level the data does not have matches nothing.
		expect(villageRanking(canonical, { year: 2024, filters: { kabupaten: '1101' } }).total).toBe(0);
		const tr = villageTrajectory(canonical, '1101022001');
		expect(tr.levels).toEqual({ kecamatan: false, kabupaten: false });
		expect(tr.points.every((p) => p.kecamatanMedian === null && p.kabupatenMedian === null)).toBe(true);
		expect(tr.points.length).toBe(4);
	});
});
