"""Still more hard negatives: posts that name a contestant, a number or a vote word and take
no side. Written after the first measurements showed which kinds of neutral post the model
had too few families of (questions, mentions of two rivals, news of the campaign)."""
# ruff: noqa: E501

# Slots as in build_seed.py. Each entry is one phrasing family: its variants.
NEUTRAL_EXTRA: dict[str, list[str]] = {
    "ask_about_candidate_background": [
        "{name} itu asli {city} atau pendatang ya? Penasaran aja.",
        "Wakilnya {nick} siapa sih? Kok jarang kelihatan.",
        "Umur {nick} berapa ya sekarang? Kelihatan masih muda.",
        "Ada yang tahu {nick} dulu sekolah di mana?",
    ],
    "news_campaign_finance": [
        "Laporan dana kampanye {pair} mencapai Rp1,4 miliar, sebagian besar dari sumbangan perseorangan.",
        "KPU {city} mengumumkan laporan penerimaan dana kampanye semua paslon, bisa diunduh publik.",
        "Audit dana kampanye paslon nomor {n} dinyatakan wajar oleh kantor akuntan publik.",
    ],
    "news_endorsement_report": [
        "Ormas kepemudaan {city} menyatakan dukungan kepada {pair}, menurut siaran pers yang diterima redaksi.",
        "Dua partai nonparlemen merapat ke kubu {nick}, kata sekretaris tim pemenangan.",
        "Sejumlah tokoh adat disebut mendukung {rpair}; kubu lain menilai itu hal biasa.",
    ],
    "weather_logistics_vote_day": [
        "BMKG prakirakan hujan ringan saat hari pencoblosan di {city}, KPPS siapkan tenda.",
        "TPS di bantaran sungai dipindah ke balai desa karena banjir, pemilih diminta cek lokasi baru.",
        "Pemilih disabilitas bisa minta pendamping di TPS, sesuai aturan KPU.",
    ],
    "candidate_personal_news": [
        "{nick} dikabarkan sakit dan dirawat di rumah sakit, tim menyebut kondisinya membaik.",
        "Ibunda {name} meninggal dunia pagi ini, kegiatan kampanye ditunda tiga hari.",
        "{nick} merayakan ulang tahun ke-52 secara sederhana bersama keluarga.",
    ],
    "media_literacy": [
        "Jangan asal share video paslon mana pun sebelum dicek sumbernya ya.",
        "Akun anonim yang menyerang {pair} dan {rpair} sama-sama dilaporkan ke platform karena hoaks.",
        "Tips: cek tanggal dan sumber sebelum percaya tangkapan layar soal calon {role}.",
    ],
    "lottery_and_games_numbers": [
        "Arisan RT bulan ini yang keluar nomor {n}, selamat Bu Darmi!",
        "Main ludo sama ponakan, aku pilih warna merah nomor {n}, kalah terus {lol}",
        "Nomor antrean vaksin {k}{n}, masih lama ternyata",
    ],
    "neutral_party_member": [
        "Rapat anggota {party} ditunda minggu depan karena ketua berhalangan.",
        "Kantor DPD {party} di {city} direnovasi, sementara pindah ke ruko sebelah.",
    ],
    "debate_fact_summary": [
        "Ringkasan debat: {nick} bicara soal banjir, {rnick} soal transportasi. Detailnya di utas.",
        "Di debat tadi, {pair} janji 1.000 beasiswa, {rpair} janji 500 lapangan kerja baru.",
        "Catatan debat: dua paslon sama-sama belum menjelaskan sumber anggaran.",
    ],
    "poll_question_neutral": [
        "Polling iseng: {pair} atau {rpair}? Jawab jujur di kolom komentar.",
        "Kalau pilkada hari ini, kalian pilih siapa? Penasaran aja, aku belum mutusin.",
        "Survei kecil-kecilan buat tugas kuliah: apa yang bikin kalian milih calon {role}?",
    ],
    "satire_all_candidates": [
        "Semua paslon janji gratis, nanti yang bayar siapa? {lol}",
        "Baliho tiga paslon senyumnya sama persis, kayak satu fotografer {lol}",
        "Tiap lima tahun jalan kampung diaspal, pas pilkada aja. Siapapun calonnya {lol}",
    ],
    "transport_and_service_numbers": [
        "Bus nomor {n} jurusan terminal lewat jam berapa ya?",
        "Loket {n} khusus lansia, yang lain ke loket sebelah ya.",
        "Jalur {n} tol ditutup untuk perbaikan sampai besok pagi.",
    ],
    "charity_support_calls": [
        "Dukung penggalangan dana korban banjir {city}, donasi lewat posko resmi kelurahan.",
        "Ayo dukung UMKM tetangga, beli dagangannya, bukan cuma like {emo}",
        "Menangkan lomba kebersihan kampung, ayo kerja bakti Minggu pagi!",
    ],
    "voter_education": [
        "Cara mencoblos yang benar: coblos satu kali di kotak paslon pilihanmu, jangan di luar garis.",
        "Surat suara yang dicoblos dua paslon dianggap tidak sah, hati-hati ya.",
        "Bawa KTP-el dan undangan C6, datang sesuai jam di undangan biar tidak antre.",
    ],
    "asn_training_neutral": [
        "Diklat netralitas untuk pegawai kecamatan hari ini berjalan lancar.",
        "Kepala dinas meminta pegawai tidak memasang foto profil bernuansa kampanye selama pilkada.",
        "Apel bersama: seluruh ASN {city} ikrar netral dalam pilkada.",
    ],
    "group_chat_observer": [
        "Grup RT rame bahas pilkada, aku cuma nyimak {lol}",
        "Di grup keluarga ada yang dukung {nick}, ada yang dukung {rnick}. Aku mah kirim stiker aja {lol}",
        "Tiap buka grup alumni isinya debat paslon, mending mute dulu.",
    ],
}
