/**
 * The Content-Security-Policy, checked in Chromium: every route renders with no violation, the
 * policy is in the built pages (<meta>) and in the server's header (with frame-ancestors), there
 * is no inline script and no eval in the page or in the engine worker, and the only exception
 * is 'wasm-unsafe-eval'.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { waitReady, watchCsp, cspViolations } from './helpers';

const ROUTES = ['/', '/data', '/indicators/INF-01', '/areas', '/areas/income', '/villages', '/donor', '/report', '/present', '/settings'];

/** Split a policy into directive -> sources. */
function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...sources]) => [name.toLowerCase(), sources])
	);
}

function expectStrict(policy: string): void {
	const d = directives(policy);
	expect(d.get('default-src')).toEqual(["'self'"]);
	const script = d.get('script-src') ?? [];
	expect(script).toContain("'self'");
	expect(script).toContain("'wasm-unsafe-eval'");
	// No inline script and no eval: only hashes of kit's own bootstrap script besides 'self'.
	for (const s of script) expect(s).toMatch(/^('self'|'wasm-unsafe-eval'|'sha(256|384|512)-[A-Za-z0-9+/=]+')$/);
	expect(d.get('worker-src')).toEqual(["'self'"]);
	expect(d.get('connect-src')).toEqual(["'self'"]);
	expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
	expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
	expect(d.get('font-src')).toEqual(["'self'"]);
	expect(d.get('object-src')).toEqual(["'none'"]);
	expect(d.get('base-uri')).toEqual(["'self'"]);
	expect(d.get('form-action')).toEqual(["'self'"]);
}

test('the built fallback page carries the policy as a <meta> tag', () => {
	const html = readFileSync(path.resolve('build/200.html'), 'utf8');
	const m = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html);
	expect(m, 'build/200.html has a CSP <meta>').not.toBeNull();
	expectStrict(m![1]);
	// A <meta> policy cannot carry frame-ancestors (Chromium would warn); the header does.
	expect(m![1]).not.toContain('frame-ancestors');
	// Every inline script of the page is allowed by one of the hashes, and there is no inline handler.
	expect(html).not.toMatch(/\son[a-z]+=/i);
});

test('every route renders with no Content-Security-Policy violation', async ({ page, baseURL }) => {
	test.setTimeout(300_000);
	const seen = await watchCsp(page);
	for (const route of ROUTES) {
		const response = await page.goto(`${route}${route.includes('?') ? '&' : '?'}lang=en`);
		expect(response?.status(), route).toBe(200);
		await waitReady(page);
		// The header: the same policy as the page's <meta>, plus frame-ancestors 'none'.
		const header = response!.headers()['content-security-policy'];
		expect(header, `${route} has a CSP header`).toBeTruthy();
		expectStrict(header);
		expect(directives(header).get('frame-ancestors')).toEqual(["'none'"]);
		const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
		expect(meta, `${route} has a CSP <meta>`).toBeTruthy();
		expectStrict(meta!);
		// Let charts draw and any lazy chunk load before reading the violations.
		await page.waitForTimeout(300);
		expect(await cspViolations(page, seen), route).toEqual([]);
	}
});

test('the page and the engine worker refuse eval; wasm compiles', async ({ page, baseURL }) => {
	const seen = await watchCsp(page);
	await page.goto('/data?lang=en');
	await waitReady(page);
	// DuckDB's wasm compiled in the worker, under the worker's own policy.
	await expect(page.locator('[data-table="households"]')).toHaveAttribute('data-contract', 'households');
	// Code from strings must not run. (Playwright's own evaluate is exempt from the policy, so
	// the strings are handed to setTimeout and run later, as page code.)
	const pageEval = await page.evaluate(async () => {
		const w = window as unknown as { __evalRan?: boolean };
		(setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
		await new Promise((r) => setTimeout(r, 100));
		return w.__evalRan === true;
	});
	expect(pageEval).toBe(false);
	// An inline <script> added to the document does not run.
	const inline = await page.evaluate(async () => {
		const s = document.createElement('script');
		s.textContent = 'window.__inlineRan = true';
		document.body.appendChild(s);
		await new Promise((r) => setTimeout(r, 50));
		return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
	});
	expect(inline).toBe(false);
	// Each refusal is reported as a violation: the policy, not luck, stopped them.
	const refused = await cspViolations(page, seen);
	expect(refused.some((v) => /unsafe-eval|evaluate a string/i.test(v))).toBe(true);
	expect(refused.some((v) => /inline script|script-src-elem|script-src/i.test(v))).toBe(true);

	const worker = page.workers().find((w) => /worker/i.test(w.url()));
	expect(worker, 'the engine worker is running').toBeTruthy();
	const workerEval = await worker!.evaluate(async () => {
		const g = self as unknown as { __evalRan?: boolean };
		(setTimeout as unknown as (code: string, ms: number) => void)('self.__evalRan = true', 0);
		await new Promise((r) => setTimeout(r, 100));
		return g.__evalRan === true;
	});
	expect(workerEval).toBe(false);
	// The worker's script comes with the worker policy: eval refused, user-given URLs allowed.
	const res = await page.request.get(new URL(worker!.url(), baseURL).href);
	const policy = directives(res.headers()['content-security-policy'] ?? '');
	expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
	expect(policy.get('connect-src')).toEqual(["'self'", 'http:', 'https:']);
});

test('a URL the user gives on another origin is not refused by the policy', async ({ page, baseURL }) => {
	const seen = await watchCsp(page);
	await page.goto('/data?lang=en');
	await waitReady(page);
	// Another origin: the same server under another host name. It sends no CORS header, so the
	// browser refuses the response (CORS), but the policy lets the worker ask for it.
	const other = new URL(baseURL!);
	other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
	await page.getByLabel('Or load from a URL').fill(new URL('/sample/households.csv', other).href);
	await page.getByRole('button', { name: 'Load URL' }).click();
	await waitReady(page);
	await expect(page.locator('[role=alert]').filter({ hasText: 'households.csv could not be loaded' })).toHaveCount(1);
	const violations = await cspViolations(page, seen);
	expect(violations.filter((v) => /connect-src|Refused to connect/i.test(v))).toEqual([]);
});
