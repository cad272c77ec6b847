import { expect, type Page } from '@playwright/test';

/** Wait for the automation contract's ready state. */
export async function waitReady(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('data-pantau-state', 'ready', { timeout: 60_000 });
}

/** Fail the test on any request that leaves the app's origin. */
export function guardEgress(page: Page, origin: string): string[] {
	const offOrigin: string[] = [];
	page.on('request', (req) => {
		const url = req.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (!url.startsWith(origin)) offOrigin.push(url);
	});
	return offOrigin;
}
