"""Names for synthetic data: Denmark's 98 municipalities, solutions, indicators, ideas."""

from __future__ import annotations

MUNICIPALITIES = (
    "København", "Frederiksberg", "Albertslund", "Ballerup", "Brøndby", "Dragør",
    "Gentofte", "Gladsaxe", "Glostrup", "Herlev", "Hvidovre", "Høje-Taastrup", "Ishøj",
    "Lyngby-Taarbæk", "Rødovre", "Tårnby", "Vallensbæk", "Allerød", "Egedal",
    "Fredensborg", "Frederikssund", "Furesø", "Gribskov", "Halsnæs", "Helsingør",
    "Hillerød", "Hørsholm", "Rudersdal", "Bornholm", "Greve", "Køge", "Lejre", "Roskilde",
    "Solrød", "Faxe", "Guldborgsund", "Holbæk", "Kalundborg", "Lolland", "Næstved",
    "Odsherred", "Ringsted", "Slagelse", "Sorø", "Stevns", "Vordingborg", "Assens",
    "Faaborg-Midtfyn", "Kerteminde", "Langeland", "Middelfart", "Nordfyns", "Nyborg",
    "Odense", "Svendborg", "Ærø", "Billund", "Esbjerg", "Fanø", "Fredericia", "Haderslev",
    "Kolding", "Sønderborg", "Tønder", "Varde", "Vejen", "Vejle", "Aabenraa", "Favrskov",
    "Hedensted", "Horsens", "Norddjurs", "Odder", "Randers", "Samsø", "Silkeborg",
    "Skanderborg", "Syddjurs", "Aarhus", "Herning", "Holstebro", "Ikast-Brande", "Lemvig",
    "Ringkøbing-Skjern", "Skive", "Struer", "Viborg", "Brønderslev", "Frederikshavn",
    "Hjørring", "Jammerbugt", "Læsø", "Mariagerfjord", "Morsø", "Rebild", "Thisted",
    "Vesthimmerland", "Aalborg",
)

# (solution, department, area)
SOLUTIONS = (
    ("KSD – sygedagpenge", "Jobcenter", "Beskæftigelse"),
    ("KY – ydelsessystem", "Ydelsesservice", "Beskæftigelse"),
    ("RPA-fakturamatch", "Økonomi", "Administration"),
    ("Fakturaautomatisering", "Økonomi", "Administration"),
    ("Kørselsapp", "HR", "Administration"),
    ("Vagtplanlægning", "Ældreplejen", "Sundhed og omsorg"),
    ("Restanceinddrivelse", "Borgerservice", "Administration"),
    ("Jobkonsulenter", "Jobcenter", "Beskæftigelse"),
    ("Fleksløn-robot", "Ydelsesservice", "Beskæftigelse"),
    ("Digital post", "Borgerservice", "Borgerservice"),
)

# (name, unit, direction, kind, baseline, target): a plan's five indicators cycle these.
INDICATORS = (
    ("Andel digitale ansøgninger", "pct", "higher", "success", 35.0, 85.0),
    ("Sagsbehandlingstid", "days", "lower", "benefit", 30.0, 20.0),
    ("Åbne sager", "count", "lower", "benefit", 700.0, 500.0),
    ("Frigjorte årsværk", "fte", "higher", "benefit", 0.0, 4.0),
    ("Restancer", "tkr", "lower", "benefit", 1412.0, 940.0),
    ("Automatisk behandlede fakturaer", "pct", "higher", "benefit", 20.0, 50.0),
    ("Tid på vagtplaner pr. uge", "hours", "lower", "success", 10.0, 3.0),
)

IDEAS = (
    "Ring til borgere, der ikke har brugt selvbetjening",
    "Luk telefonen om eftermiddagen",
    "Vis selvbetjeningen på skærmen i venteområdet",
    "Fjern blanketten på papir",
    "Fælles skabelon til afgørelser",
    "Ugentlig tavlemøde med tal fra i går",
    "Oplær superbrugere i hvert team",
    "Automatisk påmindelse ved manglende oplysninger",
    "Saml rådgivningen ét sted",
    "Stop dobbelt registrering i to systemer",
    "Mål ventetid på telefonen",
    "Flyt en medarbejder til kontrolopgaverne",
)

PEOPLE = ("Anne", "Bo", "Camilla", "Dorte", "Emil", "Frederik", "Gitte", "Henrik", "Ida",
          "Jens", "Karen", "Lars", "Mette", "Niels", "Ole", "Pia", "Rasmus", "Sofie")

EVALUATIONS = ("Virkede efter hensigten", "Halv effekt; justeret", "Ingen målbar effekt")
REASONS = ("Venter på ny version af systemet", "Dubleret af en anden ide", "For dyr")
