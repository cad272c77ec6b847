import { test, expect } from '@playwright/test';
import path from 'node:path';
import { waitReady, guardEgress } from './helpers';

const REAL = path.resolve('../shared/data/real');

/**
 * The status counts of 2024 in apiidm_idm_desa_skor_2021_2024.csv, as tests/unit/villages.test.ts
 * computes them (a direct SELECT year, status, count(*) and a count on the file's text).
 */
const STATUS_2024: Record<string, number> = {
	'Sangat Tertinggal': 31,
	Tertinggal: 180,
	Berkembang: 1021,
	Maju: 749,
	Mandiri: 517
};

test('the multi-village view on the real IDM files: counts, ranking search, trajectory and weakest indicators', async ({ page, baseURL }) => {
	test.setTimeout(240_000);
	const egress = guardEgress(page, baseURL!);
	await page.goto('/data');
	await waitReady(page);
	await page
		.locator('input[type=file][multiple]')
		.setInputFiles([
			path.join(REAL, 'apiidm_idm_desa_skor_2021_2024.csv'),
			path.join(REAL, 'apiidm_idm_desa_indikator_2021_2024.parquet')
		]);
	await waitReady(page);
	await expect(page.locator('[data-table="apiidm_idm_desa_skor_2021_2024"]')).toHaveAttribute('data-contract', 'village_index');
	await expect(page.locator('[data-table="apiidm_idm_desa_indikator_2021_2024"]')).toHaveAttribute('data-contract', 'village_index_indicators');

	// Client-side navigation: the data stays in the engine.
	await page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ }).getByRole('link', { name: 'Antardesa' }).click();
	await expect(page).toHaveURL(/\/villages/);
	await waitReady(page);
	await expect(page.locator('[data-village-count]')).toHaveAttribute('data-village-count', '2567');
	for (const [status, n] of Object.entries(STATUS_2024)) {
		await expect(page.locator(`[data-status-year="2024"][data-status="${status}"]`)).toHaveAttribute('data-count', String(n));
	}
	await expect(page.locator('table[data-ranking-year="2024"] tbody tr')).toHaveCount(50);

	// Search by name (any case): the URL carries it, and the village keeps its rank.
	await page.getByLabel(/Cari desa|Search villages/).fill('fajar harapan');
	await page.getByRole('button', { name: /^(Cari|Search)$/ }).click();
	await expect(page).toHaveURL(/[?&]q=fajar(\+|%20)harapan/);
	await waitReady(page);
	const row = page.locator('[data-village-row="1101022001"]');
	await expect(row).toContainText('FAJAR HARAPAN');
	await expect(row).toContainText('KLUET UTARA');

	// Select it: trajectory and weakest indicators, and the URL reproduces the view.
	await row.locator('[data-select-village="1101022001"]').click();
	await expect(page).toHaveURL(/[?&]village=1101022001/);
	await waitReady(page);
	await expect(page.locator('#detail-h')).toBeFocused();
	await expect(page.locator('#detail-h')).toHaveText('FAJAR HARAPAN');
	await expect(page.locator('[data-chart="idm-trajectory-1101022001"] canvas')).toHaveCount(1);
	const weak = page.locator('ol[data-weakest-year="2024"] > li');
	await expect(weak).toHaveCount(10);
	const scores = (await weak.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))))) as number[];
	expect(scores).toEqual([...scores].sort((a, b) => a - b));
	await expect(weak.first()).toHaveAttribute('data-indicator', 'Skor Dokter');
	await expect(weak.first()).toContainText('DINKES');

	// A kabupaten filter narrows the counts; the year selector changes the ranking.
	await page.locator('select[name=kab]').selectOption('1101');
	await expect(page).toHaveURL(/[?&]kab=1101/);
	await waitReady(page);
	const kab2024 = await page.locator('[data-status-year="2024"]').evaluateAll((els) => els.reduce((s, e) => s + Number(e.getAttribute('data-count')), 0));
	expect(kab2024).toBe(20);
	await page.locator('select[name=year]').selectOption('2021');
	await expect(page).toHaveURL(/[?&]year=2021/);
	await waitReady(page);
	await expect(page.locator('table[data-ranking-year="2021"]')).toBeVisible();
	expect(egress).toEqual([]);
});

test('says when village_index is not loaded, with a link to /data', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	await page.getByRole('navigation', { name: /Main navigation|Navigasi utama/ }).getByRole('link', { name: 'Villages' }).click();
	await waitReady(page);
	await expect(page.getByText('The village index table (village_index) is not loaded')).toBeVisible();
	await page.getByRole('link', { name: 'Load files on the Data page' }).click();
	await expect(page).toHaveURL(/\/data\?lang=en/);
});
