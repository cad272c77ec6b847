import { test, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { waitReady, guardEgress } from './helpers';
import { toParquet } from '../../data/sample/parquet';
import type { SampleTable } from '../../data/sample/table';

const REAL = path.resolve('../shared/data/real');

test('opens on the Tanjung Barat sample, with no request off its origin', async ({ page, baseURL }) => {
	const egress = guardEgress(page, baseURL!);
	await page.goto('/data');
	await waitReady(page);
	await expect(page.locator('[data-sample="true"]')).toBeVisible();
	const households = page.locator('[data-table="households"]');
	await expect(households).toHaveAttribute('data-contract', 'households');
	expect(Number(await households.getAttribute('data-rows'))).toBeGreaterThanOrEqual(3000);
	await expect(page.locator('[data-table="people"]')).toHaveAttribute('data-contract', 'people');
	// Its load notes are worded in the page's language (Indonesian by default).
	await expect(households.locator('.notes')).toContainText('diambil dari salinan yang sudah dimuat saat aplikasi dibangun');
	expect(egress).toEqual([]);
});

test('the overview is prerendered with the build-time numbers, which equal the live ones, and hidden from a visitor without the sample', async ({ page, request, browser, baseURL }) => {
	// The HTML itself carries the values: they are on screen before any script runs.
	const html = await (await request.get('/')).text();
	const inHtml = new Map([...html.matchAll(/data-indicator="([A-Z]+-\d+)" data-period="([^"]*)" data-value="([^"]*)"/g)].map((m) => [m[1], [m[2], m[3]]]));
	expect(inHtml.size).toBeGreaterThanOrEqual(20);
	expect(inHtml.get('INC-02')?.[1]).not.toBe('');
	// Once DuckDB is up, the live numbers of the same view are the same.
	const sameAsHtml = async (p: Page) => {
		for (const code of ['INC-01', 'INC-02', 'EMP-01', 'PAR-02']) {
			const live = p.locator(`[data-card="${code}"] [data-indicator="${code}"]`);
			await expect(live).toHaveAttribute('data-period', inHtml.get(code)![0]);
			await expect(live).toHaveAttribute('data-value', inHtml.get(code)![1]);
		}
	};
	await page.goto('/');
	await waitReady(page);
	await sameAsHtml(page);

	// A visitor who removed all data: the prerendered numbers are hidden from the first paint,
	// and none are shown once the app runs.
	const empty = await page.context().newPage();
	await empty.addInitScript(() => {
		localStorage.setItem('pantau.source', 'empty');
		document.addEventListener('DOMContentLoaded', () => {
			const el = document.querySelector('[data-early-content]');
			(window as unknown as { atFirstParse: string | null }).atFirstParse = el ? getComputedStyle(el).visibility : null;
			// Nor can a script read them before the app runs: the hidden numbers carry no contract attribute.
			(window as unknown as { early: number[] }).early = [
				document.querySelectorAll('[data-early-content] .value').length,
				document.querySelectorAll('[data-indicator], [data-value], [data-reported]').length
			];
		});
	});
	await empty.goto('/');
	await waitReady(empty);
	expect(await empty.evaluate(() => (window as unknown as { atFirstParse: string | null }).atFirstParse)).toBe('hidden');
	const [prerendered, readable] = await empty.evaluate(() => (window as unknown as { early: number[] }).early);
	expect(prerendered).toBeGreaterThanOrEqual(20);
	expect(readable).toBe(0);
	await expect(empty.locator('[data-indicator][data-value]:not([data-value=""])')).toHaveCount(0);
	expect(await empty.evaluate(() => document.documentElement.dataset.early ?? null)).toBeNull();
	await expect(empty.getByRole('link', { name: 'Data' }).last()).toBeVisible();
	await empty.close();

	// Another view of the sample (English): the same numbers, hidden and stripped until the app
	// runs, and then carried again by the app's own elements.
	const fresh = await browser.newContext({ baseURL });
	const english = await fresh.newPage();
	await english.goto('/?lang=en');
	await waitReady(english);
	await sameAsHtml(english);
	await expect(english.locator('[data-card="HLT-03"] [data-reported]')).toHaveAttribute('data-reported', '22.1');
	await fresh.close();
});

test('loads an Indonesian spreadsheet CSV with the exact values it spells', async ({ page }) => {
	await page.goto('/data');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/rumah_tangga_id.csv'));
	await waitReady(page);
	const card = page.locator('[data-table="rumah_tangga_id"]');
	await expect(card).toHaveAttribute('data-contract', 'households');
	await expect(card).toHaveAttribute('data-rows', '3');
	await expect(card.locator('[data-column="income_month_idr"]')).toHaveAttribute('data-type', 'DOUBLE');
	await expect(card.locator('[data-column="survey_date"]')).toHaveAttribute('data-type', 'DATE');
	await expect(card.locator('[data-column="electricity"]')).toHaveAttribute('data-type', 'BOOLEAN');
	// The sample banner is gone: loading your own data replaces the sample.
	await expect(page.locator('[data-sample="true"]')).toHaveCount(0);
	await card.getByRole('button', { name: /Pratinjau|Preview/ }).click();
	const table = card.locator('.preview table');
	// The preview comes from the worker: wait for its rows before reading them.
	await expect(table.locator('tbody tr')).toHaveCount(3);
	const headers = await table.locator('thead th').allInnerTexts();
	const col = (name: string) => headers.indexOf(name);
	const rows = await table.locator('tbody tr').all();
	const cells = async (r: number) => rows[r].locator('td').allInnerTexts();
	const first = await cells(0);
	expect(first[col('household_id')]).toBe('TB-001');
	expect(first[col('survey_date')]).toBe('2023-03-15');
	expect(first[col('income_month_idr')]).toBe('1.500.000,50');
	expect(first[col('head_sex')]).toBe('M');
	expect(first[col('electricity')]).toBe('true');
	expect(first[col('water_improved')]).toBe('false');
	expect(first[col('weight')]).toBe('1,25');
	const second = await cells(1);
	expect(second[col('group')]).toBe('comparison');
	expect(second[col('income_month_idr')]).toBe('2.000.000');
	expect(second[col('head_sex')]).toBe('F');
	const third = await cells(2);
	expect(third[col('water_improved')]).toBe('');
	expect(third[col('weight')]).toBe('1');
});

test('a CSV with bad rows names each rejected row and the counts reconcile', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('tests/fixtures/households_bad_rows.csv'));
	await waitReady(page);
	const card = page.locator('[data-table="households_bad_rows"]');
	await expect(card).toHaveAttribute('data-rows', '2');
	await expect(card.locator('[data-reconciles="true"]')).toContainText('6 read = 2 loaded + 4 rejected');
	const summary = card.locator('[role=status]').filter({ hasText: 'Rejected rows' });
	await expect(summary).toContainText('not a real date');
	await expect(summary.locator('[data-reject-line="3"]')).toContainText('survey_date');
	await expect(summary.locator('[data-reject-line="4"]')).toContainText('below the minimum of 1');
	await expect(summary.locator('[data-reject-line="5"]')).toContainText('abc');
	await expect(summary.locator('[data-reject-line="6"]')).toContainText('too many values');
	await expect(page.locator('[role=status]').first()).toContainText(/rejected/);

	// In Indonesian (the default), the same reasons are worded in Indonesian, with the same values.
	await page.goto('/data');
	await waitReady(page);
	const kartu = page.locator('[data-table="households_bad_rows"]');
	const ringkasan = kartu.locator('.rejects-summary');
	await expect(ringkasan.locator('[data-reject-line="3"]')).toContainText('bukan tanggal yang sah');
	await expect(ringkasan.locator('[data-reject-line="4"]')).toContainText('di bawah batas minimum 1');
	await expect(ringkasan.locator('[data-reject-line="5"]')).toContainText('bukan jumlah rupiah');
	await expect(ringkasan.locator('[data-reject-line="6"]')).toContainText('terlalu banyak nilai (seharusnya 6, ada 7)');
	await expect(ringkasan).not.toContainText('is not');
});

test('loads both real IDM files into the contract with no mapping by hand', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/data');
	await waitReady(page);
	await page
		.locator('input[type=file][multiple]')
		.setInputFiles([
			path.join(REAL, 'apiidm_idm_desa_skor_2021_2024.csv'),
			path.join(REAL, 'apiidm_idm_desa_indikator_2021_2024.parquet')
		]);
	await waitReady(page);
	await expect(page.locator('[data-table="apiidm_idm_desa_skor_2021_2024"]')).toHaveAttribute('data-contract', 'village_index');
	await expect(page.locator('[data-table="apiidm_idm_desa_skor_2021_2024"]')).toHaveAttribute('data-rows', '10006');
	await expect(page.locator('[data-table="apiidm_idm_desa_indikator_2021_2024"]')).toHaveAttribute('data-contract', 'village_index_indicators');
	await expect(page.locator('[data-table="apiidm_idm_desa_indikator_2021_2024"]')).toHaveAttribute('data-rows', '500300');
});

test('a Parquet URL is read with HTTP range requests into its contract table', async ({ page }) => {
	await page.goto('/data?lang=en');
	await waitReady(page);
	const ranges: string[] = [];
	page.on('request', (req) => {
		if (req.url().endsWith('/sample/households.parquet') && req.headers()['range']) ranges.push(req.headers()['range']);
	});
	await page.getByLabel('Or load from a URL').fill(new URL('/sample/households.parquet', page.url()).href);
	await page.getByRole('button', { name: 'Load URL' }).click();
	await waitReady(page);
	const card = page.locator('[data-table="households"]');
	await expect(card).toHaveAttribute('data-contract', 'households');
	await expect(card).toHaveAttribute('data-rows', '3600');
	await expect(card).toContainText('range requests');
	expect(ranges.length).toBeGreaterThan(0);
});

test('a Parquet URL keeps its unknown columns and says how many bytes it took; a URL that fails is refused, the engine unharmed', async ({ page }) => {
	test.setTimeout(120_000);
	// A households file with a column outside the contract, served here with range requests.
	const rows = Array.from({ length: 40 }, (_, i) => ({
		id_rt: `H${i}`,
		putaran: i < 20 ? 'baseline' : 'endline',
		tanggal_survei: i < 20 ? '2023-03-01' : '2025-03-01',
		dusun: i % 2 ? 'Wetan' : 'Kulon',
		jumlah_anggota: String(1 + (i % 5)),
		pendapatan_bulanan: String(500000 + 10000 * i),
		catatan_lapangan: `kunjungan ${i}`
	}));
	const bytes = Buffer.from(
		toParquet({ name: 'ruta', columns: Object.keys(rows[0]).map((name) => ({ name, type: 'text' as const })), rows } as unknown as SampleTable)
	);
	const served: string[] = [];
	await page.route('**/fixtures/ruta_catatan.parquet', async (route) => {
		const range = route.request().headers()['range'];
		served.push(range ?? 'all');
		const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
		if (!m) return route.fulfill({ status: 200, body: bytes, headers: { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' } });
		const start = m[1] === '' ? bytes.length - Number(m[2]) : Number(m[1]);
		const end = m[1] === '' || m[2] === '' ? bytes.length - 1 : Math.min(Number(m[2]), bytes.length - 1);
		const body = bytes.subarray(start, end + 1);
		await route.fulfill({
			status: 206,
			body,
			headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': String(body.length) }
		});
	});
	await page.route('**/fixtures/nope.parquet', (route) => route.fulfill({ status: 404, body: 'not here' }));
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/data?lang=en');
	await waitReady(page);
	const loadUrl = async (file: string) => {
		await page.getByLabel('Or load from a URL').fill(new URL(`/fixtures/${file}`, page.url()).href);
		await page.getByRole('button', { name: 'Load URL' }).click();
		await waitReady(page);
	};

	await loadUrl('nope.parquet');
	await expect(page.locator('[role=alert][data-refusal="fetch_failed"]')).toContainText('HTTP 404');
	await expect(page.locator('[data-crash]')).toHaveCount(0);
	// Not a web address: refused by name, nothing run or fetched.
	let dialogs = 0;
	page.on('dialog', (d) => (dialogs++, void d.dismiss()));
	await page.getByLabel('Or load from a URL').fill('javascript:alert(1)//x.csv');
	await page.getByRole('button', { name: 'Load URL' }).click();
	await waitReady(page);
	await expect(page.locator('[role=alert][data-refusal="url_not_web"]')).toContainText('only http:// and https:// addresses can be loaded');
	expect(dialogs).toBe(0);

	await loadUrl('ruta_catatan.parquet');
	const card = page.locator('[data-table="ruta_catatan"]');
	await expect(card).toHaveAttribute('data-contract', 'households');
	await expect(card).toHaveAttribute('data-rows', '40');
	await expect(card.locator('[data-column="catatan_lapangan"]')).toHaveCount(1);
	await expect(card).toContainText(`7 of 7 columns, 40 rows, `);
	await expect(card).toContainText('bytes transferred');
	// Its size is the server's (Content-Range), not the 0 bytes held here; its hash says why there is none.
	const size = bytes.length < 1024 ? `${bytes.length} B` : `${(bytes.length / 1024).toFixed(1)} KB`;
	await expect(card.locator('dd').filter({ hasText: new RegExp(`^${size}$`) })).toHaveCount(1);
	await expect(card).toContainText('not computed: the file was read in ranges from its URL');
	expect(served.some((r) => r.startsWith('bytes='))).toBe(true);
	expect(errors).toEqual([]);
});

test('the Parquet reader loads on the data page once the app is ready, not at start-up', async ({ page }) => {
	// The engine's requests (the service worker's precache of the app's files aside).
	const fetched: string[] = [];
	page.context().on('request', (req) => {
		if (/parquet_wasm_bg[^/]*\.wasm$/.test(req.url()) && !req.serviceWorker()) fetched.push(new URL(page.url()).pathname);
	});
	await page.goto('/');
	await waitReady(page);
	await page.waitForTimeout(500);
	expect(fetched).toEqual([]);
	await page.getByRole('link', { name: /^Data$/ }).first().click();
	await page.waitForURL(/\/data/);
	await waitReady(page);
	await expect.poll(() => fetched.length, { timeout: 15_000 }).toBe(1);
	// And it reads a file with no second download.
	await page.locator('input[type=file][multiple]').setInputFiles(path.resolve('static/sample/households.parquet'));
	await waitReady(page);
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-rows', '3600');
	expect(fetched).toHaveLength(1);
});

/** How many times the engine worker of a page fetched DuckDB's eh wasm (-1: no worker). */
async function workerWasmFetches(page: import('@playwright/test').Page): Promise<number> {
	const w = page.workers().find((x) => /worker[^/]*\.js/.test(x.url()));
	return w ? w.evaluate(() => performance.getEntriesByType('resource').filter((e) => /duckdb-eh[^/]*\.wasm$/.test(e.name)).length) : -1;
}

test('DuckDB starts from the wasm the page compiled, fetched once; when the page cannot compile it, the worker fetches it', async ({ page, browser }) => {
	const byPage: string[] = [];
	page.on('request', (req) => {
		if (/duckdb-eh[^/]*\.wasm$/.test(req.url())) byPage.push(req.url());
	});
	await page.goto('/');
	await waitReady(page);
	await expect(page.locator('[data-indicator="INC-02"]').first()).not.toHaveAttribute('data-value', '');
	// The page fetched (and compiled) it; the worker did not fetch it again.
	expect(byPage).toHaveLength(1);
	expect(await workerWasmFetches(page)).toBe(0);

	// In a fresh context (no service worker yet), the page's fetches of the wasm fail (its
	// compile and its retry from the bytes): the worker fetches and compiles the wasm itself,
	// and the app starts as usual.
	const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
	const other = await context.newPage();
	let refused = 0;
	await other.route(/duckdb-eh[^/]*\.wasm$/, (route) => (refused++ < 2 ? route.abort() : route.continue()));
	await other.goto('/');
	await waitReady(other);
	await expect(other.locator('[data-indicator="INC-02"]').first()).not.toHaveAttribute('data-value', '');
	expect(refused).toBeGreaterThanOrEqual(2);
	expect(await workerWasmFetches(other)).toBe(1);
	await context.close();
});

/** How many of the sample's prebuilt tables a page or the engine worker fetched. */
async function prebuiltFetches(target: Pick<import('@playwright/test').Page, 'evaluate'> | undefined): Promise<number> {
	if (!target) return -1;
	return target.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/sample\/prebuilt\/[^/]+\.arrows$/.test(e.name)).length);
}

test('the sample downloads in the page while DuckDB starts; when that fails, the engine downloads it itself', async ({ page, browser }) => {
	await page.goto('/');
	await waitReady(page);
	await expect(page.locator('[data-indicator="INC-02"]').first()).not.toHaveAttribute('data-value', '');
	const engineWorker = (p: import('@playwright/test').Page) => p.workers().find((x) => /worker[^/]*\.js/.test(x.url()));
	// Every prebuilt table (12, and the rejected values) was fetched by the page, none by the engine.
	expect(await prebuiltFetches(page)).toBeGreaterThanOrEqual(12);
	expect(await prebuiltFetches(engineWorker(page))).toBe(0);
	const live = await page.locator('[data-indicator="INC-02"]').first().getAttribute('data-value');

	// In a fresh context, the page's download of one table fails: the engine downloads the
	// sample itself, and the app starts on it with the same numbers.
	const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
	const other = await context.newPage();
	let requests = 0;
	await other.route(/\/sample\/prebuilt\/households\.arrows$/, (route) => (requests++ < 1 ? route.abort() : route.continue()));
	await other.goto('/');
	await waitReady(other);
	await expect(other.locator('[data-indicator="INC-02"]').first()).toHaveAttribute('data-value', live!);
	// The page's request (refused) and the engine's.
	expect(requests).toBe(2);
	expect(await prebuiltFetches(engineWorker(other))).toBeGreaterThanOrEqual(12);
	await other.goto('/data');
	await waitReady(other);
	await expect(other.locator('[data-table="households"]')).toBeVisible();
	await context.close();
});
