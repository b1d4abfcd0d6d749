// Komponen untuk halaman pelajaran. Di MDX: import { Latihan, ... } from '#components';
export { default as Latihan } from './Latihan.astro';
export { default as Petunjuk } from './Petunjuk.astro';
export { default as Solusi } from './Solusi.astro';
export { default as Pertukaran } from './Pertukaran.astro';
export { default as Kuis } from './Kuis.astro';
export { default as DaftarPelajaran } from './DaftarPelajaran.astro';
export { default as LabCookie } from './LabCookie.astro';
export { default as Tambalan } from './Tambalan.astro';
