"""The paragraphs of every document blueprint, page by page (`blueprints.compose_pages` and
`go_files.compose` fill them per town and add seeded filler from `texts.FILLER`).

Everything here is fictional sample data; the placeholders in braces are those of
`places.PLACEHOLDERS` (and {jaar}, {gremium}, {datum}, {motie} where a blueprint's title has them).
"""

from __future__ import annotations

# Blueprint paragraphs per page. The first page is preceded by the title and a header block.
PAGES: dict[str, tuple[tuple[str, ...], ...]] = {
    "agenda": (
        (
            "1. Opening en mededelingen.",
            "2. Vaststellen van de agenda.",
            "3. Spreekrecht voor inwoners over onderwerpen die niet op de agenda staan.",
            "4. Vaststellen van de besluitenlijst van de vorige vergadering.",
            "5. Bespreekstukken zoals opgenomen in de bijgevoegde stukken.",
            "6. Rondvraag en sluiting.",
        ),
    ),
    "besluitenlijst": (
        (
            "Aanwezig: de voorzitter {burgemeester}, de griffier {griffier}, de wethouders en "
            "de leden van de raad.",
            "De raad stelt de agenda vast. De besluitenlijst van de vorige vergadering wordt "
            "ongewijzigd vastgesteld.",
        ),
        (
            "De raad neemt de hamerstukken zonder beraadslaging aan. De bespreekstukken worden "
            "na beraadslaging in stemming gebracht; de uitslag staat per agendapunt vermeld.",
            "Ingediende moties en amendementen worden met de stemverhouding in de bijlage bij "
            "deze besluitenlijst opgenomen. De fractie van {partij1} legt een stemverklaring af.",
        ),
    ),
    "notulen": (
        (
            "De voorzitter, {burgemeester}, opent de vergadering om 19.30 uur en heet iedereen "
            "welkom, in het bijzonder de inwoners op de publieke tribune.",
            "Berichten van verhindering zijn ontvangen van {raadslid2}.",
        ),
        (
            "De heer {raadslid1} ({partij1}) vraagt het college waarom de wachtlijsten in de "
            "jeugdzorg niet korter worden, ondanks de extra middelen.",
            "Wethouder {wethouder_jeugd} antwoordt dat de regio nieuwe afspraken met de "
            "aanbieders maakt en dat de raad voor de zomer een evaluatie ontvangt.",
        ),
        (
            "Mevrouw {raadslid2} ({partij2}) dient namens haar fractie een motie in over "
            "betaalbare woningbouw voor starters in {wijk}.",
            "Wethouder {wethouder_ruimte} ontraadt de motie, omdat de woningbouwprogrammering "
            "al in de woonvisie is vastgelegd.",
        ),
        (
            "De motie wordt in stemming gebracht en verworpen met 12 stemmen voor en 15 "
            "stemmen tegen.",
            "De voorzitter sluit de vergadering om 22.45 uur.",
        ),
    ),
    "raadsvoorstel_begroting": (
        (
            "Onderwerp: vaststelling van de programmabegroting 2026 en de meerjarenraming "
            "2027-2029.",
            "Voorgesteld besluit: de begroting 2026 vast te stellen, de belastingtarieven te "
            "indexeren en de begroting als sluitend aan te merken.",
            "Portefeuillehouder: {wethouder_financien}.",
        ),
        (
            "Inleiding. Met deze begroting geeft het college uitvoering aan het coalitieakkoord. "
            "De begroting is structureel sluitend; de meerjarenraming laat vanaf 2028 een tekort "
            "zien.",
            "Argumenten. De begroting voldoet aan de eisen van het Besluit begroting en "
            "verantwoording provincies en gemeenten (BBV) en aan het repressief toezicht van de "
            "provincie.",
        ),
        (
            "Financiële consequenties. De begroting 2026 sluit met een positief saldo van "
            "€ 412.000. Dit saldo wordt toegevoegd aan de algemene reserve.",
            "Communicatie. Na vaststelling wordt de begroting gepubliceerd op de website en "
            "toegezonden aan de provincie.",
        ),
    ),
    "begroting": (
        (
            "Programmabegroting 2026 en meerjarenraming 2027-2029 van de gemeente {gemeente}.",
            "Deze begroting bestaat uit de beleidsbegroting (programma's en paragrafen) en de "
            "financiële begroting.",
        ),
        (
            "Programma 1 Bestuur en dienstverlening. De gemeente wil dienstverlening dichtbij "
            "inwoners organiseren, digitaal waar het kan en persoonlijk waar het moet.",
        ),
        (
            "Programma 2 Ruimte en wonen. Het college wil jaarlijks 250 woningen toevoegen, met "
            "bijzondere aandacht voor starters en senioren.",
        ),
        (
            "Programma 3 Sociaal domein. De uitgaven aan jeugdzorg en Wmo vormen het grootste deel "
            "van de begroting.",
        ),
        (
            "Paragraaf weerstandsvermogen en risicobeheersing. De ratio weerstandsvermogen "
            "bedraagt 1,6 en valt daarmee in de categorie ruim voldoende.",
        ),
        (
            "Financiële begroting. Het overzicht van baten en lasten per programma en de "
            "geprognosticeerde balans zijn in deze begroting opgenomen.",
        ),
    ),
    "raadsbesluit_begroting": (
        (
            "De raad van de gemeente {gemeente}, gelezen het voorstel van burgemeester en "
            "wethouders;",
            "besluit: 1. de programmabegroting 2026 vast te stellen; 2. de meerjarenraming "
            "2027-2029 voor kennisgeving aan te nemen; 3. de begroting als structureel sluitend "
            "aan te merken.",
            "Aldus vastgesteld in de openbare vergadering van de raad. De griffier, {griffier}. "
            "De voorzitter, {burgemeester}.",
        ),
    ),
    "amendement_buurthuizen": (
        (
            "Amendement A1, ingediend bij de behandeling van de begroting 2026.",
            "De raad, in vergadering bijeen, constaterende dat het college voorstelt de subsidie "
            "voor de buurthuizen in {wijk} en {wijk2} met veertig procent te verlagen;",
            "overwegende dat buurthuizen een belangrijke rol spelen bij het voorkomen van "
            "eenzaamheid en bij vroegsignalering;",
            "besluit het voorgestelde besluit als volgt te wijzigen: de bezuiniging op de "
            "buurthuizen vervalt en wordt gedekt uit de algemene reserve.",
            "Ingediend door {raadslid1} ({partij1}) en {raadslid2} ({partij2}).",
        ),
    ),
    "motie_vreemd_zwemles": (
        (
            "Motie vreemd aan de orde van de dag: zwemles voor ieder kind.",
            "De raad, in vergadering bijeen, constaterende dat steeds meer kinderen de "
            "basisschool verlaten zonder zwemdiploma;",
            "overwegende dat {gemeente} veel open water heeft en dat zwemvaardigheid "
            "levensreddend is;",
            "verzoekt het college schoolzwemmen voor alle groepen 5 opnieuw in te voeren en de "
            "raad hierover voor de kadernota te informeren,",
            "en gaat over tot de orde van de dag. Ingediend door {raadslid2} ({partij3}).",
        ),
    ),
    "raadsvoorstel_bestemmingsplan": (
        (
            "Onderwerp: vaststelling van het bestemmingsplan {project}.",
            "Voorgesteld besluit: het bestemmingsplan {project} gewijzigd vast te stellen, de "
            "nota van zienswijzen vast te stellen en geen exploitatieplan vast te stellen.",
            "Portefeuillehouder: {wethouder_ruimte}.",
        ),
        (
            "Inleiding. Het bestemmingsplan maakt de bouw van een nieuwe woonwijk mogelijk. Het "
            "ontwerp heeft zes weken ter inzage gelegen.",
            "Argumenten. Het plan draagt bij aan de woningbouwopgave uit de woonvisie en past "
            "binnen de provinciale omgevingsverordening.",
        ),
        (
            "Kanttekeningen. Omwonenden maken zich zorgen over de verkeersafwikkeling op de "
            "{straat}. Het college laat een verkeersonderzoek uitvoeren.",
            "Vervolg. Na vaststelling wordt het plan bekendgemaakt en staat beroep open bij de "
            "Afdeling bestuursrechtspraak van de Raad van State.",
        ),
    ),
    "raadsbesluit_bestemmingsplan": (
        (
            "De raad van de gemeente {gemeente}, gelezen het voorstel van burgemeester en "
            "wethouders; gelet op de Wet ruimtelijke ordening en de overgangsbepalingen van de "
            "Omgevingswet;",
            "besluit: het bestemmingsplan {project} gewijzigd vast te stellen overeenkomstig de "
            "bij dit besluit behorende regels en verbeelding.",
        ),
    ),
    "natuurtoets": (
        (
            "Natuurtoets bij het bestemmingsplan {project}: quickscan flora en fauna.",
            "Deze toets beoordeelt of de voorgenomen ontwikkeling in strijd is met de "
            "natuurregels van de Omgevingswet.",
        ),
        (
            "Methode. Het plangebied is op vier momenten tussen april en september bezocht. "
            "Daarnaast zijn verspreidingsgegevens uit de Nationale Databank Flora en Fauna "
            "geraadpleegd.",
        ),
        (
            "Vlinders en insecten. In de bloemrijke bermen langs de watergang zijn "
            "verschillende dagvlinders waargenomen.",
        ),
        (
            "Vleermuizen en vogels. Langs de bomenrij foerageren gewone dwergvleermuizen. Er "
            "zijn geen vaste verblijfplaatsen aangetroffen.",
            "Conclusie. Met mitigerende maatregelen, zoals het behoud van de bomenrij en een "
            "vleermuisvriendelijk verlichtingsplan, is een ontheffing niet nodig.",
        ),
        (
            "Aanbevelingen. Richt de nieuwe waterpartij natuurvriendelijk in en maai de bermen "
            "gefaseerd, zodat er altijd bloeiende planten blijven staan.",
        ),
    ),
    "vragen_jeugdzorg": (
        (
            "Schriftelijke vragen ex artikel 40 van het Reglement van orde, van {raadslid1} "
            "({partij1}), over de wachtlijsten in de jeugdzorg.",
            "1. Hoeveel kinderen in {gemeente} wachten op dit moment langer dan zes weken op "
            "specialistische jeugdhulp?",
            "2. Welke afspraken heeft de regio gemaakt met de aanbieders over maximale "
            "wachttijden, en worden die nagekomen?",
        ),
        (
            "3. Is het college bereid overbruggingszorg aan te bieden aan gezinnen die op de "
            "wachtlijst staan?",
            "4. Wanneer ontvangt de raad de toegezegde evaluatie van het jeugdzorgbeleid?",
        ),
    ),
    "antwoord_jeugdzorg": (
        (
            "Beantwoording van de schriftelijke vragen van {raadslid1} ({partij1}) over de "
            "wachtlijsten in de jeugdzorg.",
            "Antwoord 1. Op de peildatum wachtten 47 kinderen langer dan zes weken op "
            "specialistische jeugdhulp.",
            "Antwoord 2. De regio heeft met de aanbieders een maximale wachttijd van zes weken "
            "afgesproken. Twee aanbieders halen deze norm nog niet.",
            "Antwoord 3. Ja. Het sociaal wijkteam biedt overbruggingszorg aan alle gezinnen die "
            "op de wachtlijst staan.",
            "Antwoord 4. De evaluatie wordt in het tweede kwartaal aan de raad aangeboden.",
        ),
    ),
    "vragen_woningbouw": (
        (
            "Schriftelijke vragen van {raadslid2} ({partij2}) over woningbouw voor starters.",
            "1. Hoeveel van de in het afgelopen jaar opgeleverde woningen waren betaalbaar voor "
            "starters?",
            "2. Is het college bereid een zelfbewoningsplicht en een opkoopbescherming in te "
            "voeren voor nieuwbouw in {wijk}?",
            "3. Hoe staat het met de tijdelijke woningen op de locatie aan de {straat}?",
        ),
    ),
    "vragen_energietransitie": (
        (
            "Schriftelijke vragen van {raadslid1} ({partij3}) over de warmtetransitie in {wijk}.",
            "1. Welke kosten moeten bewoners in {wijk} maken om aan te sluiten op het warmtenet?",
            "2. Hoe worden huurders betrokken bij de keuze voor een warmtenet?",
            "3. Wat betekent de netcongestie voor de planning van de energietransitie?",
        ),
    ),
    "collegebrief_energie": (
        (
            "Collegebrief aan de gemeenteraad over de voortgang van de energietransitie.",
            "Geachte leden van de raad, met deze brief informeren wij u over de voortgang van "
            "de transitievisie warmte en de regionale energiestrategie.",
        ),
        (
            "De realisatie van zonnevelden loopt vertraging op door netcongestie. Wij verwachten "
            "dat de doelstelling voor 2030 desondanks haalbaar is.",
            "Met vriendelijke groet, het college van burgemeester en wethouders van {gemeente}.",
        ),
    ),
    "raadsinformatiebrief_jeugd": (
        (
            "Raadsinformatiebrief over de wachttijden in de jeugdzorg.",
            "Het college informeert de raad over de ontwikkeling van de wachttijden en over de "
            "maatregelen die de regio neemt.",
        ),
        (
            "Wethouder {wethouder_jeugd} bespreekt de voortgang elk kwartaal met de aanbieders. "
            "De raad ontvangt de kwartaalcijfers via de raadsinformatiebrief.",
        ),
    ),
    "toezegging_memo": (
        (
            "Memo over de afdoening van de toezegging evaluatie jeugdzorg.",
            "In de commissie Sociaal Domein heeft wethouder {wethouder_jeugd} toegezegd de raad "
            "te informeren over de evaluatie van het jeugdzorgbeleid.",
            "De evaluatie is afgerond en wordt met dit memo aan de raad aangeboden. Het college "
            "stelt voor de toezegging als afgedaan te beschouwen.",
            # Sample personal data left in by mistake (fictional numbers that pass the
            # elfproef): the BSN detector flags this memo for review.
            "Casus uit de evaluatie: het gezin van de aanvrager (BSN 111222333) wachtte elf "
            "weken; de jeugdige (burgerservicenummer 1234.56.782) kreeg overbruggingszorg.",
        ),
    ),
    "kadernota": (
        (
            "Kadernota 2027: de financiële en beleidsmatige kaders voor de begroting 2027.",
            "Het college schetst de financiële uitgangspositie en de keuzes die nodig zijn om de "
            "begroting meerjarig sluitend te maken.",
        ),
        (
            "Nieuw beleid. Het college stelt voor te investeren in de verduurzaming van "
            "maatschappelijk vastgoed en in extra handhaving in het buitengebied.",
        ),
        ("Ombuigingen. Voorgesteld wordt de subsidieregelingen te herijken.",),
        ("Uitgangspunten. De kadernota gaat uit van een loon- en prijsindexatie van 3,2 procent.",),
    ),
    "jaarrekening": (
        (
            "Jaarstukken 2025: jaarverslag en jaarrekening van de gemeente {gemeente}.",
            "De jaarrekening sluit met een positief resultaat van € 1,3 miljoen, vooral door "
            "incidentele meevallers in het sociaal domein.",
        ),
        (
            "De accountant heeft een goedkeurende controleverklaring afgegeven voor zowel de "
            "getrouwheid als de rechtmatigheid.",
            # Nine-digit numbers that are no BSN (they fail the elfproef): never flagged.
            "De investeringsprojecten 123456789 en 987654321 zijn in 2025 afgesloten; het "
            "restantkrediet van project 111 222 334 valt vrij.",
        ),
        (
            "Het college stelt voor het resultaat toe te voegen aan de algemene reserve, onder "
            "aftrek van de budgetoverhevelingen.",
        ),
    ),
    "brief_verkeer": (
        (
            "Brief van de bewonersvereniging {wijk2} over de verkeersveiligheid op de {straat}.",
            "Geachte leden van de raad, wij vragen uw aandacht voor de onveilige situatie op de "
            "{straat}, vooral rond de basisschool.",
        ),
    ),
    "presentatie": (("Presentatie woningbouwprogramma.",),),
    "kaart": (("Plankaart bestemmingsplan {project}.",),),
    "verslag_werkbezoek": (("Verslag werkbezoek.",),),
    "motie_register": (
        (
            "De raad van de gemeente {gemeente}, in vergadering bijeen, gehoord de beraadslaging;",
            "verzoekt het college de raad voor de kadernota over de uitvoering te informeren,",
            "en gaat over tot de orde van de dag. Ingediend door {raadslid1} ({partij1}).",
        ),
    ),
}
