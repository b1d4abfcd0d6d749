// Mengirim satu request HTTP yang ditulis tangan lewat TCP, lalu mencetak response apa adanya.
// Pengganti `printf ... | nc` yang jalan di semua sistem (termasuk Windows):
//   node lessons/01-http-stateless/mentah.mjs /cart 3000
import net from 'node:net';

const [path = '/', port = '3000'] = process.argv.slice(2);
const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;

// Tampilkan \r\n supaya akhir baris terlihat.
const visible = (text) => text.replaceAll('\r\n', '\\r\\n\n');

console.log('--- dikirim ---');
console.log(visible(request));
const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
const chunks = [];
socket.on('data', (chunk) => chunks.push(chunk));
socket.on('end', () => {
  console.log('--- diterima (sampai server menutup koneksi) ---');
  console.log(visible(Buffer.concat(chunks).toString('utf8')));
});
socket.on('error', (err) => {
  console.error(`Gagal tersambung ke 127.0.0.1:${port}: ${err.message}. Sudahkah sandbox berjalan?`);
  process.exitCode = 1;
});
