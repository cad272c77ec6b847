/** A load failure in the UI language: the coded ones (too large, out of memory, a refused file) worded here, the others as the engine says. */
import type { LoadFailure } from '../engine/protocol';
import { formatNumber, type Lang } from './format';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** `1,2 GB` / `1.2 GB`, `730 MB`. */
export function sizeText(bytes: number, lang: Lang): string {
	if (bytes >= GB) return `${formatNumber(bytes / GB, lang, bytes % GB === 0 ? 0 : 1)} GB`;
	return `${formatNumber(Math.max(1, Math.round(bytes / MB)), lang)} MB`;
}

/** The limit with its exact size in MB: `1 GB (1.024 MB)`. */
export function limitText(bytes: number, lang: Lang): string {
	return `${sizeText(bytes, lang)} (${formatNumber(Math.round(bytes / MB), lang)} MB)`;
}

export function failureText(f: LoadFailure, lang: Lang, t: Translate): string {
	if (f.code === 'too_large' && f.bytes !== undefined && f.limit !== undefined) {
		return t('faults.tooLarge', { values: { file: f.file, size: sizeText(f.bytes, lang), limit: limitText(f.limit, lang) } });
	}
	if (f.code === 'out_of_memory') return t('faults.outOfMemory', { values: { file: f.file } });
	const message = f.refusal ? t(`faults.refusal.${f.refusal.code}`, { values: f.refusal.values }) : f.message;
	return t('data.failed', { values: { file: f.file, message } });
}
