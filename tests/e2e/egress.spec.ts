/**
 * No egress: loading the sample, loading the user's own files (CSV and Parquet) and viewing
 * every route makes no request off the app's origin: no fonts, no CDNs, no DuckDB extension
 * downloads, no telemetry. Every off-origin request, from the page, the engine worker or the
 * service worker, is recorded and aborted, and the test fails if there is any.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { waitReady, blockEgress } from './helpers';

const ROUTES = [
	'/',
	'/data',
	'/indicators/INC-01',
	'/indicators/INF-01',
	'/indicators/PAR-02',
	'/areas',
	'/areas/income',
	'/villages',
	'/donor',
	'/report',
	'/present',
	'/settings'
];

test('the sample, a user file and every route stay on the app origin', async ({ page, baseURL }) => {
	test.setTimeout(300_000);
	const attempted = await blockEgress(page, baseURL!);
	const seen: string[] = [];
	page.on('request', (r) => seen.push(r.url()));

	// 1. Start: the engine (wasm) and the sample.
	await page.goto('/?lang=en');
	await waitReady(page);
	await expect(page.locator('[data-card]').first()).toBeVisible();

	// 2. The user's own files: a CSV and a Parquet file (the Parquet reader's wasm is fetched on first use).
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page
		.locator('input[type=file][multiple]')
		.setInputFiles([path.resolve('tests/fixtures/rumah_tangga_id.csv'), path.resolve('static/sample/people.parquet'), path.resolve('static/sample/meetings.csv')]);
	await waitReady(page);
	await expect(page.locator('[data-table="rumah_tangga_id"]')).toHaveAttribute('data-rows', '3');
	await expect(page.locator('[data-table="people"]')).toHaveAttribute('data-contract', 'people');
	expect(seen.some((u) => /parquet_wasm.*\.wasm|\.wasm$/.test(u)), 'wasm came from the app').toBe(true);

	// 3. Every route, on the user's data (kept on the device and loaded again on each page load).
	for (const route of ROUTES) {
		await page.goto(`${route}?lang=en`);
		await waitReady(page);
		// Hover the first chart, if any: tooltips and lazy chunks must stay local too.
		const canvas = page.locator('canvas').first();
		if ((await canvas.count()) > 0 && (await canvas.isVisible())) await canvas.hover();
	}

	// 4. Back to the sample, then a print view of the report.
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.getByRole('button', { name: 'Load the Tanjung Barat sample' }).click();
	await waitReady(page);
	await page.emulateMedia({ media: 'print' });
	await page.goto('/report?lang=en');
	await waitReady(page);

	expect(attempted, 'requests off the app origin').toEqual([]);
	expect(seen.every((u) => u.startsWith(new URL(baseURL!).origin) || /^(data|blob):/.test(u))).toBe(true);
});

test('a DuckDB extension is never fetched: Parquet is read by the app, not by DuckDB', async ({ page, baseURL }) => {
	const attempted = await blockEgress(page, baseURL!);
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('static/sample/households.parquet'));
	await waitReady(page);
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-rows', '3600');
	expect(attempted.filter((u) => /extensions\.duckdb\.org|duckdb/i.test(u))).toEqual([]);
	expect(attempted).toEqual([]);
});
