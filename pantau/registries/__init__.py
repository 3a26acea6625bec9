"""Registry imports: the civil-servant list an office loads and the election registry."""

from pantau.registries.candidates import import_candidates, parse_candidates
from pantau.registries.civil_servants import import_civil_servants, parse_civil_servants
from pantau.registries.csvio import ImportRejected, ImportReport, RowError

__all__ = [
    "ImportRejected",
    "ImportReport",
    "RowError",
    "import_candidates",
    "import_civil_servants",
    "parse_candidates",
    "parse_civil_servants",
]
