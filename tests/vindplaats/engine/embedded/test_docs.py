"""Document conversion: one doc plus its pages, from text analysed once, and the reasons a
document is rejected."""

from __future__ import annotations

from datetime import date

import pytest

from tests.vindplaats.engine.conftest import make_doc
from vindplaats.engine.base import IndexDoc
from vindplaats.engine.embedded.docs import Rejected, check, to_documents
from vindplaats.engine.embedded.native import analyse


def test_a_document_becomes_one_doc_and_one_entry_per_page_with_words() -> None:
    doc = check(make_doc(1, "De gemeente", "  ", "--", "drie woningen"))
    documents = to_documents(doc, analyse([doc.pages])[0])
    assert len(documents) == 3
    assert [d.get_first("page") for d in documents[1:]] == [1, 4]
    main = documents[0]
    assert main.get_all("text") == ["de meen", "drie woon"]  # stems, page by page
    assert main.get_first("text__folded") == "de drie gemeente woningen"
    assert main.get_first("text__grams1") == "de_meen"
    assert documents[2].get_first("page_text") == "drie woon"
    assert bytes(documents[2].get_first("page_raw")).decode() == "drie woningen"


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
        check(doc)
