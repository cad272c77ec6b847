/**
 * Ingest: one file in, one typed table out, and a load report whose counts reconcile
 * (rows read = rows loaded + rows rejected). Runs against the synchronous `Database`,
 * so the same code runs in the app's worker and in Node tests.
 */
import {
	CONTRACT,
	assignContractTable,
	matchColumns,
	type ContractColumn,
	type ContractTableName
} from './contract';
import {
	InputError,
	columnFacts,
	detectDialect,
	decodeText,
	detectEncoding,
	firstRecords,
	recordStartLines,
	sniffFileKind,
	splitRecord,
	toUtf8,
	type ColumnFacts,
	type KeyCheck,
	type CsvDialect
} from './csv-dialect';
import { rowObjects, type Database } from './database';
import {
	rejectErrorsSql,
	columnsOf,
	addColumn,
	describeQuery,
	dropColumn,
	withoutOptimizer,
	errorList,
	noErrors,
	readCsvAsText,
	renameColumn,
	renameTable,
	rewriteColumn,
	rowNumber,
	updateWhereChanged,
	ROW_ID,
	unnestErrors
} from './dialect';
import { cleanTextIn, isTextType, stagedColumn, MISSING_TOKENS, type NormaliseForm } from './normalise';
import { headerSignature, likelyTables, resolveSavedMapping, savedMappingOfSubset, type SavedMapping } from './mapping';
import { EngineMemoryError, MAX_FILE_BYTES, isOutOfMemory, tooLargeMessage } from './faults';
import { ident, literal } from './sql';
import { refuse } from './refusals';
import type { KeyChecker } from './key-check';

export { InputError };

/**
 * Rows per Arrow record batch when Parquet is decoded (DuckDB's row group size). The
 * reader's own default, 1,024, makes a 1M-row file 977 batches, each a set of objects
 * when the stream is read in JS (arrow-facts.ts); this makes it 9.
 */
export const PARQUET_BATCH_ROWS = 122_880;

/** Decodes Parquet bytes to an Arrow IPC stream (parquet-wasm in the page and in Node). */
export interface ParquetDecoder {
	/** The whole file, or its first `limit` rows. */
	toArrowIPC(bytes: Uint8Array, limit?: number): Uint8Array;
}

export interface RejectedValue {
	/** 1-based line in the file (CSV; the header is line 1) or row number (Parquet). */
	line: number;
	column: string | null;
	value: string | null;
	reason: string;
}

export interface LoadWarning {
	code: string;
	/** In English; the UI words it in its own language from `kind` and `params` (i18n/data-messages.ts). */
	message: string;
	/** The message's template, and the names and numbers that fill it in. */
	kind?: 'missing' | 'missing_paired' | 'exceeds' | 'more_than' | 'duplicate_key' | 'unexpected' | 'negative';
	params?: Record<string, string>;
	count: number;
	/** A few example lines. */
	lines: number[];
}

export interface LoadReport {
	file: string;
	table: string;
	format: 'csv' | 'parquet';
	bytes: number;
	sha256: string;
	loadedAt: string;
	dialect: Omit<CsvDialect, 'columns' | 'headerNotes' | 'skip'> | null;
	contract: ContractTableName | null;
	/** How: by the file's name, by its columns, by the user, or by a mapping the user saved for this header. */
	assignedBy: 'name' | 'columns' | 'user' | 'saved' | null;
	/** When unassigned: the contract tables that might fit. */
	candidates: ContractTableName[];
	/** Canonical name -> the file's column, for assigned tables. */
	mapping: Record<string, string>;
	/** The file's own column names, in order, before any mapping. */
	sourceColumns: string[];
	/** When a mapping saved on this device for the same header was used: when it was saved. */
	mappingReused: { savedAt: string } | null;
	missingRequired: string[];
	missingOptional: string[];
	unknownColumns: string[];
	rowsRead: number;
	rowsLoaded: number;
	rowsRejected: number;
	/** Every rejected value is kept in the `pantau_rejects` table; the first ones are here. */
	rejects: RejectedValue[];
	rejectsTotal: number;
	warnings: LoadWarning[];
	notes: string[];
	ms: number;
}

export interface LoadOptions {
	tableName?: string;
	/** Force a contract table (or none, with null). */
	contract?: ContractTableName | null;
	/** Canonical column -> file column, overriding name/alias matching (`''`: none). */
	mapping?: Record<string, string>;
	/**
	 * Mappings saved on this device, by header signature. Used when neither `contract` nor
	 * `mapping` is given and the file has a header: a file with a saved header is mapped as saved.
	 */
	savedMappings?: ReadonlyMap<string, SavedMapping>;
	/** Set (by the workspace) when `contract` and `mapping` came from a saved mapping: when it was saved. */
	reusedMappingAt?: string;
	/**
	 * Internal: how the typing projection is written (normalise.ts, NormaliseForm). Both give
	 * the same result; `robust` is kept so tests can compare the fast form against it.
	 */
	normalise?: 'fast' | 'robust';
}

export const REJECTS_TABLE = 'pantau_rejects';
const REPORT_REJECT_LIMIT = 200;
export { MAX_FILE_BYTES };

export function fileExtension(name: string): string {
	const lower = name.toLowerCase();
	if (lower.endsWith('.csv.gz')) return 'csv.gz';
	const m = /\.([a-z0-9]+)$/.exec(lower);
	return m ? m[1] : '';
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as unknown as ArrayBuffer]).stream().pipeThrough(new DecompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Decide what a file is and get its bytes ready, or say exactly why not. */
export async function prepareBytes(
	fileName: string,
	bytes: Uint8Array,
	limit = MAX_FILE_BYTES
): Promise<{ format: 'csv' | 'parquet'; bytes: Uint8Array; notes: string[] }> {
	const notes: string[] = [];
	if (bytes.length > limit) throw new InputError(tooLargeMessage(fileName, bytes.length, limit));
	let kind = sniffFileKind(bytes);
	const ext = fileExtension(fileName);
	if (kind === 'empty') throw refuse('empty', { file: fileName });
	if (kind === 'gzip') {
		try {
			bytes = await gunzip(bytes);
		} catch (e) {
			throw refuse('gzip_broken', { file: fileName, detail: String((e as Error)?.message ?? e) });
		}
		kind = sniffFileKind(bytes);
		if (kind === 'empty') throw refuse('gzip_empty', { file: fileName });
		if (bytes.length > limit) throw new InputError(tooLargeMessage(fileName, bytes.length, limit, 'decompresses to'));
	}
	if (kind === 'zip') throw refuse('xlsx', { file: fileName });
	if (kind === 'ole') throw refuse('xls', { file: fileName });
	if (kind === 'pdf') throw refuse('pdf', { file: fileName });
	if (kind === 'parquet') {
		if (ext !== 'parquet') notes.push(`${fileName} is a Parquet file (despite its .${ext} name) and was read as Parquet.`);
		return { format: 'parquet', bytes, notes };
	}
	if (ext === 'parquet') throw refuse('not_parquet', { file: fileName });
	return { format: 'csv', bytes, notes };
}

let uniqueCounter = 0;
function internalName(prefix: string): string {
	uniqueCounter += 1;
	return `__${prefix}_${Date.now().toString(36)}_${uniqueCounter}`;
}

interface SourceColumn {
	name: string;
	type: string;
}

/** Special defaults the contract defines in terms of other columns. */
function derivedDefault(table: ContractTableName, col: string, present: Set<string>): string | null {
	if (table === 'loans' && col === 'status' && present.has('outstanding_idr'))
		return `CASE WHEN ${ident('outstanding_idr')} > 0 THEN 'active' END`;
	if (table === 'village_index' && col === 'status' && present.has('score'))
		return `CASE WHEN ${ident('score')} IS NULL THEN NULL WHEN ${ident('score')} <= 0.4907 THEN 'Sangat Tertinggal' WHEN ${ident('score')} <= 0.5989 THEN 'Tertinggal' WHEN ${ident('score')} <= 0.7072 THEN 'Berkembang' WHEN ${ident('score')} <= 0.8155 THEN 'Maju' ELSE 'Mandiri' END`;
	return null;
}

/** Internal columns of the staged load table; a file's own columns never take these names. */
const ROW = '__pantau_row';
const ERRORS = '__pantau_errors';
/** Why a spreadsheet's totals row (JUMLAH BELANJA) is rejected. */
const TOTALS_ROW_REASON = 'is a totals row, not a row of its own: left out so that its amounts are not counted twice';
const EMPTY = '__pantau_empty';
/** Names no file column is staged under: the internal columns, and the row id (rowNumber). */
const INTERNAL = new Set([ROW, ERRORS, EMPTY, ROW_ID]);

/** Names of unknown columns that hold codes or identifiers: never turned into numbers. */
const CODE_LIKE = /(^|_)(id|kode|code|no|nomor|nik|kk|hash|rt|rw|telp|phone|hp)($|_)/i;

/** One output column of a plan, for typing a table in place (inPlaceSteps). */
interface PlanColumn {
	/** Its name in the table. */
	name: string;
	/** The file column it is read from, or null for a contract default the file lacks. */
	from: string | null;
	/** Its value, from the file column alone (or a constant). */
	value: string;
	/** Whether the value is the file column's own value, unchanged. */
	same: boolean;
}

interface Plan {
	sql: string;
	/** The same with each source row's number as column ROW (for a source that is a table). */
	sqlWithRows: string;
	/** The output columns in order (canonical, then unknown), without the internal ones. */
	columns: PlanColumn[];
	canonical: string[];
	unknown: string[];
	/** Unknown columns kept under another name, as notes for the user. */
	renamed: string[];
	mapping: Record<string, string>;
	missingRequired: string[];
	missingOptional: string[];
}

/** Which file column each contract column is read from: the names matched, then the mapping given. */
function contractMapping(contract: ContractTableName | null, colNames: string[], forcedMapping: Record<string, string> | undefined): Record<string, string> {
	const mapping: Record<string, string> = {};
	if (!contract) return mapping;
	const def = CONTRACT[contract];
	const m = matchColumns(def, colNames);
	for (const [k, v] of m.mapped) mapping[k] = v;
	if (forcedMapping) {
		for (const [k, v] of Object.entries(forcedMapping)) {
			if (!def.columns.some((c) => c.name === k)) continue;
			if (v && colNames.includes(v)) {
				for (const [kk, vv] of Object.entries(mapping)) if (vv === v && kk !== k) delete mapping[kk];
				mapping[k] = v;
			} else if (!v) delete mapping[k];
		}
	}
	return mapping;
}

/**
 * The file columns of the contract's key, when the scan of a CSV file's bytes can tell that
 * no key repeats: every key column is mapped and holds text (the loaded value is then the
 * file's text itself, for a column with no padding and no missing-value code).
 */
function textKeyColumns(contract: ContractTableName | null, mapping: Record<string, string>): string[] | null {
	const def = contract ? CONTRACT[contract] : null;
	if (!def?.key) return null;
	const cols = def.key.map((k) => (def.columns.find((c) => c.name === k)?.kind === 'text' ? mapping[k] : undefined));
	return cols.every((c): c is string => c !== undefined) ? cols : null;
}

/** The staged SELECT that types a source into contract form with an `__errors` list per row. */
function buildPlan(
	source: string,
	srcCols: SourceColumn[],
	contract: ContractTableName | null,
	decimal: '.' | ',',
	/** Contract column -> file column (contractMapping). */
	mapping: Record<string, string>,
	form: NormaliseForm = 'robust',
	/** Source column -> what a scan of the CSV showed about its values. */
	facts: Map<string, ColumnFacts> = new Map()
): Plan {
	const colNames = srcCols.map((c) => c.name);
	const typeOf = new Map(srcCols.map((c) => [c.name, c.type]));
	let contractCols: ContractColumn[] = [];
	let missingRequired: string[] = [];
	let missingOptional: string[] = [];
	if (contract) {
		const def = CONTRACT[contract];
		contractCols = def.columns;
		missingRequired = def.columns.filter((c) => c.required && !(c.name in mapping)).map((c) => c.name);
		missingOptional = def.columns.filter((c) => !c.required && !(c.name in mapping) && c.defaultValue === undefined).map((c) => c.name);
	}
	const used = new Set(Object.values(mapping));
	const canonicalNames = new Set(contractCols.map((c) => c.name));
	// Unknown columns keep their names, unless one would clash (DuckDB names are
	// case-insensitive) with a canonical name, an internal column or another output name.
	const taken = new Set([...canonicalNames, ...INTERNAL]);
	const unknown = colNames.filter((c) => !used.has(c));
	const renamed: string[] = [];
	const unknownOut = unknown.map((c) => {
		const base = canonicalNames.has(c.trim().toLowerCase()) || INTERNAL.has(c.toLowerCase()) ? `${c}_original` : c;
		let name = base;
		for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
		taken.add(name.toLowerCase());
		if (name !== c) renamed.push(`column "${c}" is kept as "${name}" (its own name is taken)`);
		return name;
	});

	// No row number is staged: the staged table keeps the source's order, so a row's number
	// is its rowid + 1 (rowNumber), without a window over every row.
	const pre: string[] = [];
	const mid: string[] = [];
	const errs: string[] = [];
	const failed: string[] = [];
	const outs: string[] = [];
	const canonical: string[] = [];
	const columns: PlanColumn[] = [];
	const present = new Set<string>();
	/** A stand-in for a staged value, to tell stages that leave it as it is. */
	const X = '"__pantau_x"';
	/** Every staged value of the row, to tell a row with no values at all. */
	const staged: string[] = [];
	contractCols.forEach((col, i) => {
		const fileCol = mapping[col.name];
		const p = `"__pantau_p${i}"`;
		const t = `"__pantau_t${i}"`;
		if (fileCol !== undefined) {
			const st = stagedColumn(col, ident(fileCol), typeOf.get(fileCol) ?? 'VARCHAR', decimal, fileCol, form, facts.get(fileCol));
			pre.push(`${st.pre} AS ${p}`);
			mid.push(p, `${st.typed(p)} AS ${t}`);
			// The fast form leaves out messages that can never be given (NULL items add nothing).
			const fails = st.failed(p, t);
			if (form === 'robust' || fails !== 'FALSE') {
				// The file's text, carried for the message where it quotes that (StagedColumn.raw).
				const r = st.raw !== undefined ? `"__pantau_r${i}"` : undefined;
				if (r) {
					pre.push(`${st.raw} AS ${r}`);
					mid.push(r);
				}
				errs.push(st.error(p, t, r));
				failed.push(fails);
			}
			outs.push(`${st.final(t)} AS ${ident(col.name)}`);
			const src = ident(fileCol);
			const type = typeOf.get(fileCol) ?? 'VARCHAR';
			const read = st.pre === src ? src : `(${st.pre})`;
			columns.push({
				name: col.name,
				from: fileCol,
				value: st.final(st.typed(read)),
				same: st.typed(X) === X && st.final(X) === X && (st.pre === src || st.pre === `CAST(${src} AS ${type})`)
			});
			canonical.push(col.name);
			present.add(col.name);
			staged.push(p);
		}
	});
	// A spreadsheet's totals rows are not rows of the table (contract `totalsRows`): rejected,
	// named by the first label column that marks them.
	const totals = contract ? CONTRACT[contract].totalsRows : undefined;
	if (totals) {
		const marks = contractCols.flatMap((col, i) => {
			const fileCol = mapping[col.name];
			if (fileCol === undefined || !totals.columns.includes(col.name) || !isTextType(typeOf.get(fileCol) ?? 'VARCHAR')) return [];
			const p = `"__pantau_p${i}"`;
			return [{ p, label: fileCol, when: `(${totals.words.map((w) => `lower(${p}) LIKE ${literal(`${w}%`)}`).join(' OR ')})` }];
		});
		if (marks.length > 0) {
			errs.push(`CASE ${marks.map((m) => `WHEN ${m.when} THEN ${literal(m.label)} || ': "' || ${m.p} || '" ' || ${literal(TOTALS_ROW_REASON)}`).join(' ')} END`);
			failed.push(marks.map((m) => m.when).join(' OR '));
		}
	}
	contractCols.forEach((col) => {
		if (present.has(col.name)) return;
		if (col.defaultValue !== undefined) {
			const st = stagedColumn(col, 'NULL', 'VARCHAR', decimal, col.name);
			outs.push(`${st.final('NULL')} AS ${ident(col.name)}`);
			columns.push({ name: col.name, from: null, value: st.final('NULL'), same: false });
			canonical.push(col.name);
		}
	});
	unknown.forEach((c, j) => {
		const q = `"__pantau_u${j}"`;
		const type = typeOf.get(c) ?? 'VARCHAR';
		const value = isTextType(type) ? cleanTextIn(form, ident(c), facts.get(c)) : ident(c);
		pre.push(`${value} AS ${q}`);
		mid.push(q);
		outs.push(`${q} AS ${ident(unknownOut[j])}`);
		columns.push({ name: unknownOut[j], from: c, value, same: value === ident(c) });
		staged.push(q);
	});
	outs.push(`${form === 'fast' ? errorList(errs, failed.join(' OR ') || 'FALSE') : errorList(errs)} AS ${ident(ERRORS)}`);
	// A row whose every value is empty or a missing-value code (`;;;;` rows under an Excel table).
	const allNull = staged.length > 0 ? staged.map((x) => `${x} IS NULL`).join(' AND ') : 'FALSE';
	// In a CASE the test stops at a row's first value (the same TRUE/FALSE: IS NULL is never NULL).
	outs.push(`${form === 'fast' ? `CASE WHEN ${allNull} THEN TRUE ELSE FALSE END` : `(${allNull})`} AS ${ident(EMPTY)}`);
	const select = (o: string[], m: string[], p: string[]) => `SELECT ${o.join(', ')} FROM (SELECT ${m.join(', ')} FROM (SELECT ${p.join(', ')} FROM ${source}))`;
	const sql = select(outs, mid, pre);
	const row = ident(ROW);
	const sqlWithRows = select([...outs, row], [...mid, row], [...pre, `${rowNumber()} AS ${row}`]);
	return { sql, sqlWithRows, columns, canonical, unknown: unknownOut, renamed, mapping, missingRequired, missingOptional };
}

/**
 * From a file's column names alone: the order the plan gives its columns (the contract's
 * columns in its order, as mapped, then the others in the file's order), and the columns
 * of the contract's key where they hold text (textKeyColumns). The file's order and no key
 * where the names repeat (ignoring case), a name is empty (or "null") or no contract table
 * is found.
 */
function planByNames(tableName: string, names: string[], options: LoadOptions): { order: string[]; keys: string[] | null } {
	// Arrow in JS reads an empty name as "null", where DuckDB names the column itself: a
	// column so called is never reordered.
	const asFile = { order: names, keys: null };
	if (names.some((n) => n === '' || n === 'null') || new Set(names.map((n) => n.toLowerCase())).size !== names.length) return asFile;
	// The contract and mapping depend on the names only (types only rank candidates, when no table is found).
	const chosen = chooseContract(tableName, names.map((name) => ({ name, type: 'VARCHAR' })), options, true);
	const contract = chosen.assignment.table;
	if (!contract) return asFile;
	const mapping = contractMapping(contract, names, chosen.mapping);
	const mapped = CONTRACT[contract].columns.flatMap((c) => (mapping[c.name] !== undefined ? [mapping[c.name]] : []));
	if (new Set(mapped).size !== mapped.length) return asFile;
	const used = new Set(mapped);
	return { order: [...mapped, ...names.filter((n) => !used.has(n))], keys: textKeyColumns(contract, mapping) };
}

/** Whether a string column's facts show plain text: no padding, no missing-value codes (the loaded text is the file's). */
function plainText(facts: ReadonlyMap<string, ColumnFacts>, column: string): boolean {
	const f = facts.get(column);
	return !!f && !f.padded && !f.tokens;
}

/** The names columns take while renamed in place (no file column has such a name there). */
const RENAMING = '__pantau_rename_';

/** How a table of a file's own columns becomes the loaded table where it stands. */
interface InPlaceSteps {
	/** Columns whose values change, each from its own values: [file column, value, its type now]. */
	rewrites: Array<[string, string, string]>;
	/** Columns kept under another name: [file column, name]. */
	renames: Array<[string, string]>;
	/** Contract columns the file lacks, with their default: [name, value]. */
	adds: Array<[string, string]>;
}

/**
 * Whether the plan's table can be made from the source table (a decoded Parquet file) in
 * place, and how: rewriting the columns whose values change, renaming, adding defaults,
 * and deleting the rows with an error or no values. This gives the same table as the
 * plan's copy (same columns, order, types and rows) without copying the columns that stay
 * as they are. Not when a default reads another column (derivedDefault), or when the source
 * table's column order is not the plan's (DuckDB cannot reorder columns in place: a Parquet
 * file's stream is put in the plan's order first, planByNames, but an added default comes last).
 */
function inPlaceSteps(srcCols: SourceColumn[], plan: Plan, contract: ContractTableName | null): InPlaceSteps | null {
	const present = new Set(plan.canonical);
	if (contract && CONTRACT[contract].columns.some((c) => derivedDefault(contract, c.name, present) !== null)) return null;
	// A column called like the row id (or an internal column) would stand for it in the row
	// numbers read from the source table; the copy renames it first.
	if (srcCols.some((c) => c.name.toLowerCase().startsWith(RENAMING) || INTERNAL.has(c.name.toLowerCase()))) return null;
	const byFrom = new Map<string, PlanColumn>();
	for (const c of plan.columns) {
		if (c.from === null) continue;
		if (byFrom.has(c.from)) return null;
		byFrom.set(c.from, c);
	}
	const order = [...srcCols.map((c) => byFrom.get(c.name)?.name), ...plan.columns.filter((c) => c.from === null).map((c) => c.name)];
	if (order.length !== plan.columns.length || order.some((name, i) => name !== plan.columns[i].name)) return null;
	return {
		rewrites: plan.columns.flatMap((c): Array<[string, string, string]> =>
			c.from !== null && !c.same ? [[c.from, c.value, srcCols.find((s) => s.name === c.from)!.type]] : []
		),
		renames: plan.columns.flatMap((c): Array<[string, string]> => (c.from !== null && c.from !== c.name ? [[c.from, c.name]] : [])),
		adds: plan.columns.flatMap((c): Array<[string, string]> => (c.from === null ? [[c.name, c.value]] : []))
	};
}

/**
 * Carry out inPlaceSteps on table `table`, whose rows with an error or no values (`dropped`
 * of them) are listed by row number (ROW) in the staged table `staged`.
 */
function typeInPlace(db: Database, table: string, staged: string, dropped: number, steps: InPlaceSteps): void {
	const changed = [...steps.rewrites.map(([from, value]) => ({ name: from, value })), ...steps.adds.map(([name, value]) => ({ name, value }))];
	const types = new Map<string, string>();
	if (changed.length > 0) {
		// Each changed column's type, as the plan's copy would make it.
		const described = db.query(describeQuery(`SELECT ${changed.map((c, i) => `${c.value} AS "c${i}"`).join(', ')} FROM ${ident(table)}`));
		described.rows.forEach((r, i) => types.set(changed[i].name, String(r[1])));
	}
	for (const [from, value, now] of steps.rewrites) {
		const type = types.get(from)!;
		// Of the same type, only the values that change are written (most often none: an
		// update costs about a scan, a rewrite of the column several times that, measured);
		// of another type, the column is rewritten.
		if (now === type) db.exec(updateWhereChanged(table, from, value));
		else db.exec(rewriteColumn(table, from, type, value));
	}
	if (dropped > 0) db.exec(`DELETE FROM ${ident(table)} WHERE ${rowNumber()} IN (SELECT ${ident(ROW)} FROM ${ident(staged)})`);
	// Renamed through names no column has, so that two columns can trade names.
	steps.renames.forEach(([from], i) => db.exec(renameColumn(table, from, `${RENAMING}${i}`)));
	steps.renames.forEach(([, to], i) => db.exec(renameColumn(table, `${RENAMING}${i}`, to)));
	for (const [name, value] of steps.adds) db.exec(addColumn(table, name, types.get(name)!, value));
}

/** Map accepted-row numbers to file lines, given the lines DuckDB set aside. */
function lineMapper(starts: () => Int32Array | null, dialect: CsvDialect | null, structuralLines: number[]): (row: number) => number {
	if (!dialect) return (row) => row;
	const header = dialect.header;
	// Built on the first call: a file with nothing to report never needs it.
	let accepted: number[] | null = null;
	return (row) => {
		if (accepted === null) {
			const all = starts();
			if (!all) return row;
			const skip = new Set(structuralLines);
			// Lines before the first record (blank, spaces, a `sep=` hint) are not records.
			const first = all.findIndex((line) => line > dialect.skip);
			accepted = [];
			if (first >= 0) for (let i = first + (header ? 1 : 0); i < all.length; i++) if (!skip.has(all[i])) accepted.push(all[i]);
		}
		return accepted[row - 1] ?? row + (header ? 1 : 0);
	};
}

/** The byte offset where 1-based physical `line` starts (the end of the bytes when there are fewer lines). */
function lineStart(bytes: Uint8Array, line: number): number {
	let at = 0;
	for (let l = 1; l < line; l++) {
		const nl = bytes.indexOf(10, at);
		if (nl < 0) return bytes.length;
		at = nl + 1;
	}
	return at;
}

/**
 * The physical lines a record starting on `line` spans (a quoted value can hold newlines,
 * and an unclosed quote runs to the end of the file), and how many of the lines after the
 * first hold anything.
 */
function recordSpan(utf8: Uint8Array, starts: Int32Array, line: number): { last: number; more: number } {
	let next = -1;
	for (let i = 0; i < starts.length; i++) {
		if (starts[i] > line) {
			next = starts[i];
			break;
		}
	}
	let current = 1;
	let last = line;
	let more = 0;
	let filled = false;
	for (let i = 0; i < utf8.length; i++) {
		const c = utf8[i];
		if (c === 10) {
			if (current > line && filled) more++;
			current++;
			filled = false;
			if (next > 0 && current >= next) break;
			continue;
		}
		if (current > line && c !== 32 && c !== 9 && c !== 13) {
			filled = true;
			last = current;
		}
	}
	if (current > line && filled && (next < 0 || current < next)) more++;
	return { last, more };
}

/** Newline positions, to turn DuckDB's byte offsets into physical line numbers. */
function physicalLine(utf8: Uint8Array): (byte: number) => number {
	const nl: number[] = [];
	for (let i = 0; i < utf8.length; i++) if (utf8[i] === 10) nl.push(i);
	return (byte) => {
		let lo = 0;
		let hi = nl.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (nl[mid] < byte) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
}

export function ensureRejectsTable(db: Database): void {
	db.exec(
		`CREATE TABLE IF NOT EXISTS ${ident(REJECTS_TABLE)} ("table_name" VARCHAR, "file" VARCHAR, "line" BIGINT, "column" VARCHAR, "value" VARCHAR, "reason" VARCHAR)`
	);
}

/**
 * Load one file's bytes into table `tableName`. The table must not exist yet.
 * Throws InputError with a specific message when the file cannot be read at all.
 */
export interface SourceFile {
	name: string;
	/** The file's bytes; for a remote Parquet file read by range requests, the Arrow IPC of the columns read instead. */
	bytes: Uint8Array;
	arrowIPC?: Uint8Array;
	/** A remote file's size, when its server said (its bytes are not all here to count). */
	size?: number;
	/** Notes about how the file was obtained (e.g. bytes transferred by range requests). */
	notes?: string[];
}

export async function ingestFile(
	db: Database,
	parquet: ParquetDecoder,
	file: SourceFile,
	tableName: string,
	options: LoadOptions = {},
	keyChecker?: KeyChecker
): Promise<LoadReport> {
	const t0 = performance.now();
	const remote = file.arrowIPC !== undefined;
	// The digest runs beside the load (WebCrypto works off this thread, on its own copy of
	// the bytes) and is awaited only for the report.
	const digest = remote ? Promise.resolve('') : sha256Hex(file.bytes);
	digest.catch(() => undefined);
	const prepared = remote ? { format: 'parquet' as const, bytes: file.bytes, notes: [] } : await prepareBytes(file.name, file.bytes);
	const notes = [...(file.notes ?? []), ...prepared.notes];
	const fsName = internalName('file') + (prepared.format === 'csv' ? '.csv' : '.parquet');
	const raw = internalName('raw');
	const load = internalName('load');
	const rejTable = internalName('rej');
	const rejScan = internalName('scan');
	let dialect: CsvDialect | null = null;
	let utf8: Uint8Array | null = null;
	let source: string;
	/** The file's columns, in its order. */
	let srcCols: SourceColumn[];
	/** The columns of the table the file was read into (a Parquet file's), in its order. */
	let rawCols: SourceColumn[] = [];
	/** What each string column of a Parquet file holds (fast form only). */
	let parquetFacts = new Map<string, ColumnFacts>();
	/** The Parquet file's Arrow stream (fast form only), for the key check. */
	let arrowIPC: Uint8Array | null = null;
	/** A Parquet file's key check handed to another thread, for the key its names give. */
	let handedKeys: { keys: string[]; distinct: Promise<boolean> } | null = null;
	/** Whether the table was made, and whether the load finished: a table made by a load that then failed is dropped. */
	let created = false;
	let done = false;
	ensureRejectsTable(db);
	try {
		if (prepared.format === 'csv') {
			const decoded = decodeText(file.name, prepared.bytes);
			const encoding = decoded.encoding;
			utf8 = decoded.utf8;
			notes.push(...decoded.notes);
			const head = new TextDecoder('utf-8').decode(utf8.subarray(0, 256 * 1024));
			if (looksBinary(head)) throw refuse('binary', { file: file.name });
			if (isBlank(utf8)) throw refuse('blank', { file: file.name });
			const markup = markupKind(head);
			if (markup) throw refuse(markup, { file: file.name });
			dialect = detectDialect(head, encoding, fileExtension(file.name), decoded.sep);
			if (dialect.columns.length > MAX_COLUMNS) throw refuse('too_many_columns', { file: file.name, n: String(dialect.columns.length), max: String(MAX_COLUMNS) });
			notes.push(...dialect.headerNotes.map((n) => `${file.name}: ${n}`));
			if (dialect.title !== undefined) notes.push(titleNote(file.name, dialect.skip, dialect.title));
			if (!dialect.header) notes.push(`${file.name} has no header row; its columns are called column1, column2, ...`);
			db.registerBuffer(fsName, utf8);
			source = readCsvAsText(fsName, dialect, rejTable, rejScan);
			srcCols = dialect.columns.map((name) => ({ name, type: 'VARCHAR' }));
		} else {
			let ipc: Uint8Array;
			try {
				ipc = file.arrowIPC ?? parquet.toArrowIPC(prepared.bytes);
			} catch (e) {
				throw refuse('parquet_damaged', { file: file.name, detail: String((e as Error).message ?? e).slice(0, 200) });
			}
			/** The file's column names in its own order, where the table is made in another (the plan's). */
			let fileOrder: string[] | null = null;
			// What the string columns hold, so clean ones skip the cleaning tests (as in a CSV file).
			if ((options.normalise ?? 'fast') === 'fast') {
				const { arrowColumnNames, arrowTextFacts, selectArrowColumns } = await import('./arrow-facts');
				parquetFacts = arrowTextFacts(ipc);
				// The table is made with its columns in the plan's order, so that it can be typed in
				// place (inPlaceSteps); the report keeps the file's order.
				const names = arrowColumnNames(ipc);
				const byNames = planByNames(tableName, names, options);
				if (byNames.order.some((n, i) => n !== names[i])) {
					ipc = selectArrowColumns(ipc, byNames.order);
					fileOrder = names;
				}
				arrowIPC = ipc;
				// The key check, on another thread while DuckDB takes the stream in.
				const keys = byNames.keys;
				if (keys?.every((c) => plainText(parquetFacts, c)) && keyChecker?.takes(ipc.byteLength)) {
					handedKeys = { keys, distinct: keyChecker.check({ kind: 'arrow', ipc: selectArrowColumns(ipc, keys), keys }) };
				}
			}
			db.insertArrowIPC(raw, ipc);
			source = ident(raw);
			rawCols = rowObjects<{ column_name: string; data_type: string }>(db.query(columnsOf(raw))).map((r) => ({
				name: r.column_name,
				type: r.data_type
			}));
			const byName = new Map(rawCols.map((c) => [c.name, c]));
			srcCols = fileOrder ? fileOrder.map((n) => byName.get(n)!) : rawCols;
			if (srcCols.length === 0) throw refuse('no_columns', { file: file.name });
			if (srcCols.length > MAX_COLUMNS) throw refuse('too_many_columns', { file: file.name, n: String(srcCols.length), max: String(MAX_COLUMNS) });
		}

		const sourceColumns = srcCols.map((c) => c.name);
		const chosen = chooseContract(tableName, srcCols, options, dialect === null || dialect.header);
		const assignment = chosen.assignment;
		const contract = assignment.table;
		const form: NormaliseForm = options.normalise ?? 'fast';
		const mapping = contractMapping(contract, sourceColumns, chosen.mapping);
		// The key's file columns, where a scan can tell that no key repeats.
		const keyCols = textKeyColumns(contract, mapping);
		// What each column's values look like (from the CSV's bytes, or the Parquet file's Arrow
		// strings), so clean columns skip the cleaning tests.
		const facts = new Map<string, ColumnFacts>(parquetFacts);
		/** Whether the scan showed that no key repeats (then the duplicate-key query is not run). */
		let keysDistinct = false;
		/** The same from the key check on another thread, awaited once the file is read. */
		let keyAnswer: Promise<boolean> | null = null;
		if (form === 'fast' && dialect && utf8) {
			const d = dialect;
			// The scans start at the first record, after any lines the reader skips.
			const body = d.skip > 0 ? utf8.subarray(lineStart(utf8, d.skip + 1)) : utf8;
			const keyIndices = keyCols ? keyCols.map((c) => d.columns.indexOf(c)) : null;
			// The key check goes to another thread where it can (it runs beside this scan and
			// DuckDB's read), else it is made in this scan.
			const handed =
				keyIndices && keyChecker?.takes(utf8.byteLength)
					? keyChecker.check({ kind: 'csv', utf8: body.slice(), delimiter: d.delimiter, header: d.header, columns: d.columns.length, keys: keyIndices })
					: null;
			const keys: KeyCheck | undefined = keyIndices && !handed ? { columns: keyIndices, distinct: null } : undefined;
			const found = columnFacts(body, d.delimiter, d.header, d.columns.length, keys);
			d.columns.forEach((c, i) => facts.set(c, found[i]));
			// Distinct bytes are distinct keys only where the loaded text is the file's text.
			const keysPlain = !!keyIndices && keyIndices.every((i) => !found[i].padded && !found[i].tokens);
			if (handed && keysPlain) keyAnswer = handed;
			keysDistinct = keys?.distinct === true && keysPlain;
		} else if (form === 'fast' && arrowIPC) {
			// The same from a Parquet file's Arrow strings (handed over above, for the same key).
			if (keyCols?.every((c) => plainText(parquetFacts, c))) {
				if (handedKeys && handedKeys.keys.join('\u0000') === keyCols.join('\u0000')) keyAnswer = handedKeys.distinct;
				else {
					const { arrowKeysDistinct } = await import('./arrow-facts');
					keysDistinct = arrowKeysDistinct(arrowIPC, keyCols);
				}
			}
		}
		const plan = buildPlan(source, srcCols, contract, dialect?.decimal ?? '.', mapping, form, facts);
		if (contract && plan.missingRequired.length > 0) {
			notes.push(
				`${file.name} is assigned to ${contract} but lacks its required column(s) ${plan.missingRequired.join(', ')}; indicators that need them show "no data".`
			);
		}

		// A Parquet file's table is typed where it stands when it can be (inPlaceSteps); the
		// staged table then holds only the rows with an error or no values.
		const steps = prepared.format === 'parquet' && form === 'fast' ? inPlaceSteps(rawCols, plan, contract) : null;
		try {
			withoutOptimizer(db, () =>
				db.exec(
					steps
						? `CREATE TABLE ${ident(load)} AS SELECT ${[ROW, ERRORS, EMPTY].map(ident).join(', ')} FROM (${plan.sqlWithRows}) WHERE NOT (${loadedRows()})`
						: `CREATE TABLE ${ident(load)} AS ${plan.sql}`
				)
			);
		} catch (e) {
			const msg = String((e as Error).message ?? e).split('\n')[0];
			if (isOutOfMemory(e)) throw new EngineMemoryError(file.name, msg);
			throw refuse('unreadable', { file: file.name, detail: msg });
		}

		// Structural problems DuckDB set aside (ragged rows, unclosed quotes).
		const structural =
			prepared.format === 'csv'
				? rowObjects<{ line: number; line_byte_position: number; column_name: string | null; error_type: string; error_message: string; csv_line: string | null }>(
						db.query(rejectErrorsSql(rejTable))
					)
				: [];
		const physical = utf8 && structural.length > 0 ? physicalLine(utf8) : null;
		// Where each record starts, found when a line number is first needed (a scan of every byte).
		let startLines: Int32Array | null | undefined;
		const starts = (): Int32Array | null => {
			if (startLines === undefined) startLines = utf8 && dialect ? recordStartLines(utf8, dialect.delimiter) : null;
			return startLines;
		};
		const structuralRejects: RejectedValue[] = [];
		/** Lines DuckDB set aside that hold nothing but spaces: skipped like blank lines. */
		const blankLines: number[] = [];
		/** Lines after an unclosed quote that DuckDB read as part of it: never read as rows. */
		let swallowed = 0;
		const seen = new Set<number>();
		for (const r of structural) {
			const line = physical ? physical(Number(r.line_byte_position)) : Number(r.line);
			if (seen.has(line)) continue;
			seen.add(line);
			const text = r.csv_line ?? '';
			if (text.trim() === '') {
				blankLines.push(line);
				continue;
			}
			const recordStarts = r.error_type === 'UNQUOTED VALUE' ? starts() : null;
			const span = utf8 && recordStarts ? recordSpan(utf8, recordStarts, line) : null;
			const s = structuralReject(r.error_type, r.error_message, text, line, dialect?.delimiter ?? ',', span);
			swallowed += s.swallowed;
			const counted = countColumn(r.error_type, text, dialect);
			structuralRejects.push({ line, column: counted === undefined ? r.column_name : counted, value: s.value, reason: s.reason });
		}
		const structuralLines = [...seen];
		if (blankLines.length > 0) notes.push(`${file.name}: ${blankLines.length} line(s) holding only spaces were skipped (line ${blankLines.slice(0, 5).join(', ')}${blankLines.length > 5 ? ', ...' : ''}).`);

		/** A staged row's number in the source. */
		const rowOf = steps ? ident(ROW) : rowNumber();
		const [counts] = rowObjects<{ n: number; empty: number }>(
			db.query(
				`SELECT ${steps ? `(SELECT count(*) FROM ${ident(raw)})` : 'count(*)'} AS "n", count(*) FILTER (WHERE ${ident(EMPTY)}) AS "empty" FROM ${ident(load)}`
			)
		);
		const accepted = Number(counts.n);
		const emptyRows = Number(counts.empty);
		const toLine = lineMapper(starts, dialect, structuralLines);
		if (emptyRows > 0) {
			const examples = db.query(`SELECT ${rowOf} FROM ${ident(load)} WHERE ${ident(EMPTY)} ORDER BY 1 LIMIT 5`).rows.map((r) => toLine(Number(r[0])));
			notes.push(
				`${file.name}: ${emptyRows} row(s) with no values (only delimiters or missing-value codes) were skipped and are not counted as read (${prepared.format === 'csv' ? 'line' : 'row'} ${examples.join(', ')}${emptyRows > examples.length ? ', ...' : ''}).`
			);
		}
		const badRows = rowObjects<{ row: number; err: string }>(
			db.query(
				`SELECT ${rowOf} AS "row", ${unnestErrors(ident(ERRORS))} AS "err" FROM ${ident(load)} WHERE NOT ${noErrors(ident(ERRORS))} ORDER BY 1`
			)
		);
		const rejectedRowCount = new Set(badRows.map((b) => b.row)).size;
		const valueRejects: RejectedValue[] = badRows.map((b) => {
			const { column, value, reason } = splitError(b.err);
			return { line: toLine(Number(b.row)), column, value, reason };
		});

		if (steps) {
			try {
				typeInPlace(db, raw, load, rejectedRowCount + emptyRows, steps);
			} catch (e) {
				const msg = String((e as Error).message ?? e).split('\n')[0];
				if (isOutOfMemory(e)) throw new EngineMemoryError(file.name, msg);
				throw refuse('unreadable', { file: file.name, detail: msg });
			}
		}
		// Unknown text columns that are numbers everywhere become numbers (codes stay text).
		const casts = prepared.format === 'csv' ? inferUnknownTypes(db, load, plan.unknown, loadedRows(), dialect?.decimal ?? '.') : new Map<string, string>();
		const keep = [...plan.canonical, ...plan.unknown].map((c) => {
			const cast = casts.get(c);
			return cast ? `${cast} AS ${ident(c)}` : ident(c);
		});
		/** Whether the table is the staged table's own columns, as they are. */
		let asStaged = casts.size === 0;
		const present = new Set(plan.canonical);
		/** The contract columns of the staged table, which the warnings read (a derived default is added after). */
		const stagedCanonical = [...plan.canonical];
		if (contract && !steps) {
			for (const col of CONTRACT[contract].columns) {
				const d = derivedDefault(contract, col.name, present);
				if (!d) continue;
				asStaged = false;
				const i = keep.indexOf(ident(col.name));
				if (i >= 0) keep[i] = `coalesce(${ident(col.name)}, ${d}) AS ${ident(col.name)}`;
				else {
					keep.push(`${d} AS ${ident(col.name)}`);
					plan.canonical.push(col.name);
				}
			}
		}
		// Warnings read the staged table, so they come before it may become the table.
		if (keyAnswer) keysDistinct = await keyAnswer;
		const warnings = contract ? collectWarnings(db, steps ? raw : load, contract, stagedCanonical, toLine, keysDistinct, !steps) : [];
		if (steps) {
			db.exec(renameTable(raw, tableName));
		} else if (asStaged && rejectedRowCount === 0 && emptyRows === 0) {
			// Every row is loaded as it is: the staged table, less its internal columns, becomes
			// the table (the same columns and rows as the copy below, without copying the data).
			for (const c of [ERRORS, EMPTY]) db.exec(dropColumn(load, c));
			db.exec(renameTable(load, tableName));
		} else {
			db.exec(`CREATE TABLE ${ident(tableName)} AS SELECT ${keep.join(', ')} FROM ${ident(load)} WHERE ${loadedRows()}`);
		}
		created = true;
		const rowsLoaded = Number(db.query(`SELECT count(*) FROM ${ident(tableName)}`).rows[0][0]);

		const allRejects = [...structuralRejects, ...valueRejects].sort((a, b) => a.line - b.line);
		storeRejects(db, tableName, file.name, allRejects);
		const rowsRejected = structuralRejects.length + swallowed + rejectedRowCount;
		const rowsRead = accepted - emptyRows + structuralRejects.length + swallowed;
		notes.push(...plan.renamed.map((n) => `${file.name}: ${n}.`));
		if (rowsRead === 0) {
			notes.push(
				prepared.format === 'csv' && dialect?.header
					? `${file.name} has a header but no rows of data: the table is empty.`
					: `${file.name} has no rows of data: the table is empty.`
			);
		}
		const sha256 = await digest;
		done = true;
		return {
			file: file.name,
			table: tableName,
			format: prepared.format,
			bytes: file.size ?? file.bytes.length,
			sha256,
			loadedAt: new Date().toISOString(),
			dialect: dialect ? { encoding: dialect.encoding, delimiter: dialect.delimiter, decimal: dialect.decimal, header: dialect.header } : null,
			contract,
			assignedBy: assignment.by,
			candidates: assignment.candidates,
			mapping: plan.mapping,
			sourceColumns,
			mappingReused: chosen.reused,
			missingRequired: contract ? plan.missingRequired : [],
			missingOptional: contract ? plan.missingOptional : [],
			unknownColumns: plan.unknown,
			rowsRead,
			rowsLoaded,
			rowsRejected,
			rejects: allRejects.slice(0, REPORT_REJECT_LIMIT),
			rejectsTotal: allRejects.length,
			warnings,
			notes,
			ms: Math.round(performance.now() - t0)
		};
	} catch (e) {
		// DuckDB out of memory at any step: said as such, with what to do.
		if (!(e instanceof InputError) && !(e instanceof EngineMemoryError) && isOutOfMemory(e)) {
			throw new EngineMemoryError(file.name, String((e as Error)?.message ?? e).split('\n')[0]);
		}
		throw e;
	} finally {
		// Never half-loaded: a table made before a later step failed goes, with its rejected rows.
		// Clean-up never hides the error that stopped the load.
		if (created && !done) {
			quietly(() => db.exec(`DROP TABLE IF EXISTS ${ident(tableName)}`));
			quietly(() => db.query(`DELETE FROM ${ident(REJECTS_TABLE)} WHERE "table_name" = ?`, [tableName]));
		}
		quietly(() => db.exec(`DROP TABLE IF EXISTS ${ident(load)}`));
		quietly(() => db.exec(`DROP TABLE IF EXISTS ${ident(raw)}`));
		quietly(() => db.exec(`DROP TABLE IF EXISTS ${ident(rejTable)}`));
		quietly(() => db.exec(`DROP TABLE IF EXISTS ${ident(rejScan)}`));
		db.dropFile(fsName);
	}
}

function quietly(fn: () => void): void {
	try {
		fn();
	} catch {
		/* the engine's own error is the one to report */
	}
}

interface Assignment {
	table: ContractTableName | null;
	by: LoadReport['assignedBy'];
	candidates: ContractTableName[];
}

/**
 * Which contract table a file goes to, and with which column mapping: as the options say;
 * else as a mapping saved for the same header says; else by the file's name or columns.
 * A file that fits no table by name or alias gets, as candidates, the tables whose required
 * columns the mapping suggestions find (similar names), for the user to confirm.
 */
function chooseContract(
	tableName: string,
	srcCols: SourceColumn[],
	options: LoadOptions,
	hasHeader: boolean
): { assignment: Assignment; mapping: Record<string, string> | undefined; reused: { savedAt: string } | null } {
	const names = srcCols.map((c) => c.name);
	if (options.contract !== undefined) {
		const reused = options.contract && options.reusedMappingAt ? { savedAt: options.reusedMappingAt } : null;
		return {
			assignment: { table: options.contract, by: options.contract ? (reused ? 'saved' : 'user') : null, candidates: options.contract ? [options.contract] : [] },
			mapping: options.mapping,
			reused
		};
	}
	if (options.mapping === undefined && hasHeader && options.savedMappings) {
		const saved = options.savedMappings.get(headerSignature(names));
		const mapping = saved ? resolveSavedMapping(saved, names) : null;
		if (saved && mapping) {
			return { assignment: { table: saved.contract, by: 'saved', candidates: [saved.contract] }, mapping, reused: { savedAt: saved.savedAt } };
		}
		// The next export of the same form, with a question added: the form's mapping still applies.
		const wider = savedMappingOfSubset(options.savedMappings.values(), names);
		if (wider) {
			return { assignment: { table: wider.saved.contract, by: 'saved', candidates: [wider.saved.contract] }, mapping: wider.mapping, reused: { savedAt: wider.saved.savedAt } };
		}
	}
	const assignment: Assignment = assignContractTable(tableName, names);
	if (!assignment.table && assignment.candidates.length === 0) assignment.candidates = likelyTables(srcCols);
	return { assignment, mapping: options.mapping, reused: null };
}

export interface SourceColumnSample {
	name: string;
	/** DuckDB type: `VARCHAR` for every CSV column (the engine reads CSV as text), the real type for Parquet. */
	type: string;
	/** Distinct values from the first rows, in order of appearance, missing-value codes left out. */
	samples: string[];
}

const SAMPLE_VALUE_CHARS = 60;
const MISSING = new Set(MISSING_TOKENS);

/**
 * A file's own columns (before any mapping) with a few values each, from its first `rows`
 * rows: what the mapping dialog shows and guesses from. Reads only the head of a CSV file
 * and the first rows of a Parquet file.
 */
export async function sampleSource(
	db: Database,
	parquet: ParquetDecoder,
	file: SourceFile,
	rows = 200,
	perColumn = 20
): Promise<SourceColumnSample[]> {
	const distinct = (values: unknown[]): string[] => {
		const out: string[] = [];
		for (const v of values) {
			if (v === null || v === undefined) continue;
			const t = (v instanceof Date ? v.toISOString().replace(/T00:00:00\.000Z$/, '') : String(v)).trim();
			if (MISSING.has(t.toLowerCase())) continue;
			const cut = t.length > SAMPLE_VALUE_CHARS ? `${t.slice(0, SAMPLE_VALUE_CHARS)}…` : t;
			if (!out.includes(cut)) out.push(cut);
			if (out.length >= perColumn) break;
		}
		return out;
	};
	const fromArrow = (ipc: Uint8Array): SourceColumnSample[] => {
		const t = internalName('sample');
		db.insertArrowIPC(t, ipc);
		try {
			const types = rowObjects<{ column_name: string; data_type: string }>(db.query(columnsOf(t)));
			const r = db.query(`SELECT * FROM ${ident(t)} LIMIT ${Math.max(1, Math.floor(rows))}`);
			return types.map((c, j) => ({ name: c.column_name, type: c.data_type, samples: distinct(r.rows.map((row) => row[j])) }));
		} finally {
			db.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
		}
	};
	if (file.arrowIPC !== undefined) return fromArrow(file.arrowIPC);
	const prepared = await prepareBytes(file.name, file.bytes);
	if (prepared.format === 'parquet') return fromArrow(parquet.toArrowIPC(prepared.bytes, rows));
	// The head is enough: 2 MB holds the 256 KB the dialect is detected from, in any encoding.
	const n = Math.min(prepared.bytes.length, 2 * 1024 * 1024);
	const head = prepared.bytes.subarray(0, n);
	const utf16 = detectEncoding(head);
	const decoded = decodeText(file.name, utf16 === 'utf-16le' || utf16 === 'utf-16be' ? head.subarray(0, n & ~1) : head);
	const text = new TextDecoder('utf-8').decode(decoded.utf8);
	const dialect = detectDialect(text, decoded.encoding, fileExtension(file.name), decoded.sep);
	// After a title above the table (detectDialect), where the table starts.
	let from = 0;
	for (let n = 0; n < dialect.skip && from >= 0; n++) from = text.indexOf('\n', from) + 1 || -1;
	const records = firstRecords(from > 0 ? text.slice(from) : text, rows + 1).map((r) => splitRecord(r, dialect.delimiter));
	const data = dialect.header ? records.slice(1) : records;
	return dialect.columns.map((name, j) => ({ name, type: 'VARCHAR', samples: distinct(data.map((r) => r[j])) }));
}

/** What a load says of the lines above a table (a spreadsheet's title) it skipped. */
function titleNote(file: string, lines: number, title: string): string {
	const shown = title.length > 80 ? `${title.slice(0, 79)}…` : title;
	return title
		? `${file}: the ${lines} line(s) above the table hold a title ("${shown}") and no data; they were skipped, and the table starts on line ${lines + 1}.`
		: `${file}: the ${lines} line(s) above the table hold no values; they were skipped, and the table starts on line ${lines + 1}.`;
}

/** The rows that are loaded: read without an error, and not empty. */
function loadedRows(): string {
	return `${noErrors(ident(ERRORS))} AND NOT ${ident(EMPTY)}`;
}

/** Whether a text holds nothing but spaces and line breaks. */
function isBlank(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes[i];
		if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
	}
	return true;
}

/** What a text that starts with markup is: a web page saved in place of the data, or an XML workbook. */
function markupKind(head: string): 'html' | 'excel_xml' | 'xml' | null {
	const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
	if (/^<(!doctype html|html|head|body)[\s>]/.test(start)) return 'html';
	if (start.startsWith('<?xml')) {
		return /urn:schemas-microsoft-com:office:spreadsheet|<workbook/.test(head.slice(0, 4096).toLowerCase()) ? 'excel_xml' : 'xml';
	}
	return null;
}

/** Text with NULs, or more than 1% control characters or undecodable bytes, is not a CSV. */
function looksBinary(text: string): boolean {
	if (text.includes('\u0000')) return true;
	let bad = 0;
	const n = Math.min(text.length, 65536);
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
	}
	return bad > Math.max(1, n * 0.01);
}

/**
 * The column a row with the wrong number of values is reported under: the first one missing
 * (a short row), or null for a long row (no column is wrong; the row has one too many);
 * undefined for other errors, whose column DuckDB names.
 */
function countColumn(type: string, csvLine: string, dialect: CsvDialect | null): string | null | undefined {
	if (!dialect || (type !== 'MISSING COLUMNS' && type !== 'TOO MANY COLUMNS')) return undefined;
	if (type === 'TOO MANY COLUMNS') return null;
	const found = splitRecord(csvLine.replace(/\r?\n$/, ''), dialect.delimiter).length;
	return dialect.columns[found] ?? undefined;
}

/** Why DuckDB set a line aside, in the user's terms; how many lines after it an unclosed quote took with it. */
function structuralReject(
	type: string,
	message: string,
	csvLine: string,
	line: number,
	delimiter: string,
	span: { last: number; more: number } | null
): { reason: string; value: string | null; swallowed: number } {
	// DuckDB stops counting a long row at one past the expected number, and can miscount a short
	// one: the values are counted here, from the line itself.
	const expected = /^Expected Number of Columns: (\d+)/.exec(message)?.[1];
	const counts = expected ? `expected ${expected}, found ${splitRecord(csvLine.replace(/\r?\n$/, ''), delimiter).length}` : message;
	const snippet = (t: string) => (t.length > 80 ? `${t.slice(0, 80)}…` : t);
	switch (type) {
		case 'TOO MANY COLUMNS':
			return { reason: `the row has too many values (${counts}); a value may hold an unquoted "${delimiter === '\t' ? 'tab' : delimiter}"`, value: snippet(csvLine.trim()), swallowed: 0 };
		case 'MISSING COLUMNS':
			return { reason: `the row has too few values (${counts})`, value: snippet(csvLine.trim()), swallowed: 0 };
		case 'UNQUOTED VALUE': {
			const first = csvLine.split(/\r?\n/)[0];
			if (span && span.last > line) {
				return {
					reason: `a quoted value that starts on this line is never closed properly (a " without a closing " right before the delimiter), so lines ${line} to ${span.last} were read as one value and could not be loaded (${span.more} more line(s) after this one); close the quote or remove it`,
					value: snippet(first),
					swallowed: span.more
				};
			}
			return {
				reason: `a quoted value has text after its closing quote (expected "${delimiter === '\t' ? 'tab' : delimiter}" or the end of the line right after the closing "); quote the whole value`,
				value: snippet(first.trim()),
				swallowed: 0
			};
		}
		case 'INVALID ENCODING':
		case 'INVALID UNICODE':
			return { reason: 'the line is not valid text in the file encoding', value: null, swallowed: 0 };
		case 'LINE SIZE OVER MAXIMUM':
			return { reason: 'the line is longer than 10 MB', value: null, swallowed: 0 };
		default:
			return { reason: `${type.toLowerCase()}: ${message}`, value: null, swallowed: 0 };
	}
}

/** Messages are built in SQL as `label: "value" reason`, or `label: value reason` for numbers. */
function splitError(err: string): { column: string | null; value: string | null; reason: string } {
	const m = /^(.*?): "(.*)" (is .*|has .*|must .*)$/s.exec(err) ?? /^(.*?): (\S+) (is .*|must .*)$/s.exec(err);
	if (!m) return { column: null, value: null, reason: err };
	return { column: m[1], value: m[2], reason: m[3] };
}

function storeRejects(db: Database, table: string, file: string, rejects: RejectedValue[]): void {
	db.query(`DELETE FROM ${ident(REJECTS_TABLE)} WHERE "table_name" = ?`, [table]);
	const chunk = 500;
	for (let i = 0; i < rejects.length; i += chunk) {
		const part = rejects.slice(i, i + chunk);
		const placeholders = part.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
		const params = part.flatMap((r) => [table, file, r.line, r.column, r.value, r.reason]);
		db.query(`INSERT INTO ${ident(REJECTS_TABLE)} VALUES ${placeholders}`, params);
	}
}

/**
 * The most columns a file may have. Every column costs planning time in the load's statements
 * (2,400 columns: 6 s in Node); tens of thousands are a wrong delimiter, not a table.
 */
export const MAX_COLUMNS = 5000;

/** Unknown columns typed per statement (see inferUnknownTypes). */
const INFER_BATCH = 100;

function inferUnknownTypes(db: Database, table: string, unknown: string[], where: string, decimal: '.' | ','): Map<string, string> {
	const casts = new Map<string, string>();
	const candidates = unknown.filter((c) => !CODE_LIKE.test(c));
	if (candidates.length === 0) return casts;
	// Whole numbers are digits only (DuckDB's cast would round `0.52` to 1); decimals use the file's mark.
	const asDouble = (q: string) => (decimal === ',' ? `TRY_CAST(replace(${q}, ',', '.') AS DOUBLE)` : `TRY_CAST(${q} AS DOUBLE)`);
	const decimalPattern = decimal === ',' ? '-?\\d+(,\\d+)?' : '-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?';
	const parts = candidates.map((c, i) => {
		const q = ident(c);
		return [
			`count(${q}) AS "n${i}"`,
			`count(CASE WHEN regexp_full_match(${q}, ${literal(decimalPattern)}) THEN ${asDouble(q)} END) AS "d${i}"`,
			`count(CASE WHEN regexp_full_match(${q}, '-?\\d+') THEN TRY_CAST(${q} AS BIGINT) END) AS "b${i}"`,
			`count(CASE WHEN regexp_full_match(${q}, '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(${q} AS DATE) END) AS "t${i}"`,
			`count(CASE WHEN regexp_full_match(${q}, '-?0\\d+') THEN 1 END) AS "z${i}"`
		].join(', ');
	});
	// In batches: one statement over 1,200 columns took 12 s to plan, 100 of 100 columns 0.1 s.
	const row: Record<string, number> = {};
	for (let b = 0; b < parts.length; b += INFER_BATCH) {
		const [r] = rowObjects<Record<string, number>>(db.query(`SELECT ${parts.slice(b, b + INFER_BATCH).join(', ')} FROM ${ident(table)} WHERE ${where}`));
		Object.assign(row, r);
	}
	candidates.forEach((c, i) => {
		const n = Number(row[`n${i}`]);
		if (n === 0 || Number(row[`z${i}`]) > 0) return;
		if (Number(row[`b${i}`]) === n) casts.set(c, `CAST(${ident(c)} AS BIGINT)`);
		else if (Number(row[`d${i}`]) === n) casts.set(c, `CAST(${decimal === ',' ? `replace(${ident(c)}, ',', '.')` : ident(c)} AS DOUBLE)`);
		else if (Number(row[`t${i}`]) === n) casts.set(c, `CAST(${ident(c)} AS DATE)`);
	});
	return casts;
}

/** Contract rules that produce warnings (never silent fixes). */
function collectWarnings(
	db: Database,
	loadTable: string,
	contract: ContractTableName,
	present: string[],
	toLine: (row: number) => number,
	/** The file's scan showed that no key repeats. */
	keysDistinct = false,
	/** Whether the table is a staged table (ERRORS, EMPTY) rather than the loaded rows alone. */
	staged = true
): LoadWarning[] {
	const warnings: LoadWarning[] = [];
	const has = (c: string) => present.includes(c);
	const row = ident(ROW);
	// Only rows that are loaded count.
	const t = `(SELECT ${rowNumber()} AS ${row}, * FROM ${ident(loadTable)}${staged ? ` WHERE ${loadedRows()}` : ''})`;
	const linesWhere = (where: string, params: unknown[] = []) =>
		db.query(`SELECT ${row} FROM ${t} WHERE ${where} ORDER BY ${row} LIMIT 10`, params).rows.map((r) => toLine(Number(r[0])));
	const check = (code: string, message: string, where: string, kind: LoadWarning['kind'], params: Record<string, string>) => {
		const r = db.query(`SELECT ${row} FROM ${t} WHERE ${where} ORDER BY ${row}`);
		const n = r.rows.length;
		if (n > 0) warnings.push({ code, message, kind, params, count: n, lines: r.rows.slice(0, 10).map((x) => toLine(Number(x[0]))) });
	};
	const def = CONTRACT[contract];
	// Required values that are empty or a missing-value code: loaded as missing, and said so.
	// Amounts below 0 are counted in the same pass over the rows.
	const required = def.columns.filter((c) => c.required && has(c.name));
	const money = def.columns.filter((c) => c.kind === 'money' && has(c.name));
	if (required.length + money.length > 0) {
		const [counts] = db.query(
			`SELECT ${[
				...required.map((c, i) => `count(*) FILTER (WHERE ${ident(c.name)} IS NULL) AS "m${i}"`),
				...money.flatMap((c, i) => [`count(*) FILTER (WHERE ${ident(c.name)} < 0) AS "n${i}"`, `min(${ident(c.name)}) AS "l${i}"`])
			].join(', ')} FROM ${t}`
		).rows;
		const nulls = counts.slice(0, required.length);
		const negatives = money.map((c, i) => ({ col: c, n: Number(counts[required.length + 2 * i]), lowest: Number(counts[required.length + 2 * i + 1]) }));
		required.forEach((c, i) => {
			const n = Number(nulls[i]);
			if (n === 0) return;
			// A ratio of sums still counts such a row's other amount (its budget, its attendees).
			const paired = c.paired && has(c.paired) ? c.paired : null;
			warnings.push({
				code: `missing_${c.name}`,
				message: paired
					? `${c.name} is required but empty or a missing-value code (NA, N/A, -, #N/A, null, .) in ${n} row(s); they are loaded with ${c.name} missing: a ratio of sums adds nothing to its ${c.name} sum for them but still counts their ${paired}, and its result says how many rows are incomplete`
					: `${c.name} is required but empty or a missing-value code (NA, N/A, -, #N/A, null, .) in ${n} row(s); they are loaded with ${c.name} missing, and indicators that need it leave them out`,
				kind: paired ? 'missing_paired' : 'missing',
				params: paired ? { column: c.name, n: String(n), other: paired } : { column: c.name, n: String(n) },
				count: n,
				lines: linesWhere(`${ident(c.name)} IS NULL`)
			});
		});
		// An amount below 0 (income, a loan, a budget line) is not one anyone recorded on purpose:
		// loaded as it is, and said so.
		for (const { col, n, lowest } of negatives) {
			if (n === 0) continue;
			warnings.push({
				code: `negative_${col.name}`,
				message: `${col.name} is below 0 in ${n} row(s) (lowest ${lowest}); amounts are expected to be 0 or more, and the rows are loaded as they are`,
				kind: 'negative',
				params: { column: col.name, n: String(n), lowest: String(lowest) },
				count: n,
				lines: linesWhere(`${ident(col.name)} < 0`)
			});
		}
	}
	const pairs: Array<[string, string, ContractTableName]> = [
		['women_attendees', 'attendees', 'meetings'],
		['proposals_adopted', 'proposals', 'meetings'],
		['women_workers', 'workers', 'enterprises'],
		['spent_idr', 'budget_idr', 'infrastructure']
	];
	for (const [a, b, tb] of pairs) {
		if (tb === contract && has(a) && has(b)) {
			const spent = a === 'spent_idr';
			check(`${a}_gt_${b}`, `${a} ${spent ? 'is more than' : 'must not exceed'} ${b}; the rows are loaded as they are`, `${ident(a)} > ${ident(b)}`, spent ? 'more_than' : 'exceeds', { a, b });
		}
	}
	if (def.key && def.key.every(has) && !keysDistinct) {
		const keys = def.key.map(ident).join(', ');
		const r = db.query(`SELECT count(*) AS n, coalesce(sum(c), 0) AS rows FROM (SELECT ${keys}, count(*) AS c FROM ${t} GROUP BY ${keys} HAVING count(*) > 1)`);
		const n = Number(r.rows[0][0]);
		if (n > 0) {
			const dups = db.query(
				`SELECT ${row}, ${keys} FROM (SELECT ${row}, ${keys}, count(*) OVER (PARTITION BY ${keys}) AS "__pantau_n" FROM ${t}) WHERE "__pantau_n" > 1 ORDER BY ${row} LIMIT 10`
			).rows;
			const example = dups[0].slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v))).join(' + ');
			warnings.push({
				code: 'duplicate_key',
				message: `${n} duplicate key(s) (${def.key.join(' + ')}) over ${Number(r.rows[0][1])} rows: the same ${def.key.join(' + ')} appears more than once (for example ${example}); all rows are loaded`,
				kind: 'duplicate_key',
				params: { n: String(n), key: def.key.join(' + '), rows: String(Number(r.rows[0][1])), example },
				count: n,
				lines: dups.map((d) => toLine(Number(d[0])))
			});
		}
	}
	for (const col of def.columns) {
		if (!col.values || !has(col.name) || SQL_ENUM_KINDS.has(col.kind)) continue;
		const params = [...col.values];
		const outside = `${ident(col.name)} IS NOT NULL AND ${ident(col.name)} NOT IN (${params.map(() => '?').join(', ')})`;
		const r = db.query(`SELECT ${ident(col.name)} AS v, count(*) AS n FROM ${t} WHERE ${outside} GROUP BY 1 ORDER BY 2 DESC LIMIT 5`, params);
		if (r.rows.length > 0) {
			const total = Number(db.query(`SELECT count(*) FROM ${t} WHERE ${outside}`, params).rows[0][0]);
			const found = r.rows.map((x) => `"${String(x[0])}" (${x[1]})`).join(', ');
			warnings.push({
				code: `unexpected_${col.name}`,
				message: `${col.name} has values outside ${params.join(', ')}: ${found}; they are kept as they are`,
				kind: 'unexpected',
				params: { column: col.name, allowed: params.join(', '), found },
				count: total,
				lines: linesWhere(outside, params)
			});
		}
	}
	return warnings;
}
const SQL_ENUM_KINDS = new Set(['sex', 'owner_sex', 'labour_status', 'budget_category', 'group']);
