/**
 * Computing indicators: resolve the request (period, survey round, filters,
 * breakdown), run the catalogue's SQL, and add what the spec puts around a value:
 * no-data reasons, Wilson interval, small-sample mark, baseline and change, target,
 * progress and status, difference in differences, and the reported value beside it.
 */
import { rowObjects } from '../engine/database';
import { CONTRACT, type ContractTableName } from '../engine/contract';
import { CATALOGUE, indicatorByCode } from './catalogue';
import { sql, col, id, joinSql, tableRef, type SqlFragment } from './fragment';
import { asText, columnsProbe } from './dialect';
import { answer, cubeHasValue, loadCube, perVersion, preloadCubes, type Cube, type CubeRow } from './cube';
import { cubePlanOf, type CubePlan } from './patterns';
import { parsePeriod, periodsBetween, toIsoDate, type Period } from './period';
import { baselineRound, loadSurveyRounds, surveyRoundFor, type SurveyRound } from './rounds';
import { loadReportedValues, loadTargets, reportedFor, targetBaselineApplies, targetFor, type ReportedRow, type TargetRow } from './targets';
import {
	assessProgress,
	differenceInDifferences,
	meanStandardError,
	proportionStandardError,
	wilsonInterval,
	type DifferenceInDifferences,
	type Estimate
} from './stats';
import type {
	BreakdownResult,
	BreakdownRow,
	ComputeContext,
	DimensionId,
	IndicatorDefinition,
	IndicatorFilters,
	IndicatorRequest,
	IndicatorResult,
	LocalizedText,
	QueryScope,
	ReasonCode,
	ReportedValue,
	ResolvedDimension,
	ResolvedFilter,
	TableInfo,
	TrendPoint
} from './types';
import { DEFAULT_SETTINGS, ageBandText, type Settings } from './settings';

// ---------------------------------------------------------------- session

interface Failure {
	reason: string;
	reasonCode: ReasonCode;
}
const isFailure = (v: unknown): v is Failure => typeof v === 'object' && v !== null && 'reasonCode' in v && 'reason' in v;

/** First and last date (`YYYY-MM-DD`) of an indicator's data. */
interface DataRange {
	from: string;
	to: string;
}

/** Per-call cache: rounds, targets, reported values, probed columns and data ranges are read once. */
class Session {
	private rounds: SurveyRound[] | undefined;
	private targets: TargetRow[] | undefined;
	private reported: ReportedRow[] | undefined;
	private probed = new Map<ContractTableName, string[]>();
	private ranges = new Map<string, DataRange | null>();

	constructor(readonly ctx: ComputeContext) {}

	/** Read once per session, and once per data version when the context has one. */
	private kept<T>(key: string, make: () => T): T {
		const v = this.ctx.version;
		return v === undefined ? make() : perVersion(this.ctx.db, v, key, make);
	}

	surveyRounds(): SurveyRound[] {
		if (this.rounds === undefined) {
			const h = this.ctx.tables.households;
			this.rounds = h ? this.kept(`rounds ${h.ref}`, () => loadSurveyRounds(this.ctx.db, h)) : [];
		}
		return this.rounds;
	}

	targetRows(): TargetRow[] {
		const t = this.ctx.tables.targets;
		if (this.targets === undefined) this.targets = this.kept(`targets ${t?.ref}`, () => loadTargets(this.ctx.db, t));
		return this.targets;
	}

	reportedRows(): ReportedRow[] {
		const t = this.ctx.tables.indicator_values;
		if (this.reported === undefined) this.reported = this.kept(`reported ${t?.ref}`, () => loadReportedValues(this.ctx.db, t));
		return this.reported;
	}

	private present = new Map<string, boolean>();

	/**
	 * Whether any row of a filter's table has the filter's value (as its key, or its label).
	 * A value the data does not have (a dusun misspelt in a URL) gives "no data" everywhere,
	 * never the 0 of a count that found nothing.
	 */
	hasFilterValue(f: ResolvedFilter, def: IndicatorDefinition): boolean {
		// A survey indicator's cube holds every round's keys: a value in it is in the table.
		const cube = this.cubesUsed.get(def.code);
		if (cube && cubeHasValue(cube, f)) return true;
		const info = this.ctx.tables[f.dimension.table];
		if (!info) return false;
		const cacheKey = `filter ${info.ref}\u0000${f.dimension.id}\u0000${f.value}`;
		let found = this.present.get(cacheKey);
		if (found === undefined) {
			const t = 't';
			const matches = f.dimension.label
				? sql`(${f.dimension.key(t)} = ${f.value} OR ${f.dimension.label(t)} = ${f.value})`
				: sql`${f.dimension.key(t)} = ${f.value}`;
			const q = sql`SELECT EXISTS (SELECT 1 FROM ${tableRef(info.ref)} AS ${id(t)} WHERE ${matches}) AS ${id('present')}`;
			found = this.kept(cacheKey, () => this.ctx.db.query(q.text, [...q.params]).rows[0]?.[0] === true);
			this.present.set(cacheKey, found);
		}
		return found;
	}

	private dimensionsOf = new Map<string, ResolvedDimension[]>();

	/**
	 * A survey indicator's rows from its cube (see cube.ts), or null when it has none: no
	 * data version, a measure that is not additive, or too many cells.
	 */
	fromCube(def: IndicatorDefinition, scope: QueryScope): CubeRow[] | null {
		const version = this.ctx.version;
		if (version === undefined || def.kind !== 'survey' || scope.round === null) return null;
		const dims = this.cubeDimensions(def);
		const has = (d: ResolvedDimension) => dims.some((x) => x.id === d.id);
		if (!scope.filters.every((f) => has(f.dimension)) || (scope.breakdown && !has(scope.breakdown))) return null;
		const plan = this.cubePlan(def, scope);
		const cube = plan ? loadCube(this.ctx.db, version, plan) : null;
		if (cube) this.cubesUsed.set(def.code, cube);
		return cube ? answer(cube, scope.round, scope.filters, scope.breakdown) : null;
	}

	/** The cube each survey indicator was last answered from in this session. */
	private cubesUsed = new Map<string, Cube>();

	/** Every dimension a survey indicator offers on this data: its cube's dimensions. */
	private cubeDimensions(def: IndicatorDefinition): ResolvedDimension[] {
		let dims = this.dimensionsOf.get(def.code);
		if (!dims) {
			dims = (Object.keys(def.dimensions) as DimensionId[]).map((d) => resolveDimension(this, def, d)).filter((d): d is ResolvedDimension => !isFailure(d));
			this.dimensionsOf.set(def.code, dims);
		}
		return dims;
	}

	/** A survey indicator's cube plan (its cube holds every round, so `scope`'s round and filters do not matter). */
	private cubePlan(def: IndicatorDefinition, scope: QueryScope): CubePlan | null {
		return cubePlanOf(def.build({ ...scope, filters: [], breakdown: null, cube: this.cubeDimensions(def) }));
	}

	/**
	 * Build the cubes of these survey indicators in as few scans as possible (cube.ts
	 * `preloadCubes`): e.g. the overview's infrastructure shares from one pass over the
	 * households. An indicator whose plan cannot be built is left to its own computation.
	 */
	preloadCubes(defs: readonly IndicatorDefinition[], scope: QueryScope): void {
		const version = this.ctx.version;
		if (version === undefined || scope.round === null) return;
		const plans: CubePlan[] = [];
		for (const def of defs) {
			if (def.kind !== 'survey') continue;
			try {
				const plan = this.cubePlan(def, scope);
				if (plan) plans.push(plan);
			} catch {
				// Not computable on this data (a missing table or column): its own computation says why.
			}
		}
		preloadCubes(this.ctx.db, version, plans);
	}

	/**
	 * The actual name of a column. Contract columns are taken from TableInfo.columns only;
	 * other columns (e.g. kode_kabupaten in the village index) are looked up
	 * case-insensitively, probing the table itself when TableInfo does not list them.
	 */
	findColumn(table: ContractTableName, name: string): string | null {
		const info = this.ctx.tables[table];
		if (!info) return null;
		if (info.columns.includes(name)) return name;
		if (CONTRACT[table].columns.some((c) => c.name === name)) return null;
		const lower = name.toLowerCase();
		const listed = info.columns.find((c) => c.toLowerCase() === lower);
		if (listed) return listed;
		let actual = this.probed.get(table);
		if (!actual) {
			const q = columnsProbe(tableRef(info.ref));
			actual = this.ctx.db.query(q.text, [...q.params]).columns;
			this.probed.set(table, actual);
		}
		return actual.find((c) => c.toLowerCase() === lower) ?? null;
	}

	/** The span of an indicator's timeline columns (dates, or years as whole years). */
	dataRange(def: IndicatorDefinition): DataRange | null {
		const tl = def.timeline;
		if (!tl) return null;
		const cacheKey = `${tl.table}:${tl.columns.join(',')}:${def.timing}`;
		if (this.ranges.has(cacheKey)) return this.ranges.get(cacheKey) ?? null;
		const info = this.ctx.tables[tl.table];
		const range = this.kept(`range ${info?.ref} ${cacheKey}`, () => this.readRange(def, info));
		this.ranges.set(cacheKey, range);
		return range;
	}

	private readRange(def: IndicatorDefinition, info: TableInfo | undefined): DataRange | null {
		const tl = def.timeline;
		let range: DataRange | null = null;
		if (tl && info && tl.columns.every((c) => info.columns.includes(c))) {
			const parts = tl.columns.flatMap((c, i) => [sql`MIN(${id(c)}) AS ${id('min' + i)}`, sql`MAX(${id(c)}) AS ${id('max' + i)}`]);
			const q = sql`SELECT ${joinSql(parts, ', ')} FROM ${tableRef(info.ref)}`;
			const [row] = rowObjects<Record<string, unknown>>(this.ctx.db.query(q.text, [...q.params]));
			const asDate = (v: unknown, end: boolean): string | null =>
				typeof v === 'number' && def.timing === 'year' ? `${v}-${end ? '12-31' : '01-01'}` : toIsoDate(v);
			const mins = tl.columns.map((_, i) => asDate(row?.['min' + i], false)).filter((d): d is string => d !== null);
			const maxs = tl.columns.map((_, i) => asDate(row?.['max' + i], true)).filter((d): d is string => d !== null);
			if (mins.length && maxs.length) range = { from: mins.sort()[0], to: maxs.sort()[maxs.length - 1] };
		}
		return range;
	}
}

// ---------------------------------------------------------------- resolution

function definitionOf(code: string): IndicatorDefinition {
	const def = indicatorByCode(code);
	if (!def) throw new Error(`Unknown indicator ${code}`);
	return def;
}

/** The first missing table, else every missing column ("missing column t.c, t.d"). */
function checkNeeds(def: IndicatorDefinition, session: Session): Failure | null {
	const missingColumns: string[] = [];
	for (const need of def.needs) {
		const info = session.ctx.tables[need.table];
		if (!info) return { reason: `missing table ${need.table}`, reasonCode: 'missing_table' };
		for (const c of need.columns) if (!info.columns.includes(c)) missingColumns.push(`${need.table}.${c}`);
	}
	if (missingColumns.length) return { reason: `missing column ${missingColumns.join(', ')}`, reasonCode: 'missing_column' };
	return null;
}

/** Whether an indicator supports a dimension (own keys only: never `constructor` & co). */
export function supportsDimension(def: IndicatorDefinition, dimension: string): dimension is DimensionId {
	return Object.prototype.hasOwnProperty.call(def.dimensions, dimension);
}

function resolveDimension(session: Session, def: IndicatorDefinition, dimension: DimensionId): ResolvedDimension | Failure {
	const spec = supportsDimension(def, dimension) ? def.dimensions[dimension] : undefined;
	if (!spec) return { reason: `breakdown not supported by this indicator: ${dimension}`, reasonCode: 'breakdown_not_supported' };
	if (!session.ctx.tables[spec.table]) return { reason: `missing table ${spec.table}`, reasonCode: 'missing_table' };
	const present = spec.columns.map((c) => session.findColumn(spec.table, c)).filter((c): c is string => c !== null);
	const fallback = spec.fallback && spec.fallback.needs.every((c) => session.findColumn(spec.table, c) !== null) ? spec.fallback : null;
	if (present.length === 0 && !fallback) {
		return { reason: `missing column ${spec.columns.map((c) => `${spec.table}.${c}`).join(' or ')}`, reasonCode: 'missing_column' };
	}
	const keyColumn = present[0] ?? null;
	const labelColumn = present[1] ?? null;
	const key = (alias: string): SqlFragment => {
		if (keyColumn === null) return (fallback as NonNullable<typeof fallback>).expr(alias);
		const k = asText(col(alias, keyColumn));
		return fallback ? sql`COALESCE(${k}, ${fallback.expr(alias)})` : k;
	};
	return {
		id: dimension,
		table: spec.table,
		key,
		label: labelColumn === null ? null : (alias: string) => asText(col(alias, labelColumn))
	};
}

/** Filters with a value, sorted by dimension (so the SQL text is stable). */
function activeFilters(filters: IndicatorFilters | undefined): Array<[string, string]> {
	return Object.entries(filters ?? {})
		.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
		.map(([k, v]) => [k, v.trim()] as [string, string])
		.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function resolveFilters(session: Session, def: IndicatorDefinition, filters: IndicatorFilters | undefined): ResolvedFilter[] | Failure {
	const out: ResolvedFilter[] = [];
	for (const [dimension, value] of activeFilters(filters)) {
		if (!supportsDimension(def, dimension)) return { reason: `filter not supported by this indicator: ${dimension}`, reasonCode: 'filter_not_supported' };
		const d = resolveDimension(session, def, dimension);
		if (isFailure(d)) return d;
		out.push({ dimension: d, value });
	}
	return out;
}

// ---------------------------------------------------------------- measuring

/** One row of an indicator query: a cube's row (the same columns) plus its `extra_*` columns. */
interface Measured extends CubeRow {
	extras: Record<string, number | null>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function measure(session: Session, def: IndicatorDefinition, scope: QueryScope): { query: SqlFragment; rows: Measured[] } {
	const query = def.build(scope);
	const fromCube = session.fromCube(def, scope);
	if (fromCube) return { query, rows: fromCube.map((r) => ({ ...r, extras: {} })) };
	// A query's rows are a function of the data and the query (text and values): with a data
	// version they are kept, so trend points, baselines and values shared between views (a
	// period change asks again for periods the trend already computed) run once.
	const version = session.ctx.version;
	const rows = version === undefined ? run(session, query) : perVersion(session.ctx.db, version, `measure ${query.text}\u0000${JSON.stringify(query.params)}`, () => run(session, query));
	return { query, rows: rows.map((r) => ({ ...r, extras: { ...r.extras } })) };
}

function run(session: Session, query: SqlFragment): Measured[] {
	const res = session.ctx.db.query(query.text, [...query.params]);
	return rowObjects<Record<string, unknown>>(res).map((r) => {
		const extras: Record<string, number | null> = {};
		for (const c of res.columns) if (c.startsWith('extra_')) extras[c.slice('extra_'.length)] = num(r[c]);
		return {
			key: r.key === null || r.key === undefined ? null : String(r.key),
			label: r.label === null || r.label === undefined ? null : String(r.label),
			value: num(r.value),
			numerator: num(r.numerator),
			denominator: num(r.denominator),
			n: num(r.n) ?? 0,
			rows: num(r.rows) ?? 0,
			meanOfSquares: num(r.mean_of_squares),
			extras
		};
	});
}

function scopeOf(session: Session, period: Period, round: string | null, filters: ResolvedFilter[], breakdown: ResolvedDimension | null): QueryScope {
	return { tables: session.ctx.tables, period, round, filters, breakdown, settings: session.ctx.settings };
}

/** Why a measured row has no value, or null when it has one. */
function noValueReason(session: Session, def: IndicatorDefinition, m: Measured | undefined, period: Period, round: string | null, filters: ResolvedFilter[]): Failure | null {
	if (!m || m.rows === 0) {
		const absent = filters.find((f) => !session.hasFilterValue(f, def));
		if (absent) return { reason: `no rows with ${absent.dimension.id} ${absent.value}`, reasonCode: 'filter_value_absent' };
		const where = def.timing === 'round' ? `in round ${round}` : def.timing === 'year' ? `for year ${period.year}` : `in period ${period.label}`;
		// The rows the indicator takes (PAR-05: expenditure from Dana Desa), when not all of its table's.
		const which = def.rowsWith?.length ? ` with ${def.rowsWith.map(([c, v]) => `${c}=${v}`).join(', ')}` : '';
		return { reason: `no rows ${where}${which}`, reasonCode: 'no_rows' };
	}
	if (m.denominator === 0) return { reason: 'zero denominator', reasonCode: 'zero_denominator' };
	if (m.value === null) return { reason: 'no values', reasonCode: 'no_values' };
	return null;
}

/** The value (or null with a reason) of a measured row, its CI and small-sample mark. */
function summarise(def: IndicatorDefinition, session: Session, m: Measured | undefined, period: Period, round: string | null, filters: ResolvedFilter[]) {
	if (def.zeroWhenNone) {
		const spans = spansPeriod(session, def, period);
		// Events counted in the period say nothing of a period outside their data's dates, even
		// where the rows scanned are snapshots as of it (INF-04's completed projects); only an
		// as-of indicator carries its data forward.
		if (!spans && !def.asOf) m = undefined;
		else if ((!m || m.rows === 0) && spans && filters.every((f) => session.hasFilterValue(f, def))) {
			return { value: 0, numerator: null, denominator: null, n: 0, ci: null, smallSample: false, reason: null, reasonCode: null };
		}
	}
	const why = noValueReason(session, def, m, period, round, filters);
	const hasRows = !!m && m.rows > 0;
	const value = why ? null : (m as Measured).value;
	const n = m ? m.n : 0;
	return {
		value,
		numerator: hasRows ? (m as Measured).numerator : null,
		denominator: hasRows ? (m as Measured).denominator : null,
		n,
		ci: confidenceInterval(def, value, n),
		smallSample: isSmallSample(def, value, n, session.ctx.settings.smallSampleN),
		reason: why?.reason ?? null,
		reasonCode: why?.reasonCode ?? null
	};
}

/** Whether the indicator's data (its timeline's dates) reaches into the period. */
function spansPeriod(session: Session, def: IndicatorDefinition, period: Period): boolean {
	const range = session.dataRange(def);
	return !!range && range.from <= period.end && range.to >= period.start;
}

/** Survey proportions carry a 95% Wilson interval on the unweighted n, in percent. */
function confidenceInterval(def: IndicatorDefinition, value: number | null, n: number): [number, number] | null {
	if (def.kind !== 'survey' || def.unit !== 'percent' || value === null || n <= 0) return null;
	const ci = wilsonInterval(value / 100, n);
	return ci ? [ci[0] * 100, ci[1] * 100] : null;
}

/** The note of a result computed on an age band other than the one the indicator's name gives. */
function ageBandNote(def: IndicatorDefinition, settings: Settings): LocalizedText[] {
	if (!def.ageBand) return [];
	const band = settings.ageBands[def.ageBand];
	const named = DEFAULT_SETTINGS.ageBands[def.ageBand];
	if (band.minAge === named.minAge && band.belowAge === named.belowAge) return [];
	return [
		{
			id: `Dihitung untuk usia ${ageBandText(band)} tahun (pengaturan), bukan ${ageBandText(named)} seperti pada nama indikator.`,
			en: `Computed for ages ${ageBandText(band)} (settings), not the ${ageBandText(named)} of the indicator's name.`
		}
	];
}

/** A proportion (or any survey estimate) on fewer than `smallSampleN` units; a ratio of amounts is no proportion. */
function isSmallSample(def: IndicatorDefinition, value: number | null, n: number, smallSampleN: number): boolean {
	if (value === null || def.amountRatio) return false;
	return (def.unit === 'percent' || def.kind === 'survey') && n < smallSampleN;
}

/** A group's estimate for DiD: value and standard error in display units. */
function estimateOf(def: IndicatorDefinition, m: Measured | undefined): Estimate | null {
	if (!m || m.value === null || m.n <= 0 || m.rows === 0) return null;
	let se: number | null = null;
	if (def.unit === 'percent') {
		const p = proportionStandardError(m.value / 100, m.n);
		se = p === null ? null : p * 100;
	} else if (m.meanOfSquares !== null) {
		se = meanStandardError(m.value, m.meanOfSquares, m.n);
	}
	return { value: m.value, se };
}

// ---------------------------------------------------------------- baseline, DiD, reported

interface BaselineFound {
	value: number | null;
	round?: string;
	period?: string;
}

/** Survey: the value at the earliest round. */
function surveyBaseline(session: Session, def: IndicatorDefinition, period: Period, filters: ResolvedFilter[], current: SurveyRound, currentValue: number | null): BaselineFound {
	const b = baselineRound(session.surveyRounds());
	if (!b) return { value: null };
	if (b.round === current.round) return { value: currentValue, round: b.round };
	const { rows } = measure(session, def, scopeOf(session, period, b.round, filters, null));
	return { value: summarise(def, session, rows[0], period, b.round, filters).value, round: b.round };
}

/**
 * Monitoring: the value of the earliest period of the same kind with data (for year-based
 * indicators, the earliest year with data), searched from the start of the indicator's data
 * up to the requested period.
 */
function monitoringBaseline(session: Session, def: IndicatorDefinition, period: Period, filters: ResolvedFilter[], currentValue: number | null): BaselineFound {
	const range = session.dataRange(def);
	if (!range) return { value: null };
	const kind = def.timing === 'year' ? 'year' : period.kind;
	const current = def.timing === 'year' ? parsePeriod(String(period.year)) : period;
	for (const p of periodsBetween(kind, range.from, current.end)) {
		if (p.label === current.label) return currentValue === null ? { value: null } : { value: currentValue, period: p.label };
		const { rows } = measure(session, def, scopeOf(session, p, null, filters, null));
		const v = summarise(def, session, rows[0], p, null, filters).value;
		if (v !== null) return { value: v, period: p.label };
	}
	return { value: null };
}

/**
 * DiD between program and comparison households, baseline round vs the round shown,
 * when both groups have a value in both rounds.
 */
function surveyDid(session: Session, def: IndicatorDefinition, period: Period, filters: ResolvedFilter[], current: SurveyRound): DifferenceInDifferences | null {
	const b = baselineRound(session.surveyRounds());
	if (!b || b.round === current.round || !def.dimensions.group) return null;
	const group = resolveDimension(session, def, 'group');
	if (isFailure(group)) return null;
	const atBaseline = measure(session, def, scopeOf(session, period, b.round, filters, group)).rows;
	const atLatest = measure(session, def, scopeOf(session, period, current.round, filters, group)).rows;
	const cell = (rows: Measured[], key: string) => estimateOf(def, rows.find((r) => r.key === key));
	const tb = cell(atBaseline, 'program');
	const tl = cell(atLatest, 'program');
	const cb = cell(atBaseline, 'comparison');
	const cl = cell(atLatest, 'comparison');
	if (!tb || !tl || !cb || !cl) return null;
	return differenceInDifferences({ baseline: tb, latest: tl }, { baseline: cb, latest: cl });
}

/** Reported values are matched on dusun/sex only; with any other filter there is none to compare. */
function reportedBeside(
	session: Session,
	def: IndicatorDefinition,
	filters: Array<[string, string]>,
	periods: string[],
	computed: number | null
): ReportedValue | null {
	if (filters.some(([k]) => k !== 'dusun' && k !== 'sex')) return null;
	const f = Object.fromEntries(filters);
	return reportedFor(session.reportedRows(), def.code, periods, { dusun: f.dusun ?? null, sex: f.sex ?? null }, computed, session.ctx.settings.disagreementTolerance);
}

// ---------------------------------------------------------------- public API

function emptyResult(def: IndicatorDefinition, period: string): IndicatorResult {
	return {
		code: def.code,
		period,
		value: null,
		numerator: null,
		denominator: null,
		n: null,
		reason: null,
		reasonCode: null,
		baseline: null,
		baselineSource: null,
		change: null,
		target: null,
		targetPeriod: null,
		progress: null,
		status: 'no_data',
		ci: null,
		smallSample: false,
		did: null,
		sql: '',
		params: [],
		reported: null,
		extras: {},
		notes: def.caveat ? [def.caveat] : []
	};
}

function computeWith(session: Session, def: IndicatorDefinition, req: IndicatorRequest): IndicatorResult {
	const period = parsePeriod(req.period);
	const result = emptyResult(def, period.label);
	const filterList = activeFilters(req.filters);
	const filterObj: IndicatorFilters = Object.fromEntries(filterList);

	// Target and reported value do not depend on the data tables being present.
	const target = targetFor(session.targetRows(), def.code, period.label, filterObj);
	result.target = target?.target ?? null;
	result.targetPeriod = target?.period ?? null;

	const failed = checkNeeds(def, session);
	const filters = failed ? failed : resolveFilters(session, def, req.filters);
	if (isFailure(filters)) {
		result.reason = filters.reason;
		result.reasonCode = filters.reasonCode;
		// A value reported for it (indicator_values) is shown even when it cannot be computed here.
		if (filters.reasonCode !== 'filter_not_supported') result.reported = reportedBeside(session, def, filterList, [period.label], null);
		return result;
	}

	let round: SurveyRound | null = null;
	if (def.timing === 'round') {
		round = surveyRoundFor(session.surveyRounds(), period.end);
		if (!round) {
			result.reason = `no survey round on or before ${period.end}`;
			result.reasonCode = 'no_round';
			return result;
		}
		result.round = round.round;
		result.roundDate = round.date;
	}

	const { query, rows } = measure(session, def, scopeOf(session, period, round?.round ?? null, filters, null));
	const s = summarise(def, session, rows[0], period, round?.round ?? null, filters);
	Object.assign(result, s);
	result.sql = query.text;
	result.params = [...query.params];
	if (rows[0] && rows[0].rows > 0) result.extras = def.deriveExtras ? def.deriveExtras(rows[0].extras) : rows[0].extras;
	if (def.notesFor) result.notes = [...result.notes, ...def.notesFor(result.extras)];
	result.notes = [...result.notes, ...ageBandNote(def, session.ctx.settings)];

	// Baseline: the targets table's when its row describes this view's population, else computed.
	let found: BaselineFound;
	if (round) {
		found = surveyBaseline(session, def, period, filters, round, s.value);
		if (found.round) result.baselineRound = found.round;
	} else {
		found = s.value === null ? { value: null } : monitoringBaseline(session, def, period, filters, s.value);
		if (found.period) result.baselinePeriod = found.period;
	}
	if (target && targetBaselineApplies(target, filterObj)) {
		result.baseline = target.baseline;
		result.baselineSource = 'targets';
	} else if (found.value !== null) {
		result.baseline = found.value;
		result.baselineSource = 'computed';
	}
	result.change = s.value !== null && result.baseline !== null ? s.value - result.baseline : null;

	const assessed = assessProgress({
		value: s.value,
		baseline: result.baseline,
		target: result.target,
		direction: def.direction,
		thresholds: session.ctx.settings.statusThresholds
	});
	result.progress = assessed.progress;
	result.status = assessed.status;

	if (round && s.value !== null) result.did = surveyDid(session, def, period, filters, round);

	result.reported = reportedBeside(session, def, filterList, round ? [period.label, round.round] : [period.label], s.value);
	return result;
}

/** One indicator for a period (and filters). Throws on an unknown code or an invalid period. */
export function computeIndicator(ctx: ComputeContext, code: string, req: IndicatorRequest): IndicatorResult {
	return computeWith(new Session(ctx), definitionOf(code), req);
}

/**
 * Every indicator of the catalogue. An indicator whose query fails (e.g. a column of an
 * unexpected type) gets reason `query failed: ...` instead of stopping the others.
 */
export function computeAll(ctx: ComputeContext, req: IndicatorRequest): IndicatorResult[] {
	const session = new Session(ctx);
	try {
		preloadAllCubes(session, parsePeriod(req.period));
	} catch {
		// Only a head start: each indicator below computes (or explains) itself.
	}
	return CATALOGUE.map((def) => {
		try {
			return computeWith(session, def, req);
		} catch (e) {
			const r = emptyResult(def, parsePeriod(req.period).label);
			r.reason = `query failed: ${e instanceof Error ? e.message : String(e)}`;
			r.reasonCode = 'query_failed';
			return r;
		}
	});
}

/**
 * `computeAll`'s work as small steps, results dropped: the survey cubes (shared scans), then
 * each indicator. Run by the engine while idle to warm it (operations.ts `warmUpSteps`).
 */
export function computeAllSteps(ctx: ComputeContext, req: IndicatorRequest): Array<() => void> {
	const session = new Session(ctx);
	return [() => preloadAllCubes(session, parsePeriod(req.period)), ...CATALOGUE.map((def) => () => void computeWith(session, def, req))];
}

/** Every survey indicator will be computed: their cubes first, sharing scans. */
function preloadAllCubes(session: Session, period: Period): void {
	const round = session.surveyRounds()[0]?.round ?? null;
	if (round !== null) session.preloadCubes(CATALOGUE, scopeOf(session, period, round, [], null));
}

/** An indicator split by one of its dimensions: one row per key (NULL key kept, shown last). */
export function computeBreakdown(ctx: ComputeContext, code: string, req: IndicatorRequest, dimension: DimensionId): BreakdownResult {
	const session = new Session(ctx);
	const def = definitionOf(code);
	const period = parsePeriod(req.period);
	const out: BreakdownResult = { code: def.code, period: period.label, dimension, rows: [], reason: null, reasonCode: null, sql: '', params: [] };
	const fail = (f: Failure): BreakdownResult => ({ ...out, reason: f.reason, reasonCode: f.reasonCode });

	const needs = checkNeeds(def, session);
	if (needs) return fail(needs);
	const by = resolveDimension(session, def, dimension);
	if (isFailure(by)) return fail(by);
	const filters = resolveFilters(session, def, req.filters);
	if (isFailure(filters)) return fail(filters);

	let round: SurveyRound | null = null;
	if (def.timing === 'round') {
		round = surveyRoundFor(session.surveyRounds(), period.end);
		if (!round) return fail({ reason: `no survey round on or before ${period.end}`, reasonCode: 'no_round' });
		out.round = round.round;
		out.roundDate = round.date;
	}
	// Events counted in a period outside their data's dates: no rows, as the headline says (not
	// one "–" row per key of the snapshots carried forward).
	if (def.zeroWhenNone && !def.asOf && !spansPeriod(session, def, period)) {
		const why = noValueReason(session, def, undefined, period, null, filters);
		if (why) return fail(why);
	}
	const { query, rows } = measure(session, def, scopeOf(session, period, round?.round ?? null, filters, by));
	out.sql = query.text;
	out.params = [...query.params];
	const filterList = activeFilters(req.filters).filter(([k]) => k !== dimension);
	const periods = round ? [period.label, round.round] : [period.label];
	out.rows = rows.map((m): BreakdownRow => {
		const s = summarise(def, session, m, period, round?.round ?? null, filters);
		const reportedFilters: Array<[string, string]> = m.key === null ? filterList : [...filterList, [dimension, m.key]];
		return {
			key: m.key,
			label: m.label,
			value: s.value,
			numerator: s.numerator,
			denominator: s.denominator,
			n: s.n,
			ci: s.ci,
			smallSample: s.smallSample,
			reason: s.reason,
			reasonCode: s.reasonCode,
			reported: m.key === null ? null : reportedBeside(session, def, reportedFilters, periods, s.value)
		};
	});
	if (out.rows.length === 0) {
		const why = noValueReason(session, def, undefined, period, round?.round ?? null, filters);
		if (why) return { ...out, reason: why.reason, reasonCode: why.reasonCode };
	}
	return out;
}

/**
 * The indicator over time. Survey indicators: one point per round (all rounds).
 * Monitoring indicators: every period of the requested kind across the data's date range
 * (year-based indicators such as the budget and the village index: every year).
 * Empty when the indicator's inputs are missing or a filter is not supported.
 */
export function computeTrend(ctx: ComputeContext, code: string, req: IndicatorRequest): TrendPoint[] {
	const session = new Session(ctx);
	const def = definitionOf(code);
	const period = parsePeriod(req.period);
	if (checkNeeds(def, session)) return [];
	const filters = resolveFilters(session, def, req.filters);
	if (isFailure(filters)) return [];

	const point = (p: Period, round: SurveyRound | null): TrendPoint => {
		const { rows } = measure(session, def, scopeOf(session, p, round?.round ?? null, filters, null));
		const s = summarise(def, session, rows[0], p, round?.round ?? null, filters);
		const base = {
			value: s.value,
			numerator: s.numerator,
			denominator: s.denominator,
			n: s.n,
			ci: s.ci,
			smallSample: s.smallSample,
			reason: s.reason,
			reasonCode: s.reasonCode
		};
		return round
			? { period: round.round, label: `${round.round} (${round.date})`, start: null, end: null, round: round.round, roundDate: round.date, ...base }
			: { period: p.label, label: p.label, start: p.start, end: p.end, ...base };
	};

	if (def.timing === 'round') return session.surveyRounds().map((r) => point(period, r));
	const range = session.dataRange(def);
	if (!range) return [];
	const kind = def.timing === 'year' ? 'year' : period.kind;
	return periodsBetween(kind, range.from, range.to).map((p) => point(p, null));
}
