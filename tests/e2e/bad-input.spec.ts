/**
 * A handful of the bad-input corpus (tests/fixtures/bad/) loaded through /data's file input in
 * Chromium: each file's message shows in [role=alert] (refused files) or [role=status] (rejected
 * rows, warnings, notes), the counts reconcile, and the app still loads the sample afterwards.
 * tests/unit/bad-input.test.ts runs every case of the corpus in Node.
 */
import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { waitReady } from './helpers';

const BAD = path.resolve('tests/fixtures/bad');

interface Refused {
	file: string;
	alert: RegExp;
}
interface Loaded {
	file: string;
	read: number;
	loaded: number;
	rejected: number;
	/** Text that must show in a [role=status] of the table's card. */
	status: RegExp[];
	/** Rejected values: line -> texts its row shows (column first, then value, reason). */
	lines?: Record<number, string[]>;
}

const REFUSED: Refused[] = [
	{ file: 'empty.csv', alert: /empty\.csv could not be loaded: empty\.csv is empty \(0 bytes\)/ },
	{ file: 'xlsx_renamed.csv', alert: /xlsx_renamed\.csv is an Excel workbook \(XLSX\) or a ZIP archive, not a CSV file/ },
	{ file: 'truncated.parquet', alert: /truncated\.parquet could not be read as Parquet \(it may be truncated or damaged\)/ },
	{ file: 'binary.csv', alert: /binary\.csv is a binary file, not delimited text/ },
	{ file: 'web_page.csv', alert: /web_page\.csv is a web page \(HTML\), not a CSV file/ }
];

const LOADED: Loaded[] = [
	{
		file: 'unclosed_quote.csv',
		read: 4,
		loaded: 1,
		rejected: 3,
		status: [/never closed properly/, /lines 3 to 5 were read as one value/],
		lines: { 3: ['dusun', 'never closed'] }
	},
	{
		file: 'impossible_dates.csv',
		read: 5,
		loaded: 1,
		rejected: 4,
		status: [/not a real date/],
		lines: { 2: ['survey_date', '31/02/2025', 'not a real date'], 4: ['survey_date', '2025-13-01'] }
	},
	{
		file: 'meetings_women_gt_attendees.csv',
		read: 3,
		loaded: 3,
		rejected: 0,
		status: [/women_attendees must not exceed attendees; the rows are loaded as they are \(1\): Line 3/]
	},
	{
		file: 'duplicate_household_round.csv',
		read: 4,
		loaded: 4,
		rejected: 0,
		// Its count is in its text, and not said again as "(1)".
		status: [/1 duplicate key\(s\) \(household_id \+ round\).*TB-001 \+ baseline\); all rows are loaded: Line \d/]
	},
	{ file: 'header_only.csv', read: 0, loaded: 0, rejected: 0, status: [/header_only\.csv has a header but no rows of data/] },
	{ file: 'windows1252.csv', read: 2, loaded: 2, rejected: 0, status: [/read as Windows-1252/] },
	{
		file: 'wrong_types.parquet',
		read: 3,
		loaded: 0,
		rejected: 3,
		status: [/is a number, not a date/],
		lines: { 2: ['members', 'empat', 'not a whole number'] }
	},
	{ file: 'utf16le.csv', read: 2, loaded: 2, rejected: 0, status: [/UTF-16 text; it was converted to UTF-8/] },
	{
		file: 'members_zero_negative.csv',
		read: 4,
		loaded: 1,
		rejected: 3,
		status: [/below the minimum of 1/],
		lines: { 4: ['members', '2.5', 'not a whole number'] }
	}
];

const tableOf = (file: string) => file.replace(/\.(csv|parquet)$/, '');

async function expectSampleLoads(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Load the Tanjung Barat sample' }).click();
	await waitReady(page);
	const households = page.locator('[data-table="households"]');
	await expect(households).toHaveAttribute('data-contract', 'households');
	expect(Number(await households.getAttribute('data-rows'))).toBeGreaterThanOrEqual(3000);
}

test('refused files say why in [role=alert], the others load, and the sample loads afterwards', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles([...REFUSED, ...LOADED].map((c) => path.join(BAD, c.file)));
	await waitReady(page);

	for (const c of REFUSED) {
		await expect(page.locator('[role=alert]').filter({ hasText: c.alert })).toHaveCount(1);
		await expect(page.locator(`[data-table="${tableOf(c.file)}"]`)).toHaveCount(0);
	}
	// Each refusal has its code, and is worded in Indonesian too.
	const codes = await page.locator('[role=alert][data-refusal]').evaluateAll((els) => els.map((e) => e.getAttribute('data-refusal')).sort());
	expect(codes).toEqual(['binary', 'empty', 'html', 'parquet_damaged', 'xlsx']);
	await page.getByRole('link', { name: 'ID', exact: true }).click();
	await expect(page.locator('[role=alert][data-refusal="empty"]')).toHaveText('empty.csv tidak dapat dimuat: empty.csv kosong (0 bita).');
	await expect(page.locator('[role=alert][data-refusal="html"]')).toContainText('web_page.csv adalah halaman web (HTML), bukan berkas CSV.');
	await page.getByRole('link', { name: 'EN', exact: true }).click();
	await expect(page.locator('[role=alert]').filter({ hasText: REFUSED[0].alert })).toHaveCount(1);
	const rejected = LOADED.reduce((s, c) => s + c.rejected, 0);
	const rows = LOADED.reduce((s, c) => s + c.loaded, 0);
	await expect(page.locator('[role=status]').filter({ hasText: `${LOADED.length} file(s) loaded: ${rows} rows, ${rejected} rows rejected.` })).toHaveCount(1);

	for (const c of LOADED) {
		const card = page.locator(`[data-table="${tableOf(c.file)}"]`);
		await expect(card).toHaveAttribute('data-rows', String(c.loaded));
		await expect(card.locator('[data-reconciles="true"]')).toHaveText(`${c.read} read = ${c.loaded} loaded + ${c.rejected} rejected`);
		for (const re of c.status) {
			await expect(card.locator('[role=status]').filter({ hasText: re }), `${c.file}: ${re}`).not.toHaveCount(0);
		}
		for (const [line, texts] of Object.entries(c.lines ?? {})) {
			// One row per rejected value: a line can have several (one per column).
			const row = card.locator(`[role=status] [data-reject-line="${line}"]`).filter({ hasText: texts[0] });
			await expect(row).toHaveCount(1);
			for (const t of texts) await expect(row).toContainText(t);
		}
	}

	// The app keeps working: a query-backed page renders, and the sample comes back in one click.
	await expectSampleLoads(page);
	await expect(page.locator('[role=alert]')).toHaveCount(0);
});

test('a refused file added to loaded data leaves the loaded tables as they were', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.getByLabel('Add to the data loaded').check();
	const before = await page.locator('[data-table]').count();
	expect(before).toBeGreaterThan(5);
	await page.locator('input[type=file][multiple]').setInputFiles([path.join(BAD, 'corrupt.csv.gz'), path.join(BAD, 'not_parquet.parquet')]);
	await waitReady(page);
	await expect(page.locator('[role=alert]').filter({ hasText: /corrupt\.csv\.gz looks gzip-compressed but could not be decompressed/ })).toHaveCount(1);
	await expect(page.locator('[role=alert]').filter({ hasText: /not_parquet\.parquet is not a Parquet file/ })).toHaveCount(1);
	await expect(page.locator('[data-table]')).toHaveCount(before);
	// Indicators still compute on the data that was there.
	await page.goto('/?lang=en');
	await waitReady(page);
	await expect(page.locator('[data-card="INC-01"] [data-indicator="INC-01"]')).not.toHaveAttribute('data-value', '');
});
