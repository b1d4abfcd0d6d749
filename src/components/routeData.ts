// Data rute Starlight untuk halaman pelajaran:
// - judul bernomor ("04 · Session dari nol"), juga di <title> dan hasil pencarian;
// - judul yang dibuat komponen (Latihan, Petunjuk, Solusi) ikut di "Di halaman ini", di urutan
//   tempat komponennya dipakai di teks.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import type { MarkdownHeading } from 'astro';
import { componentHeadings } from './lesson';

type TocItem = MarkdownHeading & { children: TocItem[] };

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { entry } = route;
  if (!/^\d\d-/.test(entry.id)) return;
  const prefix = `${entry.id.slice(0, 2)} · `;
  if (!entry.data.title.startsWith(prefix)) entry.data.title = prefix + entry.data.title;
  if (!route.toc) return;

  // Urutan judul dan komponen di teks MDX (blok kode dilewati).
  const order: Array<{ heading: true } | { component: string }> = [];
  let fence = false;
  for (const line of (entry.body ?? '').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    if (/^#{2,6}\s/.test(line)) order.push({ heading: true });
    const tag = /^\s*<(Latihan|Petunjuk|Solusi)\b/.exec(line);
    if (tag) order.push({ component: tag[1]! });
  }
  const extra = componentHeadings;
  const headings: MarkdownHeading[] = [];
  let index = 0;
  for (const item of order) {
    if ('heading' in item) {
      const h = route.headings[index++];
      if (h) headings.push(h);
    } else if (extra[item.component]) headings.push(extra[item.component]!);
  }
  headings.push(...route.headings.slice(index));
  route.headings = headings;

  const { minHeadingLevel, maxHeadingLevel } = route.toc;
  const items: TocItem[] = [route.toc.items[0]!];
  const inject = (list: TocItem[], item: TocItem): void => {
    const last = list.at(-1);
    if (!last || last.depth >= item.depth) list.push(item);
    else inject(last.children, item);
  };
  for (const h of headings) {
    if (h.depth >= minHeadingLevel && h.depth <= maxHeadingLevel) inject(items, { ...h, children: [] });
  }
  route.toc.items = items;
});
