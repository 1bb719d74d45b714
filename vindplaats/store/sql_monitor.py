"""Store methods for the national monitor (shared SQL): the recent harvest runs of every source
at once, so the monitor computes each source's health without a query per source.

`recent_runs(per_source)` gives each source's newest `per_source` runs (newest first) and
`last_completed_runs()` each source's newest completed run (ok or partial), however old: the
two things `operations.health.source_health` reads per source.
"""

from __future__ import annotations

from vindplaats.store.models import HarvestRun, RunStatus
from vindplaats.store.sql_core import SQLCore
from vindplaats.store.sql_sources import SourcesAndRuns


class Monitor(SQLCore):
    def recent_runs(self, per_source: int) -> dict[str, list[HarvestRun]]:
        """Every source's newest `per_source` runs, newest first, by source key."""
        rows = self._all(
            "SELECT * FROM (SELECT harvest_runs.*, ROW_NUMBER() OVER "
            "(PARTITION BY source_key ORDER BY id DESC) AS run_rank FROM harvest_runs) ranked "
            "WHERE run_rank <= ? ORDER BY source_key, id DESC",
            (per_source,),
        )
        found: dict[str, list[HarvestRun]] = {}
        for row in rows:
            data = dict(row)
            data.pop("run_rank", None)
            run = SourcesAndRuns._run(data, self.error_limits)
            found.setdefault(run.source_key, []).append(run)
        return found

    def last_completed_runs(self) -> dict[str, HarvestRun]:
        """Every source's newest completed run (ok or partial), by source key."""
        rows = self._all(
            "SELECT * FROM harvest_runs WHERE id IN (SELECT MAX(id) FROM harvest_runs "
            "WHERE status IN (?, ?) GROUP BY source_key)",
            (RunStatus.OK.value, RunStatus.PARTIAL.value),
        )
        runs = (SourcesAndRuns._run(row, self.error_limits) for row in rows)
        return {run.source_key: run for run in runs}


__all__ = ["Monitor"]
