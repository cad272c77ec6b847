/** The note under a trend whose last periods are not complete (pure; see periods.ts `periodIncomplete`). */
import type { Translate } from './areas';
import { formatDate, type Lang } from '../i18n/format';

/**
 * The partial periods of a trend (their machine form, for `data-partial`) and the note that
 * names them (by their labels on the axis) and the last day the data reaches; null when every
 * period is complete.
 */
export function partialNote(
	points: ReadonlyArray<{ period: string; label: string; partial?: boolean }>,
	t: Translate,
	lang: Lang,
	dataEnd: string | null
): { periods: string[]; note: string } | null {
	const partial = points.filter((p) => p.partial);
	if (partial.length === 0) return null;
	const date = dataEnd ? formatDate(dataEnd, lang) : '–';
	return { periods: partial.map((p) => p.period), note: t('chart.partial', { values: { periods: partial.map((p) => p.label).join(', '), date } }) };
}
