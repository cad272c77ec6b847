import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { waitReady } from './helpers';

/**
 * The engine worker crashes (made to, with the documented `?debug=crash-engine` hook): the
 * user is told what happened and what to do, the engine is started again and the tables come
 * back, without a page reload.
 */

async function tableNames(page: Page): Promise<string[]> {
	return (await page.locator('[data-table]').evaluateAll((els) => els.map((e) => e.getAttribute('data-table') ?? ''))).sort();
}

async function crashEngine(page: Page, kind: 'uncaught' | 'wasm-trap'): Promise<void> {
	await page.evaluate((k) => (window as unknown as { pantauDebug: { crashEngine(k: string): Promise<unknown> } }).pantauDebug.crashEngine(k), kind);
}

test('the worker crashes: a message, the sample back and indicators computed again, without a reload', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en&debug=crash-engine');
	await waitReady(page);
	const before = await tableNames(page);
	expect(before).toContain('households');
	expect(before.length).toBeGreaterThanOrEqual(10);
	// Marks this document: a reload would lose it.
	await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

	await crashEngine(page, 'uncaught');
	const banner = page.locator('[data-crash]');
	await expect(banner).toHaveAttribute('data-crash', 'recovered', { timeout: 60_000 });
	await expect(banner).toHaveAttribute('role', 'alert');
	await expect(banner).toContainText(
		`The data engine stopped and was restarted without reloading the page. The sample was loaded again (${before.length} tables).`
	);
	await expect(banner).toContainText('If it happens again: remove tables you do not need, then load smaller files, Parquet, or fewer columns');
	await expect(banner).toContainText('Technical detail:');
	await waitReady(page);
	expect(await tableNames(page)).toEqual(before);
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-contract', 'households');

	// Indicators are computed again, on the same page (client-side navigation).
	await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click();
	await waitReady(page);
	const value = page.locator('[data-card="INC-01"] [data-indicator="INC-01"]');
	await expect(value).toHaveAttribute('data-value', /^\d+(\.\d+)?$/);
	expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

	// In Indonesian, and dismissable.
	await page.getByRole('link', { name: 'ID', exact: true }).click();
	await expect(banner).toContainText('Mesin data berhenti dan sudah dijalankan ulang tanpa memuat ulang halaman. Data contoh dimuat lagi');
	await expect(banner).toContainText('Bila terjadi lagi');
	await banner.getByRole('button', { name: 'Tutup' }).click();
	await expect(banner).toHaveCount(0);
});

test('a WebAssembly trap in the engine: the user files kept on the device come back', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en&debug=crash-engine');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	const card = page.locator('[data-table="rumah_tangga_id"]');
	await expect(card).toHaveAttribute('data-rows', '3');
	await expect(page.locator('[data-stored-files]')).toHaveAttribute('data-stored-files', '1');
	await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

	await crashEngine(page, 'wasm-trap');
	const banner = page.locator('[data-crash]');
	await expect(banner).toHaveAttribute('data-crash', 'recovered', { timeout: 60_000 });
	await expect(banner).toContainText('1 table(s) were loaded again from the files kept on this device.');
	await expect(banner).toContainText('unreachable');
	await waitReady(page);
	await expect(card).toHaveAttribute('data-contract', 'households');
	await expect(card).toHaveAttribute('data-rows', '3');
	expect(await tableNames(page)).toEqual(['rumah_tangga_id']);
	expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('without ?debug=crash-engine there is no crash hook', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	expect(await page.evaluate(() => 'pantauDebug' in window)).toBe(false);
});

test('a file larger than 1 GB is refused in the page before it is read, naming the limit; the data loaded stays', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	const before = await tableNames(page);
	// A 1.5 GB file cannot be handed to Chromium here: File.size says 1.5 GB for this one file
	// (its bytes are a few dozen). The page must refuse it from its size, without sending it
	// to the engine, so the "replace" load clears nothing.
	await page.evaluate(() => {
		const real = Object.getOwnPropertyDescriptor(Blob.prototype, 'size')!.get!;
		Object.defineProperty(File.prototype, 'size', {
			configurable: true,
			get(this: File) {
				return this.name === 'rumah_tangga_besar.csv' ? 1.5 * 1024 ** 3 : real.call(this);
			}
		});
	});
	await page.locator('input[type=file][multiple]').setInputFiles({
		name: 'rumah_tangga_besar.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('household_id,round,survey_date,dusun,members,income_month_idr\nA,baseline,2023-03-01,Krajan,4,1000000\n')
	});
	const refusal = page.locator('[role=alert][data-failure="too_large"]');
	await expect(refusal).toHaveText(
		'rumah_tangga_besar.csv is 1.5 GB; Pantau reads files of up to 1 GB (1,024 MB) in the browser, because DuckDB there has at most 4 GB of memory. The file was not read and the data loaded is unchanged. Split it (for example by year or dusun) or convert it to Parquet, then load the parts.'
	);
	await waitReady(page);
	expect(await tableNames(page)).toEqual(before);
	await expect(page.locator('[data-sample="true"]')).toBeVisible();
	await page.getByRole('link', { name: 'ID', exact: true }).click();
	await expect(refusal).toContainText('rumah_tangga_besar.csv berukuran 1,5 GB; Pantau membaca berkas hingga 1 GB (1.024 MB) di browser');
});

test('a replace whose every file fails puts back what was loaded: the sample, or the files kept on the device', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	const sample = await tableNames(page);
	expect(sample).toContain('households');
	const input = page.locator('input[type=file][multiple]');

	// The sample is loaded; a PDF renamed .csv and a CSV named .parquet, "replace" (the default).
	await input.setInputFiles([path.resolve('tests/fixtures/bad/pdf_renamed.csv'), path.resolve('tests/fixtures/bad/not_parquet.parquet')]);
	await waitReady(page);
	await expect(page.locator('[role=alert].fail')).toHaveCount(2);
	await expect(page.locator('[data-unchanged]')).toHaveText('No file was loaded, so nothing was replaced: the data loaded before is back.');
	expect(await tableNames(page)).toEqual(sample);
	await expect(page.locator('[data-sample="true"]')).toBeVisible();

	// The user's own file, then a broken one: the user's table comes back, and is still kept on the device.
	await input.setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	await expect(page.locator('[data-table]')).toHaveCount(1);
	const [mine] = await tableNames(page);
	const card = page.locator(`[data-table="${mine}"]`);
	const rows = await card.getAttribute('data-rows');
	expect(Number(rows)).toBeGreaterThan(0);
	await input.setInputFiles(path.resolve('tests/fixtures/bad/binary.csv'));
	await waitReady(page);
	await expect(page.locator('[role=alert].fail')).toHaveCount(1);
	await expect(page.locator('[data-unchanged]')).toBeVisible();
	expect(await tableNames(page)).toEqual([mine]);
	await expect(card).toHaveAttribute('data-rows', rows!);
	await expect(page.locator('[data-sample="true"]')).toHaveCount(0);
	await page.reload();
	await waitReady(page);
	expect(await tableNames(page)).toEqual([mine]);
	await expect(card).toHaveAttribute('data-rows', rows!);

	// A replace with one good file among bad ones does replace.
	await input.setInputFiles([path.resolve('tests/fixtures/bad/binary.csv'), path.resolve('static/sample/households.csv')]);
	await waitReady(page);
	await expect(page.locator('[data-unchanged]')).toHaveCount(0);
	expect(await tableNames(page)).toEqual(['households']);
	await page.getByRole('link', { name: 'ID', exact: true }).click();
	await input.setInputFiles(path.resolve('tests/fixtures/bad/binary.csv'));
	await waitReady(page);
	await expect(page.locator('[data-unchanged]')).toHaveText('Tidak ada berkas yang berhasil dimuat, jadi tidak ada yang diganti: data sebelumnya dimuat kembali.');
	expect(await tableNames(page)).toEqual(['households']);
});

test("DuckDB's wasm cannot be downloaded: the state is error, and the page says what failed and what to do", async ({ page, context }) => {
	await context.route('**/*.wasm', (route) => route.abort('connectionfailed'));
	await page.goto('/?lang=en');
	await expect(page.locator('html')).toHaveAttribute('data-pantau-state', 'error', { timeout: 60_000 });
	await expect(page.locator('[role=alert]').first()).toContainText('The data engine (DuckDB) could not be downloaded');
	await expect(page.locator('[role=alert]').first()).toContainText('.wasm');
});
