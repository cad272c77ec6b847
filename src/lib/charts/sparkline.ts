/**
 * A sparkline as SVG geometry: a pure function of the points, with no chart library.
 * Scorecards show one per indicator; drawing them by hand keeps ECharts (~220 KB gzipped)
 * off the overview, so it loads only on pages with full charts.
 *
 * Coordinates are in a `width` x `height` box (the SVG's viewBox). Points are spread
 * evenly left to right; the vertical scale runs from the smallest to the largest value
 * (a flat line sits in the middle). A null value breaks the line, as in the full charts.
 */
export interface SparkPoint {
	label: string;
	value: number | null;
}

export interface Sparkline {
	/** Path data of the line: one `M ... L ...` run per stretch without a gap. */
	line: string;
	/** Path data of the shaded area under each run, closed along the bottom. */
	area: string;
	/** Each point with a value, for the dots (empty when there are more than `maxDots`). */
	dots: Array<{ x: number; y: number; label: string; value: number }>;
}

const round = (v: number) => Math.round(v * 100) / 100;

export function sparkline(points: readonly SparkPoint[], width = 100, height = 40, pad = 4, maxDots = 12): Sparkline {
	const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
	if (values.length === 0) return { line: '', area: '', dots: [] };
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	const x = (i: number) => round(points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
	const y = (v: number) => round(hi === lo ? height / 2 : height - pad - ((v - lo) * (height - 2 * pad)) / (hi - lo));
	const runs: Array<Array<{ x: number; y: number; label: string; value: number }>> = [];
	let run: Array<{ x: number; y: number; label: string; value: number }> = [];
	points.forEach((p, i) => {
		if (p.value === null || !Number.isFinite(p.value)) {
			if (run.length) runs.push(run);
			run = [];
			return;
		}
		run.push({ x: x(i), y: y(p.value), label: p.label, value: p.value });
	});
	if (run.length) runs.push(run);
	const line = runs.map((r) => r.map((q, i) => `${i === 0 ? 'M' : 'L'}${q.x} ${q.y}`).join(' ')).join(' ');
	const area = runs
		.filter((r) => r.length > 1)
		.map((r) => `M${r[0].x} ${height} ${r.map((q) => `L${q.x} ${q.y}`).join(' ')} L${r[r.length - 1].x} ${height} Z`)
		.join(' ');
	const dots = values.length <= maxDots ? runs.flat() : [];
	return { line, area, dots };
}
