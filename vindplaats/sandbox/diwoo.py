"""The DiWoo plug-in of the sandbox: the sample Woo publishers (`woo_world.WooWorld`), each a site
served under `<base_url>/diwoo/<key>` by the Woo-index harvest protocol:

- `GET /<key>/robots.txt`: the site's `Sitemap:` lines;
- `GET /<key>/<listing>`: a sitemap index or sitemap of `woo_publishers` (`woo_sitemaps`), a
  `.gz` one gzipped; a listing served with a query string (`.../publications?page=1`) answers
  only with it;
- `GET /<key>/<document path>`: a listed document's file (`woo_files`), matched with its query
  string; a withdrawn one answers 404, as does anything unknown.

A source per publisher has `base_url` `<base_url>/diwoo/<key>` (the spider reads
`<base_url>/robots.txt`; relative `Sitemap:` lines carry the `/diwoo/<key>` prefix, as they
resolve against the host root).
"""

from __future__ import annotations

import gzip
import re

from vindplaats.sandbox.plugins import Mount, Plugin, route
from vindplaats.sandbox.routing import Request, Response, not_found
from vindplaats.sandbox.woo_files import WooFiles, content_type
from vindplaats.sandbox.woo_publishers import Publisher
from vindplaats.sandbox.woo_sitemaps import listing, robots
from vindplaats.sandbox.woo_world import WooWorld
from vindplaats.sandbox.world import World
from vindplaats.sources import Source, build_source

TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"
GZIP = "application/gzip"


class DiwooSites(Plugin):
    """The DiWoo plug-in: renders the Woo publishers, one site per publisher."""

    supplier = "diwoo"

    def __init__(self, world: World, mount: Mount) -> None:
        super().__init__(world, mount)
        self.world: WooWorld = world.woo
        self.files = WooFiles()

    def site(self, key: str) -> str:
        """The absolute URL of the site of publisher `key` (its sources' base URL)."""
        return f"{self.url}/{key}"

    def _publisher(self, key: str) -> Publisher | None:
        return next((p for p in self.world.publishers if p.key == key), None)

    @route("GET", r"/([a-z0-9-]+)/robots\.txt")
    def robots_txt(self, request: Request, match: re.Match[str]) -> Response:
        publisher = self._publisher(match[1])
        if publisher is None:
            return not_found(f"No Woo publisher {match[1]}")
        return Response(200, robots(publisher, self.site(publisher.key)), TEXT)

    @route("GET", r"/([a-z0-9-]+)(/.+)")
    def file(self, request: Request, match: re.Match[str]) -> Response:
        publisher = self._publisher(match[1])
        if publisher is None:
            return not_found(f"No Woo publisher {match[1]}")
        path, query = match[2], request.query_string
        site = self.site(publisher.key)
        for item in publisher.listings:
            if item.path == path and item.query in ("", query):
                body = listing(publisher, item, self.world.listed_in(publisher.key, path), site)
                if path.endswith(".gz"):
                    return Response(200, gzip.compress(body, mtime=0), GZIP)
                return Response(200, body, XML)
        document = self.world.document(publisher.key, path + (f"?{query}" if query else ""))
        if document is None:
            return not_found(f"No file {path}")
        data = self.files.get(publisher, document, site)
        return Response(200, data, content_type(document))

    def sources(self) -> list[Source]:
        """One source per Woo publisher, registered with its site's URL."""
        return [
            build_source(
                key=p.key,
                name=p.name,
                supplier=self.supplier,
                organisation_type=p.organisation_type,
                base_url=self.site(p.key),
                tooi_uri=p.tooi_uri,
            )
            for p in self.world.publishers
        ]

    def prepare_files(self) -> None:
        for publisher in self.world.publishers:
            for document in self.world.documents(publisher.key):
                self.files.get(publisher, document, self.site(publisher.key))


PLUGIN = DiwooSites
