"""Messages of sign-in, roles, the audit trail (Historik) and concurrent edits."""

DA: dict[str, str] = {
    "role.viewer": "Læser",
    "role.member": "Medlem",
    "role.owner": "Gevinstejer",
    "role.facilitator": "Facilitator",
    "role.admin": "Administrator",
    "role.none": "Læser (ikke medlem)",
    "error.not_signed_in": "Du er ikke logget ind. Log ind for at ændre noget.",
    "error.account_inactive": "Din konto er deaktiveret. Kontakt en administrator.",
    "error.admin_only": "Kun en administrator kan gøre dette.",
    "error.not_indicator_owner": "Du ejer ikke indikatoren »{indicator}« i planen »{plan}«; "
                                 "kun dens ejer eller planens facilitator kan indtaste tal.",
    "error.needs_edit_board": "Du skal være medlem af planen »{plan}« for at ændre ideer "
                              "og handlinger.",
    "error.needs_enter_figures": "Du skal være gevinstejer eller facilitator i planen "
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
