/**
 * indicator_values: a few already-aggregated values, as the puskesmas reports them from its
 * DHIS2-style export, shown beside Pantau's own computation.
 *
 * HLT-03 (stunting) and HLT-04 (health-education attendances) for 2024 and 2025. Most are
 * what the posyandu data give (stunting rounded to one decimal, with the exact numerator
 * and denominator); HLT-04 for 2025 clearly disagrees: the puskesmas also counted the
 * sessions held at the puskesmas itself.
 */
import { roundDigits } from './random';
import { stuntingPrevalence } from './health';
import { double, text, type Row, type SampleTable } from './table';

export const INDICATOR_VALUE_COLUMNS = [
	text('indicator'),
	text('period'),
	double('value', 2),
	double('numerator', 2),
	double('denominator', 2),
	text('dusun'),
	text('sex')
];

function educationCount(rows: Row[], from: string, to: string): number {
	return rows.filter((r) => r.service === 'health_education' && String(r.date) >= from && String(r.date) <= to).length;
}

export function indicatorValuesTable(health: Row[]): SampleTable {
	const rows: Row[] = [];
	const stunting = (period: string, from: string, to: string, dusun: string | null) => {
		const s = stuntingPrevalence(health, from, to, dusun ?? undefined);
		rows.push({
			indicator: 'HLT-03',
			period,
			value: roundDigits((100 * s.stunted) / s.children, 1),
			numerator: s.stunted,
			denominator: s.children,
			dusun,
			sex: null
		});
	};
	stunting('2024', '2024-01-01', '2024-12-31', null);
	stunting('2025', '2025-01-01', '2025-12-31', null);
	stunting('2025', '2025-01-01', '2025-12-31', 'Karanganyar');
	stunting('2025', '2025-01-01', '2025-12-31', 'Cibodas');
	const education = (period: string, from: string, to: string, factor: number) => {
		const n = Math.round(educationCount(health, from, to) * factor);
		rows.push({ indicator: 'HLT-04', period, value: n, numerator: null, denominator: null, dusun: null, sex: null });
	};
	education('2024', '2024-01-01', '2024-12-31', 1);
	education('2025-Q4', '2025-10-01', '2025-12-31', 1);
	education('2025', '2025-01-01', '2025-12-31', 1.42); // the puskesmas's own sessions counted too
	return { name: 'indicator_values', columns: INDICATOR_VALUE_COLUMNS, rows };
}
