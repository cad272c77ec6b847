/** Data text shown in chart tooltips and labels is escaped: it is never markup. */
export function escapeHtml(text: unknown): string {
	return String(text ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
