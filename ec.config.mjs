// @ts-check
// Opsi Expressive Code (dipakai Starlight dan komponen <Code>). Baris panjang dibungkus dengan indentasi
// tetap, dan di contoh pertukaran (console, http, teks) baris Set-Cookie/Cookie ditandai.
/** Expressive Code: di contoh pertukaran (console, http, teks) baris Set-Cookie/Cookie ditandai. */
const markCookieLines = {
  name: 'tandai-cookie',
  hooks: {
    /** @param {{ codeBlock: { language: string, props: Record<string, unknown> } }} ctx */
    preprocessMetadata: ({ codeBlock }) => {
      if (/^(ts|tsx|js|jsx|mjs|typescript|javascript|json)$/.test(codeBlock.language)) return;
      const mark = codeBlock.props.mark;
      codeBlock.props.mark = [...(mark === undefined ? [] : Array.isArray(mark) ? mark : [mark]), /(?:Set-)?Cookie: .*/gi];
    },
  },
};


/** @type {import('@astrojs/starlight/expressive-code').StarlightExpressiveCodeOptions} */
export default {
  defaultProps: { wrap: true, preserveIndent: true },
  plugins: [markCookieLines],
  styleOverrides: { borderRadius: '0.4rem' },
};
