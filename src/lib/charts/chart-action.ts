/**
 * A Svelte action that owns an ECharts instance: init, resize with the container,
 * options updates, and dispose. Components hold no imperative chart code.
 *
 * ECharts is loaded on first use, not with the page: the numbers go on screen first and
 * the charts follow as soon as the library is in (see loadCharts).
 */
import type { ChartOptions } from './echarts';

type EChartsModule = typeof import('./echarts');
type Instance = ReturnType<EChartsModule['echarts']['init']>;

let loaded: EChartsModule | null = null;
let loading: Promise<EChartsModule> | null = null;

let track: (loading: Promise<unknown>) => void = () => {};

/** Load ECharts (once); resolves when charts can be drawn. */
export function loadCharts(): Promise<EChartsModule> {
	loading ??= import('./echarts').then((m) => (loaded = m));
	return loading;
}

/**
 * Tell the app while a chart waits for ECharts (so the page does not say `ready` before
 * its charts can be drawn).
 */
export function trackChartLoading(fn: (loading: Promise<unknown>) => void): void {
	track = fn;
}

export interface ChartActionParams {
	options: ChartOptions;
	renderer?: 'canvas' | 'svg';
	/** Called after each render with the instance (for PNG export). */
	onRender?: (chart: Instance) => void;
}

export function chart(node: HTMLElement, params: ChartActionParams) {
	let instance: Instance | null = null;
	let ro: ResizeObserver | null = null;
	let destroyed = false;
	const render = (p: ChartActionParams) => {
		if (!instance) return;
		instance.setOption(p.options, { notMerge: true, lazyUpdate: false });
		p.onRender?.(instance);
	};
	const start = (m: EChartsModule) => {
		if (destroyed) return;
		instance = m.echarts.init(node, undefined, { renderer: params.renderer ?? 'canvas' });
		render(params);
		ro = new ResizeObserver(() => instance?.resize());
		ro.observe(node);
	};
	if (loaded) start(loaded);
	else {
		const p = loadCharts().then(start);
		track(p);
	}
	return {
		update(next: ChartActionParams) {
			if (instance && loaded && (next.renderer ?? 'canvas') !== (params.renderer ?? 'canvas')) {
				instance.dispose();
				instance = loaded.echarts.init(node, undefined, { renderer: next.renderer ?? 'canvas' });
			}
			params = next;
			render(next);
		},
		destroy() {
			destroyed = true;
			ro?.disconnect();
			instance?.dispose();
		}
	};
}
