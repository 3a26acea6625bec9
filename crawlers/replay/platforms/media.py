"""Images the replayed posts point at: one tiny PNG for every `/media/...` path."""

from __future__ import annotations

import base64

from crawlers.replay.web import Context, Request, Response, Route

# A 1x1 grey PNG: enough for a browser or a screenshot to show "an image is here".
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=="
)


def image(req: Request, ctx: Context) -> Response:
    return Response(body=PNG, content_type="image/png", headers={"cache-control": "max-age=86400"})


ROUTES: list[Route] = [("GET", r"/media/.+", image)]
