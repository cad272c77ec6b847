/**
 * Test helpers for the indicator engine: one DuckDB per test file, contract tables
 * created in canonical form (CREATE TABLE + INSERT with bound values).
 */
import { createNodeDatabase } from '../../../src/lib/engine/node';
import type { Database } from '../../../src/lib/engine/database';
import { ident } from '../../../src/lib/engine/sql';
import type { ContractTableName } from '../../../src/lib/engine/contract';
import type { ComputeContext, TableInfo, TableMap } from '../../../src/lib/indicators/types';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/lib/indicators/settings';

export const SCHEMA = 'contract';

/** Canonical column types of the contract tables used in tests. */
export const TYPES: Record<string, Record<string, string>> = {
	households: {
		household_id: 'VARCHAR',
		round: 'VARCHAR',
		survey_date: 'DATE',
		dusun: 'VARCHAR',
		group: 'VARCHAR',
		head_sex: 'VARCHAR',
		members: 'INTEGER',
		income_month_idr: 'DOUBLE',
		electricity: 'BOOLEAN',
		water_improved: 'BOOLEAN',
		road_2km: 'BOOLEAN',
		weight: 'DOUBLE'
	},
	people: {
		person_id: 'VARCHAR',
		household_id: 'VARCHAR',
		round: 'VARCHAR',
		sex: 'VARCHAR',
		age: 'INTEGER',
		labour_status: 'VARCHAR',
		health_checkup_12m: 'BOOLEAN',
		jkn: 'BOOLEAN',
		sick_days_30d: 'INTEGER'
	},
	trainings: {
		participant_id: 'VARCHAR',
		sex: 'VARCHAR',
		age: 'INTEGER',
		course: 'VARCHAR',
		start_date: 'DATE',
		end_date: 'DATE',
		completed: 'BOOLEAN',
		followup_date: 'DATE',
		working_at_followup: 'BOOLEAN',
		dusun: 'VARCHAR'
	},
	enterprises: {
		enterprise_id: 'VARCHAR',
		report_date: 'DATE',
		owner_sex: 'VARCHAR',
		sector: 'VARCHAR',
		revenue_month_idr: 'DOUBLE',
		workers: 'INTEGER',
		women_workers: 'INTEGER',
		dusun: 'VARCHAR'
	},
	loans: {
		loan_id: 'VARCHAR',
		borrower_id: 'VARCHAR',
		borrower_sex: 'VARCHAR',
		enterprise_id: 'VARCHAR',
		disbursed_date: 'DATE',
		amount_idr: 'DOUBLE',
		report_date: 'DATE',
		outstanding_idr: 'DOUBLE',
		days_past_due: 'INTEGER',
		status: 'VARCHAR'
	},
	health_services: {
		service_id: 'VARCHAR',
		date: 'DATE',
		person_id: 'VARCHAR',
		sex: 'VARCHAR',
		age: 'DOUBLE',
		service: 'VARCHAR',
		haz: 'DOUBLE',
		dusun: 'VARCHAR'
	},
	infrastructure: {
		project_id: 'VARCHAR',
		report_date: 'DATE',
		type: 'VARCHAR',
		name: 'VARCHAR',
		dusun: 'VARCHAR',
		status: 'VARCHAR',
		start_date: 'DATE',
		completion_date: 'DATE',
		budget_idr: 'DOUBLE',
		spent_idr: 'DOUBLE',
		households_served: 'INTEGER'
	},
	meetings: {
		meeting_id: 'VARCHAR',
		date: 'DATE',
		level: 'VARCHAR',
		type: 'VARCHAR',
		attendees: 'INTEGER',
		women_attendees: 'INTEGER',
		proposals: 'INTEGER',
		proposals_adopted: 'INTEGER'
	},
	budget: {
		year: 'INTEGER',
		account_code: 'VARCHAR',
		category: 'VARCHAR',
		field: 'VARCHAR',
		activity: 'VARCHAR',
		source: 'VARCHAR',
		budget_idr: 'DOUBLE',
		realized_idr: 'DOUBLE'
	},
	targets: {
		indicator: 'VARCHAR',
		period: 'VARCHAR',
		target: 'DOUBLE',
		baseline: 'DOUBLE',
		dusun: 'VARCHAR',
		sex: 'VARCHAR'
	},
	indicator_values: {
		indicator: 'VARCHAR',
		period: 'VARCHAR',
		value: 'DOUBLE',
		numerator: 'DOUBLE',
		denominator: 'DOUBLE',
		dusun: 'VARCHAR',
		sex: 'VARCHAR'
	},
	village_index: {
		village_code: 'VARCHAR',
		village_name: 'VARCHAR',
		year: 'INTEGER',
		score: 'DOUBLE',
		status: 'VARCHAR',
		kode_kecamatan: 'VARCHAR',
		nama_kecamatan: 'VARCHAR',
		kode_kabupaten: 'VARCHAR',
		nama_kabupaten: 'VARCHAR'
	}
};

let shared: Promise<Database> | null = null;
/** One database per test file (vitest runs each file in its own process). */
export function openDatabase(): Promise<Database> {
	if (!shared) {
		shared = createNodeDatabase().then((db) => {
			db.exec(`CREATE SCHEMA IF NOT EXISTS ${ident(SCHEMA)}`);
			return db;
		});
	}
	return shared;
}

/**
 * (Re)create a table in canonical form and fill it. `columns` lists the columns present
 * (a subset of the contract's, in any order; extra unknown columns may be given with a type
 * in `extraTypes`). Returns the TableInfo ingest would hand over.
 */
export function createTable(
	db: Database,
	table: ContractTableName | string,
	columns: string[],
	rows: unknown[][],
	opts: { name?: string; extraTypes?: Record<string, string>; listColumns?: string[] } = {}
): TableInfo {
	const name = opts.name ?? table;
	const types = { ...(TYPES[table] ?? {}), ...(opts.extraTypes ?? {}) };
	const ref = `${ident(SCHEMA)}.${ident(name)}`;
	dropTable(db, name);
	const defs = columns.map((c) => {
		const t = types[c];
		if (!t) throw new Error(`no type for ${table}.${c}`);
		return `${ident(c)} ${t}`;
	});
	db.exec(`CREATE TABLE ${ref} (${defs.join(', ')})`);
	const batch = 200;
	for (let i = 0; i < rows.length; i += batch) {
		const chunk = rows.slice(i, i + batch);
		for (const r of chunk) if (r.length !== columns.length) throw new Error(`row has ${r.length} values, expected ${columns.length}: ${JSON.stringify(r)}`);
		const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
		db.query(`INSERT INTO ${ref} VALUES ${placeholders}`, chunk.flat());
	}
	return { ref, columns: opts.listColumns ?? columns };
}

/** Drop a table or view of the test schema, if it exists. */
export function dropTable(db: Database, name: string): void {
	const ref = `${ident(SCHEMA)}.${ident(name)}`;
	try {
		db.exec(`DROP TABLE IF EXISTS ${ref}`);
	} catch {
		// DuckDB refuses DROP TABLE on a view
		db.exec(`DROP VIEW IF EXISTS ${ref}`);
	}
}

export function contextOf(db: Database, tables: TableMap, settings: Settings = DEFAULT_SETTINGS): ComputeContext {
	return { db, tables, settings };
}
