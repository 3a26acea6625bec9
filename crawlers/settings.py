"""Scrapy settings for the Pantau crawlers (`scrapy.cfg` points here)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from scrapy.settings import default_settings as _scrapy

from pantau.settings import get_settings

_pantau = get_settings()
try:
    _VERSION = version("pantau")
except PackageNotFoundError:  # running from a plain checkout
    _VERSION = "dev"

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Say who we are and where to complain; never pretend to be a browser.
USER_AGENT = f"Pantau/{_VERSION} (election-neutrality monitor; +{_pantau.contact_url})"
# APIs publish rate limits instead of robots.txt; the HTML spiders (telegram, rss) turn it on.
ROBOTSTXT_OBEY = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening port in a crawler that runs unattended
# Every crawl is its own process, so start-up time counts. Components switched off in the
# usual way (`None`) are still imported (Scrapy 2.19 loads override keys to normalise them):
# the remote-control extension alone pulls in aiohttp's web server, the cookies middleware
# tldextract. So they are left out of the base lists instead.
_UNUSED = (".RemoteControl", ".TelnetConsole", ".MemoryDebugger", ".CookiesMiddleware")
EXTENSIONS_BASE = {k: v for k, v in _scrapy.EXTENSIONS_BASE.items() if not k.endswith(_UNUSED)}
DOWNLOADER_MIDDLEWARES_BASE = {
    k: v for k, v in _scrapy.DOWNLOADER_MIDDLEWARES_BASE.items() if not k.endswith(_UNUSED)
}
DOWNLOAD_HANDLERS = {"ftp": None, "s3": None, "file": None, "data": None}

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _pantau.crawl_concurrency_per_domain
DOWNLOAD_TIMEOUT = 30
# Above any real API page; a bigger answer is hostile or broken and goes to quarantine.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# Servers send explicit rate-limit headers, which BackoffRetryMiddleware honours; AutoThrottle
# would only slow the first minutes of every run, so it stays off unless an operator wants it.
AUTOTHROTTLE_ENABLED = False
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = float(_pantau.crawl_concurrency_per_domain)

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
PANTAU_BACKOFF_BASE = 1.0  # seconds; doubles per retry of the same request
PANTAU_BACKOFF_MAX = 60.0
PANTAU_RATELIMIT_MAX_WAIT = 900.0  # a longer wait ends the target for this run

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.middlewares.SafeRobotsTxtMiddleware": 100,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.WarcMiddleware": 950,
}
ITEM_PIPELINES = {"crawlers.pipelines.StorePipeline": 300}
# A callback yields one page item and at most a request or two; Scrapy starts this many
# worker tasks per response, so the default (100) only costs memory and CPU.
CONCURRENT_ITEMS = 8
PANTAU_BATCH_POSTS = 500  # posts per transaction
PANTAU_FLUSH_SECONDS = 2.0  # commit at least this often while pages trickle in

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Opens, keeps alive (heartbeat) and closes the crawl run; the store pipeline only stores.
EXTENSIONS = {"crawlers.extensions.CrawlRunExtension": 0}
PANTAU_HEARTBEAT_SECONDS = 5.0  # a killed run's end time is its last heartbeat or batch
