"""Document conversion: one doc plus its pages, and the reasons a document is rejected."""

from __future__ import annotations

from datetime import date

import pytest

from tests.vindplaats.engine.conftest import make_doc
from vindplaats.engine.base import IndexDoc
from vindplaats.engine.embedded.docs import Rejected, to_documents


def test_a_document_becomes_one_doc_and_one_entry_per_non_blank_page() -> None:
    documents = to_documents(make_doc(1, "een", "  ", "drie"))
    assert len(documents) == 3
    assert [d.get_first("page") for d in documents[1:]] == [1, 3]


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ({"id": "document:x:y:1", "title": "t"}, "not an IndexDoc"),
        (make_doc(1, id=""), "non-empty"),
        (make_doc(1, id="a\tb"), "whitespace"),
        (make_doc(1, id="x" * 2000), "at most"),
        (make_doc(1, date=date(1, 1, 1)), "outside"),
        (IndexDoc.model_construct(**{**make_doc(1).model_dump(), "pages": "tekst"}), "pages"),
        (IndexDoc.model_construct(**{**make_doc(1).model_dump(), "date": "2020"}), "date"),
        (IndexDoc.model_construct(**{**make_doc(1).model_dump(), "committee": 5}), "committee"),
        (make_doc(1, "tekst \ud800"), "cannot index"),
    ],
)
def test_rejections_name_the_reason(doc: object, reason: str) -> None:
    with pytest.raises(Rejected, match=reason):
        to_documents(doc)
