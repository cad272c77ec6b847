import { test, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { waitReady } from './helpers';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

async function seriousViolations(page: Page): Promise<string[]> {
	// The app's Content-Security-Policy refuses inline <script> (addScriptTag); evaluate is exempt.
	await page.evaluate(`${readFileSync(AXE, 'utf8')};0`);
	const result = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
		return axe.run(document, { resultTypes: ['violations'] });
	});
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const ROUTES = ['/', '/data', '/indicators/INF-01', '/areas', '/areas/income', '/villages', '/donor', '/report', '/present'];

test('axe finds no serious or critical violations on any route, in both languages', async ({ page }) => {
	test.setTimeout(300_000);
	await page.goto('/?period=2025');
	await waitReady(page);
	for (const lang of ['id', 'en']) {
		for (const route of ROUTES) {
			await page.goto(`${route}?period=2025&lang=${lang}`);
			await waitReady(page);
			expect(await seriousViolations(page), `${route} (${lang})`).toEqual([]);
		}
	}
});

test('the overview works by keyboard alone: skip link, navigation, filters', async ({ page }) => {
	await page.goto('/?period=2025');
	await waitReady(page);
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Langsung ke isi' })).toBeFocused();
	await page.keyboard.press('Enter');
	// Tab to the period select and change it with the keyboard.
	const period = page.getByLabel('Periode');
	await period.focus();
	await page.keyboard.press('ArrowDown');
	await expect(page).toHaveURL(/period=/);
	await waitReady(page);
	const first = page.locator('[data-card] a.name').first();
	await first.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/indicators\//);
	await waitReady(page);
});

test('the column-mapping dialog: no serious violations, labelled, focus kept inside and given back, Esc closes', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/data?lang=en');
	await waitReady(page);
	const open = page.locator('[data-table="households"]').getByRole('button', { name: 'Map columns' });
	await open.click();
	const dialog = page.getByRole('dialog', { name: 'Map the columns of households' });
	await expect(dialog.getByLabel('Contract table')).toBeFocused();
	expect(await seriousViolations(page), 'mapping dialog').toEqual([]);
	// Tab and Shift+Tab stay inside the modal dialog.
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
		expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]') || document.activeElement === document.body)).toBe(true);
	}
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(open).toBeFocused();
});
