"""Small bar charts for server-rendered pages: a table whose rows carry a label, the count as
text and a bar drawn as inline SVG (`_org_chart.html`), so the numbers are read by everyone
(screen readers read the table; the bars are `aria-hidden`) and nothing needs JavaScript or a
style attribute."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

BAR_WIDTH = 240  # px of the longest bar
BAR_HEIGHT = 14

K = TypeVar("K")


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: int  # px, 0..BAR_WIDTH, at least 1 for a count above zero
    link: str | None = None  # a search of what the bar counts


@dataclass(frozen=True)
class Chart:
    caption: str  # the table's caption, e.g. "Documenten per jaar"
    heading: str  # the first column's heading, e.g. "Jaar"
    bars: list[Bar]
    max_width: int = BAR_WIDTH
    height: int = BAR_HEIGHT

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def bar_chart(
    caption: str,
    heading: str,
    counts: Mapping[K, int],
    label: Callable[[K], str],
    link: Callable[[K], str | None] = lambda key: None,
) -> Chart:
    """A chart of `counts` in their order, each bar as long as its count relative to the
    largest (a non-zero count is never drawn as nothing)."""
    largest = max(counts.values(), default=0)
    bars = [
        Bar(
            label=label(key),
            count=count,
            width=max(1, round(BAR_WIDTH * count / largest)) if count and largest else 0,
            link=link(key),
        )
        for key, count in counts.items()
    ]
    return Chart(caption=caption, heading=heading, bars=bars)


__all__ = ["BAR_HEIGHT", "BAR_WIDTH", "Bar", "Chart", "bar_chart"]
