/**
 * "No data" reasons in the UI language: the engine's reason code picks the message, and
 * the names in its reason (tables, columns, dates) fill it in. Use with `$_`:
 * `{@const r = reasonMessage(result.reason, result.reasonCode)} {$_(r.key, { values: r.values })}`.
 */
import { translate } from './index';

export interface ReasonMessage {
	key: string;
	values: Record<string, string>;
}

export function reasonMessage(reason: string | null, code: string | null): ReasonMessage {
	const text = reason ?? '';
	const detail = (prefix: RegExp) => ({ detail: text.replace(prefix, '').trim() });
	switch (code) {
		case 'missing_table':
			return { key: 'reason.missing_table', values: detail(/^missing table\s*/) };
		case 'missing_column':
			return { key: 'reason.missing_column', values: detail(/^missing column\s*/) };
		case 'filter_not_supported':
			return { key: 'reason.filter_not_supported', values: detail(/^.*:\s*/) };
		case 'breakdown_not_supported':
			return { key: 'reason.breakdown_not_supported', values: detail(/^.*:\s*/) };
		case 'no_round':
			return { key: 'reason.no_round', values: detail(/^no survey round on or before\s*/) };
		case 'filter_value_absent': {
			const m = /^no rows with (\S+) (.*)$/s.exec(text);
			const dimension = m?.[1] ?? '';
			// The dimension in the UI's words where it has them (kelompok for group).
			const named = translate(`dimension.${dimension}`);
			return { key: 'reason.filter_value_absent', values: { dimension: named === `dimension.${dimension}` ? dimension : named, value: m?.[2] ?? '' } };
		}
		case 'no_rows': {
			// An indicator that takes some of its table's rows names them (PAR-05: category=expenditure, source=dana_desa).
			const m = /\swith (\S+=.*)$/s.exec(text);
			return m ? { key: 'reason.no_rows_with', values: { conditions: m[1] } } : { key: 'reason.no_rows', values: {} };
		}
		case 'zero_denominator':
		case 'no_values':
			return { key: `reason.${code}`, values: {} };
		default:
			return { key: 'reason.other', values: { detail: text } };
	}
}
