/** The areas with a page of their own (/areas/[area]), in the order of the tabs. */
export const AREA_SLUGS = ['income', 'employment', 'women', 'health', 'infrastructure', 'participation'] as const;
export type AreaSlug = (typeof AREA_SLUGS)[number];

export function isAreaSlug(v: unknown): v is AreaSlug {
	return typeof v === 'string' && (AREA_SLUGS as readonly string[]).includes(v);
}
