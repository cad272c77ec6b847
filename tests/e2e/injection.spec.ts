/**
 * Nothing a file contains ever runs. A households CSV and a meetings CSV carry script payloads in
 * cell values, column names, file names, dusun names, survey rounds and meeting types; the test
 * loads them, then visits /data (preview, load report, columns, rename, rejected-rows download),
 * the overview with the payload dusun selected, indicator pages with breakdown charts, the report
 * and the presentation; hovers every chart canvas at several points; clicks every button and
 * link on /data that neither navigates away nor deletes. After each step: the sentinel
 * `window.__pwned` is unset, no payload became markup (no `on*` attribute, no `img[src=x]`, no
 * `javascript:` link, no script), nothing was requested for `src=x`, no Content-Security-Policy
 * violation was reported (a payload the policy had to stop would still be a failure), and
 * Object.prototype is clean in the page and in the engine worker.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { waitReady, watchCsp, cspViolations, isOffOrigin } from './helpers';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const JS_URL = 'javascript:window.__pwned=1';
const TEMPLATE = "{{constructor.constructor('window.__pwned=1')()}}";
const SVG = '<svg onload=window.__pwned=1>';
const FORMULA = '=HYPERLINK("javascript:window.__pwned=1","klik")';
const SQL_COLUMN = 'x"; DROP TABLE households; --';
const PAYLOADS = [IMG, SCRIPT, JS_URL, TEMPLATE, SVG, FORMULA, '__proto__', '{"__proto__":{"polluted":1}}', "'); DROP TABLE households; --"];

/** CSV quoting. */
const q = (v: string | number) => {
	const s = String(v);
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.map(q).join(',')).join('\n') + '\n';

function householdsCsv(): string {
	const header = [
		'household_id', 'round', 'survey_date', 'dusun', 'group', 'head_sex', 'members', 'income_month_idr',
		'electricity', 'water_improved', 'road_2km', 'weight', SQL_COLUMN, '__proto__', 'constructor', IMG, JS_URL, 'catatan'
	];
	const dusuns = ['Krajan', IMG, TEMPLATE];
	const rounds: Array<[string, string]> = [['baseline', '2023-03-01'], [SCRIPT, '2024-03-01'], ['endline', '2025-03-01']];
	const rows: Array<Array<string | number>> = [header];
	let n = 0;
	for (const [round, date] of rounds) {
		dusuns.forEach((dusun, d) => {
			for (let h = 0; h < 4; h++) {
				const p = PAYLOADS[n++ % PAYLOADS.length];
				rows.push([
					`H${d}${h}`, round, date, dusun, h % 2 ? 'comparison' : 'program', h % 3 ? 'L' : 'P', 2 + h,
					600000 + 150000 * h + 100000 * d + (round === 'endline' ? 250000 : 0),
					h % 2 ? 'ya' : 'tidak', 'ya', h % 3 ? 'ya' : 'tidak', 1, p, p, p, p, p, p
				]);
			}
		});
	}
	// Rejected rows carry payloads too: they are shown in the load report and downloaded.
	rows.push(['H90', 'baseline', '2023-03-01', IMG, 'program', 'P', IMG, 500000, 'ya', 'ya', 'ya', 1, SCRIPT, '', '', '', '', '']);
	rows.push(['H91', 'baseline', '2023-03-01', 'Krajan', 'program', SCRIPT, 3, FORMULA, 'ya', 'ya', 'ya', 1, TEMPLATE, '', '', '', '', '']);
	return csv(rows);
}

function meetingsCsv(): string {
	const rows: Array<Array<string | number>> = [['meeting_id', 'date', 'level', 'type', 'attendees', 'women_attendees', 'proposals', 'proposals_adopted', IMG]];
	const types = [IMG, SCRIPT, TEMPLATE, 'musdes'];
	for (let i = 0; i < 12; i++) {
		rows.push([`${i % 3 === 0 ? SVG : 'M'}-${i}`, `2025-${String(1 + i).padStart(2, '0')}-10`, i === 5 ? `<b onmouseover=window.__pwned=1>desa</b>` : i % 2 ? 'desa' : 'dusun', types[i % types.length], 30 + i, 10 + i, 5, 3, PAYLOADS[i % PAYLOADS.length]]);
	}
	return csv(rows);
}

/** Everything that would show a payload ran, or became markup. */
async function injectionSigns(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const bad: string[] = [];
		const w = window as unknown as Record<string, unknown>;
		if (w.__pwned !== undefined) bad.push('window.__pwned is set');
		for (const el of Array.from(document.querySelectorAll('*'))) {
			for (const a of Array.from(el.attributes)) {
				if (/^on/i.test(a.name)) bad.push(`<${el.tagName.toLowerCase()}> has an ${a.name} attribute`);
				if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) bad.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
			}
			if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('an <img src=x> element');
			if (el.tagName === 'SCRIPT' && /__pwned/.test(el.textContent ?? '')) bad.push('a <script> with the payload');
			if (el.tagName === 'B' && /desa/.test(el.textContent ?? '') && el.closest('[data-table]')) bad.push('a <b> from a value');
		}
		const proto = Object.prototype as Record<string, unknown>;
		if (proto.polluted !== undefined || ({} as Record<string, unknown>).polluted !== undefined) bad.push('Object.prototype.polluted');
		for (const [name, p] of [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype], ['String', String.prototype]] as const) {
			const keys = Object.keys(p);
			if (keys.length > 0) bad.push(`${name}.prototype has enumerable keys ${keys.join(', ')}`);
		}
		if (typeof ({} as { constructor: unknown }).constructor !== 'function') bad.push('{}.constructor is not a function');
		return bad;
	});
}

async function workerClean(page: Page): Promise<void> {
	for (const worker of page.workers()) {
		const keys = await worker.evaluate(() => ({
			pwned: (self as unknown as Record<string, unknown>).__pwned !== undefined,
			proto: Object.keys(Object.prototype),
			polluted: ({} as Record<string, unknown>).polluted !== undefined
		}));
		expect(keys, `worker ${worker.url()}`).toEqual({ pwned: false, proto: [], polluted: false });
	}
}

/** ECharts' tooltip: a div it positions over the page; what it says, as text. */
async function tooltipText(page: Page): Promise<string> {
	return page.evaluate(() =>
		Array.from(document.querySelectorAll('div'))
			.filter((d) => d.style.zIndex === '9999999' && d.style.display !== 'none' && d.style.opacity !== '0')
			.map((d) => d.textContent ?? '')
			.join(' | ')
	);
}

/**
 * Hover over every visible chart canvas at a grid of points, then check. Returns how many
 * charts were hovered and how many tooltips showed a payload (as text).
 */
async function hoverCharts(page: Page, check: (where: string) => Promise<void>, where: string): Promise<{ charts: number; payloadTips: number }> {
	const canvases = page.locator('canvas');
	const count = await canvases.count();
	let charts = 0;
	let payloadTips = 0;
	for (let i = 0; i < count; i++) {
		const c = canvases.nth(i);
		if (!(await c.isVisible())) continue;
		await c.scrollIntoViewIfNeeded();
		const box = await c.boundingBox();
		if (!box || box.width < 10 || box.height < 10) continue;
		for (const fx of [0.15, 0.35, 0.5, 0.65, 0.85]) {
			for (const fy of [0.25, 0.5, 0.75]) {
				await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
				await page.waitForTimeout(30);
				if (/<img src=x|<script>|\{\{constructor/.test(await tooltipText(page))) payloadTips++;
			}
		}
		charts++;
		await check(`${where}, chart ${i + 1}`);
	}
	await page.mouse.move(0, 0);
	return { charts, payloadTips };
}

test('payloads in cells, column names, file names and dusun names never run', async ({ page, baseURL }) => {
	test.setTimeout(420_000);
	const csp = await watchCsp(page);
	const requestedX: string[] = [];
	const offOrigin: string[] = [];
	page.on('request', (r) => {
		const u = new URL(r.url());
		if (u.pathname.endsWith('/x')) requestedX.push(r.url());
		if (isOffOrigin(r.url(), baseURL!)) offOrigin.push(r.url());
	});
	page.on('dialog', (d) => void d.dismiss());
	const check = async (where: string) => {
		expect(await injectionSigns(page), where).toEqual([]);
		expect(await cspViolations(page, csp), where).toEqual([]);
		expect(requestedX, where).toEqual([]);
		expect(offOrigin, where).toEqual([]);
	};

	// --- /data: load both files, then look at everything the page shows for them.
	await page.goto('/data?lang=en');
	await waitReady(page);
	await page.locator('input[type=file][multiple]').setInputFiles([
		{ name: `${IMG}.csv`, mimeType: 'text/csv', buffer: Buffer.from(householdsCsv()) },
		{ name: `rapat ${SVG}.csv`, mimeType: 'text/csv', buffer: Buffer.from(meetingsCsv()) }
	]);
	await waitReady(page);
	await check('after loading');
	const households = page.locator('[data-contract="households"]');
	await expect(households).toHaveCount(1);
	await expect(households).toHaveAttribute('data-rows', '36');
	await expect(households.locator(`[data-column="${SQL_COLUMN.replace(/"/g, '\\"')}"]`)).toHaveCount(1);
	await expect(households.locator('[data-column="__proto__"]')).toHaveCount(1);
	await expect(households.locator('[data-column="constructor"]')).toHaveCount(1);
	// The file name and the payloads are shown as text.
	await expect(households).toContainText(`${IMG}.csv`);
	const meetings = page.locator('[data-contract="meetings"]');
	await expect(meetings).toHaveCount(1);
	await expect(meetings.locator('[data-warning="unexpected_level"]')).toContainText('<b onmouseover=window.__pwned=1>desa</b>');

	for (const card of [households, meetings]) {
		await card.getByRole('button', { name: 'Preview' }).click();
		await expect(card.locator('.preview table')).toBeVisible();
		await card.locator('details.columns summary').click();
		await check('preview and columns');
	}
	await expect(households.locator('.preview table')).toContainText(IMG);
	await expect(households.locator('.preview table')).toContainText(SCRIPT);
	await expect(households.locator('.preview thead')).toContainText(SQL_COLUMN);
	await expect(households.locator('[data-reject-line]').filter({ hasText: IMG })).toHaveCount(1);

	// The rejected-rows export neutralises formulas and keeps payloads as plain text.
	const download = page.waitForEvent('download');
	await households.getByRole('button', { name: 'Download rejected rows (CSV)' }).click();
	const file = readFileSync((await (await download).path())!, 'utf8');
	expect(file).toContain(`'${FORMULA.replace(/"/g, '""')}`);
	expect(file).toContain(IMG.replace(/"/g, '""'));
	await check('download');

	// The column-mapping dialog shows the payload column names and values as text.
	await households.getByRole('button', { name: 'Map columns' }).click();
	const mapDialog = page.getByRole('dialog');
	await expect(mapDialog.locator('tr[data-map-column]')).toHaveCount(12);
	await expect(mapDialog.locator('option', { hasText: SQL_COLUMN })).toHaveCount(12);
	await mapDialog.getByLabel('File column for dusun', { exact: true }).selectOption(IMG);
	await expect(mapDialog.locator('tr[data-map-column="dusun"] [data-samples]')).toHaveText(`${IMG} · ${SCRIPT} · ${JS_URL}`);
	await check('mapping dialog');
	await page.keyboard.press('Escape');
	await expect(mapDialog).toBeHidden();
	await check('mapping dialog closed');

	// Every button, summary and link on /data that neither leaves the page nor deletes data
	// (the mapping dialog was opened above; opened here, its Apply would reload a table).
	const SKIP = /remove|hapus|sample|contoh|load url|muat url|choose files|pilih berkas|map columns|petakan kolom/i;
	const clickables = page.locator('button:visible, summary:visible, a[href]:visible');
	let clicked = 0;
	for (let i = 0; i < (await clickables.count()); i++) {
		const el = clickables.nth(i);
		const info = await el
			.evaluate((node) => ({
				text: (node.textContent ?? '').trim(),
				href: node instanceof HTMLAnchorElement ? node.href : null,
				disabled: (node as HTMLButtonElement).disabled === true
			}))
			.catch(() => null);
		if (!info || info.disabled || SKIP.test(info.text)) continue;
		if (info.href && new URL(info.href).pathname !== new URL(page.url()).pathname) continue;
		await el.click({ timeout: 5_000 }).catch(() => undefined);
		clicked++;
		await waitReady(page);
		await check(`clicking "${info.text.slice(0, 40)}"`);
	}
	expect(clicked).toBeGreaterThan(8);

	// --- The overview with the payload dusun in the URL, then chosen in the filter.
	await page.goto(`/?lang=en&period=2025&dusun=${encodeURIComponent(IMG)}`);
	await waitReady(page);
	await expect(page.locator('select[name="dusun"]')).toHaveValue(IMG);
	await check('overview with the payload dusun');
	await hoverCharts(page, check, 'overview');
	await page.locator('select[name="dusun"]').selectOption(TEMPLATE);
	await waitReady(page);
	await expect(page).toHaveURL(/dusun=/);
	await check('overview with the template dusun');
	await hoverCharts(page, check, 'overview, template dusun');

	// --- Indicator pages with breakdowns by dusun, round and meeting type.
	let charts = 0;
	let payloadTips = 0;
	for (const code of ['INC-01', 'INF-01', 'PAR-02', 'PAR-01']) {
		await page.goto(`/indicators/${code}?lang=en&period=2025`);
		await waitReady(page);
		await check(code);
		const hovered = await hoverCharts(page, check, code);
		charts += hovered.charts;
		payloadTips += hovered.payloadTips;
	}
	expect(charts, 'charts hovered on the indicator pages').toBeGreaterThan(3);
	// The hovering reached tooltips that name a payload dusun, round or meeting type, as text.
	expect(payloadTips, 'tooltips showing a payload as text').toBeGreaterThan(0);
	await page.goto(`/indicators/INC-01?lang=en&period=2025&dusun=${encodeURIComponent(IMG)}`);
	await waitReady(page);
	await hoverCharts(page, check, 'INC-01 for the payload dusun');

	// --- The report (screen and print), the presentation, the areas and donor views.
	for (const route of ['/report', '/present', '/areas/income', '/areas/participation', '/donor']) {
		await page.goto(`${route}?lang=en&period=2025`);
		await waitReady(page);
		await check(route);
		await hoverCharts(page, check, route);
	}
	await page.emulateMedia({ media: 'print' });
	await page.goto('/report?lang=en&period=2025');
	await waitReady(page);
	await check('report, print');
	await workerClean(page);
});
