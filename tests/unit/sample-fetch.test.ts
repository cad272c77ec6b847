import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropPrefetched, prefetchSample, takePrefetched } from '../../src/lib/engine/sample-fetch';

const BASE = 'http://app.test/sample/';
const files: Record<string, string | number> = {
	[`${BASE}manifest.json`]: '{"files":[]}',
	[`${BASE}prebuilt/index.json`]: JSON.stringify({ tables: [{ data: 'households.arrows' }, { data: 'people.arrows' }], rejects: 'rejects.arrows' }),
	[`${BASE}prebuilt/households.arrows`]: 'H',
	[`${BASE}prebuilt/people.arrows`]: 404,
	[`${BASE}prebuilt/rejects.arrows`]: 'R'
};

function fakeFetch() {
	const asked: string[] = [];
	vi.stubGlobal('fetch', async (url: string) => {
		asked.push(url);
		const body = files[url];
		if (body === undefined || typeof body === 'number') return new Response('no', { status: typeof body === 'number' ? body : 404 });
		return new Response(body);
	});
	return asked;
}

const settle = () => new Promise((r) => setTimeout(r, 10));
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

afterEach(() => {
	dropPrefetched();
	vi.unstubAllGlobals();
});

describe('the sample fetched while DuckDB starts', () => {
	it('fetches the manifest, the prebuilt index, every table it lists and the rejects', async () => {
		const asked = fakeFetch();
		prefetchSample(BASE);
		await settle();
		expect(asked.sort()).toEqual(Object.keys(files).sort());
		expect(text(await takePrefetched(`${BASE}prebuilt/households.arrows`))).toBe('H');
		expect(text(await takePrefetched(`${BASE}prebuilt/rejects.arrows`))).toBe('R');
		expect(text(await takePrefetched(`${BASE}manifest.json`))).toBe('{"files":[]}');
	});

	it('gives each file once; a failed or unknown one is null, for the caller to fetch and report', async () => {
		fakeFetch();
		prefetchSample(BASE);
		await settle();
		expect(text(await takePrefetched(`${BASE}prebuilt/households.arrows`))).toBe('H');
		expect(await takePrefetched(`${BASE}prebuilt/households.arrows`)).toBeNull();
		expect(await takePrefetched(`${BASE}prebuilt/people.arrows`)).toBeNull();
		expect(await takePrefetched(`${BASE}other.csv`)).toBeNull();
	});

	it('a network failure is null too, and dropping forgets what was not taken', async () => {
		vi.stubGlobal('fetch', async () => {
			throw new TypeError('offline');
		});
		prefetchSample(BASE);
		await settle();
		expect(await takePrefetched(`${BASE}manifest.json`)).toBeNull();
		fakeFetch();
		prefetchSample(BASE);
		await settle();
		dropPrefetched();
		expect(await takePrefetched(`${BASE}prebuilt/rejects.arrows`)).toBeNull();
	});
});
