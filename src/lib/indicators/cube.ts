/**
 * Survey indicators from a cube: pre-aggregation, so a filter change costs no scan.
 *
 * A survey indicator of a round is a function of the round's rows. When its measure is
 * additive (weighted shares and means: sums and counts), one query groups those sums by
 * every dimension the indicator offers (dusun, group, sex...), and any filter or breakdown
 * is then a sum over the matching cells, done here in JS. A weighted median keeps, besides
 * its cells, every value with its weight, grouped by cell (no sort: DuckDB's ORDER BY of a
 * million values cost more than the rest of the query); the median of any filter is a
 * weighted selection over the values of its cells.
 *
 * The cube answers exactly what the indicator's own query answers (tests/unit/cube.test.ts
 * checks both on random data): the same rows, keys, labels, n and values, up to the order
 * in which floating-point sums are added. The audit trail still shows the indicator's own
 * query, which gives the same number when run.
 *
 * Cubes belong to one data version (they are dropped when the data changes). A cube with
 * more than MAX_CELLS cells (a dimension with very many values) is not kept: that indicator
 * is computed by its own query.
 */
import type { Queryable } from '../engine/database';
import type { SqlFragment } from './fragment';
import { ROUND, mergedCubeQuery, type AdditiveParts, type CubePlan, type MedianPlan } from './patterns';
import { MEDIAN_WEIGHT_TOLERANCE } from './stats';
import type { ResolvedDimension, ResolvedFilter } from './types';

export const MAX_CELLS = 20_000;
/** Cell codes below this many are looked up in a table rather than a map. */
const CODE_TABLE_LIMIT = 1 << 22;
const MEDIAN_THRESHOLD = 1 - MEDIAN_WEIGHT_TOLERANCE;

/** One row of a cube answer, as an indicator query would return it. */
export interface CubeRow {
	key: string | null;
	label: string | null;
	value: number | null;
	numerator: number | null;
	denominator: number | null;
	n: number;
	rows: number;
	meanOfSquares: number | null;
}

interface Cell {
	round: string | null;
	keys: Array<string | null>;
	labels: Array<string | null>;
	rows: number;
	/** Additive cubes: numerator, denominator, n, squares (null: SUM of no value). */
	sums: Array<number | null>;
}

export type Cube =
	| { kind: 'additive'; dims: string[]; cells: Cell[]; parts: AdditiveParts }
	| {
			kind: 'median';
			dims: string[];
			cells: Cell[];
			/** The values of cell c, and their weights, are x[start[c]..start[c + 1]) and w[...]. */
			start: Int32Array;
			x: Float64Array;
			w: Float64Array;
			/** Each cell's total weight of values, so a group's total needs no pass over the values. */
			cellWeight: Float64Array;
	  };

// ---------------------------------------------------------------- memo per data version

const MEMO_LIMIT = 5000;
/** Per database (tests open several in one process), the values of its current data version. */
const memos = new WeakMap<object, { version: number; values: Map<string, unknown> }>();

/** A value computed once per database, data version and key (cubes, survey rounds, query rows). */
export function perVersion<T>(db: object, version: number, key: string, make: () => T): T {
	let memo = memos.get(db);
	if (!memo || memo.version !== version) memos.set(db, (memo = { version, values: new Map() }));
	const values = memo.values;
	if (values.has(key)) return values.get(key) as T;
	const v = make();
	if (values.size >= MEMO_LIMIT) values.delete(values.keys().next().value as string);
	values.set(key, v);
	return v;
}

/** Whether perVersion already holds a value for the key. */
function known(db: object, version: number, key: string): boolean {
	const memo = memos.get(db);
	return !!memo && memo.version === version && memo.values.has(key);
}

/** The value perVersion holds for the key, once `known` said it holds one. */
function keptValue<T>(db: object, key: string): T {
	return memos.get(db)?.values.get(key) as T;
}

const keyOf = (q: SqlFragment) => `${q.text}\u0000${JSON.stringify(q.params)}`;

// ---------------------------------------------------------------- loading

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readCells(db: Queryable, q: SqlFragment, dims: ResolvedDimension[], sumColumns: string[]): Cell[] | null {
	return cellsOf(db.query(q.text, [...q.params]), dims, sumColumns);
}

/** A cube query's rows as cells, the parts read from `sumColumns`; null when there are too many. */
function cellsOf(res: { columns: string[]; rows: unknown[][] }, dims: ResolvedDimension[], sumColumns: string[]): Cell[] | null {
	if (res.rows.length > MAX_CELLS) return null;
	const at = (name: string) => res.columns.indexOf(name);
	const keyAt = dims.map((d) => at(`__d_${d.id}`));
	const labelAt = dims.map((d) => (d.label ? at(`__l_${d.id}`) : -1));
	const rowsAt = at('rows');
	const roundAt = at(ROUND);
	const sumAt = sumColumns.map(at);
	return res.rows.map((r) => ({
		round: text(r[roundAt]),
		keys: keyAt.map((i) => text(r[i])),
		labels: labelAt.map((i) => (i < 0 ? null : text(r[i]))),
		rows: num(r[rowsAt]) ?? 0,
		sums: sumAt.map((i) => (i < 0 ? null : num(r[i])))
	}));
}

/** Numeric columns of a query (no NULLs), as typed arrays. */
function numericColumns(db: Queryable, q: SqlFragment, count: number): Float64Array[] {
	if (db.numericColumns) return db.numericColumns(q.text, [...q.params]);
	const res = db.query(q.text, [...q.params]);
	return Array.from({ length: count }, (_, c) => Float64Array.from(res.rows, (r) => Number(r[c])));
}

/**
 * The columns of a median cube's cells in the query's order (the round, then each
 * dimension's key and label), each column's distinct values (`levels`), and the map from a
 * value's cell code (patterns.ts MedianPlan) back to its cell's index.
 */
function cellCodes(cells: readonly Cell[], dims: readonly ResolvedDimension[]) {
	const tuple = (c: Cell) => [c.round, ...dims.flatMap((d, i) => (d.label ? [c.keys[i], c.labels[i]] : [c.keys[i]]))];
	const tuples = cells.map(tuple);
	const width = 1 + dims.reduce((n, d) => n + (d.label ? 2 : 1), 0);
	const levels = Array.from({ length: width }, (_, j) => [...new Set(tuples.map((t) => t[j]))]);
	const at = levels.map((level) => new Map(level.map((v, i) => [v, i])));
	const byCode = new Map<number, number>();
	tuples.forEach((t, ci) => byCode.set(t.reduce<number>((code, v, j) => code * levels[j].length + at[j].get(v)!, 0), ci));
	// Up to a few million codes, a table (-1: no cell) reads faster than the map.
	const span = levels.reduce((p, level) => p * level.length, 1);
	const table = span <= CODE_TABLE_LIMIT ? new Int32Array(span).fill(-1) : null;
	if (table) for (const [code, ci] of byCode) table[code] = ci;
	const missing = (code: number) => new Error(`median cube: a value's cell code ${code} is not one of the cells`);
	return {
		levels,
		cellsOf(codes: Float64Array): Int32Array {
			const out = new Int32Array(codes.length);
			// Every row's combination is a cell (the cells query groups the same rows).
			if (table) {
				for (let i = 0; i < codes.length; i++) {
					const c = table[codes[i]] ?? -1;
					if (c < 0) throw missing(codes[i]);
					out[i] = c;
				}
				return out;
			}
			for (let i = 0; i < codes.length; i++) {
				const c = byCode.get(codes[i]);
				if (c === undefined) throw missing(codes[i]);
				out[i] = c;
			}
			return out;
		}
	};
}

/** Load (or take from memo) the cube of a plan; null when it has too many cells. */
export function loadCube(db: Queryable, version: number, plan: CubePlan): Cube | null {
	const dims = plan.dimensions.map((d) => d.id);
	if (plan.kind === 'additive') {
		return perVersion(db, version, keyOf(plan.query), () => {
			const cells = readCells(db, plan.query, plan.dimensions, ['numerator', 'denominator', 'n', 'squares']);
			return cells ? { kind: 'additive', dims, cells, parts: plan.parts } : null;
		});
	}
	return perVersion(db, version, keyOf(plan.cells), () => {
		// The cells, from a merged scan (preloadCubes) or their own query.
		const merged = known(db, version, cellsKey(plan));
		let cells = merged ? keptValue<Cell[] | null>(db, cellsKey(plan)) : readCells(db, plan.cells, plan.dimensions, ['n']);
		if (!cells) return null;
		let codes = cellCodes(cells, plan.dimensions);
		let values = plan.values(codes.levels);
		if (merged && !values.coded) {
			// Values found by a join with the cells are numbered in the cells query's order.
			cells = readCells(db, plan.cells, plan.dimensions, ['n']);
			if (!cells) return null;
			codes = cellCodes(cells, plan.dimensions);
			values = plan.values(codes.levels);
		}
		const [cells64, x, w] = numericColumns(db, values.query, 3);
		const cell = values.coded ? codes.cellsOf(cells64) : Int32Array.from(cells64);
		return { kind: 'median', dims, cells, ...byCell(cell, x, w, cells.length) };
	});
}

/** Values and weights grouped by cell (a counting sort, in the order read within a cell), and each cell's total weight. */
function byCell(cell: Int32Array, x: Float64Array, w: Float64Array, cellCount: number) {
	const start = new Int32Array(cellCount + 1);
	for (let i = 0; i < cell.length; i++) start[cell[i] + 1]++;
	for (let c = 0; c < cellCount; c++) start[c + 1] += start[c];
	const at = start.slice(0, cellCount);
	const xs = new Float64Array(x.length);
	const ws = new Float64Array(w.length);
	const cellWeight = new Float64Array(cellCount);
	for (let i = 0; i < cell.length; i++) {
		const c = cell[i];
		const j = at[c]++;
		xs[j] = x[i];
		ws[j] = w[i];
		cellWeight[c] += w[i];
	}
	return { start, x: xs, w: ws, cellWeight };
}

/** Where a median's cells from a merged scan are kept (its cube, once built, under keyOf(plan.cells)). */
const cellsKey = (plan: MedianPlan) => `cells\u0000${keyOf(plan.cells)}`;

/**
 * Build, in as few scans as possible, the additive cubes and the median cells of `plans`
 * not yet kept for this version: those of one merge family (the same base rows) come from
 * one query, grouped by the dimensions of the family's widest cube (patterns.ts
 * `mergedCubeQuery`); each is its cells summed up to its own dimensions (`rollUp`) and kept
 * as `loadCube` would keep it. Cubes whose dimensions the widest does not hold, a family
 * whose merged cells would be too many, a lone cube, or a merged query that fails are left
 * to `loadCube` (or merged by exactly the same dimensions).
 */
export function preloadCubes(db: Queryable, version: number, plans: readonly CubePlan[]): void {
	const families = new Map<string, CubePlan[]>();
	const keyOfPlan = (plan: CubePlan) => (plan.kind === 'additive' ? keyOf(plan.query) : cellsKey(plan));
	for (const plan of plans) {
		if (known(db, version, keyOfPlan(plan)) || (plan.kind === 'median' && known(db, version, keyOf(plan.cells)))) continue;
		const family = families.get(plan.merge.family) ?? [];
		if (!family.some((p) => keyOfPlan(p) === keyOfPlan(plan))) family.push(plan);
		families.set(plan.merge.family, family);
	}
	for (const family of families.values()) {
		if (family.length < 2) continue;
		const widest = family.reduce((a, b) => (b.dimensions.length > a.dimensions.length ? b : a));
		const wide = new Set(widest.dimensions.map((d) => d.id));
		const inside = family.filter((p) => p.dimensions.every((d) => wide.has(d.id)));
		const left = family.filter((p) => !inside.includes(p));
		if (inside.length < 2 || !mergeInto(db, version, inside, widest)) left.push(...inside);
		// What the widest cube could not hold: merged with cubes of exactly its dimensions.
		const groups = new Map<string, CubePlan[]>();
		for (const plan of left) groups.set(plan.merge.group, [...(groups.get(plan.merge.group) ?? []), plan]);
		for (const group of groups.values()) if (group.length >= 2) mergeInto(db, version, group, group[0]);
	}
}

/** One scan for `plans`, grouped by `widest`'s dimensions; false when it fails or has too many cells. */
function mergeInto(db: Queryable, version: number, plans: readonly CubePlan[], widest: CubePlan): boolean {
	const q = mergedCubeQuery(plans, widest);
	let res: { columns: string[]; rows: unknown[][] };
	try {
		res = db.query(q.text, [...q.params]);
	} catch {
		return false;
	}
	if (res.rows.length > MAX_CELLS) return false;
	plans.forEach((plan, i) => {
		const names = plan.kind === 'additive' ? ['numerator', 'denominator', 'n', 'squares'] : ['n'];
		const wideCells = cellsOf(res, widest.dimensions, names.map((name) => `${name}_${i}`));
		const cells = wideCells && rollUp(wideCells, widest.dimensions, plan.dimensions);
		if (plan.kind === 'median') {
			perVersion(db, version, cellsKey(plan), () => cells);
			return;
		}
		const cube: Cube | null = cells ? { kind: 'additive', dims: plan.dimensions.map((d) => d.id), cells, parts: plan.parts } : null;
		perVersion(db, version, keyOf(plan.query), () => cube);
	});
	return true;
}

/**
 * Cells of `dims` (each of them one of `wideDims`) from the cells of `wideDims`: those of
 * the same round, keys and labels summed, as SQL would group the same rows by fewer columns
 * (a part is NULL when it is NULL in every cell summed, as SUM of no value is); null when
 * they would be too many.
 */
function rollUp(cells: Cell[], wideDims: readonly ResolvedDimension[], dims: readonly ResolvedDimension[]): Cell[] | null {
	const at = dims.map((d) => wideDims.findIndex((w) => w.id === d.id));
	if (at.length === wideDims.length && at.every((j, i) => j === i)) return cells;
	const byKey = new Map<string, Cell>();
	for (const c of cells) {
		const keys = at.map((j) => c.keys[j]);
		const labels = at.map((j) => c.labels[j]);
		const key = JSON.stringify([c.round, keys, labels]);
		const into = byKey.get(key);
		if (!into) {
			byKey.set(key, { round: c.round, keys, labels, rows: c.rows, sums: [...c.sums] });
			continue;
		}
		into.rows += c.rows;
		into.sums = into.sums.map((v, k) => {
			const add = c.sums[k];
			return v === null ? add : add === null ? v : v + add;
		});
	}
	return byKey.size > MAX_CELLS ? null : [...byKey.values()];
}

// ---------------------------------------------------------------- answering

/** Cells of the round a filter keeps: the key or the label equals the value, as in the indicator SQL. */
function kept(cube: Cube, round: string, filters: readonly ResolvedFilter[]): boolean[] {
	const at = filters.map((f) => ({ i: cube.dims.indexOf(f.dimension.id), value: f.value }));
	return cube.cells.map((c) => c.round === round && at.every(({ i, value }) => i >= 0 && (c.keys[i] === value || c.labels[i] === value)));
}

/** Groups of kept cells: one (key null) without a breakdown, else one per key in key order (NULL last). */
function groups(cube: Cube, keep: boolean[], breakdown: ResolvedDimension | null): Array<{ key: string | null; label: string | null; cells: number[] }> {
	if (!breakdown) return [{ key: null, label: null, cells: keep.flatMap((k, i) => (k ? [i] : [])) }];
	const b = cube.dims.indexOf(breakdown.id);
	const byKey = new Map<string | null, { key: string | null; label: string | null; cells: number[] }>();
	cube.cells.forEach((c, i) => {
		if (!keep[i]) return;
		const key = c.keys[b];
		let g = byKey.get(key);
		if (!g) byKey.set(key, (g = { key, label: null, cells: [] }));
		g.cells.push(i);
		// MIN(label) over the key's rows, as SQL does.
		const l = c.labels[b];
		if (l !== null && (g.label === null || l < g.label)) g.label = l;
	});
	return [...byKey.values()].sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
}

/** SUM over cells: NULLs skipped, NULL when every cell's sum is NULL (as SQL's SUM). */
function addUp(cube: Cube, cells: number[], part: number): number | null {
	let total: number | null = null;
	for (const i of cells) {
		const v = cube.cells[i].sums[part];
		if (v !== null) total = (total ?? 0) + v;
	}
	return total;
}

/**
 * The indicator's rows for filters and an optional breakdown, from its cube: what its own
 * query returns (one row without a breakdown, even with no rows in scope).
 */
/** Whether a cell of any round has the filter's value (key or label) on its dimension; false when the cube has no such dimension. */
export function cubeHasValue(cube: Cube, filter: ResolvedFilter): boolean {
	const i = cube.dims.indexOf(filter.dimension.id);
	return i >= 0 && cube.cells.some((c) => c.keys[i] === filter.value || c.labels[i] === filter.value);
}

export function answer(cube: Cube, round: string, filters: readonly ResolvedFilter[], breakdown: ResolvedDimension | null): CubeRow[] {
	if (breakdown && !cube.dims.includes(breakdown.id)) throw new Error(`The cube has no dimension ${breakdown.id}`);
	// The same answer is asked for more than once per view (a trend point is also the
	// value or the baseline): kept per cube.
	const key = JSON.stringify([round, filters.map((f) => [f.dimension.id, f.value]), breakdown?.id ?? null]);
	let answers = ANSWERS.get(cube);
	if (!answers) ANSWERS.set(cube, (answers = new Map()));
	const known = answers.get(key);
	if (known) return known.map((r) => ({ ...r }));
	const rows = compute(cube, round, filters, breakdown);
	if (answers.size > 200) answers.clear();
	answers.set(key, rows);
	return rows.map((r) => ({ ...r }));
}

const ANSWERS = new WeakMap<Cube, Map<string, CubeRow[]>>();

function compute(cube: Cube, round: string, filters: readonly ResolvedFilter[], breakdown: ResolvedDimension | null): CubeRow[] {
	const keep = kept(cube, round, filters);
	const gs = groups(cube, keep, breakdown);
	if (cube.kind === 'median') return medians(cube, gs);
	return gs.map((g) => {
		const rows = g.cells.reduce((s, i) => s + cube.cells[i].rows, 0);
		const numerator = addUp(cube, g.cells, 0);
		const denominator = addUp(cube, g.cells, 1);
		const n = addUp(cube, g.cells, 2) ?? 0;
		const squares = addUp(cube, g.cells, 3);
		const ratio = (a: number | null) => (a === null || denominator === null || denominator === 0 ? null : a / denominator);
		const value = cube.parts.finish === 'percent' ? ratio(numerator === null ? null : 100 * numerator) : ratio(numerator);
		return {
			key: g.key,
			label: g.label,
			value,
			numerator,
			denominator,
			n,
			rows,
			meanOfSquares: cube.parts.finish === 'mean' ? ratio(squares) : null
		};
	});
}

/**
 * Weighted medians (the smallest value whose cumulative weight, ties included, reaches
 * half the total weight, within MEDIAN_WEIGHT_TOLERANCE) of each group: a weighted
 * selection over a copy of the values of the group's cells.
 */
function medians(cube: Extract<Cube, { kind: 'median' }>, gs: Array<{ key: string | null; label: string | null; cells: number[] }>): CubeRow[] {
	return gs.map((g) => {
		// The total weight times the tolerance (2 x cumulative must reach it), from the cells' totals.
		const total = g.cells.reduce((s, c) => s + cube.cellWeight[c], 0);
		let value: number | null = null;
		if (g.cells.some((c) => cube.cellWeight[c] > 0)) {
			const size = g.cells.reduce((s, c) => s + cube.start[c + 1] - cube.start[c], 0);
			const x = new Float64Array(size);
			const w = new Float64Array(size);
			let k = 0;
			for (const c of g.cells) {
				const from = cube.start[c];
				const to = cube.start[c + 1];
				x.set(cube.x.subarray(from, to), k);
				w.set(cube.w.subarray(from, to), k);
				k += to - from;
			}
			value = weightedSelect(x, w, total * MEDIAN_THRESHOLD);
		}
		return {
			key: g.key,
			label: g.label,
			value,
			numerator: null,
			denominator: null,
			n: g.cells.reduce((s, i) => s + (cube.cells[i].sums[0] ?? 0), 0),
			rows: g.cells.reduce((s, i) => s + cube.cells[i].rows, 0),
			meanOfSquares: null
		};
	});
}

/**
 * The smallest value v of `x` whose cumulative weight (the weights of the values up to v,
 * ties included, as SQL's ORDER BY x orders them: NaN after every number) doubled reaches
 * `needed`; null when none does. Rearranges x and w (a three-way quickselect).
 */
export function weightedSelect(x: Float64Array, w: Float64Array, needed: number): number | null {
	// NaN values go last, out of the selection.
	let end = x.length;
	for (let i = 0; i < end; ) {
		if (Number.isNaN(x[i])) {
			end--;
			const t = x[i];
			x[i] = x[end];
			x[end] = t;
			const u = w[i];
			w[i] = w[end];
			w[end] = u;
		} else i++;
	}
	/** The weight of the values already known to come before [lo, hi). */
	let before = 0;
	let lo = 0;
	let hi = end;
	while (lo < hi) {
		// The median of the first, middle and last values as the pivot.
		const a = x[lo];
		const b = x[lo + ((hi - lo) >> 1)];
		const c = x[hi - 1];
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		// [lo, lt) below the pivot, [lt, i) equal to it, [gt, hi) above it.
		let lt = lo;
		let gt = hi;
		let below = 0;
		let equal = 0;
		for (let i = lo; i < gt; ) {
			const v = x[i];
			const wi = w[i];
			if (v < pivot) {
				below += wi;
				x[i] = x[lt];
				w[i] = w[lt];
				x[lt] = v;
				w[lt] = wi;
				lt++;
				i++;
			} else if (v > pivot) {
				gt--;
				x[i] = x[gt];
				w[i] = w[gt];
				x[gt] = v;
				w[gt] = wi;
			} else {
				equal += wi;
				i++;
			}
		}
		// (With nothing below the pivot, a target already met is met at the pivot, the smallest value left.)
		if (lt > lo && 2 * (before + below) >= needed) hi = lt;
		else if (2 * (before + below + equal) >= needed) return pivot;
		else {
			before += below + equal;
			lo = gt;
		}
	}
	// Only the NaN values are left.
	let nan = 0;
	for (let i = end; i < x.length; i++) nan += w[i];
	return end < x.length && 2 * (before + nan) >= needed ? NaN : null;
}
