/** The view lives in the URL: `period`, `lang`, `dusun`, `group` (and `slide` on /present). */
import { parseLang, type Lang } from '../i18n/format';

export interface ViewParams {
	period: string | null;
	lang: Lang;
	dusun: string | null;
	group: string | null;
}

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/**
 * A URL's query parameters; none while the overview is prerendered (kit forbids reading
 * them there: the prerendered page is the default view).
 */
function paramsOf(url: URL): URLSearchParams {
	try {
		return url.searchParams;
	} catch {
		return new URLSearchParams();
	}
}

/**
 * A `period` parameter as Pantau writes it: `2025-q3` is `2025-Q3`, `2025-7` is `2025-07`;
 * null when it is no period at all (`2025-Q5`, `abc`).
 */
export function normalisePeriodParam(raw: string | null): string | null {
	if (!raw) return null;
	const t = raw.trim().replace(/-q([1-4])$/, '-Q$1').replace(/^(\d{4})-(\d)$/, '$1-0$2');
	return PERIOD_PATTERN.test(t) ? t : null;
}

/** A `period` parameter that is there but is no period (the page falls back to the default, and says so). */
export function badPeriodParam(url: URL): string | null {
	const raw = paramsOf(url).get('period');
	return raw !== null && raw !== '' && normalisePeriodParam(raw) === null ? raw : null;
}

export function readView(url: URL): ViewParams {
	const p = paramsOf(url);
	return {
		period: normalisePeriodParam(p.get('period')),
		lang: parseLang(p.get('lang')),
		dusun: p.get('dusun') || null,
		group: p.get('group') || null
	};
}

/** A link to `path` that keeps the view's parameters, with `changes` applied (null removes). */
export function hrefWith(url: URL, path: string | null, changes: Record<string, string | null> = {}): string {
	const params = new URLSearchParams(paramsOf(url));
	for (const [k, v] of Object.entries(changes)) {
		if (v === null || v === '') params.delete(k);
		else params.set(k, v);
	}
	const q = params.toString();
	return `${path ?? url.pathname}${q ? `?${q}` : ''}`;
}

/** The view's dusun and group, as indicator requests take them. */
export function viewFilters(view: ViewParams): { dusun?: string; group?: string } {
	return { dusun: view.dusun ?? undefined, group: view.group ?? undefined };
}

/** One string per set of filters, to tell whether a result is of the filters now in view. */
export function filtersKey(f: { dusun?: string; group?: string }): string {
	return JSON.stringify([f.dusun ?? null, f.group ?? null]);
}

/**
 * The rows a filtered view is of, in words (`Dusun Wetan · Group: Comparison`), or null for
 * the whole village. `t` translates the filter bar's words (`filters.*`).
 */
export function scopeText(view: ViewParams, t: (key: string) => string): string | null {
	const parts: string[] = [];
	if (view.dusun) parts.push(`${t('filters.dusun')} ${view.dusun}`);
	if (view.group) parts.push(`${t('filters.group')}: ${view.group === 'program' || view.group === 'comparison' ? t(`filters.${view.group}`) : view.group}`);
	return parts.length ? parts.join(' · ') : null;
}
