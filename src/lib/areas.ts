/** The impact areas as the dashboard groups them, with the headline indicators of each. */
import type { Area } from './indicators';

export interface AreaView {
	area: Area;
	slug: string;
	headlines: string[];
}

export const AREAS: AreaView[] = [
	{ area: 'income', slug: 'income', headlines: ['INC-01', 'INC-02', 'INC-04', 'INC-05'] },
	{ area: 'employment', slug: 'employment', headlines: ['EMP-01', 'EMP-02', 'EMP-04', 'EMP-05'] },
	{ area: 'women', slug: 'women', headlines: ['WOM-01', 'WOM-02', 'WOM-03', 'WOM-04'] },
	{ area: 'health', slug: 'health', headlines: ['HLT-01', 'HLT-02', 'HLT-03', 'HLT-05'] },
	{ area: 'infrastructure', slug: 'infrastructure', headlines: ['INF-01', 'INF-02', 'INF-03', 'INF-05'] },
	{ area: 'participation', slug: 'participation', headlines: ['PAR-01', 'PAR-02', 'PAR-04', 'PAR-05'] },
	{ area: 'village', slug: 'village', headlines: ['VIL-01'] }
];

export const HEADLINE_CODES = AREAS.flatMap((a) => a.headlines);
