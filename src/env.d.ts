/// <reference types="astro/client" />
// Untuk `tsc` biasa (tanpa plugin bahasa Astro): komponen .astro cukup dikenal sebagai modul.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
