"""Word lists written for Pantau: slang, election vocabulary; stop words are spaCy's."""

from __future__ import annotations

from functools import cache

from spacy.lang.id.stop_words import STOP_WORDS

NUMBER_WORDS: dict[str, str] = {
    "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5",
    "enam": "6", "tujuh": "7", "delapan": "8", "sembilan": "9", "sepuluh": "10",
    # Javanese and Sundanese numerals: posts from Surabaya and Bandung use them.
    "siji": "1", "setunggal": "1", "loro": "2", "kalih": "2", "telu": "3", "tigo": "3",
    "papat": "4", "hiji": "1", "tilu": "3", "opat": "4",
}  # fmt: skip

# Dingbat circled digits have no NFKC decomposition, unlike ① … ⑩.
for _base in (0x2776, 0x2780, 0x278A):
    for _offset in range(10):
        NUMBER_WORDS[chr(_base + _offset)] = str(_offset + 1)

# Election slang; it wins over the everyday table below.
ELECTION_SLANG: dict[str, str] = {
    "nmr": "nomor", "nmor": "nomor", "nomer": "nomor", "nomere": "nomor", "nomore": "nomor",
    "nombor": "nomor", "nmer": "nomor", "nr": "nomor", "urt": "urut",
    "paslon": "paslon", "pslon": "paslon", "paslone": "paslon",
    "pilkd": "pilkada", "pilkda": "pilkada", "pilkades": "pilkades",
    "cblos": "coblos", "cbls": "coblos", "cobloss": "coblos", "coblos2": "coblos",
    "nyoblos": "coblos", "nyobloso": "coblos", "coblosen": "coblos", "coblosno": "coblos",
    "dicoblos": "coblos", "nyontreng": "contreng", "contrengen": "contreng",
    "plh": "pilih", "pilh": "pilih", "milih": "pilih", "pilihen": "pilih", "pilihno": "pilih",
    "dkg": "dukung", "dkng": "dukung", "dukng": "dukung", "ndukung": "dukung",
    "mnang": "menang", "menangke": "menangkan", "menangkeun": "menangkan",
    "ayok": "ayo", "ayuk": "ayo", "yuk": "ayo", "yok": "ayo", "kuy": "ayo", "hayu": "ayo",
    "hayuk": "ayo", "mayuk": "ayo", "ayoo": "ayo",
    "gaskeun": "gas", "gass": "gas", "gasss": "gas", "gaspol": "gas pol",
    "ojo": "jangan", "ojok": "jangan", "ulah": "jangan", "aja": "saja",
    "ora": "tidak", "gak": "tidak", "ga": "tidak", "nggak": "tidak", "ndak": "tidak",
    "teu": "tidak", "henteu": "tidak",
    "lali": "lupa", "poho": "lupa", "kabeh": "semua", "sadayana": "semua", "sedoyo": "semua",
    "dulur": "saudara", "dulur2": "saudara", "sing": "yang", "nu": "yang", "jeung": "dan",
    "karo": "dan", "arek": "anak", "rek": "rek", "cak": "cak", "kang": "kang", "teh": "teh",
    "bu": "bu", "pak": "pak", "mas": "mas", "mbak": "mbak", "gus": "gus",
    "wong": "orang", "tiyang": "orang", "jalmi": "orang",
    "capres": "capres", "cagub": "cagub", "cawagub": "cawagub", "cawalkot": "cawalkot",
    "cabup": "cabup", "cawabup": "cawabup", "pilgub": "pilgub", "pilwalkot": "pilwalkot",
    "pilbup": "pilbup", "tps": "tps", "kpu": "kpu", "bawaslu": "bawaslu", "asn": "asn",
    "pns": "pns", "pppk": "pppk", "golput": "golput", "timses": "timses",
    "bpk": "bapak", "ibu2": "ibu-ibu", "bapak2": "bapak-bapak", "warga2": "warga",
    "mantul": "mantap betul", "mantab": "mantap", "jos": "jos", "josss": "jos",
    "gue": "saya", "gw": "saya", "aku": "saya", "aq": "saya", "sy": "saya",
    "lo": "kamu", "lu": "kamu", "loe": "kamu", "elu": "kamu",
    "sampeyan": "kamu", "panjenengan": "kamu", "kowe": "kamu", "maneh": "kamu",
    "bgt": "sangat", "banget": "sangat", "bener": "benar", "pake": "pakai",
    "udh": "sudah", "udah": "sudah", "wis": "sudah", "blm": "belum", "durung": "belum",
    "ok": "oke", "okay": "oke", "okey": "oke", "wkwk": "wkwk", "wkwkwk": "wkwk",
}  # fmt: skip

# Surface forms the lookup table lemmatises badly; added to the lemmatizer's table.
LEMMA_OVERRIDES: dict[str, str] = {
    "dicoblos": "coblos", "coblosan": "coblos", "dipilih": "pilih", "menangkan": "menang",
    "dimenangkan": "menang", "didukung": "dukung", "dilaporkan": "lapor", "melapor": "lapor",
    "mencontreng": "contreng", "dicontreng": "contreng", "bersama": "bersama",
    "bersatu": "bersatu", "perubahan": "perubahan", "lanjutkan": "lanjut",
    "melanjutkan": "lanjut", "kampanyekan": "kampanye", "mengkampanyekan": "kampanye",
}  # fmt: skip

# Stop words that carry meaning in slogans, vote calls and negated calls, so they stay.
_KEEP = [
    "baru", "tetap", "bersama", "jangan", "tidak", "bukan", "ayo", "mari", "harus", "pilih",
    "lanjut", "lanjutkan", "maju", "menang", "kedua", "pertama", "siapa", "kapan", "apa",
    "semua", "rakyat",
]  # fmt: skip
KEEP_WORDS = frozenset(_KEEP) | frozenset(NUMBER_WORDS)

# Words (or lemmas) that, next to a contestant, say "for them" or "against them". They
# carry meaning across phrasings that n-grams learned from a few templates do not.
_SUPPORT = [
    "menang", "dukung", "pilih", "coblos", "mantap", "hebat", "terbaik", "layak", "pantas",
    "amanah", "bukti", "terbukti", "lanjut", "periode", "gas", "yakin", "percaya", "siap",
    "kompak", "solid", "relawan", "posko", "pemenangan", "juara", "jos", "keren", "idola",
    "harapan", "titip", "fix",
    "pokoknya", "pasti", "kawal", "hadir", "bangga", "cinta", "mendingan", "suara", "tim",
    "nyata", "peduli", "berani", "merakyat", "satu putaran", "harga mati", "for", "vote",
]  # fmt: skip
_ATTACK = [
    "gagal", "korup", "korupsi", "bohong", "palsu", "pencitraan", "boneka", "oligarki",
    "dinasti", "tolak", "becus", "mangkrak", "antek", "mafia", "tipu", "nyesel", "kaduhung",
    "malu", "omon", "bualan", "muak", "titipan", "rusak", "ngilang", "doang", "nol", "telat",
    "asal bukan", "jangan dipilih", "jangan pilih", "no way", "ketipu", "dibohongi",
]  # fmt: skip
SUPPORT_CUES = frozenset(w for w in _SUPPORT if " " not in w)
ATTACK_CUES = frozenset(w for w in _ATTACK if " " not in w)
SUPPORT_PHRASES = tuple(w for w in _SUPPORT if " " in w)
ATTACK_PHRASES = tuple(w for w in _ATTACK if " " in w)
TARGET_WORDS = frozenset(
    ["paslon", "calon", "kandidat", "cagub", "cawagub", "cawalkot", "cabup", "capres", "petahana"]
)

# Context words for the cue features (classifier/cues.py); words or lemmas.
FIRST_PERSON = frozenset(
    ["saya", "kami", "kita", "keluarga", "abdi", "kulo", "aing", "sekeluarga", "pribadi"]
)
CALL_WORDS = frozenset(
    ["ayo", "mari", "ajak", "wajib", "harus", "lupa", "monggo", "mangga", "sebarkan", "viralkan",
     "menangkan", "kawal", "gas", "gaspol", "pilihlah", "dukunglah", "coblosen", "ramaikan"]
)  # fmt: skip
NEWS_WORDS = frozenset(
    ["ujar", "ujarnya", "kata", "katanya", "ungkap", "menurut", "mengatakan", "menyampaikan",
     "wartawan", "laporan", "wib", "diumumkan", "umumkan", "gelar", "menggelar", "resmikan",
     "meresmikan", "lantik", "melantik", "dihadiri", "rilis", "berlangsung", "selengkapnya",
     "simak", "jadwal", "tema", "disiarkan", "siar", "live", "resmi", "sementara", "survei",
     "pengamat", "redaksi", "menyebut", "menilai", "imbau", "mengimbau", "target", "janji",
     "berjanji", "tinjau", "meninjau", "serah", "menyerahkan", "profil", "daftar", "mendaftar",
     "hasil", "rekap", "rekapitulasi", "hitung", "panitia", "polisi", "personel", "hoaks",
     "hoax", "fakta", "faktanya", "beredar", "klaim", "disinformasi", "bantah", "membantah"]
)  # fmt: skip
OTHER_CONTEST_WORDS = frozenset(
    ["gol", "skor", "tanding", "pertandingan", "liga", "timnas", "kuis", "undian", "arisan",
     "lomba", "kontestan", "polling", "giveaway", "osis", "jersey", "punggung", "antrian",
     "antrean", "loket", "doorprize", "pulsa", "voucher", "juri", "audisi", "turnamen",
     "klasemen", "pelari", "atlet", "wasit", "soal", "menu", "paket", "karang", "duta",
     "kampus", "koperasi", "himpunan", "stadion", "resep", "lantai", "kursi", "peringkat"]
)  # fmt: skip
# Saying one takes no side, or that any side will do.
NEUTRAL_WORDS = frozenset(
    ["netral", "siapapun", "manapun", "apapun", "siapa", "semua", "masing", "nurani", "objektif",
     "berimbang", "imparsial"]
)  # fmt: skip
ELECTION_WORDS = frozenset(
    ["pilkada", "pemilu", "pilgub", "pilwalkot", "pilbup", "tps", "kpu", "paslon", "calon",
     "kampanye", "coblos", "contreng", "bilik", "cagub", "cawalkot", "cabup", "pencoblosan",
     "pemilih", "suara", "petahana", "periode", "timses", "relawan", "posko", "golput"]
)  # fmt: skip

# Common words that must not be matched as candidate first names on their own.
_COMMON = [
    "maya", "sri", "dian", "asri", "jaya", "putra", "putri", "dewi", "bumi", "indah", "sari",
    "ayu", "baru", "maju", "kerja", "nyata", "mulia", "bangkit", "cahaya", "rakyat", "karya",
    "bintang", "suara", "hijau", "lestari", "mandiri", "kasih", "budi",
]  # fmt: skip
COMMON_WORDS = frozenset(_COMMON)


# Everyday informal spellings -> standard Indonesian, written for Pantau from common use
# in Indonesian social media (abbreviations, Jakarta colloquial, frequent typos). Only
# words whose expansion is unambiguous; words that are also standard (e.g. "kali") stay.
EVERYDAY_SLANG: dict[str, str] = {
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk",
    "tdk": "tidak", "gk": "tidak", "ngga": "tidak", "enggak": "tidak", "engga": "tidak",
    "nggk": "tidak", "tak": "tidak", "kagak": "tidak", "gak": "tidak",
    "sdh": "sudah", "sdah": "sudah", "dah": "sudah", "blum": "belum", "belom": "belum",
    "krn": "karena", "karna": "karena", "krna": "karena", "soalnya": "karena",
    "dr": "dari", "dri": "dari", "pd": "pada", "dlm": "dalam", "dl": "dulu",
    "jd": "jadi", "jdi": "jadi", "tp": "tapi", "tpi": "tapi", "kl": "kalau", "klo": "kalau",
    "kalo": "kalau", "klu": "kalau", "kalu": "kalau", "sm": "sama", "ama": "sama",
    "bs": "bisa", "bsa": "bisa", "org": "orang", "orng": "orang", "skrg": "sekarang",
    "skrang": "sekarang", "skr": "sekarang", "sbg": "sebagai", "spt": "seperti",
    "kyk": "kayak", "kek": "kayak", "gmn": "bagaimana", "gimana": "bagaimana",
    "gmna": "bagaimana", "knp": "kenapa", "knapa": "kenapa", "napa": "kenapa",
    "emg": "memang", "emang": "memang", "mmg": "memang", "msh": "masih", "msih": "masih",
    "lg": "lagi", "lgi": "lagi", "jg": "juga", "jga": "juga", "aj": "saja", "aja": "saja",
    "ajah": "saja", "doang": "doang", "bnyk": "banyak", "byk": "banyak", "bnyak": "banyak",
    "tau": "tahu", "tahu": "tahu", "tw": "tahu", "liat": "lihat", "lht": "lihat",
    "denger": "dengar", "ngerti": "mengerti", "paham": "paham", "bilang": "bilang",
    "bkn": "bukan", "bukan": "bukan", "mo": "mau", "mw": "mau", "pengen": "ingin",
    "pingin": "ingin", "pgn": "ingin", "trs": "terus", "trus": "terus", "ttp": "tetap",
    "tetep": "tetap", "hrs": "harus", "msti": "mesti", "mesti": "mesti", "bgs": "bagus",
    "bgus": "bagus", "mkn": "makan", "mkan": "makan", "mnm": "minum", "dpt": "dapat",
    "dapet": "dapat", "bnr": "benar", "sy": "saya",
    "ane": "saya", "gua": "saya", "km": "kamu", "kmu": "kamu", "ente": "kamu",
    "kalian": "kalian", "kt": "kita", "mrk": "mereka", "dy": "dia", "doi": "dia",
    "tuh": "itu", "tu": "itu", "ni": "ini", "nih": "ini", "gini": "begini", "gitu": "begitu",
    "gt": "begitu", "gtu": "begitu", "bgtu": "begitu", "sih": "sih", "dong": "dong",
    "deh": "deh", "kok": "kok", "kan": "kan", "tdr": "tidur", "bobo": "tidur",
    "brp": "berapa", "brapa": "berapa", "sblm": "sebelum", "stlh": "setelah", "abis": "habis",
    "abs": "habis", "ntar": "nanti", "ntr": "nanti", "nnti": "nanti", "td": "tadi",
    "bsk": "besok", "bsok": "besok", "kmrn": "kemarin", "kemaren": "kemarin",
    "thn": "tahun", "bln": "bulan", "hr": "hari", "mgg": "minggu", "sampe": "sampai",
    "smp": "sampai", "ampe": "sampai", "bikin": "buat", "bkin": "buat",
    "ngasih": "kasih", "kasi": "kasih", "makasih": "terima kasih", "mksh": "terima kasih",
    "trims": "terima kasih", "thx": "terima kasih", "tq": "terima kasih",
    "pdhl": "padahal", "pdahal": "padahal", "mgkn": "mungkin", "mngkn": "mungkin",
    "cm": "cuma", "cuman": "cuma", "cma": "cuma", "bnget": "sangat", "bngt": "sangat",
    "bgt": "sangat", "bangettt": "sangat", "sll": "selalu", "slalu": "selalu",
    "sngt": "sangat", "sgt": "sangat", "tmn": "teman", "temen": "teman", "kawan": "teman",
    "sodara": "saudara", "ortu": "orang tua", "bokap": "ayah", "nyokap": "ibu",
    "duit": "uang", "doku": "uang", "gaji": "gaji", "murce": "murah", "mahal": "mahal",
    "rmh": "rumah", "jln": "jalan", "jl": "jalan", "kpd": "kepada", "ttg": "tentang",
    "tntg": "tentang", "dpn": "depan", "blkg": "belakang", "sblh": "sebelah",
    "gede": "besar", "gedhe": "besar", "kecil": "kecil", "dikit": "sedikit", "sdkt": "sedikit",
    "cepet": "cepat", "lelet": "lambat", "males": "malas", "capek": "lelah", "cape": "lelah",
    "seneng": "senang", "sneng": "senang", "sedih": "sedih", "marah": "marah",
    "kesel": "kesal", "ngeri": "ngeri", "mantep": "mantap", "mantab": "mantap",
    "keren": "keren", "kren": "keren", "asik": "asyik", "asyik": "asyik", "enak": "enak",
    "uenak": "enak", "parah": "parah", "ancur": "hancur", "ribet": "rumit",
    "nyari": "cari", "nyariin": "cari", "nunggu": "tunggu", "nanya": "tanya",
    "ngomong": "bicara", "ngomongin": "bicara", "ngobrol": "bicara", "ngeliat": "lihat",
    "ngeliatin": "lihat", "nonton": "tonton", "ketemu": "bertemu", "pake": "pakai",
    "dipake": "dipakai", "ngurus": "urus", "ngerjain": "kerjakan", "ngajak": "ajak",
    "bohongin": "bohongi", "dibohongin": "dibohongi", "bener": "benar", "beneran": "benar",
    "kyknya": "sepertinya",
    "kayaknya": "sepertinya", "kynya": "sepertinya", "sptnya": "sepertinya",
    "pemerintahnya": "pemerintah", "presidennya": "presiden", "pilpres": "pilpres",
    "cawapres": "cawapres", "pemilu": "pemilu", "caleg": "caleg", "parpol": "partai",
}  # fmt: skip


@cache
def stop_words() -> frozenset[str]:
    """spaCy's Indonesian stop words minus the words that carry meaning in slogans and calls."""
    return frozenset(STOP_WORDS) - KEEP_WORDS


@cache
def slang() -> dict[str, str]:
    """Informal -> formal: the everyday table, the election table on top."""
    table = {k: v for k, v in EVERYDAY_SLANG.items() if k != v}
    table.update(ELECTION_SLANG)
    return table


_ELECTION_WORDS = [
    "coblos", "pilih", "dukung", "menang", "nomor", "paslon", "urut", "ayo", "salam", "jari",
    "jempol", "kerja", "nyata", "bangkit", "bersama", "lanjut", "lanjutkan", "perubahan",
    "saatnya", "hebat", "makmur", "jaya", "menang", "rakyat", "kota", "kabupaten", "provinsi",
    "jatim", "jabar", "jateng", "surabaya", "bandung", "malang", "bersatu", "sejahtera", "untuk",
    "semua", "pasti", "lagi", "terus", "periode", "gas", "pol", "golput", "pemilu", "pilkada",
]  # fmt: skip


@cache
def known_words() -> frozenset[str]:
    """Words the hashtag segmenter may cut a lower-case hashtag into."""
    words = set(stop_words()) | KEEP_WORDS | set(ELECTION_SLANG.values())
    for formal in slang().values():
        words.update(formal.split())
    words.update(_ELECTION_WORDS)
    return frozenset(w for w in words if w.isalpha() and len(w) > 1)
