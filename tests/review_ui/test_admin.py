"""Administration pages through the real app: users, sources, registries, models, settings."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from english import page_offenders
from fastapi.routing import APIRoute
from lxml import html
from sqlalchemy import func, select
from ui_helpers import login

from pantau.models import AuditEvent, CivilServant, CrawlRun, Source, User
from review_ui.routers import admin as admin_routes

GOOD_CSV = (
    "nip,name,agency,position,position_category,employment_type,region_code\n"
    "198503122010011003,Wahyu Rekaan,Dinas Pendidikan Kota Surabaya,Guru,Fungsional,PNS,35.78\n"
    "197911052005012007,Endah Rekaan,Kecamatan Rungkut,Camat,Administrator,PNS,35.78\n"
)
BAD_CSV = GOOD_CSV.replace("197911052005012007", "19791105200501200X")


def audit_count(ui: Any, action: str) -> int:
    with ui.db.session() as session:
        return int(session.scalar(select(func.count()).where(AuditEvent.action == action)) or 0)


def test_create_edit_reset_and_disable_a_user(ui: Any) -> None:
    admin = ui.client_for("admin")
    form = {
        "username": "rina.baru",
        "full_name": "Rina Rekaan",
        "role": "analyst",
        "region_scope": "35.78",
        "password": "sandi-awal-123",
        "password_again": "sandi-awal-123",
    }
    created = admin.post_form("/admin/users", form)
    assert created.status_code == 303
    assert "Rina Rekaan" in admin.get("/admin/users").text
    duplicate = admin.post_form("/admin/users", form)
    assert duplicate.status_code == 400 and "sudah dipakai" in duplicate.text
    mismatch = admin.post_form("/admin/users", {**form, "username": "x1", "password_again": "a"})
    assert mismatch.status_code == 400 and "tidak sama" in mismatch.text
    short = admin.post_form(
        "/admin/users", {**form, "username": "x2", "password": "pendek", "password_again": "pendek"}
    )
    assert short.status_code == 400 and "paling sedikit" in short.text
    with ui.db.session() as session:
        rina = session.scalar(select(User).where(User.username == "rina.baru"))
        assert rina is not None and rina.region_scope == "35.78"
        rina_id = rina.id
    saved = admin.post_form(
        f"/admin/users/{rina_id}",
        {"full_name": "Rina Rekaan", "role": "supervisor", "region_scope": "35"},
    )
    assert saved.status_code == 303
    reset = admin.post_form(
        f"/admin/users/{rina_id}/password",
        {"password": "sandi-baru-456", "password_again": "sandi-baru-456"},
    )
    assert reset.status_code == 303
    rina_client = ui.client()
    assert login(rina_client, "rina.baru", "sandi-baru-456").status_code == 303
    assert admin.post_form(f"/admin/users/{rina_id}/disable").status_code == 303
    assert login(ui.client(), "rina.baru", "sandi-baru-456").status_code != 303
    with ui.db.session() as session:
        rina = session.get(User, rina_id)
        assert rina is not None and rina.role.value == "supervisor" and not rina.active
    assert audit_count(ui, "user.create") == 1 and audit_count(ui, "user.disable") == 1


def test_the_last_admin_cannot_be_disabled_or_demoted(ui: Any) -> None:
    admin = ui.client_for("admin")
    me = ui.user_ids["admin"]
    refused = admin.post_form(f"/admin/users/{me}/disable")
    assert refused.status_code == 400 and "Admin aktif terakhir" in refused.text
    demoted = admin.post_form(
        f"/admin/users/{me}", {"full_name": "Admin", "role": "analyst", "region_scope": ""}
    )
    assert demoted.status_code == 400 and "Admin aktif terakhir" in demoted.text
    with ui.db.session() as session:
        row = session.get(User, me)
        assert row is not None and row.active and row.role.value == "admin"


def test_source_forms_validate_before_saving(ui: Any) -> None:
    admin = ui.client_for("admin")
    form = {
        "platform": "mastodon",
        "name": "mastodon-uji",
        "instance": "https://mastodon.contoh.invalid",
        "accounts": "budi_rekaan\nsiti@contoh.invalid",
        "hashtags": "",
        "region_code": "35.78",
        "max_pages": "",
    }
    bad = admin.post_form("/admin/sources/new", {**form, "accounts": "bukan akun!"})
    assert bad.status_code == 400 and "Konfigurasi tidak valid" in bad.text
    assert "bukan akun!" in bad.text  # what the admin typed stays in the form
    empty = admin.post_form("/admin/sources/new", {**form, "accounts": ""})
    assert empty.status_code == 400 and "sedikitnya satu dari" in empty.text
    for refusal in (bad, empty):  # crawlers' config reasons are shown as is
        assert page_offenders(refusal.text) == set()
    bad_name = admin.post_form("/admin/sources/new", {**form, "name": "Nama Spasi"})
    assert bad_name.status_code == 400 and "nama sumber" in bad_name.text
    with ui.db.session() as session:
        assert session.scalar(select(func.count(Source.id))) == 0
    created = admin.post_form("/admin/sources/new", form)
    assert created.status_code == 303
    source_url = created.headers["location"].split("?")[0]
    with ui.db.session() as session:
        source = session.scalar(select(Source).where(Source.name == "mastodon-uji"))
        assert source is not None and source.enabled
        assert source.config["accounts"] == ["budi_rekaan", "siti@contoh.invalid"]
        assert source.config["region_code"] == "35.78"
    again = admin.post_form("/admin/sources/new", form)
    assert again.status_code == 400 and "sudah dipakai" in again.text
    refused = admin.post_form(source_url, {**form, "accounts": "bukan akun!"})
    assert refused.status_code == 400 and "bukan akun!" in refused.text
    edited = admin.post_form(source_url, {**form, "hashtags": "#pilkada"})
    assert edited.status_code == 303
    assert admin.post_form(source_url + "/toggle").status_code == 303
    with ui.db.session() as session:
        source = session.scalar(select(Source).where(Source.name == "mastodon-uji"))
        assert source is not None and source.config["hashtags"] == ["pilkada"]
        assert not source.enabled
    assert admin.get("/admin/sources/new", params={"platform": "myspace"}).status_code == 404
    page = admin.get("/admin/sources/new", params={"platform": "rss"})
    assert 'name="feeds"' in page.text and 'name="accounts"' not in page.text


def test_admin_routes_are_plain_defs() -> None:
    """Issue 11: FastAPI runs a plain def in its threadpool; an async def that touches the
    database or parses a file would hold up every other request."""
    a = admin_routes
    parts = (a, a.config, a.crawl, a.models, a.registries, a.sources, a.users)
    routes = [r for part in parts for r in part.router.routes if isinstance(r, APIRoute)]
    assert len(routes) > 10
    assert [r.path for r in routes if inspect.iscoroutinefunction(r.endpoint)] == []


def test_run_page_shows_the_log_but_never_a_file_outside_the_data_dir(ui: Any) -> None:
    data_dir: Path = ui.db.settings.data_dir
    (data_dir / "logs" / "crawl").mkdir(parents=True)
    (data_dir / "logs" / "crawl" / "uji.log").write_text("INFO: 12 halaman diambil\n")
    with ui.db.session() as session:
        source = Source(platform="mastodon", name="uji", config={"hashtags": ["x"]})
        session.add(source)
        session.flush()
        good = CrawlRun(source_id=source.id, log_path="logs/crawl/uji.log", pages=12)
        evil = CrawlRun(source_id=source.id, log_path="../../../../etc/passwd")
        session.add_all([good, evil])
        session.commit()
        ids = (source.id, good.id, evil.id)
    admin = ui.client_for("admin")
    assert "12 halaman diambil" in admin.get(f"/admin/runs/{ids[1]}").text
    evil_page = admin.get(f"/admin/runs/{ids[2]}")
    assert evil_page.status_code == 200 and "root:" not in evil_page.text
    runs = admin.get(f"/admin/sources/{ids[0]}")
    assert f'data-run="{ids[1]}"' in runs.text
    assert admin.get("/admin/runs/987654").status_code == 404


def test_registry_upload_preview_then_import(ui: Any) -> None:
    admin = ui.client_for("admin")

    def upload(text: str) -> Any:
        files = {"file": ("asn.csv", text.encode(), "text/csv")}
        return admin.post(
            "/admin/registries/civil-servants/preview",
            data={"csrf_token": admin.csrf},
            files=files,
        )

    rejected = upload(BAD_CSV)
    assert rejected.status_code == 400
    assert 'id="row-errors"' in rejected.text and '<td class="num">3</td>' in rejected.text
    with ui.db.session() as session:
        assert session.scalar(select(func.count(CivilServant.id))) == 0
    preview = upload(GOOD_CSV)
    assert preview.status_code == 200 and 'id="preview"' in preview.text
    assert "<strong>2</strong> baris baru" in preview.text
    with ui.db.session() as session:
        assert session.scalar(select(func.count(CivilServant.id))) == 0  # a dry run
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    done = admin.post_form("/admin/registries/civil-servants/import", {"token": token})
    assert done.status_code == 303 and "n=2" in done.headers["location"]
    with ui.db.session() as session:
        assert session.scalar(select(func.count(CivilServant.id))) == 2
    assert audit_count(ui, "registry.import_civil_servants") == 1
    stale = admin.post_form("/admin/registries/civil-servants/import", {"token": token})
    assert stale.status_code == 400 and "kedaluwarsa" in stale.text
    forged = admin.post_form("/admin/registries/civil-servants/import", {"token": "../x"})
    assert forged.status_code == 400
    empty = upload("")
    assert empty.status_code == 400 and "kosong" in empty.text


ASN_HEADER, ASN_GOOD = GOOD_CSV.splitlines()[:2]
# One row for every reason a civil-servant row is refused, after a good row (line 2).
ASN_BAD = [
    "19850312201001100,A,B,C,Fungsional,PNS,35.78",  # not 18 digits
    "198502302010011004,A,B,C,Fungsional,PNS,35.78",  # 30 February
    "198503122010131005,A,B,C,Fungsional,PNS,35.78",  # month 13
    "198503122030011006,A,B,C,Fungsional,PNS,35.78",  # appointed after next year
    "198503122010013007,A,B,C,Fungsional,PNS,35.78",  # sex digit 3
    "198503122010011000,A,B,C,Fungsional,PNS,35.78",  # sequence 000
    "198503122010011008,A,B,C,Presiden,PNS,35.78",
    "198503122010011009,A,B,C,Fungsional,Honorer,35.78",
    "198503122010011010,A,B,C,Fungsional,PNS,99.99",
    "198503122010011011,,B,C,Fungsional,PNS,35.78",
    "198503122010011012,A,B,C,Fungsional,PNS",
    "198503122010011013,A\x00B,B,C,Fungsional,PNS,35.78",
    "198503122010011014," + "N" * 201 + ",B,C,Fungsional,PNS,35.78",
    '198503122010011015,"' + "x" * 140_000 + '",B,C,Fungsional,PNS,35.78',
    ASN_GOOD,
]
CANDIDATE_HEADER = (
    "contest_code,contest_name,level,region_code,election_date,campaign_start,campaign_end,"
    "number,names,nicknames,parties,slogans,hashtags"
)
CANDIDATE_GOOD = "K1,Pilkada Rekaan,pilwalkot,35.78,2027-02-17,2026-10-20,2027-02-13,1,A;B,,,,"
CANDIDATE_BAD = [
    ",Pilkada Rekaan,pilwalkot,35.78,2027-02-17,2026-10-20,2027-02-13,1,A,,,,",
    "K2,Pilkada Rekaan,pilkades,35.78,2027-02-17,2026-10-20,2027-02-13,1,A,,,,",
    "K3,Pilkada Rekaan,pilwalkot,99.99,2027-02-17,2026-10-20,2027-02-13,1,A,,,,",
    "K4,Pilkada Rekaan,pilwalkot,35.78,17-02-2027,2026-10-20,2027-02-13,1,A,,,,",
    "K5,Pilkada Rekaan,pilwalkot,35.78,2027-02-17,2027-03-01,2027-02-13,1,A,,,,",
    "K6,Pilkada Rekaan,pilwalkot,35.78,2027-02-17,2026-10-20,2027-02-13,x,A,,,,",
    "K7,Pilkada Rekaan,pilwalkot,35.78,2027-02-17,2026-10-20,2027-02-13,1,,,,,",
    "K1,Pilkada Lain,pilwalkot,35.78,2027-02-17,2026-10-20,2027-02-13,2,A,,,,",
    CANDIDATE_GOOD,
]


@pytest.mark.parametrize(
    ("kind", "lines", "refused"),
    [
        ("civil-servants", [ASN_HEADER, ASN_GOOD, *ASN_BAD], len(ASN_BAD)),
        ("candidates", [CANDIDATE_HEADER, CANDIDATE_GOOD, *CANDIDATE_BAD], len(CANDIDATE_BAD)),
        ("civil-servants", ["nip,nama", "1,2"], 1),
    ],
    ids=["asn-rows", "candidate-rows", "header"],
)
def test_registry_row_reasons_are_indonesian(
    ui: Any, kind: str, lines: list[str], refused: int
) -> None:
    """Issue 15: the preview names every bad row in Bahasa Indonesia, English words none."""
    admin = ui.client_for("admin")
    data = "\n".join([*lines, ""]).encode()
    page = admin.post(
        f"/admin/registries/{kind}/preview",
        data={"csrf_token": admin.csrf},
        files={"file": ("registri.csv", data, "text/csv")},
    )
    assert page.status_code == 400
    assert len(html.fromstring(page.text).xpath('//table[@id="row-errors"]/tbody/tr')) == refused
    assert page_offenders(page.text) == set()
    latin1 = admin.post(
        f"/admin/registries/{kind}/preview",
        data={"csrf_token": admin.csrf},
        files={"file": ("registri.csv", "caf\xe9\n".encode("latin-1"), "text/csv")},
    )
    assert "bukan UTF-8" in latin1.text and page_offenders(latin1.text) == set()


def test_settings_page_masks_secrets(ui: Any) -> None:
    secret = ui.db.settings.secret_key.get_secret_value()
    hook = "https://hooks.contoh.invalid/services/T0/B0/rahasia-sekali"
    ui.app.state.settings = ui.db.settings.model_copy(update={"alert_webhook_url": hook})
    page = ui.client_for("admin").get("/admin/settings")
    assert "rahasia-sekali" not in page.text and "hooks.contoh.invalid" in page.text
    assert page.status_code == 200
    assert "PANTAU_SECRET_KEY" in page.text and "(diisi)" in page.text
    assert secret not in page.text
    assert "PANTAU_RETENTION_DAYS" in page.text


ADMIN_ACTIONS = [
    ("GET", "/admin/users"),
    ("POST", "/admin/users"),
    ("POST", "/admin/users/1/disable"),
    ("GET", "/admin/sources"),
    ("POST", "/admin/sources/new"),
    ("POST", "/admin/sources/1/crawl"),
    ("GET", "/admin/runs/1"),
    ("POST", "/admin/registries/civil-servants/preview"),
    ("POST", "/admin/registries/civil-servants/import"),
    ("GET", "/admin/settings"),
]


@pytest.mark.parametrize("role", ["analyst", "supervisor"])
def test_analysts_and_supervisors_cannot_reach_admin_pages(ui: Any, role: str) -> None:
    client = ui.client_for(role)
    with ui.db.session() as session:
        session.add(Source(platform="mastodon", name="uji", config={"hashtags": ["x"]}))
        session.commit()
    for method, path in ADMIN_ACTIONS:
        response = client.request(method, path, data={"csrf_token": client.csrf})
        assert response.status_code == 403, (role, method, path)
    assert "/admin" not in client.get("/queue").text  # not in their menu either
    with ui.db.session() as session:
        assert session.scalar(select(func.count(CrawlRun.id))) == 0
    assert audit_count(ui, "source.crawl_now") == 0
