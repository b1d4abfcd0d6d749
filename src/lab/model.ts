// Model browser untuk "Lab cookie": menerima Set-Cookie, menyimpan jar, memilih cookie per request.
// Dibangun di atas tough-cookie (parse Set-Cookie, kanonikalisasi domain, daftar public suffix,
// domain-match, path-match, default-path, urutan Cookie). tough-cookie belum punya aturan
// RFC 6265bis berikut, jadi ditulis di sini: SameSite=None wajib Secure, awalan __Secure-/__Host-
// tanpa peduli huruf besar-kecil, batas 4096 byte, batas umur 400 hari, cookie Secure tidak boleh
// ditimpa dari http, SameSite bawaan (Lax) saat mengirim, jam yang bisa dimajukan, dan penggantian
// cookie yang membedakan host-only dari cookie ber-Domain. Tanpa modul Node: jalan di browser juga.
// Diuji melawan Chromium sungguhan: tests/browser/lab-cookie.test.ts.
import { Cookie, canonicalDomain, cookieCompare, defaultPath, domainMatch, getPublicSuffix, pathMatch } from 'tough-cookie';

export type SameSite = 'strict' | 'lax' | 'none' | 'default';

export interface JarCookie {
  name: string;
  value: string;
  /** Host (host-only) atau domain dari atribut Domain, huruf kecil, tanpa titik di depan. */
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Waktu kedaluwarsa (ms sejak epoch) atau null untuk session cookie. */
  expires: number | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  creation: number;
}

export type Outcome = 'stored' | 'replaced' | 'deleted' | 'rejected';
export type RejectCode =
  | 'parse'
  | 'too-large'
  | 'public-suffix'
  | 'domain-mismatch'
  | 'secure-insecure'
  | 'samesite-none-insecure'
  | 'secure-prefix'
  | 'host-prefix'
  | 'overwrite-secure'
  | 'expired';

export interface SetResult {
  header: string;
  name: string;
  outcome: Outcome;
  code?: RejectCode;
  /** Penjelasan untuk pelajar (bahasa Indonesia). */
  message: string;
  cookie?: JarCookie;
}

export type RequestKind = 'navigate' | 'fetch';
export interface RequestSpec {
  url: string;
  method?: 'GET' | 'POST';
  /** navigate: halaman utama (ketik alamat, klik tautan, kirim form); fetch: request dari skrip. */
  kind?: RequestKind;
  /** URL halaman yang memulai request; kosong berarti diketik di address bar (atau reload). */
  from?: string;
}

export interface Skipped {
  cookie: JarCookie;
  reason: string;
}

export interface RequestResult {
  url: string;
  crossSite: boolean;
  cookies: JarCookie[];
  /** Isi header Cookie ('' kalau tidak ada cookie). */
  header: string;
  skipped: Skipped[];
  /**
   * Cookie yang lab tidak kirim (mengikuti RFC 6265bis) tetapi Chromium kirim: mode
   * "Lax-allowing-unsafe", cookie tanpa SameSite berumur ≤ 2 menit ikut POST lintas situs level atas.
   */
  chromiumAlsoSends: JarCookie[];
  notes: string[];
}

export const MAX_NAME_VALUE_BYTES = 4096;
export const MAX_AGE_CAP_MS = 400 * 24 * 60 * 60 * 1000;
export const LAX_ALLOWING_UNSAFE_MS = 2 * 60 * 1000;

interface Entry extends JarCookie {
  seq: number;
}

export interface LabOptions {
  /**
   * Pengaturan browser "blokir cookie pihak ketiga": request dari skrip di situs lain tidak membawa
   * cookie sama sekali, SameSite apa pun. Bawaan Safari, Firefox (dipartisi), Chrome Incognito, dan
   * Chromium Debian di mesin uji; Chrome biasa mengizinkannya.
   */
  blockThirdParty?: boolean;
}

export class CookieLab {
  now: number;
  blockThirdParty: boolean;
  private entries: Entry[] = [];
  private seq = 0;

  constructor(now: number = Date.now(), options: LabOptions = {}) {
    this.now = now;
    this.blockThirdParty = options.blockThirdParty ?? false;
  }

  /** Memajukan jam lab; cookie yang lewat waktunya dibuang. Mengembalikan cookie yang baru kedaluwarsa. */
  advance(ms: number): JarCookie[] {
    this.now += ms;
    return this.evict();
  }

  /** Isi jar saat ini (tanpa cookie kedaluwarsa), urut menurut domain, path, lalu waktu dibuat. */
  jar(): JarCookie[] {
    this.evict();
    return this.entries
      .slice()
      .sort((a, b) => a.domain.localeCompare(b.domain) || compare(a, b))
      .map(publicCookie);
  }

  clear(): void {
    this.entries = [];
  }

  /** Browser menerima response dari `url` berisi header Set-Cookie ini (navigasi level atas). */
  receive(url: string, headers: string[]): SetResult[] {
    return headers.map((header) => this.receiveOne(new URL(url), header));
  }

  private receiveOne(url: URL, header: string): SetResult {
    const reject = (code: RejectCode, message: string, name = ''): SetResult => ({
      header,
      name,
      outcome: 'rejected',
      code,
      message,
    });
    const parsed = Cookie.parse(header, { loose: true });
    if (!parsed) return reject('parse', 'Header ini tidak bisa dibaca sebagai cookie (kosong, atau berisi karakter kontrol).');
    const name = parsed.key;
    const value = parsed.value;
    const shown = name || '(tanpa nama)';
    const size = utf8Length(name) + utf8Length(value);
    if (size > MAX_NAME_VALUE_BYTES) {
      return reject('too-large', `Nama + nilai ${size} byte, lebih dari ${MAX_NAME_VALUE_BYTES} byte: browser membuangnya.`, name);
    }

    const host = canonicalDomain(url.hostname) ?? url.hostname;
    const secureUrl = isTrustworthy(url);
    const now = this.now;

    // Domain (RFC 6265bis 5.7 langkah 9–11).
    let domain = host;
    let hostOnly = true;
    const domainAttr = parsed.domain ? (canonicalDomain(parsed.domain) ?? '') : '';
    if (domainAttr) {
      // Seperti Chromium: di host tanpa domain terdaftar (alamat IP, localhost) Domain yang sama persis
      // dengan host menjadi cookie host-only; RFC 6265bis melakukan hal yang sama untuk public suffix.
      if (domainAttr === host && (isPublicSuffix(host) || isIp(host))) {
        // host-only
      } else if (isPublicSuffix(domainAttr)) {
        return reject('public-suffix', `Domain=${domainAttr} adalah public suffix (seperti com atau co.id): tidak ada situs yang boleh memasang cookie untuk semuanya.`, name);
      } else if (!domainMatch(host, domainAttr, false)) {
        return reject('domain-mismatch', `Domain=${domainAttr} tidak mencakup host ${host}: server hanya boleh memasang cookie untuk domainnya sendiri atau domain induknya.`, name);
      } else {
        domain = domainAttr;
        hostOnly = false;
      }
    }

    const pathAttr = typeof parsed.path === 'string' && parsed.path.startsWith('/') ? parsed.path : null;
    const path = pathAttr ?? defaultPath(url.pathname);
    const secure = parsed.secure;
    if (secure && !secureUrl) {
      return reject('secure-insecure', `Cookie Secure dikirim lewat ${url.protocol}//${host}, yang bukan koneksi aman: browser menolaknya.`, name);
    }
    const sameSite: SameSite = parsed.sameSite === 'strict' || parsed.sameSite === 'lax' || parsed.sameSite === 'none' ? parsed.sameSite : 'default';
    if (sameSite === 'none' && !secure) {
      return reject('samesite-none-insecure', 'SameSite=None tanpa Secure: browser menolaknya. Cookie lintas situs wajib Secure.', name);
    }
    // Awalan dicocokkan tanpa peduli huruf besar-kecil (RFC 6265bis 5.7 langkah 19–20).
    const lower = name.toLowerCase();
    if (lower.startsWith('__secure-') && !secure) {
      return reject('secure-prefix', `Nama berawalan __Secure- wajib memakai Secure (dan dipasang dari koneksi aman).`, name);
    }
    if (lower.startsWith('__host-')) {
      const missing = [
        !secure && 'Secure',
        domainAttr && 'tanpa Domain',
        pathAttr !== '/' && 'Path=/',
      ].filter(Boolean);
      if (missing.length) {
        return reject('host-prefix', `Nama berawalan __Host- wajib Secure, tanpa Domain, dan Path=/. Kurang: ${missing.join(', ')}.`, name);
      }
    }

    // Dari koneksi tidak aman, cookie tidak boleh menimpa cookie Secure bernama sama (langkah 16).
    if (!secure && !secureUrl) {
      const guarded = this.entries.find(
        (e) =>
          e.secure &&
          e.name === name &&
          (domainMatch(e.domain, domain, false) || domainMatch(domain, e.domain, false)) &&
          pathMatch(path, e.path),
      );
      if (guarded) {
        return reject('overwrite-secure', `Sudah ada cookie Secure "${guarded.name}" (Path=${guarded.path}); halaman http tidak boleh menimpanya.`, name);
      }
    }

    // Umur: Max-Age menang atas Expires; dibatasi 400 hari (langkah 7, RFC 6265bis 5.6.1–5.6.2).
    let expires: number | null = null;
    if (typeof parsed.maxAge === 'number') {
      expires = parsed.maxAge <= 0 ? -Infinity : now + Math.min(parsed.maxAge * 1000, MAX_AGE_CAP_MS);
    } else if (parsed.expires instanceof Date) {
      expires = Math.min(parsed.expires.getTime(), now + MAX_AGE_CAP_MS);
    }

    const old = this.entries.find((e) => e.name === name && e.domain === domain && e.hostOnly === hostOnly && e.path === path);
    if (expires !== null && expires <= now) {
      if (old) {
        this.entries = this.entries.filter((e) => e !== old);
        return { header, name, outcome: 'deleted', message: `Menghapus cookie "${shown}" yang ada: nama, domain, dan path-nya sama, dan umurnya sudah habis.` };
      }
      return reject('expired', `Sudah kedaluwarsa saat diterima (Max-Age ≤ 0 atau Expires di masa lalu), dan tidak ada cookie "${shown}" dengan domain dan path yang sama untuk dihapus.`, name);
    }

    const entry: Entry = {
      name,
      value,
      domain,
      hostOnly,
      path,
      expires,
      secure,
      httpOnly: parsed.httpOnly,
      sameSite,
      // RFC 6265bis mewariskan waktu dibuat cookie lama; Chromium memberi waktu baru (urutan di header
      // Cookie ikut berubah). Lab mengikuti Chromium, karena itulah yang terlihat di DevTools.
      creation: now,
      seq: this.seq++,
    };
    if (old) this.entries[this.entries.indexOf(old)] = entry;
    else this.entries.push(entry);
    const cookie = publicCookie(entry);
    return old
      ? { header, name, outcome: 'replaced', message: `Menggantikan cookie "${shown}" lama (nama, domain, dan path sama).`, cookie }
      : { header, name, outcome: 'stored', message: 'Disimpan.', cookie };
  }

  /** Cookie yang dibawa sebuah request (RFC 6265bis 5.8.3), dengan alasan untuk yang tidak ikut. */
  request(spec: RequestSpec): RequestResult {
    this.evict();
    const url = new URL(spec.url);
    const method = spec.method ?? 'GET';
    const kind = spec.kind ?? 'navigate';
    const crossSite = spec.from !== undefined && site(new URL(spec.from)) !== site(url);
    const laxAllowed = !crossSite || (kind === 'navigate' && method === 'GET');
    const thirdParty = crossSite && kind === 'fetch';
    const blocked = thirdParty && this.blockThirdParty ? 'cookie pihak ketiga diblokir pengaturan browser' : null;
    const cookies: Entry[] = [];
    const skipped: Skipped[] = [];
    const chromiumAlsoSends: JarCookie[] = [];
    for (const e of this.entries) {
      const reason = this.scopeReason(e, url) ?? sameSiteReason(e, crossSite, laxAllowed) ?? blocked;
      if (!reason) cookies.push(e);
      else skipped.push({ cookie: publicCookie(e), reason });
      if (reason && e.sameSite === 'default' && crossSite && kind === 'navigate' && !this.scopeReason(e, url) && this.now - e.creation <= LAX_ALLOWING_UNSAFE_MS) {
        chromiumAlsoSends.push(publicCookie(e));
      }
    }
    cookies.sort(compare);
    const notes: string[] = [];
    if (chromiumAlsoSends.length) {
      const names = chromiumAlsoSends.map((c) => `"${c.name}"`).join(', ');
      notes.push(
        `Beda dengan Chromium: ${names} tanpa SameSite dan umurnya belum 2 menit, jadi Chromium masih mengirimnya pada POST lintas situs level atas (mode "Lax-allowing-unsafe", pengecualian sementara). Lab mengikuti aturan Lax RFC 6265bis.`,
      );
    }
    if (thirdParty && !this.blockThirdParty && cookies.length) {
      notes.push('Ini cookie pihak ketiga: Safari, Firefox, dan Chrome Incognito (juga Chromium dengan pengaturan "blokir cookie pihak ketiga") tidak mengirimnya sama sekali.');
    }
    return {
      url: url.href,
      crossSite,
      cookies: cookies.map(publicCookie),
      header: cookies.map(pair).join('; '),
      skipped,
      chromiumAlsoSends,
      notes,
    };
  }

  /** Apa yang dibaca `document.cookie` di halaman `url`: tanpa HttpOnly. */
  documentCookie(url: string): string {
    this.evict();
    const u = new URL(url);
    return this.entries
      .filter((e) => !e.httpOnly && !this.scopeReason(e, u))
      .sort(compare)
      .map(pair)
      .join('; ');
  }

  private scopeReason(e: Entry, url: URL): string | null {
    const host = canonicalDomain(url.hostname) ?? url.hostname;
    if (e.hostOnly ? e.domain !== host : !domainMatch(host, e.domain, false)) {
      return e.hostOnly ? `host-only untuk ${e.domain}, bukan ${host}` : `Domain=${e.domain} tidak mencakup ${host}`;
    }
    if (!pathMatch(url.pathname, e.path)) return `Path=${e.path} tidak cocok dengan ${url.pathname}`;
    if (e.secure && !isTrustworthy(url)) return 'Secure: hanya lewat koneksi aman';
    return null;
  }

  private evict(): JarCookie[] {
    const gone = this.entries.filter((e) => e.expires !== null && e.expires <= this.now);
    if (gone.length) this.entries = this.entries.filter((e) => !gone.includes(e));
    return gone.map(publicCookie);
  }
}

function sameSiteReason(e: Entry, crossSite: boolean, laxAllowed: boolean): string | null {
  if (!crossSite || e.sameSite === 'none') return null;
  if (e.sameSite === 'strict') return 'SameSite=Strict: tidak ikut request dari situs lain';
  if (laxAllowed) return null;
  return e.sameSite === 'lax'
    ? 'SameSite=Lax: dari situs lain hanya ikut navigasi GET level atas'
    : 'Tanpa SameSite dianggap Lax (seperti Chrome dan Edge; Firefox dan Safari masih mengirimnya): dari situs lain hanya ikut navigasi GET level atas';
}

/** "Site" sebuah URL (RFC 6265bis 5.2, schemeful): skema + domain terdaftar, atau host kalau tidak ada. */
export function site(url: URL): string {
  const host = canonicalDomain(url.hostname) ?? url.hostname;
  return `${url.protocol}//${registrable(host) ?? host}`;
}

function registrable(host: string): string | undefined {
  if (isIp(host)) return undefined;
  try {
    return getPublicSuffix(host, { allowSpecialUseDomain: true }) ?? undefined;
  } catch {
    return undefined;
  }
}

function isPublicSuffix(domain: string): boolean {
  return domain === 'localhost' || (!isIp(domain) && registrable(domain) === undefined);
}

/** Koneksi aman untuk cookie: https, atau loopback (127.0.0.0/8, ::1, localhost, *.localhost) seperti Chromium. */
export function isTrustworthy(url: URL): boolean {
  if (url.protocol === 'https:' || url.protocol === 'wss:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost' || host.endsWith('.localhost');
}

function isIp(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
}

function compare(a: Entry, b: Entry): number {
  return cookieCompare(
    Object.assign(new Cookie({ path: a.path }), { creation: new Date(a.creation), creationIndex: a.seq }),
    Object.assign(new Cookie({ path: b.path }), { creation: new Date(b.creation), creationIndex: b.seq }),
  );
}

function pair(c: JarCookie): string {
  return c.name ? `${c.name}=${c.value}` : c.value;
}

function publicCookie(e: Entry): JarCookie {
  const { seq: _seq, ...rest } = e;
  return rest;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
