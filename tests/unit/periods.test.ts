/**
 * Which period a page opens on, and which it offers, from the data's span (pure).
 */
import { describe, it, expect } from 'vitest';
import { defaultPeriod, periodChoices, periodIncomplete } from '../../src/lib/state/periods';
import type { DataRange } from '../../src/lib/indicators/operations';

const range = (r: Partial<DataRange>): DataRange => ({ from: null, to: null, lastDate: null, yearsOnly: false, dusun: [], groups: [], tables: [], ...r });
const today = new Date(2026, 10, 29);

describe('periodIncomplete', () => {
	// The sample's shape: meetings to 30 June 2026, a budget for 2026.
	const sample = range({ from: '2023-01-05', to: '2026-12-31', lastDate: '2026-06-30', tables: ['meetings', 'budget'] });
	it('marks a period that is not over and that the data does not reach to its end', () => {
		expect(periodIncomplete('2026-12-31', sample, new Date(2026, 6, 1))).toBe(true);
		expect(periodIncomplete('2026-09-30', sample, new Date(2026, 6, 1))).toBe(true);
		expect(periodIncomplete('2026-06-30', sample, new Date(2026, 6, 1))).toBe(false);
		expect(periodIncomplete('2025-12-31', sample, new Date(2026, 6, 1))).toBe(false);
		// A year is not over on its last day.
		expect(periodIncomplete('2026-12-31', sample, new Date(2026, 11, 31))).toBe(true);
	});
	it('does not mark a period that is over, however far the data reaches', () => {
		expect(periodIncomplete('2026-12-31', sample, new Date(2027, 0, 1))).toBe(false);
		expect(periodIncomplete('2025-12-31', range({ from: '2025-01-01', to: '2025-07-20', lastDate: '2025-07-20', tables: ['households'] }), today)).toBe(false);
	});
	it('takes year columns as reaching their 31 December only where the data has no real date', () => {
		const budget = range({ from: '2024-01-01', to: '2026-12-31', lastDate: null, yearsOnly: true, tables: ['budget'] });
		expect(periodIncomplete('2026-12-31', budget, today)).toBe(false);
		// A budget for next year does not make this year complete.
		expect(periodIncomplete('2027-12-31', { ...sample, to: '2027-12-31' }, today)).toBe(true);
		expect(periodIncomplete('2026-12-31', { ...sample, to: '2027-12-31' }, today)).toBe(true);
	});
});

describe('defaultPeriod', () => {
	it('is the latest complete year of the dated data', () => {
		expect(defaultPeriod(range({ from: '2023-03-01', to: '2025-12-31', lastDate: '2025-12-31', tables: ['meetings'] }), today)).toBe('2025');
		// data to 13 December 2025: 2025 is over in November 2026, not yet in November 2025
		expect(defaultPeriod(range({ from: '2023-03-01', to: '2025-12-13', lastDate: '2025-12-13', tables: ['meetings'] }), today)).toBe('2025');
		expect(defaultPeriod(range({ from: '2023-03-01', to: '2025-12-13', lastDate: '2025-12-13', tables: ['meetings'] }), new Date(2025, 11, 20))).toBe('2024');
		// a survey whose endline was in July 2025: 2025, where the endline is shown
		expect(defaultPeriod(range({ from: '2023-07-10', to: '2025-07-20', lastDate: '2025-07-20', tables: ['households'] }), today)).toBe('2025');
		// the sample: data to June 2026 opens on 2025 in 2026
		expect(defaultPeriod(range({ from: '2023-01-05', to: '2026-12-31', lastDate: '2026-06-30', tables: ['meetings', 'budget'] }), today)).toBe('2025');
		// a budget for 2026 (a year column) does not complete 2026
		expect(defaultPeriod(range({ from: '2023-03-01', to: '2026-12-31', lastDate: '2025-12-31', tables: ['meetings', 'budget'] }), today)).toBe('2025');
		// the only year there is
		expect(defaultPeriod(range({ from: '2026-03-01', to: '2026-03-31', lastDate: '2026-03-31', tables: ['meetings'] }), today)).toBe('2026');
	});

	it('is the current year when tables are loaded but none has a date (people alone), and null with no table', () => {
		expect(defaultPeriod(range({ tables: ['people'] }), today)).toBe('2026');
		expect(periodChoices(range({ tables: ['people'] }), today).years).toEqual(['2026']);
		expect(periodChoices(range({ tables: ['people'] }), today).quarters).toHaveLength(4);
		expect(defaultPeriod(range({ tables: [] }), today)).toBeNull();
		expect(defaultPeriod(null, today)).toBeNull();
		expect(periodChoices(range({ tables: [] }), today).years).toEqual([]);
	});

	it('offers years alone when every date is a whole year (a budget, a village index), and quarters and months otherwise', () => {
		const yearly = periodChoices(range({ from: '2023-01-01', to: '2025-12-31', yearsOnly: true, tables: ['budget'] }), today);
		expect(yearly).toEqual({ years: ['2023', '2024', '2025'], quarters: [], months: [] });
		const dated = periodChoices(range({ from: '2023-01-01', to: '2025-12-31', lastDate: '2025-06-30', tables: ['budget', 'meetings'] }), today);
		expect(dated.years).toEqual(['2023', '2024', '2025']);
		expect(dated.quarters).toHaveLength(12);
		expect(dated.months).toHaveLength(36);
	});
});
