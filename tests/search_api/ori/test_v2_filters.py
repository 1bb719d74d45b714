"""The official document's filters over a corpus of every record type (the one of
`tests/vindplaats/ori/test_ori2_collections.py`): each admits what its field says, values are
checked against the document's parameter schemas, and moments are read as RFC 3339 says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from search_api.ori.v2_filters import BadParam, Param, moment, params_of, select
from tests.vindplaats.ori.test_ori2_collections import CHANGED, LINKS, NOW, records, sources
from vindplaats.ori import spec
from vindplaats.ori.ids import ori_uuid
from vindplaats.ori.ori2_collections import COLLECTIONS, Catalogue
from vindplaats.ori.ori2_corpus import Corpus
from vindplaats.settings import Settings

MEETING = ori_uuid("meeting:notubiz:alkmaar:m1")


@pytest.fixture(scope="module")
def params() -> dict[str, list[Param]]:
    document = spec.load("ori-2", Settings().xsd_dir)
    return {name: params_of(document, name) for name in COLLECTIONS}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(Corpus.build(NOW, sources(), [(r, CHANGED) for r in records()]), LINKS)


def ids(
    catalogue: Catalogue, params: dict[str, list[Param]], collection: str, **query: Any
) -> set[str]:
    chosen = select(
        catalogue.collection(collection), params[collection], collection, list(query.items())
    )
    return {entry.id for entry in chosen}


def test_every_official_parameter_is_known(params: dict[str, list[Param]]) -> None:
    assert {p.name for p in params["vergaderingen"]} == {
        "gewijzigdSinds", "naam", "gemeentecode", "provincie", "waterschapcode", "status",
        "vergaderdatum", "vergaderingstype",
    }  # fmt: skip
    assert sum(len(found) for found in params.values()) > 60


def test_meeting_filters(catalogue: Catalogue, params: dict[str, list[Param]]) -> None:
    alkmaar = ids(catalogue, params, "vergaderingen", gemeentecode="GM0361")
    assert len(alkmaar) == 3 and alkmaar == ids(
        catalogue, params, "vergaderingen", gemeentecode="0361"
    )
    assert ids(catalogue, params, "vergaderingen", provincie="noord_holland") == {
        ori_uuid("meeting:notubiz:noord-holland:s1")
    }
    assert ids(catalogue, params, "vergaderingen", vergaderdatum="2025-01-14") == {MEETING}
    assert ids(catalogue, params, "vergaderingen", naam="RAADSVERGADERING") == {MEETING}
    assert len(ids(catalogue, params, "vergaderingen", status="gepland")) == 1
    assert ids(catalogue, params, "vergaderingen", gewijzigdSinds="2025-02-01T09:00:00+02:00")
    assert not ids(catalogue, params, "vergaderingen", gewijzigdSinds="2025-02-01T08:00:01Z")


def test_reference_and_prefix_filters(catalogue: Catalogue, params: dict[str, list[Param]]) -> None:
    items = ids(catalogue, params, "agendapunten", vergaderingsIdentificatie=MEETING[:10])
    assert len(items) == 2
    head = ori_uuid("agenda_item:notubiz:alkmaar:a1")
    assert ids(catalogue, params, "agendapunten", bovenliggendAgendapuntIdentificatie=head[:8])
    stemming = ori_uuid("motion:notubiz:alkmaar:mo1")
    assert len(ids(catalogue, params, "stemmen", stemming=stemming)) == 3
    assert len(ids(catalogue, params, "stemresultatenperfractie", Stemming=stemming)) == 2
    document = LINKS.url("informatieobjecten", ori_uuid("document:notubiz:alkmaar:d1"))
    assert len(ids(catalogue, params, "indieners", informatieobject=document)) == 2
    assert ids(catalogue, params, "informatieobjecten", auteur="iemand") == set()


@pytest.mark.parametrize(
    ("collection", "name", "value"),
    [
        ("vergaderingen", "naam", "x" * 101),
        ("vergaderingen", "waterschapcode", "123"),
        ("vergaderingen", "vergaderdatum", "14-01-2025"),
        ("vergaderingen", "gewijzigdSinds", "2025-01-14T10:00:00"),
        ("stemmingen", "stemmingstype", "geheim"),
        ("spreekfragmenten", "audioTijdsaanduidingAanvang", "1.5"),
        ("natuurlijkpersonen", "nevenfunctie_indicatorBezoldigd", "ja"),
        ("indieners", "informatieobject", "geen url"),
    ],
)
def test_invalid_values_are_refused(
    catalogue: Catalogue, params: dict[str, list[Param]], collection: str, name: str, value: str
) -> None:
    with pytest.raises(BadParam) as refused:
        ids(catalogue, params, collection, **{name: value})
    assert refused.value.name == name


def test_moments_python_cannot_hold_are_still_read() -> None:
    assert moment("x", "2025-01-14t10:00:00.1234567z") == datetime(
        2025, 1, 14, 10, 0, 0, 123456, UTC
    )
    assert moment("x", "2016-12-31T23:59:60Z").second == 59
    assert moment("x", "0000-01-01T00:00:00+01:00") == datetime.min.replace(tzinfo=UTC)
