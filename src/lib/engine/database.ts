/**
 * The one door to DuckDB. A synchronous wrapper around duckdb-wasm's blocking bindings,
 * used the same way inside the app's Web Worker (browser-blocking build) and in Node
 * tests (node-blocking build). Nothing else in Pantau holds a DuckDB connection.
 *
 * Results come back as plain JS values: numbers (never BigInt or Decimal), Date for
 * DATE/TIMESTAMP, strings, booleans and null. Rows are arrays, so a column named
 * `__proto__` or `constructor` can never pollute an object.
 */

/** The subset of duckdb-wasm's bindings we use (both blocking builds provide it). */
export interface BlockingBindings {
	open(config: unknown): void;
	connect(): BlockingConnection;
	registerFileBuffer(name: string, buffer: Uint8Array): void;
	registerFileText(name: string, text: string): void;
	dropFile(name: string): void;
	reset(): void;
}
interface ArrowLike {
	numRows: number;
	schema: { fields: Array<{ name: string; type: { typeId: number; toString(): string } }> };
	getChildAt(i: number): { get(i: number): unknown; toArray(): ArrayLike<number> } | null;
}
export interface BlockingConnection {
	query(sql: string): ArrowLike;
	prepare(sql: string): { query(...params: unknown[]): ArrowLike; close(): void };
	insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; schema?: string; create?: boolean }): void;
	useUnsafe<R>(callback: (bindings: { runQuery(conn: number, text: string): Uint8Array }, conn: number) => R): R;
	close(): void;
}

export interface QueryResult {
	columns: string[];
	/** DuckDB/Arrow type names, e.g. `Float64`, `Utf8`, `Date32<DAY>`. */
	types: string[];
	rows: unknown[][];
}

/** Arrow type ids (apache-arrow `Type` enum) that need converting. */
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;
const ARROW_INT = 2;
const ARROW_DECIMAL = 7;

function plainValue(v: unknown, typeId: number): unknown {
	if (v === null || v === undefined) return null;
	if (typeId === ARROW_DATE || typeId === ARROW_TIMESTAMP) {
		if (typeof v === 'number') return new Date(v);
		if (typeof v === 'bigint') return new Date(Number(v));
		if (v instanceof Date) return v;
	}
	if (typeof v === 'bigint') return Number(v);
	if (typeId === ARROW_DECIMAL || typeId === ARROW_INT) {
		if (typeof v === 'object' && v !== null && Symbol.toPrimitive in (v as object)) return Number(v);
	}
	if (typeof v === 'object') {
		if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => (typeof x === 'bigint' ? Number(x) : x));
		const j = (v as { toJSON?: () => unknown }).toJSON;
		if (typeof j === 'function') return j.call(v);
	}
	return v;
}

function toResult(table: ArrowLike): QueryResult {
	const fields = table.schema.fields;
	const columns = fields.map((f) => f.name);
	const types = fields.map((f) => String(f.type));
	const n = table.numRows;
	const rows: unknown[][] = new Array(n);
	for (let r = 0; r < n; r++) rows[r] = new Array(fields.length);
	fields.forEach((f, c) => {
		const vec = table.getChildAt(c);
		const typeId = f.type.typeId;
		for (let r = 0; r < n; r++) rows[r][c] = plainValue(vec ? vec.get(r) : null, typeId);
	});
	return { columns, types, rows };
}

/** Rows as objects keyed by column, for code that knows its own column names. */
export function rowObjects<T = Record<string, unknown>>(res: QueryResult): T[] {
	return res.rows.map((row) => {
		const o: Record<string, unknown> = Object.create(null);
		res.columns.forEach((c, i) => {
			Object.defineProperty(o, c, { value: row[i], enumerable: true, writable: true, configurable: true });
		});
		return o as T;
	});
}

/** A synchronous SQL interface: what indicators and ingest need from an engine. */
export interface Queryable {
	query(sql: string, params?: unknown[]): QueryResult;
	exec(sql: string): void;
	/**
	 * A query's columns as Float64Arrays, straight from Arrow (for long numeric results;
	 * the columns must be DOUBLE and hold no NULLs). Optional: callers fall back to `query`.
	 */
	numericColumns?(sql: string, params?: unknown[]): Float64Array[];
}

export class Database implements Queryable {
	readonly bindings: BlockingBindings;
	private conn: BlockingConnection;

	constructor(bindings: BlockingBindings) {
		this.bindings = bindings;
		bindings.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
		this.conn = bindings.connect();
		// Never reach for extensions over the network: fail at once instead of hanging.
		this.exec('SET autoinstall_known_extensions = false');
		this.exec('SET autoload_known_extensions = false');
	}

	/**
	 * Prepared statements by SQL text. The indicators run the same few statements with
	 * different periods and filters; preparing each once saves DuckDB's parse and plan,
	 * which dominate on small data. Any statement run through `exec` (DDL: tables and
	 * views change) empties the cache.
	 */
	private statements = new Map<string, { query(...params: unknown[]): ArrowLike; close(): void }>();
	private static readonly STATEMENT_LIMIT = 256;

	/** Run one statement; values are always bound as parameters (`?` or `$1`). */
	query(sql: string, params: unknown[] = []): QueryResult {
		return toResult(this.arrow(sql, params));
	}

	numericColumns(sql: string, params: unknown[] = []): Float64Array[] {
		const table = this.arrow(sql, params);
		return table.schema.fields.map((f, c) => {
			if (!/^Float64$/.test(String(f.type))) throw new Error(`numericColumns: column ${f.name} is ${String(f.type)}, not DOUBLE`);
			const vec = table.getChildAt(c);
			const values = vec ? vec.toArray() : new Float64Array(0);
			return values instanceof Float64Array ? values : Float64Array.from(values);
		});
	}

	private arrow(sql: string, params: unknown[]): ArrowLike {
		if (params.length === 0) return this.conn.query(sql);
		let stmt = this.statements.get(sql);
		if (stmt) {
			this.statements.delete(sql);
		} else {
			stmt = this.conn.prepare(sql);
			if (this.statements.size >= Database.STATEMENT_LIMIT) {
				const [oldest, s] = this.statements.entries().next().value as [string, { close(): void }];
				this.statements.delete(oldest);
				s.close();
			}
		}
		try {
			const result = stmt.query(...params.map(bindable));
			this.statements.set(sql, stmt);
			return result;
		} catch (e) {
			stmt.close();
			throw e;
		}
	}

	/** Forget every prepared statement (after the tables or views changed). */
	clearStatements(): void {
		for (const s of this.statements.values()) s.close();
		this.statements.clear();
	}

	/** Run statements whose results are not needed. */
	exec(sql: string): void {
		this.clearStatements();
		this.conn.query(sql);
	}

	registerBuffer(name: string, bytes: Uint8Array): void {
		this.bindings.registerFileBuffer(name, bytes);
	}

	dropFile(name: string): void {
		try {
			this.bindings.dropFile(name);
		} catch {
			/* already gone */
		}
	}

	insertArrowIPC(table: string, ipc: Uint8Array): void {
		this.clearStatements();
		this.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
	}

	/** A query's result as Arrow IPC bytes (DuckDB writes the IPC *file* format, "ARROW1"). */
	arrowIPC(sql: string): Uint8Array {
		return this.conn.useUnsafe((b, c) => b.runQuery(c, sql));
	}
}

/** Dates are bound as ISO strings (DuckDB casts them); everything else as is. */
function bindable(v: unknown): unknown {
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'bigint') return Number(v);
	return v;
}
