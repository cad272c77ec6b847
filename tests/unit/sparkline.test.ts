import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/lib/charts/sparkline';

describe('sparkline geometry', () => {
	it('spreads points evenly and scales values between the pads', () => {
		// width 100, height 40, pad 4: x = 4, 50, 96; y from 36 (lowest) to 4 (highest)
		const s = sparkline([
			{ label: '2023', value: 10 },
			{ label: '2024', value: 30 },
			{ label: '2025', value: 20 }
		]);
		expect(s.line).toBe('M4 36 L50 4 L96 20');
		expect(s.area).toBe('M4 40 L4 36 L50 4 L96 20 L96 40 Z');
		expect(s.dots.map((d) => [d.label, d.x, d.y])).toEqual([
			['2023', 4, 36],
			['2024', 50, 4],
			['2025', 96, 20]
		]);
	});

	it('breaks the line at a missing value, and shades only runs of two or more', () => {
		const s = sparkline([
			{ label: 'a', value: 1 },
			{ label: 'b', value: 2 },
			{ label: 'c', value: null },
			{ label: 'd', value: 1 }
		]);
		// x = 4, 34.67, 65.33, 96
		expect(s.line).toBe('M4 36 L34.67 4 M96 36');
		expect(s.area).toBe('M4 40 L4 36 L34.67 4 L34.67 40 Z');
		expect(s.dots).toHaveLength(3);
	});

	it('draws a flat series in the middle, and nothing for no values', () => {
		expect(sparkline([{ label: 'a', value: 5 }, { label: 'b', value: 5 }]).line).toBe('M4 20 L96 20');
		expect(sparkline([{ label: 'a', value: null }])).toEqual({ line: '', area: '', dots: [] });
	});

	it('leaves out the dots of a long series', () => {
		const long = Array.from({ length: 13 }, (_, i) => ({ label: String(i), value: i }));
		expect(sparkline(long).dots).toEqual([]);
		expect(sparkline(long.slice(0, 12)).dots).toHaveLength(12);
	});
});
