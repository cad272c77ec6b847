import { expect, type Page } from '@playwright/test';

/** Wait for the automation contract's ready state. */
export async function waitReady(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('data-pantau-state', 'ready', { timeout: 60_000 });
}

/** Whether a URL leaves the app's origin (data: and blob: URLs never do). */
export function isOffOrigin(url: string, origin: string): boolean {
	if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return false;
	try {
		return new URL(url).origin !== new URL(origin).origin;
	} catch {
		return true;
	}
}

/**
 * Record every request that leaves the app's origin: from the page, its dedicated workers (the
 * engine), other pages of the context, the service worker, and WebSockets. Assert the returned
 * list is empty. Origins are compared exactly (127.0.0.1:4317 is not 127.0.0.1:43170).
 */
export function guardEgress(page: Page, origin: string): string[] {
	const offOrigin: string[] = [];
	const note = (url: string) => {
		if (isOffOrigin(url, origin) && !offOrigin.includes(url)) offOrigin.push(url);
	};
	const context = page.context();
	page.on('request', (req) => note(req.url()));
	page.on('websocket', (ws) => note(ws.url()));
	// Every page of the context, its workers, and the service worker.
	context.on('request', (req) => note(req.url()));
	return offOrigin;
}

/**
 * Like guardEgress, and also abort any off-origin request (so nothing waits on a network that a
 * village hall does not have). Returns the list of what was attempted.
 */
export async function blockEgress(page: Page, origin: string): Promise<string[]> {
	const attempted = guardEgress(page, origin);
	await page.context().route(
		(url) => isOffOrigin(url.href, origin),
		async (route) => {
			if (!attempted.includes(route.request().url())) attempted.push(route.request().url());
			await route.abort('blockedbyclient');
		}
	);
	return attempted;
}

/**
 * Content-Security-Policy violations: console messages from the page and its workers that
 * mention the policy or a refusal, and the document's `securitypolicyviolation` events.
 * Call before the first navigation. Read with `cspViolations(page, list)`.
 */
export async function watchCsp(page: Page): Promise<string[]> {
	const violations: string[] = [];
	const check = (where: string, text: string) => {
		if (/Content Security Policy|Content-Security-Policy|Refused to/i.test(text)) violations.push(`${where}: ${text}`);
	};
	page.on('console', (msg) => check('console', msg.text()));
	page.on('pageerror', (err) => check('pageerror', err.message));
	page.on('worker', (w) => w.on('console', (msg) => check('worker console', msg.text())));
	await page.addInitScript(() => {
		const w = window as unknown as { __cspViolations?: string[] };
		w.__cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			w.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	return violations;
}

/** The console violations seen so far plus the current document's violation events. */
export async function cspViolations(page: Page, seen: string[]): Promise<string[]> {
	const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => []);
	return [...seen, ...events.map((e) => `event: ${e}`)];
}
