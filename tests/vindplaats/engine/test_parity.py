"""Both engines honour the same contract on the same corpus (`vindplaats/engine/base.py`).

One deterministic corpus of 200 generated Dutch documents, a quarter of them Woo publications
(publisher, several information categories, TOOI documentsoorten and themes, judgement and
refusal grounds) beside council documents, plus a few written for one behaviour each, is indexed
into the embedded engine and into Elasticsearch. The contract tests run on each engine and
compare with expectations computed from the corpus itself, using the analysis functions that
define the query language (stems for words and phrases, folded words for prefixes); the parity
tests compare the two engines' answers directly: hit sets, facet counts (the Woo facets and the
year too), date and newest-added order across cursor pages, best pages and their snippets.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from normalize.doctypes import VOCABULARY, DocType
from tests.vindplaats.engine.elasticsearch.test_service import es_service
from vindplaats.engine import analysis
from vindplaats.engine.base import Engine, Filters, IndexDoc, SearchQuery, SearchResult
from vindplaats.engine.elasticsearch import ElasticsearchEngine
from vindplaats.engine.embedded import EmbeddedEngine
from vindplaats.engine.query import MIN_PREFIX, Term, parse_query

ORGANIZATIONS = ("Amsterdam", "Delft", "Den Haag", "Groningen", "Zoetermeer", "'s-Hertogenbosch")
SUPPLIERS = ("ibabs", "notubiz", "parlaeus")
TYPES = ("raadsvoorstel", "motie", "amendement", "verslag", "besluitenlijst")
COMMITTEES = ("Gemeenteraad", "Commissie Ruimte", "Commissie Financiën", "Presidium", None)
RESULTS = ("aangenomen", "verworpen", "aangenomen", "ingetrokken", None, "aangehouden", "overig")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FUNCTION = _words(
    "de het een van en in op te voor met dat die is zijn wordt door aan om bij als ook"
)
CONTENT = _words(
    """
begroting jeugdzorg woningbouw huurwoningen starters zwembad bibliotheek riolering motie
amendement wethouder burgemeester fractie inwoners wijk verkeer parkeren fietspad duurzaamheid
energietransitie warmtenet zonnepanelen windmolens afval subsidie onderwijs scholen sport
cultuur veiligheid handhaving armoede schuldhulpverlening bijstand mantelzorg ouderen
gezondheid ondernemers winkelcentrum groen bomen water dijk omgevingsvisie vergunning bezwaar
kredieten reserve investering tekort belasting kadernota jaarrekening rekenkamer verordening
woningbouwplannen klimaatadaptatie klimaatakkoord gemeentefonds gemeenteraad Zoëtermeer café
"""
)
PHRASES = ("sociale huurwoningen", "openbaar vervoer", "de begroting van", "motie vreemd aan")
FIRST_DAY = date(2023, 1, 1)
FIRST_HARVEST = datetime(2025, 3, 1, 9, 0, 0, 250_000, tzinfo=UTC)  # a fraction: not indexed
TOOI_ID = "https://identifier.overheid.nl/tooi/id/"
MINISTRIES = (
    ("ministerie van Volksgezondheid, Welzijn en Sport", f"{TOOI_ID}ministerie/mnre1025"),
    ("ministerie van Financiën", f"{TOOI_ID}ministerie/mnre1090"),
)
MOTIE_URI = "https://identifier.overheid.nl/tooi/def/thes/kern/c_bf0f9c95"
WOO_CATEGORIES = (["3.3.2i"], ["3.3.2i", "3.3.2e"], ["3.3.2f"])
WOO_TYPES = (["besluit"], ["advies"], ["besluit", "brief"], ["motie"])
WOO_THEMES: tuple[list[str], ...] = (
    ["afval"],
    ["zorg en gezondheid", "afval"],
    [],
    ["stadsontwikkeling"],
)
JUDGEMENTS = ("openbaar", "deels openbaar", "niet openbaar", None, "reeds openbaar")
GROUNDS: tuple[list[str], ...] = ([], ["5.1.2e"], ["5.1.2e", "5.1.2i"], ["10.2e"], [])


def _page(rng: random.Random) -> str:
    words = [
        rng.choice(CONTENT) if rng.random() < 0.45 else rng.choice(FUNCTION)
        for _ in range(rng.randint(50, 80))
    ]
    if rng.random() < 0.35:
        at = rng.randrange(len(words))
        words[at:at] = rng.choice(PHRASES).split()
    cut = rng.randrange(5, len(words) - 5)
    return f"{' '.join(words[:cut]).capitalize()}. {' '.join(words[cut:]).capitalize()}."


def generated_doc(i: int) -> IndexDoc:
    rng = random.Random(7_919 * i + 13)
    organization = ORGANIZATIONS[i % len(ORGANIZATIONS)]
    undated = rng.random() < 0.06
    doc = IndexDoc(
        id=f"document:{SUPPLIERS[i % 3]}:{organization.lower().replace(' ', '-')}:{i:04d}",
        title=f"{rng.choice(TYPES).capitalize()} over {rng.choice(CONTENT)}",
        organization=organization,
        source_key=organization.lower().replace(" ", "-").replace("'", ""),
        supplier=SUPPLIERS[i % 3],
        document_type=rng.choice(TYPES),
        committee=rng.choice(COMMITTEES),
        date=None if undated else FIRST_DAY + timedelta(days=rng.randrange(400)),
        pages=[_page(rng) for _ in range(rng.randint(1, 5))],
    )
    if doc.document_type in ("motie", "amendement"):  # outside the rng: the corpus is unchanged
        doc = doc.model_copy(update={"motion_result": RESULTS[i % len(RESULTS)]})
    label = f"{str(doc.document_type).capitalize()}s {organization}"  # as suppliers write them
    woo = "3.3.2a" if i % 5 == 0 else "3.3.2c"
    update: dict[str, Any] = {"document_type_label": label, "woo_category": woo}
    # First harvested in a few dozen runs (many share a moment: ties), some never recorded.
    added = None if i % 13 == 0 else FIRST_HARVEST + timedelta(hours=(i * 37) % 41)
    update["added"] = added
    return doc.model_copy(update=update | _woo_fields(i, doc))


def _woo_fields(i: int, doc: IndexDoc) -> dict[str, Any]:
    """The Woo fields (`vindplaats.harvest.index_woo`): every fourth document a Woo publication
    of a ministry, the others council records of their municipality."""
    place = ORGANIZATIONS.index(doc.organization)
    if i % 4 != 1:
        assert doc.document_type is not None
        return {
            "publisher": f"gemeente {doc.organization}",
            "publisher_uri": None if place == 4 else f"{TOOI_ID}gemeente/gm{place:04d}",
            "woo_document_type": [VOCABULARY[DocType(doc.document_type)].tooi_label],
        }
    j = i // 4
    publisher, uri = MINISTRIES[j % 2]
    categories = WOO_CATEGORIES[j % 3]
    return {
        "woo_category": categories[0],
        "woo_categories": categories,
        "publisher": publisher,
        "publisher_uri": uri,
        "woo_document_type": WOO_TYPES[j % 4],
        "woo_theme": WOO_THEMES[j % 4],
        "woo_judgement": JUDGEMENTS[j % 5],
        "woo_ground": GROUNDS[j % 5],
    }


def written_doc(native: str, *pages: str, **fields: Any) -> IndexDoc:
    values: dict[str, Any] = {
        "id": f"document:ibabs:parity:{native}",
        "title": f"Testdocument {native}",
        "organization": "Parity",
        "source_key": "parity",
        "supplier": "ibabs",
        "document_type": "raadsinformatiebrief",
        "date": date(2023, 6, 1),
        "pages": list(pages),
    }
    values.update(fields)
    return IndexDoc(**values)


FILLER = " ".join(["de raad vergadert over het voorstel en de stukken"] * 6)
WRITTEN = [
    written_doc("begroting", "Het college stuurt de begroting naar de raad."),
    written_doc(
        "bestpage",
        FILLER + " havenkwartier",
        FILLER + " havenkwartier havenkwartier havenkwartier havenkwartier",
        FILLER,
    ),
    written_doc("codes", "Zie art. 5.1.2e van de verordening, versie 2024-01."),
    written_doc("undated", "Een stuk zonder datum over het havenkwartier.", date=None),
    written_doc("html", "Het college & de raad: <b>kadernota</b> voor R&D."),
]
CORPUS = [generated_doc(i) for i in range(200)] + WRITTEN
DOCS = {doc.id: doc for doc in CORPUS}


# -- the expected answers, from the corpus --------------------------------------------------


def _values(doc: IndexDoc) -> list[str]:
    return [doc.title, *doc.pages]


def _has_phrase(doc: IndexDoc, tokens: list[str]) -> bool:
    for value in _values(doc):
        stemmed = analysis.stems(value)
        if any(stemmed[i : i + len(tokens)] == tokens for i in range(len(stemmed))):
            return True
    return False


def _term_matches(doc: IndexDoc, term: Term) -> bool | None:
    """Whether `doc` matches one term; None when the term has no words (it is ignored)."""
    stems = {s for value in _values(doc) for s in analysis.stems(value)}
    if term.kind == "prefix":
        folded = analysis.folded(term.text)
        if folded and len(folded[-1]) >= MIN_PREFIX and term.text[-1].isalnum():
            words = {w for value in _values(doc) for w in analysis.folded(value)}
            head = set(analysis.stems(" ".join(folded[:-1])))
            return head <= stems and any(w.startswith(folded[-1]) for w in words)
        term = Term("word", term.text)
    tokens = analysis.stems(term.text)
    if not tokens:
        return None
    if term.kind == "phrase" and len(tokens) > 1:
        return _has_phrase(doc, tokens)
    return set(tokens) <= stems


def _clause_matches(doc: IndexDoc, terms: tuple[Term, ...]) -> bool | None:
    results = [r for r in (_term_matches(doc, t) for t in terms) if r is not None]
    return any(results) if results else None


def _fold(name: str) -> str:
    """A name as the organisation and committee filters compare it (docs/search.md)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii()).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain.replace("'", "")))


def _field_values(doc: IndexDoc, name: str) -> list[str]:
    """The values of a field of `doc` as filters and facets see them (`woo_category`: all)."""
    if name == "woo_category":
        return doc.woo_categories or ([doc.woo_category] if doc.woo_category else [])
    if name == "year":
        return [str(doc.date.year)] if doc.date else []
    value = getattr(doc, name)
    return list(value) if isinstance(value, list) else [value] if value else []


# How the Woo filters read what users type (TOOI label or URI, judgement and ground spellings).
WOO_READINGS = {
    "ADVIES": "advies",
    MOTIE_URI: "motie",
    "Afval": "afval",
    "Stadsontwikkeling": "stadsontwikkeling",
    "Deels Openbaar": "deels openbaar",
    "5.1.2 e": "5.1.2e",
    "art. 5.1, lid 2, sub i": "5.1.2i",
    "zie besluit": None,
}


def _publisher_matches(doc: IndexDoc, wanted: list[str]) -> bool:
    keys = {_fold(v).removeprefix("gemeente-") for v in wanted if not v.startswith("https://")}
    name = _fold(doc.publisher or "-").removeprefix("gemeente-")
    return name in keys or doc.publisher_uri in wanted


def _in_woo_filters(doc: IndexDoc, filters: Filters) -> bool:
    if filters.publisher and not _publisher_matches(doc, filters.publisher):
        return False
    for name in ("woo_document_type", "woo_theme", "woo_judgement", "woo_ground"):
        wanted = {WOO_READINGS.get(v, v) for v in getattr(filters, name)} - {None}
        if getattr(filters, name) and not wanted & set(_field_values(doc, name)):
            return False
    return True


def _in_filters(doc: IndexDoc, filters: Filters) -> bool:
    if not _in_woo_filters(doc, filters):
        return False
    if filters.organization:
        keys = {_fold(v).removeprefix("gemeente-") for v in filters.organization}
        if not {_fold(doc.organization).removeprefix("gemeente-"), doc.source_key} & keys:
            return False
    if filters.committee and _fold(doc.committee or "-") not in map(_fold, filters.committee):
        return False
    if filters.document_type and doc.document_type not in TYPE_FILTERS_READ(filters):
        return False
    for name in ("supplier", "motion_result", "woo_category", "source_key", "year"):
        wanted = getattr(filters, name)
        if wanted and not set(wanted) & set(_field_values(doc, name)):
            return False
    if filters.date_from or filters.date_to:
        if doc.date is None:
            return False
        if filters.date_from and doc.date < filters.date_from:
            return False
        if filters.date_to and doc.date > filters.date_to:
            return False
    return True


def expected_ids(q: str, filters: Filters | None = None) -> set[str]:
    parsed = parse_query(q)
    out = set()
    for doc in CORPUS:
        if filters is not None and not _in_filters(doc, filters):
            continue
        required = [_clause_matches(doc, c.alternatives) for c in parsed.required]
        excluded = [_clause_matches(doc, c.alternatives) for c in parsed.excluded]
        if all(r is not False for r in required) and not any(excluded):
            out.add(doc.id)
    return out


def expected_order(found: set[str], descending: bool) -> list[str]:
    dated = [(day.toordinal(), i) for i in found if (day := DOCS[i].date) is not None]
    dated.sort(key=lambda pair: (-pair[0] if descending else pair[0], pair[1]))
    undated = sorted(i for i in found if DOCS[i].date is None)
    return [i for _, i in dated] + undated


def expected_added_order(found: set[str]) -> list[str]:
    """Newest first harvested first, to the second; ties and records without it by id."""
    added = [(moment.replace(microsecond=0), i) for i in found if (moment := DOCS[i].added)]
    added.sort(key=lambda pair: (-pair[0].timestamp(), pair[1]))
    return [i for _, i in added] + sorted(i for i in found if DOCS[i].added is None)


# -- engines ----------------------------------------------------------------------------------


def _load(engine: Engine) -> Engine:
    for start in range(0, len(CORPUS), 60):
        report = engine.index(CORPUS[start : start + 60])
        assert report.failed == {}
    return engine


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = EmbeddedEngine(Path(tmp_path_factory.mktemp("parity")) / "index")
    yield _load(engine)
    engine.close()


@pytest.fixture(scope="module")
def elastic() -> Iterator[Engine]:
    for es in es_service():
        engine = ElasticsearchEngine(es.url, es.prefix, 30)
        yield _load(engine)
        engine.close()


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request: pytest.FixtureRequest) -> Engine:
    name = "elastic" if request.param == "elasticsearch" else "embedded"
    found: Engine = request.getfixturevalue(name)
    return found


def search(engine: Engine, q: str = "", **options: Any) -> SearchResult:
    return engine.search(SearchQuery(q=q, **options))


def every_id(engine: Engine, query: SearchQuery) -> list[str]:
    """Every hit of `query`, following cursors; the total stays the same on every page."""
    out: list[str] = []
    totals: set[int] = set()
    cursor = None
    while True:
        result = engine.search(query.model_copy(update={"cursor": cursor}))
        out += [hit.id for hit in result.hits]
        totals.add(result.total)
        cursor = result.next_cursor
        if cursor is None:
            assert totals == {len(out)}
            return out


QUERIES = [
    "jeugdzorg",
    "begroting jeugdzorg",
    "woningbouw starters huurwoningen",
    '"sociale huurwoningen"',
    '"openbaar vervoer" wethouder',
    '"motie vreemd aan"',
    '"van de"',  # common words: one gram
    '"te van de"',  # common words: positions, only where both grams are
    '-"op de"',
    "woning*",
    "klimaat*",
    "gemeente*",
    "bi* -zwembad",
    "begroting -motie",
    "-begroting",
    '-"de begroting van"',
    "motie | amendement",
    "zwembad | bibliotheek riolering",
    "",
    "%%% | havenkwartier",
    "woningbouw-plannen",
    "2024-01",
    '"art. 5.1.2e"',
    "Zoëtermeer cafe",
    '"begroting',
    "title:begroting",
]
# How the type filter reads what users type (any case, plural, a label, a register's name).
TYPE_READINGS = {
    "Moties": "motie",
    "AMENDEMENT": "amendement",
    "Notulen": "verslag",
    "besluitenlijsten": "besluitenlijst",
    "Raadsvoorstellen Delft": "raadsvoorstel",
    "geen bekend soort": None,
}


def TYPE_FILTERS_READ(filters: Filters) -> set[str | None]:
    return {TYPE_READINGS.get(v, v) for v in filters.document_type} - {None}


FILTERS = [
    Filters(organization=["Delft"]),
    Filters(organization=["gemeente delft", "DEN HAAG", "s-hertogenbosch"]),
    Filters(organization=["zoetermeer", "Gemeente 'S-Hertogenbosch"]),
    Filters(committee=["commissie ruimte", "COMMISSIE-FINANCIEN"]),
    Filters(document_type=["Moties", "AMENDEMENT"]),
    Filters(document_type=["Raadsvoorstellen Delft"], organization=["Delft"]),
    Filters(document_type=["geen bekend soort"]),
    Filters(woo_category=["3.3.2a"], document_type=["besluitenlijsten"]),
    Filters(document_type=["motie", "amendement"], committee=["Presidium", "Gemeenteraad"]),
    Filters(date_from=date(2023, 3, 1), date_to=date(2023, 9, 30)),
    Filters(supplier=["notubiz"], source_key=["groningen", "delft"], date_from=date(2023, 6, 1)),
    Filters(date_from=date(2024, 1, 1), date_to=date(2023, 1, 1)),
    Filters(date_from=date(1, 1, 1), date_to=date(9999, 12, 31)),  # beyond tantivy's dates
    Filters(date_from=date(1600, 1, 1), date_to=date(2023, 6, 30)),
    Filters(date_from=date(9999, 12, 31)),
    Filters(date_to=date(1, 1, 1)),
    Filters(motion_result=["aangenomen"]),
    Filters(motion_result=["verworpen", "ingetrokken"], organization=["Delft", "Amsterdam"]),
    Filters(woo_category=["3.3.2e"]),
    Filters(woo_category=["3.3.2i", "3.3.2a"], supplier=["ibabs"]),
    Filters(publisher=["Gemeente Delft", "MINISTERIE VAN FINANCIEN"]),
    Filters(publisher=[MINISTRIES[0][1], "zoetermeer", f"{TOOI_ID}gemeente/gm0000"]),
    Filters(woo_document_type=["ADVIES", MOTIE_URI]),
    Filters(woo_document_type=["besluit", "brief"], woo_theme=["Afval"]),
    Filters(woo_theme=["Stadsontwikkeling", "zorg en gezondheid"], woo_category=["3.3.2e"]),
    Filters(woo_judgement=["Deels Openbaar", "reeds openbaar"]),
    Filters(woo_judgement=["niet openbaar"], woo_ground=["5.1.2 e"]),
    Filters(woo_ground=["art. 5.1, lid 2, sub i", "10.2e"], organization=["Delft", "Groningen"]),
    Filters(woo_ground=["zie besluit"]),
    Filters(year=["2023"]),
    Filters(year=["2024", "1999"], organization=["Delft", "Amsterdam"]),
]


# -- contract tests, on each engine ----------------------------------------------------------


@pytest.mark.parametrize("q", QUERIES)
def test_hit_set(engine: Engine, q: str) -> None:
    query = SearchQuery(q=q, size=100, facets=False, pages_per_hit=0)
    found = every_id(engine, query)
    assert len(found) == len(set(found))
    assert set(found) == expected_ids(q)


@pytest.mark.parametrize("filters", FILTERS, ids=[f"filter{i}" for i in range(len(FILTERS))])
def test_filtered_hit_set(engine: Engine, filters: Filters) -> None:
    for q in ("", "begroting | jeugdzorg"):
        query = SearchQuery(q=q, filters=filters, size=100, facets=False, pages_per_hit=0)
        assert set(every_id(engine, query)) == expected_ids(q, filters)


def test_the_corpus_makes_the_queries_meaningful() -> None:
    for q in ("jeugdzorg", '"sociale huurwoningen"', "woning*", "begroting -motie", "-begroting"):
        assert 0 < len(expected_ids(q)) < len(CORPUS), q
    assert sum(doc.date is None for doc in CORPUS) >= 5


def test_the_corpus_makes_the_motion_result_filter_meaningful() -> None:
    accepted = expected_ids("", Filters(motion_result=["aangenomen"]))
    motions = [doc for doc in CORPUS if doc.motion_result is not None]
    assert 0 < len(accepted) < len(motions) < len(CORPUS)
    assert all(DOCS[i].motion_result == "aangenomen" for i in accepted)


def test_motion_result_is_returned_on_hits(engine: Engine) -> None:
    query = SearchQuery(filters=Filters(motion_result=["verworpen"]), size=100, facets=False)
    hits = engine.search(query).hits
    assert hits and {hit.motion_result for hit in hits} == {"verworpen"}
    assert [v.value for v in search(engine, size=1).facets["motion_result"]] != []


def test_begrotingen_finds_begroting(engine: Engine) -> None:
    found = {hit.id for hit in search(engine, "begrotingen", size=100).hits}
    assert "document:ibabs:parity:begroting" in found


@pytest.mark.parametrize("q", ["", "jeugdzorg | havenkwartier"])
def test_facet_counts(engine: Engine, q: str) -> None:
    result = search(engine, q, size=1)
    matching = [DOCS[i] for i in expected_ids(q)]
    names = ("organization", "supplier", "document_type", "committee", "motion_result")
    woo = ("publisher", "woo_document_type", "woo_theme", "woo_judgement", "woo_ground")
    for name in (*names, "woo_category", *woo, "year"):
        counts = Counter(value for doc in matching for value in _field_values(doc, name))
        expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        assert [(v.value, v.count) for v in result.facets[name]] == expected, name


@pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
@pytest.mark.parametrize("q", ["", "jeugdzorg | havenkwartier"])
def test_date_order_across_cursor_pages(engine: Engine, sort: str, q: str) -> None:
    query = SearchQuery(q=q, sort=sort, size=7, facets=False, pages_per_hit=0)  # type: ignore[arg-type]
    listed = every_id(engine, query)
    assert listed == expected_order(expected_ids(q), descending=sort == "date_desc")


@pytest.mark.parametrize("q", ["", "jeugdzorg | havenkwartier"])
def test_newest_added_order_across_cursor_pages(engine: Engine, q: str) -> None:
    query = SearchQuery(q=q, sort="added_desc", size=7, facets=False, pages_per_hit=0)
    listed = every_id(engine, query)
    assert listed == expected_added_order(expected_ids(q))
    first = engine.search(query.model_copy(update={"size": 1})).hits[0]
    assert first.added == max(d.added for d in CORPUS if d.added).replace(microsecond=0)


def test_the_corpus_makes_the_year_and_added_meaningful() -> None:
    years = Counter(y for doc in CORPUS for y in _field_values(doc, "year"))
    assert set(years) == {"2023", "2024"}
    moments = Counter(doc.added for doc in CORPUS if doc.added)
    assert max(moments.values()) > 1 and len(moments) > 20  # ties, and many moments
    assert 0 < sum(doc.added is None for doc in CORPUS) < len(CORPUS) // 5


def test_best_page_first_with_marked_snippets(engine: Engine) -> None:
    hits = search(engine, "havenkwartier", filters=Filters(organization=["Parity"])).hits
    best = next(hit for hit in hits if hit.id == "document:ibabs:parity:bestpage")
    assert [page.number for page in best.pages] == [2, 1]
    assert best.pages[0].score > best.pages[1].score
    assert best.pages[0].snippet.count("<mark>havenkwartier</mark>") == 4
    escaped = search(engine, "art", filters=Filters(organization=["Parity"])).hits[0]
    assert "<mark>art</mark>" in escaped.pages[0].snippet


def test_snippets_are_html_escaped(engine: Engine) -> None:
    hits = search(engine, "verordening", filters=Filters(source_key=["parity"])).hits
    assert [hit.id for hit in hits] == ["document:ibabs:parity:codes"]
    assert hits[0].pages[0].snippet.startswith("Zie art. 5.1.2e van de <mark>verordening</mark>")
    (html,) = search(engine, "kadernota", filters=Filters(source_key=["parity"])).hits
    assert html.pages[0].snippet == (
        "Het college &amp; de raad: &lt;b&gt;<mark>kadernota</mark>&lt;/b&gt; voor R&amp;D."
    )


# -- parity: the engines compared directly ------------------------------------------------------


@pytest.mark.parametrize("q", QUERIES)
def test_engines_return_the_same_hits(embedded: Engine, elastic: Engine, q: str) -> None:
    query = SearchQuery(q=q, size=50, facets=True, pages_per_hit=0)
    first = [search(e, q, size=50) for e in (embedded, elastic)]
    assert first[0].total == first[1].total
    assert first[0].facets == first[1].facets
    assert set(every_id(embedded, query)) == set(every_id(elastic, query))


@pytest.mark.parametrize("sort", ["date_desc", "date_asc"])
def test_engines_order_dates_alike(embedded: Engine, elastic: Engine, sort: str) -> None:
    for filters in FILTERS[:3]:
        query = SearchQuery(q="", sort=sort, filters=filters, size=9, facets=False)  # type: ignore[arg-type]
        assert every_id(embedded, query) == every_id(elastic, query)


def test_engines_order_newest_added_alike(embedded: Engine, elastic: Engine) -> None:
    for filters in (Filters(), Filters(year=["2024"]), FILTERS[1]):
        query = SearchQuery(
            q="", sort="added_desc", filters=filters, size=9, facets=False, pages_per_hit=0
        )
        assert every_id(embedded, query) == every_id(elastic, query)


def test_engines_pick_the_same_clearly_best_pages(embedded: Engine, elastic: Engine) -> None:
    """Where one page holds the word at least twice more than any other, both rank it first."""
    word = "jeugdzorg"
    stem = analysis.stems(word)[0]
    compared = 0
    results = [search(e, word, size=100, pages_per_hit=3) for e in (embedded, elastic)]
    by_id = [{hit.id: hit for hit in result.hits} for result in results]
    for doc_id in set(by_id[0]) & set(by_id[1]):
        counts = sorted(
            ((analysis.stems(text).count(stem), number) for number, text in
             enumerate(DOCS[doc_id].pages, start=1)),
            reverse=True,
        )  # fmt: skip
        if len(counts) < 2 or counts[0][0] < counts[1][0] + 2:
            continue
        pages = [by_id[side][doc_id].pages[0] for side in (0, 1)]
        assert pages[0].number == pages[1].number == counts[0][1], doc_id
        assert pages[0].snippet == pages[1].snippet
        compared += 1
    assert compared >= 5


def test_the_corpus_makes_the_name_and_type_filters_meaningful() -> None:
    """Each spelling finds what its canonical form finds, and something, but not everything."""
    same = [
        (Filters(organization=["gemeente delft"]), Filters(source_key=["delft"])),
        (Filters(organization=["DEN HAAG"]), Filters(source_key=["den-haag"])),
        (Filters(committee=["commissie ruimte"]), None),
        (Filters(document_type=["Moties", "AMENDEMENT"]), None),
        (Filters(woo_category=["3.3.2a"]), None),
    ]
    for given, canonical in same:
        found = expected_ids("", given)
        assert 0 < len(found) < len(CORPUS), given
        if canonical is not None:
            assert found == expected_ids("", canonical)
    motions = {d.id for d in CORPUS if d.document_type in ("motie", "amendement")}
    assert expected_ids("", Filters(document_type=["Moties", "AMENDEMENT"])) == motions
    assert expected_ids("", Filters(document_type=["geen bekend soort"])) == set()


def test_the_corpus_makes_the_woo_filters_meaningful() -> None:
    """Each Woo filter finds some documents but not all; the readings find what the values do."""
    for name in ("publisher", "woo_document_type", "woo_theme", "woo_judgement", "woo_ground"):
        values = Counter(value for doc in CORPUS for value in _field_values(doc, name))
        assert len(values) >= 3, name
    readings = [
        (Filters(woo_document_type=["ADVIES"]), Filters(woo_document_type=["advies"])),
        (Filters(woo_judgement=["Deels Openbaar"]), Filters(woo_judgement=["deels openbaar"])),
        (Filters(woo_ground=["5.1.2 e"]), Filters(woo_ground=["5.1.2e"])),
        (Filters(publisher=["MINISTERIE VAN FINANCIEN"]), Filters(publisher=[MINISTRIES[1][1]])),
        (Filters(woo_category=["3.3.2e"]), None),
    ]
    for given, canonical in readings:
        found = expected_ids("", given)
        assert 0 < len(found) < len(CORPUS), given
        if canonical is not None:
            assert found == expected_ids("", canonical)
    assert expected_ids("", Filters(woo_ground=["zie besluit"])) == set()
    both = {d.id for d in CORPUS if len(d.woo_categories) > 1}
    assert both and both <= expected_ids("", Filters(woo_category=["3.3.2e"]))
    assert both <= expected_ids("", Filters(woo_category=["3.3.2i"]))


def test_woo_publications_show_their_first_category(engine: Engine) -> None:
    query = SearchQuery(filters=Filters(woo_category=["3.3.2e"]), size=100, facets=False)
    hits = engine.search(query).hits
    assert hits and {hit.woo_category for hit in hits} == {"3.3.2i"}
