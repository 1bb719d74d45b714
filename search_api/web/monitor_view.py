"""The monitor's rows as the page shows them, in Dutch: one `MonitorLine` per row, whose `cells`
are also the lines of `/monitor.csv` (so the download holds exactly the page's values), and the
totals at the top (connected organisations per type and per supplier, as small bar charts)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from search_api.web.charts import BAR_HEIGHT, Chart, bar_chart
from search_api.web.dutch_time import moment_text
from search_api.web.org_view import ORGANISATION_TYPES, SUPPLIERS
from vindplaats.operations.monitor import Connection, Freshness, MonitorRow, WooExport

YEAR_BAR = 48  # px of the largest year's bar in a row's inline chart

CONNECTION = {
    Connection.CONNECTED: "aangesloten",
    Connection.REGISTERED: "aangemeld",
    Connection.NOT_CONNECTED: "niet aangesloten",
}
FRESHNESS = {
    Freshness.FRESH: "actueel",
    Freshness.STALE: "verouderd",
    Freshness.FAILING: "oogst mislukt",
    Freshness.NEVER: "nooit geoogst",
}
STATUS_CHOICES = {c.value: label for c, label in CONNECTION.items()}


@dataclass(frozen=True)
class YearBar:
    year: str
    count: int
    height: int  # px, 0..BAR_HEIGHT


@dataclass(frozen=True)
class MonitorLine:
    row: MonitorRow
    type_label: str
    supplier_label: str
    connection_label: str
    freshness_label: str
    last_harvest_text: str
    woo_text: str
    years: list[YearBar]

    @property
    def cells(self) -> list[str]:
        """The values of the page's columns, in its order (the CSV's line)."""
        return [
            self.row.name,
            self.type_label,
            self.supplier_label,
            self.connection_label,
            self.freshness_label,
            self.last_harvest_text,
            *(str(bar.count) for bar in self.years),
            self.woo_text,
        ]


def headings(years: list[str]) -> list[str]:
    """The CSV's header: the page's column headings, a column per year."""
    fixed = ["Organisatie", "Soort", "Leverancier", "Aansluiting", "Actualiteit", "Laatste oogst"]
    return [*fixed, *(f"Documenten {year}" for year in years), "Woo-index-export"]


def woo_text(row: MonitorRow) -> str:
    if row.woo_export == WooExport.VALID:
        return "geldig"
    if row.woo_export == WooExport.INVALID:
        errors = row.woo_export_errors or 0
        return f"ongeldig ({errors} {'fout' if errors == 1 else 'fouten'})"
    if row.woo_export == WooExport.NOT_CHECKED:
        return "niet gecontroleerd"
    return "geen TOOI-URI"


def line(row: MonitorRow) -> MonitorLine:
    largest = max(row.documents_per_year.values(), default=0)
    years = [
        YearBar(year, count, max(1, round(BAR_HEIGHT * count / largest)) if count else 0)
        for year, count in row.documents_per_year.items()
    ]
    return MonitorLine(
        row=row,
        type_label=ORGANISATION_TYPES.get(row.organisation_type, row.organisation_type),
        supplier_label=SUPPLIERS.get(row.supplier, row.supplier),
        connection_label=CONNECTION[row.connection],
        freshness_label=FRESHNESS[row.freshness],
        last_harvest_text=moment_text(row.last_harvest) or "nooit",
        woo_text=woo_text(row),
        years=years,
    )


def totals(rows: list[MonitorRow]) -> list[Chart]:
    """Connected organisations per type and per supplier (of the rows shown)."""
    connected = [row for row in rows if row.connection == Connection.CONNECTED]
    per_type = Counter(row.organisation_type for row in connected)
    per_supplier = Counter(row.supplier for row in connected)
    return [
        bar_chart(
            "Aangesloten per soort",
            "Soort",
            dict(per_type.most_common()),
            lambda key: ORGANISATION_TYPES.get(key, key),
        ),
        bar_chart(
            "Aangesloten per leverancier",
            "Leverancier",
            dict(per_supplier.most_common()),
            lambda key: SUPPLIERS.get(key, key),
        ),
    ]


__all__ = ["CONNECTION", "FRESHNESS", "STATUS_CHOICES", "MonitorLine", "headings", "line", "totals"]
