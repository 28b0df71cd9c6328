"""Messages of the six themes page (Temaer): titles, guiding questions, status words."""

DA: dict[str, str] = {
    "nav.themes": "Temaer",
    "theme.channel.title": "Kanalstrategi og påvirkning",
    "theme.channel.q1": "Hvem er brugerne af løsningen, og hvor og hvordan vil de typisk "
                        "bruge den?",
    "theme.channel.q2": "Hvem har ellers interesse i løsningen (pårørende, foreninger, "
                        "virksomheder), og trækker de i samme retning som os?",
    "theme.channel.q3": "Hvilke tiltag og budskaber skal flytte brugerne over på "
                        "selvbetjening og andre billige kanaler?",
    "theme.channel.q4": "Lukker eller begrænser vi nogle kanaler – hvilke, hvornår og efter "
                        "hvis beslutning?",
    "theme.workflow.title": "Arbejdsgange og regler",
    "theme.workflow.q1": "Hvilke af vores arbejdsgange ændrer løsningen, fra ansøgning til "
                         "udbetaling?",
    "theme.workflow.q2": "Hvilke egne regler og vaner om fx dokumentation, underskrifter "
                         "eller sagsoprettelse står i vejen for effekten?",
    "theme.workflow.q3": "Hvordan gør vi det, der er bedst for borgeren og for os, og "
                         "holder os samtidig inden for lovgivningen?",
    "theme.culture.title": "Adfærd, kultur og værdier",
    "theme.culture.q1": "Hvilke uudtalte antagelser om god service præger vores måde at "
                        "arbejde på?",
    "theme.culture.q2": "Regner vi med, at vores målgruppe ikke kan bruge digitale "
                        "løsninger – og hvad ved vi egentlig om det?",
    "theme.culture.q3": "Hvilken adfærd over for borgerne skal medarbejderne vise, når "
                        "løsningen er i brug?",
    "theme.organisation.title": "Organisering og kompetencer",
    "theme.organisation.q1": "Skal opgaven organiseres anderledes, fx samles, flyttes "
                             "eller spredes ud?",
    "theme.organisation.q2": "Hvordan undgår vi, at opgaven bliver sårbar, når færre "
                             "hænder skal løse den?",
    "theme.organisation.q3": "Hvilke nye kompetencer får medarbejderne brug for, og "
                             "hvordan inddrager vi dem tidligt?",
    "theme.followup.title": "Mål og opfølgning",
    "theme.followup.q1": "Hvilke succesindikatorer viser på kort sigt, at løsningen "
                         "bliver taget godt imod?",
    "theme.followup.q2": "Hvilke gevinstindikatorer viser, at gevinsterne faktisk "
                         "kommer hjem?",
    "theme.followup.q3": "Hvor ofte måler vi, og hvor kommer tallene fra?",
    "theme.followup.q4": "Hvem handler på målingerne – teamet ved tavlen eller ledelsen?",
    "theme.budget.title": "Budgettilpasning og nye politiske mål",
    "theme.budget.q1": "Hvordan ser business casen ud år for år, med udgifter til "
                       "implementering og en effekt, der kommer gradvist?",
    "theme.budget.q2": "Hvordan og hvornår tilpasses budgettet, fx gennem en "
                       "investeringspulje, der betales tilbage?",
    "theme.budget.q3": "Skal service- eller kvalitetsmålene justeres, og kræver det nye "
                       "politiske beslutninger?",
    "theme_status.not_started": "Ikke startet",
    "theme_status.in_progress": "I gang",
    "theme_status.done": "Færdig",
    "themes.header": "Temaer: {done}/{total} færdige",
    "themes.intro": "Planens seks temaer. Svar på spørgsmålene sammen i teamet, og vend "
                    "tilbage til dem, når planen ændrer sig.",
    "themes.progress": "{done} af {total} temaer er færdige, {in_progress} er i gang.",
    "themes.answer": "Teamets svar",
    "themes.responsible": "Ansvarlig",
    "themes.status": "Status",
    "themes.save": "Gem tema",
    "themes.saved": "Gemt: {theme}.",
    "themes.last_saved_by": "Sidst gemt af {name}",
    "themes.no_responsible": "ingen ansvarlig",
    "field.answers": "Svar",
    "field.responsible": "Ansvarlig",
    "field.status": "Status",
    "field.theme": "Tema",
    "error.theme_unknown": "Ukendt tema: {value}.",
    "error.theme_status": "Ukendt status: {value}. Vælg Ikke startet, I gang eller Færdig.",
    "error.theme_question": "Ukendt spørgsmål: {value}.",
    "error.theme_answer_too_long": "Et svar er for langt (højst {max} tegn).",
    "error.theme_stale": "Temaet er ændret af {by}, siden du åbnede siden. Genindlæs siden "
                         "og skriv dine ændringer igen; intet er gemt.",
}

EN: dict[str, str] = {
    "nav.themes": "Themes",
    "theme.channel.title": "Channel strategy and influence",
    "theme.channel.q1": "Who uses the solution, and where and how will they typically use it?",
    "theme.channel.q2": "Who else has a stake (relatives, associations, companies), and do "
                        "they pull in our direction?",
    "theme.channel.q3": "Which measures and messages will move users to self-service and "
                        "other cheap channels?",
    "theme.channel.q4": "Do we close or limit any channels – which, when, and who decides?",
    "theme.workflow.title": "Workflows and rules",
    "theme.workflow.q1": "Which of our workflows does the solution change, from application "
                         "to payment?",
    "theme.workflow.q2": "Which of our own rules and habits (documentation, signatures, "
                         "case creation) block the effect?",
    "theme.workflow.q3": "How do we do what is best for the citizen and for us while "
                         "staying within the law?",
    "theme.culture.title": "Behaviour, culture and values",
    "theme.culture.q1": "Which tacit assumptions about good service shape the way we work?",
    "theme.culture.q2": "Do we assume our users cannot use digital solutions – and what do "
                        "we actually know?",
    "theme.culture.q3": "How should staff behave towards citizens once the solution is in use?",
    "theme.organisation.title": "Organisation and skills",
    "theme.organisation.q1": "Should the task be organised differently, e.g. merged, moved "
                             "or spread out?",
    "theme.organisation.q2": "How do we keep the task robust when fewer hands do it?",
    "theme.organisation.q3": "Which new skills will staff need, and how do we involve them "
                             "early?",
    "theme.followup.title": "Goals and follow-up",
    "theme.followup.q1": "Which success indicators show in the short term that the solution "
                         "is well received?",
    "theme.followup.q2": "Which benefit indicators show that the benefits are realised?",
    "theme.followup.q3": "How often do we measure, and where do the figures come from?",
    "theme.followup.q4": "Who acts on the figures – the team at the board or management?",
    "theme.budget.title": "Budget adjustment and new political goals",
    "theme.budget.q1": "What does the business case look like year by year, with "
                       "implementation costs and a gradual effect?",
    "theme.budget.q2": "How and when is the budget adjusted, e.g. through an investment "
                       "pool that is paid back?",
    "theme.budget.q3": "Should service or quality goals be adjusted, and does that need new "
                       "political decisions?",
    "theme_status.not_started": "Not started",
    "theme_status.in_progress": "In progress",
    "theme_status.done": "Done",
    "themes.header": "Themes: {done}/{total} done",
    "themes.intro": "The plan's six themes. Answer the questions together as a team and "
                    "revisit them when the plan changes.",
    "themes.progress": "{done} of {total} themes are done, {in_progress} in progress.",
    "themes.answer": "The team's answer",
    "themes.responsible": "Responsible",
    "themes.status": "Status",
    "themes.save": "Save theme",
    "themes.saved": "Saved: {theme}.",
    "themes.last_saved_by": "Last saved by {name}",
    "themes.no_responsible": "nobody responsible",
    "field.answers": "Answers",
    "field.responsible": "Responsible",
    "field.status": "Status",
    "field.theme": "Theme",
    "error.theme_unknown": "Unknown theme: {value}.",
    "error.theme_status": "Unknown status: {value}. Choose Not started, In progress or Done.",
    "error.theme_question": "Unknown question: {value}.",
    "error.theme_answer_too_long": "An answer is too long (at most {max} characters).",
    "error.theme_stale": "{by} changed this theme after you opened the page. Reload and "
                         "enter your changes again; nothing was saved.",
}
