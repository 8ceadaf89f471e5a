/**
 * The provinces, kabupaten and kota that keep Central (WITA, UTC+8) or Eastern (WIT, UTC+9) Indonesian time;
 * every other region keeps Western time (WIB, UTC+7), the default. Names as Kemendagri writes them, with the
 * short forms officers type after a "|" ("Pangkajene dan Kepulauan|Pangkep"). Kabupaten and kota are two lists:
 * Kabupaten Banjar is in Kalimantan Selatan, Kota Banjar in Jawa Barat.
 */
import type { TimeZoneName } from "../domain/schema/agency.js";

export interface ZoneProvince {
  zone: Exclude<TimeZoneName, "WIB">;
  /** The province's name, then its short forms. */
  province: string[];
  kabupaten: string[];
  kota: string[];
}

export const ZONE_PROVINCES: readonly ZoneProvince[] = [
  { zone: "WITA", province: ["Bali"], kabupaten: ["Badung", "Bangli", "Buleleng", "Gianyar", "Jembrana", "Karangasem", "Klungkung", "Tabanan"], kota: ["Denpasar"] },
  {
    zone: "WITA",
    province: ["Nusa Tenggara Barat", "NTB"],
    kabupaten: ["Bima", "Dompu", "Lombok Barat", "Lombok Tengah", "Lombok Timur", "Lombok Utara", "Sumbawa", "Sumbawa Barat"],
    kota: ["Mataram", "Bima"],
  },
  {
    zone: "WITA",
    province: ["Nusa Tenggara Timur", "NTT"],
    kabupaten: [
      "Alor", "Belu", "Ende", "Flores Timur", "Kupang", "Lembata", "Malaka", "Manggarai", "Manggarai Barat", "Manggarai Timur", "Nagekeo",
      "Ngada", "Rote Ndao", "Sabu Raijua", "Sikka", "Sumba Barat", "Sumba Barat Daya", "Sumba Tengah", "Sumba Timur",
      "Timor Tengah Selatan|TTS", "Timor Tengah Utara|TTU",
    ],
    kota: ["Kupang"],
  },
  {
    zone: "WITA",
    province: ["Kalimantan Selatan", "Kalsel"],
    kabupaten: [
      "Balangan", "Banjar", "Barito Kuala", "Hulu Sungai Selatan", "Hulu Sungai Tengah", "Hulu Sungai Utara", "Kotabaru|Kota Baru", "Tabalong",
      "Tanah Bumbu", "Tanah Laut", "Tapin",
    ],
    kota: ["Banjarbaru", "Banjarmasin"],
  },
  {
    zone: "WITA",
    province: ["Kalimantan Timur", "Kaltim"],
    kabupaten: ["Berau", "Kutai Barat", "Kutai Kartanegara", "Kutai Timur", "Mahakam Ulu", "Paser", "Penajam Paser Utara"],
    kota: ["Balikpapan", "Bontang", "Samarinda"],
  },
  { zone: "WITA", province: ["Kalimantan Utara", "Kaltara"], kabupaten: ["Bulungan", "Malinau", "Nunukan", "Tana Tidung"], kota: ["Tarakan"] },
  {
    zone: "WITA",
    province: ["Sulawesi Utara", "Sulut"],
    kabupaten: [
      "Bolaang Mongondow", "Bolaang Mongondow Selatan", "Bolaang Mongondow Timur", "Bolaang Mongondow Utara", "Kepulauan Sangihe|Sangihe",
      "Kepulauan Siau Tagulandang Biaro|Sitaro", "Kepulauan Talaud|Talaud", "Minahasa", "Minahasa Selatan", "Minahasa Tenggara", "Minahasa Utara",
    ],
    kota: ["Bitung", "Kotamobagu", "Manado", "Tomohon"],
  },
  { zone: "WITA", province: ["Gorontalo"], kabupaten: ["Boalemo", "Bone Bolango", "Gorontalo", "Gorontalo Utara", "Pohuwato"], kota: ["Gorontalo"] },
  {
    zone: "WITA",
    province: ["Sulawesi Tengah", "Sulteng"],
    kabupaten: [
      "Banggai", "Banggai Kepulauan", "Banggai Laut", "Buol", "Donggala", "Morowali", "Morowali Utara", "Parigi Moutong", "Poso", "Sigi",
      "Tojo Una-Una", "Tolitoli|Toli-Toli",
    ],
    kota: ["Palu"],
  },
  {
    zone: "WITA",
    province: ["Sulawesi Barat", "Sulbar"],
    kabupaten: ["Majene", "Mamasa", "Mamuju", "Mamuju Tengah", "Pasangkayu|Mamuju Utara", "Polewali Mandar"],
    kota: [],
  },
  {
    zone: "WITA",
    province: ["Sulawesi Selatan", "Sulsel"],
    kabupaten: [
      "Bantaeng", "Barru", "Bone", "Bulukumba", "Enrekang", "Gowa", "Jeneponto", "Kepulauan Selayar|Selayar", "Luwu", "Luwu Timur",
      "Luwu Utara", "Maros", "Pangkajene dan Kepulauan|Pangkajene Kepulauan|Pangkep", "Pinrang", "Sidenreng Rappang|Sidrap", "Sinjai",
      "Soppeng", "Takalar", "Tana Toraja", "Toraja Utara", "Wajo",
    ],
    kota: ["Makassar", "Palopo", "Parepare|Pare-Pare"],
  },
  {
    zone: "WITA",
    province: ["Sulawesi Tenggara", "Sultra"],
    kabupaten: [
      "Bombana", "Buton", "Buton Selatan", "Buton Tengah", "Buton Utara", "Kolaka", "Kolaka Timur", "Kolaka Utara", "Konawe",
      "Konawe Kepulauan", "Konawe Selatan", "Konawe Utara", "Muna", "Muna Barat", "Wakatobi",
    ],
    kota: ["Baubau|Bau-Bau", "Kendari"],
  },
  {
    zone: "WIT",
    province: ["Maluku"],
    kabupaten: [
      "Buru", "Buru Selatan", "Kepulauan Aru|Aru", "Kepulauan Tanimbar|Maluku Tenggara Barat", "Maluku Barat Daya", "Maluku Tengah",
      "Maluku Tenggara", "Seram Bagian Barat", "Seram Bagian Timur",
    ],
    kota: ["Ambon", "Tual"],
  },
  {
    zone: "WIT",
    province: ["Maluku Utara", "Malut"],
    kabupaten: [
      "Halmahera Barat", "Halmahera Selatan", "Halmahera Tengah", "Halmahera Timur", "Halmahera Utara", "Kepulauan Sula|Sula",
      "Pulau Morotai|Morotai", "Pulau Taliabu|Taliabu",
    ],
    kota: ["Ternate", "Tidore Kepulauan|Tidore"],
  },
  {
    zone: "WIT",
    province: ["Papua"],
    kabupaten: ["Biak Numfor", "Jayapura", "Keerom", "Kepulauan Yapen|Yapen", "Mamberamo Raya", "Sarmi", "Supiori", "Waropen"],
    kota: ["Jayapura"],
  },
  {
    zone: "WIT",
    province: ["Papua Barat"],
    kabupaten: ["Fakfak|Fak-Fak", "Kaimana", "Manokwari", "Manokwari Selatan", "Pegunungan Arfak", "Teluk Bintuni", "Teluk Wondama"],
    kota: [],
  },
  { zone: "WIT", province: ["Papua Barat Daya"], kabupaten: ["Maybrat", "Raja Ampat", "Sorong", "Sorong Selatan", "Tambrauw"], kota: ["Sorong"] },
  { zone: "WIT", province: ["Papua Selatan"], kabupaten: ["Asmat", "Boven Digoel", "Mappi", "Merauke"], kota: [] },
  { zone: "WIT", province: ["Papua Tengah"], kabupaten: ["Deiyai", "Dogiyai", "Intan Jaya", "Mimika", "Nabire", "Paniai", "Puncak", "Puncak Jaya"], kota: [] },
  {
    zone: "WIT",
    province: ["Papua Pegunungan"],
    kabupaten: ["Jayawijaya", "Lanny Jaya", "Mamberamo Tengah", "Nduga", "Pegunungan Bintang", "Tolikara", "Yahukimo", "Yalimo"],
    kota: [],
  },
];
