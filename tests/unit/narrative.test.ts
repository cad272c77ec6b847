/**
 * The report's auto-written texts (src/lib/report/narrative.ts): every template in both
 * languages, with numbers formatted the Indonesian and the English way.
 */
import { describe, it, expect } from 'vitest';
import {
	areaNarrative,
	budgetSentence,
	countSentence,
	fill,
	formatChange,
	indicatorSentence,
	shortName,
	statusCounts,
	templates,
	type NarrativeDef,
	type NarrativeResult
} from '../../src/lib/report/narrative';
import { indicatorByCode } from '../../src/lib/indicators/catalogue';
import reportId from '../../src/lib/i18n/messages/report.id.json';
import reportEn from '../../src/lib/i18n/messages/report.en.json';

const electricity: NarrativeDef = {
	code: 'INF-01',
	unit: 'percent',
	direction: 'up',
	names: { id: 'Akses listrik', en: 'Households with electricity (SDG 7.1.1)' }
};
const result = (r: Partial<NarrativeResult>): NarrativeResult => ({
	value: null,
	baseline: null,
	change: null,
	target: null,
	status: 'no_data',
	...r
});

describe('indicatorSentence', () => {
	it('writes a rise with points, the target and the status (the spec example)', () => {
		const r = result({ value: 90.4, baseline: 81.2, change: 9.2, target: 92, status: 'on_track' });
		expect(indicatorSentence({ def: electricity, result: r }, 'en')).toBe(
			'Households with electricity rose from 81.2% to 90.4% (+9.2 points); target 92.0%: on track.'
		);
		expect(indicatorSentence({ def: electricity, result: r }, 'id')).toBe(
			'Akses listrik naik dari 81,2% menjadi 90,4% (+9,2 poin); target 92,0%: sesuai jalur.'
		);
	});

	it('writes a fall for a lower-is-better indicator, with a negative change', () => {
		const def: NarrativeDef = { code: 'INC-02', unit: 'percent', direction: 'down', names: { id: 'Persentase penduduk miskin', en: 'Poverty headcount' } };
		const r = result({ value: 19.07, baseline: 28.32, change: -9.25, target: 21, status: 'achieved' });
		expect(indicatorSentence({ def, result: r }, 'en')).toBe('Poverty headcount fell from 28.3% to 19.1% (-9.3 points); target 21.0%: achieved.');
		expect(indicatorSentence({ def, result: r }, 'id')).toBe('Persentase penduduk miskin turun dari 28,3% menjadi 19,1% (-9,3 poin); target 21,0%: tercapai.');
	});

	it('formats rupiah and counts in their unit', () => {
		const income: NarrativeDef = { code: 'INC-01', unit: 'idr', direction: 'up', names: { id: 'Median pendapatan per kapita', en: 'Median per-capita household income' } };
		const r = result({ value: 1088000, baseline: 880400, change: 207600, target: 1050000, status: 'achieved' });
		// Intl writes "Rp" and "IDR" followed by a no-break space.
		const nb = '\u00a0';
		expect(indicatorSentence({ def: income, result: r }, 'id')).toBe(
			`Median pendapatan per kapita naik dari Rp${nb}880.400 menjadi Rp${nb}1.088.000 (+Rp${nb}207.600); target Rp${nb}1.050.000: tercapai.`
		);
		expect(indicatorSentence({ def: income, result: r }, 'en')).toBe(
			`Median per-capita household income rose from IDR${nb}880,400 to IDR${nb}1,088,000 (+IDR${nb}207,600); target IDR${nb}1,050,000: achieved.`
		);
		const trained: NarrativeDef = { code: 'EMP-02', unit: 'count', direction: 'up', names: { id: 'Peserta pelatihan', en: 'People trained' } };
		const t = result({ value: 1500, baseline: 1200, change: 300, target: 2000, status: 'off_track' });
		expect(indicatorSentence({ def: trained, result: t }, 'en')).toBe('People trained rose from 1,200 to 1,500 (+300); target 2,000: off track.');
		expect(indicatorSentence({ def: trained, result: t }, 'id')).toBe('Peserta pelatihan naik dari 1.200 menjadi 1.500 (+300); target 2.000: tidak sesuai jalur.');
	});

	it('says a value stayed when it is unchanged as shown', () => {
		const r = result({ value: 50.02, baseline: 50.04, change: -0.02, target: 60, status: 'off_track' });
		expect(indicatorSentence({ def: electricity, result: r }, 'en')).toBe('Households with electricity stayed at 50.0%; target 60.0%: off track.');
		expect(indicatorSentence({ def: electricity, result: r }, 'id')).toBe('Akses listrik tetap 50,0%; target 60,0%: tidak sesuai jalur.');
	});

	it('a baseline that is the same measurement (the first round or period there is) is no movement', () => {
		const survey = result({ value: 48.5, baseline: 48.5, change: 0, target: 60, status: 'off_track', round: 'baseline', baselineRound: 'baseline' });
		expect(indicatorSentence({ def: electricity, result: survey }, 'id')).toBe('Akses listrik tercatat 48,5%; target 60,0%: tidak sesuai jalur.');
		const monitoring = result({ value: 48.5, baseline: 48.5, change: 0, target: null, status: 'no_target', period: '2025', baselinePeriod: '2025' });
		expect(indicatorSentence({ def: electricity, result: monitoring }, 'en')).toBe('Households with electricity is 50.0%; no target has been set.'.replace('50.0', '48.5'));
		// a later round equal to the first still stayed
		const later = result({ value: 48.5, baseline: 48.5, change: 0, target: 60, status: 'off_track', round: 'endline', baselineRound: 'baseline' });
		expect(indicatorSentence({ def: electricity, result: later }, 'en')).toBe('Households with electricity stayed at 48.5%; target 60.0%: off track.');
	});

	it('without a baseline gives the value; without a target says so', () => {
		const r = result({ value: 45.78, status: 'no_target' });
		expect(indicatorSentence({ def: electricity, result: r }, 'en')).toBe('Households with electricity is 45.8%; no target has been set.');
		expect(indicatorSentence({ def: electricity, result: r }, 'id')).toBe('Akses listrik tercatat 45,8%; belum ada target.');
		const needs = result({ value: 70, baseline: 60, change: 10, target: 80, status: 'needs_attention' });
		expect(indicatorSentence({ def: electricity, result: needs }, 'en')).toMatch(/: needs attention\.$/);
		expect(indicatorSentence({ def: electricity, result: needs }, 'id')).toMatch(/: perlu perhatian\.$/);
	});

	it('no value is "no data", never 0', () => {
		const r = result({ value: null, status: 'no_data' });
		expect(indicatorSentence({ def: electricity, result: r }, 'en')).toBe('Households with electricity: no data.');
		expect(indicatorSentence({ def: electricity, result: r }, 'id')).toBe('Akses listrik: tidak ada data.');
	});

	it('uses the catalogue names of the language', () => {
		const def = indicatorByCode('HLT-03')!;
		const r = result({ value: 22.09, baseline: 28.7, change: -6.61, target: 22, status: 'on_track' });
		expect(indicatorSentence({ def, result: r }, 'id')).toBe('Prevalensi stunting balita turun dari 28,7% menjadi 22,1% (-6,6 poin); target 22,0%: sesuai jalur.');
		expect(indicatorSentence({ def, result: r }, 'en')).toBe('Stunting, children under 5 fell from 28.7% to 22.1% (-6.6 points); target 22.0%: on track.');
	});
});

describe('helpers', () => {
	it('shortName drops a trailing SDG reference only', () => {
		expect(shortName(electricity, 'en')).toBe('Households with electricity');
		expect(shortName({ ...electricity, names: { id: 'Tingkat (terbuka)', en: 'x' } }, 'id')).toBe('Tingkat (terbuka)');
	});
	it('fill replaces known placeholders and leaves others', () => {
		expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
	});
	it('formatChange writes points for percents', () => {
		expect(formatChange(9.2, 'percent', 'en')).toBe('+9.2 points');
		expect(formatChange(-0.5, 'percent', 'id')).toBe('-0,5 poin');
		expect(formatChange(2, 'ratio', 'en')).toBe('+2.00');
	});
	it('counts statuses with a target', () => {
		const c = statusCounts([{ status: 'achieved' }, { status: 'on_track' }, { status: 'off_track' }, { status: 'no_target' }, { status: 'no_data' }]);
		expect(c).toMatchObject({ achieved: 1, on_track: 1, off_track: 1, no_target: 1, no_data: 1, withTarget: 3, good: 2 });
		expect(countSentence([{ status: 'achieved' }, { status: 'on_track' }, { status: 'off_track' }], 'en')).toBe(
			'2 of 3 indicators with a target are achieved or on track.'
		);
		expect(countSentence([{ status: 'achieved' }, { status: 'needs_attention' }], 'id')).toBe('1 dari 2 indikator bertarget tercapai atau sesuai jalur.');
		expect(countSentence([{ status: 'no_target' }, { status: 'no_data' }], 'en')).toBe('None of these 2 indicators has a target.');
		expect(countSentence([{ status: 'no_target' }], 'id')).toBe('Indikator ini belum memiliki target.');
		expect(countSentence([{ status: 'no_data', target: 12 }, { status: 'no_target' }], 'id')).toBe('Satu-satunya indikator bertarget tidak memiliki data pada tampilan ini.');
		// Targets set, but no value in this view (a filter without rows): not "no target".
		expect(countSentence([{ status: 'no_data', target: 50 }, { status: 'no_data', target: 3 }, { status: 'no_data', target: null }], 'en')).toBe(
			'None of the 2 indicators with a target has data in this view.'
		);
	});
});

describe('areaNarrative and budgetSentence', () => {
	it('joins the count sentence and up to max indicator sentences', () => {
		const items = [
			{ def: electricity, result: result({ value: 90.4, baseline: 81.2, change: 9.2, target: 92, status: 'on_track' }) },
			{ def: { ...electricity, code: 'X', names: { id: 'Air layak', en: 'Improved water' } }, result: result({ value: null, status: 'no_data' }) }
		];
		expect(areaNarrative(items, 'en')).toBe(
			'1 of 1 indicators with a target are achieved or on track. Households with electricity rose from 81.2% to 90.4% (+9.2 points); target 92.0%: on track. Improved water: no data.'
		);
		expect(areaNarrative(items, 'id', 1)).toBe(
			'1 dari 1 indikator bertarget tercapai atau sesuai jalur. Akses listrik naik dari 81,2% menjadi 90,4% (+9,2 poin); target 92,0%: sesuai jalur.'
		);
	});
	it('writes the budget realisation and Dana Desa absorption', () => {
		const nb = '\u00a0';
		expect(budgetSentence({ year: 2025, budget: 2449000000, realized: 2387233000, danaDesaPercent: 96.6 }, 'id')).toBe(
			`Dari anggaran belanja 2025 sebesar Rp${nb}2.449.000.000, terealisasi Rp${nb}2.387.233.000 (97,5%). Serapan Dana Desa: 96,6%.`
		);
		expect(budgetSentence({ year: 2025, budget: 2449000000, realized: 2387233000 }, 'en')).toBe(
			`Of IDR${nb}2,449,000,000 budgeted for spending in 2025, IDR${nb}2,387,233,000 was realised (97.5%).`
		);
		expect(budgetSentence({ year: 2025, budget: 0, realized: 0 }, 'en')).toBe('There is no village budget for 2025.');
		expect(budgetSentence({ year: 2024, budget: null, realized: null }, 'id')).toBe('Tidak ada anggaran desa untuk 2024.');
	});
});

describe('templates', () => {
	it('both languages have the same narrative templates and placeholders', () => {
		const keys = (o: object, prefix = ''): string[] =>
			Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
		expect(keys(templates('id')).sort()).toEqual(keys(templates('en')).sort());
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const k of keys(templates('en'))) {
			const get = (o: unknown) => k.split('.').reduce((a: unknown, p) => (a as Record<string, unknown>)[p], o) as string;
			expect(placeholders(get(templates('id'))), k).toEqual(placeholders(get(templates('en'))));
		}
	});
	it('every report message exists in both languages', () => {
		const keys = (o: object, prefix = ''): string[] =>
			Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
		expect(keys(reportId).sort()).toEqual(keys(reportEn).sort());
	});
});
