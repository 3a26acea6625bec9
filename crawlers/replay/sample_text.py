"""Invented Indonesian post templates for the replay sample set, grouped by topic."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    """One invented candidate pair, as in pantau/data/demo/candidates.csv."""

    contest: str
    city: str
    number: int
    pair: str
    nick: str
    acronym: str
    slogan: str
    tags: tuple[str, ...]
    lang_hint: str  # "jv" (Jawa Timur) or "su" (Bandung) for the local-language bits


PAIRS = (
    Pair("PILWALKOT-3578-2027", "Surabaya", 1, "Cak Bagas - Mbak Retno", "Cak Bagas", "BARET",
         "Surabaya Bangkit Bersama", ("#BaretMenang", "#SurabayaBangkit", "#Baret1"), "jv"),
    Pair("PILWALKOT-3578-2027", "Surabaya", 2, "Cak Hendrik - Bu Dian", "Cak Hendrik", "HENDI",
         "Lanjutkan Kerja Nyata", ("#Hendi2", "#LanjutkanKerjaNyata", "#HendiMenang"), "jv"),
    Pair("PILWALKOT-3578-2027", "Surabaya", 3, "Pak Yosef - Bu Sri", "Pak Yosef", "YOSRI",
         "Saatnya Perubahan", ("#Yosri3", "#SaatnyaPerubahan"), "jv"),
    Pair("PILGUB-35-2027", "Jawa Timur", 1, "Gus Fauzan - Bu Lilik", "Gus Fauzan", "FALIK",
         "Jatim Makmur Berkeadilan", ("#Falik1", "#JatimMakmur"), "jv"),
    Pair("PILGUB-35-2027", "Jawa Timur", 2, "Mas Rudianto - Mbak Maya", "Mas Rudianto", "RUMAYA",
         "Jatim Hebat Untuk Semua", ("#Rumaya2", "#JatimHebat"), "jv"),
    Pair("PILWALKOT-3273-2027", "Bandung", 1, "Kang Asep - Teh Rina", "Kang Asep", "ASRI",
         "Bandung Nyaah Deui", ("#AsriNomor1", "#BandungNyaah"), "su"),
    Pair("PILWALKOT-3273-2027", "Bandung", 2, "Kang Dadang - Teh Neneng", "Kang Dadang", "DANEN",
         "Bandung Maju Babarengan", ("#Danen2", "#BandungBabarengan"), "su"),
)  # fmt: skip

GESTURES = {1: "satu jari ☝️", 2: "dua jari ✌️", 3: "tiga jari 🤟"}

DISTRICTS = {
    "Surabaya": ("Rungkut", "Wonokromo", "Tambaksari", "Gubeng", "Sukolilo", "Kenjeran"),
    "Bandung": ("Coblong", "Sukajadi", "Cicendo", "Antapani", "Buahbatu", "Sukasari"),
    "Jawa Timur": ("Sidoarjo", "Gresik", "Malang", "Jember", "Kediri", "Madiun"),
}

# Appended now and then so that posts made from one template still differ.
TAILS = ("", "", "", " 😄", " 🙏", " rek!", " guys", " #infoterkini", " (dok. pribadi)", " 👍👍",
         " mantap", " ✨", " hehe", " #{city}")  # fmt: skip

# {num} {pair} {nick} {acr} {slogan} {tag} {tag2} {city} {gesture} {other}
CAMPAIGN = (
    "Ayo dulur-dulur, 17 Februari jangan lupa coblos nomor {num}! {pair} pasti bisa bawa "
    "{city} lebih baik. {tag} 💪",
    "Barusan ikut blusukan bareng {nick} di pasar. Orangnya ramah, gak jaim blas 😍 {tag}",
    "Salam {gesture} buat {pair}! {slogan}! {tag} {tag2}",
    "Foto bareng {nick} pas kampanye di GOR tadi sore, pose {gesture} dong 📸 {tag}",
    "Pilihanku wis jelas: nomor {num}, {pair}. Sing penting {city} maju. {tag}",
    "Program {nick} soal sekolah gratis mantul banget. Fix pilih nomor {num} 🔥 {tag}",
    "Nomor {other} cuma janji manis, jalan di kampungku masih bolong. Mending {acr} aja. {tag}",
    "Rapat relawan {acr} kecamatan {kec} malam ini jam 19.30 di posko. Kaos & stiker sudah "
    "siap 👕 {tag}",
    "Lihat debat semalam? {nick} jawabannya paling masuk akal. {slogan}! {tag}",
    "Yuk gabung grup relawan {acr}, link di bio. Kita menangkan nomor {num} bareng-bareng! {tag2}",
    "{slogan}!! Coblos nomor {num} 🗳️ {tag} {tag2}",
    "Ibu-ibu PKK sudah sepakat, nomor {num} pokoke. {nick} peduli wong cilik 🙏 {tag}",
)

CAMPAIGN_JV = (
    "Monggo sedulur, ojo lali nyoblos nomer {num}. {pair}, {slogan}! {tag}",
    "Wes talah, {nick} iku sing paling ngerti arek-arek. Nomer {num} gaskeun rek! {tag}",
    "Sakjane aku gak oleh ngomong ngene, tapi yo opo maneh, {acr} nomer {num} josss 👍 {tag}",
)

CAMPAIGN_SU = (
    "Hayu urang sadaya ngadukung {pair}, nomer {num}! {slogan} 🙏 {tag}",
    "Kang, teh, ulah hilap tanggal 17 Februari nyoblos nomer {num} nya. {nick} pasti amanah. {tag}",
    "Asa reueus ningali {nick} sumping ka lembur. Nomer {num} pokona mah! {tag}",
)

# Civil-servant flavoured campaigning: the cases Pantau exists to find.
CAMPAIGN_ASN = (
    "Sebagai guru saya lihat sendiri kepedulian {nick} ke pendidikan. Jangan ragu, nomor {num}! "
    "{tag}",
    "Habis apel pagi langsung mampir posko {acr}. Bismillah nomor {num} menang 🤲 {tag}",
    "Teman-teman kantor, mari kita dukung {pair}. Sudah terbukti kerja nyata. {tag}",
    "Dokumentasi pertemuan warga bersama {nick}, salam {gesture} 🙌 {tag}",
    "Saya memang abdi negara, tapi hati nurani bilang nomor {num}. {slogan} {tag}",
)

NEWS_ELECTION = (
    "KPU {city} menetapkan daftar pemilih tetap untuk Pilkada 2027. Warga diminta mengecek "
    "namanya lewat situs resmi KPU.",
    "Debat publik kedua calon kepala daerah {city} digelar Sabtu malam, mengangkat tema ekonomi "
    "dan lapangan kerja.",
    "Masa kampanye Pilkada 2027 berlangsung 20 Oktober 2026 hingga 13 Februari 2027. Pengawas "
    "pemilu membuka posko pengaduan di tiap kecamatan.",
    "Tiga pasangan calon wali kota Surabaya menyampaikan visi-misi di depan mahasiswa, Kamis "
    "(12/11).",
    "Pengawas pemilu menertibkan 1.200 alat peraga kampanye yang dipasang di pohon dan tiang "
    "listrik di {city}.",
    "Logistik pemilu mulai didistribusikan ke gudang kecamatan. Surat suara dicetak sesuai "
    "jumlah DPT ditambah 2,5 persen cadangan.",
    "Survei lembaga independen menyebut tingkat pengenalan kandidat di {city} masih di bawah 60 "
    "persen.",
)

NEWS_GENERAL = (
    "Hujan deras sejak sore menyebabkan genangan di sejumlah ruas jalan {city}. Dinas PU "
    "menyiagakan pompa air.",
    "Jembatan penghubung di {kec} mulai diperbaiki, warga diminta memakai jalur alternatif.",
    "Posyandu di {kec} mencatat penurunan angka stunting dalam enam bulan terakhir.",
    "Harga cabai rawit di pasar tradisional {city} naik menjadi Rp75.000 per kilogram.",
    "Pemerintah kota meresmikan taman baca baru di kawasan utara {city}.",
    "Arus lalu lintas di jalan tol arah {city} padat merayap akibat perbaikan jalan.",
    "Ratusan UMKM ikut bazar produk lokal di alun-alun {city} akhir pekan ini.",
    "Kebakaran gudang plastik di pinggiran {city} berhasil dipadamkan setelah dua jam.",
    "Suroboyo United menang 2-1 atas Priangan FC dalam laga lanjutan liga, Minggu malam.",
    "Festival kuliner rujak cingur dan lontong balap digelar di {city} sampai hari Minggu.",
)

SERVICE = (
    "📢 Pelayanan KTP-el di kantor kecamatan dibuka Sabtu pukul 08.00–12.00 WIB. Bawa KK asli "
    "dan fotokopi.",
    "Info pemadaman listrik terencana: Selasa 09.00–14.00 WIB di wilayah {city} bagian timur. "
    "Mohon maaf atas ketidaknyamanannya 🙏",
    "Car free day kembali digelar Minggu pagi pukul 06.00–09.00. Kendaraan dialihkan lewat "
    "jalur alternatif.",
    "Pendaftaran beasiswa pelajar berprestasi dibuka sampai akhir bulan. Syarat lengkap di "
    "situs resmi pemkot.",
    "Layanan vaksinasi gratis untuk lansia tersedia di seluruh puskesmas {city} setiap Rabu.",
    "Jadwal pengambilan sampah berubah selama libur nasional. Cek jadwal RW masing-masing ya.",
    "Mal pelayanan publik di {kec} kini buka sampai pukul 20.00 WIB setiap Kamis.",
    "Call center kedaruratan 112 siap melayani 24 jam. Gratis dari semua operator.",
    "Pengumuman: pembayaran PBB bisa lewat aplikasi dan minimarket terdekat, tanpa antre 👍",
)

EVERYDAY = (
    "Sarapan rawon dulu sebelum ngantor 🍲 mantap jiwa",
    "Macet parah di Jl. A. Yani pagi ini, hati-hati rek 🚗🚗🚗",
    "Alhamdulillah anak lulus tes masuk SMP negeri 🥹🙏",
    "Hujan deres, jemuran kebasahan kabeh 😭",
    "Ngopi sik ben gak ngantuk ☕ #senin",
    "Wilujeng enjing sadayana, tos sarapan teu acan? 🌤️",
    "Weekend iki enak e nang endi yo? Rekomendasi wisata dekat {city} dong",
    "Capek tapi seneng, akhirnya renovasi dapur kelar juga 🏠",
    "Jalan-jalan sore di taman {kec}, adem banget 🌳",
    "Sopo sing ngerti warung penyetan enak nang {kec}? 🤤",
    "Ada yang tahu bengkel motor jujur di sekitar {city}? Butuh servis CVT nih",
    "Kucing tetangga nyasar ke rumah lagi 🐈 lucu banget sih",
    "Mie ayam langganan naik seribu. Gapapa, rasanya tetep juara 🍜",
    "Lagi belajar bikin konten edukasi buat murid-murid. Doakan lancar ya 📚",
    "Nonton bareng final di pos ronda, rame pol 📺⚽",
    "Gajian masih lama, dompet sudah menjerit 😅",
)

WORK_ASN = (
    "Hari ini sosialisasi kurikulum merdeka di sekolah. Semangat bapak ibu guru! 📚",
    "Apel pagi bersama jajaran di kantor. Tetap semangat melayani masyarakat 🇮🇩",
    "Monitoring pelayanan administrasi kependudukan di {kec} berjalan lancar.",
    "Kunjungan kerja ke sekolah-sekolah di {kec}, fasilitas belajar makin baik 🏫",
    "Rapat koordinasi penanganan stunting lintas OPD bersama puskesmas.",
    "Terima kasih warga yang sudah tertib antre di loket pelayanan hari ini 🙏",
    "Pelatihan penyusunan SKP untuk pegawai baru. Belajar terus!",
)

NEUTRALITY = (
    "ASN wajib netral! Dilarang like, share, dan komentar dukungan ke paslon di medsos. "
    "Laporkan pelanggaran ke pengawas pemilu. #ASNNetral",
    "Ingat: foto bersama paslon sambil pose jari bisa jadi pelanggaran netralitas ASN sesuai "
    "SKB 2/2022. #ASNNetral #PilkadaDamai",
    "Tolak politik uang, laporkan ke posko pengaduan pengawas pemilu terdekat. #TolakPolitikUang",
    "Guru, lurah, camat, tenaga kesehatan: kalian ASN, bukan tim sukses. Jaga netralitas! "
    "#ASNNetral",
)

# Looks like campaigning to a keyword matcher, but is not.
CONFOUNDERS = (
    "Gol indah dari pemain nomor 2, bek kanan Suroboyo United! ⚽🔥",
    "Juara 2 lomba agustusan tingkat RT 😂 nomor 2 gapapa yang penting kompak",
    "Antrean nomor 2 di puskesmas, alhamdulillah cepet dilayani",
    "Pose dua jari ✌️ bareng murid-murid pas study tour, seru banget",
    "Nomor urut 1 di lomba cerdas cermat, anakku deg-degan katanya 😆",
    "Bangkit bersama UMKM! Bazar produk lokal di balai RW minggu depan",
)

# Comments under the replay's invented videos (debates, floods, food).
VIDEO = (
    "Debatnya seru, tapi moderatornya kurang tegas 😅",
    "Semoga banjirnya cepat surut, warga {kec} kuat 🙏",
    "Liputan yang bagus, terima kasih sudah turun langsung ke lapangan.",
    "Jam segini nonton kuliner, perut langsung keroncongan 😭",
    "Kualitas videonya jernih, audionya agak kecil min.",
    "Kapan liputan ke {kec}? Jalan rusak di sana belum diperbaiki.",
    "Mantap kontennya, lanjutkan!",
    "Menit 12:30 itu lucu banget 🤣",
)

REPLY = (
    "Setuju banget {who} 👍",
    "Lho, panjenengan kan ASN? Kok ikut kampanye? 🤔",
    "Mantap, lanjutkan!",
    "Hoaks itu, cek dulu sumbernya.",
    "Siap hadir! Jam berapa kumpul?",
    "Wah infonya penting, makasih min 🙏",
    "Kapan ya jalannya diperbaiki?",
    "Nyuwun sewu, niki leres mboten?",
    "Hatur nuhun infona 🙏",
)
