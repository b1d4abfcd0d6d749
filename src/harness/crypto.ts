// Melihat ke dalam kriptografi kode latihan, untuk syarat yang tidak tampak lewat HTTP:
// "ID dari CSPRNG" dan "dibandingkan dalam waktu konstan". Fungsi node:crypto diganti pada objeknya,
// lalu syncBuiltinESMExports() membuat `import { randomBytes } from 'node:crypto'` ikut melihatnya.
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { onTestFinished } from 'vitest';

type Patch = [object, string, unknown];

function patch(list: Patch[]): () => void {
  const saved = list.map(([obj, key]) => [obj, key, (obj as Record<string, unknown>)[key]] as Patch);
  for (const [obj, key, value] of list) (obj as Record<string, unknown>)[key] = value;
  syncBuiltinESMExports();
  return () => {
    for (const [obj, key, value] of saved) (obj as Record<string, unknown>)[key] = value;
    syncBuiltinESMExports();
  };
}

/** Byte yang dikembalikan setiap sumber acak kriptografis selama withPredictableRandom. */
export const PREDICTABLE_BYTE = 0x2a;

/**
 * Selama `fn` berjalan, setiap sumber acak kriptografis (randomBytes, randomFill(Sync), randomUUID,
 * randomInt, getRandomValues) mengembalikan nilai yang selalu sama. ID yang benar-benar berasal
 * dari CSPRNG jadi sama persis dari request ke request; ID dari waktu, penghitung, atau Math.random
 * tetap berubah. Jam, penghitung, dan hash waktu ketahuan dengan cara ini, statistik tidak bisa.
 */
export async function withPredictableRandom<T>(fn: () => T | Promise<T>): Promise<T> {
  const fill = <B extends NodeJS.ArrayBufferView>(buf: B): B => {
    new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).fill(PREDICTABLE_BYTE);
    return buf;
  };
  const randomBytes = (size: number, cb?: (err: Error | null, buf: Buffer) => void) => {
    const buf = Buffer.alloc(size, PREDICTABLE_BYTE);
    if (cb) queueMicrotask(() => cb(null, buf));
    return cb ? undefined : buf;
  };
  const randomFill = (buf: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    fill(buf);
    const cb = rest.find((r) => typeof r === 'function') as ((e: null, b: unknown) => void) | undefined;
    if (cb) queueMicrotask(() => cb(null, buf));
  };
  const randomInt = (a: number, b?: number, cb?: unknown) => {
    const min = b === undefined || typeof b === 'function' ? 0 : a;
    const done = typeof b === 'function' ? b : cb;
    if (typeof done === 'function') queueMicrotask(() => (done as (e: null, n: number) => void)(null, min));
    return typeof done === 'function' ? undefined : min;
  };
  const uuid = () => '2a2a2a2a-2a2a-4a2a-aa2a-2a2a2a2a2a2a';
  const getRandomValues = <B extends NodeJS.ArrayBufferView>(buf: B) => fill(buf);
  // crypto.getRandomValues (node:crypto) meneruskan ke globalThis.crypto.getRandomValues.
  const web = globalThis.crypto as unknown as object;
  const restore = patch([
    [crypto, 'randomBytes', randomBytes],
    [crypto, 'randomFillSync', fill],
    [crypto, 'randomFill', randomFill],
    [crypto, 'randomUUID', uuid],
    [crypto, 'randomInt', randomInt],
    [web, 'getRandomValues', getRandomValues],
    [web, 'randomUUID', uuid],
  ]);
  try {
    return await fn();
  } finally {
    restore();
  }
}

export interface TimingSafeCall {
  a: Buffer;
  b: Buffer;
}

/**
 * Mencatat setiap panggilan crypto.timingSafeEqual sampai tes ini selesai (lalu dipulihkan).
 * Dipakai untuk membuktikan nilai rahasia dibandingkan dalam waktu konstan.
 */
export function spyTimingSafeEqual(): TimingSafeCall[] {
  const calls: TimingSafeCall[] = [];
  const original = crypto.timingSafeEqual;
  const restore = patch([
    [
      crypto,
      'timingSafeEqual',
      (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
        const copy = (v: NodeJS.ArrayBufferView) => Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
        calls.push({ a: copy(a), b: copy(b) });
        return original(a, b);
      },
    ],
  ]);
  onTestFinished(restore);
  return calls;
}
