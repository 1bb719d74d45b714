"""Woo-index publications (robots.txt, sitemap indexes, sitemaps with DiWoo): checked and written.

`vindplaats.woo.validate.validate` checks a file, an export directory or a URL against the
official sitemaps.org and DiWoo 0.9.8 XSDs (offline) and the Woo-index rules of KOOP's
handleiding; `vindplaats validate diwoo` is its command line. `vindplaats.woo.export` writes an
organisation's documents as such a publication (the Woo-index / PLOOI export), which
`vindplaats export woo-index` writes as static files and the API serves under `/woo/`.
"""
