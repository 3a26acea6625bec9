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
}
