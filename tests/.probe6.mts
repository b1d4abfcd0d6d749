import { launchChromium } from '/work/main/tests/browser/chromium.ts';
import { readGlossary } from '/work/main/src/components/glosarium.mjs';
import http from 'node:http'; import { readFileSync, existsSync, statSync } from 'node:fs'; import path from 'node:path';
const out='/work/main/.tes-dist', base='/buku-cookie';
const server = http.createServer((req,res)=>{ let f=path.join(out, decodeURIComponent(new URL(req.url!,'http://x').pathname).replace(base,'')||'/'); if(existsSync(f)&&statSync(f).isDirectory()) f=path.join(f,'index.html'); if(!existsSync(f)) return void res.writeHead(404).end(); const t:any={'.html':'text/html','.css':'text/css','.js':'text/javascript','.json':'application/json'}; res.writeHead(200,{'content-type':t[path.extname(f)]??'application/octet-stream'}).end(readFileSync(f)); });
await new Promise<void>(r=>server.listen(0,'127.0.0.1',()=>r()));
const origin=`http://127.0.0.1:${(server.address() as any).port}${base}`;
const b = await launchChromium(); const ctx = await b.newContext({viewport:{width:1280,height:844}});
const terms = readGlossary().map(e=>e.forms[0]);
for (const o of JSON.parse(process.argv[2])) {
  const p = await ctx.newPage();
  await p.goto(`${origin}/`);
  const r = await p.evaluate(async ([terms, o]) => { const pf = await import(location.pathname.replace(/\/$/,'') + '/pagefind/pagefind.js'); await pf.options(o); const miss=[]; for (const q of terms) { const s = await pf.search(q); const d = s.results[0] ? await s.results[0].data() : null; if (!d || !d.url.includes('glosarium')) miss.push(q);} return miss; }, [terms, o] as const);
  console.log(JSON.stringify(o), `${terms.length - r.length}/${terms.length}`, r.join(' | '));
  await p.close();
}
await b.close(); server.close();
