"""Flash messages carried across a redirect as a short code in the query string.

Only codes from this table are shown, so a crafted URL cannot put words on the page.
"""

from __future__ import annotations

from starlette.datastructures import QueryParams

MESSAGES: dict[str, tuple[str, str]] = {
    "kosong": ("ok", "Tidak ada butir lain dalam antrean wilayah Anda. Kerja bagus!"),
    "tersimpan": ("ok", "Keputusan tersimpan."),
    "dikonfirmasi": ("ok", "Butir dikonfirmasi sebagai pelanggaran."),
    "ditolak": ("ok", "Butir ditolak."),
    "dieskalasi": ("ok", "Butir dieskalasi ke supervisor."),
    "dilepas": ("ok", "Butir dikembalikan ke antrean."),
    "diambil": ("ok", "Butir ini sekarang Anda tinjau."),
    "diurungkan": ("ok", "Keputusan diurungkan. Butir ini kembali Anda tinjau."),
    "dibuka-kembali": ("ok", "Butir dibuka kembali dan masuk antrean lagi."),
    "massal": ("ok", "{n} butir ditolak."),
    "massal-lewat": ("warn", "{n} butir ditolak; {m} dilewati karena sedang ditinjau analis lain."),
    "tertaut": ("ok", "Akun ditautkan ke data ASN."),
    "lepas-tautan": ("ok", "Tautan akun ke data ASN dilepas."),
    "bukan-asn": ("ok", "Akun ditandai bukan ASN."),
    "laporan": ("ok", "Tautan laporan masyarakat direkam, dinilai, dan ditambahkan ke antrean."),
    "laporan-tanpa-skor": (
        "warn",
        "Tautan direkam dan masuk antrean, tetapi belum dinilai: model klasifikasi belum "
        "terpasang. Nilai sendiri dari isi unggahan.",
    ),
    "laporan-ada": ("warn", "Unggahan ini sudah ada di antrean; buktinya direkam ulang."),
}


def flash_from(params: QueryParams) -> tuple[str, str] | None:
    code = params.get("pesan", "")
    if code not in MESSAGES:
        return None
    kind, template = MESSAGES[code]
    n, m = params.get("n", ""), params.get("m", "")
    return kind, template.format(n=n if n.isdigit() else "", m=m if m.isdigit() else "")
