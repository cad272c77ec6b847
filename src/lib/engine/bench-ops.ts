/**
 * Benchmark operations, run inside the engine worker for `npm run bench` (scripts/bench.mjs),
 * on the same DuckDB that holds the app's tables. Never used by the app itself.
 *
 * - `raw`: the raw pipeline for the same files the app was given: for CSV, the bytes into
 *   DuckDB and `read_csv` with the dialect and the column types spelled out (no sniffing, no
 *   checks, no load report) into a fresh table; for Parquet, parquet-wasm to Arrow IPC and
 *   `insertArrowFromIPCStream`; then one raw indicator query. Returns its own milliseconds.
 * - `memory`: what DuckDB says it uses (`duckdb_memory()`, `PRAGMA database_size`) and the
 *   size of the worker's wasm memory.
 *
 * The raw indicator query is INC-02's core without the app's machinery: the weighted poverty
 * headcount (weight x members, income per capita below the line) in the latest round (the
 * round whose first survey date is the latest), plus the weighted mean monthly income.
 */

/** What the bench needs of the app's Database (structural, so it is not tied to its internals). */
export interface BenchDb {
	query(sql: string): { columns: string[]; rows: unknown[][] };
	exec(sql: string): void;
	registerBuffer(name: string, bytes: Uint8Array): void;
	dropFile(name: string): void;
	insertArrowIPC(table: string, ipc: Uint8Array): void;
	readonly bindings: unknown;
}

export interface BenchParquet {
	ready(): Promise<void>;
	toArrowIPC(bytes: Uint8Array): Uint8Array;
}

export interface RawResult {
	/** From the moment the op has the file (a Blob) to the query's answer, table dropped after. */
	ms: number;
	readMs: number;
	loadMs: number;
	queryMs: number;
	rows: number;
	poverty: number | null;
	meanIncome: number | null;
}

const POVERTY_LINE = 580349;

/** Column types of the generated files (households and people), by form: the names differ. */
type Kind = 'households' | 'people';
type Form = 'id' | 'plain';
const COLUMNS: Record<Kind, Record<Form, Array<[string, string]>>> = {
	households: {
		id: [
			['id_rt', 'VARCHAR'],
			['putaran', 'VARCHAR'],
			['tanggal_survei', 'DATE'],
			['dusun', 'VARCHAR'],
			['kelompok', 'VARCHAR'],
			['jk_kepala', 'VARCHAR'],
			['jumlah_anggota', 'INTEGER'],
			['pendapatan_bulanan', 'DOUBLE'],
			['listrik', 'VARCHAR'],
			['air_layak', 'VARCHAR'],
			['jalan_2km', 'VARCHAR'],
			['bobot', 'DOUBLE']
		],
		plain: [
			['household_id', 'VARCHAR'],
			['round', 'VARCHAR'],
			['survey_date', 'DATE'],
			['dusun', 'VARCHAR'],
			['group', 'VARCHAR'],
			['head_sex', 'VARCHAR'],
			['members', 'INTEGER'],
			['income_month_idr', 'DOUBLE'],
			['electricity', 'BOOLEAN'],
			['water_improved', 'BOOLEAN'],
			['road_2km', 'BOOLEAN'],
			['weight', 'DOUBLE']
		]
	},
	people: {
		id: [
			['id_art', 'VARCHAR'],
			['id_rt', 'VARCHAR'],
			['putaran', 'VARCHAR'],
			['jk', 'VARCHAR'],
			['umur', 'INTEGER'],
			['status_kerja', 'VARCHAR'],
			['cek_kesehatan', 'VARCHAR'],
			['bpjs', 'VARCHAR'],
			['hari_sakit', 'INTEGER']
		],
		plain: [
			['person_id', 'VARCHAR'],
			['household_id', 'VARCHAR'],
			['round', 'VARCHAR'],
			['sex', 'VARCHAR'],
			['age', 'INTEGER'],
			['labour_status', 'VARCHAR'],
			['health_checkup_12m', 'BOOLEAN'],
			['jkn', 'BOOLEAN'],
			['sick_days_30d', 'INTEGER']
		]
	}
};

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The raw indicator query over a households table with the given column names. */
function indicatorSql(table: string, c: { round: string; date: string; members: string; income: string; weight: string }): string {
	const t = q(table);
	return `WITH latest AS (
  SELECT ${q(c.round)} AS r FROM ${t} GROUP BY 1 ORDER BY MIN(${q(c.date)}) DESC LIMIT 1
)
SELECT
  SUM(CASE WHEN ${q(c.income)} / ${q(c.members)} < ${POVERTY_LINE} THEN ${q(c.weight)} * ${q(c.members)} ELSE 0 END)
    / SUM(${q(c.weight)} * ${q(c.members)}) * 100 AS poverty,
  SUM(${q(c.weight)} * ${q(c.income)}) / SUM(${q(c.weight)}) AS mean_income
FROM ${t}
WHERE ${q(c.round)} = (SELECT r FROM latest) AND ${q(c.members)} > 0 AND ${q(c.income)} IS NOT NULL`;
}

const NAMES = {
	id: { round: 'putaran', date: 'tanggal_survei', members: 'jumlah_anggota', income: 'pendapatan_bulanan', weight: 'bobot' },
	plain: { round: 'round', date: 'survey_date', members: 'members', income: 'income_month_idr', weight: 'weight' }
};

let counter = 0;

/**
 * The raw pipeline: each file (a Blob) into its own fresh table (households first, then any
 * others, e.g. people), then the one indicator query over the households table; every table
 * is dropped after. The time runs from the moment the op has the Blobs.
 */
async function raw(
	db: BenchDb,
	parquet: BenchParquet,
	files: Blob[],
	kinds: Kind[],
	form: Form | 'parquet'
): Promise<RawResult & { parquetInitMs: number }> {
	const ti = performance.now();
	if (form === 'parquet') await parquet.ready();
	const t0 = performance.now();
	const tag = `${Date.now().toString(36)}_${counter++}`;
	const tables = kinds.map((k) => `__bench_raw_${k}_${tag}`);
	const fsNames: string[] = [];
	let readMs = 0;
	try {
		for (let i = 0; i < files.length; i++) {
			const tr = performance.now();
			const bytes = new Uint8Array(await files[i].arrayBuffer());
			readMs += performance.now() - tr;
			if (form === 'parquet') {
				db.insertArrowIPC(tables[i], parquet.toArrowIPC(bytes));
				continue;
			}
			const fsName = `${tables[i]}.csv`;
			fsNames.push(fsName);
			const columns = COLUMNS[kinds[i]][form].map(([name, type]) => `${lit(name)}: ${lit(type)}`).join(', ');
			const dialect =
				form === 'id'
					? `delim = ';', decimal_separator = ',', thousands = '.', dateformat = '%d/%m/%Y'`
					: `delim = ',', decimal_separator = '.', dateformat = '%Y-%m-%d'`;
			db.registerBuffer(fsName, bytes);
			db.exec(
				`CREATE TABLE ${q(tables[i])} AS SELECT * FROM read_csv(${lit(fsName)}, auto_detect = false, header = true, quote = '"', ${dialect}, columns = {${columns}})`
			);
		}
		const t2 = performance.now();
		const hh = tables[kinds.indexOf('households')];
		const res = db.query(indicatorSql(hh, NAMES[form === 'id' ? 'id' : 'plain']));
		const t3 = performance.now();
		const rows = Number(db.query(`SELECT COUNT(*) FROM ${q(hh)}`).rows[0][0]);
		return {
			ms: t3 - t0,
			readMs,
			loadMs: t2 - t0 - readMs,
			queryMs: t3 - t2,
			rows,
			poverty: num(res.rows[0]?.[0]),
			meanIncome: num(res.rows[0]?.[1]),
			parquetInitMs: t0 - ti
		};
	} finally {
		for (const t of tables) db.exec(`DROP TABLE IF EXISTS ${q(t)}`);
		for (const f of fsNames) db.dropFile(f);
	}
}

function memory(db: BenchDb): Record<string, number | string | null> {
	const out: Record<string, number | string | null> = {};
	try {
		const r = db.query('SELECT SUM(memory_usage_bytes), SUM(temporary_storage_bytes) FROM duckdb_memory()');
		out.duckdbMemoryBytes = num(r.rows[0][0]);
		out.duckdbTempBytes = num(r.rows[0][1]);
	} catch (e) {
		out.duckdbMemoryError = String((e as Error)?.message ?? e);
	}
	try {
		const r = db.query('PRAGMA database_size');
		const i = r.columns.indexOf('memory_usage');
		out.databaseSizeMemoryUsage = i >= 0 ? String(r.rows[0][i]) : null;
		const j = r.columns.indexOf('memory_limit');
		out.memoryLimit = j >= 0 ? String(r.rows[0][j]) : null;
	} catch (e) {
		out.databaseSizeError = String((e as Error)?.message ?? e);
	}
	const mod = (db.bindings as { mod?: { HEAPU8?: Uint8Array; wasmMemory?: WebAssembly.Memory } } | null)?.mod;
	out.wasmMemoryBytes = mod?.wasmMemory?.buffer.byteLength ?? mod?.HEAPU8?.buffer.byteLength ?? null;
	const pm = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
	out.workerJsHeapBytes = pm ? pm.usedJSHeapSize : null;
	return out;
}

/** The worker's entry point for the `bench` op. */
export async function runBench(db: BenchDb, parquet: BenchParquet, task: string, args: unknown[]): Promise<unknown> {
	switch (task) {
		case 'raw':
			// args: [files: Blob[], kinds: ('households' | 'people')[], form: 'id' | 'plain' | 'parquet']
			return raw(db, parquet, args[0] as Blob[], args[1] as Kind[], args[2] as Form | 'parquet');
		case 'memory':
			return memory(db);
		default:
			throw new Error(`Unknown bench task ${task}`);
	}
}
