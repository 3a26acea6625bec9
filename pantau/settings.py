"""One Settings object, read from PANTAU_* environment variables and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Destination = Literal["file", "siapnet", "bkn", "lapor"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PANTAU_", env_file=".env", extra="ignore")

    # Core
    data_dir: Path = Path("var")
    database_url: str = ""  # empty means SQLite at <data_dir>/pantau.db
    timezone: str = "Asia/Jakarta"
    secret_key: SecretStr = SecretStr("")  # empty means generated once into <data_dir>
    office_code: str = "BAWASLU-RI"
    office_name: str = "Badan Pengawas Pemilihan Umum Republik Indonesia"
    sqlite_busy_timeout_ms: int = 30_000

    # Review
    lease_minutes: int = 15
    session_hours: int = 10
    login_max_failures: int = 5
    login_lock_minutes: int = 15

    # Review UI
    login_delay_s: float = 0.5  # extra wait per consecutive failed login (capped)

    # Crawling
    contact_url: str = "https://github.com/pantau-bawaslu/pantau"
    crawl_concurrency_per_domain: int = 2
    crawl_max_pages: int = 50
    bluesky_public_url: str = "https://public.api.bsky.app"
    bluesky_pds_url: str = "https://bsky.social"
    bluesky_handle: str = ""
    bluesky_app_password: SecretStr = SecretStr("")
    telegram_base_url: str = "https://t.me"
    x_base_url: str = "https://api.twitter.com"
    x_bearer_token: SecretStr = SecretStr("")
    youtube_base_url: str = "https://www.googleapis.com"
    youtube_api_key: SecretStr = SecretStr("")
    mastodon_default_instance: str = "https://mastodon.social"

    # Classifier
    model_dir: Path | None = None  # None means <data_dir>/models
    triage_batch_size: int = 2_000
    # Classifier datasets (issue 13): real training/evaluation data, never in the repository.
    datasets_dir: Path = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"

    # Cases and delivery
    case_number_pattern: str = "PNT/{year}/{seq:06d}"
    complaint_destination: Destination = "file"
    complaint_base_url: str = ""
    complaint_token: SecretStr = SecretStr("")
    complaint_timeout_s: float = 20.0
    outbox_max_attempts: int = 8
    outbox_backoff_base_s: float = 30.0
    alert_webhook_url: str = ""
    export_dir: Path | None = None  # None means <data_dir>/exports
    # YAML mapping violation code -> legal-basis text; codes it lacks use the taxonomy's text.
    legal_basis_file: Path | None = None
    # How long a deliverer holds a claimed outbox row before another may retry it.
    outbox_claim_s: float = 120.0
    outbox_backoff_max_s: float = 6 * 3600.0

    # Retention (UU 27/2022 purpose limitation)
    retention_days: int = 180

    # Security (issue 16)
    # Always mark cookies Secure and send HSTS, whatever scheme the proxy reports.
    force_https: bool = False
    # Captures may reach loopback/private addresses (the replay server in demo and tests).
    capture_allow_private: bool = False
    # Ed25519 office key signing evidence bundles and audit checkpoints.
    signing_key_file: Path | None = None  # None means <data_dir>/keys/office_ed25519.pem
    upload_max_bytes: int = 50 * 1024 * 1024  # registry and follow-up CSV uploads

    # Photos as evidence (issue 14): image capture and analysis
    media_max_bytes: int = 10 * 1024 * 1024  # larger images are quarantined unread
    media_timeout_s: float = 20.0  # whole download of one image
    media_batch: int = 500  # posts whose images one capture step fetches
    youtube_thumbnail_url: str = "https://i.ytimg.com"  # video thumbnails (/vi/<id>/hqdefault.jpg)
    images_enabled: bool = True  # the nightly image stage (capture + analysis) runs

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'pantau.db').resolve()}"

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def effective_model_dir(self) -> Path:
        return self.model_dir or self.data_dir / "models"

    @property
    def effective_signing_key_file(self) -> Path:
        return self.signing_key_file or self.data_dir / "keys" / "office_ed25519.pem"

    @property
    def checkpoint_dir(self) -> Path:
        return self.data_dir / "audit-checkpoints"

    @property
    def effective_export_dir(self) -> Path:
        return self.export_dir or self.data_dir / "exports"


@lru_cache
def get_settings() -> Settings:
    return Settings()
