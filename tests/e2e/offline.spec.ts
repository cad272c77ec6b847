import { test, expect } from '@playwright/test';
import { waitReady } from './helpers';

test('after one visit the app, DuckDB and the sample work with the network off', async ({ page, context }) => {
	test.setTimeout(180_000);
	await page.goto('/?period=2025');
	await waitReady(page);
	// Wait until the service worker has cached the app.
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state;
	});
	// ...including the engine worker's wasm, which the page asks it to keep.
	await expect
		.poll(
			async () =>
				page.evaluate(async () => {
					for (const key of await caches.keys()) {
						const reqs = await (await caches.open(key)).keys();
						if (reqs.some((r) => r.url.includes('duckdb-eh')) && reqs.some((r) => r.url.includes('parquet_wasm'))) return true;
					}
					return false;
				}),
			{ timeout: 90_000 }
		)
		.toBe(true);
	const value = await page.locator('[data-card="INF-01"] [data-indicator="INF-01"]').getAttribute('data-value');

	await context.setOffline(true);
	await page.reload();
	await waitReady(page);
	await expect(page.locator('[data-card="INF-01"] [data-indicator="INF-01"]')).toHaveAttribute('data-value', value!);
	// Client-side navigation works offline too.
	await page.getByRole('link', { name: 'Data' }).first().click();
	await waitReady(page);
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-contract', 'households');
	await context.setOffline(false);
});
