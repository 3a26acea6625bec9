"""NIP parsing on known cases and on generated ones."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantau.nip import InvalidNip, is_valid_nip, parse_nip


def test_parts_are_read():
    nip = parse_nip("198503122010011003")
    assert nip.birth_date == date(1985, 3, 12)
    assert (nip.appointment_year, nip.appointment_month, nip.sex, nip.sequence) == (2010, 1, 1, 3)


def test_pppk_number_has_no_month():
    assert parse_nip("199306012022212015").appointment_month is None
    with pytest.raises(InvalidNip):
        parse_nip("199306012022212015", allow_pppk=False)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "abc",
        "1985031220100110031",
        "198513122010011003",
        "198503122010011000",
        "198503121990011003",
    ],
)
def test_invalid(bad):
    assert not is_valid_nip(bad)


@given(
    born=st.dates(date(1950, 1, 1), date(2005, 12, 31)),
    years=st.integers(18, 20),
    month=st.integers(1, 12),
    sex=st.sampled_from([1, 2]),
    seq=st.integers(1, 999),
)
def test_well_formed_numbers_round_trip(born, years, month, sex, seq):
    value = f"{born:%Y%m%d}{born.year + years}{month:02d}{sex}{seq:03d}"
    nip = parse_nip(value)
    assert (nip.birth_date, nip.appointment_month, nip.sex, nip.sequence) == (born, month, sex, seq)
