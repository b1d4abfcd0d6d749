// Glosarium untuk halaman pelajaran, dipakai sebagai plugin rehype di astro.config.mjs.
// - Di lessons/glosarium: setiap istilah (### judul + paragraf di bawahnya) dibungkus menjadi kartu
//   <section class="istilah"> dengan id stabil dari judulnya (/glosarium/#httponly), dan judulnya diberi
//   bobot pencarian tertinggi agar pencarian istilah menemukan entrinya lebih dulu.
// - Di pelajaran NN: kemunculan pertama setiap istilah yang "Pertama di NN" ditautkan ke entrinya.
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';

const GLOSSARY = new URL('../../lessons/glosarium/index.mdx', import.meta.url);

/** @returns {{ term: string, slug: string, first: string | undefined }[]} */
export function readGlossary() {
  let text;
  try {
    text = readFileSync(GLOSSARY, 'utf8');
  } catch {
    return [];
  }
  const slugger = new GithubSlugger();
  const entries = [];
  const parts = text.split(/^### /m).slice(1);
  for (const part of parts) {
    const term = part.split('\n', 1)[0].trim();
    const first = /Pertama di \[(\d\d)\]/.exec(part.split(/^##\s/m)[0])?.[1];
    entries.push({ term, slug: slugger.slug(plain(term)), first });
  }
  return entries;
}

/** Teks judul tanpa Markdown sebaris (`kode`, *miring*). */
const plain = (s) => s.replace(/[`*_]/g, '');

/** @param {any} node */
const textOf = (node) => (node.type === 'text' ? node.value : (node.children ?? []).map(textOf).join(''));
const isHeading = (node) => node.type === 'element' && /^h[1-6]$/.test(node.tagName);
const isWrapper = (node, level) =>
  node.type === 'element' && node.tagName === 'div' && String(node.properties?.className ?? '').includes(`level-h${level}`);
const headingIn = (node) => (isHeading(node) ? node : node.children?.find(isHeading));
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {{ base: string }} options */
export function rehypeGlossary({ base }) {
  const entries = readGlossary();
  const href = (slug) => `${base.replace(/\/$/, '')}/glosarium/#${slug}`;
  return () => (tree, file) => {
    const source = String(file.path ?? file.history?.[0] ?? '');
    const lesson = /lessons[\\/]([^\\/]+)[\\/]index\.mdx$/.exec(source)?.[1];
    if (!lesson) return;
    if (lesson === 'glosarium') return cards(tree);
    const nn = /^\d\d-/.test(lesson) ? lesson.slice(0, 2) : undefined;
    if (!nn) return;
    const pending = entries.filter((e) => e.first === nn);
    if (pending.length) link(tree, pending, href);
  };
}

/** Kartu untuk setiap istilah: judul level 3 dan semua saudara sampai judul berikutnya. */
function cards(tree) {
  const slugger = new GithubSlugger();
  const visit = (parent) => {
    const out = [];
    let card;
    for (const child of parent.children) {
      const h = isHeading(child) || isWrapper(child, 3) || isWrapper(child, 2) ? headingIn(child) : undefined;
      if (h && h.tagName === 'h3') {
        const slug = slugger.slug(textOf(h).trim());
        h.properties = { ...h.properties, id: slug, 'data-pagefind-weight': '10' };
        for (const a of child.children ?? []) {
          if (a.type === 'element' && a.tagName === 'a') a.properties = { ...a.properties, href: `#${slug}` };
        }
        card = { type: 'element', tagName: 'section', properties: { className: ['istilah'], ariaLabelledby: slug }, children: [child] };
        out.push(card);
        continue;
      }
      if (h) card = undefined;
      if (card) card.children.push(child);
      else out.push(child);
    }
    parent.children = out;
  };
  visit(tree);
}

/** Tautkan kemunculan pertama setiap istilah di teks biasa (bukan judul, tautan, atau blok kode). */
function link(tree, pending, href) {
  const left = new Map(pending.map((e) => [e.term.toLowerCase(), e]));
  const skip = new Set(['a', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'script', 'style', 'summary', 'button', 'label', 'legend']);
  const walk = (node) => {
    if (!left.size || !node.children) return;
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i];
      if (child.type === 'element') {
        if (skip.has(child.tagName) || String(child.properties?.className ?? '').includes('sl-heading-wrapper')) continue;
        if (child.tagName === 'code') {
          const e = left.get(textOf(child).trim().toLowerCase());
          if (e) {
            node.children[i] = anchor(href(e.slug), [child]);
            left.delete(e.term.toLowerCase());
          }
          continue;
        }
        walk(child);
      } else if (child.type === 'text' && !node.tagName?.startsWith?.('mdx')) {
        const found = [...left.values()]
          .map((e) => ({ e, m: new RegExp(`(^|[^\\p{L}\\p{N}_-])(${escapeRe(plain(e.term))})(?![\\p{L}\\p{N}_-])`, 'iu').exec(child.value) }))
          .filter((x) => x.m)
          .sort((a, b) => a.m.index - b.m.index)[0];
        if (!found) continue;
        const start = found.m.index + found.m[1].length;
        const word = found.m[2];
        const before = child.value.slice(0, start);
        const after = child.value.slice(start + word.length);
        const parts = [];
        if (before) parts.push({ type: 'text', value: before });
        parts.push(anchor(href(found.e.slug), [{ type: 'text', value: word }]));
        if (after) parts.push({ type: 'text', value: after });
        node.children.splice(i, 1, ...parts);
        left.delete(found.e.term.toLowerCase());
        i += parts.length - 2; // lanjut memeriksa sisa teks untuk istilah lain
      }
    }
  };
  walk(tree);
}

const anchor = (url, children) => ({
  type: 'element',
  tagName: 'a',
  properties: { href: url, className: ['istilah-tautan'] },
  children,
});
