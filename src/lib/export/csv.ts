/**
 * CSV export that is safe to open in a spreadsheet. A text cell that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return is neutralised with a leading `'`
 * (OWASP "CSV injection"), so `=HYPERLINK("http://x","y")` opens as text. Numbers stay
 * numbers. Indonesian exports use `;` and a decimal comma, as Excel does in id-ID;
 * every export starts with a UTF-8 BOM so Excel reads the text as UTF-8.
 */
import type { Lang } from '../i18n/format';

const DANGEROUS_START = /^[=+\-@\t\r]/;
/** A signed number as a file spells it (`-2`, `+5`, `-1.500.000,50`): no spreadsheet reads it as a formula. */
const SIGNED_NUMBER = /^[+-]\d+(?:[.,]\d+)*$/;

export function neutraliseCell(text: string): string {
	return DANGEROUS_START.test(text) && !SIGNED_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * A download's file name for a view: its base name, the period when the base does not hold
 * it, and the dusun and group the view is filtered to, so a filtered export is never named
 * as the whole village's (`donor-itt-2024-Q3-dusun-Cibodas.csv`).
 */
export function viewFileName(base: string, scope: { period?: string | null; dusun?: string | null; group?: string | null }): string {
	const parts = [base];
	if (scope.period && !base.includes(scope.period)) parts.push(scope.period);
	if (scope.dusun) parts.push('dusun', scope.dusun);
	if (scope.group) parts.push('group', scope.group);
	return safeFileName(parts.join('-'));
}

export interface CsvOptions {
	lang: Lang;
}

function isoDate(d: Date): string {
	const iso = d.toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

export function csvCell(value: unknown, delimiter: string, decimal: string): string {
	let text: string;
	if (value === null || value === undefined) text = '';
	else if (typeof value === 'number') {
		if (!Number.isFinite(value)) text = '';
		else text = decimal === ',' ? String(value).replace('.', ',') : String(value);
		return text;
	} else if (typeof value === 'boolean') text = value ? 'true' : 'false';
	else if (value instanceof Date) text = isoDate(value);
	else text = neutraliseCell(String(value));
	if (text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim()) {
		text = `"${text.replace(/"/g, '""')}"`;
	}
	return text;
}

export function toCsv(columns: string[], rows: unknown[][], options: CsvOptions): string {
	const delimiter = options.lang === 'id' ? ';' : ',';
	const decimal = options.lang === 'id' ? ',' : '.';
	const lines = [columns.map((c) => csvCell(c, delimiter, decimal)).join(delimiter)];
	for (const row of rows) lines.push(row.map((v) => csvCell(v, delimiter, decimal)).join(delimiter));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Offer a text as a file download (in the browser). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const blob = new Blob([text], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function safeFileName(name: string): string {
	return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'export';
}
