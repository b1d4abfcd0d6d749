import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { i18nLoader } from '@astrojs/starlight/loaders';

// Frontmatter tambahan untuk halaman pelajaran (lihat lessons/README.md).
const lessonFields = z.object({
  /** Tugas bernomor, satu kalimat per tugas (Markdown sebaris). */
  tugas: z.array(z.string()).optional(),
  /** Petunjuk berjenjang: dari arah umum sampai hampir jawaban. */
  petunjuk: z.array(z.string()).optional(),
});

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern: ['index.mdx', '*/index.mdx'] }),
    schema: docsSchema({ extend: lessonFields }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
