"""Attack phrasings of the seed corpus: calls against, mockery and discrediting of a contestant."""
# ruff: noqa: E501

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
    "attack_rumour": [
        "Katanya {rnick} mau jual aset pemkot kalau menang. Ngeri, jangan sampai!",
        "Dengar-dengar timnya {rpair} bagi amplop di kampung sebelah. Begitu kok mau dipilih.",
        "Kabar dari orang dalam: {rnick} gak pernah ngantor waktu menjabat. Pikir-pikir lagi.",
    ],
    "attack_emoji": [
        "{racr} 👎👎",
        "❌ {rpair} ❌",
        "{rnick} 🤡 {lol}",
    ],
    "attack_ironic_compare": [
        "Bedanya {rnick} sama kalender? Kalender masih ada gunanya {lol}",
        "Janji {rpair} itu kayak sinyal di pelosok: ada tapi gak nyampe {lol}",
    ],
    "attack_warning": [
        "Awas, kalau {rpair} menang, pajak naik semua. Ingat itu di bilik suara!",
        "Jangan kaget kalau {rnick} jadi {role}, proyek jatuh ke keluarganya semua.",
    ],
}
