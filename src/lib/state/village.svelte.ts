/**
 * The village's name for titles (the report's cover, the first slide, page subtitles): set on
 * /settings and kept on this device. The sample names its own village (its manifest).
 */
const KEY = 'pantau.villageName';
export const VILLAGE_NAME_MAX = 80;

/** One line, no surrounding spaces, at most VILLAGE_NAME_MAX characters. */
export function cleanVillageName(text: string): string {
	return text.replace(/\s+/g, ' ').trim().slice(0, VILLAGE_NAME_MAX);
}

function load(): string {
	try {
		return cleanVillageName(localStorage.getItem(KEY) ?? '');
	} catch {
		return '';
	}
}

class VillageNameState {
	/** The name set on /settings, '' when none. */
	saved = $state(load());

	save(text: string): void {
		const v = cleanVillageName(text);
		this.saved = v;
		try {
			if (v) localStorage.setItem(KEY, v);
			else localStorage.removeItem(KEY);
		} catch {
			/* not kept; still used for this session */
		}
	}
}

export const villageName = new VillageNameState();
