/**
 * Units officers write after a figure: counts of people and things (read as whole numbers), and the words of a
 * percentage or an index, which `/cek` passes over ("/cek 165 KPM 150 KPM") as /isi passes over an indicator's
 * own unit.
 */

/** Units of counted people and things: their figures are counts (1.373 is one thousand three hundred seventy-three). */
export const COUNT_UNITS = /^(orang|jiwa|kpm|kk|keluarga|rumah tangga|rt|unit|paket|dokumen|laporan|lembaga|kelurahan|desa|kecamatan|kegiatan|kali|anak|lansia|makam|kampung|aduan|kasus|tmp)$/i;

/** A word that can only be a figure's unit: a count's, or %, persen, poin, indeks. */
export function isUnitWord(word: string): boolean {
  return COUNT_UNITS.test(word) || /^(%|persen|poin|indeks)$/i.test(word);
}
