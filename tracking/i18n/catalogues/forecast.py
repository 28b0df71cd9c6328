"""Messages of the forecast (prognose) and the expected attainment at full effect."""

DA = {
    "ui.legend.forecast": "Prognose",
    "forecast.band": "Prognoseinterval (80 %)",
    "forecast.method": "Metode",
    "forecast.method.drift": "Udvikling fra tallene (drift)",
    "forecast.expected": "Forventet målopfyldelse ved fuld effekt",
    "forecast.expected_short": "Forventet ved fuld effekt",
    "forecast.expected_value": "{attainment} ({month}: {value} mod måltal {target})",
    "forecast.expected_actual": "{attainment} (realiseret i {month}: {value} mod måltal "
                                "{target})",
    "forecast.none.one": "Ingen prognose endnu: der skal mindst {count} måneds tal til.",
    "forecast.none.other": "Ingen prognose endnu: der skal mindst {count} måneders tal til.",
    "forecast.no_target": "Intet planlagt løft at måle imod.",
    "forecast.help": (
        "Prognosen (stiplet lilla linje) fremskriver de realiserede tal til planens "
        "slutmåned, når der er mindst {minimum} måneders tal: det seneste tal fortsat med "
        "den gennemsnitlige ændring pr. måned siden det første (drift-metoden). Det lyse "
        "bånd er et prognoseinterval på 80 %: fire ud af fem måneder bør lande inden for "
        "det. Det bliver bredere, jo længere frem prognosen rækker, og jo mere tallene "
        "svinger fra måned til måned, for et spring (en omlægning, et nyt budgetår) kan "
        "altid komme. Forventet målopfyldelse ved fuld effekt = (prognose i "
        "fuld-effekt-måneden − baseline) / (måltal − baseline); er måneden allerede "
        "indberettet, bruges det realiserede tal."),
    "forecast.plan_help": "Planens forventede målopfyldelse er dens svageste indikators.",
    "overview.sort_by": "Sortér efter",
    "overview.sort.attention": "Behov for opmærksomhed",
    "overview.sort.expected": "Forventet målopfyldelse",
    "overview.expected_line": "Forventet ved fuld effekt: {attainment}",
}

EN = {
    "ui.legend.forecast": "Forecast",
    "forecast.band": "Forecast interval (80 %)",
    "forecast.method": "Method",
    "forecast.method.drift": "Trend of the figures (drift)",
    "forecast.expected": "Expected attainment at full effect",
    "forecast.expected_short": "Expected at full effect",
    "forecast.expected_value": "{attainment} ({month}: {value} against target {target})",
    "forecast.expected_actual": "{attainment} (realised in {month}: {value} against target "
                                "{target})",
    "forecast.none.one": "No forecast yet: it needs at least {count} month of figures.",
    "forecast.none.other": "No forecast yet: it needs at least {count} months of figures.",
    "forecast.no_target": "No planned improvement to measure against.",
    "forecast.help": (
        "The forecast (dashed purple line) projects the realised figures to the plan's "
        "last month once there are at least {minimum} months of figures: the latest figure "
        "continued by the average change per month since the first (the drift method). "
        "The light band is an 80 % forecast interval: four months in five should land "
        "inside it. It widens the further ahead the forecast reaches and the more the "
        "figures move from month to month, since a step (a reorganisation, a new budget "
        "year) can always come. Expected attainment at full effect = "
        "(forecast of the full-effect month − baseline) / (target − baseline); once that "
        "month is reported, its realised figure is used."),
    "forecast.plan_help": "A plan's expected attainment is that of its weakest indicator.",
    "overview.sort_by": "Sort by",
    "overview.sort.attention": "Needs attention",
    "overview.sort.expected": "Expected attainment",
    "overview.expected_line": "Expected at full effect: {attainment}",
}
