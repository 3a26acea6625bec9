"""Attack phrasings written to widen the corpus: questions, stories, regional, mock names."""
# ruff: noqa: E501

# Slots as in build_seed.py. Each entry is one phrasing family: its variants.
ATTACK_MORE: dict[str, list[str]] = {
    "attack_question": [
        "Masih mau dipimpin {rnick} lima tahun lagi? Saya sih ogah.",
        "Apa kabar janji {rpair} soal lapangan kerja? Mana buktinya?",
        "Serius ada yang mau pilih {rnick}? Jalan depan rumahnya aja rusak {lol}",
        "Kok bisa ya orang kayak {rnick} nyalon {role}? Heran.",
        "Pernah lihat {rnick} turun pas banjir? Nggak kan. Cuma pas kampanye nongol.",
    ],
    "attack_nickname_mock": [
        "Si {racr} planga-plongo pas debat {lol}",
        "{racr} = Asal Omong Doang {lol}",
        "Calon tukang janji, nomor {rn} {lol}",
        "{rnick} si raja baliho {lol}",
    ],
    "attack_regional": [
        "Ojo milih {rnick}, mung janji tok ora ono buktine.",
        "{rpair} ki opo? Kerjo wae ra iso {lol}",
        "Ulah percanten ka {rnick}, omongna hungkul.",
        "Tong milih {rpair}, bisi kaduhung lima taun.",
    ],
    "attack_story": [
        "Dulu pas {rnick} menjabat, bantuan di kampung kami dipotong. Saya gak akan lupa. Jangan ulangi kesalahan yang sama.",
        "Tetangga saya korban penggusuran zaman {rnick}. Mau percaya lagi? Silakan, saya tidak.",
        "Pengalaman pribadi: ngurus izin zaman {rpair} dipersulit kalau gak ada pelicin. Pikir lagi sebelum milih.",
    ],
    "attack_boycott": [
        "Unfollow aja akun-akun buzzer {rpair}, isinya fitnah semua",
        "Sebarkan: {rnick} pendukung tambang ilegal. Jangan kasih suara!",
        "Jangan sampai {city} jatuh ke tangan {rpair}. Cukup!",
    ],
    "attack_hashtag_more": [
        "#{racr}Gagal #{racr}Bohong",
        "#TolakCalon{rn} {lol}",
        "Gak usah {racr}. #GantiPemimpin",
    ],
}
ATTACK_MORE_2: dict[str, list[str]] = {
    "attack_short": [
        "{racr} no! {lol}",
        "Asal jangan {rn}.",
        "Pokoknya bukan {racr}",
        "{rnick}? big no {lol}",
    ],
    "attack_record_questions": [
        "Ingat gak dulu {rnick} janji pasar baru? Sampai sekarang mangkrak. Jangan lupa itu pas di bilik.",
        "Lima tahun kemarin ngapain aja {rpair}? Cuma gunting pita {lol}",
        "Mau lima tahun lagi macet dan banjir? Ya silakan pilih {rnick}.",
    ],
}
