"""Messages of sign-in, roles, the audit trail (Historik) and concurrent edits."""

DA: dict[str, str] = {
    "role.viewer": "Læser",
    "role.member": "Medlem",
    "role.owner": "Gevinstansvarlig",
    "role.facilitator": "Facilitator",
    "role.admin": "Administrator",
    "role.none": "Læser (ikke medlem)",
    "error.not_signed_in": "Du er ikke logget ind. Log ind for at ændre noget.",
    "error.account_inactive": "Din konto er deaktiveret. Kontakt en administrator.",
    "error.admin_only": "Kun en administrator kan gøre dette.",
    "error.not_indicator_owner": "Du er ikke gevinstansvarlig for indikatoren »{indicator}« i "
                                 "planen »{plan}«; kun dens gevinstansvarlige eller planens "
                                 "facilitator kan indtaste tal.",
    "error.needs_edit_board": "Du skal være medlem af planen »{plan}« for at ændre ideer "
                              "og handlinger.",
    "error.needs_enter_figures": "Du skal være gevinstansvarlig eller facilitator i planen "
                                 "»{plan}« for at indtaste tal.",
    "error.needs_edit_plan": "Kun planens facilitator kan ændre planen »{plan}«.",
    "error.needs_run_meeting": "Kun planens facilitator kan styre møder i planen »{plan}«.",
    "error.needs_create_plan": "Kun en administrator kan oprette planer.",
    "error.needs_manage_users": "Kun en administrator kan ændre brugere og medlemskaber.",
    "error.stale_record": "{what} er ændret af {by} {at}, efter du åbnede den. Din ændring "
                          "er ikke gemt; se den nye udgave og prøv igen.",
    "error.concurrent_write": "En anden gemte det samme samtidig. Din ændring er ikke gemt; "
                              "prøv igen.",
}

EN: dict[str, str] = {
    "role.viewer": "Viewer",
    "role.member": "Member",
    "role.owner": "Benefit owner",
    "role.facilitator": "Facilitator",
    "role.admin": "Administrator",
    "role.none": "Viewer (not a member)",
    "error.not_signed_in": "You are not signed in. Sign in to change anything.",
    "error.account_inactive": "Your account is deactivated. Contact an administrator.",
    "error.admin_only": "Only an administrator can do this.",
    "error.not_indicator_owner": "You do not own the indicator “{indicator}” in the plan "
                                 "“{plan}”; only its owner or the plan's facilitator can "
                                 "enter figures.",
    "error.needs_edit_board": "You must be a member of the plan “{plan}” to change ideas "
                              "and actions.",
    "error.needs_enter_figures": "You must be a benefit owner or facilitator in the plan "
                                 "“{plan}” to enter figures.",
    "error.needs_edit_plan": "Only the plan's facilitator can change the plan “{plan}”.",
    "error.needs_run_meeting": "Only the plan's facilitator can run meetings of “{plan}”.",
    "error.needs_create_plan": "Only an administrator can create plans.",
    "error.needs_manage_users": "Only an administrator can change users and memberships.",
    "error.stale_record": "{what} was changed by {by} {at}, after you opened it. Your change "
                          "was not saved; look at the new version and try again.",
    "error.concurrent_write": "Someone else saved the same thing at the same moment. Your "
                              "change was not saved; try again.",
}

_HISTORY_DA = {
    "history.title": "Historik",
    "history.caption": "Hver ændring i planen: hvem, hvornår, hvad og fra hvilken værdi til "
                       "hvilken. Intet kan ændres her.",
    "history.sheet": "Historik",
    "history.filter_entity": "Hvad",
    "history.filter_actor": "Hvem",
    "history.filter_period": "Periode",
    "history.all": "Alle",
    "history.empty": "Ingen ændringer med de valgte filtre.",
    "history.download": "Hent som Excel",
    "history.shown.one": "{count} ændring vist (nyeste først).",
    "history.shown.other": "{count} ændringer vist (nyeste først).",
    "history.col.happened_at": "Tidspunkt",
    "history.col.actor": "Hvem",
    "history.col.entity": "Hvad",
    "history.col.entity_id": "Id",
    "history.col.action": "Handling",
    "history.col.change": "Ændring",
    "history.action.create": "Oprettet",
    "history.action.update": "Ændret",
    "history.action.delete": "Slettet",
    "history.action.login": "Logget ind",
    "history.action.login_failed": "Mislykket login",
    "entity.plan": "Plan",
    "entity.indicator": "Indikator",
    "entity.measurement": "Tal",
    "entity.idea": "Ide",
    "entity.action": "Handling",
    "entity.membership": "Medlemskab",
    "entity.user_account": "Bruger",
    "entity.plan_board_settings": "Tavlens indstillinger",
    "entity.business_case": "Business case",
    "entity.business_case_task": "Business case: opgave",
    "entity.business_case_cost": "Business case: omkostning",
    "entity.tree_node": "Gevinsttræ: boks",
    "entity.tree_link": "Gevinsttræ: pil",
    "entity.benefit_indicator": "Gevinsttræ: indikator",
    "entity.plan_theme": "Tema",
    "entity.meeting": "Møde",
}
_HISTORY_EN = {
    "history.title": "History",
    "history.caption": "Every change in the plan: who, when, what, and from which value to "
                       "which. Nothing can be changed here.",
    "history.sheet": "History",
    "history.filter_entity": "What",
    "history.filter_actor": "Who",
    "history.filter_period": "Period",
    "history.all": "All",
    "history.empty": "No changes match the chosen filters.",
    "history.download": "Download as Excel",
    "history.shown.one": "{count} change shown (newest first).",
    "history.shown.other": "{count} changes shown (newest first).",
    "history.col.happened_at": "Time",
    "history.col.actor": "Who",
    "history.col.entity": "What",
    "history.col.entity_id": "Id",
    "history.col.action": "Action",
    "history.col.change": "Change",
    "history.action.create": "Created",
    "history.action.update": "Changed",
    "history.action.delete": "Deleted",
    "history.action.login": "Signed in",
    "history.action.login_failed": "Failed sign-in",
    "entity.plan": "Plan",
    "entity.indicator": "Indicator",
    "entity.measurement": "Figure",
    "entity.idea": "Idea",
    "entity.action": "Action",
    "entity.membership": "Membership",
    "entity.user_account": "User",
    "entity.plan_board_settings": "Board settings",
    "entity.business_case": "Business case",
    "entity.business_case_task": "Business case: task",
    "entity.business_case_cost": "Business case: cost",
    "entity.tree_node": "Benefit tree: box",
    "entity.tree_link": "Benefit tree: arrow",
    "entity.benefit_indicator": "Benefit tree: indicator",
    "entity.plan_theme": "Theme",
    "entity.meeting": "Meeting",
}
_HISTORY_DA.update({
    "ui.owner_account": "Gevinstansvarlig med konto",
    "ui.owner_account_none": "Ingen (kun facilitator indtaster)",
    "ui.owner_account_help": "Den gevinstansvarlige, der må indtaste indikatorens tal. Vælg "
                             "blandt planens gevinstansvarlige og facilitatorer (se Brugere).",
    "error.owner_not_found": "Den gevinstansvarlige (konto {id}) findes ikke eller er deaktiveret.",
})
_HISTORY_EN.update({
    "ui.owner_account": "Owner with an account",
    "ui.owner_account_none": "None (only the facilitator enters figures)",
    "ui.owner_account_help": "The benefit owner who may enter the indicator's figures. "
                             "Pick one of the plan's benefit owners or facilitators (see "
                             "Users).",
    "error.owner_not_found": "The owner (account {id}) does not exist or is deactivated.",
})
DA.update(_HISTORY_DA)
EN.update(_HISTORY_EN)

# What a role allows, said once at the top of a page that would otherwise offer forms
# the person cannot use (issue 21).
DA.update({
    "access.read_only.edit_board": "Du har rollen »{role}« i denne plan: du kan se alt her, men "
    "idéer, vurderinger og handlinger skrives af planens medlemmer. Bed en administrator "
    "om en rolle i planen, hvis du skal være med.",
    "access.read_only.edit_plan": "Du har rollen »{role}« i denne plan: du kan se alt her, men kun "
    "planens facilitatorer og administratorer kan ændre det.",
    "access.read_only.run_meeting": "Du har rollen »{role}« i denne plan: du kan følge tavlen, men kun "
    "en facilitator kan starte og styre mødet.",
    "access.read_only.enter_figures": "Du har rollen »{role}« i denne plan: du kan se tallene, men kun "
    "en indikators gevinstejer eller en facilitator kan indtaste dem.",
    "access.not_owner": "Du er ikke gevinstejer for »{indicator}«: du kan se dens tal her, "
    "og indtaste tal for de indikatorer, du ejer.",
    "access.read_only.create_plan": "Du har rollen »{role}« i denne plan: du kan ændre den, "
    "men kun en administrator kan oprette nye planer.",
})
EN.update({
    "access.read_only.edit_board": "Your role in this plan is “{role}”: you can see everything "
    "here, but ideas, scores and actions are written by the plan's members. Ask an "
    "administrator for a role in the plan if you are to take part.",
    "access.read_only.edit_plan": "Your role in this plan is “{role}”: you can see everything "
    "here, but only the plan's facilitators and administrators can change it.",
    "access.read_only.run_meeting": "Your role in this plan is “{role}”: you can follow the board, "
    "but only a facilitator can start and run the meeting.",
    "access.read_only.enter_figures": "Your role in this plan is “{role}”: you can see the figures, "
    "but only an indicator's benefit owner or a facilitator can enter them.",
    "access.not_owner": "You are not the benefit owner of “{indicator}”: you can see its "
    "figures here, and enter figures for the indicators you own.",
    "access.read_only.create_plan": "Your role in this plan is “{role}”: you can change it, "
    "but only an administrator can create new plans.",
})
