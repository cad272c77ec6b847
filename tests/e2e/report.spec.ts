import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOGUE } from '../../src/lib/indicators';
import Papa from 'papaparse';
import { waitReady } from './helpers';
import { sampleWorkspace, expectedValues, close } from './sample-expectations';
import { dataRange } from '../../src/lib/indicators/operations';

test.describe.configure({ mode: 'serial' });

const manifest = JSON.parse(readFileSync(path.resolve('static/sample/manifest.json'), 'utf8')) as {
	files: Array<{ file: string; sha256: string }>;
};

function has(binary: string): boolean {
	try {
		execFileSync(binary, ['-v'], { stdio: 'ignore' });
		return true;
	} catch (e) {
		// pdftotext -v exits 0 on recent poppler, 99 on old ones; only "not found" means missing.
		return (e as NodeJS.ErrnoException).code !== 'ENOENT';
	}
}
const PDFTOTEXT = has('pdftotext');

/** Pages of a PDF: its page objects (Chromium writes them uncompressed). */
function pageCount(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

const flat = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

const HEADINGS = {
	id: { own: ['Ringkasan', 'Sumber data', 'Metodologi', 'Kualitas data', 'Anggaran desa (APBDes)'], other: ['Summary', 'Data sources', 'Methodology', 'Data quality'] },
	en: { own: ['Summary', 'Data sources', 'Methodology', 'Data quality', 'Village budget (APBDes)'], other: ['Ringkasan', 'Sumber data', 'Metodologi', 'Kualitas data'] }
} as const;

async function printReport(page: Page, lang: 'id' | 'en', file: string): Promise<Buffer> {
	await page.goto(`/report?period=2025&lang=${lang}`);
	await waitReady(page);
	const report = page.locator('article.report');
	await expect(report).toHaveAttribute('data-report-period', '2025');
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	// Every indicator's headline value carries the automation contract, once.
	for (const def of CATALOGUE) {
		const v = report.locator(`[data-indicator="${def.code}"]`);
		await expect(v, def.code).toHaveCount(1);
		await expect(v, def.code).toHaveAttribute('data-period', '2025');
	}
	// Charts are SVG (vector in the PDF) and carry no buttons.
	expect(await report.locator('.chart canvas').count()).toBe(0);
	expect(await report.locator('.chart svg').count()).toBeGreaterThan(20);
	expect(await report.locator('.chart-figure button').count()).toBe(0);
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	writeFileSync(file, pdf);
	return pdf;
}

for (const lang of ['id', 'en'] as const) {
	test(`the 2025 report in ${lang} prints to an A4 PDF with every indicator, file and hash, and no blank page`, async ({ page }, info) => {
		test.setTimeout(240_000);
		// Outside test-results/, which another Playwright run on the same checkout may clear.
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'pantau-report-')), `report-2025-${lang}.pdf`);
		const pdf = await printReport(page, lang, file);
		const pages = pageCount(pdf);
		expect(pages).toBeGreaterThan(5);
		const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
		expect(box).not.toBeNull();
		// A4 = 595.28 x 841.89 pt
		expect(Math.abs(Number(box![1]) - 595.28)).toBeLessThan(2);
		expect(Math.abs(Number(box![2]) - 841.89)).toBeLessThan(2);

		if (!PDFTOTEXT) {
			const message = 'pdftotext (poppler-utils) is not installed: the PDF text checks are skipped. Install it with apt-get install -y poppler-utils.';
			info.annotations.push({ type: 'skipped-checks', description: message });
			console.warn(message);
			return;
		}
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
		const perPage = text.split('\f');
		if (perPage[perPage.length - 1].trim() === '') perPage.pop();
		expect(perPage.length).toBe(pages);
		perPage.forEach((t, i) => {
			// The page number in the margin ("3 / 24") does not count as content.
			const body = t.replace(/^\s*\d+\s*\/\s*\d+\s*$/gm, '').trim();
			expect(body.length, `page ${i + 1} of ${pages} is blank`).toBeGreaterThan(0);
		});
		const all = flat(text);
		for (const def of CATALOGUE) expect(all, `${def.code} name in ${lang}`).toContain(flat(def.names[lang]));
		for (const f of manifest.files) {
			expect(all, f.file).toContain(f.file);
			expect(text, `SHA-256 line of ${f.file}`).toMatch(new RegExp(`^SHA-256: ${f.sha256}$`, 'm'));
		}
		for (const h of HEADINGS[lang].own) expect(all, h).toContain(h);
		for (const h of HEADINGS[lang].other) expect(all, `${h} on a ${lang} report`).not.toContain(h);
		expect(all).toContain('Desa Tanjung Barat');
		// Amounts of Rp 100 million and more print compactly in the tracking table (three whole ones ran into each other).
		expect(all, 'INC-05 in the tracking table').toMatch(lang === 'id' ? /Rp\s?569,5\s?jt/ : /IDR\s?569\.5M/);
	});
}

test('the musyawarah slides step with the keyboard, keep the slide in the URL and show big numbers', async ({ page }) => {
	test.setTimeout(180_000);
	const slideParam = () => new URL(page.url()).searchParams.get('slide');
	const fontSize = (selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	await page.goto('/present?period=2025');
	await waitReady(page);
	const deck = page.locator('[data-slide-count]');
	const total = Number(await deck.getAttribute('data-slide-count'));
	expect(total).toBeGreaterThanOrEqual(6);
	await expect(page.locator('[data-slide]')).toHaveAttribute('data-slide', '1');
	// Indonesian by default; the first slide is the program, with its period as the big figure.
	await expect(page.locator('[data-slide]')).toContainText('Program pembangunan desa');
	expect(await fontSize('[data-slide] [data-big]')).toBeGreaterThanOrEqual(72);
	expect(await fontSize('[data-slide] .sentence')).toBeGreaterThanOrEqual(28);

	await page.keyboard.press('ArrowRight');
	await expect.poll(slideParam).toBe('2');
	await page.keyboard.press('Space');
	await expect.poll(slideParam).toBe('3');
	await page.keyboard.press('PageDown');
	await expect.poll(slideParam).toBe('4');
	await expect(page.locator('[data-slide]')).toHaveAttribute('data-slide', '4');
	const value = page.locator('[data-slide] [data-indicator]');
	await expect(value).toHaveCount(1);
	await expect(value).toHaveAttribute('data-period', '2025');
	expect(await fontSize('[data-slide] [data-indicator]')).toBeGreaterThanOrEqual(72);
	expect(await fontSize('[data-slide] .sentence')).toBeGreaterThanOrEqual(28);

	await page.keyboard.press('ArrowLeft');
	await expect.poll(slideParam).toBe('3');
	await page.keyboard.press('Home');
	await expect.poll(slideParam).toBe('1');
	await page.keyboard.press('ArrowLeft'); // nothing before the first slide
	await expect.poll(slideParam).toBe('1');
	await page.keyboard.press('End');
	await expect.poll(slideParam).toBe(String(total));
	await expect(page.locator('[data-slide]')).toHaveAttribute('data-slide-id', 'next');
	expect(await fontSize('[data-slide] [data-big]')).toBeGreaterThanOrEqual(72);

	// A fresh load opens on the slide the URL names.
	await page.goto('/present?period=2025&lang=en&slide=2');
	await waitReady(page);
	await expect(page.locator('[data-slide]')).toHaveAttribute('data-slide', '2');
	await expect(page.locator('[data-slide] [data-indicator]')).toHaveCount(1);
	expect(await fontSize('[data-slide] [data-indicator]')).toBeGreaterThanOrEqual(72);
	await expect(page.locator('[data-slide]')).not.toContainText('Program pembangunan');

	await page.keyboard.press('Escape');
	await page.waitForURL((u) => u.pathname === '/');
	expect(slideParam()).toBeNull();
	expect(new URL(page.url()).searchParams.get('period')).toBe('2025');
});

test('the donor view shows targets against actuals, the budget and where every number came from, with CSVs', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/donor?period=2025&lang=en');
	await waitReady(page);
	for (const def of CATALOGUE) await expect(page.locator(`[data-itt-row="${def.code}"] [data-indicator="${def.code}"]`)).toHaveAttribute('data-period', '2025');
	const files = page.locator('[data-export-table="donor-files"]');
	for (const f of manifest.files) {
		await expect(files).toContainText(f.file);
		await expect(files).toContainText(f.sha256);
	}
	const settings = page.locator('[data-export-table="donor-settings"]');
	await expect(settings).toContainText('580,349');
	await expect(settings).toContainText(/DuckDB version\s*v?\d+\.\d+/);
	await expect(page.locator('[data-balance]')).toHaveCount(1);
	const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('button').click()]);
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	for (const f of manifest.files) expect(csv).toContain(f.sha256);
});

test('the DiD and efficiency CSVs hold numbers a spreadsheet can compute with, equal to the report', async ({ page }) => {
	await page.goto('/report?period=2025&lang=en');
	await waitReady(page);
	const table = page.locator('[data-export-table="did-2025"]');
	const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button').click()]);
	const parsed = Papa.parse<Record<string, string>>(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
	expect(parsed.meta.fields).toEqual(['code', 'indicator', 'baseline_round', 'round', 'unit', 'did', 'se', 'ci_low', 'ci_high', 'reading']);
	expect(parsed.data.length).toBeGreaterThan(1);
	const plain = /^-?\d+(\.\d+)?(e-?\d+)?$/;
	for (const row of parsed.data) {
		// plain decimals, no unit and no sign text; a median has no SE or interval (empty cells)
		const did = await page.locator(`article.report [data-indicator="${row.code}"]`).first().getAttribute('data-did');
		expect(row.did, row.code).toMatch(plain);
		expect(Number(row.did), row.code).toBeCloseTo(Number(did), 9);
		if (row.se !== '') {
			expect(row.ci_low, row.code).toMatch(plain);
			expect(Number(row.ci_low)).toBeLessThanOrEqual(Number(row.did));
			expect(Number(row.ci_high)).toBeGreaterThanOrEqual(Number(row.did));
		}
	}
	// A 2025 report's trends end in 2025: the sample's half-realised 2026 budget is not drawn as a fall.
	const par04 = page.locator('[data-area-indicator="PAR-04"] [data-chart="PAR-04-trend"] svg').first();
	await expect(par04).toContainText('2025');
	await expect(par04).not.toContainText('2026');
	const eff = page.locator('[data-export-table="efficiency-2025"]');
	const [d2] = await Promise.all([page.waitForEvent('download'), eff.getByRole('button').click()]);
	const effLines = readFileSync(await d2.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
	expect(effLines[0]).toBe('measure,value_idr,numerator_idr,denominator,denominator_unit,reason');
	for (const id of ['per_trainee', 'per_borrower', 'per_household']) {
		const v = await page.locator(`[data-efficiency="${id}"]`).getAttribute('data-value');
		if (v) expect(effLines.some((l) => l.split(',')[1] === String(Number(v))), id).toBe(true);
	}
});

test('the report, the slides and the donor view are of the dusun and group in the URL, and say so', async ({ page }) => {
	test.setTimeout(240_000);
	const ws = await sampleWorkspace();
	// A dusun with comparison households (survey indicators then have values of their own).
	const dusun = dataRange({ db: ws.db, tables: ws.contractTables() }).dusun.find(
		(d) => expectedValues(ws, '2025', { dusun: d, group: 'comparison' }).get('INF-01')!.value !== null
	)!;
	expect(dusun).toBeTruthy();
	const filters = { dusun, group: 'comparison' };
	const expected = expectedValues(ws, '2025', filters);
	const whole = expectedValues(ws, '2025');
	// Survey indicators with a value the filter changes (the report would show the village's if it ignored it).
	const changed = ['INC-01', 'INC-02', 'INF-01', 'HLT-01'].filter((c) => expected.get(c)!.value !== null && expected.get(c)!.value !== whole.get(c)!.value);
	expect(changed.length).toBeGreaterThanOrEqual(3);
	const query = `period=2025&lang=en&dusun=${encodeURIComponent(dusun)}&group=comparison`;
	const valueOf = async (selector: string) => Number(await page.locator(selector).first().getAttribute('data-value'));

	await page.goto(`/report?${query}`);
	await waitReady(page);
	await expect(page.locator('article.report')).toHaveAttribute('data-report-dusun', dusun);
	await expect(page.locator('article.report')).toHaveAttribute('data-report-group', 'comparison');
	await expect(page.locator('.cover')).toContainText(`Dusun ${dusun} · Group: Comparison`);
	await expect(page.locator('[data-report-scope]')).toContainText('cover the whole village');
	for (const code of changed) expect(close(await valueOf(`[data-summary-card="${code}"] [data-indicator="${code}"]`), expected.get(code)!.value!), `report ${code}`).toBe(true);
	// The budget section stays the village's, as the page says: its realisation and its balance check.
	const villageRealisation = `${whole.get('PAR-04')!.value!.toFixed(1)}%`;
	await expect(page.locator('article.report .heads')).toContainText(villageRealisation);
	await expect(page.locator('article.report [data-balance]')).toHaveCount(1);
	// Back to the whole village, from the link the report gives.
	await page.locator('[data-report-scope] a').click();
	await expect(page).not.toHaveURL(/dusun=/);
	await waitReady(page);
	await expect(page.locator('[data-report-scope]')).toHaveCount(0);
	for (const code of changed) expect(close(await valueOf(`[data-summary-card="${code}"] [data-indicator="${code}"]`), whole.get(code)!.value!), `whole ${code}`).toBe(true);

	await page.goto(`/donor?${query}`);
	await waitReady(page);
	await expect(page.locator('[data-report-scope]')).toContainText(`Dusun ${dusun}`);
	for (const code of changed) expect(close(await valueOf(`[data-itt-row="${code}"] [data-indicator="${code}"]`), expected.get(code)!.value!), `donor ${code}`).toBe(true);
	await expect(page.locator('.heads')).toContainText(villageRealisation);
	await expect(page.locator('[data-balance]')).toHaveCount(1);
	// Its tracking table's CSV says it is the dusun's and the group's: in its name and in a scope column.
	const [itt] = await Promise.all([page.waitForEvent('download'), page.locator('[data-itt="donor-itt"]').getByRole('button').first().click()]);
	expect(itt.suggestedFilename()).toBe(`donor-itt-2025-dusun-${dusun.replace(/[^A-Za-z0-9._-]+/g, '_')}-group-comparison.csv`);
	const ittRows = Papa.parse<Record<string, string>>(readFileSync(await itt.path(), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
	expect(ittRows.length).toBe(32);
	for (const row of ittRows) expect(row.Scope).toBe(`Dusun ${dusun} · Group: Comparison`);

	await page.goto(`/present?${query}`);
	await waitReady(page);
	await expect(page.locator('[data-slide]')).toContainText(`Dusun ${dusun} · Group: Comparison`);
	// Every slide's number is the filtered one; the areas whose key indicator has a value here get a slide.
	const total = Number(await page.locator('[data-slide-count]').getAttribute('data-slide-count'));
	let checked = 0;
	for (let slide = 2; slide <= total; slide++) {
		await page.keyboard.press('ArrowRight');
		await expect(page.locator('[data-slide]')).toHaveAttribute('data-slide', String(slide));
		const value = page.locator('[data-slide] [data-indicator]');
		if ((await value.count()) === 0) continue;
		const code = (await value.getAttribute('data-indicator'))!;
		const want = expected.get(code)!.value;
		expect(want === null ? (await value.getAttribute('data-value')) === '' : close(Number(await value.getAttribute('data-value')), want), `slide ${code}`).toBe(true);
		if (want !== null && want !== whole.get(code)!.value) checked++;
	}
	expect(checked).toBeGreaterThanOrEqual(2);
});
