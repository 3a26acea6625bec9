"""Flash messages carried across a redirect as a short code in the query string
(`?pesan=code`, with `n` and `m` for counts). Every page's codes are in this one table.

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
    # Cases
    "dibuat": ("ok", "Kasus dibuat sebagai draf."),
    "diajukan": ("ok", "Kasus diajukan untuk persetujuan supervisor."),
    "disetujui": ("ok", "Kasus disetujui dan masuk antrean pengiriman."),
    "dikembalikan": ("ok", "Kasus dikembalikan kepada pembuatnya."),
    "ditarik": ("ok", "Kasus ditarik."),
    "disunting": ("ok", "Perubahan tersimpan."),
    "tindak-lanjut": ("ok", "Tindak lanjut dicatat."),
    "kirim-ulang": ("ok", "Pengiriman dijadwalkan ulang."),
    "tindak-lanjut-impor": ("ok", "Berkas tindak lanjut diimpor."),
    "tindak-lanjut-sama": ("warn", "Semua baris di berkas itu sudah tercatat sebelumnya."),
    "terkirim": ("ok", "Laporan dikirim sekarang; lihat tujuan dan tanda terimanya di bawah."),
    "kirim-tertunda": (
        "warn",
        "Pengiriman belum berhasil; galatnya tercatat di bawah dan akan dicoba lagi.",
    ),
    # Administration
    "pengguna-dibuat": ("ok", "Pengguna dibuat."),
    "pengguna-disimpan": ("ok", "Perubahan pengguna disimpan."),
    "sandi-diganti": ("ok", "Kata sandi diganti; sesi lama pengguna itu berakhir."),
    "pengguna-nonaktif": ("ok", "Pengguna dinonaktifkan."),
    "pengguna-aktif": ("ok", "Pengguna diaktifkan kembali."),
    "sumber-dibuat": ("ok", "Sumber dibuat."),
    "sumber-disimpan": ("ok", "Perubahan sumber disimpan."),
    "sumber-aktif": ("ok", "Sumber diaktifkan."),
    "sumber-nonaktif": ("ok", "Sumber dinonaktifkan."),
    "perayapan-dimulai": ("ok", "Perayapan dimulai di latar belakang; putarannya muncul di bawah."),
    "registri-diimpor": ("ok", "Registri diimpor: {n} baris baru, {m} diperbarui."),
    "model-aktif": ("ok", "Versi model diaktifkan."),
}


def flash_from(params: QueryParams) -> tuple[str, str] | None:
    """(kind, text) for the page's `pesan` code, or None for no code or an unknown one.
    A count that is missing or not a number shows as "?": the URL's text never does."""
    code = params.get("pesan", "")
    if code not in MESSAGES:
        return None
    kind, template = MESSAGES[code]
    n, m = params.get("n", ""), params.get("m", "")
    return kind, template.format(n=n if n.isdigit() else "?", m=m if m.isdigit() else "?")
