// diisi sebentar lagi
