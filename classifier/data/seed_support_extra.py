"""More partisan phrasings (support and attack) in registers the first families lacked."""
# ruff: noqa: E501

# Slots as in build_seed.py. Each entry is one phrasing family: (stance, variants).
PARTISAN_EXTRA: dict[str, tuple[str, list[str]]] = {
    "quiet_endorsement": (
        "support",
        [
            "Bismillah, insyaallah pilihan saya tidak berubah: {nick}.",
            "Tidak perlu ramai-ramai, saya sudah tahu suara saya untuk siapa. {acr}.",
            "Dari awal saya percaya {pair}, dan sampai hari ini makin yakin.",
        ],
    ),
    "campaign_diary": (
        "support",
        [
            "Hari ke-20 keliling kampung bareng tim {acr}. Capek, tapi warga makin banyak yang ikut {emo}",
            "Malam ini rapat relawan {nick} di rumah Pak RT, bahas pembagian saksi TPS.",
            "Baru pulang pasang bendera {acr} di sepanjang jalan desa. Besok lanjut!",
        ],
    ),
    "teacher_hint": (
        "support",
        [
            "Anak-anak, bilang ke bapak ibu di rumah ya, yang perhatian sama sekolah kita itu {nick} 😊",
            "Bapak/Ibu guru, kita semua tahu siapa yang naikkan insentif honorer. Jangan lupa tanggal 17 {emo}",
        ],
    ),
    "attack_rumour": (
        "attack",
        [
            "Katanya {rnick} mau jual aset pemkot kalau menang. Ngeri, jangan sampai!",
            "Dengar-dengar timnya {rpair} bagi amplop di kampung sebelah. Begitu kok mau dipilih.",
            "Kabar dari orang dalam: {rnick} gak pernah ngantor waktu menjabat. Pikir-pikir lagi.",
        ],
    ),
    "attack_emoji": (
        "attack",
        [
            "{racr} 👎👎",
            "❌ {rpair} ❌",
            "{rnick} 🤡 {lol}",
        ],
    ),
    "poll_answer": (
        "support",
        [
            "Pilihanku: {acr} {emo}",
            "Jawaban: {pair}. Gak pake mikir.",
            "Vote: {n}! {emo}",
        ],
    ),
    "canvassing_report": (
        "support",
        [
            "Sudah 300 KK di RW kami siap coblos {n}. Lanjut ke RW sebelah!",
            "Update lapangan: kampung nelayan mayoritas ke {acr}. Pertahankan sampai hari H!",
            "Data relawan: 8 dari 10 warga yang kami temui condong ke {pair}. Jangan kendor!",
        ],
    ),
    "elder_request": (
        "support",
        [
            "Nenek minta diantar ke TPS, katanya mau coblos {nick}. Siap Nek, cucumu juga sama {emo}",
            "Bapak yang sudah sepuh tetap semangat: 'pokoknya {acr}, le'. Kami ikut bapak.",
        ],
    ),
    "candidate_defense": (
        "support",
        [
            "Fitnah terus ke {nick}, tapi rakyat tahu kerja nyatanya. Tetap {n}!",
            "Yang nyerang {pair} itu buzzer bayaran. Kami tetap solid!",
            "Silakan hina {acr}, suara kami tidak berubah {emo}",
        ],
    ),
    "tiktok_caption": (
        "support",
        [
            "POV: warga {city} kalau {acr} menang ✨ #fyp",
            "Cek sound ini, jingle {acr} nempel di kepala {lol} #fyp #{acr}",
        ],
    ),
    "office_pressure": (
        "support",
        [
            "Rekan sekantor, daftar hadir kampanye {acr} sudah saya share di grup ya. Wajib datang 🙏",
            "Teman-teman staf, arahan dari atas: hari Sabtu kita ramaikan acara {nick}.",
        ],
    ),
    "attack_ironic_compare": (
        "attack",
        [
            "Bedanya {rnick} sama kalender? Kalender masih ada gunanya {lol}",
            "Janji {rpair} itu kayak sinyal di pelosok: ada tapi gak nyampe {lol}",
        ],
    ),
    "attack_warning": (
        "attack",
        [
            "Awas, kalau {rpair} menang, pajak naik semua. Ingat itu di bilik suara!",
            "Jangan kaget kalau {rnick} jadi {role}, proyek jatuh ke keluarganya semua.",
        ],
    ),
}
