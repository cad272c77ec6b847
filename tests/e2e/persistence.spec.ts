import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { waitReady } from './helpers';

/** How many records an object store of the app's IndexedDB holds (0 when it does not exist). */
async function storedCount(page: Page, store: 'files' | 'mappings'): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((resolve) => {
				const req = indexedDB.open('pantau');
				req.onsuccess = () => {
					const db = req.result;
					if (!db.objectStoreNames.contains(name)) return resolve(0);
					const c = db.transaction(name).objectStore(name).count();
					c.onsuccess = () => resolve(c.result);
				};
			}),
		store
	);
}

test('loaded tables, column mappings and settings survive a reload; "remove all" deletes them from the device', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-rows', '3');
	await expect(page.locator('[data-stored-files]')).toHaveAttribute('data-stored-files', '1');

	// A column mapping applied in the dialog is kept on the device too.
	await page.locator('[data-table="rumah_tangga_id"]').getByRole('button', { name: 'Map columns' }).click();
	const dialog = page.getByRole('dialog', { name: 'Map the columns of rumah_tangga_id' });
	await expect(dialog.getByLabel('File column for income_month_idr', { exact: true })).toHaveValue('pendapatan_bulanan');
	await dialog.getByRole('button', { name: 'Apply' }).click();
	await expect(dialog).toBeHidden();
	await waitReady(page);
	await expect.poll(() => storedCount(page, 'mappings')).toBe(1);

	// A setting that changes results is saved too.
	await page.goto('/settings?lang=en');
	await page.getByLabel('Rupiah per capita per month').fill('600000');
	await page.getByLabel('Village name (report cover and slides)').fill('  Desa   Sukamaju ');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();

	await page.goto('/data?lang=en');
	await page.reload();
	await waitReady(page);
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-contract', 'households');
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-rows', '3');
	await expect(page.locator('[data-sample="true"]')).toHaveCount(0);
	await page.goto('/settings?lang=en');
	await expect(page.getByLabel('Rupiah per capita per month')).toHaveValue('600,000');
	await expect(page.getByLabel('Village name (report cover and slides)')).toHaveValue('Desa Sukamaju');
	// The name is the report's title for the user's own data.
	await page.goto('/report?lang=en');
	await waitReady(page);
	await expect(page.locator('#cover-title')).toHaveText('Desa Sukamaju');

	await page.goto('/data?lang=en');
	await waitReady(page);
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Remove all data from this device' }).click();
	await expect(page.locator('[data-stored-files]')).toHaveAttribute('data-stored-files', '0');
	await expect(page.locator('[data-table]')).toHaveCount(0);
	await page.reload();
	await waitReady(page);
	await expect(page.locator('[data-table]')).toHaveCount(0);
	expect(await storedCount(page, 'files')).toBe(0);
	// Saved column mappings are gone with the files.
	expect(await storedCount(page, 'mappings')).toBe(0);
	await page.goto('/settings?lang=en');
	await expect(page.getByLabel('Rupiah per capita per month')).toHaveValue('580,349');
	await expect(page.getByLabel('Village name (report cover and slides)')).toHaveValue('');
});

test('kept files are stored as Blobs, and a file kept in the earlier form (a byte array) still comes back', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	await expect(page.locator('[data-stored-files]')).toHaveAttribute('data-stored-files', '1');
	// What the device holds: the file's bytes as a Blob, equal to the file.
	const kept = await page.evaluate(
		() =>
			new Promise<{ isBlob: boolean; text: string }>((resolve, reject) => {
				const req = indexedDB.open('pantau');
				req.onsuccess = () => {
					const get = req.result.transaction('files').objectStore('files').get('rumah_tangga_id');
					get.onsuccess = async () => {
						const blob = get.result.file.blob;
						resolve({ isBlob: blob instanceof Blob, text: blob instanceof Blob ? await blob.text() : '' });
					};
					get.onerror = () => reject(get.error);
				};
			})
	);
	expect(kept.isBlob).toBe(true);
	expect(kept.text).toBe(readFileSync('tests/fixtures/rumah_tangga_id.csv', 'utf8'));

	// Rewrite the record the way earlier versions kept files (the bytes as a Uint8Array), reload.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('pantau');
				req.onsuccess = () => {
					const store = req.result.transaction('files', 'readwrite').objectStore('files');
					const get = store.get('rumah_tangga_id');
					get.onsuccess = async () => {
						const rec = get.result;
						const bytes = new Uint8Array(await rec.file.blob.arrayBuffer());
						const put = req.result.transaction('files', 'readwrite').objectStore('files').put({ ...rec, file: { name: rec.file.name, bytes } });
						put.onsuccess = () => resolve();
						put.onerror = () => reject(put.error);
					};
				};
			})
	);
	await page.reload();
	await waitReady(page);
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-rows', '3');
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-contract', 'households');
});

test('settings: numbers typed the Indonesian way are read, a wrong one is named in the UI language, and nothing is saved until all are right', async ({ page }) => {
	await page.goto('/settings');
	await waitReady(page);
	const line = page.getByLabel('Rupiah per kapita per bulan');
	await expect(line).toHaveValue('580.349');
	// Empty, text, negative, far too large, and a fraction where whole years are asked: each field says what is wrong.
	await line.fill('');
	await page.getByLabel('Dewasa mulai (tahun)').fill('15,5');
	await page.getByLabel('Sampel kecil bila n di bawah').fill('abc');
	await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
	await expect(page.getByRole('alert')).toHaveText('Pengaturan tidak disimpan: 3 isian perlu diperbaiki.');
	await expect(page.locator('[data-setting-error="pl"]')).toHaveText('Rupiah per kapita per bulan: isi dengan angka.');
	await expect(page.locator('[data-setting-error="am"]')).toHaveText('Dewasa mulai (tahun): harus bilangan bulat.');
	await expect(page.locator('[data-setting-error="ss"]')).toContainText('“abc” bukan angka');
	await expect(line).toHaveAttribute('aria-invalid', 'true');
	await expect(line).toBeFocused();
	await line.fill('-5');
	await page.getByLabel('Dewasa mulai (tahun)').fill('15');
	await page.getByLabel('Sampel kecil bila n di bawah').fill('30');
	await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
	await expect(page.locator('[data-setting-error="pl"]')).toHaveText(/^Rupiah per kapita per bulan: harus antara Rp\s10\.000 dan Rp\s100\.000\.000\.$/);
	// The line written the English way (580,349 is 580 rupiah and a fraction here): refused, never poverty 0%.
	await line.fill('580,349');
	await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
	await expect(page.locator('[data-setting-error="pl"]')).toHaveText('Rupiah per kapita per bulan: harus bilangan bulat.');
	// Thresholds that do not rise: the rule across the three fields, in words.
	await line.fill('Rp 600.000');
	await page.getByLabel('Sesuai jalur (≥ %)').fill('40');
	await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
	await expect(page.locator('[data-setting-error="n"]')).toHaveText(/^Batas status harus naik/);
	expect(await page.evaluate(() => localStorage.getItem('pantau.settings'))).toBeNull();
	// All right: saved, as 600000.
	await page.getByLabel('Sesuai jalur (≥ %)').fill('85');
	await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Pengaturan disimpan' })).toBeVisible();
	await expect(page.locator('[data-setting-error]')).toHaveCount(0);
	expect(JSON.parse((await page.evaluate(() => localStorage.getItem('pantau.settings'))) ?? '{}').povertyLine).toBe(600000);
	await expect(line).toHaveValue('600.000');
	// Switching the language rewrites the numbers in it: never read 600.000 as 600 in English.
	await page.getByRole('link', { name: 'EN', exact: true }).click();
	await expect(page.getByLabel('Rupiah per capita per month')).toHaveValue('600,000');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
	expect(JSON.parse((await page.evaluate(() => localStorage.getItem('pantau.settings'))) ?? '{}').povertyLine).toBe(600000);
});
