"""Messages of the calendar feeds (iCalendar) and where they are made (Min profil)."""

DA: dict[str, str] = {
    "calendar.action": "Frist: {title}",
    "calendar.action_detail": "Handling i planen »{plan}«. Ansvarlig: {responsible}.",
    "calendar.figures": "Indberet tal for {month} ({plan})",
    "calendar.figures_detail": "Mangler endnu: {indicators}.",
    "calendar.meeting": "Tavlemøde: {plan}",
    "calendar.person_title": "Gevinsttavlen: {name}",
    "calendar.plan_title": "Gevinsttavlen: {plan}",
    "calendar.section": "Kalender",
    "calendar.caption": "Abonnér på dine frister og tavlemøder i Outlook eller Google "
                        "Kalender. Adressen er hemmelig: den, der har den, kan se "
                        "kalenderen. Den vises kun én gang; lav en ny, hvis du mister den.",
    "calendar.make_mine": "Lav adresse til min kalender",
    "calendar.make_plan": "Lav adresse til planens kalender",
    "calendar.plan": "Plan",
    "calendar.made": "Kopiér adressen og tilføj den i din kalender som »abonnement fra "
                     "internettet«. Den vises ikke igen:",
    "calendar.active": "Aktive kalenderadresser",
    "calendar.kind_person": "Min kalender",
    "calendar.kind_plan": "Planen »{plan}«",
    "calendar.revoke": "Tilbagekald",
    "calendar.revoked": "Kalenderadressen er tilbagekaldt; den virker ikke længere.",
    "error.calendar_feed_not_found": "Kalenderadressen findes ikke (id {id}).",
}

EN: dict[str, str] = {
    "calendar.action": "Deadline: {title}",
    "calendar.action_detail": "Action in the plan \"{plan}\". Responsible: {responsible}.",
    "calendar.figures": "Report figures for {month} ({plan})",
    "calendar.figures_detail": "Still missing: {indicators}.",
    "calendar.meeting": "Board meeting: {plan}",
    "calendar.person_title": "Gevinsttavlen: {name}",
    "calendar.plan_title": "Gevinsttavlen: {plan}",
    "calendar.section": "Calendar",
    "calendar.caption": "Subscribe to your deadlines and board meetings in Outlook or Google "
                        "Calendar. The address is secret: whoever has it can see the "
                        "calendar. It is shown only once; make a new one if you lose it.",
    "calendar.make_mine": "Make an address for my calendar",
    "calendar.make_plan": "Make an address for the plan's calendar",
    "calendar.plan": "Plan",
    "calendar.made": "Copy the address and add it to your calendar as a subscription "
                     "\"from the internet\". It is not shown again:",
    "calendar.active": "Active calendar addresses",
    "calendar.kind_person": "My calendar",
    "calendar.kind_plan": "The plan \"{plan}\"",
    "calendar.revoke": "Revoke",
    "calendar.revoked": "The calendar address is revoked; it no longer works.",
    "error.calendar_feed_not_found": "The calendar address does not exist (id {id}).",
}
