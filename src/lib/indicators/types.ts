/**
 * Types shared by the indicator catalogue, its SQL builders and the compute layer.
 */
import type { Queryable } from '../engine/database';
import type { ContractTableName } from '../engine/contract';
import type { Settings } from './settings';
import type { Period } from './period';
import type { SqlFragment } from './fragment';
import type { DifferenceInDifferences, IndicatorStatus } from './stats';

/** What ingest hands over for one contract table. */
export interface TableInfo {
	/** A ready-quoted SQL table reference, e.g. `"contract"."households"`. */
	ref: string;
	/** Canonical column names present (unknown extra columns may be listed too). */
	columns: string[];
}

export type TableMap = Partial<Record<ContractTableName, TableInfo>>;

export interface ComputeContext {
	db: Queryable;
	tables: TableMap;
	settings: Settings;
	/**
	 * The data version (bumped on every change of data). With it, survey indicators are
	 * answered from cubes kept for that version (cube.ts); without it, by their own queries.
	 */
	version?: number;
}

export type Area = 'income' | 'employment' | 'women' | 'health' | 'infrastructure' | 'participation' | 'village';
export type Unit = 'idr' | 'percent' | 'count' | 'ratio' | 'days' | 'score';
export type Direction = 'up' | 'down';
/** `survey`: households/people, computed per survey round. `monitoring`: registers, per period. */
export type IndicatorKind = 'survey' | 'monitoring';
/**
 * How a requested period is resolved:
 * - `round`: the latest survey round on or before the period's end;
 * - `period`: the period's dates (in the period / as of its last day);
 * - `year`: the calendar year of the period (budget, village index).
 */
export type Timing = 'round' | 'period' | 'year';

export type DimensionId =
	| 'dusun'
	| 'group'
	| 'head_sex'
	| 'sex'
	| 'sector'
	| 'owner_sex'
	| 'borrower_sex'
	| 'course'
	| 'type'
	| 'level'
	| 'field'
	| 'source'
	| 'provinsi'
	| 'kabupaten'
	| 'kecamatan'
	| 'status'
	| 'village_code';

export interface LocalizedText {
	id: string;
	en: string;
}

/** Input columns an indicator cannot do without. */
export interface Need {
	table: ContractTableName;
	columns: string[];
}

/** Where a dimension's value comes from for one indicator. */
export interface DimensionSpec {
	table: ContractTableName;
	/**
	 * Candidate columns, in order of preference: the first one present is the group key;
	 * when a second one is present too it is the key's label (e.g. kode_kabupaten + nama_kabupaten),
	 * and a filter value matches either.
	 */
	columns: string[];
	/**
	 * A value derived from other columns (given a table alias), used for rows whose key is
	 * NULL or when no candidate column is present; `needs` lists the columns it reads.
	 */
	fallback?: { needs: string[]; expr: (alias: string) => SqlFragment };
}

/** A dimension resolved against the tables at hand. */
export interface ResolvedDimension {
	id: DimensionId;
	table: ContractTableName;
	/** The group key for a row of `table` under an alias, as text. */
	key: (alias: string) => SqlFragment;
	/** A readable label for the key, when the table has one. */
	label: ((alias: string) => SqlFragment) | null;
}

export interface ResolvedFilter {
	dimension: ResolvedDimension;
	value: string;
}

/** Everything an indicator's SQL builder may depend on. Builders are pure functions of it. */
export interface QueryScope {
	tables: TableMap;
	/** The requested period (its dates and year). */
	period: Period;
	/** Survey indicators: the round to compute. */
	round: string | null;
	filters: ResolvedFilter[];
	breakdown: ResolvedDimension | null;
	settings: Settings;
	/**
	 * Set to build the indicator's cube instead of its value: its additive parts (or, for
	 * a weighted median, its cells and sorted values) grouped by every one of these
	 * dimensions, with no filter. See cube.ts. Builders pass the scope on unchanged.
	 */
	cube?: ResolvedDimension[];
}

/**
 * The columns every indicator query returns (one row, or one row per `key` with a breakdown):
 * `numerator`, `denominator` (null for counts, medians, sums), `value` (in display units:
 * percent indicators in percent), `n` (unweighted count of units behind the value),
 * `rows` (rows in scope after period and filters, before the indicator's own conditions),
 * optionally `mean_of_squares` (weighted means, for standard errors) and `extra_*` columns.
 */
export interface IndicatorDefinition {
	code: string;
	area: Area;
	names: LocalizedText;
	definition: LocalizedText;
	unit: Unit;
	direction: Direction;
	kind: IndicatorKind;
	timing: Timing;
	/** All required inputs (a missing one gives "no data: missing column t.c"). */
	needs: Need[];
	/** Supported disaggregations (and filters), in the spec's order. */
	dimensions: Partial<Record<DimensionId, DimensionSpec>>;
	/**
	 * The table and date (or year) columns that span the indicator's data: trends cover
	 * their range, and monitoring baselines are searched from its start.
	 */
	timeline?: Need;
	/**
	 * A count or a sum: in a period its timeline spans (its data covers), no row in scope is a
	 * value of 0, not "no data" (the spec keeps "no data" for missing inputs and a denominator
	 * of 0). Outside that span it is "no data: no rows", as for any indicator.
	 */
	zeroWhenNone?: boolean;
	/**
	 * As of the period: each entity's latest snapshot on or before the period's end, so a
	 * period after the data's last date still has a value (the data carried forward).
	 */
	asOf?: boolean;
	/**
	 * The fixed condition the indicator puts on its rows, as (column, value) pairs (PAR-05's
	 * expenditure lines from Dana Desa): its "no rows" reason names it, so a year whose lines
	 * are all of other sources does not read as a year without lines.
	 */
	rowsWith?: ReadonlyArray<readonly [string, string]>;
	/** Shown with every value (e.g. the poverty line is an expenditure line). */
	caveat?: LocalizedText;
	/** Labels of the `extra_*` columns the SQL returns (key without `extra_`). */
	extras?: Record<string, LocalizedText>;
	/** Extras computed from the SQL's extras (e.g. the budget balance from the category totals). */
	deriveExtras?: (extras: Record<string, number | null>) => Record<string, number | null>;
	/** Notes that depend on the extras (e.g. a non-zero budget balance). */
	notesFor?: (extras: Record<string, number | null>) => LocalizedText[];
	/**
	 * The settings' age band the indicator counts (its name gives the default one): a result
	 * computed on another band says so.
	 */
	ageBand?: 'workingAge' | 'adults' | 'underFive';
	/**
	 * A percent that is a ratio of recorded amounts (rupiah realised over budgeted, outstanding
	 * at risk over outstanding), not a proportion of units: no "small sample" mark, whatever
	 * the number of lines or loans it sums.
	 */
	amountRatio?: true;
	/** Builds the indicator's SQL. */
	build: (scope: QueryScope) => SqlFragment;
}

export interface IndicatorFilters {
	dusun?: string;
	group?: string;
	sex?: string;
	[dimension: string]: string | undefined;
}

export interface IndicatorRequest {
	period: string;
	filters?: IndicatorFilters;
}

export type ReasonCode =
	| 'missing_table'
	| 'missing_column'
	| 'filter_not_supported'
	| 'breakdown_not_supported'
	| 'no_round'
	| 'filter_value_absent'
	| 'no_rows'
	| 'zero_denominator'
	| 'no_values'
	| 'query_failed';

export interface ReportedValue {
	value: number;
	numerator: number | null;
	denominator: number | null;
	/** The indicator_values period that matched. */
	period: string;
	relativeDifference: number | null;
	flagged: boolean;
}

export interface IndicatorResult {
	code: string;
	period: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	n: number | null;
	/** Why there is no value ("no data: ..."), else null. */
	reason: string | null;
	reasonCode: ReasonCode | null;
	/** Survey indicators: the round used for the period, and its date (MIN(survey_date)). */
	round?: string;
	roundDate?: string;
	baselineRound?: string;
	/** Monitoring indicators: the earliest period of the same kind with data. */
	baselinePeriod?: string;
	baseline: number | null;
	baselineSource: 'targets' | 'computed' | null;
	/** value - baseline (percentage points for percents). */
	change: number | null;
	target: number | null;
	targetPeriod: string | null;
	progress: number | null;
	status: IndicatorStatus;
	/** 95% Wilson interval, survey proportions only, in display units (percent). */
	ci: [number, number] | null;
	smallSample: boolean;
	/** Difference in differences between program and comparison (display units). */
	did: DifferenceInDifferences | null;
	/** The SQL that produced the value, with `?` placeholders, and its parameters. */
	sql: string;
	params: unknown[];
	reported: ReportedValue | null;
	extras: Record<string, number | null>;
	notes: LocalizedText[];
}

export interface BreakdownRow {
	key: string | null;
	label: string | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	n: number;
	ci: [number, number] | null;
	smallSample: boolean;
	reason: string | null;
	reasonCode: ReasonCode | null;
	reported: ReportedValue | null;
}

export interface BreakdownResult {
	code: string;
	period: string;
	dimension: DimensionId;
	round?: string;
	roundDate?: string;
	rows: BreakdownRow[];
	reason: string | null;
	reasonCode: ReasonCode | null;
	sql: string;
	params: unknown[];
}

export interface TrendPoint {
	/** The period label, or the round name for survey indicators. */
	period: string;
	/** Display label: the period, or `round (date)`. */
	label: string;
	start: string | null;
	end: string | null;
	round?: string;
	roundDate?: string;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	n: number | null;
	ci: [number, number] | null;
	smallSample: boolean;
	reason: string | null;
	reasonCode: ReasonCode | null;
}
