// Katalog pelajaran untuk CLI, sandbox, dan tes: folder lessons/NN-slug + frontmatter index.mdx.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { ROOT, WORKSPACE_DIR } from './harness/target.ts';

export { ROOT, WORKSPACE_DIR };
export const LESSONS_DIR = path.join(ROOT, 'lessons');

export interface Lesson {
  id: string; // "02-cookie-pertama"
  number: string; // "02"
  readonly title: string;
  readonly tasks: string[];
  readonly hints: string[];
  dir: string;
  starter: string; // lessons/NN/awal.ts
  solution: string; // lessons/NN/solusi.ts
  checker: string; // lessons/NN/cek.test.ts
  workspaceFile: string; // latihan/NN-slug.ts
}

// yaml dimuat saat pertama dibutuhkan: `cek` untuk satu pelajaran tidak perlu mengurai semuanya.
const require = createRequire(import.meta.url);
let parseYaml: ((text: string) => unknown) | undefined;

function frontmatter(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  if (!match) return {};
  try {
    parseYaml ??= (require('yaml') as typeof import('yaml')).parse;
    return (parseYaml(match[1] ?? '') as Record<string, unknown>) ?? {};
  } catch {
    // Frontmatter rusak tidak boleh mematikan CLI; build situs yang akan melaporkannya.
    return {};
  }
}

let cache: Lesson[] | undefined;

export function allLessons(): Lesson[] {
  cache ??= readdirSync(LESSONS_DIR)
    .filter((name) => /^\d\d-/.test(name) && existsSync(path.join(LESSONS_DIR, name, 'cek.test.ts')))
    .sort()
    .map((id) => {
      const dir = path.join(LESSONS_DIR, id);
      let fm: Record<string, unknown> | undefined;
      const meta = () => (fm ??= frontmatter(path.join(dir, 'index.mdx')));
      return {
        id,
        number: id.slice(0, 2),
        get title() {
          const t = meta().title;
          return typeof t === 'string' ? t : id;
        },
        get tasks() {
          const t = meta().tugas;
          return Array.isArray(t) ? t.map(String) : [];
        },
        get hints() {
          const h = meta().petunjuk;
          return Array.isArray(h) ? h.map(String) : [];
        },
        dir,
        starter: path.join(dir, 'awal.ts'),
        solution: path.join(dir, 'solusi.ts'),
        checker: path.join(dir, 'cek.test.ts'),
        workspaceFile: path.join(WORKSPACE_DIR, `${id}.ts`),
      };
    });
  return cache;
}

/** "2", "02", "02-cookie-pertama" → pelajaran; undefined bila tidak dikenal. */
export function findLesson(arg: string): Lesson | undefined {
  const lessons = allLessons();
  const clean = arg.trim().replace(/\/$/, '');
  if (/^\d{1,2}$/.test(clean)) return lessons.find((l) => l.number === clean.padStart(2, '0'));
  return lessons.find((l) => l.id === clean || path.basename(clean) === l.id);
}

export function relative(file: string): string {
  return path.relative(ROOT, file) || '.';
}
