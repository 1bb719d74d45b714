"""Findings of `vindplaats validate diwoo`: the rules by their stable ids, and the report.

Every rule has an id that never changes meaning (`WOO-LOC-HTTPS`), a severity and how to fix
what it finds. Errors make a publication invalid (exit status 1); warnings are variants the
national harvester still reads, or checks this validator could not finish, and alone leave a
publication valid. The JSON form of a report is a stable schema (`SCHEMA_VERSION`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
SCHEMA_VERSION = 1
MAX_FINDINGS_PER_FILE = 1000  # of each severity; beyond it a file's findings are counted


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    fix: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


RULES = _rules(
    # reading the file
    Rule("WOO-INPUT-GZIP", "error", "compress the file again with gzip, or serve it plain"),
    Rule("WOO-XML-WELLFORMED", "error", "write well-formed XML (UTF-8, one root element)"),
    Rule(
        "WOO-XML-NAMESPACE",
        "error",
        'declare every prefix on the root, e.g. xmlns:diwoo="https://standaarden.overheid.nl/'
        'diwoo/metadata/" on <urlset>',
    ),
    Rule("WOO-XML-DOCTYPE", "error", "remove the DOCTYPE: sitemaps carry no DTD or entities"),
    Rule(
        "WOO-XML-ROOT",
        "error",
        "make the root <urlset> (a sitemap) or <sitemapindex> (an index) in the namespace "
        "http://www.sitemaps.org/schemas/sitemap/0.9, with loc and lastmod in each <url>",
    ),
    # the official schemas
    Rule(
        "WOO-XSD-SITEMAP",
        "error",
        "follow the sitemaps.org 0.9 schema (sitemap.xsd, siteindex.xsd)",
    ),
    Rule("WOO-XSD-DIWOO", "error", "follow the DiWoo 0.9.8 schema (diwoo-metadata.xsd)"),
    Rule(
        "WOO-CODE-UNKNOWN",
        "error",
        "use a value of the named list of diwoo-metadata-lijsten.xsd, or leave the resource "
        "attribute out and keep only the label",
    ),
    Rule("WOO-DIWOO-VERSION", "warning", "write DiWoo 0.9.8 metadata (the version validated here)"),
    Rule(
        "WOO-DIWOO-MISSING",
        "warning",
        "add a diwoo:Document with diwoo:DiWoo metadata (without it only the full text is indexed)",
    ),
    # loc
    Rule("WOO-LOC-ABSOLUTE", "error", "write the absolute https URL of the file"),
    Rule("WOO-LOC-HTTPS", "error", "publish over https and write https:// URLs"),
    Rule(
        "WOO-LOC-FILE",
        "error",
        "link directly to the file (e.g. .../document.pdf), not to an HTML information or "
        "download page; a document is identified by this URL",
    ),
    Rule(
        "WOO-LOC-DUPLICATE",
        "error",
        "list each document once: a document in several sitemaps is indexed from an arbitrary one",
    ),
    Rule("WOO-REF-HTTPS", "error", "refer to other documents by their https URL"),
    Rule(
        "WOO-FORMAT-ACCEPTED",
        "error",
        "publish the file in a type of the PLOOI file-type list (formatlijst), e.g. PDF, DOCX, ODT",
    ),
    Rule(
        "WOO-FORMAT-UNKNOWN",
        "warning",
        "add <diwoo:format resource=...> or give the URL the file's extension",
    ),
    # lastmod
    Rule(
        "WOO-LASTMOD-FORMAT",
        "error",
        "write a W3C datetime: 2025-11-11, or 2025-11-11T11:32:33+01:00 with a time zone",
    ),
    Rule(
        "WOO-LASTMOD-ORDER",
        "error",
        "put <lastmod> right after <loc>, before diwoo:Document (the sitemaps.org sequence)",
    ),
    Rule(
        "WOO-LASTMOD-MISSING", "warning", "add <lastmod>: it decides when a file is fetched again"
    ),
    Rule("WOO-LASTMOD-FUTURE", "warning", "write when the file last changed, not a future time"),
    # limits
    Rule("WOO-LIMIT-URLS", "error", "split the sitemap: at most 50,000 URLs per sitemap"),
    Rule("WOO-LIMIT-SITEMAPS", "error", "split the index: at most 50,000 sitemaps per index"),
    Rule(
        "WOO-LIMIT-SIZE", "error", "split the file: at most 50 MB (52,428,800 bytes) uncompressed"
    ),
    # indexes and robots.txt
    Rule(
        "WOO-INDEX-NAME",
        "error",
        "name index files by the convention: sitemapindex-diwoo.xml or "
        "sitemapindex-diwoo-infocat008.xml, with nothing after .xml",
    ),
    Rule("WOO-INDEX-NESTED", "error", "let an index list sitemaps only, never other indexes"),
    Rule(
        "WOO-SITEMAP-URL",
        "warning",
        "give each sitemap a plain URL ending in .xml, without a query string",
    ),
    Rule(
        "WOO-ROBOTS-MISSING",
        "error",
        "publish robots.txt at the root of the registered (sub)domain with Sitemap: lines",
    ),
    Rule(
        "WOO-ROBOTS-NONE", "error", "list every sitemap index in robots.txt: Sitemap: https://..."
    ),
    Rule("WOO-ROBOTS-RELATIVE", "error", "write the absolute https URL after Sitemap:"),
    Rule(
        "WOO-ROBOTS-PADDING",
        "error",
        "write Sitemap: lines without leading or trailing spaces",
    ),
    Rule("WOO-ROBOTS-AGENT", "warning", "start robots.txt with a User-agent: line"),
    Rule("WOO-ROBOTS-DUPLICATE", "warning", "list each sitemap index once"),
    Rule(
        "WOO-ROBOTS-INDEX",
        "error",
        "list sitemap index files in robots.txt, not sitemaps: the harvester reads indexes only",
    ),
    # following references
    Rule("WOO-FETCH", "error", "make every listed file reachable at its URL (HTTP 200)"),
    Rule(
        "WOO-CHECK-INCOMPLETE",
        "warning",
        "raise --max-files / --max-bytes to check everything",
    ),
    Rule(
        "WOO-EXPORT-UNREACHED",
        "warning",
        "list the file in an index reached from robots.txt, or remove it",
    ),
)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int  # 0: the file as a whole
    rule: str
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def fix(self) -> str:
        return RULES[self.rule].fix

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
        }


Reference = tuple[str, int]  # a URL a file lists, and its line


@dataclass
class Listing:
    """The URLs a file lists, each once, in the order listed."""

    references: list[Reference] = field(default_factory=list)
    _lines: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, url: str, line: int) -> int | None:
        """Keep `url`, listed on `line`; when it was listed before: that first line, not kept."""
        first = self._lines.get(url)
        if first is None:
            self._lines[url] = line
            self.references.append((url, line))
        return first


@dataclass
class CheckedFile:
    """One file read: what it is, how big, what it holds, and what was found in it."""

    name: str
    kind: str = "unknown"  # robots, sitemapindex, sitemap, unknown
    bytes: int = 0
    entries: int = 0  # <url>s of a sitemap, <sitemap>s of an index, Sitemap: lines of robots
    findings: list[Finding] = field(default_factory=list)
    unlisted: dict[str, int] = field(default_factory=dict)  # severity -> findings not listed
    _seen: set[tuple[int, str, str]] = field(default_factory=set, repr=False)
    _listed: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, line: int, rule: str, message: str) -> None:
        if rule not in RULES:
            raise KeyError(f"unknown rule {rule}")
        key = (line, rule, message)
        if key in self._seen:
            return
        self._seen.add(key)
        severity = RULES[rule].severity
        if self._listed.get(severity, 0) >= MAX_FINDINGS_PER_FILE:
            self.unlisted[severity] = self.unlisted.get(severity, 0) + 1
            return
        self._listed[severity] = self._listed.get(severity, 0) + 1
        self.findings.append(Finding(self.name, line, rule, message))

    @property
    def ordered(self) -> list[Finding]:
        """The findings by line (the file as a whole first), in the order found per line."""
        return sorted(self.findings, key=lambda finding: finding.line)

    def has(self, line: int, rule: str) -> bool:
        return any(k[0] == line and k[1] == rule for k in self._seen)

    def count(self, severity: Severity) -> int:
        listed = sum(1 for f in self.findings if f.severity == severity)
        return listed + self.unlisted.get(severity, 0)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "kind": self.kind,
            "bytes": self.bytes,
            "entries": self.entries,
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "unlisted_findings": sum(self.unlisted.values()),
        }


@dataclass
class Report:
    target: str
    files: list[CheckedFile] = field(default_factory=list)  # in the order first met
    _by_name: dict[str, CheckedFile] = field(default_factory=dict, repr=False)

    def file(self, name: str) -> CheckedFile:
        """The file of that name, added to the report when first asked for."""
        checked = self._by_name.get(name)
        if checked is None:
            checked = self._by_name[name] = CheckedFile(name)
            self.files.append(checked)
        return checked

    @property
    def findings(self) -> list[Finding]:
        return [f for checked in self.files for f in checked.ordered]

    def count(self, severity: Severity) -> int:
        return sum(checked.count(severity) for checked in self.files)

    @property
    def valid(self) -> bool:
        return self.count("error") == 0

    @property
    def complete(self) -> bool:
        return not any(f.rule == "WOO-CHECK-INCOMPLETE" for f in self.findings)

    def by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return dict(sorted(counts.items()))

    def as_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "target": self.target,
            "valid": self.valid,
            "complete": self.complete,
            "files": [checked.as_json() for checked in self.files],
            "findings": [f.as_json() for f in self.findings],
            "counts": {
                "files": len(self.files),
                "errors": self.count("error"),
                "warnings": self.count("warning"),
                "by_rule": self.by_rule(),
            },
        }
