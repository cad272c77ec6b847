/**
 * Why a whole file is refused, as a code with its values: the engine words it in English
 * (the message of its InputError, which tests and scripts read), and the page words the
 * same code in the UI language (`faults.refusal.<code>` in src/lib/i18n/messages/faults.*.json;
 * the English templates there equal these, which tests/unit/refusals.test.ts checks).
 */
import { InputError } from './csv-dialect';

export const REFUSALS = {
	empty: '{file} is empty (0 bytes).',
	gzip_broken: '{file} looks gzip-compressed but could not be decompressed: its compressed data is damaged or cut short (was it downloaded in full?)',
	gzip_empty: '{file} decompresses to an empty file.',
	xlsx: '{file} is an Excel workbook (XLSX) or a ZIP archive, not a CSV file. Open it in Excel or LibreOffice and save it as "CSV UTF-8".',
	xls: '{file} is an old Excel workbook (XLS), not a CSV file. Open it in Excel or LibreOffice and save it as "CSV UTF-8".',
	pdf: '{file} is a PDF document, not a data file.',
	not_parquet: '{file} is not a Parquet file: it does not start with the Parquet signature "PAR1".',
	binary: '{file} is a binary file, not delimited text: it holds control characters that text files do not.',
	blank: '{file} has no data: it holds only blank lines and spaces.',
	html: '{file} is a web page (HTML), not a CSV file. Export the data from the spreadsheet as "CSV UTF-8", or download it again.',
	excel_xml: '{file} is an Excel XML spreadsheet (Excel 2003 XML), not a CSV file. Export the data from the spreadsheet as "CSV UTF-8", or download it again.',
	xml: '{file} is an XML document, not a CSV file. Export the data from the spreadsheet as "CSV UTF-8", or download it again.',
	parquet_damaged: '{file} could not be read as Parquet (it may be truncated or damaged): {detail}',
	no_columns: '{file} has no columns.',
	too_many_columns: '{file} has {n} columns; Pantau reads at most {max}. Check that the file is delimited as it looks (a wrong delimiter makes one long row of columns).',
	unreadable: '{file} could not be read: {detail}',
	fetch_failed: '{file} could not be fetched: HTTP {status} {statusText}',
	fetch_unreachable: '{file} could not be fetched: no answer from the server (offline, a mistyped address, or a server that does not let other sites read it)',
	url_not_web: '{file} is not a web address: only http:// and https:// addresses can be loaded (load a file on this device with the file picker)'
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal's code and the values of its template (`file` and, for some, `detail`, `status`...). */
export interface Refusal {
	code: RefusalCode;
	values: Record<string, string>;
}

/** A template with its `{name}` values filled in (each name once, as written). */
export function fillTemplate(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? values[name] : m));
}

/** The English text of a refusal. */
export function refusalText(r: Refusal): string {
	return fillTemplate(REFUSALS[r.code], r.values);
}

/** The error that refuses a file, with its English message and its code. */
export function refuse(code: RefusalCode, values: Record<string, string>): InputError {
	const refusal: Refusal = { code, values };
	return new InputError(refusalText(refusal), refusal);
}
