import { test, expect } from '@playwright/test';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { waitReady } from './helpers';

/** A households survey whose columns are named the way a program's own export names them; income is `kolom9`. */
const FIXTURE = path.resolve('tests/fixtures/survei_kolom_sendiri.csv');

const GUESSED: Record<string, string> = {
	household_id: 'kode_rt',
	round: 'gelombang',
	survey_date: 'tgl',
	dusun: 'dusun_nama',
	members: 'jml_art',
	income_month_idr: '',
	group: 'klp',
	head_sex: 'jk_kk',
	electricity: 'pln',
	water_improved: 'air',
	road_2km: 'jalan',
	weight: 'bobot_sampel'
};

test('a file with its own column names is mapped in the dialog, and the mapping is reused for the same header', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(FIXTURE);
	await waitReady(page);
	const card = page.locator('[data-table="survei_kolom_sendiri"]');
	await expect(card).toHaveAttribute('data-rows', '10');
	await expect(card).not.toHaveAttribute('data-contract', /.*/);
	await expect(card).toContainText('Might fit: households');

	const open = card.getByRole('button', { name: 'Map columns' });
	await open.click();
	const dialog = page.getByRole('dialog', { name: 'Map the columns of survei_kolom_sendiri' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByLabel('Contract table')).toHaveValue('households');
	// Required columns first, each marked.
	const rows = dialog.locator('tr[data-map-column]');
	await expect(rows).toHaveCount(12);
	expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-required')))).toEqual([
		...Array(6).fill('true'),
		...Array(6).fill('false')
	]);
	await expect(dialog.locator('tr[data-required="true"]').first()).toContainText('required');
	// The suggestions are preselected, each with its reason and a few values of the file column.
	for (const [canonical, file] of Object.entries(GUESSED)) {
		await expect(dialog.getByLabel(`File column for ${canonical}`, { exact: true })).toHaveValue(file);
	}
	const row = (c: string) => dialog.locator(`tr[data-map-column="${c}"]`);
	await expect(row('household_id').locator('[data-reason]')).toHaveText('name like id_rt');
	await expect(row('survey_date').locator('[data-reason]')).toContainText('values are dates');
	await expect(row('survey_date').locator('[data-samples]')).toHaveText('15/03/2023 · 16/03/2023 · 17/03/2023');
	await expect(row('head_sex').locator('[data-reason]')).toContainText('values are sex codes');
	await expect(row('income_month_idr').locator('[data-reason]')).toContainText('suggested:');

	// Income is not guessed: applying is blocked with a message naming it.
	await dialog.getByRole('button', { name: 'Apply' }).click();
	await expect(dialog.getByRole('alert')).toHaveText(/choose a file column for the required column\(s\) income_month_idr/);
	await expect(dialog).toBeVisible();

	// Fix it.
	await dialog.getByLabel('File column for income_month_idr', { exact: true }).selectOption('kolom9');
	await expect(row('income_month_idr').locator('[data-reason]')).toContainText('chosen by you');
	await expect(row('income_month_idr').locator('[data-samples]')).toHaveText('1.200.000 · Rp 900.000 · 2.000.000');
	await expect(dialog.getByRole('alert')).toHaveCount(0);
	await dialog.getByRole('button', { name: 'Apply' }).click();
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();
	await waitReady(page);

	// The load report is for the mapped table now.
	await expect(card).toHaveAttribute('data-contract', 'households');
	await expect(card).toHaveAttribute('data-rows', '10');
	await expect(card.locator('[data-reconciles="true"]')).toContainText('10 read = 10 loaded + 0 rejected');
	await expect(card).not.toContainText('Required columns missing');
	await expect(card.locator('[data-column="income_month_idr"]')).toHaveAttribute('data-type', 'DOUBLE');
	await expect(card.locator('[data-column="survey_date"]')).toHaveAttribute('data-type', 'DATE');

	// An indicator is computed from it. (With survey tables alone the data has no dated span
	// for a default period, so the period is given.) Endline income per member: 400,000
	// (RT-001, -002, -005; weights 3.15 of 5.15), 420,000 and 325,000: the weighted median is 400,000.
	await page.goto('/indicators/INC-01?lang=en&period=2025');
	await waitReady(page);
	const value = page.locator('[data-indicator="INC-01"][data-period="2025"]').first();
	await expect(value).toHaveAttribute('data-value', '400000');

	// Remove the table, then load another file with the same header: it is mapped on its own.
	await page.goto('/data?lang=en');
	await waitReady(page);
	await card.getByRole('button', { name: 'Remove' }).click();
	await expect(page.locator('[data-table]')).toHaveCount(0);
	const lines = readFileSync(FIXTURE, 'utf8').trim().split('\n');
	await page.locator('input[type=file][multiple]').setInputFiles({
		name: 'survei_2026.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([lines[0], ...lines.slice(6)].join('\n') + '\n')
	});
	await waitReady(page);
	const second = page.locator('[data-table="survei_2026"]');
	await expect(second).toHaveAttribute('data-contract', 'households');
	await expect(second).toHaveAttribute('data-rows', '5');
	await expect(second).toContainText('by a saved mapping');
	await expect(second.locator('[data-mapping-reused]')).toContainText('Mapping reused from');
	await expect(second.locator('[data-column="income_month_idr"]')).toHaveAttribute('data-type', 'DOUBLE');

	// The dialog opens on the saved mapping; Esc closes it and gives focus back.
	const again = second.getByRole('button', { name: 'Map columns' });
	await again.click();
	const dialog2 = page.getByRole('dialog', { name: 'Map the columns of survei_2026' });
	await expect(dialog2.getByLabel('File column for income_month_idr', { exact: true })).toHaveValue('kolom9');
	await expect(dialog2.locator('tr[data-map-column="income_month_idr"] [data-reason]')).toContainText('current mapping');
	await expect(dialog2.getByLabel('Contract table')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog2).toBeHidden();
	await expect(again).toBeFocused();

	// In Indonesian too.
	await page.goto('/data');
	await waitReady(page);
	await expect(page.locator('[data-table="survei_2026"] [data-mapping-reused]')).toContainText('Pemetaan dipakai ulang');
	await expect(page.locator('[data-table="survei_2026"]').getByRole('button', { name: 'Petakan kolom' })).toBeVisible();
});
