import { launchChromium } from '/work/main/tests/browser/chromium.ts';
import http from 'node:http'; import { readFileSync, existsSync, statSync } from 'node:fs'; import path from 'node:path';
const out='/work/main/.tes-dist', base='/buku-cookie';
const server = http.createServer((req,res)=>{ let f=path.join(out, decodeURIComponent(new URL(req.url!,'http://x').pathname).replace(base,'')||'/'); if(existsSync(f)&&statSync(f).isDirectory()) f=path.join(f,'index.html'); if(!existsSync(f)) return void res.writeHead(404).end(); const t:any={'.html':'text/html','.css':'text/css','.js':'text/javascript'}; res.writeHead(200,{'content-type':t[path.extname(f)]??'application/octet-stream'}).end(readFileSync(f)); });
await new Promise<void>(r=>server.listen(0,'127.0.0.1',()=>r()));
const origin=`http://127.0.0.1:${(server.address() as any).port}${base}`;
const b = await launchChromium(); const ctx = await b.newContext({viewport:{width:Number(process.argv[3]??390),height:844}});
await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), process.argv[4] ?? 'dark');
const p = await ctx.newPage();
await p.goto(`${origin}/${process.argv[2]}/`);
console.log(await p.evaluate(()=>[...document.querySelectorAll("table")].filter(t=>t.scrollWidth>t.clientWidth).map(t=>[...t.querySelectorAll("td *, th *")].sort((a,b)=>b.getBoundingClientRect().width-a.getBoundingClientRect().width).slice(0,3).map(e=>e.tagName+" "+e.textContent!.slice(0,50)+" "+Math.round(e.getBoundingClientRect().width)+" "+getComputedStyle(e).whiteSpace+" "+getComputedStyle(e).overflowWrap))));
console.log(await p.evaluate(()=>[...document.querySelectorAll("table")].filter(t=>t.scrollWidth>t.clientWidth).map(t=>{const cells=[...t.querySelectorAll('td,th')].map(c=>[c.textContent!.slice(0,40), Math.round(c.getBoundingClientRect().width), getComputedStyle(c).overflowWrap]); return t.scrollWidth+'/'+t.clientWidth+' '+JSON.stringify(cells.slice(0,8));})));
if (process.argv[5]) { await p.locator(process.argv[5]).first().scrollIntoViewIfNeeded(); await p.screenshot({path:'/tmp/shot.png'}); }
await b.close(); server.close();
