"""`validate(target)`: check a Woo-index publication the way the national harvester reads it.

The target is
- a file: a robots.txt, a sitemap index or a sitemap (told apart by content; `.gz` allowed),
  checked on its own;
- a directory (an export): its `robots.txt` and every index and sitemap that reaches,
  found in the directory by their URLs' paths; XML files nothing reaches are reported;
- a URL: fetched through the fetch guard; a site root means its `/robots.txt`. robots.txt →
  indexes → sitemaps are followed, at most `Limits.max_files` files and `Limits.max_bytes`.

Unusable input (no such file, not XML and not robots.txt, an unreachable URL) raises
`UsageError`; a missing XSD directory `ConfigError`. Everything else is a finding in the
`Report`: a file that a robots.txt or an index lists but that cannot be read is a finding on the
line listing it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit

from vindplaats.errors import VindplaatsError
from vindplaats.net.guard import shown_url
from vindplaats.settings import Settings
from vindplaats.woo import rules
from vindplaats.woo.fetch import Fetcher
from vindplaats.woo.findings import CheckedFile, Report
from vindplaats.woo.inputs import DirectoryLoader, Loader, LoadError, WebLoader, read_capped, unpack
from vindplaats.woo.robots import check_robots, looks_like_robots
from vindplaats.woo.schemas import load_schemas
from vindplaats.woo.sitemaps import Context, check_xml

Expect = Literal["robots", "index", "sitemap", "any"]
MAX_UNREACHED = 10_000  # XML files of a directory looked at for "nothing reaches it"


class UnusableInput(VindplaatsError):
    """The target cannot be validated at all (the CLI exits 2)."""


@dataclass(frozen=True)
class Limits:
    max_files: int = 1000
    max_bytes: int = 1024 * 1024 * 1024


def is_url(target: str) -> bool:
    return urlsplit(target).scheme.lower() in ("http", "https")


def validate(target: str, settings: Settings, limits: Limits | None = None) -> Report:
    context = Context(load_schemas(settings.xsd_dir.resolve()), datetime.now(UTC))
    report = Report(shown_url(target, limit=500) if is_url(target) else target)
    limits = limits or Limits()
    if is_url(target):
        with Fetcher(
            allow_private=settings.allow_private_networks,
            user_agent=settings.user_agent,
            timeout=settings.request_timeout,
        ) as fetcher:
            _Walk(WebLoader(fetcher), context, limits, report).run(*_start(target))
        return report
    path = Path(target)
    if path.is_dir():
        _walk_directory(path, context, limits, report)
    elif path.is_file():
        _check_one_file(path, context, report)
    else:
        raise UnusableInput(f"{target}: no such file or directory")
    return report


def _start(url: str) -> tuple[str, Expect]:
    path = urlsplit(url).path
    if path in ("", "/"):
        return urljoin(url, "/robots.txt"), "robots"
    return url, "robots" if path.endswith("/robots.txt") else "any"


def _is_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _check_one_file(path: Path, context: Context, report: Report) -> None:
    try:
        raw = read_capped(path)
    except LoadError as exc:
        raise UnusableInput(str(exc)) from None
    file = report.file(str(path))
    data = unpack(raw, file)
    if data is None:
        return
    if _is_xml(data):
        check_xml(data, file, context)
        if file.kind == "sitemapindex":
            _check_index_name(path.name, file)
    elif path.name == "robots.txt" or looks_like_robots(data):
        check_robots(data, file, base=None)
    else:
        raise UnusableInput(f"{path}: not XML and not a robots.txt")


def _check_index_name(name: str, file: CheckedFile) -> None:
    problem = rules.index_name_problem(name)
    if problem:
        file.add(0, *problem)


def _walk_directory(root: Path, context: Context, limits: Limits, report: Report) -> None:
    loader = DirectoryLoader(root)
    found = sorted(loader.root.rglob("*.xml*"))[:MAX_UNREACHED]
    names = [
        path.relative_to(loader.root).as_posix()
        for path in found
        if path.is_file() and path.name.endswith((".xml", ".xml.gz"))
    ]
    if not (loader.root / "robots.txt").is_file():
        report.file("robots.txt").add(
            0,
            "WOO-ROBOTS-MISSING",
            f"{root} has no robots.txt; each XML file is checked on its own",
        )
        for name in names[: limits.max_files]:
            _check_local(loader, name, context, report)
        return
    walk = _Walk(loader, context, limits, report)
    walk.run("robots.txt", "robots")
    for name in names:
        if name not in walk.visited_names:
            report.file(name).add(
                0,
                "WOO-EXPORT-UNREACHED",
                "no index reached from robots.txt lists this file; not checked",
            )


def _check_local(loader: DirectoryLoader, name: str, context: Context, report: Report) -> None:
    """One XML file of an export without robots.txt, checked on its own."""
    file = report.file(name)
    try:
        data = unpack(loader.load(name), file)
    except LoadError as exc:
        file.add(0, "WOO-FETCH", str(exc))
        return
    if data is None:
        return
    if not _is_xml(data):
        file.add(1, "WOO-XML-WELLFORMED", "not XML: the file does not start with <")
        return
    check_xml(data, file, context)
    if file.kind == "sitemapindex":
        _check_index_name(name.rsplit("/", 1)[-1], file)


class _Walk:
    """robots.txt → indexes → sitemaps, breadth first, each file once, within the limits."""

    def __init__(self, loader: Loader, context: Context, limits: Limits, report: Report) -> None:
        self.loader = loader
        self.context = context
        self.limits = limits
        self.report = report
        self.visited: dict[str, CheckedFile | None] = {}  # reference -> the file read
        self.visited_names: set[str] = set()
        self.files = 0
        self.bytes = 0

    def run(self, start: str, expect: Expect) -> None:
        queue: deque[tuple[str, Expect, CheckedFile | None, int]] = deque()
        queue.append((start, expect, None, 0))
        while queue:
            reference, expect, referrer, line = queue.popleft()
            if reference in self.visited:
                seen = self.visited[reference]
                if seen is not None and referrer is not None:
                    _judge_kind(seen, expect, referrer, line)
                continue
            if self.files >= self.limits.max_files or self.bytes >= self.limits.max_bytes:
                self._stop(1 + len(queue))
                return
            file, listed = self._visit(reference, expect, referrer, line)
            self.visited[reference] = file
            queue.extend((url, kind, file, at) for url, kind, at in listed)

    def _stop(self, left: int) -> None:
        first = self.report.files[0]
        first.add(
            0,
            "WOO-CHECK-INCOMPLETE",
            f"stopped after {self.files} files and "
            f"{self.bytes:,} bytes (--max-files {self.limits.max_files}, --max-bytes "
            f"{self.limits.max_bytes}); {left} listed files not checked",
        )

    def _visit(
        self, reference: str, expect: Expect, referrer: CheckedFile | None, line: int
    ) -> tuple[CheckedFile | None, list[tuple[str, Expect, int]]]:
        """Check one file; return it and what it lists, to be checked next."""
        try:
            raw = self.loader.load(reference)
        except LoadError as exc:
            if referrer is None:
                raise UnusableInput(
                    f"cannot read {self.loader.name_of(reference)}: {exc}"
                ) from None
            referrer.add(
                line, "WOO-FETCH", f"cannot read {self.loader.name_of(reference)!r}: {exc}"
            )
            return None, []
        name = self.loader.name_of(reference)
        self.visited_names.add(name)
        file = self.report.file(name)
        self.files += 1
        data = unpack(raw, file)
        self.bytes += len(raw) if data is None else len(data)
        if data is None:
            return file, []
        if expect == "robots" or (expect == "any" and not _is_xml(data)):
            if expect == "any" and not looks_like_robots(data):
                raise UnusableInput(f"{name}: not XML and not a robots.txt")
            listed = check_robots(data, file, base=reference)
            return file, [(self.loader.join(reference, url), "index", at) for url, at in listed]
        listed = check_xml(data, file, self.context)
        if expect == "any" and file.kind == "sitemapindex":
            _check_index_name(urlsplit(reference).path.rsplit("/", 1)[-1], file)
        if referrer is not None and not _judge_kind(file, expect, referrer, line):
            return file, []  # an index listed in an index: not followed
        return file, [(self.loader.join(reference, url), "sitemap", at) for url, at in listed]


def _judge_kind(file: CheckedFile, expect: Expect, referrer: CheckedFile, line: int) -> bool:
    """Whether `file` is what `referrer` may list on `line` (else a finding there)."""
    if expect == "index" and file.kind == "sitemap":
        referrer.add(line, "WOO-ROBOTS-INDEX", f"{file.name} is a sitemap, not a sitemap index")
    if expect == "sitemap" and file.kind == "sitemapindex":
        referrer.add(line, "WOO-INDEX-NESTED", f"{file.name} is an index listed in an index")
        return False
    return True
