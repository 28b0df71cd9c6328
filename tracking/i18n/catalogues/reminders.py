"""Messages of the reminders: the e-mails, Mine opgaver and the profile page."""

DA: dict[str, str] = {
    "mail.greeting": "Hej {name}",
    "mail.footer": "Du får denne e-mail fra Gevinsttavlen. Vælg hvilke påmindelser du får "
                   "under Min profil: {link}",
    "mail.button.figure": "Indtast tallet",
    "mail.button.action": "Åbn Mine opgaver",
    "mail.button.agenda": "Åbn tavlen",
    "mail.button.letter": "Åbn Oversigt",
    "mail.figure_due.subject": "Tallet for {month} for »{indicator}« skal ind senest {deadline}",
    "mail.figure_due.body": "Tallet for {month} for indikatoren »{indicator}« i planen "
                            "»{plan}« skal indtastes senest {deadline}.",
    "mail.figure_missing.subject": "Tallet for {month} mangler: »{indicator}«",
    "mail.figure_missing.body": "Fristen for tallet for {month} for indikatoren "
                                "»{indicator}« i planen »{plan}« var {deadline}, og tallet er "
                                "endnu ikke indtastet. Tavlen viser »Mangler tal«, indtil tallet "
                                "er indtastet.",
    "mail.action_due.subject": "Handlingen »{action}« har frist {deadline}",
    "mail.action_due.body.one": "Handlingen »{action}« i planen »{plan}«, som du er "
                                "ansvarlig for, har frist {deadline}: om {count} dag.",
    "mail.action_due.body.other": "Handlingen »{action}« i planen »{plan}«, som du er "
                                  "ansvarlig for, har frist {deadline}: om {count} dage.",
    "mail.action_due.body.zero": "Handlingen »{action}« i planen »{plan}«, som du er "
                                 "ansvarlig for, har frist i dag ({deadline}).",
    "mail.action_overdue.subject": "Handlingen »{action}« er over fristen",
    "mail.action_overdue.body.one": "Handlingen »{action}« i planen »{plan}«, som du er "
                                    "ansvarlig for, havde frist {deadline} og er {count} dag "
                                    "over fristen. Flyt den videre, eller aftal en ny frist "
                                    "på næste tavlemøde.",
    "mail.action_overdue.body.other": "Handlingen »{action}« i planen »{plan}«, som du er "
                                      "ansvarlig for, havde frist {deadline} og er {count} "
                                      "dage over fristen. Flyt den videre, eller aftal en ny "
                                      "frist på næste tavlemøde.",
    "mail.meeting_agenda.subject": "Tavlemøde i »{plan}« i morgen kl. {time}",
    "mail.meeting_agenda.body": "Planen »{plan}« holder tavlemøde i morgen, {day}, kl. "
                                "{time} ({minutes} minutter). Dagsorden:",
    "mail.agenda.1": "1. Nye tal: målene måned for måned",
    "mail.agenda.2": "2. Handleplanen: opfølgning på handlingerne",
    "mail.agenda.3": "3. Nye ideer",
    "mail.agenda.overdue": "Over fristen: {actions}",
    "mail.director_letter.subject": "Månedsbrev: gevinstrealisering, {month}",
    "mail.director_letter.body": "Status for planerne efter fristen for tallene for "
                                 "{month}. Rapporten er vedhæftet som PDF.",
    "mail.letter.line": "{plan}: {status}",
    "mail.letter.overdue.one": "{count} handling over fristen",
    "mail.letter.overdue.other": "{count} handlinger over fristen",
    "remind.kind.figure_due": "Et tal skal snart indtastes (3 dage før fristen)",
    "remind.kind.figure_missing": "Et tal mangler efter fristen",
    "remind.kind.action_due": "En handling har frist inden for 7 dage",
    "remind.kind.action_overdue": "En handling er over fristen (ugentligt)",
    "remind.kind.meeting_agenda": "Dagsorden dagen før tavlemødet",
    "remind.kind.director_letter": "Månedsbrev til direktionen",
    "remind.no_smtp": "E-mail er ikke sat op (GEVINST_SMTP_HOST): der sendes ingen "
                      "påmindelser. Resten virker.",
    "remind.cli_no_smtp.one": "E-mail er ikke sat op (GEVINST_SMTP_HOST): {count} "
                              "påmindelse ville være sendt, ingen er sendt.",
    "remind.cli_no_smtp.other": "E-mail er ikke sat op (GEVINST_SMTP_HOST): {count} "
                                "påmindelser ville være sendt, ingen er sendt.",
    "remind.cli_done": "Påmindelser {day}: {sent} sendt, {skipped} allerede sendt, "
                       "{retry} venter på nyt forsøg, {failed} fejlet.",
    "remind.cannot_remind": "kan ikke få påmindelser",
    "people.hint": "Får påmindelser: {names}",
    "weekday.0": "mandag",
    "weekday.1": "tirsdag",
    "weekday.2": "onsdag",
    "weekday.3": "torsdag",
    "weekday.4": "fredag",
    "weekday.5": "lørdag",
    "weekday.6": "søndag",
    "schedule.title": "Fast tavlemøde",
    "schedule.weekday": "Ugedag",
    "schedule.none": "Ingen fast mødetid",
    "schedule.time": "Kl. (TT:MM)",
    "schedule.length": "Minutter",
    "schedule.every": "Hvor ofte",
    "schedule.every_1": "Hver uge",
    "schedule.every_2": "Hver anden uge",
    "schedule.caption": "Dagen før mødet får planens medlemmer, gevinstansvarlige og facilitator "
                        "dagsordenen på e-mail; Mine opgaver viser det næste møde.",
    "schedule.saved": "Mødetiden er gemt.",
    "nav.my_tasks": "Mine opgaver",
    "nav.profile": "Min profil",
    "tasks.title": "Mine opgaver",
    "tasks.caption": "Det, du skal gøre, på tværs af dine planer · {today}",
    "tasks.nothing": "Du har ingen opgaver lige nu: alle dine tal er indtastet, og ingen af "
                     "dine handlinger har frist inden for 7 dage.",
    "tasks.figures": "Tal, du skal indtaste",
    "tasks.figures_none": "Alle dine tal er indtastet.",
    "tasks.figure_missing": "Mangler · fristen var {deadline}",
    "tasks.figure_awaiting": "Skal ind senest {deadline}",
    "tasks.enter": "Indtast",
    "tasks.actions": "Dine handlinger",
    "tasks.actions_none": "Ingen af dine handlinger er over fristen eller har frist inden "
                          "for 7 dage.",
    "tasks.overdue.one": "{count} dag over fristen ({deadline})",
    "tasks.overdue.other": "{count} dage over fristen ({deadline})",
    "tasks.due_today": "Frist i dag",
    "tasks.due.one": "Frist om {count} dag ({deadline})",
    "tasks.due.other": "Frist om {count} dage ({deadline})",
    "tasks.move_to": "Flyt til {status}",
    "tasks.moved": "»{action}« er flyttet til {status}.",
    "tasks.meetings": "Dine næste tavlemøder",
    "tasks.meetings_none": "Ingen af dine planer har en fast mødetid endnu (den sættes "
                           "på planen).",
    "tasks.meeting_line": "{day} kl. {time} · {minutes} min.",
    "tasks.open_board": "Åbn tavlen",
    "tasks.no_smtp": "E-mail er ikke sat op på denne server, så der sendes ingen "
                     "påmindelser; listen her er den samme.",
    "profile.title": "Min profil",
    "profile.caption": "{name} · {email}",
    "profile.reminders": "Påmindelser på e-mail",
    "profile.all_off": "Stop alle påmindelser",
    "profile.saved": "Dine valg er gemt.",
    "profile.save": "Gem",
    "profile.language": "Sprog i e-mails",
    "profile.language_default": "Som serveren (dansk)",
    "error.language": "Ukendt sprog: »{value}«.",
    "users.tab_reminders": "Påmindelser",
    "users.smtp_on": "E-mail sendes gennem {host}:{port} ({tls}) fra {sender}. Links i "
                     "e-mails går til {base}.",
    "users.director_set": "{name} er nu markeret som direktion.",
    "users.director_unset": "{name} er ikke længere markeret som direktion.",
    "users.unmatched_title": "Navne uden konto: kan ikke få påmindelser",
    "users.unmatched_caption": "Navne skrevet på kort, der ikke svarer til præcis én aktiv "
                               "konto. Opret personen under Ny bruger, eller ret navnet på "
                               "kortet, så får personen påmindelser.",
    "users.unmatched_none": "Alle navne på kortene hører til en konto.",
    "users.unmatched_col_plan": "Plan",
    "users.unmatched_col_name": "Navn",
    "users.unmatched_col_where": "Står som",
    "users.unmatched_col_count": "Antal",
    "users.unmatched_col_why": "Hvorfor",
    "users.where.action": "Ansvarlig for handling",
    "users.where.idea": "Forfatter til idé",
    "users.where.indicator": "Gevinstansvarlig for indikator",
    "users.why.none": "Ingen konto",
    "users.why.ambiguous": "Flere konti har navnet",
    "users.failed_title": "Påmindelser, der ikke kunne sendes",
    "users.failed_none": "Alle påmindelser er sendt.",
    "users.failed_col_email": "Til",
    "users.failed_col_kind": "Påmindelse",
    "users.failed_col_about": "Om",
    "users.failed_col_day": "Dag",
    "users.failed_col_tries": "Forsøg",
    "users.failed_col_status": "Status",
    "users.failed_col_error": "Svar fra mailserveren",
    "users.failed.failed": "Fejlet",
    "users.failed.pending": "Prøves igen",
    "users.director": "Direktion (lander på Oversigt, får månedsbrevet)",
    "error.schedule_weekday": "Vælg en ugedag.",
    "error.schedule_time": "Skriv tidspunktet som TT:MM, fx 09:00 (ikke »{value}«).",
    "error.schedule_length": "Et tavlemøde varer 15–30 minutter.",
    "error.schedule_every": "Mødet holdes hver uge eller hver anden uge.",
}

EN: dict[str, str] = {
    "mail.greeting": "Hello {name}",
    "mail.footer": "This e-mail is from Gevinsttavlen. Choose which reminders you get under "
                   "My profile: {link}",
    "mail.button.figure": "Enter the figure",
    "mail.button.action": "Open My tasks",
    "mail.button.agenda": "Open the board",
    "mail.button.letter": "Open Overview",
    "mail.figure_due.subject": "The {month} figure of “{indicator}” is due by {deadline}",
    "mail.figure_due.body": "The {month} figure of the indicator “{indicator}” in the plan "
                            "“{plan}” is due by {deadline}.",
    "mail.figure_missing.subject": "The {month} figure is missing: “{indicator}”",
    "mail.figure_missing.body": "The {month} figure of the indicator “{indicator}” in the "
                                "plan “{plan}” was due by {deadline} and has not been "
                                "entered. The board shows “Figure missing” until it is.",
    "mail.action_due.subject": "The action “{action}” is due {deadline}",
    "mail.action_due.body.one": "The action “{action}” in the plan “{plan}”, which you are "
                                "responsible for, is due {deadline}: in {count} day.",
    "mail.action_due.body.other": "The action “{action}” in the plan “{plan}”, which you "
                                  "are responsible for, is due {deadline}: in {count} days.",
    "mail.action_due.body.zero": "The action “{action}” in the plan “{plan}”, which you are "
                                 "responsible for, is due today ({deadline}).",
    "mail.action_overdue.subject": "The action “{action}” is overdue",
    "mail.action_overdue.body.one": "The action “{action}” in the plan “{plan}”, which you "
                                    "are responsible for, was due {deadline} and is {count} "
                                    "day overdue. Move it on, or agree a new deadline at the "
                                    "next board meeting.",
    "mail.action_overdue.body.other": "The action “{action}” in the plan “{plan}”, which "
                                      "you are responsible for, was due {deadline} and is "
                                      "{count} days overdue. Move it on, or agree a new "
                                      "deadline at the next board meeting.",
    "mail.meeting_agenda.subject": "Board meeting of “{plan}” tomorrow at {time}",
    "mail.meeting_agenda.body": "The plan “{plan}” holds its board meeting tomorrow, {day}, "
                                "at {time} ({minutes} minutes). Agenda:",
    "mail.agenda.1": "1. New figures: the goals month by month",
    "mail.agenda.2": "2. The action plan: follow-up on the actions",
    "mail.agenda.3": "3. New ideas",
    "mail.agenda.overdue": "Overdue: {actions}",
    "mail.director_letter.subject": "Monthly letter: benefit realisation, {month}",
    "mail.director_letter.body": "Status of the plans after the deadline for the {month} "
                                 "figures. The report is attached as PDF.",
    "mail.letter.line": "{plan}: {status}",
    "mail.letter.overdue.one": "{count} action overdue",
    "mail.letter.overdue.other": "{count} actions overdue",
    "remind.kind.figure_due": "A figure is due soon (3 days before the deadline)",
    "remind.kind.figure_missing": "A figure is missing after the deadline",
    "remind.kind.action_due": "An action is due within 7 days",
    "remind.kind.action_overdue": "An action is overdue (weekly)",
    "remind.kind.meeting_agenda": "The agenda the day before the board meeting",
    "remind.kind.director_letter": "The directors' monthly letter",
    "remind.no_smtp": "E-mail is not set up (GEVINST_SMTP_HOST): no reminders are sent. "
                      "Everything else works.",
    "remind.cli_no_smtp.one": "E-mail is not set up (GEVINST_SMTP_HOST): {count} reminder "
                              "would have been sent, none was.",
    "remind.cli_no_smtp.other": "E-mail is not set up (GEVINST_SMTP_HOST): {count} "
                                "reminders would have been sent, none was.",
    "remind.cli_done": "Reminders {day}: {sent} sent, {skipped} already sent, {retry} "
                       "waiting for a retry, {failed} failed.",
    "remind.cannot_remind": "cannot get reminders",
    "people.hint": "Get reminders: {names}",
    "weekday.0": "Monday",
    "weekday.1": "Tuesday",
    "weekday.2": "Wednesday",
    "weekday.3": "Thursday",
    "weekday.4": "Friday",
    "weekday.5": "Saturday",
    "weekday.6": "Sunday",
    "schedule.title": "Fixed board meeting",
    "schedule.weekday": "Weekday",
    "schedule.none": "No fixed meeting time",
    "schedule.time": "At (HH:MM)",
    "schedule.length": "Minutes",
    "schedule.every": "How often",
    "schedule.every_1": "Every week",
    "schedule.every_2": "Every other week",
    "schedule.caption": "The day before the meeting the plan's members, benefit owners and "
                        "facilitator get the agenda by e-mail; My tasks shows the next one.",
    "schedule.saved": "The meeting time is saved.",
    "nav.my_tasks": "My tasks",
    "nav.profile": "My profile",
    "tasks.title": "My tasks",
    "tasks.caption": "What you have to do, across your plans · {today}",
    "tasks.nothing": "You have nothing to do right now: all your figures are in, and none "
                     "of your actions is due within 7 days.",
    "tasks.figures": "Figures to enter",
    "tasks.figures_none": "All your figures are in.",
    "tasks.figure_missing": "Missing · the deadline was {deadline}",
    "tasks.figure_awaiting": "Due by {deadline}",
    "tasks.enter": "Enter",
    "tasks.actions": "Your actions",
    "tasks.actions_none": "None of your actions is overdue or due within 7 days.",
    "tasks.overdue.one": "{count} day overdue ({deadline})",
    "tasks.overdue.other": "{count} days overdue ({deadline})",
    "tasks.due_today": "Due today",
    "tasks.due.one": "Due in {count} day ({deadline})",
    "tasks.due.other": "Due in {count} days ({deadline})",
    "tasks.move_to": "Move to {status}",
    "tasks.moved": "“{action}” moved to {status}.",
    "tasks.meetings": "Your next board meetings",
    "tasks.meetings_none": "None of your plans has a fixed meeting time yet (it is set on "
                           "the plan).",
    "tasks.meeting_line": "{day} at {time} · {minutes} min.",
    "tasks.open_board": "Open the board",
    "tasks.no_smtp": "E-mail is not set up on this server, so no reminders are sent; this "
                     "list is the same.",
    "profile.title": "My profile",
    "profile.caption": "{name} · {email}",
    "profile.reminders": "Reminders by e-mail",
    "profile.all_off": "Stop all reminders",
    "profile.saved": "Your choices are saved.",
    "profile.save": "Save",
    "profile.language": "Language of e-mails",
    "profile.language_default": "As the server (Danish)",
    "error.language": "Unknown language: “{value}”.",
    "users.tab_reminders": "Reminders",
    "users.smtp_on": "E-mail is sent through {host}:{port} ({tls}) from {sender}. Links in "
                     "e-mails go to {base}.",
    "users.director_set": "{name} is now marked as a director.",
    "users.director_unset": "{name} is no longer marked as a director.",
    "users.unmatched_title": "Names without an account: cannot get reminders",
    "users.unmatched_caption": "Names written on cards that match no single active account. "
                               "Create the person under New user, or correct the name on the "
                               "card, and they get reminders.",
    "users.unmatched_none": "Every name on the cards belongs to an account.",
    "users.unmatched_col_plan": "Plan",
    "users.unmatched_col_name": "Name",
    "users.unmatched_col_where": "Named as",
    "users.unmatched_col_count": "Count",
    "users.unmatched_col_why": "Why",
    "users.where.action": "Responsible for an action",
    "users.where.idea": "Author of an idea",
    "users.where.indicator": "Owner of an indicator",
    "users.why.none": "No account",
    "users.why.ambiguous": "Several accounts have the name",
    "users.failed_title": "Reminders that could not be sent",
    "users.failed_none": "Every reminder was sent.",
    "users.failed_col_email": "To",
    "users.failed_col_kind": "Reminder",
    "users.failed_col_about": "About",
    "users.failed_col_day": "Day",
    "users.failed_col_tries": "Tries",
    "users.failed_col_status": "Status",
    "users.failed_col_error": "The mail server's answer",
    "users.failed.failed": "Failed",
    "users.failed.pending": "To be retried",
    "users.director": "Director (lands on Overview, gets the monthly letter)",
    "error.schedule_weekday": "Choose a weekday.",
    "error.schedule_time": "Write the time as HH:MM, e.g. 09:00 (not “{value}”).",
    "error.schedule_length": "A board meeting lasts 15–30 minutes.",
    "error.schedule_every": "The meeting is held every week or every other week.",
}
