<?php
// Router `php -S` dari sandbox-server/php.ts: mendaftarkan pencatat, lalu menjalankan app (index.php).
// Setelah setiap request, satu baris JSON ke stderr (Cookie masuk, Set-Cookie keluar, status,
// ID session) untuk log sandbox. Bukan bagian dari app.
register_shutdown_function(function () {
    if (session_status() === PHP_SESSION_ACTIVE) {
        session_write_close();         // berkas sess_<id> ditulis sekarang, sebelum dibaca sandbox
    }
    $setCookies = [];
    foreach (headers_list() as $h) {
        if (stripos($h, 'Set-Cookie:') === 0) $setCookies[] = trim(substr($h, strlen('Set-Cookie:')));
    }
    $line = json_encode([
        'method' => $_SERVER['REQUEST_METHOD'],
        'url' => $_SERVER['REQUEST_URI'],
        'cookie' => $_SERVER['HTTP_COOKIE'] ?? null,
        'status' => http_response_code(),
        'setCookie' => $setCookies,
        'sid' => session_id(),
        'ms' => (int) round((microtime(true) - $_SERVER['REQUEST_TIME_FLOAT']) * 1000),
    ]);
    file_put_contents('php://stderr', "@@pertukaran $line\n");
});

require __DIR__ . '/index.php';
