"""Hand-written attack phrasings for the seed corpus: against a contestant."""

# Slots as in build_seed.py. Each entry is one phrasing family: its variants.
ATTACK: dict[str, list[str]] = {
    "attack_record": [
        "Lima tahun {rnick} menjabat, jalan rusak di mana-mana. Cukup sekali, jangan dipilih lagi!",
        "Rekam jejak {rpair}: janji lapangan kerja, hasilnya PHK. Masih mau pilih?",
        "Yang dulu janji banjir beres itu {rnick}. Sekarang? Tetap banjir. Jangan ketipu dua kali!",
    ],
    "attack_dynasty": [
        "Dinasti politik! {rnick} cuma boneka keluarganya. Jangan sampai menang di {city}!",
        "{rpair} itu titipan oligarki, warga {city} harus tolak rame-rame!",
        "Kalau {rnick} menang, yang kaya makin kaya. Tolak calon boneka! {lol}",
    ],
    "attack_hashtag": [
        "#AsalBukan{racr} {lol}",
        "Sudah jelas kok. #Tolak{racr} #PilkadaWaras",
        "Ramaikan tagar #{racr}Gagal biar semua tahu {lol}",
    ],
    "attack_competence": [
        "{rnick} ngurus RT aja belum pernah, mau jadi {role}? Mikir!",
        "{rpair} debat kayak anak SD baca contekan {lol}. Mending yang lain ke mana-mana",
        "Ditanya data kemiskinan aja {rnick} gak tahu. Kasihan {city} kalau dia menang",
    ],
    "attack_sarcastic_praise": [
        "Pinternya {rnick} itu luar biasa, sampai lupa janji kampanye sendiri 👏",
        "Salut sama {rpair}, bisa bikin baliho lebih banyak dari program {lol}",
    ],
    "attack_dont_vote": [
        "Jangan pilih {rnick}, janjinya doang gede kerjanya nol",
        "Stop pilih {rpair}! Sudah cukup {city} dibohongi",
        "Ojo milih {rnick}, mending liyane {lol}",
        "Ulah milih {rpair}, engke kaduhung {emo}",
        "Apapun pilihanmu asal jangan nomor {rn}. Serius.",
    ],
    "attack_mockery": [
        "{rpair} mau benahi kota? Benahi baliho sendiri aja gak becus {lol}",
        "Lihat debat semalam, {rnick} ditanya anggaran malah bahas kucing {lol} gimana mau mimpin",
        "Calon nomor {rn} kerjanya cuma foto-foto pencitraan {lol}",
        "Kalau {rnick} jadi {role}, siap-siap {city} makin macet {lol}",
    ],
    "attack_accuse": [
        "Calon yang dibekingi mafia tanah kok mau dipilih? {rpair} no way!",
        "{rnick} itu antek pengusaha, jangan mau ditipu warga {city}",
        "Ingat dosa lama {rpair}: proyek mangkrak, anggaran bocor. Jangan dipilih lagi!",
        "Bagi-bagi sembako tiap mau pemilu, abis itu ngilang. Tipikal {rnick}. Tolak!",
    ],
    "sarcasm_attack": [
        "Wah hebat sekali {rnick}, baliho paling banyak, prestasi paling sedikit {lol}",
        "Selamat ya {rpair}, juara satu lomba janji palsu se-{city} 👏👏",
        "Pinter banget {rnick}, banjir diselesaikan pakai konten TikTok {lol}",
        "Terima kasih {rnick} sudah mengajarkan kita arti 'omon-omon' {lol}",
    ],
}
