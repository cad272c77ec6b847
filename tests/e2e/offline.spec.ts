import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { waitReady } from './helpers';

test('after one visit the app, DuckDB and the sample work with the network off', async ({ page, context }) => {
	test.setTimeout(180_000);
	// The service worker registers once the start is over, so its install does not compete
	// with DuckDB's start: record the page's state when it is registered.
	await page.addInitScript(() => {
		const sw = navigator.serviceWorker;
		const register = sw.register.bind(sw);
		sw.register = (...args: Parameters<typeof register>) => {
			(window as unknown as { __swAt: string }).__swAt = document.documentElement.dataset.pantauState ?? '';
			return register(...args);
		};
	});
	await page.goto('/?period=2025');
	await waitReady(page);
	await expect.poll(() => page.evaluate(() => (window as unknown as { __swAt?: string }).__swAt)).toBe('ready');
	// Wait until the service worker has cached the app.
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return reg.active?.state;
	});
	// ...including the engine worker's wasm, which the page asks it to keep, and every module
	// the worker imports or starts later (the Parquet reader's, the key checks' helper), which
	// the service worker finds in it.
	// (The worker modules some other worker file imports: the bundler leaves orphans too.)
	const dir = 'build/_app/immutable/workers';
	const texts = [...readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => `${dir}/${f}`), ...readdirSync(`${dir}/chunks`).map((f) => `${dir}/chunks/${f}`)].map((f) =>
		readFileSync(f, 'utf8')
	);
	const chunks = readdirSync(`${dir}/chunks`).filter((c) => c.endsWith('.js') && texts.some((t) => t.includes(`/${c}`)));
	expect(chunks.length).toBeGreaterThan(1);
	await expect
		.poll(
			async () =>
				page.evaluate(async (chunks) => {
					for (const key of await caches.keys()) {
						const urls = (await (await caches.open(key)).keys()).map((r) => r.url);
						if (
							urls.some((u) => u.includes('duckdb-eh')) &&
							urls.some((u) => u.includes('parquet_wasm')) &&
							// The engine's helper thread for key checks (started by the first load).
							urls.some((u) => /\/_app\/immutable\/workers\/key-worker-[\w-]+\.js$/.test(u)) &&
							chunks.every((c) => urls.some((u) => u.endsWith(`/_app/immutable/workers/chunks/${c}`)))
						)
							return true;
					}
					return false;
				}, chunks),
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
	// A Parquet file loads offline too, though the Parquet reader was never used online.
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('static/sample/households.parquet'));
	await waitReady(page);
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-rows', '3600');
	await expect(page.locator('[data-table="households"]')).toContainText('households.parquet');
	await context.setOffline(false);
});
