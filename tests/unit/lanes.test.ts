import { describe, expect, it } from 'vitest';
import { Lanes } from '../../src/lib/engine/lanes';

/** A piece of work the test finishes by hand. */
function work<T>() {
	let finish!: (v: T) => void;
	let fail!: (e: Error) => void;
	const started: { count: number } = { count: 0 };
	const start = () => {
		started.count++;
		return new Promise<T>((res, rej) => {
			finish = res;
			fail = rej;
		});
	};
	return { start, started, finish: (v: T) => finish(v), fail: (e: Error) => fail(e) };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latest-wins lanes', () => {
	it('runs the first at once, lets only the newest waiting one run next, and resolves overtaken ones to null', async () => {
		const lanes = new Lanes();
		const a = work<string>();
		const b = work<string>();
		const c = work<string>();
		const pa = lanes.run('view', a.start);
		const pb = lanes.run('view', b.start);
		const pc = lanes.run('view', c.start);
		expect([a.started.count, b.started.count, c.started.count]).toEqual([1, 0, 0]);
		expect(await pb).toBeNull(); // overtaken by c before it started
		a.finish('a');
		expect(await pa).toBe('a');
		await tick();
		expect([b.started.count, c.started.count]).toEqual([0, 1]);
		c.finish('c');
		expect(await pc).toBe('c');
	});

	it('keeps lanes apart, and goes on after a failure', async () => {
		const lanes = new Lanes();
		const a = work<number>();
		const other = work<number>();
		const pa = lanes.run('view', a.start);
		const po = lanes.run('other', other.start);
		expect(other.started.count).toBe(1);
		const b = work<number>();
		const pb = lanes.run('view', b.start);
		a.fail(new Error('engine error'));
		await expect(pa).rejects.toThrow('engine error');
		await tick();
		expect(b.started.count).toBe(1);
		b.finish(2);
		other.finish(1);
		expect(await pb).toBe(2);
		expect(await po).toBe(1);
		// The lane is free again: the next request starts at once.
		const d = work<number>();
		void lanes.run('view', d.start);
		expect(d.started.count).toBe(1);
	});
});
