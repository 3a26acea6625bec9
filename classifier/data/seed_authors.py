"""Invented author profiles for the seed corpus: civil servants and everyone else."""

from __future__ import annotations

import random

ASN_BIOS = [
    "Guru SDN {k} {city} | ASN | pendidik sepenuh hati",
    "Staf Dinas Perhubungan Kota {city}",
    "PNS Pemkab. NIP {nip}",
    "Abdi negara. Kasi Pelayanan Kecamatan {city}",
    "Bidan desa, PPPK 2023 🩺",
    "Kepala Bidang Kebudayaan, Dinas Pendidikan {city}",
    "Lurah yang suka gowes 🚴",
    "ASN Kemenag | ayah dua anak",
    "Penyuluh pertanian lapangan, Pemkab",
    "Guru PPPK | SMPN {k} {city}",
]
OTHER_BIOS = [
    "Ibu rumah tangga, suka masak",
    "Mahasiswa | bobotoh sejati",
    "Wirausaha kuliner, order via DM",
    "Driver ojol, jalan terus pantang pulang",
    "Jurnalis lepas. Opini pribadi",
    "Pensiunan PNS, sekarang bertani",
    "Karyawan swasta. Pecinta kopi",
    "Pedagang pasar, 24/7 online",
    "Content creator | endorse DM",
    "",
]
FIRST = ["Dwi", "Eko", "Nur", "Rizky", "Ayu", "Bayu", "Citra", "Fikri", "Gita", "Hana", "Imam"]
LAST = ["Prasetya", "Lestiani", "Hakim", "Saputri", "Wibowo", "Maharani", "Pratama", "Kusuma"]


def make_nip(rng: random.Random) -> str:
    """An invented NIP with valid structure: birth date, appointment, sex, sequence."""
    born = rng.randint(1970, 1995)
    birth = f"{born}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"{born + rng.randint(22, 30)}{rng.randint(1, 12):02d}"
    return f"{birth} {appointed} {rng.choice('12')} {rng.randint(1, 20):03d}"


def make_author(rng: random.Random, city: str) -> dict[str, object]:
    is_asn = rng.random() < 0.5
    bio = rng.choice(ASN_BIOS if is_asn else OTHER_BIOS)
    bio = bio.format(k=rng.randint(1, 60), city=city, nip=make_nip(rng))
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {
        "handle": name.lower().replace(" ", "_") + str(rng.randint(1, 99)),
        "display_name": name,
        "bio": bio,
        "followers": int(rng.lognormvariate(5, 1.5)),
    }
