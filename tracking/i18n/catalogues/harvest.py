"""Messages of the harvest (hjemtagning) of economic benefits."""

DA = {
    "harvest.title": "Hjemtagning af gevinster",
    "entity.benefit_harvest": "Hjemtagning",
    "harvest.intro": (
        "Her registreres, hvor meget af planens økonomiske gevinst der tages ud af "
        "budgettet pr. budgetår, fra hvilken konto eller hvilket område, og hvem der har "
        "besluttet det. En direktør eller planens facilitator beslutter; alt kommer i "
        "historikken."),
    "harvest.planned_total": "Planlagt (business case, hele perioden)",
    "harvest.realised": "Realiseret til dato",
    "harvest.decided": "Besluttet",
    "harvest.harvested": "Hjemtaget",
    "harvest.planned_lines": "Planlagt hjemtagning",
    "harvest.leeway": "Råderum",
    "harvest.leeway_help": (
        "Råderum = realiseret til dato − besluttet − hjemtaget: den realiserede gevinst, "
        "der endnu ikke er besluttet, hvad der skal ske med. Negativt betyder, at der er "
        "besluttet mere, end der er realiseret indtil nu."),
    "harvest.none": "Ingen hjemtagning registreret endnu.",
    "harvest.col.year": "Budgetår",
    "harvest.col.amount": "Beløb (kr.)",
    "harvest.col.account": "Konto / område",
    "harvest.col.decision": "Beslutning",
    "harvest.col.status": "Status",
    "harvest.col.approved_by": "Godkendt af",
    "harvest.col.approved_on": "Godkendt den",
    "harvest.status.planned": "Planlagt",
    "harvest.status.decided": "Besluttet",
    "harvest.status.harvested": "Hjemtaget",
    "harvest.new": "Ny linje",
    "harvest.edit_pick": "Ny eller ret linje",
    "harvest.line": "{year}: {amount} ({status})",
    "harvest.save": "Gem hjemtagning",
    "harvest.archive": "Arkivér linjen",
    "harvest.saved": "Hjemtagningen er gemt.",
    "harvest.archived": "Linjen er arkiveret.",
    "harvest.read_only": "Kun en direktør eller planens facilitator kan registrere "
                         "hjemtagning.",
    "harvest.approved_hint": "Tomt: dig og dags dato, når status er besluttet eller "
                             "hjemtaget.",
    "overview.harvest_line": "Hjemtaget: {harvested} · besluttet: {decided} · råderum: "
                             "{leeway}",
    "overview.harvest_total": "Planlagt i business case: {planned} · realiseret: {realised} "
                              "· hjemtaget: {harvested} · besluttet: {decided} · råderum: "
                              "{leeway}",
    "report.col.harvest_decided": "Besluttet hjemtaget (kr.)",
    "report.col.harvested": "Hjemtaget (kr.)",
    "report.col.leeway": "Råderum (kr.)",
    "report.harvest_title": "Hjemtagning",
    "error.harvest_year": "Budgetåret skal være et årstal mellem {first} og {last}.",
    "error.harvest_amount": "Beløbet skal være et positivt tal i kr. (fx 250.000).",
    "error.harvest_status": "Ukendt status for hjemtagning: »{value}«.",
    "error.harvest_text_too_long": "Teksten er for lang (højst {max} tegn).",
    "error.harvest_decision_required": "Skriv beslutningen (fx »indarbejdet i budget "
                                       "2027«), når status er besluttet eller hjemtaget.",
    "error.harvest_not_found": "Hjemtagningslinjen findes ikke (længere).",
    "error.harvest_stale": "Linjen er ændret af {by}, siden du åbnede siden. Genindlæs og "
                           "prøv igen.",
    "error.harvest_needs_decider": "Kun en direktør eller facilitatoren for planen »{plan}« "
                                   "kan registrere hjemtagning.",
    "field.budget_year": "Budgetår",
    "field.amount": "Beløb",
    "field.account": "Konto / område",
    "field.decision": "Beslutning",
    "field.approved_by": "Godkendt af",
}

EN = {
    "harvest.title": "Harvest of benefits",
    "entity.benefit_harvest": "Harvest",
    "harvest.intro": (
        "Record how much of the plan's economic benefit is taken out of the budget per "
        "budget year, from which account or area, and who decided it. A director or the "
        "plan's facilitator decides; everything goes into the history."),
    "harvest.planned_total": "Planned (business case, whole period)",
    "harvest.realised": "Realised to date",
    "harvest.decided": "Decided",
    "harvest.harvested": "Harvested",
    "harvest.planned_lines": "Planned harvest",
    "harvest.leeway": "Room to decide (råderum)",
    "harvest.leeway_help": (
        "Room = realised to date − decided − harvested: the realised benefit whose use is "
        "not decided yet. Negative means more is decided than realised so far."),
    "harvest.none": "No harvest recorded yet.",
    "harvest.col.year": "Budget year",
    "harvest.col.amount": "Amount (kr.)",
    "harvest.col.account": "Account / area",
    "harvest.col.decision": "Decision",
    "harvest.col.status": "Status",
    "harvest.col.approved_by": "Approved by",
    "harvest.col.approved_on": "Approved on",
    "harvest.status.planned": "Planned",
    "harvest.status.decided": "Decided",
    "harvest.status.harvested": "Harvested",
    "harvest.new": "New line",
    "harvest.edit_pick": "New line or edit one",
    "harvest.line": "{year}: {amount} ({status})",
    "harvest.save": "Save harvest",
    "harvest.archive": "Archive the line",
    "harvest.saved": "The harvest is saved.",
    "harvest.archived": "The line is archived.",
    "harvest.read_only": "Only a director or the plan's facilitator can record a harvest.",
    "harvest.approved_hint": "Empty: you and today, once decided or harvested.",
    "overview.harvest_line": "Harvested: {harvested} · decided: {decided} · room: {leeway}",
    "overview.harvest_total": "Planned in business cases: {planned} · realised: {realised} · "
                              "harvested: {harvested} · decided: {decided} · room: {leeway}",
    "report.col.harvest_decided": "Decided harvest (kr.)",
    "report.col.harvested": "Harvested (kr.)",
    "report.col.leeway": "Room to decide (kr.)",
    "report.harvest_title": "Harvest",
    "error.harvest_year": "The budget year must be a year between {first} and {last}.",
    "error.harvest_amount": "The amount must be a positive number of kr. (e.g. 250,000).",
    "error.harvest_status": "Unknown harvest status: “{value}”.",
    "error.harvest_text_too_long": "The text is too long (at most {max} characters).",
    "error.harvest_decision_required": "Write the decision (e.g. “included in the 2027 "
                                       "budget”) when the status is decided or harvested.",
    "error.harvest_not_found": "The harvest line does not exist (any more).",
    "error.harvest_stale": "{by} changed this line after you opened the page. Reload and "
                           "try again.",
    "error.harvest_needs_decider": "Only a director or the facilitator of the plan “{plan}” "
                                   "can record a harvest.",
    "field.budget_year": "Budget year",
    "field.amount": "Amount",
    "field.account": "Account / area",
    "field.decision": "Decision",
    "field.approved_by": "Approved by",
}
