/** What an officer is told when the storage fails them (prompts/bot.json, umum.penyimpanan_*), written out as the tests expect them. */
export const STORAGE_NOT_REACHED =
  "⚠️ Penyimpanan data sedang tidak dapat dihubungi, jadi pesan Anda belum diproses dan tidak ada yang tersimpan. Data yang sudah tersimpan sebelumnya tetap aman. Silakan kirim lagi pesan yang sama beberapa menit lagi.";
export const STORAGE_MAYBE_STORED =
  "⚠️ Hubungan ke penyimpanan data terputus tepat saat pesan Anda disimpan, jadi belum pasti apakah pesan itu sudah tersimpan. Periksa dulu dengan /status (atau /riwayat untuk perubahan terakhir) sebelum mengirimnya lagi, agar jawaban tidak tercatat untuk pertanyaan berikutnya.";
export const STORAGE_FULL =
  "⚠️ Ruang penyimpanan di server bot sudah penuh, jadi pesan Anda belum tersimpan. Data yang sudah tersimpan sebelumnya tetap aman. Beri tahu pengelola bot; setelah ruangnya ditambah, kirim lagi pesan yang sama.";
export const STORAGE_READ_ONLY =
  "⚠️ Penyimpanan di server bot sedang hanya dapat dibaca, jadi pesan Anda belum tersimpan. Data yang sudah tersimpan sebelumnya tetap aman. Beri tahu pengelola bot; setelah diperbaiki, kirim lagi pesan yang sama.";
