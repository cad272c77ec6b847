/**
 * ECharts from `echarts/core` with only the parts Pantau draws, so the rest is dropped
 * from the bundle. Both renderers: canvas on screen, SVG for print and PDF.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart, BoxplotChart, CustomChart } from 'echarts/charts';
import {
	GridComponent,
	TooltipComponent,
	LegendComponent,
	MarkLineComponent,
	MarkAreaComponent,
	DatasetComponent,
	TitleComponent,
	AriaComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	PieChart,
	ScatterChart,
	BoxplotChart,
	CustomChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	MarkLineComponent,
	MarkAreaComponent,
	DatasetComponent,
	TitleComponent,
	AriaComponent,
	CanvasRenderer,
	SVGRenderer
]);

export { echarts };
export type { EChartsCoreOption as ChartOptions } from 'echarts/core';
