"""A deterministic generator of a realistic Dutch council corpus, for engine benchmarks.

`generate_doc(i, seed)` builds document number `i` on its own (its own seeded random source), so
any slice of the corpus is reproducible without generating what comes before it. Text is drawn
from a Zipf-weighted vocabulary of Dutch function words, council vocabulary and compounds built
from it, so term frequencies look like real minutes and proposals: a few very common words, a
long tail of rare ones. Documents have 1-20 pages of about 300 words, dates 2010-2026 (a few
undated), and the organisations, suppliers, document types and committees a council search has.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from vindplaats.engine.base import IndexDoc


def _items(text: str) -> tuple[str, ...]:
    """Comma-separated items, spread over lines for readability."""
    return tuple(item.strip() for item in text.replace("\n", " ").split(",") if item.strip())


ORGANIZATIONS = _items(
    """
Amsterdam, Rotterdam, Den Haag, Utrecht, Eindhoven, Groningen, Tilburg, Almere, Breda, Nijmegen,
Apeldoorn, Arnhem, Haarlem, Enschede, Zaanstad, Amersfoort, 's-Hertogenbosch, Zoetermeer, Zwolle,
Leiden, Maastricht, Dordrecht, Ede, Westland, Alkmaar, Emmen, Delft, Deventer, Venlo,
Súdwest-Fryslân, Leeuwarden, Hilversum, Heerlen, Oss, Hengelo, Purmerend, Roosendaal, Schiedam,
Lelystad, Leidschendam-Voorburg, Gouda, Vlaardingen, Almelo, Assen, Veenendaal,
Capelle aan den IJssel, Katwijk, Zeist, Nieuwegein, Provincie Utrecht, Provincie Gelderland,
Waterschap Rijn en IJssel, Hoogheemraadschap
"""
)
SUPPLIERS = _items(
    """
notubiz, ibabs, gemeenteoplossingen, parlaeus, ori_api, diwoo
"""
)
DOCUMENT_TYPES = _items(
    """
raadsvoorstel, motie, amendement, besluitenlijst, notulen, raadsinformatiebrief,
schriftelijke vragen, collegebesluit, agenda, verslag, begroting, jaarrekening, bestemmingsplan,
woo-besluit, inspraakreactie
"""
)
COMMITTEES = _items(
    """
Gemeenteraad, Commissie Bestuur en Middelen, Commissie Ruimte, Commissie Samenleving,
Commissie Financiën, Auditcommissie, Presidium, Provinciale Staten
"""
)
FUNCTION_WORDS = (
    "de het een van en in op te voor met dat die is zijn wordt door aan om bij als ook niet naar "
    "over of dan deze tot uit er worden heeft kan hebben wij u zij dit nog al wel meer zal moet "
    "maar wat waar hoe onder tussen na per tegen zonder binnen vanuit"
).split()
COUNCIL_WORDS = (
    "begroting motie raadsvoorstel bestemmingsplan jeugdzorg woningbouw gemeente raad college "
    "wethouder burgemeester fractie amendement besluit voorstel commissie vergadering agenda "
    "notulen inwoners wijk buurt verkeer parkeren fietspad duurzaamheid energietransitie "
    "warmtenet zonnepanelen windmolens klimaatadaptatie riolering afval huisvesting sociale "
    "huurwoningen starters statushouders participatie subsidie onderwijs scholen sport cultuur "
    "bibliotheek zwembad veiligheid handhaving politie brandweer armoede schuldhulpverlening "
    "bijstand participatiewet wmo mantelzorg ouderen zorg gezondheid economie ondernemers "
    "winkelcentrum centrum toerisme evenementen groen bomen natuur water dijk omgevingswet "
    "omgevingsvisie vergunning bezwaar beroep kredieten reserve investering exploitatie tekort "
    "overschot belasting ozb leges tarieven kadernota voorjaarsnota najaarsnota jaarrekening "
    "accountant rekenkamer verordening regeling beleid uitvoering evaluatie monitoring planning "
    "project projecten locatie grond grondexploitatie stedenbouw herontwikkeling transformatie "
    "station openbaar vervoer bus trein snelheid veiligheid oversteek rotonde kruispunt "
    "informatie brief vragen antwoorden toezegging termijn jaar maanden procent euro miljoen "
    "bedrag kosten middelen financiering dekking raming risico risicos maatregelen aanpak "
    "samenwerking regio provincie rijk ministerie waterschap woningcorporatie huurders "
    "bewoners ondernemersvereniging stichting vereniging inspraak zienswijze"
).split()
COMPOUND_HEADS = (
    "woning raads jeugd gemeente wijk verkeers zorg energie klimaat onderwijs sport cultuur "
    "veiligheids armoede subsidie omgevings grond bouw water groen afval parkeer fiets"
).split()
COMPOUND_TAILS = (
    "plan plannen beleid visie nota kader regeling budget fonds aanpak programma overleg "
    "akkoord besluit voorstel team locatie bouw zorg raad commissie opgave strategie agenda"
).split()
TOPICS = _items(
    """
woningbouw, jeugdzorg, energietransitie, het centrumplan, de omgevingsvisie, parkeerbeleid,
armoedebestrijding, het sportpark, de warmtetransitie, afvalinzameling,
de herinrichting van de Stationsweg, huisvesting van statushouders, de Wmo, schoolbouw
"""
)


def _vocabulary() -> tuple[list[str], list[float]]:
    """Words and cumulative Zipf weights: function words first (most frequent), then the rest."""
    compounds = [head + tail for head in COMPOUND_HEADS for tail in COMPOUND_TAILS]
    rng = random.Random(7)
    rng.shuffle(compounds)
    words = list(dict.fromkeys(FUNCTION_WORDS + COUNCIL_WORDS + compounds))
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(words))]
    return words, list(accumulate(weights))


def _sentences(n: int) -> tuple[list[str], list[int]]:
    """`n` Zipf-sampled sentences (fixed seed) and their word counts.

    Pages are runs of consecutive sentences from this pool, which keeps generating 100,000
    documents cheap while word and phrase statistics stay those of the Zipf sample.
    """
    rng = random.Random(11)
    words = rng.choices(WORDS, cum_weights=CUM_WEIGHTS, k=n * 15)
    sentences: list[str] = []
    lengths: list[int] = []
    start = 0
    while len(sentences) < n:
        length = rng.randint(8, 22)
        chunk = words[start : start + length] if start + length <= len(words) else words[:length]
        start = start + length if start + length <= len(words) else length
        text = " ".join(chunk)
        if rng.random() < 0.04:
            text += f" € {rng.randint(1, 999)}.{rng.randint(100, 999)},-"
        sentences.append(text[:1].upper() + text[1:] + ".")
        lengths.append(length)
    return sentences, lengths


WORDS, CUM_WEIGHTS = _vocabulary()
SENTENCES, SENTENCE_WORDS = _sentences(200_000)
ORG_WEIGHTS = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(ORGANIZATIONS))))


def _page(rng: random.Random, n_words: int) -> str:
    start = rng.randrange(len(SENTENCES) - 60)
    end = start
    words = 0
    while words < n_words:
        words += SENTENCE_WORDS[end]
        end += 1
    return " ".join(SENTENCES[start:end])


def _date(rng: random.Random) -> date | None:
    if rng.random() < 0.03:
        return None
    return date.fromordinal(rng.randint(date(2010, 1, 1).toordinal(), date(2026, 12, 31).toordinal()))


def generate_doc(i: int, seed: int = 42) -> IndexDoc:
    """Document number `i` of the corpus for `seed`; the same arguments give the same document."""
    rng = random.Random(seed * 1_000_003 + i)
    organization = rng.choices(ORGANIZATIONS, cum_weights=ORG_WEIGHTS)[0]
    document_type = rng.choice(DOCUMENT_TYPES)
    when = _date(rng)
    year = when.year if when else "z.j."
    n_pages = rng.randint(1, 20)
    source_key = organization.lower().replace(" ", "-").replace("'", "")
    supplier = SUPPLIERS[i % len(SUPPLIERS)]
    return IndexDoc(
        id=f"document:{supplier}:{source_key}:{i:08d}",
        title=f"{document_type.capitalize()} over {rng.choice(TOPICS)} {year}",
        organization=organization,
        source_key=source_key,
        supplier=supplier,
        document_type=document_type,
        committee=rng.choice(COMMITTEES) if rng.random() < 0.8 else None,
        date=when,
        meeting_id=f"meeting:{supplier}:{source_key}:{rng.randint(1, 5000)}",
        file_name=f"{document_type.replace(' ', '_')}_{i}.pdf",
        content_type="application/pdf",
        pages=[_page(rng, rng.randint(250, 350)) for _ in range(n_pages)],
    )


def generate(n: int, seed: int = 42, start: int = 0) -> Iterator[IndexDoc]:
    """Documents `start` .. `start + n - 1` of the corpus for `seed`."""
    for i in range(start, start + n):
        yield generate_doc(i, seed)
