/** Settings that change results (poverty line, age bands, status thresholds): one place, saved on this device. */
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../indicators';

const KEY = 'pantau.settings';

function load(): Settings {
	try {
		const raw = localStorage.getItem(KEY);
		return raw ? parseSettings(JSON.parse(raw)) : DEFAULT_SETTINGS;
	} catch {
		return DEFAULT_SETTINGS;
	}
}

class SettingsState {
	current = $state.raw<Settings>(load());

	save(next: unknown): void {
		const s = parseSettings(next);
		this.current = s;
		try {
			localStorage.setItem(KEY, JSON.stringify(s));
		} catch {
			/* not saved; still used for this session */
		}
	}

	reset(): void {
		this.current = DEFAULT_SETTINGS;
		try {
			localStorage.removeItem(KEY);
		} catch {
			/* nothing saved */
		}
	}
}

export const settings = new SettingsState();
