"""What the store holds per organisation, for its web page (shared SQL).

- `document_tally(key)`: the source's current (not withdrawn) documents counted per year and
  controlled document type. The year is that of the document's best date (its own date, else
  the meeting's, the publication's, the last change's: `Document.sort_date`), the Dutch day: a
  date written in another offset near midnight on New Year's Eve is read exactly (those few rows
  are counted in Python, every other row by one `GROUP BY`).
- `documents_held()`: current documents per source key, in one `GROUP BY`.
- `latest_records(type, key, field, limit)`: the newest records of a type by a date field of
  their payload (meetings by `start`, dossiers by `decision_date`), undated ones last.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, Field

from normalize.dates import dutch_day
from normalize.records import Record, record_from_dict
from vindplaats.store.sql_core import SQLCore

# The fields a document's best date is read from, first present wins (`Document.sort_date`).
DATE_FIELDS = ("date", "meeting_date", "published", "modified")
# Month-days whose Dutch year can differ from the year written (an offset other than Dutch).
_EDGE_DAYS = ("12-31", "01-01")


class TallyCell(BaseModel):
    year: int | None = Field(description="The year of the best date; null: undated.")
    document_type: str
    count: int


class DocumentTally(BaseModel):
    """Current documents of a source per (year, document type)."""

    cells: list[TallyCell] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    def by_year(self) -> dict[int | None, int]:
        """Counts per year, oldest first, undated (None) last."""
        counts: Counter[int | None] = Counter()
        for cell in self.cells:
            counts[cell.year] += cell.count
        return dict(sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or 0)))

    def by_type(self) -> dict[str, int]:
        """Counts per document type, largest first (ties by type)."""
        counts: Counter[str] = Counter()
        for cell in self.cells:
            counts[cell.document_type] += cell.count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _year(best: str | None, edge: str | None) -> int | None:
    if edge is not None:
        return dutch_day(datetime.fromisoformat(edge)).year
    return int(best) if best else None


class Holdings(SQLCore):
    # SQL of a JSON payload's top-level text field (`sql_incremental` declares the same hook)
    JSON_TEXT: ClassVar[str]

    def document_tally(self, source_key: str) -> DocumentTally:
        """The source's current documents per year and type (see the module docstring)."""
        fields = ", ".join(self.JSON_TEXT.format(column="payload", field=f) for f in DATE_FIELDS)
        doc_type = self.JSON_TEXT.format(column="payload", field="document_type")
        edges = ", ".join(f"'{day}'" for day in _EDGE_DAYS)
        rows = self._all(
            "SELECT substr(best, 1, 4) AS year, doc_type, "
            f"CASE WHEN substr(best, 6, 5) IN ({edges}) THEN best END AS edge, COUNT(*) AS n "
            f"FROM (SELECT COALESCE({fields}) AS best, {doc_type} AS doc_type FROM records "
            "WHERE type='document' AND source_key=? AND withdrawn=FALSE) held "
            "GROUP BY substr(best, 1, 4), doc_type, "
            f"CASE WHEN substr(best, 6, 5) IN ({edges}) THEN best END",
            (source_key,),
        )
        counts: Counter[tuple[int | None, str]] = Counter()
        for row in rows:
            kind = row["doc_type"] or "overig"
            counts[(_year(row["year"], row["edge"]), kind)] += int(row["n"])
        cells = [TallyCell(year=y, document_type=t, count=n) for (y, t), n in counts.items()]
        return DocumentTally(cells=cells)

    def documents_held(self) -> dict[str, int]:
        """Current (not withdrawn) documents per source key; a source without any is absent."""
        rows = self._all(
            "SELECT source_key, COUNT(*) AS n FROM records "
            "WHERE type='document' AND withdrawn=FALSE GROUP BY source_key"
        )
        return {row["source_key"]: int(row["n"]) for row in rows}

    def latest_records(
        self, record_type: str, source_key: str, date_field: str, limit: int
    ) -> list[Record]:
        """The current records of that type of the source, newest `date_field` first (undated
        last, then by id), at most `limit`."""
        if not date_field.isidentifier():
            raise ValueError(f"not a payload field: {date_field!r}")
        when = self.JSON_TEXT.format(column="payload", field=date_field)
        rows = self._all(
            f"SELECT payload FROM records WHERE type=? AND source_key=? AND withdrawn=FALSE "
            f"ORDER BY CASE WHEN {when} IS NULL THEN 1 ELSE 0 END, {when} DESC, id LIMIT ?",
            (record_type, source_key, limit),
        )
        return [record_from_dict(json.loads(row["payload"])) for row in rows]


__all__ = ["DATE_FIELDS", "DocumentTally", "Holdings", "TallyCell"]
