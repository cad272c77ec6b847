/** Standard-SQL quoting. Every identifier Pantau sends to an engine goes through `ident`. */

/** Quote an identifier: `a"b` -> `"a""b"`. */
export function ident(name: string): string {
	return '"' + String(name).replace(/"/g, '""') + '"';
}

/** Quote a string literal. Only for values that cannot be bound (e.g. file names in table functions). */
export function literal(value: string): string {
	return "'" + String(value).replace(/'/g, "''") + "'";
}

/** A qualified name: `ident(schema).ident(name)`. */
export function qualified(schema: string, name: string): string {
	return `${ident(schema)}.${ident(name)}`;
}
