// @ts-check
import { existsSync, readdirSync } from 'node:fs';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

// Pelajaran bernomor (00-…, 01-…) urut menurut nama folder; lalu penutup dan glosarium.
/** @param {string} slug */
const hasPage = (slug) => existsSync(new URL(`./lessons/${slug}/index.mdx`, import.meta.url));
const lessons = readdirSync(new URL('./lessons', import.meta.url))
  .filter((name) => /^\d\d-/.test(name) && hasPage(name))
  .sort();
const extras = ['penutup', 'glosarium'].filter(hasPage);

// Situs bisa diterbitkan di sub-path, misalnya GitHub Pages: SITE_URL=https://nama.github.io BASE_PATH=/repo
export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  base: process.env.BASE_PATH || '/',
  integrations: [
    starlight({
      title: 'Cookie dan Session',
      description: 'Buku latihan interaktif: Bagaimana Cara Kerja Cookie dan Session?',
      defaultLocale: 'root',
      locales: { root: { label: 'Bahasa Indonesia', lang: 'id' } },
      customCss: ['./src/styles/custom.css'],
      // Pencarian dimuat saat dibuka (lihat komponennya): JS halaman tetap kecil.
      components: { Search: './src/components/Search.astro' },
      sidebar: [
        { label: 'Mulai', items: [{ label: 'Beranda', link: '/' }] },
        { label: 'Pelajaran', items: lessons.map((slug) => ({ slug })) },
        ...(extras.length ? [{ label: 'Penutup', items: extras.map((slug) => ({ slug })) }] : []),
      ],
      // Aside (:::note) dan tautan judul juga untuk MDX di luar src/content/docs.
      markdown: { processedDirs: ['./lessons'] },
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
