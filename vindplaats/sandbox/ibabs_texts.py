"""Dutch sample texts of the iBabs part of the sandbox: proposals, motion and amendment
subjects, letter senders and topics, and the paragraphs of each kind of document (the people and
places of each iBabs town are in `places.IBABS_FLAVOURS`). Pure data, all fictional.

Placeholders in braces are filled per document: {gemeente}, {burgemeester}, {griffier},
{onderwerp}, {datum}, {indieners}, {fracties}, {afzender}, {locatie}, {wijk}.
"""

from __future__ import annotations

NOTICE = "Voorbeeldgegevens van de Vindplaats-sandbox (iBabs), geen echte raadsinformatie."

# Subjects of council proposals: (subject, explanation paragraph).
PROPOSALS: tuple[tuple[str, str], ...] = (
    ("Omgevingsvisie {gemeente} 2040",
     "De omgevingsvisie beschrijft hoe {gemeente} wil groeien: meer woningen rond het "
     "{project}, behoud van het groene karakter van {wijk} en ruimte voor lokale bedrijven."),
    ("Verordening maatschappelijke ondersteuning 2026",
     "De verordening regelt de toegang tot de Wmo-voorzieningen. Nieuw is de algemene "
     "voorziening voor huishoudelijke hulp met een vaste eigen bijdrage."),
    ("Programmabegroting 2026",
     "De begroting is sluitend in alle jaren. De lasten van de jeugdzorg stijgen; het college "
     "stelt voor de onroerendezaakbelasting met het inflatiepercentage te verhogen."),
    ("Krediet renovatie sporthal {wijk}",
     "De sporthal voldoet niet meer aan de eisen voor duurzaamheid en toegankelijkheid. Het "
     "college vraagt een krediet van 4,2 miljoen euro voor renovatie en verduurzaming."),
    ("Kadernota 2027",
     "De kadernota schetst de financiële ruimte voor 2027 en later. Door de lagere uitkering uit "
     "het gemeentefonds zijn ombuigingen nodig van 1,1 miljoen euro per jaar."),
    ("Woonvisie {gemeente}",
     "De woonvisie zet in op betaalbare woningen voor starters en ouderen. Bij nieuwbouw is ten "
     "minste dertig procent sociale huur het uitgangspunt."),
)  # fmt: skip

MOTION_SUBJECTS: tuple[str, ...] = (
    "Zwemles voor ieder kind",
    "Veilige oversteek bij de basisschool in {wijk}",
    "Meer groen op de schoolpleinen",
    "Behoud van de bibliotheek in {wijk}",
    "Starterswoningen in het {project}",
    "Geen windturbines bij woonwijken",
    "Ondersteuning mantelzorgers",
)

AMENDMENT_SUBJECTS: tuple[str, ...] = (
    "Sociale huur minimaal veertig procent",
    "Dekking renovatie sporthal uit de algemene reserve",
    "Evaluatie na twee jaar",
)

SENDERS: tuple[str, ...] = (
    "Bewonersvereniging {wijk}", "Provincie", "Veiligheidsregio", "Waterschap",
    "Ondernemersvereniging {gemeente}", "Stichting Welzijn {gemeente}", "Inwoner (geanonimiseerd)",
    "Vereniging Dorpsbelangen", "GGD", "Woningcorporatie {gemeente} Wonen",
)  # fmt: skip

LETTER_TOPICS: tuple[str, ...] = (
    "verkeersveiligheid", "parkeren bij het station", "de bomenkap in het park",
    "de jaarrekening van de gemeenschappelijke regeling", "overlast van evenementen",
    "de openingstijden van het zwembad", "de aanpak van zwerfafval", "de kermis",
    "de subsidie voor het buurthuis",
)  # fmt: skip

PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "agenda": (
        "Agenda van de openbare vergadering van de {orgaan} van de gemeente {gemeente} op "
        "{datum} in de {locatie}.",
        "1. Opening en mededelingen. 2. Vaststelling van de agenda. 3. Vaststelling van de "
        "besluitenlijst van de vorige vergadering. 4. Raadsvoorstel {onderwerp}.",
        "De stukken liggen ter inzage bij de griffie en staan op de website van de gemeente. "
        "Inwoners kunnen inspreken; meld u uiterlijk de dag voor de vergadering aan.",
        "De voorzitter, {burgemeester}. De griffier, {griffier}.",
    ),
    "besluitenlijst": (
        "Besluitenlijst van de vergadering van de {orgaan} van {gemeente} op {datum}.",
        "Aanwezig: de leden van de raad, de burgemeester ({burgemeester}) als voorzitter en de "
        "griffier ({griffier}).",
        "De raad besluit het raadsvoorstel {onderwerp} vast te stellen. De moties en "
        "amendementen zijn afgehandeld zoals vermeld in de lijst van moties en amendementen.",
        "De voorzitter sluit de vergadering en dankt de inwoners die de vergadering via de "
        "livestream hebben gevolgd.",
    ),
    "raadsvoorstel": (
        "Raadsvoorstel {onderwerp}.",
        "{toelichting}",
        "Het college van burgemeester en wethouders van {gemeente} stelt de raad voor het "
        "bijgevoegde besluit te nemen. De financiële gevolgen zijn verwerkt in de begroting.",
        "Inwoners en belanghebbenden zijn betrokken via een bijeenkomst in {wijk} en een "
        "digitale enquête. Hun reacties zijn verwerkt in de bijlage bij dit voorstel.",
    ),
    "raadsbesluit": (
        "De raad van de gemeente {gemeente}, gelezen het voorstel van burgemeester en "
        "wethouders, besluit: vast te stellen {onderwerp}.",
        "Aldus besloten in de openbare vergadering van {datum}. De voorzitter, {burgemeester}. "
        "De griffier, {griffier}.",
    ),
    "motie": (
        "Motie: {onderwerp}. De raad van de gemeente {gemeente}, in vergadering bijeen op {datum},",
        "constaterende dat inwoners van {wijk} hierover zorgen hebben geuit bij de fracties;",
        "overwegende dat de gemeente hierin een eigen verantwoordelijkheid heeft en dat de kosten "
        "binnen de bestaande begroting kunnen worden opgevangen;",
        "verzoekt het college voor de behandeling van de kadernota met een voorstel te komen,",
        "en gaat over tot de orde van de dag. Ingediend door: {indieners} ({fracties}).",
    ),
    "amendement": (
        "Amendement: {onderwerp}. De raad van de gemeente {gemeente}, in vergadering bijeen op "
        "{datum}, besluit het ontwerpbesluit als volgt te wijzigen:",
        "na het eerste beslispunt wordt een beslispunt toegevoegd dat het college opdraagt de "
        "raad binnen twee jaar een evaluatie voor te leggen.",
        "Toelichting: de raad wil tijdig kunnen bijsturen. Ingediend door: {indieners} "
        "({fracties}).",
    ),
    "brief": (
        "Aan de gemeenteraad van {gemeente}. Betreft: {onderwerp}.",
        "Geachte leden van de raad, met deze brief vragen wij uw aandacht voor {onderwerp}. "
        "Wij zien dat inwoners van {wijk} hier dagelijks mee te maken hebben.",
        "Wij vragen de raad het college te verzoeken hierover met ons in gesprek te gaan en de "
        "raad te informeren over de uitkomst.",
        "Met vriendelijke groet, {afzender}.",
    ),
}
