"""The rolling re-read of older iBabs meetings (`crawlers.ibabs_reread`): each ordinary run
also reads one older slice, the next one each run, so a late change to a meeting outside the
re-check window is found within N runs; what disappeared from a re-read meeting is withdrawn."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from crawlers.ibabs_reread import cursor, next_slice, slices
from normalize.records import Meeting
from vindplaats.harvest.run import harvest
from vindplaats.sandbox import Sandbox, SandboxWorld
from vindplaats.sandbox.ibabs_world import IbabsWorld
from vindplaats.settings import load_settings
from vindplaats.store import RunStatus, open_store
from vindplaats.store.models import HarvestRun

KEY = "bergenrode"
TODAY = SandboxWorld().now.date()  # 2026-11-28: the ordinary window starts 2026-10-29


def test_the_history_is_cut_into_aligned_slices_before_the_window() -> None:
    assert slices(date(2025, 9, 1), date(2026, 3, 15), 3) == [
        (date(2025, 9, 1), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 5, 31)),  # overlaps the window
    ]
    assert slices(date(2025, 1, 31), date(2025, 4, 1), 1)[1] == (
        date(2025, 2, 28),
        date(2025, 3, 30),
    )
    assert slices(date(2025, 9, 1), date(2026, 3, 15), 0) == []


def test_the_cursor_moves_on_and_wraps() -> None:
    found = slices(date(2025, 9, 1), date(2026, 3, 15), 3)
    assert next_slice(found, None) == found[0]
    assert next_slice(found, 20250901) == found[1]
    assert next_slice(found, 20260301) == found[0]  # the last: start over
    assert next_slice(found, 20250815) == found[0]  # a start of other settings

    def run(ident: int, status: RunStatus, counts: dict[str, int]) -> HarvestRun:
        return HarvestRun(
            id=ident,
            source_key=KEY,
            started_at=datetime(2026, 11, 28, 10),
            status=status,
            counts=counts,
        )

    runs = [
        run(3, RunStatus.FAILED, {"reread_from": 20251201}),  # a failed run does not count
        run(2, RunStatus.PARTIAL, {"reread_from": 20250901}),
        run(1, RunStatus.OK, {}),
    ]
    assert cursor(runs) == 20250901
    assert cursor(runs[2:]) is None


def test_ordinary_runs_reread_older_slices_in_turn(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data",
        allow_private_networks=True,
        download_delay=0,
        autothrottle=False,
        ocr=False,
        backfill_from=IbabsWorld.date_from,  # 2025-09-01: five quarters before the window
    )
    store = open_store(settings)
    with Sandbox(files_dir=tmp_path / "files") as sandbox:
        store.upsert_source(next(s for s in sandbox.sources() if s.key == KEY))
        first = harvest(settings, KEY, today=TODAY)  # the whole history, no re-read
        assert first.counts.get("errors", 0) == 0, first.errors  # one file is refused (403)
        assert "reread_from" not in first.counts

        site = sandbox.ibabs_world.sites[sandbox.ibabs_world.source(KEY).site]
        old = next(
            m for m in site.meetings if date(2025, 12, 1) <= m.start.date() <= date(2026, 2, 28)
        )
        item = next(i for i in old.items if i.documents and not i.confidential)
        removed = item.documents.pop()
        old.location = "Het nieuwe raadhuis"

        def location() -> str | None:
            found = [m for m in store.iter_records("meeting", KEY) if m.native_id == old.id]
            assert isinstance(found[0], Meeting)
            return found[0].location

        def withdrawn() -> bool:
            docs = [d for d in store.iter_records("document", KEY) if d.native_id == removed]
            return store.get_document_state(docs[0].id).withdrawn

        second = harvest(settings, KEY, today=TODAY)  # 2025-09 .. 2025-11
        assert second.counts["reread_from"] == 20250901, second.errors
        assert location() != "Het nieuwe raadhuis" and not withdrawn()

        third = harvest(settings, KEY, today=TODAY)  # 2025-12 .. 2026-02: the change is found
        assert third.counts["reread_from"] == 20251201
        assert third.counts.get("errors", 0) == 0, third.errors
        assert location() == "Het nieuwe raadhuis"
        assert withdrawn()

        for _ in range(3):  # 2026-03, 2026-06, 2026-09 (overlapping the window)
            harvest(settings, KEY, today=TODAY)
        again = harvest(settings, KEY, today=TODAY)
        assert again.counts["reread_from"] == 20250901  # every slice read: start over
    store.close()
