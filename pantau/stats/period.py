"""Dashboard filters: a period of local days (settings.timezone) and a region scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pantau.models import Role, User
from pantau.regions import is_region
from pantau.scope import in_scope


class StatsError(ValueError):
    """A filter that cannot be honoured; the message is safe to show."""


@dataclass(frozen=True)
class Period:
    """Local days `start`..`end`, both inclusive; a day starts at local midnight."""

    start: date
    end: date
    zone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise StatsError("tanggal akhir sebelum tanggal awal")

    def midnight(self, day: date) -> datetime:
        """Local midnight that starts `day`, as aware UTC."""
        return datetime.combine(day, time(0), ZoneInfo(self.zone)).astimezone(UTC)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC."""
        return self.midnight(self.start), self.midnight(self.end + timedelta(days=1))

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def utc_offset_minutes(self) -> int:
        """The zone's offset at the start; Indonesia's zones keep no daylight saving."""
        offset = self.midnight(self.start).astimezone(ZoneInfo(self.zone)).utcoffset()
        return int(offset.total_seconds() // 60) if offset else 0

    def label(self) -> str:
        return f"{self.start.isoformat()} s.d. {self.end.isoformat()} ({self.zone})"

    @classmethod
    def last_days(cls, n: int, zone: str, now: datetime | None = None) -> Period:
        today = local_today(zone, now)
        return cls(today - timedelta(days=n - 1), today, zone)


def local_today(zone: str, now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(zone)).date()


def week_start(day: date) -> date:
    """Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Filters:
    period: Period
    region: str | None = None  # a region-code prefix; None means national

    def describe(self) -> list[tuple[str, str]]:
        from pantau.regions import region_name

        region = "Nasional" if self.region is None else f"{self.region} {region_name(self.region)}"
        return [("Periode", self.period.label()), ("Wilayah", region)]


def resolve_region(user: User, requested: str | None) -> str | None:
    """The region a user may see: analysts get their own scope; supervisors and admins
    choose any region inside their scope (None scope = the whole country)."""
    requested = (requested or "").strip() or None
    if user.role is Role.ANALYST:
        return user.region_scope
    if requested is None:
        return user.region_scope
    if not is_region(requested):
        raise StatsError(f"kode wilayah {requested!r} tidak dikenal")
    if not in_scope(requested, user.region_scope):
        raise StatsError(f"wilayah {requested} di luar cakupan Anda ({user.region_scope})")
    return requested
