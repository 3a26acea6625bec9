"""A local HTTP server with good and hostile images, for the media capture tests."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

from crawlers.replay.images import demo_pairs, render_photo, render_poster


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


POSTER = render_poster(next(p for p in demo_pairs() if p.number == 2), 3)
PHOTO = render_photo(4)
# path → (status, content type, body, seconds to wait between chunks)
FILES: dict[str, tuple[int, str, bytes, float]] = {
    "/poster.jpg": (200, "image/jpeg", POSTER, 0),
    "/photo.jpg": (200, "image/jpeg", PHOTO, 0),
    "/photo-again.jpg": (200, "image/jpeg", PHOTO, 0),  # same bytes, another URL
    "/bomb.png": (200, "image/png", _png(9000, 9000), 0),
    "/page.jpg": (200, "text/html", b"<html>login</html>", 0),
    "/fake.png": (200, "image/png", b"MZ\x90\x00 this is an executable" * 10, 0),
    "/huge.jpg": (200, "image/jpeg", b"\xff\xd8\xff" + b"\x00" * (3 * 1024 * 1024), 0),
    "/slow.jpg": (200, "image/jpeg", PHOTO, 0.5),
    "/gone.jpg": (404, "text/plain", b"not found", 0),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, kind, body, drip = FILES.get(self.path, (404, "text/plain", b"", 0))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if not drip:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not drip:
            self.wfile.write(body)
            return
        for start in range(0, len(body), 4096):  # a slow drip: the whole download times out
            self.wfile.write(body[start : start + 4096])
            self.wfile.flush()
            time.sleep(drip)

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def media_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
