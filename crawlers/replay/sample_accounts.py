"""Invented accounts of the replay sample set: who posts what, on which platform, how often.

Some bios look like civil servants' (and a few carry a NIP that is in
pantau/data/demo/civil_servants.csv, so the registry link can be demoed); most do not.
`persona` picks the topic mix in generate.py; `pair` is the candidate an account backs
(an index into sample_text.PAIRS); `posts` is how many original posts it makes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Spec:
    platform: str
    key: str  # handle (mastodon, bluesky, x), channel (telegram), feed name (rss), channel id
    name: str
    bio: str
    persona: str  # asn_campaigner, asn_neutral, citizen, volunteer, news, service, watchdog
    posts: int
    city: str = "Surabaya"
    pair: int | None = None
    followers: int = 100
    fields: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


SPECS = (
    # --- Mastodon (the replay server is the instance) ---
    Spec("mastodon", "wahyu_sp", "Wahyu S. Pamungkas",
         "Guru SMP negeri di Surabaya. ASN Dinas Pendidikan Kota Surabaya. Pecinta rawon 🍲",
         "asn_campaigner", 12, pair=1, followers=412,
         fields=(("NIP", "198503122010011003"), ("Blog", "https://wahyu-guru.example"))),
    Spec("mastodon", "endah_rungkut", "Endah P.",
         "Melayani warga Rungkut dengan hati. PNS Kota Surabaya. Opini pribadi.",
         "asn_neutral", 9, followers=230, fields=(("Kantor", "Kecamatan Rungkut"),)),
    Spec("mastodon", "arek_suroboyo", "Cak Mamat", "Arek Suroboyo asli. Bal-balan, kopi, sepeda.",
         "citizen", 13, followers=88),
    Spec("mastodon", "kabar_sby", "Kabar Suroboyo", "Berita Surabaya dan sekitarnya, tiap hari.",
         "news", 16, followers=15200),
    Spec("mastodon", "pengawas_sby", "Posko Pengawas Pemilu Surabaya (demo)",
         "Akun demo. Laporkan pelanggaran pemilu dan netralitas ASN.", "watchdog", 7,
         followers=3100),
    Spec("mastodon", "relawan_hendi", "Relawan HENDI 2 Surabaya",
         "Relawan Cak Hendrik - Bu Dian. #Hendi2 #LanjutkanKerjaNyata", "volunteer", 14, pair=1,
         followers=2400),
    Spec("mastodon", "siska_bdg", "Siska Maharani", "Mahasiswi. Kopi, kucing, dan K-drama.",
         "citizen", 10, city="Bandung", followers=150),
    Spec("mastodon", "rizal_f", "Rizal Firmansyah",
         "Dosen swasta, bukan PNS 😄. Sepeda tiap Minggu.", "citizen", 8, followers=540),
    Spec("mastodon", "nur_aini_guru", "Bu Nur Aini",
         "Guru PPPK SD di Kota Bandung. NIP 199306012022212015", "asn_campaigner", 8,
         city="Bandung", pair=6, followers=97),
    # --- Bluesky ---
    Spec("bluesky", "laksmiw.bsky.social", "Laksmi W.",
         "Kasi Promkes Dinkes Prov Jatim. NIP 198807232011012009. Sehat itu pilihan.",
         "asn_campaigner", 11, city="Jawa Timur", pair=4, followers=320),
    Spec("bluesky", "ujangsaep.bsky.social", "Ujang Saepudin", "Lurah. Ngawula ka masarakat 🙏",
         "asn_campaigner", 9, city="Bandung", pair=5, followers=210),
    Spec("bluesky", "jatimhebat.bsky.social", "Jatim Hebat (relawan RUMAYA)",
         "Relawan Mas Rudianto - Mbak Maya. #Rumaya2 #JatimHebat", "volunteer", 12,
         city="Jawa Timur", pair=4, followers=5100),
    Spec("bluesky", "warta-priangan.bsky.social", "Warta Priangan",
         "Berita Bandung Raya. Akun demo.", "news", 12, city="Bandung", followers=8800),
    Spec("bluesky", "dewi-kuliner.bsky.social", "Dewi Anggraeni",
         "Jalan-jalan & makan-makan di Surabaya 🍜", "citizen", 12, followers=1300),
    Spec("bluesky", "bagus-pns.bsky.social", "Bagus Prakoso",
         "ASN Dinas Pendidikan Kab. Sidoarjo | NIP 19861104 201001 1 005", "asn_neutral", 9,
         city="Jawa Timur", followers=140),
    Spec("bluesky", "teh-euis.bsky.social", "Euis Komalasari", "Ibu rumah tangga, Bandung.",
         "citizen", 9, city="Bandung", followers=60),
    Spec("bluesky", "kawal-pilkada.bsky.social", "Kawal Pilkada (demo)",
         "Pemantau independen. Akun demo.", "watchdog", 7, city="Jawa Timur", followers=4200),
    # --- Telegram channels ---
    Spec("telegram", "infopemkot_sby", "Info Pemkot Surabaya (demo)",
         "Kanal informasi layanan publik. Akun demo.", "service", 26, followers=128400),
    Spec("telegram", "relawan_baret1", "Relawan BARET 1 Surabaya",
         "Kanal relawan Cak Bagas - Mbak Retno. #BaretMenang", "volunteer", 18, pair=0,
         followers=9300),
    Spec("telegram", "kabar_jatim_terkini", "Kabar Jatim Terkini", "Berita Jawa Timur 24 jam.",
         "news", 32, city="Jawa Timur", followers=254000),
    Spec("telegram", "diskusi_asn_jatim", "Forum Diskusi ASN Jatim",
         "Kanal diskusi pegawai ASN Pemprov Jatim. Bukan kanal resmi.", "asn_campaigner", 12,
         city="Jawa Timur", pair=0, followers=1800),
    Spec("telegram", "info_bandung_juara", "Info Bandung Juara",
         "Info layanan & berita Kota Bandung.", "service", 14, city="Bandung", followers=67000),
    Spec("telegram", "kanal_tertutup", "Kanal Tertutup", "Pratinjau kanal ini dinonaktifkan.",
         "citizen", 0, extra={"preview": False}),
    # robots.txt of the replay server disallows this one: a polite crawler never fetches it.
    Spec("telegram", "larangan_robot", "Kanal Larangan Robot",
         "Kanal contoh: robots.txt melarang /s/larangan_robot.", "service", 4),
    # --- X ---
    Spec("x", "bambang_th", "Bambang T. Handoko",
         "Kabid Mutasi BKD Jatim | PNS | cuitan pribadi", "asn_campaigner", 11,
         city="Jawa Timur", pair=3, followers=870),
    Spec("x", "fajar_dishub", "Fajar NA", "PNS Dishub Surabaya 🚦 NIP 19900217 201503 1 002",
         "asn_neutral", 9, followers=330),
    Spec("x", "yuyun_sw", "Yuyun Sri W", "ASN Disdukcapil Kota Bandung. Melayani sepenuh hati.",
         "asn_campaigner", 9, city="Bandung", pair=6, followers=190),
    Spec("x", "taufik_hid", "Taufik Hidayatullah", "Penyuluh agama. Kemenag Kota Surabaya.",
         "asn_campaigner", 7, pair=2, followers=450),
    Spec("x", "jatimpos_demo", "JatimPos (demo)", "Portal berita Jawa Timur.", "news", 14,
         city="Jawa Timur", followers=41000),
    Spec("x", "relawanbaret", "Relawan BARET", "Menangkan nomor 1! #BaretMenang", "volunteer", 12,
         pair=0, followers=3900),
    Spec("x", "mbak_rara", "Rara 🌺", "Content creator, Sby. Endorse DM.", "citizen", 11,
         followers=23000),
    Spec("x", "wargabdg", "Warga Bandung", "Ngobrolin Bandung. Bukan akun resmi.", "citizen", 11,
         city="Bandung", followers=7600),
    # --- YouTube: channels own videos; commenters are separate accounts ---
    Spec("youtube", "UCkabarsuroboyotv0000001", "Kabar Suroboyo TV", "Berita Surabaya.", "news",
         0, followers=182000, extra={"videos": [
             ["dbtSby2027a", "Debat Publik Pilwalkot Surabaya 2027 - Sesi 1"],
             ["bnjrSby1111", "Banjir di Surabaya Timur, Warga Mengungsi"]]}),
    Spec("youtube", "UCpriangantv000000000002", "Priangan Channel", "Bandung dan sekitarnya.",
         "news", 0, city="Bandung", followers=96000, extra={"videos": [
             ["dbtBdg2027a", "Debat Pilwalkot Bandung 2027 Lengkap"],
             ["kulinerBdg1", "Kuliner Malam Bandung yang Wajib Dicoba"]]}),
    Spec("youtube", "UCsumiati0000000000000a1", "Sumiati Rahayu", "", "asn_campaigner", 5,
         city="Jawa Timur", pair=4),
    Spec("youtube", "UCwahyusp000000000000a02", "Wahyu S. Pamungkas", "", "asn_campaigner", 4,
         pair=1),
    Spec("youtube", "UCcakmamat00000000000a03", "Cak Mamat", "", "citizen", 6),
    Spec("youtube", "UCdewiang000000000000a04", "Dewi Anggraeni", "", "citizen", 6),
    Spec("youtube", "UCrelawanhendi000000a005", "Relawan HENDI", "", "volunteer", 6, pair=1),
    Spec("youtube", "UCasepfans00000000000a06", "Asep Fans Bandung", "", "volunteer", 6,
         city="Bandung", pair=5),
    Spec("youtube", "UCnenengs0000000000000a7", "Neneng S", "", "citizen", 6, city="Bandung"),
    Spec("youtube", "UCpakguru000000000000a08", "Pak Guru Honorer", "", "citizen", 5),
    Spec("youtube", "UCyuyun00000000000000a09", "Yuyun SW", "", "asn_campaigner", 4,
         city="Bandung", pair=6),
    Spec("youtube", "UCbotspam000000000000a10", "Promo Slot Gacor 777", "", "citizen", 2),
    # --- RSS and Atom feeds: the account is the site ---
    Spec("rss", "kabar-suroboyo", "Kabar Suroboyo", "Berita Surabaya terkini", "news", 25,
         extra={"site": "https://kabarsuroboyo.example/", "format": "rss", "encoding": "utf-8",
                "quirks": ["leading-whitespace"]}),
    Spec("rss", "warta-priangan", "Warta Priangan", "Berita Bandung Raya", "news", 18,
         city="Bandung", extra={"site": "https://wartapriangan.example/", "format": "rss",
                                "encoding": "iso-8859-1", "quirks": ["two-digit-year", "epoch"]}),
    Spec("rss", "jatim-terkini", "Jatim Terkini", "Kabar Jawa Timur", "news", 18,
         city="Jawa Timur", extra={"site": "https://jatimterkini.example/", "format": "atom",
                                   "encoding": "utf-8", "quirks": []}),
)  # fmt: skip
