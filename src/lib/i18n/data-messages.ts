/**
 * A load report's rejected-value reasons and warnings in the UI language. The engine words
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

/** The message for a rejected value's reason, or null when it is not one the engine words (shown as it is). */
export function rejectReasonMessage(reason: string): DataMessage | null {
	for (const [pattern, name, names] of REASONS) {
		const m = pattern.exec(reason);
		if (!m) continue;
		const values: Record<string, string> = {};
		names.forEach((n, i) => (values[n] = m[i + 1]));
		return { key: `dataMessages.reject.${name}`, values };
	}
	return null;
}

/** The message for a load warning, or null when it carries no template (shown as it is). */
export function warningMessage(w: Pick<LoadWarning, 'kind' | 'params'>): DataMessage | null {
	if (!w.kind || !w.params) return null;
	return { key: `dataMessages.warning.${w.kind}`, values: { ...w.params } };
}

type Translate = (key: string, options: { values: Record<string, string> }) => string;

/** A rejected value's reason in `lang`: the engine's own words in English. */
export function rejectReasonText(reason: string, lang: Lang, t: Translate): string {
	if (lang === 'en') return reason;
	const m = rejectReasonMessage(reason);
	return m ? t(m.key, { values: m.values }) : reason;
}

/** A load warning in `lang`: the engine's own words in English. */
export function warningText(w: Pick<LoadWarning, 'kind' | 'params' | 'message'>, lang: Lang, t: Translate): string {
	if (lang === 'en') return w.message;
	const m = warningMessage(w);
	return m ? t(m.key, { values: m.values }) : w.message;
}
