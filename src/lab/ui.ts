// Antarmuka "Lab cookie": dimuat setelah halaman interaktif dan panelnya terlihat (lihat
// src/components/LabCookie.astro). Semua teks dari pelajar ditulis lewat textContent.
import { CookieLab, type JarCookie, type SetResult } from './model.ts';
import { SCENARIOS, followUps } from './scenarios.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function duration(ms: number): string {
  if (ms < MINUTE) return `${Math.max(0, Math.round(ms / SECOND))} detik`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} menit`;
  if (ms < DAY) return `${Math.round(ms / HOUR)} jam`;
  return `${Math.round(ms / DAY)} hari`;
}

function clockText(ms: number): string {
  return `${dateFormat.format(ms)} UTC`;
}

function short(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, Math.min(24, max))}… (${value.length} karakter)` : value;
}

export function mount(root: HTMLElement): void {
  if (root.dataset.siap) return;
  root.dataset.siap = '1';
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const form = q<HTMLFormElement>('form');
  const fieldset = q<HTMLFieldSetElement>('fieldset');
  const select = q<HTMLSelectElement>('[data-contoh]');
  const urlInput = q<HTMLInputElement>('[data-url]');
  const headersInput = q<HTMLTextAreaElement>('[data-headers]');
  const results = q<HTMLOListElement>('[data-hasil]');
  const jarList = q<HTMLUListElement>('[data-jar]');
  const clock = q<HTMLElement>('[data-jam]');
  const requests = q<HTMLOListElement>('[data-request]');
  const docCookie = q<HTMLElement>('[data-document-cookie]');
  const block = q<HTMLInputElement>('[data-blokir]');
  const live = q<HTMLElement>('[data-live]');
  const startedAt = Math.floor(Date.now() / SECOND) * SECOND;
  let lab = new CookieLab(startedAt);

  for (const s of SCENARIOS) select.append(el('option', { value: s.id, textContent: s.label }));

  const announce = (text: string) => {
    // Kosongkan dulu supaya pembaca layar mengumumkan teks yang sama dua kali berturut-turut.
    live.textContent = '';
    window.setTimeout(() => (live.textContent = text), 50);
  };

  const loadScenario = (id: string) => {
    const s = SCENARIOS.find((x) => x.id === id) ?? SCENARIOS[0]!;
    select.value = s.id;
    lab = new CookieLab(startedAt, { blockThirdParty: block.checked });
    for (const step of s.setup ?? []) lab.receive(step.url, step.headers);
    urlInput.value = s.url;
    headersInput.value = s.headers.join('\n');
    results.replaceChildren();
    render();
  };

  const describeCookie = (c: JarCookie): HTMLElement => {
    const flags = [c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite === 'default' ? 'tanpa SameSite (dianggap Lax)' : `SameSite=${c.sameSite[0]!.toUpperCase()}${c.sameSite.slice(1)}`].filter(Boolean) as string[];
    const expiry =
      c.expires === null
        ? el('span', { textContent: 'session (sampai browser ditutup)' })
        : el('time', { dateTime: new Date(c.expires).toISOString(), textContent: `${duration(c.expires - lab.now)} lagi (${clockText(c.expires)})` });
    const dl = el(
      'dl',
      {},
      el('dt', { textContent: 'Domain' }),
      el('dd', { textContent: c.hostOnly ? `${c.domain} (host-only)` : `${c.domain} dan subdomainnya` }),
      el('dt', { textContent: 'Path' }),
      el('dd', { textContent: c.path }),
      el('dt', { textContent: 'Kedaluwarsa' }),
      el('dd', {}, expiry),
      el('dt', { textContent: 'Flag' }),
      el('dd', { textContent: flags.join(', ') }),
    );
    return el('li', { className: 'lc-cookie' }, el('code', { className: 'lc-pair', textContent: `${c.name || '(tanpa nama)'}=${short(c.value)}` }), dl);
  };

  const render = () => {
    lab.blockThirdParty = block.checked;
    clock.textContent = clockText(lab.now);
    const jar = lab.jar();
    jarList.replaceChildren(...(jar.length ? jar.map(describeCookie) : [el('li', { className: 'lc-kosong', textContent: 'Jar masih kosong.' })]));

    let pageUrl: string | null = null;
    try {
      pageUrl = new URL(urlInput.value).href;
    } catch {
      pageUrl = null;
    }
    if (!pageUrl || !/^https?:$/.test(new URL(pageUrl).protocol)) {
      requests.replaceChildren(el('li', { textContent: 'Tulis URL http:// atau https:// yang lengkap untuk melihat request berikutnya.' }));
      docCookie.textContent = '';
      return;
    }
    requests.replaceChildren(
      ...followUps(pageUrl).map(({ label, spec }) => {
        const r = lab.request(spec);
        const method = spec.method ?? 'GET';
        const head = el('p', { className: 'lc-req-judul' }, el('strong', { textContent: label }));
        const line = el('p', { className: 'lc-req-url' }, el('code', { textContent: `${method} ${spec.url}` }));
        if (spec.from) line.append(' ', el('span', { textContent: `dari ${spec.from}${spec.kind === 'fetch' ? " (credentials: 'include')" : ''}` }));
        const carried = el('p', { className: r.cookies.length ? 'lc-cookie-ikut' : 'lc-cookie-tidak' }, el('code', { textContent: r.header ? `Cookie: ${r.header}` : '(tanpa header Cookie)' }));
        const item = el('li', {}, head, line, carried);
        if (r.skipped.length) {
          item.append(
            el(
              'details',
              {},
              el('summary', { textContent: `Tidak ikut: ${r.skipped.length} cookie` }),
              el('ul', {}, ...r.skipped.map((s) => el('li', {}, el('code', { textContent: s.cookie.name || '(tanpa nama)' }), `: ${s.reason}`))),
            ),
          );
        }
        for (const note of r.notes) item.append(el('p', { className: 'lc-catatan', textContent: note }));
        return item;
      }),
    );
    const doc = lab.documentCookie(pageUrl);
    docCookie.textContent = doc ? JSON.stringify(doc) : '"" (kosong)';
  };

  const showResults = (list: SetResult[]) => {
    results.replaceChildren(
      ...list.map((r) => {
        const ok = r.outcome !== 'rejected';
        const status = { stored: 'Disimpan', replaced: 'Mengganti', deleted: 'Menghapus', rejected: 'Ditolak' }[r.outcome];
        return el(
          'li',
          { className: ok ? 'lc-ok' : 'lc-tolak' },
          el('span', { className: 'lc-status', textContent: `${ok ? '✓' : '✗'} ${status}` }),
          ' ',
          el('code', { textContent: short(r.header, 160) }),
          r.outcome === 'stored' ? '' : el('span', { className: 'lc-alasan', textContent: r.message }),
        );
      }),
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let url: URL;
    try {
      url = new URL(urlInput.value);
      if (!/^https?:$/.test(url.protocol)) throw new Error('skema');
    } catch {
      urlInput.setAttribute('aria-invalid', 'true');
      announce('URL tidak sah: tulis alamat lengkap yang diawali http:// atau https://.');
      urlInput.focus();
      return;
    }
    urlInput.removeAttribute('aria-invalid');
    const headers = headersInput.value
      .split('\n')
      .map((line) => line.replace(/^\s*set-cookie:\s*/i, '').trim())
      .filter(Boolean);
    const list = lab.receive(url.href, headers);
    showResults(list);
    render();
    const count = (o: string) => list.filter((r) => r.outcome === o).length;
    const parts = [['disimpan', count('stored')], ['mengganti', count('replaced')], ['menghapus', count('deleted')], ['ditolak', count('rejected')]]
      .filter(([, n]) => n)
      .map(([word, n]) => `${n} ${word}`);
    announce(`Response diterima: ${parts.join(', ') || 'tidak ada header'}. Jar berisi ${lab.jar().length} cookie.`);
  });

  root.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-maju], button[data-reset]');
    if (!button) return;
    if (button.dataset.reset !== undefined) {
      loadScenario(select.value);
      announce('Lab diulang: jar dan jam kembali ke awal.');
      return;
    }
    const gone = lab.advance(Number(button.dataset.maju));
    render();
    announce(`Jam maju ${button.textContent?.trim()}. ${gone.length ? `Kedaluwarsa: ${gone.map((c) => c.name || '(tanpa nama)').join(', ')}.` : 'Tidak ada cookie yang kedaluwarsa.'}`);
  });

  select.addEventListener('change', () => {
    loadScenario(select.value);
    announce(`Contoh dimuat: ${select.selectedOptions[0]?.textContent ?? ''}. Tekan Kirim response untuk mencobanya.`);
  });
  urlInput.addEventListener('change', render);
  block.addEventListener('change', () => {
    render();
    announce(block.checked ? 'Cookie pihak ketiga diblokir.' : 'Cookie pihak ketiga diizinkan.');
  });

  loadScenario(root.dataset.awal ?? 'atribut');
  fieldset.disabled = false;
  root.querySelector('[data-memuat]')?.remove();
}
