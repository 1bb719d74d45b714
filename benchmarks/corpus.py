"""A deterministic generator of a realistic Dutch council corpus, for engine benchmarks.

`generate_doc(i, seed)` builds document number `i` on its own (its own seeded random source), so
any slice of the corpus is reproducible without generating what comes before it. Text is drawn
from Zipf-weighted vocabularies: Dutch function words and general council words, which every
document uses, and the words of 24 topics (housing, youth care, traffic, finance, ...), which
concentrate in the documents about that topic (each document has one or two). So `gemeente`
matches nearly everything, `zwembad` a few percent, as in real minutes and proposals. Documents
have 1-20 pages of about 300 words, dates 2010-2026 (3% undated), and the organisations,
suppliers, document types and committees a council search has.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from vindplaats.engine.base import IndexDoc


def _words(text: str) -> list[str]:
    return text.split()


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
FUNCTION_WORDS = _words(
    "de het een van en in op te voor met dat die is zijn wordt door aan om bij als ook niet naar "
    "over of dan deze tot uit er worden heeft kan hebben wij u zij dit nog al wel meer zal moet "
    "maar wat waar hoe onder tussen na per tegen zonder binnen vanuit"
)
# Words of every council document, whatever it is about.
GENERAL_WORDS = _words(
    "gemeente raad college wethouder burgemeester fractie besluit voorstel commissie vergadering "
    "agenda inwoners wijk buurt beleid uitvoering evaluatie planning project locatie informatie "
    "brief vragen antwoorden toezegging termijn jaar maanden procent euro bedrag kosten middelen "
    "maatregelen aanpak samenwerking regio provincie rijk ministerie stichting inspraak motie "
    "amendement raadsvoorstel verordening regeling advies onderzoek rapport bijlage paragraaf "
    "artikel lid wet kader doel resultaat effect risico kans keuze situatie ontwikkeling"
)
# Topic vocabularies: a document about a topic uses its words; other documents rarely do.
TOPIC_WORDS = {
    "woningbouw": "woningbouw huurwoningen starters woningcorporatie huurders koopwoningen "
    "nieuwbouw bouwplan woningzoekenden doorstroming flexwoningen sociale middenhuur",
    "jeugdzorg": "jeugdzorg jongeren gezinnen jeugdhulp wijkteam zorgaanbieders jeugdwet "
    "pleegzorg opvoeding ondersteuning wachtlijsten",
    "verkeer": "verkeer parkeren fietspad rotonde kruispunt snelheid oversteek openbaar vervoer "
    "bus trein station verkeersveiligheid parkeerplaatsen autoverkeer",
    "energie": "energietransitie warmtenet zonnepanelen windmolens aardgasvrij isolatie "
    "duurzaamheid warmtepomp netcongestie energiearmoede",
    "klimaat": "klimaatadaptatie hittestress wateroverlast vergroening regenwater droogte "
    "klimaatakkoord uitstoot",
    "sport": "sport zwembad sportpark sportverenigingen sporthal kunstgras beweegaanbod "
    "topsport breedtesport",
    "cultuur": "cultuur bibliotheek museum theater erfgoed monumenten kunst festival poppodium",
    "financien": "begroting jaarrekening kadernota voorjaarsnota najaarsnota reserve "
    "investering exploitatie tekort overschot accountant rekenkamer weerstandsvermogen "
    "kredieten dekking raming",
    "belastingen": "belasting ozb leges tarieven precariobelasting toeristenbelasting "
    "afvalstoffenheffing rioolheffing",
    "veiligheid": "veiligheid handhaving politie brandweer ondermijning cameratoezicht "
    "boa overlast noodverordening",
    "afval": "afval afvalinzameling containers restafval gft scheiden milieustraat zwerfafval",
    "riolering": "riolering riool gemaal hemelwater afkoppelen rioolvervanging",
    "onderwijs": "onderwijs scholen schoolbouw leerlingen kinderopvang laaggeletterdheid "
    "leerlingenvervoer huisvestingsplan",
    "wmo": "wmo mantelzorg ouderen zorg thuiszorg huishoudelijke hulp dagbesteding "
    "maatwerkvoorziening eenzaamheid",
    "armoede": "armoede schuldhulpverlening bijstand participatiewet minimabeleid "
    "voedselbank kindpakket",
    "economie": "economie ondernemers winkelcentrum bedrijventerrein werkgelegenheid "
    "detailhandel binnenstad markt",
    "toerisme": "toerisme evenementen recreatie hotels vakantieparken bezoekers",
    "groen": "groen bomen natuur biodiversiteit bermen park bomenkap groenbeheer",
    "water": "water dijk waterschap grondwater oevers waterkwaliteit",
    "ruimte": "bestemmingsplan omgevingswet omgevingsvisie omgevingsplan vergunning bezwaar "
    "beroep stedenbouw herontwikkeling transformatie grondexploitatie zienswijze",
    "statushouders": "statushouders asielzoekers opvang azc inburgering vluchtelingen",
    "gezondheid": "gezondheid ggd preventie roken alcohol vaccinatie",
    "digitalisering": "digitalisering privacy informatiebeveiliging datalek algoritmes "
    "dienstverlening",
    "bestuur": "bestuur integriteit griffie raadsleden presidium burgerparticipatie "
    "referendum herindeling",
}
COMPOUND_TAILS = _words("plan beleid visie nota kader budget fonds programma overleg akkoord team")


def _zipf(words: list[str], exponent: float = 1.05) -> list[float]:
    return list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(words))))


def _topic_vocabulary(topic: str) -> list[str]:
    """The topic's words, then compounds of its first words (`jeugdzorgplan`), shuffled."""
    words = TOPIC_WORDS[topic].split()
    compounds = [head + tail for head in words[:3] for tail in COMPOUND_TAILS]
    random.Random(topic).shuffle(compounds)
    return list(dict.fromkeys(words + compounds))


def _sentences(
    rng: random.Random, n: int, general: float, topic: list[str] | None
) -> list[tuple[str, int]]:
    """`n` sentences (text, word count): general Zipf words, with a `1 - general` share of
    topic words when a topic vocabulary is given."""
    base = FUNCTION_WORDS + GENERAL_WORDS
    base_weights = _zipf(base)
    topic_weights = _zipf(topic or ["x"], 0.9)
    out = []
    for _ in range(n):
        length = rng.randint(8, 22)
        words = rng.choices(base, cum_weights=base_weights, k=length)
        if topic:
            for i in range(length):
                if rng.random() > general:
                    words[i] = rng.choices(topic, cum_weights=topic_weights)[0]
        text = " ".join(words)
        if rng.random() < 0.04:
            text += f" € {rng.randint(1, 999)}.{rng.randint(100, 999)},-"
        out.append((text[:1].upper() + text[1:] + ".", length))
    return out


def _pools() -> dict[str | None, list[tuple[str, int]]]:
    """Sentence pools (fixed seed): one general, one per topic. Pages are runs of sentences from
    these pools, which keeps generating 100,000 documents cheap."""
    rng = random.Random(11)
    pools: dict[str | None, list[tuple[str, int]]] = {None: _sentences(rng, 20_000, 1.0, None)}
    for topic in TOPIC_WORDS:
        pools[topic] = _sentences(rng, 4_000, 0.75, _topic_vocabulary(topic))
    return pools


POOLS = _pools()
TOPIC_NAMES = tuple(TOPIC_WORDS)
ORG_WEIGHTS = _zipf(list(ORGANIZATIONS), 0.8)


def _page(rng: random.Random, topics: list[str], n_words: int) -> str:
    """About `n_words` words: runs of sentences, mostly from the document's topics."""
    sentences: list[str] = []
    words = 0
    while words < n_words:
        pool = POOLS[rng.choice(topics)] if rng.random() < 0.6 else POOLS[None]
        start = rng.randrange(len(pool) - 5)
        for text, length in pool[start : start + rng.randint(1, 5)]:
            sentences.append(text)
            words += length
    return " ".join(sentences)


def _date(rng: random.Random) -> date | None:
    if rng.random() < 0.03:
        return None
    return date.fromordinal(
        rng.randint(date(2010, 1, 1).toordinal(), date(2026, 12, 31).toordinal())
    )


def generate_doc(i: int, seed: int = 42) -> IndexDoc:
    """Document number `i` of the corpus for `seed`; the same arguments give the same document."""
    rng = random.Random(seed * 1_000_003 + i)
    organization = rng.choices(ORGANIZATIONS, cum_weights=ORG_WEIGHTS)[0]
    document_type = rng.choice(DOCUMENT_TYPES)
    topics = rng.sample(TOPIC_NAMES, rng.choice((1, 1, 2)))
    when = _date(rng)
    year = when.year if when else "z.j."
    source_key = organization.lower().replace(" ", "-").replace("'", "")
    supplier = SUPPLIERS[i % len(SUPPLIERS)]
    subject = rng.choice(TOPIC_WORDS[topics[0]].split())
    return IndexDoc(
        id=f"document:{supplier}:{source_key}:{i:08d}",
        title=f"{document_type.capitalize()} over {subject} {year}",
        organization=organization,
        source_key=source_key,
        supplier=supplier,
        document_type=document_type,
        committee=rng.choice(COMMITTEES) if rng.random() < 0.8 else None,
        date=when,
        meeting_id=f"meeting:{supplier}:{source_key}:{rng.randint(1, 5000)}",
        file_name=f"{document_type.replace(' ', '_')}_{i}.pdf",
        content_type="application/pdf",
        pages=[_page(rng, topics, rng.randint(250, 350)) for _ in range(rng.randint(1, 20))],
    )


def generate(n: int, seed: int = 42, start: int = 0) -> Iterator[IndexDoc]:
    """Documents `start` .. `start + n - 1` of the corpus for `seed`."""
    for i in range(start, start + n):
        yield generate_doc(i, seed)
