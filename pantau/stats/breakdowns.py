"""Breakdown tables: violation, position group, agency, region, platform and week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pantau.regions import province_of, region_name
from pantau.scope import in_scope
from pantau.stats.period import Filters, week_start
from pantau.stats.rollup import POSTS
from pantau.stats.tables import Chart, Table, percent
from pantau.taxonomy import get_taxonomy

if TYPE_CHECKING:
    from pantau.stats.dashboard import Inputs

UNKNOWN = "Tidak diketahui"
UNLINKED = "Belum tertaut ke registri ASN"
GROUPS = ("JPT", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
FINDINGS, CASES = "Temuan terkonfirmasi", "Kasus dibuat"


def position_group(code: str | None) -> str:
    if not code:
        return UNKNOWN
    try:
        return get_taxonomy().position_category(code).group
    except KeyError:
        return UNKNOWN


def violations(data: Inputs) -> Table:
    findings = Counter(d.violation_code or UNKNOWN for d in data.confirmed)
    cases = Counter(code for c in data.cases for code in (c.violation_codes or [UNKNOWN]))
    labels = {v.code: v.label for v in get_taxonomy().violations}
    codes = [c for c in labels if findings[c] or cases[c]]
    codes += sorted(set(findings) | set(cases) - set(labels))
    rows: list[list[str | int | float | None]] = [
        [code, labels.get(code, ""), findings[code], cases[code]] for code in codes
    ]
    return Table(
        "pelanggaran",
        "Kategori pelanggaran",
        ["Kode", "Uraian", FINDINGS, CASES],
        rows,
        Chart("bar", (2, 3)),
        "Satu kasus dapat memuat lebih dari satu kategori.",
    )


def positions(data: Inputs) -> Table:
    findings = Counter(position_group(d.position_category) for d in data.confirmed)
    cases = Counter(position_group(c.position_category) for c in data.cases)
    keys = [*GROUPS, *(k for k in sorted(set(findings) | set(cases)) if k not in GROUPS)]
    return Table(
        "jabatan",
        "Kategori jabatan ASN yang dilaporkan",
        ["Kategori jabatan", FINDINGS, CASES],
        [[k, findings[k], cases[k]] for k in keys],
        Chart("bar", (1, 2)),
        "Kategori dari keputusan analis, atau dari registri ASN bila analis tidak mengisinya.",
    )


def agencies(data: Inputs) -> Table:
    findings = Counter(d.agency or UNLINKED for d in data.confirmed)
    cases = Counter(c.agency or UNKNOWN for c in data.cases)
    keys = sorted(set(findings) | set(cases), key=lambda k: (-findings[k] - cases[k], k))
    return Table(
        "instansi",
        "Instansi",
        ["Instansi", FINDINGS, CASES],
        [[k, findings[k], cases[k]] for k in keys],
        Chart("bar", (1, 2)),
    )


def _region_table(
    data: Inputs, key: str, title: str, fold: Callable[[str], str], scope: str | None
) -> Table:
    regency_level = key == "kabkota"
    collected: Counter[str] = Counter()
    for (region,), (total, _) in data.facts.totals(POSTS, ("region_code",)).items():
        collected[fold(region)] += total
    flagged: Counter[str] = Counter()
    for f in data.flags:
        flagged[fold(f.region_code)] += f.count
    confirmed = Counter(fold(d.region_code) for d in data.confirmed)
    cases = Counter(fold(c.region_code) for c in data.cases)
    keys = sorted(set(collected) | set(flagged) | set(confirmed) | set(cases))
    keys = [k for k in keys if k == "" or in_scope(k, scope) or in_scope(scope, k)]
    return Table(
        key,
        title,
        ["Wilayah", "Pos dikumpulkan", "Ditandai", FINDINGS, CASES],
        [
            [_region_label(k, regency_level), collected[k], flagged[k], confirmed[k], cases[k]]
            for k in keys
        ],
        Chart("bar", (2, 3, 4)),
    )


def _regency(code: str) -> str:
    return ".".join(code.split(".")[:2]) if code else ""


def _region_label(code: str, regency_level: bool) -> str:
    if not code:
        return "Tanpa wilayah"
    suffix = " (tingkat provinsi)" if regency_level and "." not in code else ""
    return f"{code} {region_name(code)}{suffix}"


def regions(data: Inputs, scope: str | None) -> list[Table]:
    return [
        _region_table(
            data,
            "provinsi",
            "Wilayah: provinsi",
            lambda c: province_of(c) if c else "",
            scope,
        ),
        _region_table(data, "kabkota", "Wilayah: kabupaten/kota", _regency, scope),
    ]


def platforms(data: Inputs) -> Table:
    collected = {p: t for (p,), (t, _) in data.facts.totals(POSTS, ("platform",)).items()}
    flagged: Counter[str] = Counter()
    for f in data.flags:
        flagged[f.platform] += f.count
    confirmed = Counter(d.platform for d in data.confirmed)
    keys = sorted(set(collected) | set(flagged) | set(confirmed))
    return Table(
        "platform",
        "Platform",
        ["Platform", "Pos dikumpulkan", "Ditandai", FINDINGS, "Ditandai dari dikumpulkan (%)"],
        [
            [
                k,
                collected.get(k, 0),
                flagged[k],
                confirmed[k],
                percent(flagged[k], collected.get(k, 0)),
            ]
            for k in keys
        ],
        Chart("bar", (2, 3)),
    )


def _weeks(filters: Filters) -> list[date]:
    first, last = week_start(filters.period.start), week_start(filters.period.end)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _by_week(days: Iterable[tuple[str, int]]) -> Counter[date]:
    counts: Counter[date] = Counter()
    for day, n in days:
        counts[week_start(date.fromisoformat(day))] += n
    return counts


def weeks(data: Inputs, filters: Filters) -> Table:
    collected = _by_week((d, t) for (d,), (t, _) in data.facts.totals(POSTS, ("day",)).items())
    flagged = _by_week((f.day, f.count) for f in data.flags)
    reviewed = _by_week((d.day, 1) for d in data.final)
    confirmed = _by_week((d.day, 1) for d in data.confirmed)
    cases = _by_week((c.day, 1) for c in data.cases)
    return Table(
        "minggu",
        "Per minggu",
        ["Minggu (mulai Senin)", "Pos dikumpulkan", "Ditandai", "Ditinjau", FINDINGS, CASES],
        [
            [w.isoformat(), collected[w], flagged[w], reviewed[w], confirmed[w], cases[w]]
            for w in _weeks(filters)
        ],
        Chart("line", (2, 3, 4, 5)),
        "Minggu pertama dan terakhir dapat terpotong oleh periode yang dipilih.",
    )
