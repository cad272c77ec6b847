/**
 * The loaded data: which tables exist, where each came from, its contract assignment
 * and load report, and the `contract` schema of views the indicators read
 * (`"contract"."households"` = every table assigned to households, appended by name).
 */
import { CONTRACT, CONTRACT_TABLE_NAMES, tableNameFromFile, type ContractTableName } from './contract';
import { rowObjects, type Database, type QueryResult } from './database';
import { columnsOf, unionAllByName } from './dialect';
import {
	REJECTS_TABLE,
	ensureRejectsTable,
	ingestFile,
	sampleSource,
	type LoadOptions,
	type LoadReport,
	type ParquetDecoder,
	type SourceColumnSample,
	type SourceFile
} from './ingest';
import { headerSignature, resolveSavedMapping } from './mapping';
import type { KeyChecker } from './key-check';
import { ident, qualified } from './sql';

export const CONTRACT_SCHEMA = 'contract';

/** A table ingested earlier, handed over as Arrow IPC (see adoptPrebuilt). */
export interface PrebuiltTableData {
	name: string;
	ipc: Uint8Array;
	columns: Array<{ name: string; type: string }>;
	report: LoadReport;
	fetchFile: () => Promise<SourceFile>;
}

export interface TableColumn {
	name: string;
	type: string;
	/** Whether the column is a canonical contract column of the table's assignment. */
	canonical: boolean;
}

export interface TableSummary {
	name: string;
	rows: number;
	contract: ContractTableName | null;
	columns: TableColumn[];
	report: LoadReport;
}

export interface TableInfo {
	/** Quoted SQL reference. */
	ref: string;
	/** Columns present in every table assigned to it: canonical ones first, then extras. */
	columns: string[];
}

interface Entry {
	name: string;
	/** The file behind the table; null for a prebuilt table, whose file is fetched when needed. */
	file: SourceFile | null;
	fetchFile?: () => Promise<SourceFile>;
	options: LoadOptions;
	report: LoadReport;
	/** Column names and types, read once after the load. */
	columns: Array<{ name: string; type: string }>;
	rows: number;
}

const RESERVED = /^(__|pantau_|contract$|main$|information_schema$)/;

export class Workspace {
	private entries = new Map<string, Entry>();
	/** Bumped on every change of the data, so cached results can be told apart. */
	version = 0;

	constructor(
		readonly db: Database,
		private readonly parquet: ParquetDecoder,
		/** Takes key checks to another thread (the engine worker's helper); none in Node. */
		private readonly keyChecker?: KeyChecker
	) {
		db.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(CONTRACT_SCHEMA)}`);
		ensureRejectsTable(db);
	}

	/** A free table name for a file, e.g. `households`, then `households_2`. */
	freeName(wanted: string): string {
		let base = wanted.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'table';
		if (RESERVED.test(base) || /^[0-9]/.test(base)) base = `t_${base.replace(/^_+/, '')}`;
		let name = base;
		let i = 2;
		while (this.entries.has(name)) name = `${base}_${i++}`;
		return name;
	}

	async load(file: SourceFile, options: LoadOptions = {}): Promise<LoadReport> {
		const name = this.freeName(options.tableName ?? tableNameFromFile(file.name));
		const { savedMappings, ...kept } = options;
		const report = await ingestFile(this.db, this.parquet, file, name, options, this.keyChecker);
		// A saved mapping that was used is kept with the table, so a reload maps it the same way.
		const saved = report.mappingReused && savedMappings?.get(headerSignature(report.sourceColumns));
		const mapping = saved ? resolveSavedMapping(saved, report.sourceColumns) : null;
		const entryOptions: LoadOptions =
			report.mappingReused && report.contract && mapping
				? { ...kept, contract: report.contract, mapping, reusedMappingAt: report.mappingReused.savedAt }
				: kept;
		this.entries.set(name, { name, file, options: entryOptions, report, columns: this.readColumns(name), rows: report.rowsLoaded });
		this.refreshContractViews();
		return report;
	}

	/**
	 * Take in tables the real ingest produced earlier (the built-in sample, ingested at build
	 * time): each table's Arrow IPC, its column types, its load report and its rejected values.
	 * Columns are cast back to the recorded types, so the result is the table ingest made.
	 */
	adoptPrebuilt(tables: PrebuiltTableData[], rejectsIPC: Uint8Array | null): LoadReport[] {
		const reports: LoadReport[] = [];
		for (const t of tables) {
			const name = this.freeName(t.name);
			// The build wrote each column in the Arrow type DuckDB maps back to the recorded type
			// (BIGINT as Int64: see exportTable), so the table is created as it is, under its name.
			this.db.insertArrowIPC(name, t.ipc);
			const report = { ...t.report, table: name };
			this.entries.set(name, { name, file: null, fetchFile: t.fetchFile, options: { tableName: name }, report, columns: t.columns.map((c) => ({ ...c })), rows: report.rowsLoaded });
			reports.push(report);
		}
		if (rejectsIPC) {
			this.db.insertArrowIPC('__prebuilt_rejects', rejectsIPC);
			this.db.exec(`INSERT INTO ${ident(REJECTS_TABLE)} SELECT * FROM ${ident('__prebuilt_rejects')}`);
			this.db.exec(`DROP TABLE ${ident('__prebuilt_rejects')}`);
		}
		this.refreshContractViews();
		return reports;
	}

	/**
	 * A table's rows as Arrow IPC with its column types (for the build-time sample). DuckDB
	 * hands BIGINT out as DOUBLE here (the engine's `castBigIntToDouble`), which would lose
	 * values past 2^53: BIGINT columns are written as their exact decimal text instead, for the
	 * build to turn into Arrow Int64 (data/prebuild-sample.ts).
	 */
	exportTable(name: string): { ipc: Uint8Array; columns: Array<{ name: string; type: string }> } {
		const e = this.need(name);
		const cols = e.columns.map((c) => (c.type === 'BIGINT' ? `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}` : ident(c.name))).join(', ');
		return { ipc: this.db.arrowIPC(`SELECT ${cols} FROM ${ident(name)}`), columns: e.columns };
	}

	/** Every rejected value, as Arrow IPC (null when there are none). */
	exportRejects(): Uint8Array | null {
		const [[n]] = this.db.query(`SELECT count(*) FROM ${ident(REJECTS_TABLE)}`).rows as number[][];
		return n > 0 ? this.db.arrowIPC(`SELECT * FROM ${ident(REJECTS_TABLE)}`) : null;
	}

	/** A table's file columns, before any mapping, with a few values each (for the mapping dialog). */
	async sourceSample(name: string): Promise<SourceColumnSample[]> {
		return sampleSource(this.db, this.parquet, await this.fileOf(this.need(name)));
	}

	/** The file behind a table (fetched once for a prebuilt sample table). */
	async sourceFile(name: string): Promise<SourceFile> {
		return this.fileOf(this.need(name));
	}

	/** The file behind an entry, fetched once for a prebuilt table. */
	private async fileOf(e: Entry): Promise<SourceFile> {
		e.file ??= await e.fetchFile!();
		return e.file;
	}

	private readColumns(name: string): Array<{ name: string; type: string }> {
		return rowObjects<{ column_name: string; data_type: string }>(this.db.query(columnsOf(name))).map((c) => ({
			name: c.column_name,
			type: c.data_type
		}));
	}

	remove(name: string): void {
		const e = this.need(name);
		this.db.exec(`DROP TABLE IF EXISTS ${ident(e.name)}`);
		this.db.query(`DELETE FROM ${ident(REJECTS_TABLE)} WHERE "table_name" = ?`, [e.name]);
		this.entries.delete(name);
		this.refreshContractViews();
	}

	removeAll(): void {
		for (const name of [...this.entries.keys()]) {
			this.db.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
		}
		this.db.exec(`DELETE FROM ${ident(REJECTS_TABLE)}`);
		this.entries.clear();
		this.refreshContractViews();
	}

	rename(from: string, to: string): string {
		const e = this.need(from);
		const target = to.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
		if (!target) throw new Error('A table name needs at least one letter or digit.');
		if (RESERVED.test(target)) throw new Error(`"${target}" is reserved; choose another name.`);
		if (target === from) return from;
		if (this.entries.has(target)) throw new Error(`A table called "${target}" already exists.`);
		this.dropContractViews();
		this.db.exec(`ALTER TABLE ${ident(from)} RENAME TO ${ident(target)}`);
		this.db.query(`UPDATE ${ident(REJECTS_TABLE)} SET "table_name" = ? WHERE "table_name" = ?`, [target, from]);
		this.entries.delete(from);
		e.name = target;
		e.report = { ...e.report, table: target };
		this.entries.set(target, e);
		this.refreshContractViews();
		return target;
	}

	/** Assign a table to a contract table (or none) and read its file again under that contract. */
	async reassign(name: string, contract: ContractTableName | null, mapping?: Record<string, string>): Promise<LoadReport> {
		const e = this.need(name);
		const file = await this.fileOf(e);
		this.dropContractViews();
		this.db.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
		// A mapping chosen now is the user's own, not a reused one.
		const { reusedMappingAt, ...previous } = e.options;
		void reusedMappingAt;
		const options: LoadOptions = { ...previous, tableName: name, contract, mapping };
		try {
			const report = await ingestFile(this.db, this.parquet, file, name, options, this.keyChecker);
			this.entries.set(name, { ...e, file, options, report, columns: this.readColumns(name), rows: report.rowsLoaded });
			return report;
		} catch (err) {
			// The table comes back as it was; if even that fails (out of memory, say), it is
			// removed from the workspace rather than left half there.
			try {
				const report = await ingestFile(this.db, this.parquet, file, name, e.options, this.keyChecker);
				this.entries.set(name, { ...e, report, columns: this.readColumns(name), rows: report.rowsLoaded });
			} catch {
				this.entries.delete(name);
			}
			throw err;
		} finally {
			// The other tables' contract views, whatever happened to this one.
			this.refreshContractViews();
		}
	}

	list(): TableSummary[] {
		return [...this.entries.values()].map((e) => this.summary(e));
	}

	private summary(e: Entry): TableSummary {
		const canonical = new Set(e.report.contract ? CONTRACT[e.report.contract].columns.map((c) => c.name) : []);
		return {
			name: e.name,
			rows: e.rows,
			contract: e.report.contract,
			columns: e.columns.map((c) => ({ ...c, canonical: canonical.has(c.name) })),
			report: e.report
		};
	}

	preview(name: string, limit = 50, offset = 0): QueryResult {
		this.need(name);
		return this.db.query(`SELECT * FROM ${ident(name)} LIMIT ? OFFSET ?`, [limit, offset]);
	}

	rejects(name: string): QueryResult {
		this.need(name);
		return this.db.query(
			`SELECT "file", "line", "column", "value", "reason" FROM ${ident(REJECTS_TABLE)} WHERE "table_name" = ? ORDER BY "line"`,
			[name]
		);
	}

	reports(): LoadReport[] {
		return [...this.entries.values()].map((e) => e.report);
	}

	has(name: string): boolean {
		return this.entries.has(name);
	}

	/** The file and load options behind a table (what device storage keeps). */
	source(name: string): { file: SourceFile; options: LoadOptions } {
		const e = this.need(name);
		if (!e.file) throw new Error(`${name} comes from the built-in sample and is not kept on this device.`);
		return { file: e.file, options: { ...e.options, tableName: e.name } };
	}

	/** The contract tables that have data, for the indicator engine. */
	contractTables(): Partial<Record<ContractTableName, TableInfo>> {
		const out: Partial<Record<ContractTableName, TableInfo>> = {};
		for (const t of CONTRACT_TABLE_NAMES) {
			const assigned = [...this.entries.values()].filter((e) => e.report.contract === t);
			if (assigned.length === 0) continue;
			const lists = assigned.map((e) => e.columns.map((c) => c.name));
			// Canonical columns first, then extra columns every assigned table has (district names, say).
			const canonical = new Set(CONTRACT[t].columns.map((c) => c.name));
			const common = lists[0].filter((c) => lists.every((l) => l.includes(c)));
			const columns = [...common.filter((c) => canonical.has(c)), ...common.filter((c) => !canonical.has(c))];
			out[t] = { ref: qualified(CONTRACT_SCHEMA, t), columns };
		}
		return out;
	}

	/** The SQL of each contract view that exists now. */
	private views = new Map<string, string>();

	/** Drop every contract view (before a table they read is renamed or dropped). */
	private dropContractViews(): void {
		for (const t of this.views.keys()) this.db.exec(`DROP VIEW IF EXISTS ${qualified(CONTRACT_SCHEMA, t)}`);
		this.views.clear();
	}

	/**
	 * Bring the `contract.<table>` views up to date: each assigned table's columns, appended
	 * by name. Only views whose definition changed are dropped and created again (DDL costs
	 * tens of milliseconds in the browser; loading 12 files used to run ~300 statements).
	 */
	refreshContractViews(): void {
		this.version++;
		const info = this.contractTables();
		const wanted = new Map<string, string>();
		for (const t of CONTRACT_TABLE_NAMES) {
			const i = info[t];
			if (!i) continue;
			const assigned = [...this.entries.values()].filter((e) => e.report.contract === t);
			const cols = i.columns.map(ident).join(', ');
			const parts = assigned.map((e) => `(SELECT ${cols} FROM ${qualified('main', e.name)})`);
			wanted.set(t, parts.length === 1 ? `SELECT ${cols} FROM ${qualified('main', assigned[0].name)}` : unionAllByName(parts));
		}
		// One round trip for all the changes (a dozen views for the sample).
		const ddl: string[] = [];
		for (const [t, body] of this.views) {
			if (wanted.get(t) === body) continue;
			ddl.push(`DROP VIEW IF EXISTS ${qualified(CONTRACT_SCHEMA, t)}`);
			this.views.delete(t);
		}
		for (const [t, body] of wanted) {
			if (this.views.has(t)) continue;
			ddl.push(`CREATE VIEW ${qualified(CONTRACT_SCHEMA, t)} AS ${body}`);
			this.views.set(t, body);
		}
		if (ddl.length === 0) return;
		try {
			this.db.exec(ddl.join(';\n'));
		} catch (e) {
			// Which statements ran is unknown: start from no views, so the next refresh makes them all.
			this.views.clear();
			for (const t of CONTRACT_TABLE_NAMES) this.db.exec(`DROP VIEW IF EXISTS ${qualified(CONTRACT_SCHEMA, t)}`);
			throw e;
		}
	}

	private need(name: string): Entry {
		const e = this.entries.get(name);
		if (!e) throw new Error(`There is no table called "${name}".`);
		return e;
	}
}
