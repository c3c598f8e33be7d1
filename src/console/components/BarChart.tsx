/**
 * A horizontal bar chart drawn with AntV F2 (v5) on a 2D canvas — the mini-program's
 * `<canvas type="2d">` node (through a selector query) or, in H5, the page's `<canvas>` element —
 * and, under it, the same figures as text (`图表中的数字`), for elder mode and screen readers.
 *
 * Props: `id` (unique on the page), `title`, `items` ({ label, value }; rows with 0 are shown in
 * the text and left out of the bars), `unit` (件, 人次…), `color`. Bars are horizontal so that
 * Chinese labels stay readable at 320 px. With nothing above 0 it shows only the text (暂无).
 */
import { Canvas as TaroCanvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { Axis, Canvas, Chart, Interval, jsx as f2jsx } from '@antv/f2';

/** F2's element factory, untyped: its typings do not accept its own chart classes as element types. */
const jsx = f2jsx as unknown as (type: unknown, props: Record<string, unknown>) => unknown;
import { useElderMode } from '../../ui/elder';

export interface BarItem {
  label: string;
  value: number;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
  /** the mini-program's canvas node has its own (there is no global one) */
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
}

/** What the mini-program needs besides the context (F2's mini-program guide): the node's frame callbacks and an offscreen canvas to measure text. */
function miniProgramExtras(node: CanvasNode): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'weapp') return {};
  const create = (Taro as unknown as { createOffscreenCanvas?: (o: { type: '2d' }) => unknown }).createOffscreenCanvas;
  return {
    ...(node.requestAnimationFrame ? { requestAnimationFrame: node.requestAnimationFrame.bind(node), cancelAnimationFrame: node.cancelAnimationFrame?.bind(node) } : {}),
    ...(create ? { offscreenCanvas: create({ type: '2d' }) } : {}),
  };
}

/** The canvas node and its CSS size, from the mini-program's selector query or the H5 DOM. */
function findCanvas(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true }, () => undefined)
        .exec((res: { node?: CanvasNode; width?: number; height?: number }[]) => {
          const r = res?.[0];
          resolve(r?.node ? { node: r.node, width: r.width ?? 0, height: r.height ?? 0 } : null);
        });
    });
  }
  const host = typeof document !== 'undefined' ? document.getElementById(id) : null;
  const el = (host && host.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null | undefined;
  if (!el) return Promise.resolve(null);
  const box = el.getBoundingClientRect();
  return Promise.resolve({ node: el as unknown as CanvasNode, width: box.width, height: box.height });
}

export function BarChart({ id, title, items, unit, color = '#b4282d' }: { id: string; title: string; items: BarItem[]; unit: string; color?: string }) {
  const elder = useElderMode();
  const shown = items.filter((i) => i.value > 0);
  const height = Math.max(120, shown.length * (elder ? 44 : 34) + 40);
  const chart = useRef<Canvas | null>(null);
  const key = JSON.stringify([shown, elder]);

  useEffect(() => {
    if (!shown.length) return undefined;
    let cancelled = false;
    const draw = async () => {
      const found = await findCanvas(id);
      if (!found || cancelled || !found.width) return;
      const pixelRatio = process.env.TARO_ENV === 'weapp' ? Taro.getSystemInfoSync().pixelRatio : (globalThis as { devicePixelRatio?: number }).devicePixelRatio ?? 1;
      const { node, width, height: h } = found;
      node.width = Math.round(width * pixelRatio);
      node.height = Math.round(h * pixelRatio);
      const context = node.getContext('2d');
      const fontSize = elder ? 16 : 12;
      const data = [...shown].reverse().map((i) => ({ label: i.label, value: i.value }));
      const top = Math.max(...shown.map((i) => i.value));
      const step = Math.max(1, Math.ceil(top / 4));
      const { props } = jsx(Canvas, {
        context,
        pixelRatio,
        width,
        height: h,
        animate: false,
        ...miniProgramExtras(node),
        children: jsx(Chart, {
          data,
          coord: { transposed: true },
          // counts: whole-number ticks
          scale: { value: { min: 0, max: Math.max(4, Math.ceil(top / step) * step), tickInterval: step } },
          children: [
            jsx(Axis, { field: 'label', style: { label: { fontSize, fill: '#1a1a1a' } } }),
            jsx(Axis, { field: 'value', style: { label: { fontSize, fill: '#3a3a3a' } } }),
            jsx(Interval, { x: 'label', y: 'value', color }),
          ],
        }),
      }) as unknown as { props: ConstructorParameters<typeof Canvas>[0] };
      chart.current?.destroy();
      const c = new Canvas(props);
      chart.current = c;
      await c.render();
    };
    // the canvas exists once this render is on screen
    Taro.nextTick(() => void draw());
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, key]);

  useEffect(() => () => chart.current?.destroy(), []);

  return (
    <View className="console-chart">
      <Text className="subtitle console-chart-title">{title}</Text>
      {shown.length ? <TaroCanvas type="2d" id={id} canvasId={id} className="console-canvas" style={{ width: '100%', height: `${height}px` }} /> : null}
      <View className="console-figures" aria-label={`${title}的数字`}>
        {items.length && shown.length ? (
          items.map((i) => (
            <Text key={i.label} className="console-figure">
              {i.label}：{i.value} {unit}
            </Text>
          ))
        ) : (
          <Text className="console-figure muted">这段时间还没有。</Text>
        )}
      </View>
    </View>
  );
}
