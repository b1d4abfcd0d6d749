// @ts-check
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import progress from './src/progress/integration.ts';
import { parse as parseYaml } from 'yaml';
import { pagefindRanking, rehypeGlossary } from './src/components/glosarium.mjs';

// Pelajaran bernomor (00-…, 01-…) urut menurut nama folder; lalu penutup dan glosarium.
/** @param {string} slug */
const hasPage = (slug) => existsSync(new URL(`./lessons/${slug}/index.mdx`, import.meta.url));
const lessons = readdirSync(new URL('./lessons', import.meta.url))
  .filter((name) => /^\d\d-/.test(name) && hasPage(name))
  .sort();
const extras = ['penutup', 'glosarium'].filter(hasPage);

/** Judul dari frontmatter, diawali nomor pelajaran: "04 · Session dari nol". @param {string} slug */
const lessonLabel = (slug) => {
  const text = readFileSync(new URL(`./lessons/${slug}/index.mdx`, import.meta.url), 'utf8');
  const title = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '')?.title ?? slug;
  return `${slug.slice(0, 2)} · ${title}`;
};

/** Halaman kecil berisi kode awal lengkap / kode solusi yang sudah diwarnai, diambil saat diminta. */
const solutionFragments = {
  name: 'solusi-terpisah',
  hooks: {
    /** @param {{ injectRoute: (r: { pattern: string, entrypoint: string, prerender?: boolean }) => void }} options */
    'astro:config:setup': ({ injectRoute }) => {
      injectRoute({ pattern: '/[lesson]/kode/[berkas]', entrypoint: './src/components/KodeHalaman.astro', prerender: true });
    },
  },
};

// Opsi Expressive Code ada di ec.config.mjs: komponen <Code> butuh opsi yang bisa dimuat sendiri.

// Situs bisa diterbitkan di sub-path, misalnya GitHub Pages: SITE_URL=https://nama.github.io BASE_PATH=/repo
const base = process.env.BASE_PATH || '/';
export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  base,
  // Glosarium: kartu per istilah dengan id stabil; pelajaran menautkan kemunculan pertama istilahnya.
  markdown: { rehypePlugins: [rehypeGlossary({ base })] },
  integrations: [
    // Kemajuan dari latihan/kemajuan.json di halaman: hanya `astro dev` (npm start), tidak ada di build.
    progress(),
    starlight({
      title: 'Cookie dan Session',
      description: 'Buku latihan interaktif: Bagaimana Cara Kerja Cookie dan Session?',
      defaultLocale: 'root',
      locales: { root: { label: 'Bahasa Indonesia', lang: 'id' } },
      customCss: ['./src/styles/custom.css'],
      components: {
        // Pencarian dimuat saat dibuka (lihat komponennya): JS halaman tetap kecil.
        Search: './src/components/Search.astro',
        // Judul bernomor dan posisi pelajaran ("Langkah 5 dari 11").
        PageTitle: './src/components/JudulHalaman.astro',
        // Tombol menu ponsel yang berkata jujur saat JavaScript mati.
        MobileMenuToggle: './src/components/TombolMenu.astro',
        // Isi pelajaran berbobot pencarian rendah: istilah glosarium ditemukan di glosarium dulu.
        MarkdownContent: './src/components/IsiHalaman.astro',
      },
      // Latihan, Petunjuk, Solusi (judulnya dari komponen) masuk ke "Di halaman ini"; judul bernomor.
      routeMiddleware: './src/components/routeData.ts',
      sidebar: [
        { label: 'Mulai', items: [{ label: 'Beranda', link: '/' }] },
        { label: 'Pelajaran', items: lessons.map((slug) => ({ slug, label: lessonLabel(slug) })) },
        ...(extras.length ? [{ label: 'Penutup', items: extras.map((slug) => ({ slug })) }] : []),
      ],
      // Baris panjang (Set-Cookie dengan semua atributnya) dibungkus, indentasi tetap.
      // Aside (:::note) dan tautan judul juga untuk MDX di luar src/content/docs.
      markdown: { processedDirs: ['./lessons'] },
      lastUpdated: false,
      pagination: true,
      // Istilah yang dicari menemukan entri glosariumnya lebih dulu (lihat glosarium.mjs).
      pagefind: { ranking: pagefindRanking },
    }),
    solutionFragments,
  ],
});
