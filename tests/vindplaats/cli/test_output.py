"""Progress display and terminal rendering (in-process: these are pure formatting)."""

from __future__ import annotations

import io

from vindplaats.cli.output import render_snippet, table
from vindplaats.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_updates_one_line() -> None:
    stream = Terminal()
    progress = Progress("alkmaar", stream=stream)
    progress("crawl", {"counts": {"meetings": 3, "documents": 7}})
    progress("extract", {"done": 2, "total": 7, "failed": 1})
    progress.finish()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert "\r\033[Kalkmaar: crawling: 3 meetings, 7 documents" in text
    assert "\r\033[Kalkmaar: extracting text: 2/7 files (1 failed)" in text


def test_progress_elsewhere_prints_plain_lines_with_each_phase_final_state() -> None:
    stream = io.StringIO()
    progress = Progress("alkmaar", stream=stream, interval=3600)
    for done in range(1, 6):
        progress("extract", {"done": done, "total": 5, "failed": 0})
    progress("index", {"done": 5, "total": 5})
    progress.finish()
    assert stream.getvalue().splitlines() == [
        "alkmaar: extracting text: 1/5 files",
        "alkmaar: extracting text: 5/5 files",
        "alkmaar: indexing: 5/5 documents",
    ]
    assert "\033" not in stream.getvalue()


def test_snippets_render_marks_and_strip_escapes() -> None:
    snippet = "de <mark>begroting</mark> &amp; de <mark>motie</mark>\x1b[31m"
    assert render_snippet(snippet, tty=False) == "de *begroting* & de *motie* [31m"
    assert render_snippet(snippet, tty=True) == (
        "de \033[1mbegroting\033[0m & de \033[1mmotie\033[0m [31m"
    )


def test_table_aligns_columns() -> None:
    assert table(["key", "n"], [["a", 1], ["long-key", 22]]).splitlines() == [
        "KEY       N",
        "a         1",
        "long-key  22",
    ]
