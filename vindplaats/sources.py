"""The sources registry model: one row per harvestable source system.

Field names follow the columns of the national catalogue (`ori-sources.csv`).

Secrets (`api_token`) are `SecretStr`: masked in `repr`, `str` and Python-mode dumps. JSON
serialisation (`model_dump_json()`, `model_dump(mode="json")`) writes them in clear, because the
store persists a source as its JSON; anything shown to people uses `Source.redacted()` and
`Source.redact(text)` instead.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

from normalize.records import OrganizationType, Supplier
from vindplaats.errors import SourceError
from vindplaats.suppliers import harvested, supplier_facts

KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
PARLAEUS_BASE = "https://{prefix}.parlaeus.nl/receive/opendata"
MASK = "**********"
# A catalogue CSV: the separators it may use, and the columns every one must have.
DELIMITERS = ",;\t"
REQUIRED_COLUMNS = ("key", "name", "supplier")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(description="Unique key, lowercase: 'alkmaar', 'noord-holland'.")
    name: str = Field(min_length=1, description="Organisation name.")
    supplier: Supplier
    organisation_type: OrganizationType = OrganizationType.MUNICIPALITY
    cbs_code: str | None = None
    allmanak_id: str | None = None
    notubiz_organisation_id: str | None = None
    ibabs_sitename: str | None = None
    include_pattern: str | None = None
    exclude_pattern: str | None = None
    base_url: str | None = Field(None, description="API base URL override (self-hosted, tests).")
    api_version: str | None = None
    municipality_prefix: str | None = None
    tooi_uri: str | None = None
    api_token: SecretStr | None = Field(
        None,
        description="secret token some suppliers issue per municipality (Parlaeus rid)",
    )

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not KEY.match(value):
            raise ValueError("use lowercase letters, digits, '-', '_' or '.'")
        return value

    @field_validator(
        "cbs_code",
        "allmanak_id",
        "notubiz_organisation_id",
        "ibabs_sitename",
        "include_pattern",
        "exclude_pattern",
        "base_url",
        "api_version",
        "municipality_prefix",
        "tooi_uri",
        "api_token",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("only http(s) URLs are accepted")
        if "@" in urlsplit(value).netloc:
            # refused without echoing the URL: what precedes '@' is a password more often
            # than not; a supplier's secret goes in api_token (`--api-token-env`)
            raise ValueError(
                "a base URL must not carry credentials (user:password@); give a supplier's "
                "secret token with --api-token-env instead"
            )
        return value.rstrip("/")

    @field_serializer("api_token", when_used="json")
    def _token_in_clear(self, value: SecretStr | None) -> str | None:
        """In clear in JSON: the store keeps a source as its JSON (see the module docstring)."""
        return None if value is None else value.get_secret_value()

    @model_validator(mode="after")
    def _parlaeus_base(self) -> Source:
        """A Parlaeus source without `base_url` gets `https://<prefix>.parlaeus.nl/...`."""
        if self.supplier == Supplier.PARLAEUS and self.base_url is None:
            prefix = (self.municipality_prefix or "").lower()
            if prefix:
                if not HOST_LABEL.match(prefix):
                    raise ValueError(
                        f"municipality_prefix {self.municipality_prefix!r} is not a host name "
                        "label (letters, digits and '-'), so no Parlaeus base URL can be built"
                    )
                self.base_url = PARLAEUS_BASE.format(prefix=prefix)
        return self

    def check_harvestable(self) -> None:
        """Raise SourceError when no harvester reads this supplier, or a field this supplier
        needs (`vindplaats.suppliers`: its ids, a base URL where it has no default) is missing."""
        facts = supplier_facts(self.supplier)
        if facts is None:
            raise SourceError(
                f"source {self.key!r}: Vindplaats has no harvester for {self.supplier.value} "
                f"(harvested suppliers: {harvested()})"
            )
        for field in facts.required_fields:
            if not getattr(self, field):
                raise SourceError(f"source {self.key!r}: {field} is required")
        if facts.needs_base_url and not self.base_url:
            raise SourceError(
                f"source {self.key!r}: base_url{facts.base_url_hint} is required for "
                f"{self.supplier.value}"
            )

    def secrets(self) -> list[str]:
        """The secret values this source carries (to keep out of logs and messages)."""
        return [self.api_token.get_secret_value()] if self.api_token is not None else []

    def redact(self, text: str) -> str:
        """`text` with every secret of this source (also URL-encoded) replaced by a mask."""
        for secret in self.secrets():
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                if form:
                    text = text.replace(form, MASK)
        return text

    def redacted(self) -> dict[str, Any]:
        """The source as JSON-ready data for people to see: secrets masked, never in clear."""
        data = self.model_dump(mode="json")
        data["api_token"] = MASK if self.api_token is not None else None
        return data


def build_source(**fields: object) -> Source:
    try:
        return Source(**fields)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'source'}: {e['msg']}" for e in exc.errors()
        )
        raise SourceError(f"invalid source {fields.get('key')!r}: {problems}") from None


def read_catalogue(path: Path) -> list[Source]:
    """Read a catalogue CSV (columns as in ori-sources.csv); SourceError names the bad line."""
    return [source for _, source in read_catalogue_lines(path)]


def read_catalogue_lines(path: Path) -> list[tuple[int, Source]]:
    """Every source of a catalogue CSV with the line its row ends on.

    The delimiter (`,`, `;` or tab) is read from the header, whose columns must name `Source`
    fields and include key, name and supplier. SourceError, naming the file (and line), for an
    empty file or one without rows, a missing or unknown column, a row with the wrong number of
    fields, an invalid row, or a key used twice.
    """
    text = path.read_text("utf-8-sig")
    if not text.strip():
        raise SourceError(f"no sources in {path}: the file is empty")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header: list[str] | None = None
    sources: list[tuple[int, Source]] = []
    first_line: dict[str, int] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue  # blank lines
        line_no = reader.line_num
        if header is None:
            header = _checked_header(path, line_no, row)
            continue
        if len(row) != len(header):
            raise SourceError(
                f"{path}:{line_no}: {len(row)} fields where the header has {len(header)}"
            )
        fields = {column: value for column, value in zip(header, row, strict=True)}
        try:
            source = build_source(**fields)
        except SourceError as exc:
            raise SourceError(f"{path}:{line_no}: {exc}") from None
        if source.key in first_line:
            raise SourceError(
                f"{path}:{line_no}: key {source.key!r} is already used on line "
                f"{first_line[source.key]}; every source needs its own key"
            )
        first_line[source.key] = line_no
        sources.append((line_no, source))
    if not sources:
        raise SourceError(f"no sources in {path}: a header but no rows")
    return sources


def _delimiter(text: str) -> str:
    """`,`, `;` or tab, as the header line (the first line that is not blank) uses it."""
    header = next(line for line in text.splitlines() if line.strip())
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or no delimiter at all: the header check says what is wrong
        return ","


def _checked_header(path: Path, line_no: int, row: list[str]) -> list[str]:
    header = [cell.strip() for cell in row]
    known = set(Source.model_fields)
    unknown = [column for column in header if column not in known]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    doubled = sorted({column for column in header if header.count(column) > 1})
    problems = []
    if missing:
        problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    if doubled:
        problems.append(f"column{'s' if len(doubled) > 1 else ''} {', '.join(doubled)} twice")
    if problems:
        raise SourceError(
            f"{path}:{line_no}: header: {'; '.join(problems)} (columns: "
            f"{', '.join(Source.model_fields)}; separated by ',', ';' or a tab)"
        )
    return header
