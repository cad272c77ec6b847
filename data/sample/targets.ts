/**
 * targets: the program's results framework, one row per indicator target, in the unit of
 * the indicator (percent indicators in percent: 92 means 92%).
 *
 * `end` is the end-of-program target (2026); several indicators also have yearly targets.
 * Flow indicators (counted per period: people trained, credit disbursed, projects
 * completed, meetings held, attendances) have yearly targets only. Monitoring indicators
 * carry their baseline (from 2022 records, before the program); survey indicators do not,
 * as their baseline is the survey's baseline round. A few rows are for one dusun or one sex.
 * HLT-05 and INF-05 have no target.
 *
 * The targets were set, as targets are, before the data came in: some are reached, some
 * are on track, some are not.
 */
import { double, text, type Row, type SampleTable } from './table';

export const TARGET_COLUMNS = [
	text('indicator'),
	text('period'),
	double('target', 4),
	double('baseline', 4),
	text('dusun'),
	text('sex')
];

type Target = [indicator: string, period: string, target: number, baseline: number | null, dusun?: string, sex?: 'F' | 'M'];

const TARGETS: Target[] = [
	// income and livelihoods
	['INC-01', '2024', 950_000, null],
	['INC-01', '2025', 1_050_000, null],
	['INC-01', 'end', 1_150_000, null],
	['INC-02', '2024', 24, null],
	['INC-02', '2025', 21, null],
	['INC-02', 'end', 18, null],
	['INC-02', 'end', 20, null, 'Karanganyar'],
	['INC-03', '2024', 3_400_000, 2_950_000],
	['INC-03', '2025', 3_800_000, 2_950_000],
	['INC-03', '2026', 4_200_000, 2_950_000],
	['INC-03', 'end', 4_200_000, 2_950_000],
	['INC-04', '2024', 80, 20],
	['INC-04', '2025', 90, 20],
	['INC-04', '2026', 100, 20],
	['INC-04', 'end', 100, 20],
	['INC-05', '2024', 500_000_000, 300_000_000],
	['INC-05', '2025', 550_000_000, 300_000_000],
	['INC-05', '2026', 600_000_000, 300_000_000],
	['INC-06', '2024', 6, 8],
	['INC-06', '2025', 5, 8],
	['INC-06', 'end', 5, 8],
	// employment
	['EMP-01', 'end', 4, null],
	['EMP-01', 'end', 4.5, null, undefined, 'F'],
	['EMP-01', 'end', 3.5, null, undefined, 'M'],
	['EMP-02', '2024', 150, 0],
	['EMP-02', '2025', 150, 0],
	['EMP-02', '2026', 150, 0],
	['EMP-03', 'end', 80, 70],
	['EMP-04', '2024', 55, 40],
	['EMP-04', '2025', 60, 40],
	['EMP-04', 'end', 65, 40],
	['EMP-05', '2024', 250, 150],
	['EMP-05', '2025', 320, 150],
	['EMP-05', '2026', 380, 150],
	['EMP-05', 'end', 400, 150],
	// women's economic empowerment
	['WOM-01', 'end', 50, 44],
	['WOM-02', 'end', 60, 50],
	['WOM-03', 'end', 0.85, 0.7],
	['WOM-04', 'end', 60, 50],
	// health
	['HLT-01', 'end', 60, null],
	['HLT-02', '2024', 70, null],
	['HLT-02', '2025', 78, null],
	['HLT-02', 'end', 85, null],
	['HLT-02', 'end', 86, null, undefined, 'F'],
	['HLT-03', '2024', 25, 28.7],
	['HLT-03', '2025', 22, 28.7],
	['HLT-03', '2026', 18, 28.7],
	['HLT-03', 'end', 18, 28.7],
	['HLT-03', 'end', 20, 31, 'Cibodas'],
	['HLT-04', '2024', 900, 600],
	['HLT-04', '2025', 900, 600],
	['HLT-04', '2026', 900, 600],
	// infrastructure
	['INF-01', 'end', 98, null],
	['INF-02', '2025', 75, null],
	['INF-02', 'end', 80, null],
	['INF-03', 'end', 82, null],
	['INF-04', '2024', 6, 0],
	['INF-04', '2025', 6, 0],
	['INF-04', '2026', 4, 0],
	['INF-06', '2024', 1_400, 0],
	['INF-06', '2025', 1_900, 0],
	['INF-06', 'end', 2_000, 0],
	// participation and governance
	['PAR-01', '2024', 40, 24],
	['PAR-01', '2025', 40, 24],
	['PAR-01', '2026', 40, 24],
	['PAR-02', '2024', 25, 18],
	['PAR-02', '2025', 30, 18],
	['PAR-02', '2026', 33, 18],
	['PAR-02', 'end', 33, 18],
	['PAR-03', 'end', 55, 40],
	['PAR-04', '2024', 95, 92],
	['PAR-04', '2025', 95, 92],
	['PAR-04', 'end', 95, 92],
	['PAR-05', 'end', 98, 94],
	// village development index
	['VIL-01', '2024', 0.68, 0.6116],
	['VIL-01', '2025', 0.7, 0.6116],
	['VIL-01', 'end', 0.7073, 0.6116]
];

export function targetsTable(): SampleTable {
	const rows: Row[] = TARGETS.map(([indicator, period, target, baseline, dusun, sex]) => ({
		indicator,
		period,
		target,
		baseline,
		dusun: dusun ?? null,
		sex: sex ?? null
	}));
	return { name: 'targets', columns: TARGET_COLUMNS, rows };
}
