"""Breakdown tables: violation, position group, agency, region, platform and week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pantau.regions import province_of, region_name
from pantau.scope import in_scope
from pantau.stats.facts import AGENCY, FINAL, FLAGS, POSITION, POSTS, VIOLATION, position_group
from pantau.stats.period import Filters, week_start
from pantau.stats.tables import Cell, Chart, Table, percent
from pantau.taxonomy import get_taxonomy

if TYPE_CHECKING:
    from pantau.stats.inputs import Inputs

UNKNOWN = "Tidak diketahui"
UNLINKED = "Belum tertaut ke registri ASN"
GROUPS = ("JPT", "Administrator", "Pengawas", "Pelaksana", "Fungsional")
FINDINGS, CASES = "Temuan terkonfirmasi", "Kasus dibuat"


def _counts(data: Inputs, kind: str, blank: str) -> Counter[str]:
    return Counter({k or blank: total for k, (total, _) in data.facts.by_key(kind).items()})


def violations(data: Inputs) -> Table:
    findings = _counts(data, VIOLATION, UNKNOWN)
    cases = Counter(code for c in data.cases for code in (c.violation_codes or [UNKNOWN]))
    labels = {v.code: v.label for v in get_taxonomy().violations}
    codes = [c for c in labels if findings[c] or cases[c]]
    codes += sorted((set(findings) | set(cases)) - set(labels))
    rows: list[list[Cell]] = [
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
    findings = _counts(data, POSITION, UNKNOWN)
    cases = Counter(position_group(c.position_category) or UNKNOWN for c in data.cases)
    keys = [*GROUPS, *(k for k in sorted(set(findings) | set(cases)) if k not in GROUPS)]
    return Table(
        "jabatan",
        "Kategori jabatan ASN yang dilaporkan",
        ["Kategori jabatan", FINDINGS, CASES],
        [[k, findings[k], cases[k]] for k in keys],
        Chart("bar", (1, 2)),
        "Temuan: kategori dari keputusan analis, atau dari registri ASN bila akun tertaut.",
    )


def agencies(data: Inputs) -> Table:
    findings = _counts(data, AGENCY, UNLINKED)
    cases = Counter(c.agency or UNKNOWN for c in data.cases)
    keys = sorted(set(findings) | set(cases), key=lambda k: (-findings[k] - cases[k], k))
    return Table(
        "instansi",
        "Instansi",
        ["Instansi", FINDINGS, CASES],
        [[k, findings[k], cases[k]] for k in keys],
        Chart("bar", (1, 2)),
    )


def _by_region(data: Inputs, kind: str, fold: Callable[[str], str]) -> tuple[Counter[str], ...]:
    totals: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    for (region,), (total, part) in data.facts.totals(kind, ("region_code",)).items():
        totals[fold(region)] += total
        parts[fold(region)] += part
    return totals, parts


def _region_table(
    data: Inputs, key: str, title: str, fold: Callable[[str], str], scope: str | None
) -> Table:
    collected, _ = _by_region(data, POSTS, fold)
    flagged, _ = _by_region(data, FLAGS, fold)
    _, confirmed = _by_region(data, FINAL, fold)
    cases = Counter(fold(c.region_code) for c in data.cases)
    keys = sorted(set(collected) | set(flagged) | set(confirmed) | set(cases))
    # Inside a regency scope the province row is the scope's parent: keep it.
    keys = [k for k in keys if k == "" or in_scope(k, scope) or in_scope(scope, k)]
    regency_level = key == "kabkota"
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


def _province(code: str) -> str:
    return province_of(code) if code else ""


def _region_label(code: str, regency_level: bool) -> str:
    if not code:
        return "Tanpa wilayah"
    suffix = " (tingkat provinsi)" if regency_level and "." not in code else ""
    return f"{code} {region_name(code)}{suffix}"


def regions(data: Inputs, scope: str | None) -> list[Table]:
    return [
        _region_table(data, "provinsi", "Wilayah: provinsi", _province, scope),
        _region_table(data, "kabkota", "Wilayah: kabupaten/kota", _regency, scope),
    ]


def platforms(data: Inputs) -> Table:
    collected = _counts(data, POSTS, "")
    flagged = _counts(data, FLAGS, "")
    confirmed = Counter({k: part for k, (_, part) in data.facts.by_key(FINAL).items()})
    keys = sorted(set(collected) | set(flagged) | set(confirmed))
    return Table(
        "platform",
        "Platform",
        ["Platform", "Pos dikumpulkan", "Ditandai", FINDINGS, "Ditandai dari dikumpulkan (%)"],
        [
            [k, collected[k], flagged[k], confirmed[k], percent(flagged[k], collected[k])]
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
    def daily(kind: str, part: bool = False) -> Counter[date]:
        totals = data.facts.totals(kind, ("day",))
        return _by_week((d, p if part else t) for (d,), (t, p) in totals.items())

    collected, flagged = daily(POSTS), daily(FLAGS)
    reviewed, confirmed = daily(FINAL), daily(FINAL, part=True)
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
