import { describe, it, expect, beforeAll } from 'vitest';
import { createNodeDatabase } from '../../src/lib/engine/node';
import { rowObjects, type Database } from '../../src/lib/engine/database';
import { ident } from '../../src/lib/engine/sql';

let db: Database;
beforeAll(async () => {
	db = await createNodeDatabase();
});

describe('Database', () => {
	it('returns plain numbers, dates and nulls', () => {
		const r = db.query(
			`SELECT count(*) AS n, sum(x) AS s, 1500000.50::DECIMAL(12,2) AS d, DATE '2023-03-15' AS dt, NULL AS z, 'a' AS t
			 FROM range(4) r(x)`
		);
		const [row] = rowObjects<{ n: unknown; s: unknown; d: unknown; dt: unknown; z: unknown; t: unknown }>(r);
		expect(row.n).toBe(4);
		expect(row.s).toBe(6);
		expect(row.d).toBe(1500000.5);
		expect(row.dt).toBeInstanceOf(Date);
		expect((row.dt as Date).toISOString().slice(0, 10)).toBe('2023-03-15');
		expect(row.z).toBeNull();
		expect(row.t).toBe('a');
	});

	it('binds parameters instead of splicing strings', () => {
		const evil = "x'; DROP TABLE t; --";
		db.exec('CREATE TABLE t (v VARCHAR)');
		db.query('INSERT INTO t VALUES (?)', [evil]);
		const r = db.query('SELECT v FROM t WHERE v = ?', [evil]);
		expect(r.rows).toEqual([[evil]]);
	});

	it('quotes hostile identifiers', () => {
		const col = 'x"; DROP TABLE households; --';
		db.exec(`CREATE TABLE ${ident('odd')} (${ident(col)} INTEGER, ${ident('__proto__')} INTEGER)`);
		db.exec(`INSERT INTO ${ident('odd')} VALUES (1, 2)`);
		const r = db.query(`SELECT ${ident(col)}, ${ident('__proto__')} FROM ${ident('odd')}`);
		expect(r.columns).toEqual([col, '__proto__']);
		const [o] = rowObjects<Record<string, unknown>>(r);
		expect(o['__proto__']).toBe(2);
		expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	});
});
