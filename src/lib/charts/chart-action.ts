/**
 * A Svelte action that owns an ECharts instance: init, resize with the container,
 * options updates, and dispose. Components hold no imperative chart code.
 */
import { echarts, type ChartOptions } from './echarts';

export interface ChartActionParams {
	options: ChartOptions;
	renderer?: 'canvas' | 'svg';
	/** Called after each render with the instance (for PNG export). */
	onRender?: (chart: ReturnType<typeof echarts.init>) => void;
}

export function chart(node: HTMLElement, params: ChartActionParams) {
	let instance = echarts.init(node, undefined, { renderer: params.renderer ?? 'canvas' });
	const render = (p: ChartActionParams) => {
		instance.setOption(p.options, { notMerge: true, lazyUpdate: false });
		p.onRender?.(instance);
	};
	render(params);
	const ro = new ResizeObserver(() => instance.resize());
	ro.observe(node);
	return {
		update(next: ChartActionParams) {
			if ((next.renderer ?? 'canvas') !== (params.renderer ?? 'canvas')) {
				instance.dispose();
				instance = echarts.init(node, undefined, { renderer: next.renderer ?? 'canvas' });
			}
			params = next;
			render(next);
		},
		destroy() {
			ro.disconnect();
			instance.dispose();
		}
	};
}
