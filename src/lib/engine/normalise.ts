/**
 * Value conventions of the data contract as SQL expressions. For each contract column
 * we build the typed value and, beside it, the reason a present value could not be read
 * (NULL when it could). A row with any reason goes to the load report, never silently.
 */
import type { ContractColumn, ValueKind } from './contract';
import { MISSING_TOKENS, SHAPE_DMY, SHAPE_INT, SHAPE_THOUSANDS, SHAPE_YMD, UNKNOWN_FACTS, onlyShapes, type ColumnFacts } from './csv-dialect';
import { containsText, fullMatch, hasEdgeSpace, matchesAnywhere, regexReplaceAll, trimAll, tryStrptimeDate } from './dialect';
import { literal } from './sql';

export type SqlType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'BOOLEAN' | 'INTEGER';

export const SQL_TYPE_OF_KIND: Record<ValueKind, SqlType> = {
	text: 'VARCHAR',
	integer: 'BIGINT',
	double: 'DOUBLE',
	money: 'DOUBLE',
	date: 'DATE',
	boolean: 'BOOLEAN',
	sex: 'VARCHAR',
	owner_sex: 'VARCHAR',
	labour_status: 'VARCHAR',
	budget_category: 'VARCHAR',
	group: 'VARCHAR',
	year: 'INTEGER'
};

export { MISSING_TOKENS };

/**
 * The cleaned text of a raw value: trimmed, NULL when it is a missing token. Guarded so
 * the common value (no surrounding space, longer than any token) costs one length check
 * and one regex test (measured: 2.2x faster than trimming and lower-casing every value).
 */
export function cleanText(raw: string): string {
	const t = trimAll(raw);
	return `CASE WHEN ${raw} IS NULL THEN NULL
		WHEN length(${raw}) <= 8 AND lower(${t}) IN (${MISSING_TOKENS.map(literal).join(', ')}) THEN NULL
		WHEN ${hasEdgeSpace(raw)} THEN ${t}
		ELSE ${raw} END`;
}

/**
 * How the projection is written. Both forms give the same values, rejects and messages for
 * every input (tests/unit/normalise-fast.test.ts checks this on random files).
 * - robust: every value goes through the general expressions (trim, lower, regex cascades);
 * - fast: a cheap test picks out values already in a simple form (no surrounding space,
 *   an exact word, a number without decoration) and reads them with a cheap expression;
 *   every other value goes through the general expression.
 */
export type NormaliseForm = 'robust' | 'fast';

/**
 * Whether text with no surrounding space is a missing-value token. For such text
 * `trim` changes nothing, so this equals cleanText's token test.
 */
function isMissingToken(raw: string): string {
	return `length(${raw}) <= 8 AND lower(${raw}) IN (${MISSING_TOKENS.map(literal).join(', ')})`;
}

/**
 * cleanText, with the general expression only for values with surrounding space. Exact:
 * text without it is unchanged by trimming, so cleanText gives NULL for a missing token
 * and the text itself otherwise (its last two branches amount to `trim(raw)`). `facts`
 * (from a scan of the file) can say no value has surrounding space, or is a token either.
 */
export function cleanTextFast(raw: string, facts: ColumnFacts): string {
	if (!facts.padded && !facts.tokens) return raw;
	const simple = `WHEN ${isMissingToken(raw)} THEN NULL ELSE ${raw} END`;
	return facts.padded ? `CASE WHEN ${hasEdgeSpace(raw)} THEN ${cleanText(raw)} ${simple}` : `CASE ${simple}`;
}

/**
 * Anything moneyStripped could remove: an `Rp`/`IDR` prefix, a space of any kind anywhere
 * (which also covers surrounding space), a trailing `,-`/`.-`. Text without any of them is
 * left as it is by cleaning and stripping, but for a missing-value token.
 */
const MONEY_DECORATION = '^(?:[Rr][Pp]|IDR)|[\\s\\x{00A0}\\x{202F}]|[,.]-$';

/**
 * moneyStripped(cleanText(raw)), with the general expression only for decorated values.
 * Without decoration stripping changes nothing, so this is cleanText's value.
 */
function moneyTextFast(raw: string, facts: ColumnFacts): string {
	if (!facts.decorated) return cleanTextFast(raw, facts);
	const simple = facts.tokens ? `WHEN ${isMissingToken(raw)} THEN NULL ELSE ${raw} END` : `ELSE ${raw} END`;
	return `CASE WHEN ${matchesAnywhere(raw, MONEY_DECORATION)} THEN ${moneyStripped(cleanText(raw))} ${simple}`;
}

/** The word's spellings that lower-case to it: as is, UPPER and Capitalised (ASCII words only). */
function spellings(words: string[]): string[] {
	const out = new Set<string>();
	for (const w of words) {
		if (!/^[\x20-\x7e]*$/.test(w) || w !== w.toLowerCase()) throw new Error(`not a lower-case ASCII word: ${w}`);
		out.add(w);
		out.add(w.toUpperCase());
		out.add(w.charAt(0).toUpperCase() + w.slice(1));
	}
	return [...out];
}

/**
 * A synonym table with the exact spellings tried first, one comparison each (shortest
 * first: codes like L/P are the common ones), then `general` (the lower-cased match).
 * Exact: for ASCII text, lower(x) = w exactly when x is one of w's spellings here or
 * another mix of cases, which `general` reads; the spellings of different words differ.
 */
function mapValuesFast(x: string, table: Record<string, string[]>, general: string, value: (canonical: string) => string, first: readonly string[] = []): string {
	const pairs: Array<[string, string]> = [];
	for (const [canonical, words] of Object.entries(table)) for (const s of spellings(words)) pairs.push([s, canonical]);
	pairs.sort((a, b) => a[0].length - b[0].length);
	const whens = (list: Array<[string, string]>) => list.map(([s, canonical]) => `WHEN ${x} = ${literal(s)} THEN ${value(canonical)}`).join(' ');
	// The spellings the column was seen to hold (in the order seen) get a CASE of their own,
	// with the others inside its ELSE: DuckDB pays for every WHEN of a CASE, even once no
	// row is left to test, but not for an ELSE no row reaches.
	const hinted = first.flatMap((v) => pairs.filter(([s]) => s === v));
	const rest = pairs.filter((p) => !hinted.includes(p));
	if (hinted.length === 0) return `CASE WHEN ${x} IS NULL THEN NULL ${whens(rest)} ELSE ${general} END`;
	return `CASE WHEN ${x} IS NULL THEN NULL ${whens(hinted)} ELSE ${rest.length ? `CASE ${whens(rest)} ELSE ${general} END` : general} END`;
}

/** Map a lower-cased text through a table of synonyms; NULL when unknown. */
function mapValues(x: string, table: Record<string, string[]>): string {
	const whens = Object.entries(table)
		.map(([canonical, words]) => `WHEN lower(${x}) IN (${words.map(literal).join(', ')}) THEN ${literal(canonical)}`)
		.join(' ');
	return `CASE ${whens} ELSE NULL END`;
}

export const SEX_WORDS: Record<string, string[]> = {
	F: ['f', 'p', 'w', 'female', 'perempuan', 'wanita'],
	// laki_laki: the choice name survey forms (KoboToolbox, ODK) export.
	M: ['m', 'l', 'male', 'laki-laki', 'laki_laki', 'laki laki', 'lakilaki', 'pria']
};
export const BOOLEAN_WORDS: Record<string, string[]> = {
	true: ['1', 'true', 'ya', 'y', 'yes'],
	false: ['0', 'false', 'tidak', 'n', 'no']
};
export const LABOUR_WORDS: Record<string, string[]> = {
	employed: ['employed', 'bekerja'],
	unemployed: ['unemployed', 'menganggur'],
	inactive: ['inactive', 'bukan_angkatan_kerja', 'bukan angkatan kerja']
};
export const CATEGORY_WORDS: Record<string, string[]> = {
	revenue: ['revenue', 'pendapatan'],
	expenditure: ['expenditure', 'belanja'],
	financing_in: ['financing_in', 'penerimaan_pembiayaan', 'penerimaan pembiayaan'],
	financing_out: ['financing_out', 'pengeluaran_pembiayaan', 'pengeluaran pembiayaan']
};
export const GROUP_WORDS: Record<string, string[]> = {
	program: ['program', 'treatment', 'intervensi', 'perlakuan', 'kelompok program', 'kelompok intervensi', 'kelompok perlakuan'],
	comparison: ['comparison', 'control', 'kontrol', 'pembanding', 'kelompok pembanding', 'kelompok kontrol']
};

/** The synonym table of each kind that is a set of words. */
const ENUM_WORDS: Record<'sex' | 'owner_sex' | 'labour_status' | 'budget_category' | 'group', Record<string, string[]>> = {
	sex: SEX_WORDS,
	owner_sex: { ...SEX_WORDS, joint: ['joint', 'bersama', 'j'] },
	labour_status: LABOUR_WORDS,
	budget_category: CATEGORY_WORDS,
	group: GROUP_WORDS
};

/**
 * Money text with `Rp` (or `IDR`), every kind of space, and the `,-` that Indonesian
 * amounts often end with (`Rp 150.000,-`) removed.
 */
export function moneyStripped(x: string): string {
	const noSpace = regexReplaceAll(regexReplaceAll(x, '^([Rr][Pp]\\.?|IDR)', ''), '[\\s\\x{00A0}\\x{202F}]', '');
	return regexReplaceAll(noSpace, '(\\d)[,.]-$', '\\1');
}

/** An amount with thousands dots (and maybe decimals after a comma): `1.500.000`, `1.500.000,50`. */
const MONEY_THOUSANDS_DOT = '-?\\d{1,3}(\\.\\d{3})+(,\\d+)?';
function thousandsDotToDouble(s: string): string {
	return `TRY_CAST(replace(replace(${s}, '.', ''), ',', '.') AS DOUBLE)`;
}

/** Money in Rp from stripped text `s`: `1500000`, `1.500.000`, `1.500.000,50`, `1,500,000.50`. */
function moneyExpr(s: string): string {
	return `CASE
		WHEN ${fullMatch(s, '-?\\d+(\\.\\d{1,2})?')} THEN TRY_CAST(${s} AS DOUBLE)
		WHEN ${fullMatch(s, MONEY_THOUSANDS_DOT)} THEN ${thousandsDotToDouble(s)}
		WHEN ${fullMatch(s, '-?\\d{1,3}(,\\d{3})+(\\.\\d+)?')} THEN TRY_CAST(replace(${s}, ',', '') AS DOUBLE)
		WHEN ${fullMatch(s, '-?\\d+,\\d+')} THEN TRY_CAST(replace(${s}, ',', '.') AS DOUBLE)
		WHEN ${fullMatch(s, '-?\\d+\\.\\d+')} THEN TRY_CAST(${s} AS DOUBLE)
		ELSE NULL END`;
}

/** A decimal number in a file whose decimal mark is `decimal`. */
function doubleExpr(x: string, decimal: '.' | ','): string {
	if (decimal === ',') {
		return `CASE WHEN ${fullMatch(x, '-?\\d{1,3}(\\.\\d{3})+(,\\d+)?')} THEN TRY_CAST(replace(replace(${x}, '.', ''), ',', '.') AS DOUBLE)
			ELSE TRY_CAST(replace(${x}, ',', '.') AS DOUBLE) END`;
	}
	return `coalesce(TRY_CAST(${x} AS DOUBLE), CASE WHEN ${fullMatch(x, '-?\\d{1,3}(,\\d{3})+(\\.\\d+)?')} THEN TRY_CAST(replace(${x}, ',', '') AS DOUBLE) END)`;
}

function dateExpr(x: string): string {
	return `CASE
		WHEN ${fullMatch(x, '\\d{4}-\\d{1,2}-\\d{1,2}')} THEN ${tryStrptimeDate(x, '%Y-%m-%d')}
		WHEN ${fullMatch(x, '\\d{1,2}/\\d{1,2}/\\d{4}')} THEN ${tryStrptimeDate(x, '%d/%m/%Y')}
		WHEN ${fullMatch(x, '\\d{1,2}-\\d{1,2}-\\d{4}')} THEN ${tryStrptimeDate(x, '%d-%m-%Y')}
		WHEN ${fullMatch(x, '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?')} THEN CAST(TRY_CAST(${x} AS TIMESTAMP) AS DATE)
		ELSE NULL END`;
}

function dateReason(x: string): string {
	return `CASE
		WHEN ${fullMatch(x, '\\d{1,2}[/-]\\d{1,2}[/-]\\d{2}')} THEN 'has a 2-digit year; write dates as DD/MM/YYYY or YYYY-MM-DD'
		WHEN ${fullMatch(x, '\\d{1,2}/\\d{1,2}/\\d{4}')} AND ${tryStrptimeDate(x, '%m/%d/%Y')} IS NOT NULL THEN 'is not a real date as DD/MM/YYYY (day first), though it is one as MM/DD/YYYY (month first); dates are read day first, so save them as YYYY-MM-DD'
		WHEN ${fullMatch(x, '\\d{4}-\\d{1,2}-\\d{1,2}')} THEN 'is not a real date (check the month and day: written year first, it is read as YYYY-MM-DD)'
		WHEN ${fullMatch(x, '\\d{1,2}[/-]\\d{1,2}[/-]\\d{4}')} THEN 'is not a real date (check the day and month; dates are read as DD/MM/YYYY)'
		WHEN ${fullMatch(x, '\\d{5}(\\.\\d+)?')} THEN 'is a number, not a date (a spreadsheet date serial?); format the column as a date (YYYY-MM-DD) before saving'
		ELSE 'is not a date; expected YYYY-MM-DD or DD/MM/YYYY' END`;
}

/** Excel's error values (`#DIV/0!`, `#VALUE!`, ...) left in a cell by a broken formula. */
const SPREADSHEET_ERROR = '#(DIV/0!|VALUE!|REF!|NAME\\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!|GETTING_DATA)';

/** Typed value of cleaned text `x` for a kind. */
export function typedFromText(kind: ValueKind, x: string, decimal: '.' | ','): string {
	switch (kind) {
		case 'text':
			return x;
		case 'integer': {
			// Digits only: DuckDB's cast alone would round `2.5` to 3 and read `0x10` and `1_000`.
			// Thousands are grouped by the mark that is not the file's decimal mark (`1.200` in a
			// decimal-comma file is 1200), tried before `2,0`/`2.0` (a whole number written with decimals).
			const group = decimal === ',' ? '\\.' : ',';
			return `CASE WHEN ${fullMatch(x, '-?\\d+')} THEN TRY_CAST(${x} AS BIGINT) WHEN ${fullMatch(x, `-?\\d{1,3}(${group}\\d{3})+`)} THEN TRY_CAST(${regexReplaceAll(x, group, '')} AS BIGINT) WHEN ${fullMatch(x, '-?\\d+[.,]0+')} THEN TRY_CAST(${regexReplaceAll(x, '[.,]0+$', '')} AS BIGINT) END`;
		}
		case 'year':
			return `CASE WHEN ${fullMatch(x, '\\d{4}')} THEN CAST(${x} AS INTEGER) END`;
		case 'double':
			return doubleExpr(x, decimal);
		case 'money':
			return moneyExpr(moneyStripped(x));
		case 'date':
			return dateExpr(x);
		case 'boolean':
			return `CAST(${mapValues(x, BOOLEAN_WORDS)} AS BOOLEAN)`;
		case 'sex':
		case 'owner_sex':
		case 'labour_status':
		case 'budget_category':
		case 'group':
			return mapValues(x, ENUM_WORDS[kind]);
	}
}

/**
 * typedFromText (money: moneyExpr), with cheaper tests for values in a simple form.
 * Each case gives typedFromText's value for every text; where `facts` say every value of
 * the column has one of a few shapes (csv-dialect.ts valueShape), for every text of those
 * shapes, without the pattern tests that could only choose the branch those shapes take.
 */
export function typedFromTextFast(kind: ValueKind, x: string, decimal: '.' | ',', facts: ColumnFacts = UNKNOWN_FACTS): string {
	const only = (allowed: number) => onlyShapes(facts.shapes, allowed);
	switch (kind) {
		case 'integer':
			// `-?\d+` is the first pattern of typedFromText's integer.
			return only(SHAPE_INT) ? `TRY_CAST(${x} AS BIGINT)` : typedFromText(kind, x, decimal);
		case 'double':
			// In a decimal-comma file, `-?\d+` has no mark to replace, and thousands take their pattern's branch.
			if (decimal === ',' && only(SHAPE_INT | SHAPE_THOUSANDS)) return thousandsDotToDouble(x);
			// Without a '.', the thousands pattern (which needs one) cannot match.
			return decimal === ','
				? `CASE WHEN NOT ${containsText(x, '.')} THEN TRY_CAST(replace(${x}, ',', '.') AS DOUBLE) ELSE ${doubleExpr(x, decimal)} END`
				: doubleExpr(x, decimal);
		case 'money':
			// `-?\d+` takes moneyExpr's first branch (a cast, which the replaces leave as it is),
			// and thousands its second (the first needs at most 2 digits after one dot).
			if (only(SHAPE_INT | SHAPE_THOUSANDS)) return thousandsDotToDouble(x);
			// Amounts with thousands dots first in a decimal-comma file (the two patterns
			// tried first by moneyExpr never both match).
			return decimal === ','
				? `CASE WHEN ${fullMatch(x, MONEY_THOUSANDS_DOT)} THEN ${thousandsDotToDouble(x)} ELSE ${moneyExpr(x)} END`
				: moneyExpr(x);
		case 'date':
			// Each shape is the pattern of one branch of dateExpr.
			if (only(SHAPE_DMY)) return tryStrptimeDate(x, '%d/%m/%Y');
			if (only(SHAPE_YMD)) return tryStrptimeDate(x, '%Y-%m-%d');
			if (only(SHAPE_DMY | SHAPE_YMD)) return `CASE WHEN ${containsText(x, '/')} THEN ${tryStrptimeDate(x, '%d/%m/%Y')} ELSE ${tryStrptimeDate(x, '%Y-%m-%d')} END`;
			// With a '/', only the DD/MM/YYYY pattern of dateExpr can match.
			return `CASE WHEN ${containsText(x, '/')} THEN (CASE WHEN ${fullMatch(x, '\\d{1,2}/\\d{1,2}/\\d{4}')} THEN ${tryStrptimeDate(x, '%d/%m/%Y')} END) ELSE ${dateExpr(x)} END`;
		case 'boolean':
			return mapValuesFast(x, BOOLEAN_WORDS, typedFromText(kind, x, decimal), (c) => (c === 'true' ? 'TRUE' : 'FALSE'), facts.values);
		case 'sex':
		case 'owner_sex':
		case 'labour_status':
		case 'budget_category':
		case 'group':
			return mapValuesFast(x, ENUM_WORDS[kind], typedFromText(kind, x, decimal), literal, facts.values);
		default:
			return typedFromText(kind, x, decimal);
	}
}

/** Why cleaned text `x` (known to be non-NULL) failed to read as `kind`. */
export function reasonForText(kind: ValueKind, x: string): string {
	switch (kind) {
		case 'integer':
			return "'is not a whole number'";
		case 'year':
			return "'is not a 4-digit year'";
		case 'double':
			return "'is not a number'";
		case 'money':
			return "'is not an amount in Rp (e.g. 1500000, 1.500.000 or Rp 1.500.000,50)'";
		case 'date':
			return dateReason(x);
		case 'boolean':
			return "'is not yes/no (expected 1/0, true/false, ya/tidak, y/n, yes/no)'";
		case 'sex':
			return "'is not a sex code (expected F/M, P/L, W, perempuan/laki-laki, wanita/pria)'";
		case 'owner_sex':
			return "'is not an owner sex (expected F, M or joint)'";
		case 'labour_status':
			return "'is not a labour status (expected employed, unemployed or inactive; bekerja, menganggur, bukan_angkatan_kerja)'";
		case 'budget_category':
			return "'is not a budget category (expected revenue, expenditure, financing_in, financing_out; pendapatan, belanja, ...)'";
		case 'group':
			return "'is not a comparison group (expected program or comparison)'";
		case 'text':
			return "'could not be read'";
	}
}

/** Source column types, as DuckDB's information_schema spells them. */
function isNumericType(t: string): boolean {
	return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i.test(t);
}
function isIntegerType(t: string): boolean {
	return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i.test(t);
}
export function isTextType(t: string): boolean {
	return /^VARCHAR/i.test(t);
}

/**
 * A contract column read in three projections, so no expression is computed twice and
 * no subquery runs per row:
 * 1. `pre`   over the source row: the cleaned text (or the source value when it already has the right type);
 * 2. `typed` over `pre` (as `p`): the typed value, NULL when it cannot be read;
 * 3. `error` over `p` and `t` (the typed value): the message for this column, or NULL;
 *    `final` over `t`: the value stored (defaults applied).
 */
export interface StagedColumn {
	pre: string;
	/**
	 * The file's text, where a message quotes it rather than the staged text (an amount's
	 * staged text has lost its `Rp`): staged beside `pre`, and given to `error` as `r`.
	 */
	raw?: string;
	typed: (p: string) => string;
	error: (p: string, t: string, r?: string) => string;
	/** A condition that is TRUE exactly when `error` is not NULL. */
	failed: (p: string, t: string) => string;
	final: (t: string) => string;
}

/** The cleaned text of a raw text value, in the projection's form. */
export function cleanTextIn(form: NormaliseForm, raw: string, facts: ColumnFacts = UNKNOWN_FACTS): string {
	return form === 'fast' ? cleanTextFast(raw, facts) : cleanText(raw);
}

export function stagedColumn(
	col: ContractColumn,
	src: string,
	srcType: string,
	decimal: '.' | ',',
	label: string,
	form: NormaliseForm = 'robust',
	/** What a scan of the file showed about the source column's text (CSV only). */
	facts: ColumnFacts = UNKNOWN_FACTS
): StagedColumn {
	const target = SQL_TYPE_OF_KIND[col.kind];
	const quotedLabel = literal(label);
	const fast = form === 'fast';
	/** Stages for text `raw`, read as the contract kind. */
	const textual = (raw: string, facts: ColumnFacts): Omit<StagedColumn, 'final'> => ({
		pre:
			col.kind === 'money'
				? fast
					? moneyTextFast(raw, facts)
					: moneyStripped(cleanText(raw))
				: col.percent
					? regexReplaceAll(cleanTextIn(form, raw, facts), '\\s*%$', '')
					: cleanTextIn(form, raw, facts),
		// An amount is quoted as the file wrote it (its staged text has lost an `Rp`, say).
		...(col.kind === 'money' ? { raw } : {}),
		typed: (p) => (fast ? typedFromTextFast(col.kind, p, decimal, facts) : col.kind === 'money' ? moneyExpr(p) : typedFromText(col.kind, p, decimal)),
		error: (p, t, r) =>
			`CASE WHEN ${p} IS NOT NULL AND ${t} IS NULL THEN ${quotedLabel} || ': "' || ${r ?? p} || '" ' || (CASE WHEN ${fullMatch(p, SPREADSHEET_ERROR)} THEN 'is a spreadsheet error, not a value: fix the formula in the spreadsheet or leave the cell empty' ELSE ${reasonForText(col.kind, p)} END) END`,
		// Text is never unreadable (its typed value is the staged text).
		failed: (p, t) => (col.kind === 'text' ? 'FALSE' : `(${p} IS NOT NULL AND ${t} IS NULL)`)
	});
	let stages: Omit<StagedColumn, 'final'>;
	const none = () => 'NULL';
	const never = () => 'FALSE';
	if (isTextType(srcType)) {
		stages = textual(src, facts);
	} else if (target === 'DATE' && /^(DATE|TIMESTAMP.*)$/i.test(srcType)) {
		stages = { pre: `CAST(${src} AS DATE)`, typed: (p) => p, error: none, failed: never };
	} else if ((target === 'DOUBLE' && isNumericType(srcType)) || ((target === 'BIGINT' || target === 'INTEGER') && isIntegerType(srcType))) {
		stages = { pre: `CAST(${src} AS ${target})`, typed: (p) => p, error: none, failed: never };
	} else if ((target === 'BIGINT' || target === 'INTEGER') && isNumericType(srcType)) {
		stages = {
			pre: `CAST(${src} AS DOUBLE)`,
			typed: (p) => `CASE WHEN ${p} = floor(${p}) THEN CAST(${p} AS ${target}) END`,
			error: (p, t) => `CASE WHEN ${p} IS NOT NULL AND ${t} IS NULL THEN ${quotedLabel} || ': ' || CAST(${p} AS VARCHAR) || ' is not a whole number' END`,
			failed: (p, t) => `(${p} IS NOT NULL AND ${t} IS NULL)`
		};
	} else if (target === 'BOOLEAN' && /^BOOLEAN$/i.test(srcType)) {
		stages = { pre: src, typed: (p) => p, error: none, failed: never };
	} else {
		// Anything else is read through its text form, which rejects wrong types
		// (a DOUBLE in a date column, say) with the same messages as CSV.
		stages = textual(`CAST(${src} AS VARCHAR)`, UNKNOWN_FACTS);
	}
	// The value as the file wrote it (the staged text, or the source value), not as it was typed.
	const num = (p: string) => `CAST(${p} AS VARCHAR)`;
	/** Range checks as [condition on the typed value, message]. */
	const ranges = (p: string, t: string): Array<[string, string]> => {
		const checks: Array<[string, string]> = [];
		// `NaN` and `Infinity` cast to DOUBLE, but they are not numbers anyone measured.
		if (target === 'DOUBLE') checks.push([`NOT isfinite(${t})`, `${quotedLabel} || ': ' || ${num(p)} || ' is not a number'`]);
		if (col.min !== undefined) checks.push([`${t} < ${col.min}`, `${quotedLabel} || ': ' || ${num(p)} || ' is below the minimum of ${col.min}'`]);
		if (col.minExclusive !== undefined)
			checks.push([`${t} <= ${col.minExclusive}`, `${quotedLabel} || ': ' || ${num(p)} || ' must be greater than ${col.minExclusive}'`]);
		if (col.max !== undefined) checks.push([`${t} > ${col.max}`, `${quotedLabel} || ': ' || ${num(p)} || ' is above the maximum of ${col.max}'`]);
		return checks;
	};
	const error = (p: string, t: string, r?: string) => {
		const checks = ranges(p, t);
		const base = stages.error(p, t, r);
		if (checks.length === 0) return base;
		const range = `CASE ${checks.map(([when, then]) => `WHEN ${when} THEN ${then}`).join(' ')} END`;
		return base === 'NULL' ? range : `coalesce(${base}, ${range})`;
	};
	// The messages are never NULL when their condition holds (the label and value are not NULL).
	const failed = (p: string, t: string) => [stages.failed(p, t), ...ranges(p, t).map(([when]) => `(${when})`)].filter((c) => c !== 'FALSE').join(' OR ') || 'FALSE';
	const def = defaultExpr(col);
	const listed = listedSpelling(col);
	return {
		pre: stages.pre,
		...(stages.raw !== undefined ? { raw: stages.raw } : {}),
		typed: stages.typed,
		error,
		failed,
		final: (t) => {
			const v = listed ? listed(t) : t;
			return def ? `coalesce(${v}, ${def})` : v;
		}
	};
}

/**
 * A text column with a list of values (`level`: desa, dusun) takes them in any case, and with
 * spaces or hyphens for the list's underscores, stored as the list spells them (`Desa` is
 * `desa`, `Dana Desa` is `dana_desa`), as sex codes and yes/no are read; anything else is kept
 * as written (and warned about). Null for other columns.
 */
function listedSpelling(col: ContractColumn): ((t: string) => string) | null {
	if (col.kind !== 'text' || !col.values || col.values.length === 0) return null;
	const values = col.values;
	return (t) =>
		`CASE replace(replace(lower(${t}), ' ', '_'), '-', '_') ${values.map((v) => `WHEN ${literal(v.toLowerCase().replace(/[ -]/g, '_'))} THEN ${literal(v)}`).join(' ')} ELSE ${t} END`;
}

/** Default expressions for contract columns a file lacks, or leaves empty, that have a default. */
export function defaultExpr(col: ContractColumn): string | null {
	if (col.defaultValue === undefined) return null;
	const v = col.defaultValue;
	const type = SQL_TYPE_OF_KIND[col.kind];
	if (typeof v === 'number') return `CAST(${v} AS ${type})`;
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	return `CAST(${literal(v)} AS ${type})`;
}
