/**
 * SQL fragments: text plus the values bound to its `?` placeholders, in order.
 *
 * The `sql` tag is the only way indicator code writes SQL: every interpolated value
 * becomes a `?` parameter, so values can never be spliced into the text. Identifiers
 * go through `id()` / `col()` (quoted with `ident`), and table references through
 * `tableRef()` (already quoted by ingest).
 */
import { ident, literal } from '../engine/sql';

const FRAGMENT = Symbol('sql-fragment');

export interface SqlFragment {
	readonly text: string;
	readonly params: readonly unknown[];
	readonly [FRAGMENT]: true;
}

function make(text: string, params: readonly unknown[]): SqlFragment {
	return { text, params, [FRAGMENT]: true };
}

export function isFragment(v: unknown): v is SqlFragment {
	return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[FRAGMENT] === true;
}

/** Values allowed as bound parameters. */
export type SqlValue = string | number | boolean | null;

/** Tagged template: fragments are inlined, any other value becomes a bound `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: Array<SqlFragment | SqlValue>): SqlFragment {
	let text = strings[0];
	const params: unknown[] = [];
	values.forEach((v, i) => {
		if (isFragment(v)) {
			text += v.text;
			params.push(...v.params);
		} else {
			if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`Cannot bind a non-finite number (${v})`);
			text += '?';
			params.push(v);
		}
		text += strings[i + 1];
	});
	return make(text, params);
}

/** A quoted identifier. */
export function id(name: string): SqlFragment {
	return make(ident(name), []);
}

/** A quoted column of a table alias: `t."name"`. */
export function col(alias: string, name: string): SqlFragment {
	return make(`${ident(alias)}.${ident(name)}`, []);
}

/** A table reference that ingest has already quoted (TableInfo.ref). */
export function tableRef(ref: string): SqlFragment {
	return make(ref, []);
}

/** SQL keywords or fixed text written by this module's callers (never data). */
export function keyword(text: string): SqlFragment {
	return make(text, []);
}

export const EMPTY: SqlFragment = make('', []);

/** Join fragments with a separator (e.g. `, ` or ` AND `). */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
	const params: unknown[] = [];
	parts.forEach((p) => params.push(...p.params));
	return make(parts.map((p) => p.text).join(separator), params);
}

/**
 * The SQL with its parameters written in as literals, for display only (audit panel,
 * copy-to-clipboard). Placeholders inside quoted identifiers or strings are left alone.
 */
export function sqlForDisplay(text: string, params: readonly unknown[]): string {
	let out = '';
	let i = 0;
	let p = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '"' || ch === "'") {
			let j = i + 1;
			while (j < text.length) {
				if (text[j] === ch) {
					if (text[j + 1] === ch) j += 2;
					else break;
				} else j++;
			}
			out += text.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		if (ch === '?' && p < params.length) {
			const v = params[p++];
			out += v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : literal(String(v));
			i++;
			continue;
		}
		out += ch;
		i++;
	}
	return out;
}
