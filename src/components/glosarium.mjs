// Glosarium untuk halaman pelajaran, dipakai sebagai plugin rehype di astro.config.mjs.
// - Di lessons/glosarium: setiap istilah (### judul + paragraf di bawahnya) dibungkus menjadi kartu
//   <section class="istilah"> dengan id stabil dari judulnya (/glosarium/#httponly), dan judulnya diberi
//   bobot pencarian tertinggi agar pencarian istilah menemukan entrinya lebih dulu.
// - Di pelajaran NN: kemunculan pertama setiap istilah yang "Pertama di NN" ditautkan ke entrinya
//   (atau padanan Indonesianya bila istilahnya tidak muncul di teks biasa).
import { readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';

/**
 * Urutan hasil pencarian (opsi `pagefind.ranking` Starlight): menurut bobot kemunculan (judul kartu
 * glosarium 10, isi halaman lain 0.2 lewat IsiHalaman.astro), bukan frekuensi, sehingga pelajaran
 * yang menyebut sebuah istilah 30 kali tidak mengalahkan entrinya.
 */
export const pagefindRanking = { termFrequency: 0 };

const GLOSSARY = new URL('../../lessons/glosarium/index.mdx', import.meta.url);

/** @returns {{ term: string, slug: string, first: string | undefined, forms: string[], padanan: string[] }[]} */
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
    // Padanan Indonesia ("Padanan: situs.") juga ditautkan: pelajaran memakai kata itu.
    const padanan = /Padanan: ([^.*]+)\./.exec(part)?.[1]?.split(/,\s*/) ?? [];
    entries.push({ term, slug: slugger.slug(plain(term)), first, forms: forms(term), padanan: padanan.map((p) => plain(p).trim()) });
  }
  return entries;
}

/**
 * Bentuk yang ditautkan di pelajaran: isi setiap `kode` di judul ("`req.session`, `$_SESSION`"), atau
 * tanpa kode, bagian-bagiannya ("garbage collector (GC)", "scrypt, Argon2id").
 */
export function forms(term) {
  const code = [...term.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  if (code.length) return code;
  return plain(term)
    .split(/\s*[(),]\s*|\s+dan\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
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
/** Regex per bentuk, dibuat sekali per build (bukan per simpul teks): build situs tetap cepat. */
const cached = (make) => {
  const cache = new Map();
  return (f) => cache.get(f) ?? cache.set(f, make(f)).get(f);
};
/** Bentuk sebagai kata utuh di teks biasa. */
const wordRe = cached((f) => new RegExp(`(^|[^\\p{L}\\p{N}_-])(${escapeRe(f)})(?![\\p{L}\\p{N}_])`, 'iu'));
/** `req.session.regenerate()` untuk bentuk `regenerate`. */
const callRe = cached((f) => new RegExp(`\\.${escapeRe(f)}\\(\\)$`));

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
    // Bentuk istilahnya dulu; padanan Indonesianya hanya bila istilahnya tidak muncul di teks biasa.
    const linked = link(tree, pending, href);
    const rest = pending.filter((e) => !linked.has(e) && e.padanan.length).map((e) => ({ ...e, forms: e.padanan }));
    if (rest.length) link(tree, rest, href);
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
  // Satu tautan per istilah: bentuk mana pun yang muncul lebih dulu.
  const left = new Map(pending.flatMap((e) => e.forms.map((f) => [f.toLowerCase(), e])));
  const linked = new Set();
  const done = (e) => {
    linked.add(e);
    e.forms.forEach((f) => left.delete(f.toLowerCase()));
  };
  const skip = new Set(['a', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'script', 'style', 'summary', 'button', 'label', 'legend']);
  const walk = (node) => {
    if (!left.size || !node.children) return;
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i];
      if (child.type === 'element') {
        if (skip.has(child.tagName) || String(child.properties?.className ?? '').includes('sl-heading-wrapper')) continue;
        if (child.tagName === 'code') {
          // `Set-Cookie` dan juga `Set-Cookie: sid=…`, `Expires=…`.
          const code = textOf(child).trim().toLowerCase();
          // ... dan `req.session.regenerate()` untuk `regenerate`.
          const form = [...left.keys()].find(
            (f) =>
              code === f ||
              (code.startsWith(f) && (f.endsWith('-') || /^[:=\s;]/.test(code.slice(f.length)))) ||
              callRe(f).test(code),
          );
          const e = form && left.get(form);
          if (e) {
            node.children[i] = anchor(href(e.slug), [child]);
            done(e);
          }
          continue;
        }
        walk(child);
      } else if (child.type === 'text' && !node.tagName?.startsWith?.('mdx')) {
        const found = [...left.entries()]
          .map(([f, e]) => ({ e, m: wordRe(f).exec(child.value) }))
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
        done(found.e);
        i += parts.length - 2; // lanjut memeriksa sisa teks untuk istilah lain
      }
    }
  };
  walk(tree);
  return linked;
}

const anchor = (url, children) => ({
  type: 'element',
  tagName: 'a',
  properties: { href: url, className: ['istilah-tautan'] },
  children,
});
