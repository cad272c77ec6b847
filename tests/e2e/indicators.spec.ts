import { test, expect } from '@playwright/test';
import { rowObjects } from '../../src/lib/engine/database';
import { CATALOGUE } from '../../src/lib/indicators';
import { waitReady } from './helpers';
import { sampleWorkspace, expectedValues, close } from './sample-expectations';

test.describe.configure({ mode: 'serial' });

test('all 32 indicators on the sample for 2025 equal the catalogue computed in Node', async ({ page }) => {
	test.setTimeout(240_000);
	const ws = await sampleWorkspace();
	const expected = expectedValues(ws, '2025');
	expect(expected.size).toBe(32);

	// An independent plain-SQL check of two definitions on the same data.
	const [inf01] = rowObjects<{ v: number }>(
		ws.db.query(`WITH r AS (SELECT round, min(survey_date) d FROM contract.households GROUP BY round),
			latest AS (SELECT round FROM r WHERE d <= DATE '2025-12-31' ORDER BY d DESC LIMIT 1)
			SELECT 100 * sum(CASE WHEN electricity THEN weight ELSE 0 END) / sum(weight) AS v
			FROM contract.households WHERE round = (SELECT round FROM latest) AND electricity IS NOT NULL`)
	);
	expect(close(expected.get('INF-01')!.value!, inf01.v)).toBe(true);
	const [par02] = rowObjects<{ v: number }>(
		ws.db.query(`SELECT 100 * sum(women_attendees) / sum(attendees) AS v FROM contract.meetings WHERE date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'`)
	);
	expect(close(expected.get('PAR-02')!.value!, par02.v)).toBe(true);

	await page.goto('/?period=2025');
	await waitReady(page);
	for (const def of CATALOGUE) {
		const want = expected.get(def.code)!;
		// The full list sits in a <details> on the overview; open it, then follow the link (client-side).
		await page.locator('details.all').evaluate((d) => ((d as HTMLDetailsElement).open = true));
		await page.locator(`details.all a[href*="/indicators/${def.code}?"]`).click();
		await waitReady(page);
		const el = page.locator(`h1 ~ section [data-indicator="${def.code}"]`);
		await expect(el).toHaveAttribute('data-period', '2025');
		const value = await el.getAttribute('data-value');
		if (want.value === null) {
			expect(value, def.code).toBe('');
			expect(await el.getAttribute('data-reason'), def.code).toBe(want.reason);
		} else {
			expect(value, def.code).not.toBe('');
			expect(close(Number(value), want.value), `${def.code}: ${value} vs ${want.value}`).toBe(true);
			for (const [attr, v] of [
				['data-baseline', want.baseline],
				['data-target', want.target],
				['data-progress', want.progress],
				['data-ci-low', want.ci?.[0] ?? null],
				['data-did', want.did?.value ?? null]
			] as const) {
				const got = await el.getAttribute(attr);
				if (v === null || v === undefined) expect(got, `${def.code} ${attr}`).toBeNull();
				else expect(close(Number(got), v), `${def.code} ${attr}: ${got} vs ${v}`).toBe(true);
			}
			await expect(el).toHaveAttribute('data-status', want.status);
		}
		await page.goBack();
		await waitReady(page);
	}
});

test('the overview headlines update with the period and dusun, in the URL, and a fresh load shows the same', async ({ page }) => {
	test.setTimeout(180_000);
	const ws = await sampleWorkspace();
	await page.goto('/?period=2025&lang=en');
	await waitReady(page);
	const exp2025 = expectedValues(ws, '2025');
	const inc02 = page.locator('[data-card="INC-02"] [data-indicator="INC-02"]');
	expect(close(Number(await inc02.getAttribute('data-value')), exp2025.get('INC-02')!.value!)).toBe(true);

	await page.getByLabel('Period').selectOption('2025-Q2');
	await expect(page).toHaveURL(/period=2025-Q2/);
	await waitReady(page);
	const expQ2 = expectedValues(ws, '2025-Q2');
	await expect(page.locator('[data-card="PAR-01"] [data-indicator="PAR-01"]')).toHaveAttribute('data-period', '2025-Q2');
	const par01 = await page.locator('[data-card="PAR-01"] [data-indicator="PAR-01"]').getAttribute('data-value');
	expect(Number(par01)).toBe(expQ2.get('PAR-01')!.value);

	const dusun = (await page.getByLabel('Dusun').locator('option').allInnerTexts())[1];
	await page.getByLabel('Dusun').selectOption(dusun);
	await expect(page).toHaveURL(new RegExp(`dusun=${encodeURIComponent(dusun)}`));
	await waitReady(page);
	const expD = expectedValues(ws, '2025-Q2', { dusun });
	const inf01 = page.locator('[data-card="INF-01"] [data-indicator="INF-01"]');
	await expect(inf01).toHaveAttribute('data-period', '2025-Q2');
	const before = await inf01.getAttribute('data-value');
	expect(close(Number(before), expD.get('INF-01')!.value!)).toBe(true);

	// A fresh load of the same URL shows the same numbers.
	await page.reload();
	await waitReady(page);
	await expect(page.locator('[data-card="INF-01"] [data-indicator="INF-01"]')).toHaveAttribute('data-value', before!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Program impact overview');
});

test('what the URL asks and the data cannot give is said, not dropped: a bad period, an unknown dusun or group; a lower-case code is the indicator', async ({ page }) => {
	await page.goto('/?period=2025-Q5&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="period"]')).toContainText('The period “2025-Q5” in the address is not one Pantau knows');
	const shown = await page.locator('[data-indicator]').first().getAttribute('data-period');
	await expect(page.locator('[data-filter-notice="period"]')).toContainText(`showing ${shown}`);
	// 2025-q3 and 2025-7 are read as 2025-Q3 and 2025-07, with no notice.
	await page.goto('/?period=2025-q3&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-indicator]').first()).toHaveAttribute('data-period', '2025-Q3');
	await expect(page.locator('[data-filter-notice]')).toHaveCount(0);
	// A real period outside the data's span is kept, and the select shows it (it was blank).
	await page.goto('/?period=2030-02&lang=en');
	await waitReady(page);
	await expect(page.locator('select[name=period]')).toHaveValue('2030-02');
	await expect(page.locator('[data-indicator]').first()).toHaveAttribute('data-period', '2030-02');
	await page.goto('/?period=2025&dusun=Nowhere&group=xyz&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="dusun"]')).toContainText('Dusun “Nowhere” is not in the loaded data');
	await expect(page.locator('[data-filter-notice="group"]')).toContainText('Group “xyz” is not in the loaded data');
	await expect(page.locator('select[name=group]')).toHaveValue('xyz');
	// Every value is no data: a count (HLT-04, PAR-01, INF-04 ...) is not 0 for a dusun the data does not have.
	const values = await page.locator('[data-indicator]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-indicator'), e.getAttribute('data-value')]));
	expect(values.length).toBeGreaterThan(20);
	expect(values.filter(([, v]) => v !== '')).toEqual([]);
	await page.goto('/report?period=abc&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="period"]')).toContainText('“abc”');
	// The report, the donor view and the slides say it too (an empty report printed with no word of why).
	await page.goto('/report?period=2025&dusun=Kali%20Putih&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="dusun"]')).toContainText('Dusun “Kali Putih” is not in the loaded data');
	await page.goto('/donor?period=2025&group=xyz&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="group"]')).toContainText('Group “xyz” is not in the loaded data');
	await expect(page.locator('[data-filter-notice="dusun"]')).toHaveCount(0);
	await page.goto('/present?period=abc&group=xyz&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-filter-notice="period"]')).toContainText('“abc”');
	await expect(page.locator('[data-filter-notice="group"]')).toBeVisible();

	await page.goto('/indicators/inc-01?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('h1')).toContainText('Median per-capita household income');
	await expect(page.locator('[data-indicator="INC-01"]').first()).toHaveAttribute('data-period', '2025');

	await page.goto('/present?period=2025&dusun=Cibodas&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-slide] [data-report-scope]')).toHaveText('Dusun Cibodas');
});

test('a reported value (indicator_values) is shown on the overview card and the indicator page, beside the computed value or alone', async ({ page }) => {
	// The sample reports HLT-03 for 2025 (22.1%); HLT-03 is a headline of the overview.
	await page.goto('/?period=2025&lang=en');
	await waitReady(page);
	const card = page.locator('[data-card="HLT-03"]');
	const reported = card.locator('[data-reported]');
	await expect(reported).toHaveAttribute('data-reported', '22.1');
	await expect(reported).toHaveAttribute('data-reported-period', '2025');
	await expect(reported).toContainText('Reported value');
	// Flagged exactly when it differs from the computed value by more than the default 0.5%.
	const computed = Number(await card.locator('[data-indicator="HLT-03"]').getAttribute('data-value'));
	expect(Number.isFinite(computed)).toBe(true);
	const flagged = Math.abs(computed - 22.1) / 22.1 > 0.005;
	if (flagged) await expect(reported).toHaveAttribute('data-disagrees', '');
	else await expect(card.locator('[data-disagrees]')).toHaveCount(0);
	// A card with no reported value has none.
	await expect(page.locator('[data-card="INC-01"] [data-reported]')).toHaveCount(0);
	// Dated data: the period select offers years, quarters and months.
	await expect(page.locator('select[name=period] optgroup')).toHaveCount(3);
	// The definition's caveat is shown once on the indicator page (it was printed twice).
	await page.goto('/indicators/INC-02?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-note]').filter({ hasText: 'The BPS poverty line is an expenditure line' })).toHaveCount(1);

	// Reported values alone: nothing can be computed, and each card still shows what was reported.
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles({
		name: 'nilai_indikator.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('indicator;period;value\nINC-01;2025;950.000\nHLT-03;2025;21,5\nEMP-01;2024;61\n')
	});
	await waitReady(page);
	await expect(page.locator('[data-table="nilai_indikator"]')).toHaveAttribute('data-contract', 'indicator_values');
	await page.goto('/?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-card="INC-01"] [data-indicator="INC-01"]')).toHaveAttribute('data-value', '');
	await expect(page.locator('[data-card="INC-01"] [data-reported]')).toHaveAttribute('data-reported', '950000');
	await expect(page.locator('[data-card="HLT-03"] [data-reported]')).toHaveAttribute('data-reported', '21.5');
	await expect(page.locator('[data-card="HLT-03"] [data-disagrees]')).toHaveCount(0);
	// EMP-01 was reported for 2024 only.
	await expect(page.locator('[data-card="EMP-01"] [data-reported]')).toHaveCount(0);
	// Values of whole years alone: the period select offers the years, no quarter or month.
	await expect(page.locator('select[name=period] optgroup')).toHaveCount(1);
	await expect(page.locator('select[name=period] option')).toHaveText(['2024', '2025']);
	// No table with a dusun or a group: those filters are not offered (they were empty selects).
	await expect(page.locator('select[name=dusun]')).toHaveCount(0);
	await expect(page.locator('select[name=group]')).toHaveCount(0);
	await page.goto('/indicators/INC-01?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-reported]')).toHaveAttribute('data-reported', '950000');
	await expect(page.locator('[data-reported]')).toContainText('2025');
	// No village index loaded: the tracking table has no VIL-01 row, as the overview and the report have none.
	await page.goto('/donor?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-itt-row="INC-01"]')).toHaveCount(1);
	await expect(page.locator('[data-itt-row="VIL-01"]')).toHaveCount(0);
});

test('a trend marks the period the data does not cover to its end: the sample budget of 2026, realised to June', async ({ page }) => {
	await page.goto('/indicators/PAR-04?period=2025&lang=en');
	await waitReady(page);
	const trend = page.locator('[data-chart="PAR-04-trend"]');
	await expect(trend).toHaveAttribute('data-partial', '2026');
	await expect(trend.locator('[data-chart-note]')).toHaveText('* 2026: not complete, the data runs only to June 30, 2026. Its value covers only part of the period.');
	// Complete years are not marked: a monitoring trend of the sample's full years, and survey rounds.
	await page.goto('/indicators/INF-01?period=2025&lang=en');
	await waitReady(page);
	await expect(page.locator('[data-chart="INF-01-trend"]')).toBeVisible();
	await expect(page.locator('[data-chart="INF-01-trend"]')).not.toHaveAttribute('data-partial', /./);
	// The area page's trend says the same, in Indonesian.
	await page.goto('/areas/participation?period=2025');
	await waitReady(page);
	const area = page.locator('[data-chart="participation-PAR-04-trend"]');
	await expect(area).toHaveAttribute('data-partial', '2026');
	await expect(area.locator('[data-chart-note]')).toContainText('belum lengkap, data hanya sampai 30 Juni 2026');
});
