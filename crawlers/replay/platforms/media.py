"""Images the replayed posts point at: invented posters and photos (`crawlers.replay.images`)
for `/media/<key>.jpg` and Bluesky's `com.atproto.sync.getBlob`; a tiny PNG for the rest."""

from __future__ import annotations

import base64

from crawlers.replay import images
from crawlers.replay.web import Context, Request, Response, Route

# A 1x1 grey PNG: enough for a browser or a screenshot to show "an image is here".
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=="
)


def image(req: Request, ctx: Context) -> Response:
    if not req.path.endswith(".jpg"):
        return Response(body=PNG, content_type="image/png", headers=CACHE)
    key = req.path.rsplit("/", 1)[-1].removesuffix(".jpg")
    return Response(
        body=images.media_bytes(ctx.store, key), content_type="image/jpeg", headers=CACHE
    )


def blob(req: Request, ctx: Context) -> Response:
    cid = req.query.get("cid", "")
    return Response(
        body=images.media_bytes(ctx.store, cid), content_type="image/jpeg", headers=CACHE
    )


CACHE = {"cache-control": "max-age=86400"}
ROUTES: list[Route] = [
    ("GET", r"/media/.+", image),
    ("GET", r"/xrpc/com\.atproto\.sync\.getBlob", blob),
]
