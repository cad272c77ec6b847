/**
 * The Pantau indicator catalogue, version 1 (../shared/spec/indicators.md).
 *
 * One entry per indicator: what it is (names, unit, direction), what it reads (needs,
 * dimensions, timeline) and how its SQL is built (a pure function of the query scope,
 * composed from patterns.ts). Adding an indicator means adding one entry here.
 */
import type { ContractTableName } from '../engine/contract';
import { IDM_CUTOFFS, IDM_TOP_STATUS } from '../engine/contract';
import { sql, col, id, joinSql, tableRef, type SqlFragment } from './fragment';
import { asDouble, asText, medianOf } from './dialect';
import {
	ageIn,
	assemble,
	assembleWeightedMedian,
	c,
	extra,
	hasColumn,
	householdsOfRound,
	inPeriod,
	isIn,
	latestPerEntity,
	medianValue,
	peopleOfRound,
	ratio,
	rowsInPeriod,
	rowsOfYear,
	single,
	weightedMean,
	weightedShare
} from './patterns';
import type { DimensionSpec, IndicatorDefinition, LocalizedText, QueryScope } from './types';
import { formatIdr, formatNumber } from '../i18n/format';

// ---------------------------------------------------------------- shared pieces

const dim = (table: ContractTableName, ...columns: string[]): DimensionSpec => ({ table, columns });

/** Dimensions of household indicators. */
const HOUSEHOLD = {
	dusun: dim('households', 'dusun'),
	group: dim('households', 'group'),
	head_sex: dim('households', 'head_sex')
};
/** Dimensions of person indicators: sex from the person, dusun and group from the household. */
const PERSON = {
	sex: dim('people', 'sex'),
	dusun: dim('households', 'dusun'),
	group: dim('households', 'group')
};

const householdNeeds = (...columns: string[]) => [{ table: 'households' as const, columns: ['household_id', 'round', 'survey_date', ...columns] }];
const personNeeds = (...columns: string[]) => [
	{ table: 'people' as const, columns: ['person_id', 'household_id', 'round', ...columns] },
	{ table: 'households' as const, columns: ['household_id', 'round', 'survey_date'] }
];

/** Weighted share of households with a boolean column true, among those where it is recorded. */
const householdFlagShare = (flag: string) => (s: QueryScope) =>
	assemble(s, householdsOfRound(s, [flag]), weightedShare({ present: sql`${c(flag)} IS NOT NULL`, condition: c(flag) }));

/** Weighted share of persons with a boolean column true, among those where it is recorded. */
const personFlagShare = (flag: string) => (s: QueryScope) =>
	assemble(s, peopleOfRound(s, [flag]), weightedShare({ present: sql`${c(flag)} IS NOT NULL`, condition: c(flag) }));

/** Enterprises' latest report in the period. */
const latestEnterpriseReports = (s: QueryScope, columns: string[]) =>
	latestPerEntity(s, 'enterprises', { entity: 'enterprise_id', date: 'report_date', within: 'period', columns: ['enterprise_id', 'report_date', ...columns] });

/** Loans' latest snapshot as of the period (status included when the table has it). */
const latestLoanSnapshots = (s: QueryScope, columns: string[]) =>
	latestPerEntity(s, 'loans', {
		entity: 'loan_id',
		date: 'report_date',
		within: 'as_of',
		columns: ['loan_id', 'report_date', 'outstanding_idr', ...(hasColumn(s, 'loans', 'status') ? ['status'] : []), ...columns]
	});

/** An active loan: status active (or missing, the contract's default) and outstanding > 0. */
const activeLoan = (s: QueryScope): SqlFragment =>
	hasColumn(s, 'loans', 'status')
		? sql`(${c('status')} = ${'active'} OR ${c('status')} IS NULL) AND ${c('outstanding_idr')} > 0`
		: sql`${c('outstanding_idr')} > 0`;

/** Projects' latest report as of the period. */
const latestProjectReports = (s: QueryScope, columns: string[]) =>
	latestPerEntity(s, 'infrastructure', { entity: 'project_id', date: 'report_date', within: 'as_of', columns: ['project_id', 'report_date', ...columns] });

/**
 * sum(a) / sum(b), in percent, as the spec writes it: each sum adds the values recorded (a row
 * with only one of the two adds to that sum alone); n counts the rows with b. `extra_unpaired`
 * counts the rows with only one of them, which `unpairedNote` names.
 */
const sumsRatio = (a: string, b: string) =>
	sql`${ratio({ numerator: sql`SUM(${c(a)})`, denominator: sql`SUM(${c(b)})`, n: sql`COUNT(${c(b)})`, percent: true })}, ${extra(
		'unpaired',
		sql`COUNT(CASE WHEN (${c(a)} IS NULL) <> (${c(b)} IS NULL) THEN 1 END)`
	)}`;

/** The note for rows with only one of a ratio's two amounts: "Incomplete rows: 2 (meetings with ...)". */
const unpairedNote =
	(what: LocalizedText) =>
	(extras: Record<string, number | null>): LocalizedText[] => {
		const n = extras.unpaired ?? 0;
		if (!(n > 0)) return [];
		return [
			{
				id: `Baris tidak lengkap: ${formatNumber(n, 'id')} (${what.id}). Setiap jumlah menjumlahkan yang tercatat, sesuai rumusnya; lengkapi baris itu agar angkanya utuh.`,
				en: `Incomplete rows: ${formatNumber(n, 'en')} (${what.en}). Each sum adds what is recorded, as the definition does; complete them for the full figure.`
			}
		];
	};

const unpairedBudgetNote = unpairedNote({
	id: 'baris belanja yang hanya mencatat salah satu dari budget_idr dan realized_idr',
	en: 'expenditure lines with only one of budget_idr and realized_idr'
});

/** Realised budget by category for the year (unfiltered), for the budget balance check. */
/**
 * The rows an indicator takes from its table, as (column, value) pairs: its `rowsWith` (named
 * in its "no rows" reason) and its query's condition (`rowsWhere`) come from the one list.
 */
type RowsWith = ReadonlyArray<readonly [string, string]>;
const GROWTH_MONITORING: RowsWith = [['service', 'growth_monitoring']];
const EXPENDITURE: RowsWith = [['category', 'expenditure']];
const DANA_DESA_EXPENDITURE: RowsWith = [...EXPENDITURE, ['source', 'dana_desa']];
const rowsWhere = (rows: RowsWith): SqlFragment => joinSql(rows.map(([c, v]) => sql`${col('t', c)} = ${v}`), ' AND ');

const BUDGET_CATEGORIES = ['revenue', 'expenditure', 'financing_in', 'financing_out'] as const;
function budgetBalanceExtras(s: QueryScope): SqlFragment {
	const t = s.tables.budget;
	if (!t) throw new Error('budget table missing');
	// One scalar subquery per category total; the balance is derived from them in
	// `deriveBudgetBalance` (eight nested subqueries took ~340 ms to plan in duckdb-wasm).
	// A category with no realised amount recorded (no line, or lines without one) has no
	// total (shown "–"), not a total of 0; the balance counts it as 0.
	const total = (category: string) =>
		sql`(SELECT SUM(CASE WHEN ${col('b', 'category')} = ${category} THEN ${col('b', 'realized_idr')} END)
			FROM ${tableRef(t.ref)} AS ${id('b')} WHERE ${col('b', 'year')} = ${s.period.year})`;
	return joinSql(
		BUDGET_CATEGORIES.map((k) => extra(k, total(k))),
		', '
	);
}

/**
 * The year's budget lines without a category (`uncategorised`): no indicator counts them. A
 * spreadsheet's merged cell saves its value on its first line only, so the lines under it
 * come with the category empty (and a load warning).
 */
function uncategorisedBudgetLines(s: QueryScope): SqlFragment {
	const t = s.tables.budget;
	if (!t) throw new Error('budget table missing');
	return extra(
		'uncategorised',
		sql`(SELECT COUNT(*) FROM ${tableRef(t.ref)} AS ${id('b')} WHERE ${col('b', 'year')} = ${s.period.year} AND ${col('b', 'category')} IS NULL)`
	);
}

/** The note for the year's budget lines that no indicator counts, for want of a category. */
function uncategorisedNote(extras: Record<string, number | null>): LocalizedText[] {
	const n = extras.uncategorised ?? 0;
	if (!(n > 0)) return [];
	return [
		{
			id: `${formatNumber(n, 'id')} baris anggaran tahun ini tanpa kategori tidak dihitung (sel gabungan di lembar kerja?): isi kategorinya agar angkanya utuh.`,
			en: `${formatNumber(n, 'en')} budget line(s) of the year have no category and are not counted (a merged cell in the spreadsheet?): fill their category in for the full figure.`
		}
	];
}

/** Balance = revenue - expenditure + financing_in - financing_out (realised), from the category totals. */
export function deriveBudgetBalance(extras: Record<string, number | null>): Record<string, number | null> {
	const v = (k: string) => extras[k] ?? 0;
	const any = BUDGET_CATEGORIES.some((k) => extras[k] !== null && extras[k] !== undefined);
	return { ...extras, balance: any ? v('revenue') - v('expenditure') + v('financing_in') - v('financing_out') : null };
}

/** IDM status from a score (Kemendesa cut-offs), NULL for a NULL score. */
function idmStatusFromScore(score: SqlFragment): SqlFragment {
	const whens = IDM_CUTOFFS.map(([cut, status]) => sql`WHEN ${score} <= ${cut} THEN ${asText(sql`${status}`)}`);
	return sql`CASE WHEN ${score} IS NULL THEN NULL ${joinSql(whens, ' ')} ELSE ${asText(sql`${IDM_TOP_STATUS}`)} END`;
}
const IDM_STATUSES = [...IDM_CUTOFFS.map(([, s]) => s), IDM_TOP_STATUS];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_');

const districtDim = (level: string): DimensionSpec => dim('village_index', `kode_${level}`, `nama_${level}`);

// ---------------------------------------------------------------- the catalogue

export const CATALOGUE: readonly IndicatorDefinition[] = [
	// ------------------------------------------------------------ income
	{
		code: 'INC-01',
		area: 'income',
		names: { id: 'Median pendapatan per kapita', en: 'Median per-capita household income' },
		definition: {
			id: 'Median tertimbang dari pendapatan_bulanan / jumlah anggota rumah tangga, rumah tangga pada putaran survei.',
			en: 'Weighted median of income_month_idr / members over the households of the survey round.'
		},
		unit: 'idr',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: householdNeeds('members', 'income_month_idr'),
		dimensions: HOUSEHOLD,
		build: (s) =>
			assembleWeightedMedian(
				s,
				householdsOfRound(s, ['income_month_idr', 'members']),
				sql`CASE WHEN ${c('members')} > 0 THEN ${asDouble(c('income_month_idr'))} / ${c('members')} END`
			)
	},
	{
		code: 'INC-02',
		area: 'income',
		names: { id: 'Persentase penduduk miskin', en: 'Poverty headcount' },
		definition: {
			id: 'Jumlah(bobot x anggota, pendapatan per kapita < garis kemiskinan) / jumlah(bobot x anggota).',
			en: 'sum(weight x members where income_month_idr / members < poverty line) / sum(weight x members).'
		},
		unit: 'percent',
		direction: 'down',
		kind: 'survey',
		timing: 'round',
		needs: householdNeeds('members', 'income_month_idr'),
		dimensions: HOUSEHOLD,
		caveat: {
			id: 'Garis kemiskinan BPS adalah garis pengeluaran; diterapkan pada pendapatan, angka ini adalah proksi.',
			en: 'The BPS poverty line is an expenditure line; applied to income, this is a proxy.'
		},
		build: (s) =>
			assemble(
				s,
				householdsOfRound(s, ['income_month_idr', 'members']),
				weightedShare({
					present: sql`${c('income_month_idr')} IS NOT NULL AND ${c('members')} > 0`,
					condition: sql`${asDouble(c('income_month_idr'))} / ${c('members')} < ${s.settings.povertyLine}`,
					size: c('members')
				})
			)
	},
	{
		code: 'INC-03',
		area: 'income',
		names: { id: 'Median omzet usaha binaan', en: 'Median monthly revenue of supported enterprises' },
		definition: {
			id: 'Median omzet bulanan dari laporan terakhir tiap usaha dalam periode.',
			en: "Median of revenue_month_idr over enterprises' latest report in the period."
		},
		unit: 'idr',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'enterprises', columns: ['enterprise_id', 'report_date', 'revenue_month_idr'] }],
		dimensions: { sector: dim('enterprises', 'sector'), owner_sex: dim('enterprises', 'owner_sex'), dusun: dim('enterprises', 'dusun') },
		timeline: { table: 'enterprises', columns: ['report_date'] },
		build: (s) => assemble(s, latestEnterpriseReports(s, ['revenue_month_idr']), medianValue(c('revenue_month_idr')))
	},
	{
		code: 'INC-04',
		area: 'income',
		names: { id: 'Peminjam aktif', en: 'Active borrowers' },
		definition: {
			id: 'Jumlah borrower_id berbeda dengan pinjaman berstatus aktif dan sisa pinjaman > 0 per akhir periode.',
			en: 'Distinct borrower_id with a loan of status active and outstanding_idr > 0 as of the period.'
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		asOf: true,
		needs: [{ table: 'loans', columns: ['loan_id', 'borrower_id', 'report_date', 'outstanding_idr'] }],
		dimensions: { borrower_sex: dim('loans', 'borrower_sex') },
		zeroWhenNone: true,
		timeline: { table: 'loans', columns: ['report_date'] },
		build: (s) =>
			assemble(
				s,
				latestLoanSnapshots(s, ['borrower_id']),
				single({
					value: sql`COUNT(DISTINCT CASE WHEN ${activeLoan(s)} THEN ${c('borrower_id')} END)`,
					n: sql`COUNT(CASE WHEN ${activeLoan(s)} THEN 1 END)`
				})
			)
	},
	{
		code: 'INC-05',
		area: 'income',
		names: { id: 'Kredit tersalurkan', en: 'Credit disbursed' },
		definition: {
			id: 'Jumlah amount_idr atas loan_id berbeda yang dicairkan dalam periode.',
			en: 'Sum of amount_idr over distinct loan_id with disbursed_date in the period.'
		},
		unit: 'idr',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'loans', columns: ['loan_id', 'disbursed_date', 'amount_idr', 'report_date'] }],
		dimensions: { borrower_sex: dim('loans', 'borrower_sex') },
		zeroWhenNone: true,
		// The loans' snapshots (report_date) say how long the loans were followed: a period among
		// them without a disbursement is 0 (zeroWhenNone).
		timeline: { table: 'loans', columns: ['disbursed_date', 'report_date'] },
		build: (s) =>
			assemble(
				s,
				latestPerEntity(s, 'loans', {
					entity: 'loan_id',
					date: 'report_date',
					within: 'any',
					columns: ['loan_id', 'report_date', 'amount_idr'],
					where: inPeriod(s, col('t', 'disbursed_date'))
				}),
				single({ value: sql`SUM(${c('amount_idr')})`, n: sql`COUNT(${c('amount_idr')})` })
			)
	},
	{
		code: 'INC-06',
		area: 'income',
		names: { id: 'Portofolio berisiko >30 hari', en: 'Portfolio at risk (PAR30)' },
		definition: {
			id: 'Jumlah sisa pinjaman dengan tunggakan > 30 hari / jumlah sisa pinjaman, pinjaman aktif per akhir periode.',
			en: 'sum(outstanding_idr where days_past_due > 30) / sum(outstanding_idr), active loans as of the period.'
		},
		unit: 'percent',
		direction: 'down',
		amountRatio: true,
		kind: 'monitoring',
		timing: 'period',
		asOf: true,
		needs: [{ table: 'loans', columns: ['loan_id', 'report_date', 'outstanding_idr', 'days_past_due'] }],
		dimensions: { borrower_sex: dim('loans', 'borrower_sex') },
		timeline: { table: 'loans', columns: ['report_date'] },
		build: (s) =>
			assemble(
				s,
				latestLoanSnapshots(s, ['days_past_due']),
				ratio({
					numerator: sql`SUM(CASE WHEN ${activeLoan(s)} AND ${c('days_past_due')} > ${30} THEN ${c('outstanding_idr')} ELSE 0 END)`,
					denominator: sql`SUM(CASE WHEN ${activeLoan(s)} THEN ${c('outstanding_idr')} ELSE 0 END)`,
					n: sql`COUNT(CASE WHEN ${activeLoan(s)} THEN 1 END)`,
					percent: true
				})
			)
	},
	// ------------------------------------------------------------ employment
	{
		code: 'EMP-01',
		area: 'employment',
		names: { id: 'Tingkat pengangguran terbuka', en: 'Unemployment rate (SDG 8.5.2)' },
		definition: {
			id: 'Penduduk 15+ menganggur / penduduk 15+ bekerja atau menganggur (tertimbang).',
			en: 'Persons aged 15+ unemployed / persons aged 15+ employed or unemployed (weighted).'
		},
		unit: 'percent',
		direction: 'down',
		ageBand: 'workingAge',
		kind: 'survey',
		timing: 'round',
		needs: personNeeds('age', 'labour_status'),
		dimensions: PERSON,
		build: (s) =>
			assemble(
				s,
				peopleOfRound(s, ['age', 'labour_status']),
				weightedShare({
					present: sql`${ageIn(s.settings.ageBands.workingAge, c('age'))} AND ${isIn(c('labour_status'), ['employed', 'unemployed'])}`,
					condition: sql`${c('labour_status')} = ${'unemployed'}`
				})
			)
	},
	{
		code: 'EMP-02',
		area: 'employment',
		names: { id: 'Peserta pelatihan', en: 'People trained' },
		definition: {
			id: 'Jumlah participant_id berbeda yang mulai pelatihan dalam periode.',
			en: 'Distinct participant_id with start_date in the period.'
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'trainings', columns: ['participant_id', 'start_date'] }],
		dimensions: { course: dim('trainings', 'course'), sex: dim('trainings', 'sex') },
		zeroWhenNone: true,
		timeline: { table: 'trainings', columns: ['start_date'] },
		build: (s) =>
			assemble(
				s,
				rowsInPeriod(s, 'trainings', 'start_date', ['participant_id']),
				single({ value: sql`COUNT(DISTINCT ${c('participant_id')})`, n: sql`COUNT(DISTINCT ${c('participant_id')})` })
			)
	},
	{
		code: 'EMP-03',
		area: 'employment',
		names: { id: 'Tingkat penyelesaian pelatihan', en: 'Training completion rate' },
		definition: {
			id: 'Pendaftaran yang selesai / semua pendaftaran dengan tanggal mulai dalam periode.',
			en: 'Completed / all enrolments with start_date in the period.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'trainings', columns: ['start_date', 'completed'] }],
		dimensions: { course: dim('trainings', 'course'), sex: dim('trainings', 'sex') },
		timeline: { table: 'trainings', columns: ['start_date'] },
		build: (s) =>
			assemble(
				s,
				rowsInPeriod(s, 'trainings', 'start_date', ['completed']),
				ratio({
					numerator: sql`SUM(CASE WHEN ${c('completed')} THEN 1 ELSE 0 END)`,
					denominator: sql`COUNT(*)`,
					n: sql`COUNT(*)`,
					percent: true
				})
			)
	},
	{
		code: 'EMP-04',
		area: 'employment',
		names: { id: 'Alumni bekerja/berusaha', en: 'Trainees working at follow-up' },
		definition: {
			id: 'Bekerja saat tindak lanjut (ya) / tindak lanjut tercatat, pendaftaran dengan tanggal tindak lanjut dalam periode.',
			en: 'working_at_followup true / working_at_followup not null, over enrolments with followup_date in the period.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'trainings', columns: ['followup_date', 'working_at_followup'] }],
		dimensions: { course: dim('trainings', 'course'), sex: dim('trainings', 'sex') },
		timeline: { table: 'trainings', columns: ['followup_date'] },
		build: (s) =>
			assemble(
				s,
				rowsInPeriod(s, 'trainings', 'followup_date', ['working_at_followup']),
				ratio({
					numerator: sql`SUM(CASE WHEN ${c('working_at_followup')} THEN 1 ELSE 0 END)`,
					denominator: sql`COUNT(${c('working_at_followup')})`,
					n: sql`COUNT(${c('working_at_followup')})`,
					percent: true
				})
			)
	},
	{
		code: 'EMP-05',
		area: 'employment',
		names: { id: 'Tenaga kerja usaha binaan', en: 'Jobs in supported enterprises' },
		definition: {
			id: 'Jumlah pekerja dari laporan terakhir tiap usaha dalam periode.',
			en: "Sum of workers over enterprises' latest report in the period."
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'enterprises', columns: ['enterprise_id', 'report_date', 'workers'] }],
		dimensions: { sector: dim('enterprises', 'sector'), owner_sex: dim('enterprises', 'owner_sex') },
		zeroWhenNone: true,
		timeline: { table: 'enterprises', columns: ['report_date'] },
		build: (s) => assemble(s, latestEnterpriseReports(s, ['workers']), single({ value: sql`SUM(${c('workers')})`, n: sql`COUNT(${c('workers')})` }))
	},
	// ------------------------------------------------------------ women
	{
		code: 'WOM-01',
		area: 'women',
		names: { id: 'Usaha milik perempuan', en: 'Women-owned share of enterprises' },
		definition: {
			id: 'Usaha yang laporan terakhirnya dalam periode berpemilik perempuan / semua usaha yang melapor dalam periode (milik bersama tidak dihitung, ditampilkan terpisah).',
			en: 'Enterprises whose latest report in the period has owner_sex F / all enterprises reporting in the period (joint is not women-owned and is shown apart).'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'enterprises', columns: ['enterprise_id', 'report_date', 'owner_sex'] }],
		dimensions: { sector: dim('enterprises', 'sector'), dusun: dim('enterprises', 'dusun') },
		timeline: { table: 'enterprises', columns: ['report_date'] },
		extras: {
			joint_count: { id: 'Usaha milik bersama', en: 'Jointly owned enterprises' },
			joint_percent: { id: 'Persentase milik bersama', en: 'Jointly owned share (%)' }
		},
		build: (s) =>
			assemble(
				s,
				latestEnterpriseReports(s, ['owner_sex']),
				sql`${ratio({
					numerator: sql`SUM(CASE WHEN ${c('owner_sex')} = ${'F'} THEN 1 ELSE 0 END)`,
					denominator: sql`COUNT(*)`,
					n: sql`COUNT(*)`,
					percent: true
				})}, ${extra('joint_count', sql`SUM(CASE WHEN ${c('owner_sex')} = ${'joint'} THEN 1 ELSE 0 END)`)},
				${extra('joint_percent', sql`100.0 * SUM(CASE WHEN ${c('owner_sex')} = ${'joint'} THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0)`)}`
			)
	},
	{
		code: 'WOM-02',
		area: 'women',
		names: { id: 'Peminjam perempuan', en: "Women's share of active borrowers" },
		definition: {
			id: 'Peminjam aktif berbeda (seperti INC-04) yang perempuan / semua peminjam aktif.',
			en: 'Distinct active borrowers (as INC-04) with borrower_sex F / all of them.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		asOf: true,
		needs: [{ table: 'loans', columns: ['loan_id', 'borrower_id', 'borrower_sex', 'report_date', 'outstanding_idr'] }],
		dimensions: {},
		timeline: { table: 'loans', columns: ['report_date'] },
		build: (s) =>
			assemble(
				s,
				latestLoanSnapshots(s, ['borrower_id', 'borrower_sex']),
				ratio({
					numerator: sql`COUNT(DISTINCT CASE WHEN ${activeLoan(s)} AND ${c('borrower_sex')} = ${'F'} THEN ${c('borrower_id')} END)`,
					denominator: sql`COUNT(DISTINCT CASE WHEN ${activeLoan(s)} THEN ${c('borrower_id')} END)`,
					n: sql`COUNT(DISTINCT CASE WHEN ${activeLoan(s)} THEN ${c('borrower_id')} END)`,
					percent: true
				})
			)
	},
	{
		code: 'WOM-03',
		area: 'women',
		names: { id: 'Kesenjangan omzet usaha perempuan', en: 'Revenue of women-owned vs men-owned enterprises' },
		definition: {
			id: 'Median omzet (seperti INC-03) usaha milik perempuan / milik laki-laki.',
			en: 'Median revenue (as INC-03) of owner_sex F / of owner_sex M.'
		},
		unit: 'ratio',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'enterprises', columns: ['enterprise_id', 'report_date', 'owner_sex', 'revenue_month_idr'] }],
		dimensions: { sector: dim('enterprises', 'sector') },
		timeline: { table: 'enterprises', columns: ['report_date'] },
		build: (s) =>
			assemble(
				s,
				latestEnterpriseReports(s, ['owner_sex', 'revenue_month_idr']),
				ratio({
					numerator: medianOf(sql`CASE WHEN ${c('owner_sex')} = ${'F'} THEN ${c('revenue_month_idr')} END`),
					denominator: medianOf(sql`CASE WHEN ${c('owner_sex')} = ${'M'} THEN ${c('revenue_month_idr')} END`),
					n: sql`COUNT(CASE WHEN ${isIn(c('owner_sex'), ['F', 'M'])} AND ${c('revenue_month_idr')} IS NOT NULL THEN 1 END)`,
					percent: false
				})
			)
	},
	{
		code: 'WOM-04',
		area: 'women',
		names: { id: 'Peserta pelatihan perempuan', en: "Women's share of trainees" },
		definition: {
			id: 'Peserta perempuan berbeda / peserta berbeda, tanggal mulai dalam periode.',
			en: 'Distinct F participants / distinct participants, start_date in the period.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'trainings', columns: ['participant_id', 'sex', 'start_date'] }],
		dimensions: { course: dim('trainings', 'course') },
		timeline: { table: 'trainings', columns: ['start_date'] },
		build: (s) =>
			assemble(
				s,
				rowsInPeriod(s, 'trainings', 'start_date', ['participant_id', 'sex']),
				ratio({
					numerator: sql`COUNT(DISTINCT CASE WHEN ${c('sex')} = ${'F'} THEN ${c('participant_id')} END)`,
					denominator: sql`COUNT(DISTINCT ${c('participant_id')})`,
					n: sql`COUNT(DISTINCT ${c('participant_id')})`,
					percent: true
				})
			)
	},
	// ------------------------------------------------------------ health
	{
		code: 'HLT-01',
		area: 'health',
		names: { id: 'Cakupan cek kesehatan', en: 'Health-check coverage' },
		definition: {
			id: 'Penduduk yang cek kesehatan dalam 12 bulan / penduduk dengan data tersebut (tertimbang), per putaran.',
			en: 'Persons with health_checkup_12m true / persons with it not null (weighted), per round.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: personNeeds('health_checkup_12m'),
		dimensions: PERSON,
		build: personFlagShare('health_checkup_12m')
	},
	{
		code: 'HLT-02',
		area: 'health',
		names: { id: 'Kepesertaan JKN', en: 'Health insurance (JKN) coverage' },
		definition: {
			id: 'Penduduk peserta JKN / penduduk dengan data JKN (tertimbang).',
			en: 'Persons with jkn true / persons with it not null (weighted).'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: personNeeds('jkn'),
		dimensions: PERSON,
		build: personFlagShare('jkn')
	},
	{
		code: 'HLT-03',
		area: 'health',
		names: { id: 'Prevalensi stunting balita', en: 'Stunting, children under 5 (SDG 2.2.1)' },
		definition: {
			id: 'Anak (person_id) yang catatan pemantauan pertumbuhan terakhirnya dalam periode berumur < 5 dan haz < -2 / anak dengan catatan tersebut dan haz.',
			en: 'Children (person_id) whose latest growth_monitoring record in the period has age < 5 and haz < -2 / children with such a record and a haz.'
		},
		unit: 'percent',
		direction: 'down',
		ageBand: 'underFive',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'health_services', columns: ['person_id', 'date', 'age', 'service', 'haz'] }],
		dimensions: { sex: dim('health_services', 'sex'), dusun: dim('health_services', 'dusun') },
		timeline: { table: 'health_services', columns: ['date'] },
		rowsWith: GROWTH_MONITORING,
		build: (s) => {
			const child = sql`${ageIn(s.settings.ageBands.underFive, c('age'))} AND ${c('haz')} IS NOT NULL`;
			return assemble(
				s,
				latestPerEntity(s, 'health_services', {
					entity: 'person_id',
					date: 'date',
					within: 'period',
					columns: ['person_id', 'date', 'age', 'haz'],
					where: sql`${rowsWhere(GROWTH_MONITORING)} AND ${col('t', 'person_id')} IS NOT NULL`
				}),
				ratio({
					numerator: sql`SUM(CASE WHEN ${child} AND ${c('haz')} < ${-2} THEN 1 ELSE 0 END)`,
					denominator: sql`SUM(CASE WHEN ${child} THEN 1 ELSE 0 END)`,
					n: sql`COUNT(CASE WHEN ${child} THEN 1 END)`,
					percent: true
				})
			);
		}
	},
	{
		code: 'HLT-04',
		area: 'health',
		names: { id: 'Peserta penyuluhan kesehatan', en: 'Health-education attendances' },
		definition: {
			id: 'Baris layanan penyuluhan kesehatan dengan tanggal dalam periode.',
			en: 'Rows with service health_education and date in the period.'
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'health_services', columns: ['date', 'service'] }],
		dimensions: { sex: dim('health_services', 'sex'), dusun: dim('health_services', 'dusun') },
		zeroWhenNone: true,
		timeline: { table: 'health_services', columns: ['date'] },
		build: (s) => {
			const education = sql`${c('service')} = ${'health_education'}`;
			return assemble(
				s,
				rowsInPeriod(s, 'health_services', 'date', ['service']),
				single({ value: sql`SUM(CASE WHEN ${education} THEN 1 ELSE 0 END)`, n: sql`COUNT(CASE WHEN ${education} THEN 1 END)` })
			);
		}
	},
	{
		code: 'HLT-05',
		area: 'health',
		names: { id: 'Hari sakit per bulan', en: 'Sick days per month, adults 15-64' },
		definition: {
			id: 'Rata-rata tertimbang hari sakit 30 hari terakhir, penduduk umur 15-64 dengan data tersebut.',
			en: 'Weighted mean of sick_days_30d over persons aged 15-64 with it not null.'
		},
		unit: 'days',
		direction: 'down',
		ageBand: 'adults',
		kind: 'survey',
		timing: 'round',
		needs: personNeeds('age', 'sick_days_30d'),
		dimensions: PERSON,
		build: (s) =>
			assemble(
				s,
				peopleOfRound(s, ['age', 'sick_days_30d']),
				weightedMean({
					x: asDouble(c('sick_days_30d')),
					present: sql`${ageIn(s.settings.ageBands.adults, c('age'))} AND ${c('sick_days_30d')} IS NOT NULL`
				})
			)
	},
	// ------------------------------------------------------------ infrastructure
	{
		code: 'INF-01',
		area: 'infrastructure',
		names: { id: 'Akses listrik', en: 'Households with electricity (SDG 7.1.1)' },
		definition: { id: 'Persentase tertimbang rumah tangga berlistrik (data terisi).', en: 'Weighted share with electricity true (not null).' },
		unit: 'percent',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: householdNeeds('electricity'),
		dimensions: { dusun: HOUSEHOLD.dusun, group: HOUSEHOLD.group },
		build: householdFlagShare('electricity')
	},
	{
		code: 'INF-02',
		area: 'infrastructure',
		names: { id: 'Air minum layak', en: 'Improved drinking water (SDG 6.1.1, basic)' },
		definition: { id: 'Persentase tertimbang rumah tangga dengan sumber air layak (data terisi).', en: 'Weighted share with water_improved true (not null).' },
		unit: 'percent',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: householdNeeds('water_improved'),
		dimensions: { dusun: HOUSEHOLD.dusun, group: HOUSEHOLD.group },
		build: householdFlagShare('water_improved')
	},
	{
		code: 'INF-03',
		area: 'infrastructure',
		names: { id: 'Akses jalan segala cuaca <=2 km', en: 'Within 2 km of an all-season road (SDG 9.1.1)' },
		definition: { id: 'Persentase tertimbang rumah tangga dalam 2 km dari jalan segala cuaca (data terisi).', en: 'Weighted share with road_2km true (not null).' },
		unit: 'percent',
		direction: 'up',
		kind: 'survey',
		timing: 'round',
		needs: householdNeeds('road_2km'),
		dimensions: { dusun: HOUSEHOLD.dusun, group: HOUSEHOLD.group },
		build: householdFlagShare('road_2km')
	},
	{
		code: 'INF-04',
		area: 'infrastructure',
		names: { id: 'Proyek infrastruktur selesai', en: 'Infrastructure projects completed' },
		definition: {
			id: 'project_id berbeda dengan tanggal selesai dalam periode dan berstatus selesai per akhir periode.',
			en: 'Distinct project_id with completion_date in the period and status completed as of the period.'
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'infrastructure', columns: ['project_id', 'report_date', 'status', 'completion_date'] }],
		dimensions: { type: dim('infrastructure', 'type'), dusun: dim('infrastructure', 'dusun') },
		zeroWhenNone: true,
		timeline: { table: 'infrastructure', columns: ['report_date'] },
		build: (s) => {
			const done = sql`${c('status')} = ${'completed'} AND ${inPeriod(s, c('completion_date'))}`;
			return assemble(
				s,
				latestProjectReports(s, ['status', 'completion_date']),
				single({ value: sql`COUNT(DISTINCT CASE WHEN ${done} THEN ${c('project_id')} END)`, n: sql`COUNT(CASE WHEN ${done} THEN 1 END)` })
			);
		}
	},
	{
		code: 'INF-05',
		area: 'infrastructure',
		names: { id: 'Realisasi anggaran infrastruktur', en: 'Infrastructure budget realisation' },
		definition: {
			id: 'Jumlah realisasi / jumlah anggaran dari laporan terakhir tiap proyek per akhir periode.',
			en: "sum(spent_idr) / sum(budget_idr) over projects' latest report as of the period."
		},
		unit: 'percent',
		direction: 'up',
		amountRatio: true,
		kind: 'monitoring',
		timing: 'period',
		asOf: true,
		needs: [{ table: 'infrastructure', columns: ['project_id', 'report_date', 'budget_idr', 'spent_idr'] }],
		dimensions: { type: dim('infrastructure', 'type'), dusun: dim('infrastructure', 'dusun') },
		timeline: { table: 'infrastructure', columns: ['report_date'] },
		notesFor: unpairedNote({ id: 'proyek yang laporan terakhirnya hanya mencatat salah satu dari budget_idr dan spent_idr', en: 'projects whose latest report has only one of budget_idr and spent_idr' }),
		build: (s) => assemble(s, latestProjectReports(s, ['budget_idr', 'spent_idr']), sumsRatio('spent_idr', 'budget_idr'))
	},
	{
		code: 'INF-06',
		area: 'infrastructure',
		names: { id: 'Rumah tangga terlayani', en: 'Households served by completed projects' },
		definition: {
			id: 'Jumlah rumah tangga terlayani dari proyek yang selesai per akhir periode.',
			en: 'Sum of households_served over projects completed as of the period.'
		},
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		asOf: true,
		needs: [{ table: 'infrastructure', columns: ['project_id', 'report_date', 'status', 'households_served'] }],
		dimensions: { type: dim('infrastructure', 'type'), dusun: dim('infrastructure', 'dusun') },
		zeroWhenNone: true,
		timeline: { table: 'infrastructure', columns: ['report_date'] },
		build: (s) => {
			const completed = sql`${c('status')} = ${'completed'}`;
			return assemble(
				s,
				latestProjectReports(s, ['status', 'households_served']),
				single({
					value: sql`SUM(CASE WHEN ${completed} THEN ${c('households_served')} ELSE 0 END)`,
					n: sql`COUNT(CASE WHEN ${completed} THEN 1 END)`
				})
			);
		}
	},
	// ------------------------------------------------------------ participation
	{
		code: 'PAR-01',
		area: 'participation',
		names: { id: 'Musyawarah terselenggara', en: 'Village meetings held' },
		definition: { id: 'Musyawarah dengan tanggal dalam periode.', en: 'Meetings with date in the period.' },
		unit: 'count',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'meetings', columns: ['meeting_id', 'date'] }],
		dimensions: { level: dim('meetings', 'level'), type: dim('meetings', 'type') },
		zeroWhenNone: true,
		timeline: { table: 'meetings', columns: ['date'] },
		build: (s) =>
			assemble(
				s,
				rowsInPeriod(s, 'meetings', 'date', ['meeting_id']),
				single({ value: sql`COUNT(DISTINCT ${c('meeting_id')})`, n: sql`COUNT(DISTINCT ${c('meeting_id')})` })
			)
	},
	{
		code: 'PAR-02',
		area: 'participation',
		names: { id: 'Kehadiran perempuan di musyawarah', en: "Women's share of meeting attendees" },
		definition: {
			id: 'Jumlah peserta perempuan / jumlah peserta, musyawarah dalam periode (SDGs Desa tujuan 5: >= 30%).',
			en: 'sum(women_attendees) / sum(attendees), meetings in the period (SDGs Desa goal 5 looks for >= 30%).'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'meetings', columns: ['date', 'attendees', 'women_attendees'] }],
		dimensions: { level: dim('meetings', 'level'), type: dim('meetings', 'type') },
		timeline: { table: 'meetings', columns: ['date'] },
		notesFor: unpairedNote({ id: 'musyawarah yang hanya mencatat salah satu dari attendees dan women_attendees', en: 'meetings with only one of attendees and women_attendees' }),
		build: (s) => assemble(s, rowsInPeriod(s, 'meetings', 'date', ['attendees', 'women_attendees']), sumsRatio('women_attendees', 'attendees'))
	},
	{
		code: 'PAR-03',
		area: 'participation',
		names: { id: 'Usulan diterima', en: 'Proposals adopted' },
		definition: {
			id: 'Jumlah usulan diterima / jumlah usulan, musyawarah dalam periode.',
			en: 'sum(proposals_adopted) / sum(proposals), meetings in the period.'
		},
		unit: 'percent',
		direction: 'up',
		kind: 'monitoring',
		timing: 'period',
		needs: [{ table: 'meetings', columns: ['date', 'proposals', 'proposals_adopted'] }],
		dimensions: { level: dim('meetings', 'level') },
		timeline: { table: 'meetings', columns: ['date'] },
		notesFor: unpairedNote({ id: 'musyawarah yang hanya mencatat salah satu dari proposals dan proposals_adopted', en: 'meetings with only one of proposals and proposals_adopted' }),
		build: (s) => assemble(s, rowsInPeriod(s, 'meetings', 'date', ['proposals', 'proposals_adopted']), sumsRatio('proposals_adopted', 'proposals'))
	},
	{
		code: 'PAR-04',
		area: 'participation',
		names: { id: 'Realisasi belanja APBDes', en: 'Village budget spending realisation' },
		definition: {
			id: 'Jumlah realisasi / jumlah anggaran untuk kategori belanja, tahun dari periode.',
			en: 'sum(realized_idr) / sum(budget_idr) for category expenditure, year of the period.'
		},
		unit: 'percent',
		direction: 'up',
		amountRatio: true,
		kind: 'monitoring',
		timing: 'year',
		needs: [{ table: 'budget', columns: ['year', 'category', 'budget_idr', 'realized_idr'] }],
		dimensions: { field: dim('budget', 'field'), source: dim('budget', 'source') },
		timeline: { table: 'budget', columns: ['year'] },
		rowsWith: EXPENDITURE,
		extras: {
			revenue: { id: 'Pendapatan (realisasi)', en: 'Revenue (realised)' },
			expenditure: { id: 'Belanja (realisasi)', en: 'Expenditure (realised)' },
			financing_in: { id: 'Penerimaan pembiayaan', en: 'Financing in' },
			financing_out: { id: 'Pengeluaran pembiayaan', en: 'Financing out' },
			balance: { id: 'Saldo (pendapatan - belanja + pembiayaan neto)', en: 'Balance (revenue - expenditure + net financing)' }
		},
		deriveExtras: deriveBudgetBalance,
		notesFor: (extras) => {
			const b = extras.balance;
			const left = [...uncategorisedNote(extras), ...unpairedBudgetNote(extras)];
			if (b === null || b === undefined || b === 0) return left;
			return [
				{
					id: `Saldo APBDes tahun ini tidak nol (${formatIdr(b, 'id')}): periksa kelengkapan dan kategori baris anggaran.`,
					en: `The APBDes balance for the year is not zero (${formatIdr(b, 'en')}): check that the budget lines are complete and correctly categorised.`
				},
				...left
			];
		},
		build: (s) =>
			assemble(
				s,
				rowsOfYear(s, 'budget', 'year', ['budget_idr', 'realized_idr'], { where: rowsWhere(EXPENDITURE) }),
				sql`${sumsRatio('realized_idr', 'budget_idr')}, ${budgetBalanceExtras(s)}, ${uncategorisedBudgetLines(s)}`
			)
	},
	{
		code: 'PAR-05',
		area: 'participation',
		names: { id: 'Serapan Dana Desa', en: 'Dana Desa absorption' },
		definition: {
			id: 'Jumlah realisasi / jumlah anggaran untuk belanja bersumber Dana Desa, tahun dari periode.',
			en: 'sum(realized_idr) / sum(budget_idr) for category expenditure and source dana_desa, year of the period.'
		},
		unit: 'percent',
		direction: 'up',
		amountRatio: true,
		kind: 'monitoring',
		timing: 'year',
		needs: [{ table: 'budget', columns: ['year', 'category', 'source', 'budget_idr', 'realized_idr'] }],
		dimensions: { field: dim('budget', 'field') },
		timeline: { table: 'budget', columns: ['year'] },
		rowsWith: DANA_DESA_EXPENDITURE,
		notesFor: (extras) => [...uncategorisedNote(extras), ...unpairedBudgetNote(extras)],
		build: (s) =>
			assemble(
				s,
				rowsOfYear(s, 'budget', 'year', ['budget_idr', 'realized_idr'], {
					where: rowsWhere(DANA_DESA_EXPENDITURE)
				}),
				sql`${sumsRatio('realized_idr', 'budget_idr')}, ${uncategorisedBudgetLines(s)}`
			)
	},
	// ------------------------------------------------------------ village
	{
		code: 'VIL-01',
		area: 'village',
		names: { id: 'Indeks Desa Membangun', en: 'Village development index (IDM)' },
		definition: {
			id: 'Nilai IDM desa untuk tahun dari periode (rata-rata bila beberapa desa dipilih; sebaran status ditampilkan di samping).',
			en: 'Score of the village for the year of the period (mean over villages when several are selected; status shares shown beside).'
		},
		unit: 'score',
		direction: 'up',
		kind: 'monitoring',
		timing: 'year',
		needs: [{ table: 'village_index', columns: ['village_code', 'year', 'score'] }],
		dimensions: {
			provinsi: districtDim('provinsi'),
			kabupaten: districtDim('kabupaten'),
			kecamatan: districtDim('kecamatan'),
			status: {
				table: 'village_index',
				columns: ['status'],
				fallback: { needs: ['score'], expr: (a) => idmStatusFromScore(col(a, 'score')) }
			},
			village_code: dim('village_index', 'village_code', 'village_name')
		},
		timeline: { table: 'village_index', columns: ['year'] },
		extras: Object.fromEntries(IDM_STATUSES.map((st) => [`status_${slug(st)}_percent`, { id: `Status ${st} (%)`, en: `Status ${st} (%)` }])),
		build: (s) => {
			const status = hasColumn(s, 'village_index', 'status')
				? (a: string) => sql`COALESCE(${asText(col(a, 'status'))}, ${idmStatusFromScore(col(a, 'score'))})`
				: (a: string) => idmStatusFromScore(col(a, 'score'));
			const shares = IDM_STATUSES.map((st) =>
				extra(
					`status_${slug(st)}_percent`,
					sql`100.0 * SUM(CASE WHEN ${c('idm_status')} = ${st} THEN 1 ELSE 0 END) / NULLIF(COUNT(${c('idm_status')}), 0)`
				)
			);
			return assemble(
				s,
				rowsOfYear(s, 'village_index', 'year', ['village_code', 'score'], { derived: { idm_status: status } }),
				sql`${ratio({
					numerator: sql`SUM(${c('score')})`,
					denominator: sql`COUNT(${c('score')})`,
					n: sql`COUNT(DISTINCT ${c('village_code')})`,
					percent: false
				})}, ${joinSql(shares, ', ')}`
			);
		}
	}
];

export const CATALOGUE_VERSION = 1;

const BY_CODE = new Map(CATALOGUE.map((d) => [d.code, d]));

/** An indicator by code (case-insensitive), or undefined. */
export function indicatorByCode(code: string): IndicatorDefinition | undefined {
	return BY_CODE.get(String(code).trim().toUpperCase());
}

/** All dimension ids an indicator supports, in the spec's order. */
export function dimensionsOf(def: IndicatorDefinition): string[] {
	return Object.keys(def.dimensions);
}
