/**
 * A small seeded pseudo-random generator (mulberry32) with the draws the sample
 * generator needs. Same seed, same sequence, on any machine.
 *
 * Every table gets its own stream (`fork('loans')`), so changing how one table is
 * generated does not shift the numbers of the others.
 */

/** FNV-1a hash of a label, mixed with a seed: a stable 32-bit seed for a sub-stream. */
export function hashSeed(seed: number, label: string): number {
	let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
	for (let i = 0; i < label.length; i++) {
		h ^= label.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	// final avalanche (murmur3 fmix32)
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b) >>> 0;
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35) >>> 0;
	h ^= h >>> 16;
	return h >>> 0;
}

export class Rng {
	private state: number;
	readonly seed: number;

	constructor(seed: number) {
		this.seed = seed >>> 0;
		this.state = this.seed;
	}

	/** A new independent stream named `label`, derived from this stream's seed. */
	fork(label: string): Rng {
		return new Rng(hashSeed(this.seed, label));
	}

	/** Uniform in [0, 1) (mulberry32). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform in [a, b). */
	uniform(a: number, b: number): number {
		return a + (b - a) * this.next();
	}

	/** Integer uniform in [a, b], both inclusive. */
	int(a: number, b: number): number {
		return a + Math.floor(this.next() * (b - a + 1));
	}

	/** true with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Standard normal by Box-Muller (one value per call, no caching: simpler to reason about). */
	normal(mean = 0, sd = 1): number {
		let u = this.next();
		while (u <= 1e-12) u = this.next();
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median and log-scale standard deviation. */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(this.normal(0, sigma));
	}

	/** Poisson count (Knuth; fine for the small means used here). */
	poisson(lambda: number): number {
		const l = Math.exp(-lambda);
		let k = 0;
		let p = 1;
		do {
			k++;
			p *= this.next();
		} while (p > l);
		return k - 1;
	}

	/** Binomial count by summing Bernoulli draws (n is small here). */
	binomial(n: number, p: number): number {
		let k = 0;
		for (let i = 0; i < n; i++) if (this.next() < p) k++;
		return k;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Pick by weight: `[[value, weight], ...]`. */
	weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
		let total = 0;
		for (const [, w] of items) total += w;
		let r = this.next() * total;
		for (const [v, w] of items) {
			r -= w;
			if (r < 0) return v;
		}
		return items[items.length - 1][0];
	}

	/** Fisher-Yates shuffle of a copy. */
	shuffle<T>(items: readonly T[]): T[] {
		const a = items.slice();
		for (let i = a.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[a[i], a[j]] = [a[j], a[i]];
		}
		return a;
	}
}

export function clamp(x: number, lo: number, hi: number): number {
	return x < lo ? lo : x > hi ? hi : x;
}

/** Round to the nearest multiple of `step`. */
export function roundTo(x: number, step: number): number {
	return Math.round(x / step) * step;
}

/** Round to `digits` decimals (for output columns). */
export function roundDigits(x: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
	return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
