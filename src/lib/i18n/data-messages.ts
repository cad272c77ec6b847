/**
 * A load report's rejected-value reasons, warnings and notes in the UI language. The engine words
 * them in English (they are also what the rejected-rows CSV and the automation contract
 * carry); in English the UI shows that text as it is, and in Indonesian it shows the same
 * message from `messages/data-messages.id.json`, filled in with the names and numbers of
 * the English one. A reason this table does not know is shown in English, never dropped.
 */
import type { LoadWarning } from '../engine/ingest';
import type { Lang } from './format';

export interface DataMessage {
	key: string;
	values: Record<string, string>;
}

/** Each reason the engine gives for a rejected value or row (ingest.ts, normalise.ts), as a pattern. */
const REASONS: Array<[RegExp, string, string[]]> = [
	[/^has a 2-digit year; write dates as DD\/MM\/YYYY or YYYY-MM-DD$/, 'twoDigitYear', []],
	[/^is not a real date as DD\/MM\/YYYY \(day first\), though it is one as MM\/DD\/YYYY \(month first\); dates are read day first, so save them as YYYY-MM-DD$/, 'monthFirst', []],
	[/^is not a real date \(check the day and month; dates are read as DD\/MM\/YYYY\)$/, 'notRealDate', []],
	[/^is not a real date \(check the month and day: written year first, it is read as YYYY-MM-DD\)$/, 'notRealDateIso', []],
	[/^is a number, not a date \(a spreadsheet date serial\?\); format the column as a date \(YYYY-MM-DD\) before saving$/, 'dateSerial', []],
	[/^is not a date; expected YYYY-MM-DD or DD\/MM\/YYYY$/, 'notDate', []],
	[/^is not a whole number$/, 'wholeNumber', []],
	[/^is not a 4-digit year$/, 'year', []],
	[/^is not a number$/, 'number', []],
	[/^is not an amount in Rp \(e\.g\. 1500000, 1\.500\.000 or Rp 1\.500\.000,50\)$/, 'money', []],
	[/^is not yes\/no \(expected 1\/0, true\/false, ya\/tidak, y\/n, yes\/no\)$/, 'boolean', []],
	[/^is not a sex code \(expected F\/M, P\/L, W, perempuan\/laki-laki, wanita\/pria\)$/, 'sex', []],
	[/^is not an owner sex \(expected F, M or joint\)$/, 'ownerSex', []],
	[/^is not a labour status \(expected employed, unemployed or inactive; bekerja, menganggur, bukan_angkatan_kerja\)$/, 'labourStatus', []],
	[/^is not a budget category \(expected revenue, expenditure, financing_in, financing_out; pendapatan, belanja, \.\.\.\)$/, 'budgetCategory', []],
	[/^is not a comparison group \(expected program or comparison\)$/, 'group', []],
	[/^could not be read$/, 'unreadable', []],
	[/^is a totals row, not a row of its own: left out so that its amounts are not counted twice$/, 'totalsRow', []],
	[/^is a spreadsheet error, not a value: fix the formula in the spreadsheet or leave the cell empty$/, 'spreadsheetError', []],
	[/^is below the minimum of (\S+)$/, 'belowMin', ['limit']],
	[/^must be greater than (\S+)$/, 'notAbove', ['limit']],
	[/^is above the maximum of (\S+)$/, 'aboveMax', ['limit']],
	[/^the row has too many values \(expected (\d+), found (\d+)\); a value may hold an unquoted "(.+)"$/, 'tooMany', ['expected', 'found', 'delimiter']],
	[/^the row has too few values \(expected (\d+), found (\d+)\)$/, 'tooFew', ['expected', 'found']],
	[
		/^a quoted value that starts on this line is never closed properly \(a " without a closing " right before the delimiter\), so lines (\d+) to (\d+) were read as one value and could not be loaded \((\d+) more line\(s\) after this one\); close the quote or remove it$/,
		'unclosedQuote',
		['from', 'to', 'more']
	],
	[/^a quoted value has text after its closing quote \(expected "(.+)" or the end of the line right after the closing "\); quote the whole value$/, 'textAfterQuote', ['delimiter']],
	[/^the line is not valid text in the file encoding$/, 'encoding', []],
	[/^the line is longer than 10 MB$/, 'lineTooLong', []]
];

/** Each note the engine adds to a load report (ingest.ts, csv-dialect.ts, worker.ts), as a pattern. */
const NOTES: Array<[RegExp, string, string[]]> = [
	[/^(.+) is a Parquet file \(despite its \.(.+) name\) and was read as Parquet\.$/, 'parquetByContent', ['file', 'ext']],
	[/^(.+) is not UTF-8; it was read as Windows-1252 \(Latin-1\)\.$/, 'windows1252', ['file']],
	[/^(.+) is UTF-16 text; it was converted to UTF-8\.$/, 'utf16', ['file']],
	[/^(.+) is UTF-8, but (\d+) byte\(s\) in it are not \(line (.+)\); each was read as \uFFFD\.$/, 'utf8Damaged', ['file', 'n', 'lines']],
	[/^(.+) ends its lines with CR alone \(an old Mac format\); each was read as a line break\.$/, 'crOnly', ['file']],
	[/^(.+) mixes line ends \(CRLF, LF, or CR alone\); each was read as a line break\.$/, 'mixedLineEnds', ['file']],
	[/^(.+): line 1 is Excel's delimiter hint \(sep=(.+)\); it was read as the delimiter and skipped\.$/, 'excelSep', ['file', 'delimiter']],
	[/^(.+): the (\d+) line\(s\) above the table hold a title \("(.*)"\) and no data; they were skipped, and the table starts on line (\d+)\.$/, 'titleRows', ['file', 'n', 'title', 'line']],
	[/^(.+): the (\d+) line\(s\) above the table hold no values; they were skipped, and the table starts on line (\d+)\.$/, 'emptyAboveTable', ['file', 'n', 'line']],
	[/^(.+): column (\d+) has no name in the header; it is called "(.*)"$/, 'unnamedColumn', ['file', 'n', 'name']],
	[/^(.+): the header has "(.*)" more than once; column (\d+) is called "(.*)"$/, 'duplicateHeader', ['file', 'name', 'n', 'renamed']],
	[/^(.+) has no header row; its columns are called column1, column2, \.\.\.$/, 'noHeader', ['file']],
	[/^(.+) is assigned to (\S+) but lacks its required column\(s\) (.+); indicators that need them show "no data"\.$/, 'lacksRequired', ['file', 'table', 'columns']],
	[/^(.+): (\d+) line\(s\) holding only spaces were skipped \(line (.+)\)\.$/, 'blankLines', ['file', 'n', 'lines']],
	[/^(.+): (\d+) row\(s\) with no values \(only delimiters or missing-value codes\) were skipped and are not counted as read \(line (.+)\)\.$/, 'emptyLines', ['file', 'n', 'lines']],
	[/^(.+): (\d+) row\(s\) with no values \(only delimiters or missing-value codes\) were skipped and are not counted as read \(row (.+)\)\.$/, 'emptyRows', ['file', 'n', 'lines']],
	[/^(.+): column "(.*)" is kept as "(.*)" \(its own name is taken\)\.$/, 'keptAs', ['file', 'column', 'name']],
	[/^(.+) has a header but no rows of data: the table is empty\.$/, 'headerNoRows', ['file']],
	[/^(.+) has no rows of data: the table is empty\.$/, 'noRows', ['file']],
	[/^(.+) was read from (\S+) by HTTP range requests: (\d+) of (\d+) columns, (\d+) rows, (\d+) bytes transferred\.$/, 'remoteBytes', ['file', 'url', 'read', 'columns', 'rows', 'bytes']],
	[/^(.+) was read from (\S+) by HTTP range requests: (\d+) of (\d+) columns, (\d+) rows\.$/, 'remote', ['file', 'url', 'read', 'columns', 'rows']],
	[
		/^(.+) was read from (\S+) by HTTP range requests: (\d+) of (\d+) columns, (\d+) rows; the server did not say how many bytes it sent\.$/,
		'remoteUnknown',
		['file', 'url', 'read', 'columns', 'rows']
	],
	[/^(.+): taken from the copy the app's build ingested from this file \(SHA-256 checked against the sample's manifest\)\.$/, 'prebuilt', ['file']],
	[/^(.+) is loaded but could not be kept on this device \((.*)\); it will be gone after a reload\.$/, 'notKept', ['table', 'reason']],
	[/^The column mapping could not be kept on this device \((.*)\); it will not be reused\.$/, 'mappingNotKept', ['reason']]
];

function matchOf(table: Array<[RegExp, string, string[]]>, prefix: string, text: string): DataMessage | null {
	for (const [pattern, name, names] of table) {
		const m = pattern.exec(text);
		if (!m) continue;
		const values: Record<string, string> = {};
		names.forEach((n, i) => (values[n] = m[i + 1]));
		return { key: `${prefix}.${name}`, values };
	}
	return null;
}

/** The message for a load report's note, or null when it is not one the engine words (shown as it is). */
export function loadNoteMessage(note: string): DataMessage | null {
	return matchOf(NOTES, 'dataMessages.note', note);
}

/** The message for a rejected value's reason, or null when it is not one the engine words (shown as it is). */
export function rejectReasonMessage(reason: string): DataMessage | null {
	return matchOf(REASONS, 'dataMessages.reject', reason);
}

/** The message for a load warning, or null when it carries no template (shown as it is). */
export function warningMessage(w: Pick<LoadWarning, 'kind' | 'params'>): DataMessage | null {
	if (!w.kind || !w.params) return null;
	return { key: `dataMessages.warning.${w.kind}`, values: { ...w.params } };
}

type Translate = (key: string, options: { values: Record<string, string> }) => string;

/** `english` in `lang`: the engine's own words in English, or when it has no message. */
function worded(english: string, message: DataMessage | null, lang: Lang, t: Translate): string {
	return lang === 'en' || !message ? english : t(message.key, { values: message.values });
}

/** A rejected value's reason in `lang`. */
export function rejectReasonText(reason: string, lang: Lang, t: Translate): string {
	return worded(reason, rejectReasonMessage(reason), lang, t);
}

/** A load report's note in `lang`. */
export function loadNoteText(note: string, lang: Lang, t: Translate): string {
	return worded(note, loadNoteMessage(note), lang, t);
}

/** A load warning in `lang`. */
export function warningText(w: Pick<LoadWarning, 'kind' | 'params' | 'message'>, lang: Lang, t: Translate): string {
	return worded(w.message, warningMessage(w), lang, t);
}
