/**
 * Reading a delimited file's dialect from its bytes, in plain TypeScript: encoding,
 * delimiter, decimal mark and header. DuckDB then reads the file with these settings
 * spelled out, so its sniffer (with its open bugs on `;` files with decimal commas)
 * never decides anything.
 */
import type { Refusal } from './refusals';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

export interface CsvDialect {
	encoding: Encoding;
	delimiter: Delimiter;
	decimal: '.' | ',';
	header: boolean;
	/** Column names from the header (made unique), or column1..N without one. */
	columns: string[];
	/** Header problems worth telling the user (duplicate or empty names). */
	headerNotes: string[];
	/**
	 * Lines before the first record (blank, Excel's `sep=` hint blanked, or a spreadsheet's
	 * title above its table: `titleRows`): the reader skips them.
	 */
	skip: number;
	/** A title a spreadsheet put above the table (its first cell's text), when `skip` holds one. */
	title?: string;
}

export class InputError extends Error {
	constructor(
		message: string,
		/** Why the whole file was refused, for the page to word in the UI language (refusals.ts). */
		readonly refusal?: Refusal
	) {
		super(message);
		this.name = 'InputError';
	}
}

const SAMPLE_BYTES = 256 * 1024;

/** What the first bytes say a file really is. */
export function sniffFileKind(bytes: Uint8Array): 'parquet' | 'gzip' | 'zip' | 'ole' | 'pdf' | 'text' | 'empty' {
	if (bytes.length === 0) return 'empty';
	const b = bytes;
	if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'parquet';
	if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
	if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
	if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
	if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'pdf';
	return 'text';
}

export function detectEncoding(bytes: Uint8Array): Encoding {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	// UTF-16 without BOM: every other byte NUL in ASCII text.
	const probe = bytes.subarray(0, Math.min(bytes.length, 4096));
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < probe.length; i++) if (probe[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
	if (probe.length >= 8 && oddNul > probe.length * 0.3 && evenNul === 0) return 'utf-16le';
	if (probe.length >= 8 && evenNul > probe.length * 0.3 && oddNul === 0) return 'utf-16be';
	if (isValidUtf8(bytes)) return 'utf-8';
	return 'windows-1252';
}

/** Validate UTF-8 over the whole buffer (fast path: pure ASCII, eight bytes at a time). */
export function isValidUtf8(bytes: Uint8Array): boolean {
	let i = 0;
	const n = bytes.length;
	// Two 32-bit words per step over the aligned part of the buffer: a pair with no high bit is ASCII.
	const start = (8 - (bytes.byteOffset % 8)) % 8;
	const pairs = n > start ? Math.floor((n - start) / 8) : 0;
	const words = pairs > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + start, pairs * 2) : new Uint32Array(0);
	while (i < n) {
		if (i >= start && (i - start) % 8 === 0) {
			let w = (i - start) >> 2;
			while (w < words.length && ((words[w] | words[w + 1]) & 0x80808080) === 0) w += 2;
			i = start + w * 4;
			if (i >= n) break;
		}
		const c = bytes[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let need = 0;
		if (c >= 0xc2 && c <= 0xdf) need = 1;
		else if (c >= 0xe0 && c <= 0xef) need = 2;
		else if (c >= 0xf0 && c <= 0xf4) need = 3;
		else return false;
		for (let k = 1; k <= need; k++) {
			const d = bytes[i + k];
			if (d === undefined || (d & 0xc0) !== 0x80) return false;
		}
		i += need + 1;
	}
	return true;
}

/** Bytes as UTF-8 without BOM, re-encoding from the detected encoding when needed. */
export function toUtf8(bytes: Uint8Array, encoding: Encoding): Uint8Array {
	switch (encoding) {
		case 'utf-8':
			return bytes;
		case 'utf-8-bom':
			return bytes.subarray(3);
		case 'utf-16le':
		case 'utf-16be':
		case 'windows-1252': {
			const text = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : encoding).decode(bytes);
			return new TextEncoder().encode(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
		}
	}
}

/** Where UTF-8 text was damaged: bytes that are not UTF-8, read as U+FFFD. */
export interface Utf8Damage {
	/** Bytes (or broken sequences) replaced. */
	count: number;
	/** The first lines (1-based) holding one. */
	lines: number[];
}

/**
 * Text that is UTF-8 but for a few stray bytes (a file edited in two programs), read as UTF-8
 * with each stray byte as U+FFFD; null when the bytes look like a single-byte encoding
 * instead. Windows-1252 text seldom forms a valid multi-byte UTF-8 sequence, so the text is
 * taken as UTF-8 when its valid multi-byte sequences outnumber its invalid bytes.
 */
export function repairUtf8(bytes: Uint8Array, declared = false): { utf8: Uint8Array; damage: Utf8Damage } | null {
	let valid = 0;
	let invalid = 0;
	const lines: number[] = [];
	let line = 1;
	const n = bytes.length;
	for (let i = 0; i < n; ) {
		const c = bytes[i];
		if (c < 0x80) {
			if (c === 10) line++;
			i++;
			continue;
		}
		const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
		let ok = need > 0;
		for (let k = 1; ok && k <= need; k++) ok = i + k < n && (bytes[i + k] & 0xc0) === 0x80;
		if (ok) {
			valid++;
			i += need + 1;
		} else {
			invalid++;
			if (lines.length < 5 && lines[lines.length - 1] !== line) lines.push(line);
			i++;
		}
	}
	if (invalid === 0 || (!declared && valid <= invalid)) return null;
	const text = new TextDecoder('utf-8').decode(bytes);
	return { utf8: new TextEncoder().encode(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), damage: { count: invalid, lines } };
}

/**
 * Line ends DuckDB's reader cannot take as they are: a mix of CRLF and LF, or CR alone (old
 * Mac files, a stray CR), rewritten as LF; null when the text has none (LF only, or CRLF
 * throughout, which the reader takes). A CR alone becomes a line break, as editors show it.
 */
export function normaliseLineEnds(bytes: Uint8Array): { bytes: Uint8Array; crOnly: boolean } | null {
	let i = bytes.indexOf(13);
	if (i < 0) return null;
	let crlf = 0;
	let lone = 0;
	for (; i < bytes.length; i++) {
		if (bytes[i] !== 13) continue;
		if (bytes[i + 1] === 10) crlf++;
		else lone++;
	}
	let lf = 0;
	for (let k = bytes.indexOf(10); k >= 0; k = bytes.indexOf(10, k + 1)) lf++;
	if (lone === 0 && lf === crlf) return null;
	const out = new Uint8Array(bytes.length - crlf);
	let o = 0;
	for (let k = 0; k < bytes.length; k++) {
		const c = bytes[k];
		if (c === 13) {
			out[o++] = 10;
			if (bytes[k + 1] === 10) k++;
		} else out[o++] = c;
	}
	return { bytes: out.subarray(0, o), crOnly: lf === 0 };
}

/** A text file's bytes as the UTF-8 DuckDB reads, with notes on what was done to them. */
export interface DecodedText {
	utf8: Uint8Array;
	/** The encoding the text was read in. */
	encoding: Encoding;
	notes: string[];
	/** The delimiter Excel's first line `sep=;` names, when the file has one. */
	sep?: Delimiter;
}

/**
 * Decode a delimited text file for the reader: its encoding (a BOM, UTF-16, UTF-8, or
 * Windows-1252), UTF-8 with a few stray bytes read as U+FFFD rather than the whole file as
 * Windows-1252, and line ends DuckDB cannot take rewritten. Every change is noted.
 */
export function decodeText(name: string, bytes: Uint8Array): DecodedText {
	let encoding = detectEncoding(bytes);
	const notes: string[] = [];
	let utf8: Uint8Array;
	const bom = encoding === 'utf-8-bom';
	const repaired = encoding === 'windows-1252' || (bom && !isValidUtf8(bytes.subarray(3))) ? repairUtf8(bom ? bytes.subarray(3) : bytes, bom) : null;
	if (repaired) {
		if (!bom) encoding = 'utf-8';
		utf8 = repaired.utf8;
		const { count, lines } = repaired.damage;
		notes.push(`${name} is UTF-8, but ${count} byte(s) in it are not (line ${lines.join(', ')}${count > lines.length ? ', ...' : ''}); each was read as \uFFFD.`);
	} else {
		utf8 = toUtf8(bytes, encoding);
		if (encoding === 'windows-1252') notes.push(`${name} is not UTF-8; it was read as Windows-1252 (Latin-1).`);
		if (encoding === 'utf-16le' || encoding === 'utf-16be') notes.push(`${name} is UTF-16 text; it was converted to UTF-8.`);
	}
	const ends = normaliseLineEnds(utf8);
	if (ends) {
		utf8 = ends.bytes;
		notes.push(
			ends.crOnly
				? `${name} ends its lines with CR alone (an old Mac format); each was read as a line break.`
				: `${name} mixes line ends (CRLF, LF, or CR alone); each was read as a line break.`
		);
	}
	const sep = excelSepLine(utf8);
	if (sep) {
		utf8 = sep.bytes;
		notes.push(`${name}: line 1 is Excel's delimiter hint (sep=${sep.delimiter === '\t' ? 'tab' : sep.delimiter}); it was read as the delimiter and skipped.`);
		return { utf8, encoding, notes, sep: sep.delimiter };
	}
	return { utf8, encoding, notes };
}

/**
 * Excel's delimiter hint: a first line `sep=;` (any case, perhaps quoted, perhaps followed by
 * delimiters where a spreadsheet saved it again). It is not a record. Its text is removed and
 * its line break kept, so the file starts with an empty line (skipped by the reader) and every
 * line keeps its number; its delimiter is the file's.
 */
export function excelSepLine(bytes: Uint8Array): { bytes: Uint8Array; delimiter: Delimiter } | null {
	const quoted = bytes[0] === 34;
	let i = quoted ? 1 : 0;
	for (const c of [115, 101, 112]) if ((bytes[i++] | 0x20) !== c) return null; // s e p, any case
	if (bytes[i++] !== 61) return null; // =
	const delimiter = String.fromCharCode(bytes[i++]) as Delimiter;
	if (!DELIMITERS.includes(delimiter)) return null;
	if (quoted && bytes[i++] !== 34) return null;
	const trailing = new Set([32, 9, 44, 59, 124]);
	while (i < bytes.length && trailing.has(bytes[i])) i++;
	if (i < bytes.length && bytes[i] !== 10 && bytes[i] !== 13) return null;
	return { bytes: bytes.subarray(i), delimiter };
}

/** How many lines before the first record hold nothing but spaces (a `sep=` line blanked included). */
function leadingBlankLines(text: string): number {
	let count = 0;
	let start = 0;
	for (;;) {
		const end = text.indexOf('\n', start);
		if (end < 0 || text.slice(start, end).trim() !== '') return count;
		count++;
		start = end + 1;
	}
}

/** Split one CSV record (no newlines outside quotes) into fields. */
export function splitRecord(line: string, delimiter: string): string[] {
	const out: string[] = [];
	let cur = '';
	let inQ = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (inQ) {
			if (ch === '"') {
				if (line[i + 1] === '"') {
					cur += '"';
					i++;
				} else inQ = false;
			} else cur += ch;
		} else if (ch === '"' && cur.trim() === '') {
			inQ = true;
			cur = '';
		} else if (ch === delimiter) {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

/**
 * The first records of a text, quote-aware (newlines inside quotes stay in the record).
 * As in DuckDB's reader, a quote opens a quoted value only at the start of a field (after
 * optional spaces): `TV 32"` is a plain value, not the start of a quote. The delimiter is not
 * known yet, so any candidate delimiter counts as a field boundary.
 */
export function firstRecords(text: string, max: number): string[] {
	const recs: string[] = [];
	let start = 0;
	let inQ = false;
	let fieldStart = true;
	for (let i = 0; i < text.length && recs.length < max; i++) {
		const ch = text.charCodeAt(i);
		if (inQ) {
			if (ch === 34) {
				if (text.charCodeAt(i + 1) === 34) i++;
				else inQ = false;
			}
			continue;
		}
		if (ch === 34 && fieldStart) {
			inQ = true;
			fieldStart = false;
		} else if (ch === 10) {
			const rec = text.slice(start, text.charCodeAt(i - 1) === 13 ? i - 1 : i);
			if (rec.trim().length > 0) recs.push(rec);
			start = i + 1;
			fieldStart = true;
		} else if (ch === 44 || ch === 59 || ch === 9 || ch === 124) fieldStart = true;
		else if (ch !== 32) fieldStart = false;
	}
	if (recs.length < max && start < text.length && !inQ) {
		const rest = text.slice(start).replace(/\r$/, '');
		if (rest.trim().length > 0) recs.push(rest);
	}
	return recs;
}

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];

function chooseDelimiter(records: string[], hint?: Delimiter): Delimiter {
	let best: Delimiter = hint ?? ',';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const counts = records.map((r) => splitRecord(r, d).length);
		const head = counts[0] ?? 1;
		if (head < 2) continue;
		const consistent = counts.filter((c) => c === head).length / counts.length;
		const score = consistent * 1000 + head + (d === hint ? 0.5 : 0);
		if (score > bestScore) {
			bestScore = score;
			best = d;
		}
	}
	return best;
}

const NUM_DOT_DECIMAL = /^-?\d+\.\d+$/;
const NUM_COMMA_DECIMAL = /^-?\d+,\d+$/;
const ID_GROUPED = /^(rp\.?\s*)?-?\d{1,3}(\.\d{3})+(,\d+)?$/i;
const EN_GROUPED = /^(rp\.?\s*)?-?\d{1,3}(,\d{3})+(\.\d+)?$/i;

/** Decide the decimal mark from the values of the sample rows. */
function chooseDecimal(rows: string[][], delimiter: Delimiter): '.' | ',' {
	let comma = 0;
	let dot = 0;
	for (const row of rows) {
		for (const raw of row) {
			const v = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
			if (NUM_COMMA_DECIMAL.test(v)) comma += delimiter === ',' ? 0 : 1;
			else if (NUM_DOT_DECIMAL.test(v) && !/^\d{1,3}\.\d{3}$/.test(v)) dot++;
			else if (ID_GROUPED.test(v) && /,\d+$/.test(v)) comma++;
			else if (EN_GROUPED.test(v) && /\.\d+$/.test(v)) dot++;
			else if (/^\d{1,3}(\.\d{3}){2,}$/.test(v)) comma++;
		}
	}
	if (comma > dot) return ',';
	if (dot > comma) return '.';
	return delimiter === ';' ? ',' : '.';
}

const LOOKS_LIKE_DATA = /^(-?\d+([.,]\d+)*|\d{1,4}[/-]\d{1,2}[/-]\d{1,4}|true|false)$/i;

type CellKind = 'empty' | 'number' | 'date' | 'boolean' | 'text';
function cellKind(raw: string): CellKind {
	const v = raw.trim();
	if (!v) return 'empty';
	if (/^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}/.test(v)) return 'date';
	if (/^(true|false)$/i.test(v)) return 'boolean';
	if (/^(rp\.?\s*)?-?\d+([.,\s\u00a0]\d+)*$/i.test(v)) return 'number';
	return 'text';
}
const YEAR_NAME = /^(19|20)\d{2}$/;

/** A header cell longer than this is text, not a column's name (a file of one long note). */
const MAX_HEADER_NAME = 1000;

/**
 * Whether the first record is a header. Without any cell that looks like data it is. With
 * such cells (a wide table's year columns, `dusun,2021,2022`), it still is when its cells are
 * distinct and, column by column, more of them differ in kind from the values below them
 * (`nama` over `12`, or the year `2021` over `0.52`) than agree (`7` over `12`). Text over
 * text says nothing.
 */
function isHeader(first: string[], rows: string[][]): boolean {
	if (first.some((v) => v.length > MAX_HEADER_NAME)) return false;
	if (!first.some((v) => LOOKS_LIKE_DATA.test(v.trim()))) return true;
	if (rows.length === 0) return false;
	const names = first.map((v) => v.trim().toLowerCase());
	if (names.some((n) => !n) || new Set(names).size !== names.length) return false;
	let votes = 0;
	first.forEach((h, j) => {
		const kinds = rows.map((r) => cellKind(r[j] ?? '')).filter((k) => k !== 'empty');
		if (kinds.length === 0) return;
		const hk = cellKind(h);
		const same = kinds.filter((k) => k === hk).length;
		if (same < kinds.length / 2) votes++;
		else if (hk === 'number') {
			// A year as a column name over values that are not years.
			if (YEAR_NAME.test(h.trim()) && !rows.every((r) => YEAR_NAME.test((r[j] ?? '').trim()))) votes++;
			else votes--;
		} else if (hk !== 'text') votes--;
	});
	return votes > 0;
}

/** Make header names unique and non-empty, noting each fix. */
export function uniqueColumnNames(names: string[]): { columns: string[]; notes: string[] } {
	const seen = new Map<string, number>();
	const notes: string[] = [];
	const columns = names.map((raw, i) => {
		let name = raw.trim();
		if (!name) {
			name = `column${i + 1}`;
			notes.push(`column ${i + 1} has no name in the header; it is called "${name}"`);
		}
		const key = name.toLowerCase();
		const count = seen.get(key) ?? 0;
		seen.set(key, count + 1);
		if (count > 0) {
			let n = count + 1;
			while (seen.has(`${key}_${n}`)) n++;
			const renamed = `${name}_${n}`;
			seen.set(renamed.toLowerCase(), 1);
			notes.push(`the header has "${name}" more than once; column ${i + 1} is called "${renamed}"`);
			return renamed;
		}
		return name;
	});
	return { columns, notes };
}

/**
 * Detect the dialect of UTF-8 text (already converted). `extension` hints the delimiter
 * (`.tsv` -> tab).
 */
export function detectDialect(text: string, encoding: Encoding, extension = '', sep?: Delimiter): CsvDialect {
	const sample = text.length > SAMPLE_BYTES ? text.slice(0, SAMPLE_BYTES) : text;
	const records = firstRecords(sample, 50);
	if (records.length === 0) throw new InputError('the file is empty: it has no header and no rows');
	const hint: Delimiter | undefined = extension === 'tsv' ? '\t' : undefined;
	// Excel's `sep=` line names the delimiter (decodeText); otherwise it is detected.
	const delimiter = sep ?? chooseDelimiter(records, hint);
	// A spreadsheet's title rows above the table are not its header: the table starts after them.
	const title = titleRows(sample, delimiter);
	const split = (title ? firstRecords(sample.slice(title.offset), 50) : records).map((r) => splitRecord(r, delimiter));
	const first = split[0];
	const header = isHeader(first, split.slice(1));
	const dataRows = header ? split.slice(1) : split;
	const decimal = chooseDecimal(dataRows, delimiter);
	const names = header ? first : first.map((_, i) => `column${i + 1}`);
	const { columns, notes } = uniqueColumnNames(names);
	return {
		encoding,
		delimiter,
		decimal,
		header,
		columns,
		headerNotes: header ? notes : [],
		skip: title ? title.lines : leadingBlankLines(sample),
		...(title ? { title: title.text } : {})
	};
}

/** At most this many lines above a table are taken for its title. */
const MAX_TITLE_LINES = 10;

/**
 * A spreadsheet's title above its table, saved as lines of one filled cell (`ANGGARAN
 * PENDAPATAN DAN BELANJA DESA;;;;;`), perhaps with empty lines (`;;;;;`) between: how many
 * lines come before the table, where it starts in `text`, and the first title's text. Null
 * when the first line that fills two cells or more (the header, or the first row) comes
 * first, or after more than MAX_TITLE_LINES lines, or when nothing but blank lines is before it.
 */
export function titleRows(text: string, delimiter: Delimiter): { lines: number; offset: number; text: string } | null {
	let start = 0;
	let firstTitle: string | null = null;
	let filler = false;
	for (let line = 0; line <= MAX_TITLE_LINES; line++) {
		const end = text.indexOf('\n', start);
		if (end < 0) return null;
		const raw = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
		// A quoted value that runs onto the next line: not a title.
		if ((raw.match(/"/g)?.length ?? 0) % 2 === 1) return null;
		const fields = splitRecord(raw, delimiter);
		const filled = fields.filter((f) => f.trim() !== '');
		if (filled.length >= 2) {
			// The table's first line: it fills at least half its cells.
			if (filled.length * 2 < fields.length || (firstTitle === null && !filler)) return null;
			return { lines: line, offset: start, text: firstTitle ?? '' };
		}
		// One filled cell: a title (a file of one column never reaches a line of two, above).
		if (filled.length === 1) firstTitle ??= filled[0].trim();
		else if (raw.trim() !== '') filler = true;
		start = end + 1;
	}
	return null;
}

/**
 * Physical line numbers of a file's records, as DuckDB's CSV reader counts records:
 * newlines inside quotes do not end a record, a quote opens a quoted value only at the
 * start of a field (after optional spaces), and empty lines are skipped.
 * Returns the 1-based starting line of each record, header included.
 */
export function recordStartLines(bytes: Uint8Array, delimiter: Delimiter = ','): Int32Array {
	const delim = delimiter.charCodeAt(0);
	let cap = 1024;
	let out = new Int32Array(cap);
	let count = 0;
	let line = 1;
	let inQ = false;
	let fieldStart = true;
	let recStartLine = 1;
	let recLen = 0;
	const push = (v: number) => {
		if (count === cap) {
			cap *= 2;
			const next = new Int32Array(cap);
			next.set(out);
			out = next;
		}
		out[count++] = v;
	};
	for (let i = 0; i < bytes.length; i++) {
		const c = bytes[i];
		if (inQ) {
			recLen++;
			if (c === 34) {
				if (bytes[i + 1] === 34) i++;
				else inQ = false;
			} else if (c === 10) line++;
			continue;
		}
		if (c === 10) {
			if (recLen > 0) push(recStartLine);
			recLen = 0;
			line++;
			recStartLine = line;
			fieldStart = true;
		} else if (c !== 13) {
			recLen++;
			if (c === 34 && fieldStart) {
				inQ = true;
				fieldStart = false;
			} else if (c === delim) fieldStart = true;
			else if (c !== 32) fieldStart = false;
		}
	}
	if (recLen > 0) push(recStartLine);
	return out.subarray(0, count);
}

/** Line number (1-based) of a byte offset. */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
	let line = 1;
	const end = Math.min(offset, bytes.length);
	for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
	return line;
}

/**
 * What a scan of the file's bytes shows about every value of a column, for the typing
 * projection: each flag is false only when no value of the column has the trait.
 */
export interface ColumnFacts {
	/** Some value starts or ends with a space, tab, line break or (narrow) non-breaking space. */
	padded: boolean;
	/** Some value could be a missing-value code (NA, -, null, ...) or an empty quoted value. */
	tokens: boolean;
	/**
	 * Some value could carry money decoration: a space of any kind (or any control
	 * character) anywhere, a first letter R, r or I (`Rp`, `IDR`), a last character `-` (`,-`).
	 */
	decorated: boolean;
	/**
	 * Which of the simple shapes (SHAPE_INT, SHAPE_THOUSANDS, SHAPE_DMY, SHAPE_YMD) the
	 * column's non-empty values take, as bits, with SHAPE_OTHER when some value takes none
	 * of them (then the other bits may be incomplete). Absent: not known (as SHAPE_OTHER).
	 * A value of one of these shapes is its own cleaned text (it has no space, code, sign of
	 * money or quote), so the typing may skip the pattern tests for a column whose every
	 * value has a known shape.
	 */
	shapes?: number;
	/**
	 * Some of the column's values (printable ASCII, without quotes), in the order first seen
	 * in the file's first records, at most VALUE_HINTS of them. A hint only (the column may
	 * hold others): the typing tests these spellings first, which changes nothing but how
	 * soon a value finds its match.
	 */
	values?: readonly string[];
}

/** `-?\d+` */
export const SHAPE_INT = 1;
/** `-?\d{1,3}(\.\d{3})+(,\d+)?`: an amount with thousands dots, maybe decimals after a comma. */
export const SHAPE_THOUSANDS = 2;
/** `\d{1,2}/\d{1,2}/\d{4}` */
export const SHAPE_DMY = 4;
/** `\d{4}-\d{1,2}-\d{1,2}` */
export const SHAPE_YMD = 8;
/** Any other value. */
export const SHAPE_OTHER = 16;
/** How many of a column's values columnFacts keeps as hints, from how many of the first records. */
export const VALUE_HINTS = 8;
const HINT_RECORDS = 2000;
/** At most this many values are read for hints (fewer records of a wide file). */
const HINT_SPANS = 100_000;

/** Whether `shapes` (ColumnFacts.shapes) are known and all among `allowed` (bits). */
export function onlyShapes(shapes: number | undefined, allowed: number): boolean {
	return shapes !== undefined && (shapes & ~allowed) === 0;
}

/** Whether byte c is an ASCII digit. */
function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** The end of a run of digits starting at `from` (before `b`). */
function digitsEnd(bytes: Uint8Array, from: number, b: number): number {
	let k = from;
	while (k < b && isDigit(bytes[k])) k++;
	return k;
}

/** The shape (one SHAPE_ bit) of the non-empty value in bytes [a, b). */
export function valueShape(bytes: Uint8Array, a: number, b: number): number {
	const negative = bytes[a] === 45;
	const start = negative ? a + 1 : a;
	// digitsEnd, written out: every value of a CSV file goes through this first run.
	let i = start;
	while (i < b) {
		const c = bytes[i];
		if (c < 48 || c > 57) break;
		i++;
	}
	const digits = i - start;
	if (digits === 0) return SHAPE_OTHER;
	if (i === b) return SHAPE_INT;
	const c = bytes[i];
	if (c === 46) {
		// Thousands: 1-3 digits, then groups of a dot and 3 digits, then maybe a comma and digits.
		if (digits > 3) return SHAPE_OTHER;
		while (i < b && bytes[i] === 46) {
			if (i + 3 >= b || !isDigit(bytes[i + 1]) || !isDigit(bytes[i + 2]) || !isDigit(bytes[i + 3])) return SHAPE_OTHER;
			i += 4;
		}
		if (i === b) return SHAPE_THOUSANDS;
		if (bytes[i] !== 44 || i + 1 === b) return SHAPE_OTHER;
		return digitsEnd(bytes, i + 1, b) === b ? SHAPE_THOUSANDS : SHAPE_OTHER;
	}
	if (negative) return SHAPE_OTHER;
	// Dates: D/M/YYYY (1-2 digits, 1-2, 4) or YYYY-M-D (4, 1-2, 1-2).
	let sep: number;
	if (c === 47 && digits <= 2) sep = 47;
	else if (c === 45 && digits === 4) sep = 45;
	else return SHAPE_OTHER;
	const m = digitsEnd(bytes, i + 1, b);
	if (m - i - 1 < 1 || m - i - 1 > 2 || m >= b || bytes[m] !== sep) return SHAPE_OTHER;
	const end = digitsEnd(bytes, m + 1, b);
	if (end !== b) return SHAPE_OTHER;
	const last = end - m - 1;
	if (sep === 47) return last === 4 ? SHAPE_DMY : SHAPE_OTHER;
	return last >= 1 && last <= 2 ? SHAPE_YMD : SHAPE_OTHER;
}

/** Tokens that mean "missing" in any column (compared trimmed and lower-cased). */
export const MISSING_TOKENS = ['', 'na', 'n/a', '-', 'null', '.', '#n/a'];

/** Whether ASCII bytes [a, b) spell a missing-value token, in any case. */
function isMissingCode(bytes: Uint8Array, a: number, b: number): boolean {
	let word = '';
	for (let k = a; k < b; k++) {
		const c = bytes[k];
		if (c >= 0x80) return false;
		word += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
	}
	return MISSING_CODES.has(word);
}
const MISSING_CODES = new Set(MISSING_TOKENS);

/** Nothing known: what every column of a file the scan cannot read exactly gets. */
export const UNKNOWN_FACTS: ColumnFacts = Object.freeze({ padded: true, tokens: true, decorated: true, shapes: SHAPE_OTHER, values: Object.freeze([]) as readonly string[] });

/**
 * A request to columnFacts to tell whether the values of some columns (`columns`, by
 * index), taken together as a record's key, differ in every record: `distinct` is set to
 * true when no two records' key bytes have the same 64-bit hash (so no two keys are the same
 * bytes), false when two have, and null when the scan could not read the file exactly.
 * Empty values count as equal to each other, as GROUP BY pairs NULLs.
 */
export interface KeyCheck {
	columns: readonly number[];
	distinct: boolean | null;
}

/**
 * A set of 64-bit hashes, each kept as two 32-bit halves side by side (one memory read a
 * probe); the first half is never 0, which marks a free slot.
 */
class HashPairs {
	private size = 0;
	private slots: Uint32Array;

	/** `expected`: about how many hashes will be added (the table then never grows). */
	constructor(expected = 0) {
		let capacity = 1 << 16;
		while (capacity < 2 * expected) capacity *= 2;
		this.slots = new Uint32Array(2 * capacity);
	}

	/** Adds a hash; false when it was already there. */
	add(a: number, b: number): boolean {
		if (4 * (this.size + 1) > this.slots.length) this.grow();
		return this.put(this.slots, (a | 1) >>> 0, b >>> 0);
	}

	private put(slots: Uint32Array, a: number, b: number): boolean {
		const mask = (slots.length >> 1) - 1;
		for (let i = a & mask; ; i = (i + 1) & mask) {
			const at = 2 * i;
			const x = slots[at];
			if (x === 0) {
				slots[at] = a;
				slots[at + 1] = b;
				this.size++;
				return true;
			}
			if (x === a && slots[at + 1] === b) return false;
		}
	}

	private grow(): void {
		const old = this.slots;
		this.slots = new Uint32Array(old.length * 2);
		this.size = 0;
		for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.put(this.slots, old[at], old[at + 1]);
	}
}

/**
 * The keys of records, each folded into a 64-bit hash (two 32-bit FNV-style hashes), and
 * whether a hash was seen before: `begin` a record, give each key `value`, then `add`.
 */
export class KeyHashes {
	private h1 = 0;
	private h2 = 0;
	private readonly seen: HashPairs;

	constructor(expected = 0) {
		this.seen = new HashPairs(expected);
	}

	begin(): void {
		this.h1 = 0x811c9dc5;
		this.h2 = 0x9747b28c;
	}

	/**
	 * One value of the key: bytes [from, to), closed by a byte no UTF-8 text holds; a missing
	 * value is closed by another such byte (missing values hash alike, as GROUP BY pairs NULLs).
	 */
	value(bytes: Uint8Array, from: number, to: number, missing = false): void {
		let h1 = this.h1;
		let h2 = this.h2;
		for (let k = from; k < to; k++) {
			const c = bytes[k];
			h1 = Math.imul(h1 ^ c, 16777619);
			h2 = Math.imul(h2 ^ c, 0x5bd1e995);
			h2 ^= h2 >>> 15;
		}
		const end = missing ? 0xfe : 0xff;
		h1 = Math.imul(h1 ^ end, 16777619);
		h2 = Math.imul(h2 ^ end, 0x5bd1e995);
		this.h1 = h1;
		this.h2 = h2 ^ (h2 >>> 15);
	}

	/** The record's key is complete: false when a key with the same hash was added before. */
	add(): boolean {
		return this.seen.add(this.h1, this.h2);
	}
}

/**
 * The facts of each column, from one pass over the bytes. Only a file whose every record
 * is plainly well-formed (quotes only around whole values, every record with all columns,
 * lines ending in LF or CRLF) gets an answer; for any other file, or when unsure, every
 * column gets UNKNOWN_FACTS. Errs only one way: a flag is false only when no value DuckDB
 * can read from these bytes (with the dialect's settings) has the trait.
 */
export function columnFacts(bytes: Uint8Array, delimiter: Delimiter, header: boolean, columns: number, keys?: KeyCheck): ColumnFacts[] {
	const unknown = (): ColumnFacts[] => {
		if (keys) keys.distinct = null;
		return Array.from({ length: columns }, () => UNKNOWN_FACTS);
	};
	const isKey = new Uint8Array(columns);
	for (const k of keys?.columns ?? []) if (k >= 0 && k < columns) isKey[k] = 1;
	/** Whether keys are still being told apart (until two records' hashes meet). */
	let hashing = !!keys && keys.columns.length > 0 && keys.columns.every((k) => k >= 0 && k < columns);
	const keyHashes = hashing ? new KeyHashes() : null;
	const delim = delimiter.charCodeAt(0);
	const padded = new Uint8Array(columns);
	const tokens = new Uint8Array(columns);
	const decorated = new Uint8Array(columns);
	const shapes = new Uint8Array(columns);
	/** The first records' values (column, start, end), read for value hints after the scan. */
	const hintRecords = Math.max(1, Math.min(HINT_RECORDS, Math.floor(HINT_SPANS / Math.max(1, columns))));
	const hintSpans = new Int32Array((hintRecords + 1) * columns * 3);
	let spans = 0;
	const n = bytes.length;
	// Byte classes: 0 for the ASCII letters, digits and signs that need nothing.
	const cls = new Uint8Array(256);
	for (let c = 0; c < 33; c++) cls[c] = SPACE;
	for (let c = 0x80; c < 256; c++) cls[c] = HIGH;
	cls[delim] = DELIM;
	cls[10] = LF;
	cls[13] = CR;
	cls[34] = QUOTE;
	const spaceAt = (k: number): boolean => isSpaceAt(bytes, k);
	let i = 0;
	let record = 0;
	while (i < n) {
		// One record: values up to an unquoted LF (or CRLF) or the end of the bytes.
		let field = 0;
		/** Whether the record is an empty line (one unquoted empty value): DuckDB skips those. */
		let blank = false;
		keyHashes?.begin();
		for (;;) {
			let a: number;
			let b: number;
			let spaced = false;
			const quoted = bytes[i] === 34;
			if (quoted) {
				a = i + 1;
				let j = a;
				for (;;) {
					j = bytes.indexOf(34, j);
					if (j < 0) return unknown(); // an unclosed quote
					if (bytes[j + 1] === 34) j += 2;
					else break;
				}
				b = j;
				i = j + 1;
				for (let k = a; k < b && !spaced; k++) spaced = spaceAt(k);
			} else {
				a = i;
				for (;;) {
					let c = 0;
					while (i < n && (c = cls[bytes[i]]) === 0) i++;
					if (i >= n || c === DELIM || c === LF || c === CR) break;
					if (c === QUOTE) return unknown(); // a quote inside an unquoted value
					if (!spaced) spaced = spaceAt(i);
					i++;
				}
				b = i;
			}
			// What ends the value: a delimiter, LF, CRLF or the end of the bytes.
			let endsRecord: boolean;
			if (i >= n) endsRecord = true;
			else if (bytes[i] === delim) {
				endsRecord = false;
				i++;
			} else if (bytes[i] === 10) {
				endsRecord = true;
				i++;
			} else if (bytes[i] === 13 && bytes[i + 1] === 10) {
				endsRecord = true;
				i += 2;
			} else return unknown(); // text after a closing quote, or a lone CR
			if (field >= columns) return unknown();
			blank = field === 0 && endsRecord && a === b && !quoted;
			if (record > 0 || !header) {
				if (b > a) {
					const f = bytes[a];
					const l = bytes[b - 1];
					if ((START[f] | END[l]) !== 0 || spaced) {
						const traits = valueTraits(bytes, a, b, spaced);
						if (traits & PADDED) padded[field] = 1;
						if (traits & TOKEN) tokens[field] = 1;
						if (traits & DECORATED) decorated[field] = 1;
					}
					if ((shapes[field] & SHAPE_OTHER) === 0) shapes[field] |= valueShape(bytes, a, b);
					if (record <= hintRecords) {
						hintSpans[spans++] = field;
						hintSpans[spans++] = a;
						hintSpans[spans++] = b;
					}
				} else if (quoted) {
					// A quoted empty value: it may be read as '' rather than NULL.
					tokens[field] = 1;
				}
				if (hashing && isKey[field] === 1) keyHashes!.value(bytes, a, b);
			}
			if (endsRecord) break;
			field++;
		}
		if (blank) {
			// Which line is the header is not for this scan to guess.
			if (record === 0 && header) return unknown();
			continue;
		}
		if (field !== columns - 1 && (record > 0 || !header)) return unknown();
		if (hashing && (record > 0 || !header) && !keyHashes!.add()) hashing = false;
		record++;
	}
	if (keys) keys.distinct = hashing;
	const hints = valueHints(bytes, hintSpans.subarray(0, spans), columns);
	return Array.from({ length: columns }, (_, k) => ({
		padded: padded[k] === 1,
		tokens: tokens[k] === 1,
		decorated: decorated[k] === 1,
		shapes: shapes[k],
		values: hints[k]
	}));
}

/** The longest value kept as a hint (in bytes). */
const HINT_MAX_LENGTH = 200;

/**
 * Each column's first VALUE_HINTS distinct plain values (printable ASCII, no quote), in the
 * order seen, from values given as (column, start, end) triples of `bytes`.
 */
function valueHints(bytes: Uint8Array, spans: Int32Array, columns: number): string[][] {
	const hints: string[][] = Array.from({ length: columns }, () => []);
	for (let s = 0; s < spans.length; s += 3) {
		const list = hints[spans[s]];
		if (list.length >= VALUE_HINTS) continue;
		const a = spans[s + 1];
		const b = spans[s + 2];
		// A hint is a code or a short word; a long value (a 100 KB note) is none, and spreading it
		// into fromCharCode would overflow the stack.
		if (b - a > HINT_MAX_LENGTH) continue;
		let plain = true;
		for (let k = a; k < b && plain; k++) plain = bytes[k] >= 32 && bytes[k] <= 126 && bytes[k] !== 34;
		if (!plain) continue;
		const v = String.fromCharCode(...bytes.subarray(a, b));
		if (!list.includes(v)) list.push(v);
	}
	return hints;
}

/** Whether the character at byte k is a space of any kind or a control character. */
export function isSpaceAt(bytes: Uint8Array, k: number): boolean {
	const c = bytes[k];
	return c < 33 || (c === 0xc2 && bytes[k + 1] === 0xa0) || (c === 0xe2 && bytes[k + 1] === 0x80 && bytes[k + 2] === 0xaf);
}

/** The traits valueTraits reports, as bits. */
export const PADDED = 1;
export const TOKEN = 2;
export const DECORATED = 4;

/**
 * The traits of one non-empty UTF-8 value, bytes [a, b), as bits (PADDED, TOKEN,
 * DECORATED). `spaced`: whether the value holds a space of any kind or a control
 * character anywhere. Errs only one way: a bit is clear only when the value surely lacks
 * the trait. A value whose first and last bytes need no closer look (see needsLook) and
 * that is not spaced has none of them.
 */
export function valueTraits(bytes: Uint8Array, a: number, b: number, spaced: boolean): number {
	const f = bytes[a];
	const l = bytes[b - 1];
	// Padding: a first or last character that trimming or the cleaning pattern sees
	// (space, tab, LF, FF, CR, U+00A0 = C2 A0, U+202F = E2 80 AF).
	const pad =
		f < 33 ||
		(f === 0xc2 && a + 1 < b && bytes[a + 1] === 0xa0) ||
		(f === 0xe2 && a + 2 < b && bytes[a + 1] === 0x80 && bytes[a + 2] === 0xaf) ||
		l < 33 ||
		(l === 0xa0 && b - 2 >= a && bytes[b - 2] === 0xc2) ||
		(l === 0xaf && b - 3 >= a && bytes[b - 2] === 0x80 && bytes[b - 3] === 0xe2);
	let traits = 0;
	if (pad) traits |= PADDED;
	// A missing-value code (anything short starting with a non-ASCII character counts too).
	else if (f >= 0x80 ? b - a <= 32 : b - a <= 4 && isMissingCode(bytes, a, b)) traits |= TOKEN;
	if (pad || spaced || (START[f] & DECORATION) !== 0 || l === 45) traits |= DECORATED;
	return traits;
}

/** Whether a value's first byte f or last byte l calls for valueTraits (spaced values always do). */
export function needsLook(f: number, l: number): boolean {
	return (START[f] | END[l]) !== 0;
}

// Byte classes for columnFacts's inner loop.
const SPACE = 1;
const HIGH = 2;
const DELIM = 3;
const LF = 4;
const CR = 5;
const QUOTE = 6;
const DECORATION = 2;
/** First bytes that need a closer look: spaces and controls, non-ASCII, n N - . # (codes), R r I (money). */
const START = new Uint8Array(256);
/** Last bytes that need a closer look: spaces and controls, A0 and AF (non-breaking spaces), '-'. */
const END = new Uint8Array(256);
for (let c = 0; c < 33; c++) START[c] = END[c] = 1;
for (let c = 0x80; c < 256; c++) START[c] = 1;
for (const c of 'nN-.#') START[c.charCodeAt(0)] = 1;
for (const c of 'RrI') START[c.charCodeAt(0)] = DECORATION;
END[0xa0] = END[0xaf] = END[45] = 1;
