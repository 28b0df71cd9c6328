"""Messages of the HTTP API (/api/v1), its tokens, `gevinst serve` and `gevinst token`."""

DA: dict[str, str] = {
    "error.api_token_missing": "Der mangler en API-nøgle. Send den som "
                               "»Authorization: Bearer NØGLE«.",
    "error.api_token_refused": "API-nøglen er ukendt, tilbagekaldt, eller kontoen er "
                               "deaktiveret. Bed en administrator om en ny nøgle.",
    "error.api_read_only": "API-nøglen må kun læse; den kan ikke gemme tal.",
    "error.api_plan_not_allowed": "API-nøglen gælder ikke planen »{plan}« (id {id}).",
    "error.api_rate_limited": "For mange kald med denne API-nøgle. Vent {seconds} "
                              "sekunder og prøv igen.",
    "error.api_field_invalid": "Ugyldig værdi i {name}: {reason}",
    "error.api_body_invalid": "Kaldets indhold er ikke et gyldigt JSON-objekt (send det med "
                            "»Content-Type: application/json«).",
    "error.api_not_found": "Adressen findes ikke i API'et: {path}",
    "error.api_figure_index": "Tal nr. {index}",
    "error.token_label_too_long": "Navnet på nøglen må højst være {max} tegn.",
    "error.token_not_found": "API-nøglen findes ikke (id {id}).",
    "error.idempotency_key_invalid": "Idempotency-Key skal være 1 til {max} synlige tegn.",
    "error.idempotency_conflict": "Idempotency-Key er brugt før til et andet kald. Brug en "
                                  "ny nøgle til nye tal.",
    "error.idempotency_in_progress": "Et kald med samme Idempotency-Key er stadig i gang. "
                                     "Prøv igen om lidt.",
    "tokens.tab": "API-nøgler",
    "tokens.caption": "En API-nøgle lader et andet system (KSD-statistik, OPUS, en robot) "
                      "læse planer og gemme tal gennem /api/v1 som kontoen, med dens roller. "
                      "Nøglen vises kun én gang; gem den i systemet, der skal bruge den.",
    "tokens.none": "Ingen aktive API-nøgler.",
    "tokens.col_account": "Konto",
    "tokens.col_label": "Navn",
    "tokens.col_plans": "Planer",
    "tokens.col_access": "Adgang",
    "tokens.col_used": "Sidst brugt",
    "tokens.all_plans": "Alle",
    "tokens.read_only": "Kun læse",
    "tokens.read_write": "Læse og gemme tal",
    "tokens.create_title": "Ny API-nøgle",
    "tokens.account": "Kontoen nøglen handler som",
    "tokens.label": "Navn på nøglen",
    "tokens.label_help": "Hvad nøglen bruges til, fx »KSD-robot«.",
    "tokens.plans": "Kun disse planer",
    "tokens.plans_help": "Tomt: alle planer, kontoen kan se.",
    "tokens.read_only_box": "Kun læse (kan ikke gemme tal)",
    "tokens.create": "Lav nøgle",
    "tokens.created": "API-nøglen »{label}« er lavet. Kopiér den nu; den vises ikke igen:",
    "tokens.revoke_title": "Tilbagekald en nøgle",
    "tokens.pick": "Nøgle",
    "tokens.revoke": "Tilbagekald",
    "tokens.revoked": "API-nøgle {id} »{label}« er tilbagekaldt; den virker ikke længere.",
    "cli.token_created": "API-nøgle {id} til {email}{scope}. Den vises kun nu:\n{token}",
    "cli.token_scope_plans": ", kun plan {plans}",
    "cli.token_scope_read_only": ", kun læsning",
    "cli.token_revoked": "API-nøgle {id} ({email}) er tilbagekaldt.",
    "cli.token_none": "Ingen aktive API-nøgler.",
}

EN: dict[str, str] = {
    "error.api_token_missing": "An API token is missing. Send it as "
                               "\"Authorization: Bearer TOKEN\".",
    "error.api_token_refused": "The API token is unknown or revoked, or its account is "
                               "deactivated. Ask an administrator for a new token.",
    "error.api_read_only": "The API token may only read; it cannot save figures.",
    "error.api_plan_not_allowed": "The API token does not cover the plan \"{plan}\" (id {id}).",
    "error.api_rate_limited": "Too many calls with this API token. Wait {seconds} seconds "
                              "and try again.",
    "error.api_field_invalid": "Invalid value in {name}: {reason}",
    "error.api_body_invalid": "The request body is not a valid JSON object (send it with "
                            "\"Content-Type: application/json\").",
    "error.api_not_found": "The API has no such address: {path}",
    "error.api_figure_index": "Figure no. {index}",
    "error.token_label_too_long": "The token's name may have at most {max} characters.",
    "error.token_not_found": "The API token does not exist (id {id}).",
    "error.idempotency_key_invalid": "Idempotency-Key must be 1 to {max} visible characters.",
    "error.idempotency_conflict": "This Idempotency-Key was used before for another request. "
                                  "Use a new key for new figures.",
    "error.idempotency_in_progress": "A request with the same Idempotency-Key is still "
                                     "being served. Try again shortly.",
    "tokens.tab": "API tokens",
    "tokens.caption": "An API token lets another system (KSD statistics, OPUS, a robot) read "
                      "plans and save figures through /api/v1 as the account, with its roles. "
                      "The token is shown only once; store it in the system that uses it.",
    "tokens.none": "No active API tokens.",
    "tokens.col_account": "Account",
    "tokens.col_label": "Name",
    "tokens.col_plans": "Plans",
    "tokens.col_access": "Access",
    "tokens.col_used": "Last used",
    "tokens.all_plans": "All",
    "tokens.read_only": "Read only",
    "tokens.read_write": "Read and save figures",
    "tokens.create_title": "New API token",
    "tokens.account": "The account the token acts as",
    "tokens.label": "Name of the token",
    "tokens.label_help": "What the token is for, e.g. \"KSD robot\".",
    "tokens.plans": "Only these plans",
    "tokens.plans_help": "Empty: every plan the account can see.",
    "tokens.read_only_box": "Read only (cannot save figures)",
    "tokens.create": "Make token",
    "tokens.created": "The API token \"{label}\" is made. Copy it now; it is not shown again:",
    "tokens.revoke_title": "Revoke a token",
    "tokens.pick": "Token",
    "tokens.revoke": "Revoke",
    "tokens.revoked": "API token {id} \"{label}\" is revoked; it no longer works.",
    "cli.token_created": "API token {id} for {email}{scope}. It is shown only now:\n{token}",
    "cli.token_scope_plans": ", only plan {plans}",
    "cli.token_scope_read_only": ", read-only",
    "cli.token_revoked": "API token {id} ({email}) is revoked.",
    "cli.token_none": "No active API tokens.",
}
