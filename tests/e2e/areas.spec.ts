import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CATALOGUE, type IndicatorResult } from '../../src/lib/indicators';
import { AREA_SLUGS } from '../../src/lib/analysis/slugs';
import { waitReady } from './helpers';
import { sampleWorkspace, expectedValues, close } from './sample-expectations';

test.describe.configure({ mode: 'serial' });

const AREA_NAMES: Record<string, Record<string, string>> = {
	id: JSON.parse(readFileSync('src/lib/i18n/messages/id.json', 'utf8')).area,
	en: JSON.parse(readFileSync('src/lib/i18n/messages/en.json', 'utf8')).area
};

/** Wait until the area page shows the numbers for what the URL asks. */
async function areaReady(page: Page, slug: string, period: string): Promise<void> {
	await expect(page).toHaveURL(new RegExp(`/areas/${slug}\\?`));
	await expect(page.locator(`[data-area="${slug}"]`)).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
	await waitReady(page);
	await expect(page.locator('[data-indicator]').first()).toHaveAttribute('data-period', period);
}

async function checkArea(page: Page, slug: string, period: string, lang: 'id' | 'en', expected: Map<string, IndicatorResult>): Promise<void> {
	await areaReady(page, slug, period);
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(AREA_NAMES[lang][slug]);
	await expect(page.locator(`[data-area-tab="${slug}"]`)).toHaveAttribute('aria-current', 'page');
	await expect(page.locator('[data-area-tab][aria-current]')).toHaveCount(1);

	// Every indicator of the area, each value equal to the catalogue computed in Node.
	const codes = CATALOGUE.filter((d) => d.area === slug).map((d) => d.code);
	const values = page.locator('[data-indicator]');
	await expect(values).toHaveCount(codes.length);
	const shown = await values.evaluateAll((els) =>
		els.map((e) => ({
			code: e.getAttribute('data-indicator'),
			period: e.getAttribute('data-period'),
			value: e.getAttribute('data-value'),
			reason: e.getAttribute('data-reason'),
			status: e.getAttribute('data-status'),
			target: e.getAttribute('data-target')
		}))
	);
	expect(shown.map((s) => s.code)).toEqual(codes);
	for (const s of shown) {
		const want = expected.get(s.code!)!;
		const where = `${slug} ${period} ${lang} ${s.code}`;
		expect(s.period, where).toBe(period);
		if (want.value === null) {
			expect(s.value, where).toBe('');
			expect(s.reason, where).toBe(want.reason);
		} else {
			expect(s.value, where).not.toBe('');
			expect(close(Number(s.value), want.value), `${where}: ${s.value} vs ${want.value}`).toBe(true);
		}
		expect(s.status, where).toBe(want.status);
		if (want.target === null) expect(s.target, where).toBeNull();
		else expect(close(Number(s.target), want.target), where).toBe(true);
	}

	// Charts: drawn, each with its canvas; chart text in the page's language.
	const charts = page.locator('[data-chart]');
	const n = await charts.count();
	expect(n, `${slug} ${period} ${lang}: charts`).toBeGreaterThan(0);
	expect(await page.locator('[data-chart] canvas').count()).toBeGreaterThanOrEqual(n);
	await expect(charts.first().getByRole('button', { name: lang === 'id' ? 'Unduh CSV' : 'Download CSV' })).toBeVisible();
}

test('the six area pages on the sample, for 2025 and 2025-Q2, in Indonesian and English, by client-side navigation', async ({ page }) => {
	test.setTimeout(600_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));

	const ws = await sampleWorkspace();
	const expected = { '2025': expectedValues(ws, '2025'), '2025-Q2': expectedValues(ws, '2025-Q2') };

	await page.goto('/areas/income?period=2025');
	await checkArea(page, 'income', '2025', 'id', expected['2025']);

	// The tabs work from the keyboard: arrows move focus, Enter follows the link.
	await page.locator('[data-area-tab="income"]').focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('[data-area-tab="employment"]')).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('End');
	await expect(page.locator('[data-area-tab="participation"]')).toBeFocused();
	await page.keyboard.press('Home');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('Enter');
	await checkArea(page, 'employment', '2025', 'id', expected['2025']);

	const tour = async (period: '2025' | '2025-Q2', lang: 'id' | 'en', order: readonly string[]) => {
		for (const slug of order) {
			await page.locator(`[data-area-tab="${slug}"]`).click();
			await checkArea(page, slug, period, lang, expected[period]);
		}
	};
	await tour('2025', 'id', AREA_SLUGS.slice(2));

	// Period from the filter bar (client-side), then every area again.
	await page.locator('select[name="period"]').selectOption('2025-Q2');
	await expect(page).toHaveURL(/period=2025-Q2/);
	await checkArea(page, 'participation', '2025-Q2', 'id', expected['2025-Q2']);
	await tour('2025-Q2', 'id', AREA_SLUGS.slice(0, 5));

	// English, by the language switch, in both periods.
	await page.getByRole('link', { name: 'EN', exact: true }).click();
	await expect(page).toHaveURL(/lang=en/);
	await checkArea(page, 'infrastructure', '2025-Q2', 'en', expected['2025-Q2']);
	await tour('2025-Q2', 'en', AREA_SLUGS.filter((s) => s !== 'infrastructure'));
	await page.locator('select[name="period"]').selectOption('2025');
	await expect(page).toHaveURL(/period=2025(&|$)/);
	await checkArea(page, 'participation', '2025', 'en', expected['2025']);
	await tour('2025', 'en', AREA_SLUGS.slice(0, 5));

	// The overview carries the same tabs and leads to the area pages with the view kept.
	await page.locator('a.brand').click();
	await waitReady(page);
	await expect(page.locator('[data-area-tab]')).toHaveCount(6);
	await expect(page.locator('[data-area-tab][aria-current]')).toHaveCount(0);
	await page.locator('[data-area-tab="health"]').click();
	await checkArea(page, 'health', '2025', 'en', expected['2025']);

	expect(errors).toEqual([]);
});

test('the areas index shows each area’s headline cards, and an unknown area says so', async ({ page }) => {
	test.setTimeout(180_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const ws = await sampleWorkspace();
	const expected = expectedValues(ws, '2025');
	await page.goto('/areas?period=2025&lang=en');
	await expect(page.locator('.areas')).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
	await waitReady(page);
	await expect(page.locator('[data-area-summary]')).toHaveCount(6);
	const cards = page.locator('[data-area-summary] [data-indicator]');
	expect(await cards.count()).toBeGreaterThanOrEqual(6);
	for (const el of await cards.all()) {
		const code = (await el.getAttribute('data-indicator'))!;
		const want = expected.get(code)!;
		const value = await el.getAttribute('data-value');
		if (want.value === null) expect(value, code).toBe('');
		else expect(close(Number(value), want.value), code).toBe(true);
	}
	await page.locator('[data-area-summary="women"] h2 a').click();
	await checkArea(page, 'women', '2025', 'en', expected);

	await page.goto('/areas/nowhere?lang=en');
	await expect(page.getByRole('alert')).toContainText('nowhere');
	await expect(page.locator('[data-area-tab]')).toHaveCount(6);
	expect(errors).toEqual([]);
});

test('with nothing loaded, an area page says what to load instead of showing placeholders', async ({ page }) => {
	test.setTimeout(120_000);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.addInitScript(() => localStorage.setItem('pantau.source', 'empty'));
	await page.goto('/areas/health?lang=en');
	await waitReady(page);
	await expect(page.locator('[data-area="health"]')).toHaveAttribute('aria-busy', 'false');
	await expect(page.getByRole('status').filter({ hasText: 'No data yet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open the Data page' })).toBeVisible();
	await expect(page.locator('.skeleton')).toHaveCount(0);
	await expect(page.locator('[data-indicator]')).toHaveCount(0);
	expect(errors).toEqual([]);
});
