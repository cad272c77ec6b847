/**
 * Number, rupiah, percent and date formats in both languages (Intl, id-ID and en).
 */
import { describe, it, expect } from 'vitest';
import { formatNumber, formatIdr, formatIdrSigned, formatPercent, formatPoints, formatProgress, formatSigned, formatDate, parseLocalNumber } from '../../src/lib/i18n/format';

// Intl puts a non-breaking space between "Rp" and the amount; compare with plain spaces.
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formats', () => {
	it('Indonesian uses dots for thousands and a comma for decimals; English the other way round', () => {
		expect(formatNumber(1234567.891, 'id', 2)).toBe('1.234.567,89');
		expect(formatNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
		expect(plain(formatIdr(1500000, 'id'))).toBe('Rp 1.500.000');
		expect(formatPercent(45.78, 'id')).toBe('45,8%');
		expect(formatPercent(45.78, 'en')).toBe('45.8%');
		expect(formatPoints(9.24, 'id')).toBe('+9,2 poin');
		expect(formatPoints(-9.24, 'en')).toBe('-9.2 pts');
		expect(formatDate('2025-03-01', 'id')).toBe('1 Maret 2025');
		expect(formatNumber(null, 'id')).toBe('–');
	});

	it('a value that rounds to zero shows no sign: not "-0%", not "+0,0 poin"', () => {
		// progress -0.0004 shown as a whole percent (a value equal to its baseline, rounding noise)
		expect(formatNumber(-0.04, 'en', 0)).toBe('0');
		expect(formatNumber(-0, 'id', 1)).toBe('0,0');
		expect(formatPercent(-0.01, 'id')).toBe('0,0%');
		expect(plain(formatIdr(-0.4, 'id'))).toBe('Rp 0');
		// changes in rupiah: one minus sign (Intl's), everywhere; none for zero
		expect(plain(formatIdrSigned(-458334, 'id'))).toBe('-Rp 458.334');
		expect(plain(formatIdrSigned(125000, 'id'))).toBe('+Rp 125.000');
		expect(plain(formatIdrSigned(-0.4, 'id'))).toBe('Rp 0');
		expect(plain(formatIdrSigned(-269500000, 'en', true))).toBe('-IDR 269.5M');
		expect(formatPoints(-0.02, 'id')).toBe('0,0 poin');
		expect(formatSigned(0, 'en')).toBe('0.0');
		// real negatives keep their sign
		expect(formatNumber(-0.6, 'en', 0)).toBe('-1');
		expect(formatSigned(-0.06, 'en')).toBe('-0.1');
	});

	it('reads a number typed the way the language writes it', () => {
		const cases: Array<[string, 'id' | 'en', number | null]> = [
			['580.349', 'id', 580349],
			['Rp 580.349', 'id', 580349],
			['Rp\u00a0580.349', 'id', 580349],
			['580349', 'id', 580349],
			['1.234.567,5', 'id', 1234567.5],
			['0,5', 'id', 0.5],
			['0.5', 'id', 0.5], // not a thousands group: a decimal in both languages
			['85%', 'id', 85],
			['-5', 'id', -5],
			['580,349', 'en', 580349],
			['1,234,567.5', 'en', 1234567.5],
			['0.5', 'en', 0.5],
			['', 'id', null],
			['   ', 'en', null],
			['abc', 'id', null],
			['12abc', 'en', null],
			['1e21', 'en', null],
			['0,5', 'en', null]
		];
		for (const [text, lang, want] of cases) expect(parseLocalNumber(text, lang), `${lang} ${JSON.stringify(text)}`).toBe(want);
	});

	it('shows progress cut to a tenth of a percent, never rounded across a status threshold', () => {
		expect(formatProgress(0.8499, 'id')).toBe('84,9%');
		expect(formatProgress(0.85, 'en')).toBe('85.0%');
		expect(formatProgress(0.9999, 'en')).toBe('99.9%');
		expect(formatProgress(1, 'en')).toBe('100.0%');
		expect(formatProgress(0.29, 'en')).toBe('29.0%'); // 0.29 * 100 is 28.999999999999996 in floating point
		expect(formatProgress(-0.0004, 'en')).toBe('0.0%');
		expect(formatProgress(-8, 'en')).toBe('-800.0%');
		expect(formatProgress(null, 'en')).toBe('–');
	});
});
