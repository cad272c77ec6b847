/**
 * Latest-wins lanes: for work where only the newest request of a lane matters (a page's
 * view, as its period or filters change). While one request of a lane runs, a newer one
 * waits; one that is overtaken before it starts never runs and resolves to null. The
 * engine worker computes one thing at a time, so without this quick changes would queue
 * views nobody will see.
 */
export class Lanes {
	private lanes = new Map<string, { running: boolean; next: { start: () => Promise<unknown>; settle: (v: Promise<unknown> | null) => void } | null }>();

	run<T>(lane: string, start: () => Promise<T>): Promise<T | null> {
		let state = this.lanes.get(lane);
		if (!state) this.lanes.set(lane, (state = { running: false, next: null }));
		const s = state;
		const begin = <U>(work: () => Promise<U>): Promise<U> => {
			s.running = true;
			const p = work();
			const done = () => {
				s.running = false;
				const next = s.next;
				s.next = null;
				if (next) next.settle(begin(next.start));
			};
			p.then(done, done);
			return p;
		};
		if (!s.running) return begin(start);
		s.next?.settle(null);
		return new Promise<T | null>((resolve) => {
			s.next = { start, settle: (v) => resolve(v as Promise<T> | null) };
		});
	}
}
