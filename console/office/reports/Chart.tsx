import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the report pages draw: the full build is several times larger than these.
echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts chart: made once, given each new option whole, resized with its box, disposed on unmount. */
export function Chart(props: { option: ChartOption; height?: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No animation: figures are read, not watched, and a chart that grows for a second after every filter change
    // shows numbers that are not the report's.
    chart.current?.setOption({ animation: false, ...props.option }, { notMerge: true });
  }, [props.option]);
  return <div ref={box} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }} />;
}

/** Fen to yuan as a chart value (a number, for the axis): exact to the fen for any amount a report holds. */
export const fenAsYuan = (fen: number): number => fen / 100;
