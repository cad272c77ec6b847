/**
 * UI translations (svelte-i18n). Indonesian is the default, English on switch. Every
 * visible string comes from messages/{id,en}.json; indicator names are added from the
 * catalogue so they come from the same place.
 */
import { addMessages, init, locale, _, unwrapFunctionStore, format } from 'svelte-i18n';
import id from './messages/id.json';
import en from './messages/en.json';
import type { Lang } from './format';
import { CATALOGUE } from '../indicators/catalogue';

/** Indicator names and definitions, from the catalogue, under `indicator.<CODE>.name|definition`. */
function indicatorMessages(lang: Lang): Record<string, unknown> {
	const indicator: Record<string, { name: string; definition: string }> = {};
	for (const d of CATALOGUE) indicator[d.code] = { name: d.names[lang], definition: d.definition[lang] };
	return { indicator };
}

/**
 * Sections may keep their messages in files of their own, `messages/<section>.id.json` and
 * `messages/<section>.en.json`, merged here at their top level.
 */
const sectionFiles = import.meta.glob<Record<string, unknown>>('./messages/*.*.json', { eager: true, import: 'default' });
function sectionMessages(lang: Lang): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [path, messages] of Object.entries(sectionFiles)) {
		if (path.endsWith(`.${lang}.json`)) Object.assign(out, messages);
	}
	return out;
}

let started = false;
export function startI18n(lang: Lang): void {
	if (!started) {
		addMessages('id', id, indicatorMessages('id') as never, sectionMessages('id') as never);
		addMessages('en', en, indicatorMessages('en') as never, sectionMessages('en') as never);
		init({ fallbackLocale: 'id', initialLocale: lang });
		started = true;
	}
	locale.set(lang);
}

/** Add messages at run time (indicator names from the catalogue). */
export function addTranslations(lang: Lang, messages: Record<string, unknown>): void {
	addMessages(lang, messages as never);
}

/** A non-store translate function for plain TypeScript (chart builders, exports). */
export const translate = unwrapFunctionStore(format);
export { _, locale };
