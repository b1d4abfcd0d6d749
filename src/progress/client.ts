// Kemajuan dari pemeriksaan terakhir, tampil di halaman. Dimuat hanya oleh server dev lokal
// (src/progress/integration.ts); tanpa endpoint kemajuan skrip ini diam saja.
interface Progress {
  lulus: boolean;
  tugasLulus: number[];
  terakhirDicek?: string;
  pesanGagal?: Record<string, string>;
}
interface State {
  pelajaran: Record<string, Progress>;
  masalah?: string;
}

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const lessonOf = (href: string) => /\/(\d\d-[a-z0-9-]+)\/?$/.exec(new URL(href, location.href).pathname)?.[1];

const CSS = `
.latihan-tugas > li[data-kemajuan] { border-inline-start: 0.25rem solid; padding-inline-start: 0.5rem; }
.latihan-tugas > li[data-kemajuan='lulus'] { border-color: var(--sl-color-green); }
.latihan-tugas > li[data-kemajuan='gagal'] { border-color: var(--sl-color-red); }
.kemajuan-tugas { margin: 0.25rem 0 0; font-size: var(--sl-text-sm); overflow-wrap: anywhere; }
[data-kemajuan='lulus'] > .kemajuan-tugas { color: var(--sl-color-green-high); }
[data-kemajuan='gagal'] > .kemajuan-tugas { color: var(--sl-color-red-high); }
.kemajuan-ringkas { padding: 0.5rem 0.75rem; border: 1px solid var(--sl-color-gray-5); border-radius: 0.4rem; }
.kemajuan-tanda { color: var(--sl-color-green-high); margin-inline-start: 0.35em; }
[aria-current='page'] > .kemajuan-tanda { color: inherit; }
`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

/** Satu kotak ringkasan (role=status: pembaca layar mengumumkan perubahannya). */
function summary(before: Element, text: string) {
  let box = document.getElementById('kemajuan-ringkas');
  if (!box) {
    box = element('p', 'kemajuan-ringkas', '');
    box.id = 'kemajuan-ringkas';
    box.setAttribute('role', 'status');
    before.before(box);
  }
  box.textContent = text;
}

function mark(link: Element, done: boolean) {
  const tanda = link.querySelector(':scope > .kemajuan-tanda');
  if (done && !tanda) {
    const t = element('span', 'kemajuan-tanda', '✓');
    t.append(element('span', 'sr-only', ' (selesai)'));
    link.append(t);
  } else if (!done) tanda?.remove();
}

function render(state: State) {
  if (!document.getElementById('kemajuan-gaya')) {
    const style = element('style', '', CSS);
    style.id = 'kemajuan-gaya';
    document.head.append(style);
  }
  const id = lessonOf(location.href);
  const p = id ? state.pelajaran[id] : undefined;
  // Tugas ke-n adalah butir ke-n daftar tugas panel Latihan (src/components/Latihan.astro).
  const tasks = [...document.querySelectorAll<HTMLLIElement>('.latihan-tugas > li')];
  for (const [i, li] of tasks.entries()) {
    const n = i + 1;
    li.querySelector(':scope > .kemajuan-tugas')?.remove();
    if (!p?.terakhirDicek) {
      delete li.dataset.kemajuan;
      continue;
    }
    const ok = p.tugasLulus.includes(n);
    li.dataset.kemajuan = ok ? 'lulus' : 'gagal';
    li.append(element('p', 'kemajuan-tugas', ok ? '✓ Lulus pada pemeriksaan terakhir.' : `✗ Belum lulus: ${p.pesanGagal?.[n] ?? 'lihat keluaran di terminal.'}`));
  }
  if (tasks.length > 0) {
    const when = p?.terakhirDicek ? new Date(p.terakhirDicek).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
    const passed = tasks.filter((li) => li.dataset.kemajuan === 'lulus').length;
    summary(
      tasks[0]!.parentElement!,
      state.masalah
        ? `Kemajuan tidak bisa dibaca: ${state.masalah}`
        : p?.terakhirDicek
          ? `Pemeriksaan terakhir (pukul ${when}): ${passed} dari ${tasks.length} tugas lulus${p.lulus ? '; pelajaran ini pernah lulus seluruhnya' : ''}.`
          : 'Belum diperiksa. Simpan berkas latihanmu selagi npm start berjalan, atau jalankan npm run cek.',
    );
  }
  for (const a of document.querySelectorAll('#starlight__sidebar a[href], #semua-pelajaran a[href]')) {
    const lid = lessonOf((a as HTMLAnchorElement).href);
    if (lid) mark(a, state.pelajaran[lid]?.lulus === true);
  }
  const list = document.getElementById('semua-pelajaran');
  if (list) {
    const ids = [...list.querySelectorAll('a[href]')].map((a) => lessonOf((a as HTMLAnchorElement).href)).filter(Boolean);
    const done = ids.filter((lid) => state.pelajaran[lid!]?.lulus).length;
    summary(list, `Kemajuanmu: ${done} dari ${ids.length} pelajaran selesai.`);
  }
}

if ('EventSource' in window) {
  const source = new EventSource(`${base}__kemajuan/aliran`);
  source.onmessage = (event) => {
    try {
      render(JSON.parse(event.data) as State);
    } catch {
      // pesan yang tidak utuh: tunggu yang berikutnya
    }
  };
  // Tanpa endpoint (bukan server dev): EventSource menyerah sendiri (CLOSED), skrip ini tidak berbuat apa-apa.
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  };
}
