"""Store methods for Woo-besluit dossiers (shared SQL).

A dossier (`normalize.dossier.Dossier`) is a record like any other (`records`, type
`dossier`: upserted by id with its payload hash, read back by `get_record` and
`iter_records`); `save_dossier` also replaces its rows in `dossier_documents` in the same
transaction, so `dossiers_of` finds the dossiers of a document with one indexed lookup. A dossier
that is new or changed sends the documents it holds or held back to indexing (`indexed` false):
the index carries each document's judgement and refusal grounds (`harvest.index_woo`).
"""

from __future__ import annotations

from normalize.dossier import Dossier
from vindplaats.store.sql_records import RecordsAndDocuments


class Dossiers(RecordsAndDocuments):
    def save_dossier(self, dossier: Dossier) -> bool:
        """Upsert the dossier and its documents; True when it is new or its content changed
        (an unchanged dossier's documents are the ones saved with it: left as they are)."""
        with self.transaction() as conn:
            changed = self.upsert_record(dossier)
            if not changed:
                return False
            held = conn.execute(
                "SELECT document_id FROM dossier_documents WHERE dossier_id=?", (dossier.id,)
            ).fetchall()
            conn.execute("DELETE FROM dossier_documents WHERE dossier_id=?", (dossier.id,))
            conn.executemany(
                "INSERT INTO dossier_documents(dossier_id, document_id, source_key) VALUES (?,?,?)",
                [
                    (dossier.id, doc_id, dossier.source_key)
                    for doc_id in dict.fromkeys(dossier.document_ids)
                ],
            )
            # their judgements and grounds in the index may change with it
            touched = {row["document_id"] for row in held} | set(dossier.document_ids)
            conn.executemany(
                "UPDATE documents SET indexed=FALSE WHERE id=? AND withdrawn=FALSE",
                [(doc_id,) for doc_id in sorted(touched)],
            )
        return True

    def dossiers_of(self, document_id: str) -> list[str]:
        """The ids of the current (not withdrawn) dossiers that hold the document."""
        rows = self._all(
            "SELECT d.dossier_id AS id FROM dossier_documents d JOIN records r "
            "ON r.id = d.dossier_id WHERE d.document_id=? AND r.withdrawn=FALSE "
            "ORDER BY d.dossier_id",
            (document_id,),
        )
        return [r["id"] for r in rows]


__all__ = ["Dossiers"]
