"""Dutch sample texts shared by the NotuBiz, GemeenteOplossingen and Parlaeus towns: the sample
notice, the filler paragraphs per topic, the page-3 word's paragraph and the scanned letter.
Pure data; `blueprints` composes it into pages (the blueprints' own paragraphs are in `pages`,
the people and places of each town in `places`).

Everything here is fictional sample data. Placeholders in braces are filled per town with the
values of `places.FLAVOURS` ({gemeente}, {wijk}, ...) and {jaar}.

Two words are reserved for tests and appear nowhere in this module's ordinary text: the world's
page-3 word (inserted by `blueprints` on one page of one PDF) and the scanned-letter word (only
in `SCANNED_LETTER`, rendered as an image).
"""

from __future__ import annotations

SAMPLE_NOTICE = "Voorbeeldgegevens van de Vindplaats-sandbox, geen echte raadsinformatie."

# Topic pools: extra paragraphs a blueprint draws from (seeded) to fill its pages.
FILLER: dict[str, tuple[str, ...]] = {
    "financien": (
        "De algemene reserve blijft boven de ondergrens die de raad heeft vastgesteld. Het "
        "weerstandsvermogen is voldoende om de geïnventariseerde risico's op te vangen.",
        "De lasten van de jeugdzorg en de Wmo stijgen sneller dan de uitkering uit het "
        "gemeentefonds. Het college stelt voor de indexatie van subsidies te beperken tot het "
        "inflatiepercentage.",
        "De onroerendezaakbelasting stijgt met het inflatiepercentage. De rioolheffing en de "
        "afvalstoffenheffing blijven kostendekkend.",
        "Voor het onderhoud van wegen, bruggen en openbare verlichting is een meerjarig "
        "onderhoudsplan opgesteld. De dotatie aan de voorziening groot onderhoud wordt verhoogd.",
        "Het ravijnjaar is voor een deel uitgesteld, maar de meerjarenraming laat vanaf het "
        "derde jaar een tekort zien. Het college komt bij de kadernota met ombuigingsvoorstellen.",
        "De investeringen in schoolgebouwen worden geactiveerd en in veertig jaar afgeschreven. "
        "De kapitaallasten zijn in de meerjarenraming verwerkt.",
    ),
    "ruimte": (
        "Het plangebied ligt aan de zuidkant van de kern en wordt begrensd door de provinciale "
        "weg, de watergang en het bestaande bedrijventerrein.",
        "Het plan voorziet in circa 420 woningen, waarvan ten minste dertig procent sociale huur "
        "en twintig procent middenhuur. De bouwhoogte is maximaal vijf bouwlagen.",
        "Tegen het ontwerpbestemmingsplan zijn zeventien zienswijzen ingediend. Deze gaan vooral "
        "over verkeer, parkeren, de bouwhoogte en het behoud van de bomenrij.",
        "Met de inwerkingtreding van de Omgevingswet wordt het bestemmingsplan onderdeel van het "
        "omgevingsplan van rechtswege. De regels blijven tot de omzetting van kracht.",
        "De watertoets is met het waterschap afgestemd. Het plan compenseert de toename van "
        "verhard oppervlak met een nieuwe waterpartij en wadi's in de openbare ruimte.",
        "De stikstofdepositie tijdens de bouwfase is berekend met AERIUS. Er is geen toename van "
        "depositie op Natura 2000-gebieden boven de rekenkundige ondergrens.",
        "Het parkeren wordt op eigen terrein opgelost. Voor deelauto's en fietsparkeren gelden "
        "de normen uit de parkeernota.",
    ),
    "sociaal": (
        "Het aantal jeugdigen met een indicatie voor jeugdhulp is de afgelopen twee jaar met "
        "twaalf procent gestegen. De gemiddelde wachttijd voor specialistische hulp is negen "
        "weken.",
        "Het sociaal wijkteam werkt met een vaste contactpersoon per gezin. Ouders geven het "
        "wijkteam gemiddeld een 7,4.",
        "De regio koopt specialistische jeugdzorg gezamenlijk in. Met de aanbieders zijn "
        "afspraken gemaakt over een maximale wachttijd van zes weken.",
        "Preventie krijgt een grotere rol: praktijkondersteuners jeugd bij de huisartsen, "
        "schoolmaatschappelijk werk en opvoedondersteuning in de buurthuizen.",
        "De kosten van de jeugdzorg stegen in het afgelopen jaar met 1,8 miljoen euro. Een deel "
        "daarvan komt door hogere tarieven van de aanbieders.",
    ),
    "energie": (
        "In de transitievisie warmte is {wijk} aangewezen als eerste wijk die van het aardgas "
        "af gaat. Bewoners worden via een klankbordgroep betrokken.",
        "Het warmtenet gebruikt restwarmte van het bedrijventerrein en een "
        "aquathermie-installatie bij het gemaal. De aansluiting is voor bewoners kosteloos.",
        "Het energieloket heeft dit jaar ruim 600 huishoudens geadviseerd over isolatie, "
        "zonnepanelen en warmtepompen.",
        "Netcongestie vertraagt de aansluiting van nieuwe zonnevelden. De gemeente overlegt met "
        "de netbeheerder over voorrang voor maatschappelijke voorzieningen.",
        "De energiecoöperatie heeft een postcoderoosproject op het dak van de sporthal "
        "gerealiseerd. Ruim tachtig huishoudens nemen deel.",
    ),
    "bestuur": (
        "De raad besluit bij meerderheid van stemmen. De fracties die tegenstemden verzoeken "
        "aantekening in de besluitenlijst.",
        "De voorzitter sluit de vergadering en dankt de aanwezigen, ook de inwoners die de "
        "vergadering via de livestream hebben gevolgd.",
        "Het presidium stelt voor de agenda ongewijzigd vast te stellen. De raad stemt hiermee in.",
        "De wethouder zegt toe de raad voor de zomer schriftelijk te informeren over de "
        "voortgang. De toezegging wordt opgenomen in de lijst van toezeggingen.",
        "Er hebben zich twee insprekers gemeld. Zij spreken over de verkeersveiligheid in "
        "{wijk2} en over de openingstijden van de bibliotheek.",
        "De notulen van de vorige vergadering worden zonder wijzigingen vastgesteld.",
    ),
    "verkeer": (
        "Op de {straat} wordt regelmatig harder gereden dan de toegestane 30 kilometer per uur. "
        "Metingen van de gemeente bevestigen dit beeld.",
        "Bewoners vragen om een veilige oversteekplaats bij de basisschool en om betere "
        "verlichting van het fietspad.",
        "De gemeente richt de {straat} in 2027 opnieuw in als fietsstraat, waarbij de auto te "
        "gast is.",
    ),
}


# The only paragraph that carries the world's page-3 word (the word is filled in by blueprints).
UNIQUE_WORD_PARAGRAPH = (
    "Bijzondere waarneming: op de zonnige zuidflank van de dijk is een {unique_word} "
    "waargenomen, die eitjes afzet op wilde peen. De soort staat op de Rode Lijst; het "
    "leefgebied wordt bij de inrichting van de groenstrook gespaard."
)

# The text of the scanned-only letter (rendered as an image; never as a text layer).
SCANNED_LETTER: tuple[str, ...] = (
    "Bewonersvereniging {wijk2}",
    "Aan de gemeenteraad van {gemeente}",
    "",
    "Betreft: verkeersveiligheid {straat}",
    "",
    "Geachte leden van de raad,",
    "",
    "Op de {straat} wordt veel te hard gereden.",
    "Wij vragen de gemeente om {scanned_word}",
    "en een veilige oversteekplaats bij de school.",
    "Vorige maand gebeurde er opnieuw een ongeluk",
    "met een fietser.",
    "",
    "Met vriendelijke groet,",
    "het bestuur van de bewonersvereniging",
)
