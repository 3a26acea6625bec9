"""More non-partisan phrasings: hard negatives that name candidates, numbers or vote words."""
# ruff: noqa: E501

# Slots as in build_seed.py. Each entry is one phrasing family: its variants.
NEUTRAL_MORE: dict[str, list[str]] = {
    "news_quote_call": [
        "'Pilih nomor {n} untuk {city} yang lebih baik,' ujar {nick} dalam orasinya di Lapangan Kota, Minggu (12/1).",
        "Dalam kampanye di Pasar Wage, {nick} mengajak warga mencoblos nomor urut {n}, kata panitia.",
        "{pair} menargetkan menang 60 persen di {city}, ungkap ketua tim pemenangan kepada wartawan.",
        "Ribuan simpatisan {pair} memadati lapangan. Polisi mengatur lalu lintas hingga malam.",
        "Calon {role} nomor urut {n}, {name}, berjanji menggratiskan biaya sekolah jika terpilih.",
        "Kampanye dialogis {nick} di kecamatan Tegalsari dihadiri sekitar 200 warga, menurut laporan panitia.",
    ],
    "bawaslu_more": [
        "Awasi bersama! Laporkan ASN yang ikut kampanye ke Bawaslu {city}. #AwasiPilkada",
        "Foto dengan gaya salam {n} jari bersama paslon termasuk pelanggaran netralitas. Yuk jaga netralitas ASN.",
        "Webinar netralitas ASN: apa yang boleh dan tidak boleh di media sosial selama masa kampanye.",
        "Pengawas TPS dilatih hari ini untuk mencegah politik uang dan intimidasi pemilih.",
        "Bawaslu {city} membuka posko pengaduan di setiap kecamatan, warga bisa melapor langsung.",
        "Ingat, ASN dilarang memberi like atau komentar dukungan pada akun paslon {n} maupun paslon lainnya.",
    ],
    "incumbent_service_more": [
        "{role} {name} menyerahkan bantuan alat tangkap kepada nelayan {city} pagi ini.",
        "{nick} mengimbau warga waspada DBD, lakukan 3M plus di rumah masing-masing.",
        "Pemkot {city} meluncurkan layanan perizinan online, lebih cepat tanpa antre.",
        "Program makan bergizi di sekolah dilanjutkan tahun depan, kata Dinas Pendidikan {city}.",
        "Kunjungan kerja {name} ke puskesmas untuk memastikan stok obat aman.",
    ],
    "sports_more": [
        "Pelari nomor {n} memimpin sejak putaran pertama, penonton bersorak.",
        "Persib menang 2-1! Dukung terus Maung Bandung {emo}",
        "Pemain bernomor punggung {n} dapat kartu merah, wasit jadi sorotan.",
        "Juara {n} turnamen futsal antarkampung, bangga sama anak-anak {emo}",
        "Ayo dukung atlet {city} di PON! Semoga menang {emo}",
        "Skor akhir {n}-1, kemenangan pertama musim ini. Gas terus!",
    ],
    "quiz_lottery": [
        "Kuis hari ini: ibu kota Jawa Timur apa? Jawaban benar nomor {n}, pemenang dapat pulsa {emo}",
        "Hasil undian arisan bulan ini: nomor {n} yang dapat, selamat bu!",
        "Tebak angka 1 sampai 3, yang bener dapat voucher. Aku pilih {n} {lol}",
        "Nomor undian doorprize {k} dapat kulkas, nomor {n} dapat kipas angin!",
        "Jawaban soal nomor {n} apa ya? Pusing PR matematika {lol}",
    ],
    "civic_more": [
        "Jangan golput ya rek, suaramu berharga {emo}",
        "Golput bukan solusi. {day} ke TPS, apapun pilihanmu.",
        "Pilih siapa pun, yang penting datang ke TPS. Demokrasi butuh kita semua.",
        "Ajak ortu, kakek nenek ke TPS, bantu yang sepuh ya {emo}",
        "Sudah cek DPT? Jangan sampai gak bisa nyoblos tanggal 17.",
        "Ayo nyoblos! Siapapun pilihanmu, hormati pilihan orang lain {emo}",
    ],
    "debate_schedule": [
        "Jadwal debat kedua paslon {role} {city}: Sabtu pukul 19.00 WIB, disiarkan langsung TV lokal.",
        "KPU {city} umumkan tema debat ketiga: ekonomi dan UMKM.",
        "Jangan lewatkan debat terakhir pilkada {city} malam ini, live di kanal YouTube KPU.",
        "Nobar debat di balai RW terbuka untuk umum, pendukung semua paslon boleh datang.",
    ],
    "question_candidate": [
        "Program {nick} soal sampah apa ya? Ada yang tahu?",
        "Bedanya program {pair} sama {rpair} apa sih? Jelasin dong",
        "{nick} itu dulu kerja apa sebelum nyalon?",
        "Ada yang punya link visi misi {pair}?",
        "Nomor {n} itu yang mana ya? Aku lupa {lol}",
    ],
    "gesture_non_election": [
        "Foto wisuda pose dua jari ✌️ biar kekinian {emo}",
        "Peace ✌️ jangan marah ya {lol}",
        "Salam satu jiwa! Aremania hadir di stadion {emo}",
        "Jempol buat abang ojol yang nganter makanan pas hujan {emo}",
        "Liburan keluarga ke pantai, anak-anak pose dua jari terus {lol}",
    ],
    "campaign_nuisance": [
        "Konvoi kampanye bikin macet Jalan Ahmad Yani, sabar ya yang lewat.",
        "Knalpot brong konvoi kampanye tengah malam, tolong ditertibkan pak polisi.",
        "Baliho paslon roboh kena angin, hampir nimpa motor. Hati-hati.",
    ],
    "election_humour_neutral": [
        "Musim pilkada, grup keluarga jadi medan perang {lol}",
        "Tiap pilkada janjinya gratis semua, aku cuma mau jalan depan rumah gak bolong {lol}",
        "Tinta di jari susah ilang, bukti udah nyoblos {lol}",
        "Abis nyoblos langsung sarapan soto, nikmat {emo}",
        "Sudah nyoblos! Kamu udah belum? {tag_neutral}",
    ],
    "government_program": [
        "Pendaftaran beasiswa pemkot dibuka sampai akhir bulan, syaratnya cek di website resmi.",
        "Program bedah rumah tahap 2 berlanjut, 150 rumah diperbaiki tahun ini.",
        "Layanan adminduk keliling hadir di kelurahan kami Sabtu ini, bawa KK asli.",
    ],
    "party_news": [
        "{party} menggelar rapat kerja daerah di {city}, membahas konsolidasi organisasi.",
        "Ketua {party} {city} mundur dari jabatannya, digantikan pelaksana tugas.",
        "{party} melantik pengurus baru tingkat kecamatan akhir pekan ini.",
    ],
    "asn_official_reminder": [
        "Surat edaran: ASN dilarang menghadiri deklarasi paslon. Mohon dipatuhi bersama.",
        "Pimpinan mengingatkan seluruh pegawai dinas untuk menjaga netralitas selama pilkada.",
        "Bagi pegawai yang ingin jadi saksi paslon, wajib cuti di luar tanggungan negara dulu.",
    ],
    "other_contest_vote": [
        "Vote nomor {n} di pemilihan Duta Wisata {city} ya, temenku ikut!",
        "Pemilihan Putri Kampus, dukung kontestan nomor {n} lewat link di bio {emo}",
        "Pilih ketua karang taruna minggu depan, calonnya dua orang. Semoga rukun.",
        "Ayo coblos desain kaos angkatan, nomor {n} apa {k}? {lol}",
    ],
    "history_profile": [
        "Sejarah pilkada {city}: sejak 2005 sudah lima kali dipilih langsung oleh warga.",
        "{name} lulusan teknik sipil, pernah jadi kepala dinas sebelum maju pilkada.",
        "Profil pasangan calon {role} {city} bisa dibaca di infopemilu KPU.",
    ],
}
NEUTRAL_MORE_2: dict[str, list[str]] = {
    "news_candidate_activity": [
        "{nick} blusukan ke pasar tradisional {city} pagi tadi, didampingi tim kampanye dan awak media.",
        "Hari ini {pair} dijadwalkan berkampanye di tiga kecamatan, sesuai jadwal dari KPU.",
        "{nick} menyampaikan visi misi di hadapan ratusan mahasiswa, Selasa (14/1).",
        "Paslon nomor urut {n} menggelar kampanye tatap muka di Kecamatan Wonokromo siang ini.",
        "{name} menyebut program unggulannya adalah pembangunan pasar rakyat.",
    ],
    "news_rival_exchange": [
        "Tim {pair} menilai {rpair} tidak punya rekam jejak, kata juru bicara kampanye.",
        "{nick} menyindir janji lawan politiknya dalam debat semalam; pengamat menilai itu wajar.",
        "Saling sindir antarpaslon mewarnai debat kedua pilkada {city}.",
        "Kubu {rpair} membantah tudingan tim {pair} soal dana kampanye.",
    ],
    "question_more": [
        "Yang tahu alamat posko {pair} di mana? Mau tanya soal bantuan banjir.",
        "Kapan {nick} kampanye di daerah kami? Pengen lihat langsung orangnya.",
        "Paslon {n} sama {rn} programnya mirip ya? Atau aku yang salah baca?",
        "Ada yang nonton wawancara {nick} tadi? Aku ketinggalan, intinya apa?",
        "{role} {city} nanti bakal ngurus transportasi gak sih? Belum ada yang jelas.",
    ],
    "factual_results": [
        "Hasil hitung cepat: {pair} unggul sementara dengan 51 persen suara masuk.",
        "KPU {city} menetapkan {pair} sebagai {role} terpilih dalam rapat pleno.",
        "Selisih suara {pair} dan {rpair} hanya 0,8 persen, gugatan ke MK dipertimbangkan.",
    ],
    "official_ballot_info": [
        "Informasi: debat paslon nomor {n} dan {rn} disiarkan ulang Minggu pagi.",
        "Surat suara pilkada {city} memuat foto, nama dan nomor urut tiap paslon.",
        "Contoh surat suara sah: coblos satu kali di dalam kotak salah satu paslon.",
    ],
    "other_uses_of_vote_words": [
        "Pilih nomor {n} kalau jawabannya benar, begitu instruksi di lembar ujian.",
        "Dukung program imunisasi, ayo bawa anak ke posyandu terdekat {emo}",
        "Menangkan hati pelanggan dengan pelayanan ramah, tips usaha hari ini.",
        "Lomba coblos balon tujuh belasan seru banget {lol}",
        "Nomor {n} antrean BPJS kok lama banget ya",
    ],
    "two_candidates_neutral": [
        "{nick} dan {rnick} sama-sama hadir di acara haul kiai kampung, duduk bersebelahan.",
        "Foto {pair} dan {rpair} salaman usai debat jadi viral. Sejuk lihatnya.",
        "Baliho {nick} dan {rnick} dipasang berdampingan di perempatan, warga bingung {lol}",
        "Pagi ini {pair} dan {rpair} sama-sama ikut senam di alun-alun, tidak ada yel-yel.",
    ],
    "ask_compare_programs": [
        "Ada yang sudah bandingin program kesehatan {pair} dan {rpair}? Aku masih ragu dua-duanya.",
        "Mau tanya dong, program {nick} soal air bersih itu anggarannya dari mana?",
        "Kalau dibanding-bandingin, visi {pair} sama {rpair} bedanya di mana sih? Beneran nanya.",
        "Yang paham anggaran, janji {nick} soal sekolah gratis realistis gak ya?",
    ],
    "sports_support": [
        "Persebaya menang 3-1 tadi malam! Dukung terus Bajul Ijo {emo}",
        "Ayo dukung timnas U-20 malam ini, kita pasti menang! {emo}",
        "Skor akhir {n}-0, tim voli kampung kami juara. Salam olahraga {emo}",
        "Pilih nomor punggung {n} buat kapten baru, keputusan pelatih {emo}",
    ],
}
