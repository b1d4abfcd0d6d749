<?php
// App PHP kecil untuk `npm run sandbox -- 05 --php`: penghitung kunjungan di $_SESSION, padanan
// Tugas 1 pelajaran 05 (GET /visits → {"visits": n}). Dijalankan dengan nilai bawaan PHP (php -n),
// supaya kamu melihat apa yang dikirim PHP bila php.ini tidak diubah.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
header('Content-Type: application/json');

if ($path !== '/visits') {
    http_response_code(404);
    echo json_encode(['error' => 'Coba GET /visits']);
    return;
}

session_start();                       // baca cookie PHPSESSID, muat datanya dari berkas sess_<id>
$_SESSION['visits'] = ($_SESSION['visits'] ?? 0) + 1;
echo json_encode(['visits' => $_SESSION['visits']]);
// di akhir skrip PHP menulis $_SESSION kembali ke berkas sess_<id>
