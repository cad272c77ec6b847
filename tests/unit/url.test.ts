/** The view in the URL: how `period` is read, and which values are no period at all. */
import { describe, it, expect } from 'vitest';
import { normalisePeriodParam, badPeriodParam, readView } from '../../src/lib/state/url';

const at = (q: string) => new URL(`http://x/${q}`);

describe('period parameter', () => {
	it('reads the documented forms, and the obvious variants of them', () => {
		expect(normalisePeriodParam('2025')).toBe('2025');
		expect(normalisePeriodParam('2025-Q3')).toBe('2025-Q3');
		expect(normalisePeriodParam('2025-q3')).toBe('2025-Q3');
		expect(normalisePeriodParam('2025-07')).toBe('2025-07');
		expect(normalisePeriodParam('2025-7')).toBe('2025-07');
		expect(normalisePeriodParam(' 2025 ')).toBe('2025');
		expect(readView(at('?period=2025-q1')).period).toBe('2025-Q1');
	});
	it('names what is no period, so the page can say so', () => {
		for (const bad of ['2025-Q5', 'abc', '2025-13', '25', '2025-00']) {
			expect(normalisePeriodParam(bad), bad).toBeNull();
			expect(badPeriodParam(at(`?period=${bad}`)), bad).toBe(bad);
		}
		expect(badPeriodParam(at('?period='))).toBeNull();
		expect(badPeriodParam(at(''))).toBeNull();
		expect(badPeriodParam(at('?period=2025-q2'))).toBeNull();
	});
});
