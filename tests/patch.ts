// Implementasi salah = solusi rujukan + satu patch kecil (tests/salah/NN-slug--keterangan.patch).
// Patch berformat unified diff; baris `#` di awalnya menjelaskan kesalahannya. Setiap hunk dicari
// persis (konteks + baris lama) di solusi, jadi patch yang tidak berlaku lagi gagal dengan jelas.
export interface Mutation {
  description: string;
  apply(source: string): string;
}

export function parsePatch(patch: string): Mutation {
  const description: string[] = [];
  const hunks: { old: string[]; new: string[] }[] = [];
  for (const line of patch.split('\n')) {
    if (line.startsWith('@@')) hunks.push({ old: [], new: [] });
    else if (hunks.length === 0) {
      if (line.startsWith('#')) description.push(line.replace(/^#\s?/, ''));
    } else if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    else {
      const hunk = hunks.at(-1)!;
      const [mark, text] = [line[0], line.slice(1)];
      if (mark === ' ' || line === '') {
        hunk.old.push(text);
        hunk.new.push(text);
      } else if (mark === '-') hunk.old.push(text);
      else if (mark === '+') hunk.new.push(text);
    }
  }
  return {
    description: description.join(' ').trim(),
    apply(source: string) {
      let out = source;
      for (const [i, hunk] of hunks.entries()) {
        // Baris kosong terakhir hasil split bukan bagian dari hunk.
        while (hunk.old.at(-1) === '' && hunk.new.at(-1) === '') {
          hunk.old.pop();
          hunk.new.pop();
        }
        const before = hunk.old.join('\n');
        const at = out.indexOf(before);
        if (at === -1) throw new Error(`hunk ${i + 1} tidak ditemukan di solusi; perbarui patch-nya:\n${before}`);
        if (out.indexOf(before, at + 1) !== -1) throw new Error(`hunk ${i + 1} cocok di lebih dari satu tempat`);
        out = out.slice(0, at) + hunk.new.join('\n') + out.slice(at + before.length);
      }
      return out;
    },
  };
}
