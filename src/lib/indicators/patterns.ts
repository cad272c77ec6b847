/**
 * The building blocks of indicator SQL: how the rows in scope are chosen (a survey
 * round, a period, the latest snapshot per entity, a year) and how they are summed
 * (ratio of sums, weighted share, weighted mean, median, weighted median, count).
 *
 * Every indicator query has the same shape:
 *
 *   WITH __base   AS (rows in scope, with the dimension keys the request uses),
 *        __scoped AS (SELECT * FROM __base WHERE <filters>)
 *   SELECT [key, label,] numerator, denominator, value, n, rows [, extras]
 *   FROM __scoped [GROUP BY key]
 *
 * Filters apply after the rows in scope are chosen: for snapshots, the latest snapshot
 * per entity is taken first and only then filtered (by status, dusun, sex...).
 */
import type { ContractTableName } from '../engine/contract';
import { sql, id, col, tableRef, keyword, joinSql, EMPTY, type SqlFragment, type SqlValue } from './fragment';
import { asDate, asDouble, asText, medianOf, NULL_DOUBLE } from './dialect';
import type { AgeBand } from './settings';
import { MEDIAN_WEIGHT_TOLERANCE } from './stats';
import type { QueryScope, ResolvedDimension, TableInfo } from './types';

/** The household weight column every survey base exposes (default 1). */
export const WEIGHT = '__w';

const dimKeyName = (d: ResolvedDimension) => `__d_${d.id}`;
const dimLabelName = (d: ResolvedDimension) => `__l_${d.id}`;

export function hasColumn(scope: QueryScope, table: ContractTableName, column: string): boolean {
	return scope.tables[table]?.columns.includes(column) ?? false;
}

function tableOf(scope: QueryScope, table: ContractTableName): TableInfo {
	const t = scope.tables[table];
	if (!t) throw new Error(`Indicator SQL needs table ${table}, which is missing`);
	return t;
}

/** A bare column name of the scoped rows (quoted). */
export const c = (name: string): SqlFragment => id(name);

/** The weight of a scoped row. */
export const w: SqlFragment = id(WEIGHT);

/** Dimensions used by the request (filters and breakdown, or the cube's), each once. */
function usedDimensions(scope: QueryScope): ResolvedDimension[] {
	const out: ResolvedDimension[] = [];
	for (const d of [...scope.filters.map((f) => f.dimension), ...(scope.breakdown ? [scope.breakdown] : []), ...(scope.cube ?? [])]) {
		if (!out.some((o) => o.id === d.id)) out.push(d);
	}
	return out;
}

/** `, <key> AS "__d_x", <label> AS "__l_x"` for each used dimension. */
function dimensionSelect(scope: QueryScope, aliases: Partial<Record<ContractTableName, string>>): SqlFragment {
	const parts: SqlFragment[] = [];
	for (const d of usedDimensions(scope)) {
		const alias = aliases[d.table];
		if (!alias) throw new Error(`Dimension ${d.id} comes from ${d.table}, which this indicator does not read`);
		parts.push(sql`${d.key(alias)} AS ${id(dimKeyName(d))}`);
		if (d.label) parts.push(sql`${d.label(alias)} AS ${id(dimLabelName(d))}`);
	}
	return parts.length ? sql`, ${joinSql(parts, ', ')}` : EMPTY;
}

/** Dimension keys as window tie-breakers (so the latest snapshot is chosen deterministically). */
function dimensionOrder(scope: QueryScope, alias: string): SqlFragment[] {
	return usedDimensions(scope).map((d) => sql`${d.key(alias)} ASC NULLS LAST`);
}

function columnList(alias: string, columns: readonly string[]): SqlFragment {
	return joinSql(
		columns.map((name) => sql`${col(alias, name)} AS ${id(name)}`),
		', '
	);
}

function weightOf(scope: QueryScope, alias: string): SqlFragment {
	return hasColumn(scope, 'households', 'weight') ? asDouble(sql`COALESCE(${col(alias, 'weight')}, 1)`) : asDouble(keyword('1'));
}

function requireRound(scope: QueryScope): string {
	if (scope.round === null) throw new Error('A survey indicator needs a round');
	return scope.round;
}

// ---------------------------------------------------------------- rows in scope

/** Households of the round, with their weight. */
export function householdsOfRound(scope: QueryScope, columns: readonly string[]): SqlFragment {
	const h = tableOf(scope, 'households');
	if (scope.cube) {
		return everyRound(
			columns,
			(cols, dims = true) => sql`SELECT ${columnList('h', cols)}, ${weightOf(scope, 'h')} AS ${id(WEIGHT)}${dims ? dimensionSelect(scope, { households: 'h' }) : EMPTY}, ${asText(col('h', 'round'))} AS ${id(ROUND)}
		FROM ${tableRef(h.ref)} AS ${id('h')}`
		);
	}
	return sql`SELECT ${columnList('h', columns)}, ${weightOf(scope, 'h')} AS ${id(WEIGHT)}${dimensionSelect(scope, { households: 'h' })}
		FROM ${tableRef(h.ref)} AS ${id('h')}
		WHERE ${asText(col('h', 'round'))} = ${requireRound(scope)}`;
}

/**
 * People of the round, each with their household's weight (and dusun/group): people
 * join households on household_id AND round. A person whose household row is missing
 * from the round has no weight and is left out.
 */
export function peopleOfRound(scope: QueryScope, columns: readonly string[]): SqlFragment {
	const p = tableOf(scope, 'people');
	const h = tableOf(scope, 'households');
	const join = sql`FROM ${tableRef(p.ref)} AS ${id('p')}
		JOIN ${tableRef(h.ref)} AS ${id('h')}
		  ON ${col('p', 'household_id')} = ${col('h', 'household_id')} AND ${asText(col('p', 'round'))} = ${asText(col('h', 'round'))}`;
	if (scope.cube) {
		return everyRound(
			columns,
			(cols, dims = true) => sql`SELECT ${columnList('p', cols)}, ${weightOf(scope, 'h')} AS ${id(WEIGHT)}${dims ? dimensionSelect(scope, { people: 'p', households: 'h' }) : EMPTY}, ${asText(col('p', 'round'))} AS ${id(ROUND)}
		${join}`
		);
	}
	return sql`SELECT ${columnList('p', columns)}, ${weightOf(scope, 'h')} AS ${id(WEIGHT)}${dimensionSelect(scope, { people: 'p', households: 'h' })}
		${join}
		WHERE ${asText(col('p', 'round'))} = ${requireRound(scope)}`;
}

/** A date inside the requested period (bounds inclusive). */
export function inPeriod(scope: QueryScope, column: SqlFragment): SqlFragment {
	return sql`${column} BETWEEN ${asDate(sql`${scope.period.start}`)} AND ${asDate(sql`${scope.period.end}`)}`;
}

/** Rows of a table whose date column falls in the period. */
export function rowsInPeriod(
	scope: QueryScope,
	table: ContractTableName,
	dateColumn: string,
	columns: readonly string[]
): SqlFragment {
	const t = tableOf(scope, table);
	return sql`SELECT ${columnList('t', columns)}${dimensionSelect(scope, { [table]: 't' })}
		FROM ${tableRef(t.ref)} AS ${id('t')}
		WHERE ${inPeriod(scope, col('t', dateColumn))}`;
}

/**
 * Rows of a table for the calendar year of the period. `where` (on alias `t`) restricts
 * them; `derived` adds computed columns (name -> expression on the table alias).
 */
export function rowsOfYear(
	scope: QueryScope,
	table: ContractTableName,
	yearColumn: string,
	columns: readonly string[],
	opts: { where?: SqlFragment; derived?: Record<string, (alias: string) => SqlFragment> } = {}
): SqlFragment {
	const t = tableOf(scope, table);
	const computed = Object.entries(opts.derived ?? {}).map(([name, expr]) => sql`, ${expr('t')} AS ${id(name)}`);
	const year = sql`${col('t', yearColumn)} = ${scope.period.year}`;
	return sql`SELECT ${columnList('t', columns)}${joinSql(computed, '')}${dimensionSelect(scope, { [table]: 't' })}
		FROM ${tableRef(t.ref)} AS ${id('t')}
		WHERE ${opts.where ? sql`${year} AND ${opts.where}` : year}`;
}

/**
 * One row per entity: its latest row by `date`,
 * - `within: 'period'`: among rows dated in the period ("latest report in the period");
 * - `within: 'as_of'`: among rows dated on or before the period's last day ("as of the period");
 * - `within: 'any'`: among all rows (the entity's most recent row; `where` chooses the entities).
 * `where` (on alias `t`) restricts the candidate rows before the latest is taken.
 * Ties on the date are broken by the selected columns, so the choice never depends on row order.
 */
export function latestPerEntity(
	scope: QueryScope,
	table: ContractTableName,
	opts: { entity: string; date: string; within: 'period' | 'as_of' | 'any'; columns: readonly string[]; where?: SqlFragment }
): SqlFragment {
	const t = tableOf(scope, table);
	const window =
		opts.within === 'period'
			? inPeriod(scope, col('t', opts.date))
			: opts.within === 'as_of'
				? sql`${col('t', opts.date)} <= ${asDate(sql`${scope.period.end}`)}`
				: keyword('TRUE');
	const where = opts.where ? sql`${window} AND ${opts.where}` : window;
	const order = joinSql(
		[
			sql`${col('t', opts.date)} DESC`,
			...opts.columns.map((name) => sql`${col('t', name)} ASC NULLS LAST`),
			...dimensionOrder(scope, 't')
		],
		', '
	);
	const outer = joinSql(
		[...opts.columns.map((name) => id(name)), ...usedDimensions(scope).flatMap((d) => (d.label ? [id(dimKeyName(d)), id(dimLabelName(d))] : [id(dimKeyName(d))]))],
		', '
	);
	return sql`SELECT ${outer} FROM (
		SELECT ${columnList('t', opts.columns)}${dimensionSelect(scope, { [table]: 't' })},
		       ROW_NUMBER() OVER (PARTITION BY ${col('t', opts.entity)} ORDER BY ${order}) AS ${id('__rn')}
		FROM ${tableRef(t.ref)} AS ${id('t')}
		WHERE ${where}
	) AS ${id('latest')} WHERE ${id('__rn')} = 1`;
}

// ---------------------------------------------------------------- conditions

/** `minAge <= age < belowAge` on a scoped column. */
export function ageIn(band: AgeBand, column: SqlFragment): SqlFragment {
	return band.belowAge === null
		? sql`${column} >= ${band.minAge}`
		: sql`(${column} >= ${band.minAge} AND ${column} < ${band.belowAge})`;
}

/** `column IN (?, ?, ...)`. */
export function isIn(column: SqlFragment, values: readonly SqlValue[]): SqlFragment {
	return sql`${column} IN (${joinSql(
		values.map((v) => sql`${v}`),
		', '
	)})`;
}

// ---------------------------------------------------------------- additive measures (cube)

/** One additive aggregate: SUM or COUNT of a row expression (sums of cells add up). */
export interface AdditivePart {
	fn: 'SUM' | 'COUNT';
	expr: SqlFragment;
}

/**
 * A measure made of additive aggregates, so it can be computed per cell of a cube and
 * added up for any filter: `percent` = 100 x numerator / denominator, `mean` = numerator /
 * denominator (and `squares` / denominator, the mean of squares).
 */
export interface AdditiveParts {
	finish: 'percent' | 'mean';
	numerator: AdditivePart;
	denominator: AdditivePart;
	n: AdditivePart;
	squares?: AdditivePart;
}

/** An additive cube's query (see `assemble`) and the parts from which it can be merged with others. */
export interface AdditivePlan {
	kind: 'additive';
	query: SqlFragment;
	dimensions: ResolvedDimension[];
	parts: AdditiveParts;
	merge: CubeMerge;
}

/**
 * What an indicator's cube is summed from, so that cubes of the same `family` (the same base
 * rows, whatever their dimensions) are summed in one scan, grouped by the dimensions of the
 * one whose dimensions hold all the others': see `mergedCubeQuery`. `group` adds the
 * dimensions (cubes of exactly the same shape). A weighted median's cells count as such a
 * cube (their rows, and `n`: the values).
 */
export interface CubeMerge {
	family: string;
	group: string;
	base: CubeBase;
	dims: SqlFragment[];
	sums: Array<[string, AdditivePart]>;
}

/** A cube, or a median's cells, that can be summed with others of its family. */
export interface MergeablePlan {
	dimensions: ResolvedDimension[];
	merge: CubeMerge;
}

/** How an indicator's cube is read: its SQL and what its columns mean (see cube.ts). */
export type CubePlan = AdditivePlan | MedianPlan;

/**
 * A weighted median's cube: `cells` gives each combination of the cube's columns (the round,
 * then each dimension's key and label) with its rows and values; `values(levels)` gives every
 * value with its weight and the code of its cell, in no order. `levels[j]` lists the
 * distinct values of column j (from the cells); a value's code is its combination's position
 * in those lists, as a mixed-radix number (see cube.ts `cellCodes`).
 */
export interface MedianPlan {
	kind: 'median';
	cells: SqlFragment;
	/** The cells (rows, and `n`) as a cube that can be merged with others of the same rows. */
	merge: CubeMerge;
	values: (levels: ReadonlyArray<ReadonlyArray<string | null>>) => MedianValues;
	dimensions: ResolvedDimension[];
}

/**
 * The values query of a median cube. `coded`: its `cell` column is a cell code (above);
 * otherwise it is the cell's index in the cells query's order (a join with the cells,
 * used when a column has more than CASE_CODE_LIMIT distinct values).
 */
export interface MedianValues {
	query: SqlFragment;
	coded: boolean;
}

/** Above this many distinct values in one column, a CASE would test too many per row. */
export const CASE_CODE_LIMIT = 64;

const ADDITIVE = new WeakMap<SqlFragment, AdditiveParts>();
/**
 * Base rows of every round, with the round as column ROUND (built for a cube): its columns,
 * and the same base with others. `rebuild(columns, false)` leaves out the dimension columns:
 * equal for bases of the same rows whatever the cube's dimensions.
 */
interface CubeBase {
	columns: readonly string[];
	rebuild(columns: readonly string[], dimensions?: boolean): SqlFragment;
}
const EVERY_ROUND = new WeakMap<SqlFragment, CubeBase>();
/** The round column of a cube's base rows and cells. */
export const ROUND = '__round';

function everyRound(columns: readonly string[], rebuild: (columns: readonly string[], dimensions?: boolean) => SqlFragment): SqlFragment {
	const base = rebuild(columns);
	EVERY_ROUND.set(base, { columns, rebuild });
	return base;
}
const PLANS = new WeakMap<SqlFragment, CubePlan>();

function aggregate(p: AdditivePart): SqlFragment {
	return sql`${keyword(p.fn)}(${p.expr})`;
}

/** Mark measures as additive (the fragment is returned unchanged). */
function additive(measures: SqlFragment, parts: AdditiveParts): SqlFragment {
	ADDITIVE.set(measures, parts);
	return measures;
}

/**
 * The cube plan of a query built with `scope.cube` set, or null when the indicator's
 * measures are not additive (nor a weighted median): such indicators are always computed
 * by their own query.
 */
export function cubePlanOf(query: SqlFragment): CubePlan | null {
	return PLANS.get(query) ?? null;
}

/** The cube's grouping columns: the round, then each dimension's key (and label), in a fixed order. */
function cubeColumns(dims: readonly ResolvedDimension[]): SqlFragment[] {
	return [id(ROUND), ...dims.flatMap((d) => (d.label ? [id(dimKeyName(d)), id(dimLabelName(d))] : [id(dimKeyName(d))]))];
}

// ---------------------------------------------------------------- measures

const PERCENT: SqlFragment = keyword('100.0');

/**
 * A ratio of sums: numerator and denominator are aggregate expressions (SUM(...),
 * COUNT(DISTINCT ...)). `percent` scales the value by 100.
 */
export function ratio(m: { numerator: SqlFragment; denominator: SqlFragment; n: SqlFragment; percent: boolean }): SqlFragment {
	const num = asDouble(m.numerator);
	const den = asDouble(m.denominator);
	const value = m.percent ? sql`${PERCENT} * ${num} / NULLIF(${den}, 0)` : sql`${num} / NULLIF(${den}, 0)`;
	return sql`${num} AS ${id('numerator')}, ${den} AS ${id('denominator')}, ${value} AS ${id('value')},
		${asDouble(m.n)} AS ${id('n')}, ${asDouble(keyword('COUNT(*)'))} AS ${id('rows')}`;
}

/**
 * Weighted share in percent: sum of weights (times `size`, e.g. household members) of
 * rows meeting `condition`, over those of rows where `present` holds. n counts the
 * rows where `present` holds (unweighted).
 */
export function weightedShare(m: { condition: SqlFragment; present: SqlFragment; size?: SqlFragment }): SqlFragment {
	const mass = m.size ? sql`${w} * ${m.size}` : w;
	const parts: AdditiveParts = {
		finish: 'percent',
		numerator: { fn: 'SUM', expr: sql`CASE WHEN ${m.present} AND ${m.condition} THEN ${mass} ELSE 0 END` },
		denominator: { fn: 'SUM', expr: sql`CASE WHEN ${m.present} THEN ${mass} ELSE 0 END` },
		n: { fn: 'COUNT', expr: sql`CASE WHEN ${m.present} THEN 1 END` }
	};
	return additive(
		ratio({ numerator: aggregate(parts.numerator), denominator: aggregate(parts.denominator), n: aggregate(parts.n), percent: true }),
		parts
	);
}

/** Weighted mean of x over rows where `present` holds; returns `mean_of_squares` for its standard error. */
export function weightedMean(m: { x: SqlFragment; present: SqlFragment }): SqlFragment {
	const parts: AdditiveParts = {
		finish: 'mean',
		numerator: { fn: 'SUM', expr: sql`CASE WHEN ${m.present} THEN ${w} * ${m.x} ELSE 0 END` },
		denominator: { fn: 'SUM', expr: sql`CASE WHEN ${m.present} THEN ${w} ELSE 0 END` },
		n: { fn: 'COUNT', expr: sql`CASE WHEN ${m.present} THEN 1 END` },
		squares: { fn: 'SUM', expr: sql`CASE WHEN ${m.present} THEN ${w} * ${m.x} * ${m.x} ELSE 0 END` }
	};
	const num = asDouble(aggregate(parts.numerator));
	const den = asDouble(aggregate(parts.denominator));
	return additive(
		sql`${num} AS ${id('numerator')}, ${den} AS ${id('denominator')}, ${num} / NULLIF(${den}, 0) AS ${id('value')},
		${asDouble(aggregate(parts.n))} AS ${id('n')}, ${asDouble(keyword('COUNT(*)'))} AS ${id('rows')},
		${asDouble(aggregate(parts.squares as AdditivePart))} / NULLIF(${den}, 0) AS ${id('mean_of_squares')}`,
		parts
	);
}

/** A value that is not a ratio (count, sum, median): numerator and denominator are NULL. */
export function single(m: { value: SqlFragment; n: SqlFragment }): SqlFragment {
	return sql`${NULL_DOUBLE} AS ${id('numerator')}, ${NULL_DOUBLE} AS ${id('denominator')}, ${asDouble(m.value)} AS ${id('value')},
		${asDouble(m.n)} AS ${id('n')}, ${asDouble(keyword('COUNT(*)'))} AS ${id('rows')}`;
}

/** The standard median of x (NULLs ignored); n = values. */
export function medianValue(x: SqlFragment): SqlFragment {
	return single({ value: medianOf(x), n: sql`COUNT(${x})` });
}

/** An extra output column `extra_<name>`. */
export function extra(name: string, expr: SqlFragment): SqlFragment {
	return sql`${asDouble(expr)} AS ${id('extra_' + name)}`;
}

// ---------------------------------------------------------------- assembly

function filterCondition(scope: QueryScope): SqlFragment {
	if (scope.filters.length === 0) return keyword('TRUE');
	return joinSql(
		scope.filters.map((f) =>
			f.dimension.label
				? sql`(${id(dimKeyName(f.dimension))} = ${f.value} OR ${id(dimLabelName(f.dimension))} = ${f.value})`
				: sql`${id(dimKeyName(f.dimension))} = ${f.value}`
		),
		' AND '
	);
}

function keyColumns(scope: QueryScope): { select: SqlFragment; groupBy: SqlFragment } {
	const b = scope.breakdown;
	if (!b) return { select: EMPTY, groupBy: EMPTY };
	const key = id(dimKeyName(b));
	const label = b.label ? sql`MIN(${id(dimLabelName(b))})` : keyword('CAST(NULL AS VARCHAR)');
	return {
		select: sql`${key} AS ${id('key')}, ${label} AS ${id('label')}, `,
		groupBy: sql` GROUP BY ${key} ORDER BY ${key} ASC NULLS LAST`
	};
}

/**
 * The full indicator query: base rows, filters, then the measures (per key with a breakdown).
 * With `scope.cube`, additive measures give the cube query instead: each part summed per
 * combination of the dimensions (no filter), plus the rows of each.
 */
export function assemble(scope: QueryScope, base: SqlFragment, measures: SqlFragment): SqlFragment {
	const parts = ADDITIVE.get(measures);
	const cubeBase = EVERY_ROUND.get(base);
	if (scope.cube && parts && cubeBase) {
		const dims = cubeColumns(scope.cube);
		const named: Array<[string, AdditivePart | undefined]> = [
			['numerator', parts.numerator],
			['denominator', parts.denominator],
			['n', parts.n],
			['squares', parts.squares]
		];
		const present = named.filter((e): e is [string, AdditivePart] => e[1] !== undefined);
		const query = cubeQuery(base, dims, present);
		PLANS.set(query, { kind: 'additive', query, dimensions: scope.cube, parts, merge: cubeMerge(cubeBase, dims, present) });
		return query;
	}
	const k = keyColumns(scope);
	return sql`WITH __base AS (${base}),
	__scoped AS (SELECT * FROM __base WHERE ${filterCondition(scope)})
SELECT ${k.select}${measures}
FROM __scoped${k.groupBy}`;
}

function cubeMerge(base: CubeBase, dims: SqlFragment[], sums: Array<[string, AdditivePart]>): CubeMerge {
	// The base without the indicator's own columns or the dimensions (not meant to run): equal for cubes of the same rows.
	const shape = base.rebuild([], false);
	const family = `${shape.text}\u0000${JSON.stringify(shape.params)}`;
	return { family, group: `${family}\u0000${joinSql(dims, ', ').text}`, base, dims, sums };
}

/** The additive parts, each summed under its own name, per combination of `dims`, with the rows of each. */
function cubeQuery(base: SqlFragment, dims: SqlFragment[], sums: Array<[string, AdditivePart]>): SqlFragment {
	const aggregates = sums.map(([name, p]) => sql`${asDouble(aggregate(p))} AS ${id(name)}`);
	return sql`WITH __base AS (${base})
SELECT ${joinSql([...dims, ...aggregates, sql`${asDouble(keyword('COUNT(*)'))} AS ${id('rows')}`], ', ')}
FROM __base GROUP BY ${joinSql(dims, ', ')}`;
}

/**
 * Several additive cubes of one `merge.family` (the same base rows; e.g. the households'
 * infrastructure shares and income measures) in one scan, grouped by the dimensions of
 * `widest` (one of them, whose dimensions include every other's): the base reads the union
 * of their columns, and plan i's parts are named `numerator_i`, `denominator_i`, `n_i`,
 * `squares_i`. Each part sums the same rows as in its own cube; a cube with fewer
 * dimensions is the sum of these cells over the others (cube.ts `rollUp`).
 */
export function mergedCubeQuery(plans: readonly MergeablePlan[], widest: MergeablePlan = plans[0]): SqlFragment {
	if (!widest || plans.some((p) => p.merge.family !== widest.merge.family)) throw new Error('Only cubes of one family merge');
	const wide = new Set(widest.dimensions.map((d) => d.id));
	if (plans.some((p) => p.dimensions.some((d) => !wide.has(d.id)))) throw new Error('The widest cube must hold every dimension');
	const columns = [...new Set(plans.flatMap((p) => p.merge.base.columns))];
	const sums = plans.flatMap((p, i) => p.merge.sums.map(([name, part]): [string, AdditivePart] => [`${name}_${i}`, part]));
	return cubeQuery(widest.merge.base.rebuild(columns), widest.merge.dims, sums);
}

/**
 * Weighted median of x (per spec: the smallest value v whose cumulative weight,
 * ties included, reaches half the total weight), n = rows with a value.
 */
export function assembleWeightedMedian(scope: QueryScope, base: SqlFragment, x: SqlFragment): SqlFragment {
	if (scope.cube && EVERY_ROUND.has(base)) return weightedMedianCube(scope.cube, base, x);
	const k = keyColumns(scope);
	const partition = scope.breakdown ? sql`PARTITION BY ${id(dimKeyName(scope.breakdown))} ` : EMPTY;
	const tolerance = keyword(String(1 - MEDIAN_WEIGHT_TOLERANCE));
	return sql`WITH __base AS (${base}),
	__scoped AS (SELECT * FROM __base WHERE ${filterCondition(scope)}),
	__valued AS (SELECT __scoped.*, ${x} AS __x FROM __scoped),
	__ranked AS (
		SELECT __valued.*,
		       SUM(CASE WHEN __x IS NOT NULL THEN ${w} END) OVER (${partition}ORDER BY __x ASC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __cum,
		       SUM(CASE WHEN __x IS NOT NULL THEN ${w} END) OVER (${partition}) AS __total
		FROM __valued
	)
SELECT ${k.select}${single({
		value: sql`MIN(CASE WHEN __x IS NOT NULL AND 2 * __cum >= __total * ${tolerance} THEN __x END)`,
		n: keyword('COUNT(__x)')
	})}
FROM __ranked${k.groupBy}`;
}

/**
 * The cube of a weighted median: its cells (each combination of the dimensions, in order,
 * with its rows and values) and every value with its weight and cell, in no order
 * (MedianPlan). cube.ts finds the median of any filter and breakdown from these by selection.
 */
function weightedMedianCube(cube: ResolvedDimension[], base: SqlFragment, x: SqlFragment): SqlFragment {
	const dims = cubeColumns(cube);
	const valued = sql`WITH __base AS (${base}),
	__valued AS (SELECT __base.*, ${x} AS __x FROM __base)`;
	const order = sql` ORDER BY ${joinSql(dims.map((d) => sql`${d} ASC NULLS LAST`), ', ')}`;
	const cells = sql`${valued}
SELECT ${joinSql([...dims, sql`${asDouble(keyword('COUNT(*)'))} AS ${id('rows')}`, sql`${asDouble(keyword('COUNT(__x)'))} AS ${id('n')}`], ', ')}
FROM __valued GROUP BY ${joinSql(dims, ', ')}${order}`;
	const match = joinSql(dims.map((d) => sql`${id('v')}.${d} IS NOT DISTINCT FROM ${id('c')}.${d}`), ' AND ');
	// Each value's cell by a join with the cells, numbered in the cells query's order.
	const joined = sql`${valued},
	__cells AS (SELECT ${joinSql(dims, ', ')}, ROW_NUMBER() OVER (${order}) - 1 AS __cell
		FROM (SELECT DISTINCT ${joinSql(dims, ', ')} FROM __valued) AS __d)
SELECT ${asDouble(sql`${id('c')}.__cell`)} AS ${id('cell')}, ${asDouble(sql`${id('v')}.__x`)} AS ${id('x')}, ${id('v')}.${w} AS ${id('w')}
FROM __valued AS ${id('v')} JOIN __cells AS ${id('c')} ON ${match}
WHERE ${id('v')}.__x IS NOT NULL`;
	const values = (levels: ReadonlyArray<ReadonlyArray<string | null>>): MedianValues => {
		// Codes stay exact doubles (below 2^53), and a CASE needs at least one value (no rows: no cells).
		const span = levels.reduce((p, level) => p * level.length, 1);
		if (levels.some((level) => level.length === 0 || level.length > CASE_CODE_LIMIT) || span > 2 ** 52) return { query: joined, coded: false };
		// The code of a row's cell: each column's value is its index in that column's levels
		// (no join, and no second pass to number the cells).
		let code: SqlFragment = keyword('0');
		dims.forEach((d, j) => {
			const level = levels[j];
			const index = sql`CASE ${joinSql(
				level.map((v, i) => (v === null ? sql`WHEN ${d} IS NULL THEN ${keyword(String(i))}` : sql`WHEN ${d} = ${v} THEN ${keyword(String(i))}`)),
				' '
			)} END`;
			code = sql`(${code}) * ${keyword(String(level.length))} + ${index}`;
		});
		const query = sql`${valued}
SELECT ${asDouble(code)} AS ${id('cell')}, ${asDouble(keyword('__x'))} AS ${id('x')}, ${w} AS ${id('w')}
FROM __valued
WHERE __x IS NOT NULL`;
		return { query, coded: true };
	};
	const cubeBase = EVERY_ROUND.get(base) as CubeBase;
	PLANS.set(cells, { kind: 'median', cells, merge: cubeMerge(cubeBase, dims, [['n', { fn: 'COUNT', expr: x }]]), values, dimensions: cube });
	return cells;
}
