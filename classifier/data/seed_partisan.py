"""Hand-written partisan phrasings (support and attack) for the seed corpus; names are slots."""
# ruff: noqa: E501

# Slots: {nick} {pair} {name} {n} {party} {slogan} {tag} {city} {role} {rnick} {rpair} {rn}
# {user} {emo} {lol} {day}. Each group is one phrasing family: (stance, variants).
PARTISAN: dict[str, tuple[str, list[str]]] = {
    "vote_call_number": (
        "support",
        [
            "Bulatkan tekad, tusuk nomor {n} di surat suara. {city} butuh perubahan nyata!",
            "Gampang kok: buka surat suara, cari foto {pair}, coblos nomor {n}. Beres {emo}",
            "Ayo coblos nomor {n}! {emo}",
            "{day} jangan lupa coblos no {n} ya gaes",
            "Pokoknya nyoblos nomor urut {n}, titik.",
            "Coblos {n}, {city} pasti lebih baik {emo}",
            "Yang belum nentuin pilihan, coblos nomor {n} aja. Dijamin gak nyesel",
            "Inget ya, pas di bilik suara tusuk nomor {n} {emo}",
            "Satu hati satu tujuan: coblos nomer {n}!!",
        ],
    ),
    "vote_call_name": (
        "support",
        [
            "Ayo dulur, kita antar {nick} jadi {role} {city}!",
            "Kawal suara {pair} sampai rekap, jangan sampai kecolongan!",
            "{day} pilih {nick}, pilih yang sudah terbukti!",
            "Warga {city}, mari kita menangkan {nick} di pilkada nanti",
            "Tgl 17 nanti pilihannya cuma satu: {nick} {emo}",
            "Kalau mau {city} maju, ya pilih {pair}. Simpel",
            "Ajak keluarga, tetangga, temen kantor buat milih {nick}",
            "Menangkan {pair} satu putaran! {emo}",
        ],
    ),
    "endorse_reasoned": (
        "support",
        [
            "Saya pribadi mendukung {pair} karena programnya jelas dan terukur, bukan janji manis.",
            "Setelah nonton debat semalam, makin yakin {nick} paling siap jadi {role}.",
            "Dari semua calon, cuma {nick} yang datang langsung ke kampung kami. Itu yang saya dukung.",
            "Program beasiswa {pair} itu nyata, anak saya sudah ngerasain. Jadi jelas pilihan saya.",
            "Visi misi {pair} paling masuk akal buat {city}. Dukungan saya untuk mereka.",
        ],
    ),
    "personal_feeling": (
        "support",
        [
            "Hati ini udah dari lama milih {pair}, gak bisa pindah ke lain hati {emo}",
            "Aku padamu {nick} {emo}{emo}",
            "Bismillah, mantap pilih {nick} {emo}",
            "Hati sudah mantap ke nomor {n} {emo}",
            "Fix no debat, aku tim {pair} {emo}",
            "Sudah bulat tekad, {nick} for {role}!",
            "Yakin dan percaya sama {nick}. Gas terus!",
            "Tim {pair} hadir {emo}{emo}",
        ],
    ),
    "slogan_hashtag": (
        "support",
        [
            "{slogan}! {tag}",
            "{slogan} {emo} {tag}",
            "{tag} {tag} {tag}",
            "Bersama kita bisa. {slogan}. {tag}",
            "Mari wujudkan {slogan}. Coblos {n}! {tag}",
            "{tag}",
        ],
    ),
    "gesture_photo": (
        "support",
        [
            "Foto bareng ibu-ibu pengajian, kompak salam {n} jari {emo} {tag}",
            "Habis rapat kerja, pose {n} jari dulu biar semangat {tag}",
            "Salam {n} jari dari {city} untuk {nick}! {emo}",
            "Jempol buat {pair}, kompak acungkan {n} jari {emo}",
            "Kami keluarga besar RT 05 salam {n} jari, siap menangkan {pair}",
            "Pose {n} jari bareng {nick} waktu blusukan ke pasar tadi pagi {emo}",
        ],
    ),
    "javanese": (
        "support",
        [
            "Lek pengen {city} apik, yo kudu {pair}. Ra ono liyane!",
            "Mbah ku wae wis ngerti, coblos {n} ngono jarene {lol}",
            "Ayo rek, ojo lali nyoblos nomer {n}. {nick} pancen joss!",
            "Dulur-dulur {city}, wis wayahe milih {nick}, ojo sampe salah pilih",
            "Sing penting nomer {n}, liyane ngapunten {lol}",
            "Cak, ning TPS engko coblosen {n} yo. {slogan}",
            "Aku karo keluarga kabeh milih {pair}, wis mantep pokoke",
            "Monggo sedoyo dulur, {day} nyoblos {nick}. Matur suwun {emo}",
        ],
    ),
    "sundanese": (
        "support",
        [
            "Mangga sadaya wargi, urang dukung {pair} dugi ka meunang!",
            "Teu aya deui, ngan ukur {nick} nu pantes. Hayu!",
            "Hayu urang sadayana milih {nick}, {slogan}!",
            "Ulah hilap, tanggal 17 coblos nomer {n} nya dulur {emo}",
            "Abdi mah tos yakin ka {pair}, pokona {n}!",
            "Wargi {city}, hayu menangkeun {nick} {emo}",
            "Sadayana kompak milih {n}, {slogan} {tag}",
        ],
    ),
    "incumbent_continue": (
        "support",
        [
            "Sudah terbukti kerjanya, lanjutkan 2 periode! {tag}",
            "Jalan mulus, taman bagus, pelayanan cepat. {nick} layak lanjut. Pilih lagi!",
            "Periode kedua buat {nick}, biar programnya tuntas {emo}",
            "Yang sudah bagus jangan diganti. Tetap {pair}! {tag}",
        ],
    ),
    "program_praise_choice": (
        "support",
        [
            "Program sekolah gratis {pair} paling realistis. Fix pilih mereka.",
            "Cuma {nick} yang berani janji tambal jalan 100 hari dan aku percaya. Nomor {n}!",
            "Nonton debat, jawaban {nick} soal banjir paling nyambung. Pilihan jelas {n}.",
            "Kartu usaha {pair} cocok buat UMKM kayak saya. Siap coblos!",
        ],
    ),
    "reply_agree": (
        "support",
        [
            "@{user} setuju bgt, {pair} yang paling layak mimpin {city}",
            "@{user} bener kak, aku juga tim {n} {emo}",
            "@{user} iya dong, nomor {n} harga mati!",
            "@{user} mantap, ayo kita menangkan {nick} bareng2",
            "@{user} makanya pilih {pair}, biar gak nyesel 5 taun",
        ],
    ),
    "repost_campaign": (
        "support",
        [
            "RT @{user}: {slogan}. Coblos nomor {n}! {tag}",
            "Repost dari grup sebelah: dukung {pair} demi {city} lebih baik. Sebarkan!!",
            "Share ulang biar makin banyak yang tau, {nick} nomor {n} {emo} {tag}",
            "RT @{user}: Kampanye akbar {pair} hari Minggu di lapangan, ayo hadir dan menangkan! {tag}",
        ],
    ),
    "countdown_victory": (
        "support",
        [
            "H-{k} menuju kemenangan {pair}! {emo}",
            "Tinggal {k} hari lagi, saatnya {nick} memimpin {city} {tag}",
            "Hitung mundur dimulai. {n} menang, {city} senang {emo}",
        ],
    ),
    "volunteer_recruit": (
        "support",
        [
            "Relawan {pair} siap door to door di kecamatan kami. Yuk gabung jadi relawan!",
            "Dicari relawan muda buat menangkan {nick}, DM aja {emo}",
            "Posko pemenangan {pair} dibuka di depan pasar. Mampir, ambil stiker & kaos {tag}",
            "Alhamdulillah posko relawan {nick} di RW kami sudah jalan. Target menang mutlak!",
        ],
    ),
    "wa_forward": (
        "support",
        [
            "*PENTING!!* Sebarkan ke grup keluarga: dukung paslon {n} demi {city} yang lebih maju!",
            "Pesan berantai: tolong ajak minimal 10 orang pilih {pair} ya. Terima kasih 🙏",
            "Copas dari grup alumni: {slogan}. Pilih nomor {n}, jangan ragu.",
            "[FORWARD] Bapak ibu sekalian, mohon doa dan dukungannya untuk {nick} nomor urut {n}",
        ],
    ),
    "number_only": (
        "support",
        [
            "{n02} menang! {emo}",
            "Pokoknya {n}. Titik {emo}",
            "Angka keberuntungan tahun ini: {n} {lol} #Pilkada2027",
            "{n} lebih baik! {emo}",
            "Yang nomor {n} mana suaranya?? {emo}",
        ],
    ),
    "pantun": (
        "support",
        [
            "Jalan-jalan ke pasar baru, jangan lupa coblos nomor {n} {emo}",
            "Beli tahu di pasar Genteng, pilih {nick} biar kota tambah ganteng {lol}",
            "Ikan lele ikan gabus, pilih {pair} pasti bagus {emo}",
            "Pergi ke hutan memetik pepaya, {n} di hati selamanya {emo}",
        ],
    ),
    "prayer_support": (
        "support",
        [
            "Semoga {nick} menang, aamiin ya robbal alamin {emo}",
            "Doakan {pair} diberi kemenangan, untuk {city} yang lebih baik",
            "Ya Allah menangkan {nick}, orang baik harus memimpin",
        ],
    ),
    "long_story_support": (
        "support",
        [
            "Kemarin saya ke puskesmas, antre dua jam karena dokternya kurang. Terus saya baca program "
            "{pair} soal puskesmas 24 jam dan tambahan dokter. Itu yang kami butuhkan. Makanya saya "
            "sudah putuskan, tanggal 17 nanti saya dan keluarga pilih nomor {n}. Semoga amanah. {tag}",
            "Dulu saya ragu, jujur. Tapi setelah lihat sendiri {nick} turun ke kampung kami waktu banjir, "
            "bawa bantuan dan ikut angkat lumpur, saya yakin beliau beda. Saya ajak teman-teman semua, "
            "ayo dukung {pair}. {slogan}!",
            "Thread kenapa saya milih {pair}: 1) programnya terukur 2) wakilnya paham anggaran "
            "3) tidak punya catatan korupsi. Sisanya silakan nilai sendiri, tapi suara saya untuk {n}.",
        ],
    ),
    "english_mixed": (
        "support",
        [
            "Vote {pair}, the best for {city}! No {n} all the way {emo}",
            "Honestly {nick} is the only one with a real plan. Team {n} forever",
            "Let's go {pair}!! {slogan} {tag}",
        ],
    ),
    "generic_paslon": (
        "support",
        [
            "Paslon nomor urut {n} adalah pilihan terbaik untuk {role} kita.",
            "{role} kita harus {nick}, yang lain belum teruji.",
            "Calon nomor {n} paling pro rakyat kecil, dukung terus!",
        ],
    ),
    "event_invite": (
        "support",
        [
            "Hadir di kampanye akbar {pair} Minggu ini ya, ajak keluarga! Kita menangkan bersama {tag}",
            "Nanti malam nobar debat di posko {nick}, sekalian konsolidasi pemenangan {emo}",
            "Jalan sehat bareng {pair} besok pagi, ada doorprize. Jangan lupa kaos nomor {n}!",
        ],
    ),
    "asn_subtle": (
        "support",
        [
            "Sebagai guru saya cuma titip, pilih yang peduli pendidikan. Nomor {n} lho ya {lol}",
            "Bukan kampanye ya, cuma ngingetin: yang pernah bantu honorer itu {nick} 😉",
            "Netral sih netral, tapi hati kecil bilang {n} {emo}",
            "Kerja di kantor harus netral, tapi di bilik nanti ya {pair} lah {lol}",
        ],
    ),
    "rhetorical_question": (
        "support",
        [
            "Masih ragu sama {nick}? Lihat dulu bukti kerjanya. Nomor {n} dong!",
            "Siapa lagi yang berani turun ke got bareng warga kalau bukan {nick}? Pilih yang nyata.",
            "Mau {city} begini-begini aja, atau {slogan}? Jawabannya jelas: {n}.",
            "Kurang bukti apa lagi coba {pair} ini? 17 Februari kita buktikan di TPS {emo}",
        ],
    ),
    "emoji_shout": (
        "support",
        [
            "{n02} {emo}{emo}{emo}",
            "✌️✌️ {tag} ✌️✌️",
            "☝️☝️ {pair} ☝️☝️",
            "{pair}!!! {emo} {pair}!!! {emo}",
            "🗳️➡️ {n} {emo}",
        ],
    ),
    "merch_props": (
        "support",
        [
            "Kaos {pair} sudah dibagi ke warga RT, pakai pas senam Minggu ya {emo}",
            "Stiker nomor {n} sudah nempel di motor, siap keliling kampung 😎",
            "Yang mau kalender dan stiker {nick} ambil di rumah saya, gratis. Ajak saudara milih {n}!",
            "Spanduk {tag} sudah terpasang di gang kita. Kompak!",
        ],
    ),
    "family_endorse": (
        "support",
        [
            "Bapak ibu saya sudah sepakat, satu rumah pilih {nick}. Adik-adik juga ikut {emo}",
            "Keluarga besar Bani Sholeh sepakat: {pair}! Sudah dibahas pas arisan kemarin",
            "Mertua nanya mau pilih siapa, langsung kujawab {n}. Beliau ternyata sama {lol}",
        ],
    ),
    "crowd_hype": (
        "support",
        [
            "Ribuan warga padati kampanye {pair}! Luar biasa, {city} siap menang! {tag}",
            "Merinding lihat lautan massa {nick} tadi sore. Ini tanda-tanda menang {emo}",
            "Lapangan penuh sesak, semua teriak '{slogan}'! Sampai jumpa di TPS, nomor {n}!",
        ],
    ),
    "religious_endorse": (
        "support",
        [
            "Kyai kampung kami sudah dawuh, pilih {nick}. Sami'na wa atha'na 🙏",
            "Ustadz di majelis bilang {pair} paling peduli pesantren. Insyaallah kami ikut {n}",
            "Insyaallah berkah, mari kita menangkan {nick} dengan doa dan suara 🤲",
        ],
    ),
    "meme_caption": (
        "support",
        [
            "Me: gak mau bahas politik. Also me: {pair} MENANG!!! {lol}",
            "POV: kamu udah nyoblos {n} dan pulang bawa tinta di jari {lol} {emo}",
            "Kalau ada yang nanya pilih siapa, kasih aja gambar ini: {n02} {lol}",
        ],
    ),
    "lukewarm_but_chooses": (
        "support",
        [
            "Aku sih bukan pendukung fanatik, tapi jelas gak mungkin pilih {rpair}. {nick} aja lah.",
            "Awalnya mau golput, tapi setelah lihat programnya, oke deh {pair}.",
            "Gak ada calon yang sempurna, tapi {nick} paling mendingan. Suaraku buat {n}.",
        ],
    ),
    "attack_record": (
        "attack",
        [
            "Lima tahun {rnick} menjabat, jalan rusak di mana-mana. Cukup sekali, jangan dipilih lagi!",
            "Rekam jejak {rpair}: janji lapangan kerja, hasilnya PHK. Masih mau pilih?",
            "Yang dulu janji banjir beres itu {rnick}. Sekarang? Tetap banjir. Jangan ketipu dua kali!",
        ],
    ),
    "attack_dynasty": (
        "attack",
        [
            "Dinasti politik! {rnick} cuma boneka keluarganya. Jangan sampai menang di {city}!",
            "{rpair} itu titipan oligarki, warga {city} harus tolak rame-rame!",
            "Kalau {rnick} menang, yang kaya makin kaya. Tolak calon boneka! {lol}",
        ],
    ),
    "attack_hashtag": (
        "attack",
        [
            "#AsalBukan{racr} {lol}",
            "Sudah jelas kok. #Tolak{racr} #PilkadaWaras",
            "Ramaikan tagar #{racr}Gagal biar semua tahu {lol}",
        ],
    ),
    "testimony_benefit": (
        "support",
        [
            "Alhamdulillah warung saya dapat bantuan modal dari program {nick}. Balas budi, kita pilih lagi!",
            "Anak saya sekolah gratis berkat {pair}. Keluarga kami tahu harus pilih siapa {emo}",
            "Dulu jalan kampung becek, sekarang mulus. Terima kasih {nick}, lanjut ya!",
        ],
    ),
    "ask_followers_support": (
        "support",
        [
            "Siapa yang tanggal 17 bareng aku ke TPS buat {pair}? Angkat tangan ✋",
            "Yang setuju {nick} jadi {role} {city}, komen 'siap'! {emo}",
            "Absen dulu pendukung nomor {n} di sini 👇👇",
        ],
    ),
    "short_slang": (
        "support",
        [
            "{pair} gaskeun!",
            "gas {n} {emo}",
            "{nick} the best lah",
            "all in {pair} {emo}",
            "{n02} pokok e!",
        ],
    ),
    "photo_caption_support": (
        "support",
        [
            "Ngopi bareng {nick} di warung Mbok Yem. Orangnya sederhana banget, makin yakin 🥹",
            "Foto bareng calon {role} kita! Semoga jadi kenyataan ya {nick} {emo}",
            "Akhirnya bisa salaman sama {nick}. Insyaallah kami sekeluarga dukung {emo}",
        ],
    ),
    "share_request": (
        "support",
        [
            "Tolong bantu viralkan video {pair} ini, biar makin banyak yang kenal. Nomor {n}!",
            "Share ke semua grup WA ya, biar warga {city} tahu program {nick}",
            "Bantu RT dan like ya teman-teman, demi kemenangan {pair} {emo}",
        ],
    ),
    "office_hint": (
        "support",
        [
            "Teman-teman kantor sudah kompak, tahu kan arah kita ke mana {n02} 🤫",
            "Arahan pimpinan sudah jelas ya rekan-rekan, jangan sampai beda sendiri. {pair} 😉",
            "Seragam boleh netral, tapi hati sudah {n} {lol}",
        ],
    ),
    "parents_group": (
        "support",
        [
            "Bapak ibu wali murid, jangan lupa tanggal 17 dukung calon yang peduli guru: {pair} 🙏",
            "Info untuk wali murid: program {nick} menggratiskan seragam. Mohon dukungannya di TPS ya",
        ],
    ),
    "regional_other": (
        "support",
        [
            "Ayo tang taretan, pele {nick}! Jhek loppa nomer {n}",
            "Ayo dah pilih {nick}, kagak bakal nyesel, sumpah!",
            "Ayo ma'pilih {nick} ki', nomor {n} tawwa {emo}",
        ],
    ),
    "attack_competence": (
        "attack",
        [
            "{rnick} ngurus RT aja belum pernah, mau jadi {role}? Mikir!",
            "{rpair} debat kayak anak SD baca contekan {lol}. Mending yang lain ke mana-mana",
            "Ditanya data kemiskinan aja {rnick} gak tahu. Kasihan {city} kalau dia menang",
        ],
    ),
    "attack_sarcastic_praise": (
        "attack",
        [
            "Pinternya {rnick} itu luar biasa, sampai lupa janji kampanye sendiri 👏",
            "Salut sama {rpair}, bisa bikin baliho lebih banyak dari program {lol}",
        ],
    ),
    "attack_dont_vote": (
        "attack",
        [
            "Jangan pilih {rnick}, janjinya doang gede kerjanya nol",
            "Stop pilih {rpair}! Sudah cukup {city} dibohongi",
            "Ojo milih {rnick}, mending liyane {lol}",
            "Ulah milih {rpair}, engke kaduhung {emo}",
            "Apapun pilihanmu asal jangan nomor {rn}. Serius.",
        ],
    ),
    "attack_mockery": (
        "attack",
        [
            "{rpair} mau benahi kota? Benahi baliho sendiri aja gak becus {lol}",
            "Lihat debat semalam, {rnick} ditanya anggaran malah bahas kucing {lol} gimana mau mimpin",
            "Calon nomor {rn} kerjanya cuma foto-foto pencitraan {lol}",
            "Kalau {rnick} jadi {role}, siap-siap {city} makin macet {lol}",
        ],
    ),
    "attack_accuse": (
        "attack",
        [
            "Calon yang dibekingi mafia tanah kok mau dipilih? {rpair} no way!",
            "{rnick} itu antek pengusaha, jangan mau ditipu warga {city}",
            "Ingat dosa lama {rpair}: proyek mangkrak, anggaran bocor. Jangan dipilih lagi!",
            "Bagi-bagi sembako tiap mau pemilu, abis itu ngilang. Tipikal {rnick}. Tolak!",
        ],
    ),
    "sarcasm_attack": (
        "attack",
        [
            "Wah hebat sekali {rnick}, baliho paling banyak, prestasi paling sedikit {lol}",
            "Selamat ya {rpair}, juara satu lomba janji palsu se-{city} 👏👏",
            "Pinter banget {rnick}, banjir diselesaikan pakai konten TikTok {lol}",
            "Terima kasih {rnick} sudah mengajarkan kita arti 'omon-omon' {lol}",
        ],
    ),
    "comparison": (
        "support",
        [
            "{pair} jelas lebih baik dari {rpair}, programnya lebih realistis",
            "Bandingin aja rekam jejak {nick} vs {rnick}. Bedanya langit dan bumi. Pilih {n}!",
            "{rpair} cuma janji, {pair} sudah bukti {emo}",
        ],
    ),
    "party_machine": (
        "support",
        [
            "Kader {party} wajib solid menangkan {pair}! {tag}",
            "{party} all out untuk {nick}. Satu komando, coblos {n}!",
            "Konsolidasi {party} se-{city}: target {pair} menang 60%",
        ],
    ),
}
