/** Numbers, Rupiah, percentages and dates in the UI language, with Intl. */
export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];

export function intlLocale(lang: Lang): string {
	return lang === 'id' ? 'id-ID' : 'en';
}

export function parseLang(v: string | null | undefined): Lang {
	return v === 'en' ? 'en' : 'id';
}

const cache = new Map<string, Intl.NumberFormat>();
/**
 * A cached formatter. A value that rounds to zero never shows a sign ("-0%" read as a loss):
 * unsigned formats drop the sign of a negative zero, signed ones show no sign for zero.
 */
function nf(lang: Lang, given: Intl.NumberFormatOptions): Intl.NumberFormat {
	const opts: Intl.NumberFormatOptions = { ...given, signDisplay: given.signDisplay === 'always' ? 'exceptZero' : (given.signDisplay ?? 'negative') };
	const key = lang + JSON.stringify(opts);
	let f = cache.get(key);
	if (!f) {
		f = new Intl.NumberFormat(intlLocale(lang), opts);
		cache.set(key, f);
	}
	return f;
}

export function formatNumber(v: number | null | undefined, lang: Lang, digits = 0): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** Rp 1.500.000 (id) / IDR 1,500,000 (en): whole rupiah. */
export function formatIdr(v: number | null | undefined, lang: Lang): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	return nf(lang, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(v);
}

/** A change in rupiah, signed (+Rp 125.000, -Rp 458.334; Rp 0 unsigned); compact for narrow columns. */
export function formatIdrSigned(v: number | null | undefined, lang: Lang, compact = false): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	const opts: Intl.NumberFormatOptions = compact
		? { style: 'currency', currency: 'IDR', notation: 'compact', maximumFractionDigits: 2, signDisplay: 'always' }
		: { style: 'currency', currency: 'IDR', maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: 'always' };
	return nf(lang, opts).format(v);
}

/**
 * Progress to target (a fraction) in percent to one decimal, cut towards zero rather than
 * rounded: 0.8499 is "84,9%", never "85%" beside a status of "needs attention" (the on-track
 * threshold being 85%).
 */
export function formatProgress(p: number | null | undefined, lang: Lang): string {
	if (p === null || p === undefined || !Number.isFinite(p)) return '–';
	// p * 1000 tenths of a percent, rounded first at 1e-4 of a tenth so 0.29 is not 28.9.
	const tenths = Math.trunc(Math.round(p * 1e7) / 1e4) / 10;
	return formatPercent(tenths, lang, 1);
}

/** Compact Rupiah for axes and big numbers: Rp 1,2 M / IDR 1.2B. */
export function formatIdrCompact(v: number | null | undefined, lang: Lang): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	return nf(lang, { style: 'currency', currency: 'IDR', notation: 'compact', maximumFractionDigits: 2 }).format(v);
}

/** A value already in percent (45.78 -> "45,8%"). */
export function formatPercent(v: number | null | undefined, lang: Lang, digits = 1): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) + '%';
}

/** Percentage points, signed: "+9,2 poin" / "+9.2 pts". */
export function formatPoints(v: number | null | undefined, lang: Lang, digits = 1): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	const s = nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'always' }).format(v);
	return `${s} ${lang === 'id' ? 'poin' : 'pts'}`;
}

export function formatSigned(v: number | null | undefined, lang: Lang, digits = 1): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'always' }).format(v);
}

export function formatDate(v: Date | string | null | undefined, lang: Lang, style: 'short' | 'long' = 'long'): string {
	if (v === null || v === undefined) return '–';
	const d = typeof v === 'string' ? new Date(v) : v;
	if (Number.isNaN(d.getTime())) return '–';
	return new Intl.DateTimeFormat(intlLocale(lang), {
		day: 'numeric',
		month: style === 'long' ? 'long' : 'short',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(d);
}

export function formatDateTime(v: Date | string, lang: Lang): string {
	const d = typeof v === 'string' ? new Date(v) : v;
	return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Period labels: 2025, "Triwulan III 2025" / "Q3 2025", "Juli 2025" / "July 2025". */
export function formatPeriod(period: string, lang: Lang): string {
	const q = /^(\d{4})-Q([1-4])$/.exec(period);
	if (q) return lang === 'id' ? `Triwulan ${['I', 'II', 'III', 'IV'][Number(q[2]) - 1]} ${q[1]}` : `Q${q[2]} ${q[1]}`;
	const m = /^(\d{4})-(\d{2})$/.exec(period);
	if (m) {
		const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
		return new Intl.DateTimeFormat(intlLocale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
	}
	return period;
}

export function formatBytes(n: number, lang: Lang): string {
	if (n < 1024) return `${formatNumber(n, lang)} B`;
	if (n < 1024 * 1024) return `${formatNumber(n / 1024, lang, 1)} KB`;
	return `${formatNumber(n / 1024 / 1024, lang, 1)} MB`;
}

/** An indicator value in its unit: percent, Rp, count, ratio, days or score. */
export function formatByUnit(v: number | null | undefined, unit: string, lang: Lang, compact = false): string {
	switch (unit) {
		case 'percent':
			return formatPercent(v, lang, 1);
		case 'idr':
			return compact ? formatIdrCompact(v, lang) : formatIdr(v, lang);
		case 'count':
			return formatNumber(v, lang, 0);
		case 'ratio':
			return formatNumber(v, lang, 2);
		case 'days':
			return formatNumber(v, lang, 1);
		case 'score':
			return formatNumber(v, lang, 3);
		default:
			return formatNumber(v, lang, 2);
	}
}

/** A change in the indicator's unit: percentage points for percents. */
export function formatChangeByUnit(v: number | null | undefined, unit: string, lang: Lang): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return '–';
	switch (unit) {
		case 'percent':
			return formatPoints(v, lang, 1);
		case 'idr':
			return formatIdrSigned(v, lang);
		case 'count':
			return formatSigned(v, lang, 0);
		case 'ratio':
			return formatSigned(v, lang, 2);
		case 'score':
			return formatSigned(v, lang, 3);
		default:
			return formatSigned(v, lang, 1);
	}
}

/**
 * A number typed in a form, the way the UI's language writes it: Indonesian `580.349` and
 * `0,5`, English `580,349` and `0.5`; `Rp`, `%` and spaces are ignored. A plain `0.5` is
 * read as a decimal in both. Null when it is not a number (an empty text included).
 */
export function parseLocalNumber(text: string, lang: Lang): number | null {
	let t = text.replace(/[\s\u00a0]/g, '').replace(/^rp\.?/i, '').replace(/^idr/i, '').replace(/%$/, '');
	if (t === '') return null;
	const group = lang === 'id' ? '.' : ',';
	const decimal = lang === 'id' ? ',' : '.';
	const grouped = new RegExp(`^[-−]?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
	if (grouped.test(t)) t = t.split(group).join('');
	t = t.replace(decimal, '.').replace('−', '-');
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
	const v = Number(t);
	return Number.isFinite(v) ? v : null;
}
