"""Streamlit's own widget texts, given in Danish where Streamlit lets us (placeholders)
or where a stylesheet can replace them (the file uploader's button and limit, a list's
"No results")."""

DA: dict[str, str] = {
    "ui.choose": "Vælg …",
    "ui.choose_many": "Vælg en eller flere …",
    "upload.button": "Vælg fil",
    "upload.limit": "Træk filen hertil, eller vælg den. Højst {mb} MB.",
    "ui.no_results": "Ingen resultater",
}

EN: dict[str, str] = {
    "ui.choose": "Choose …",
    "ui.choose_many": "Choose one or more …",
    "upload.button": "Choose file",
    "upload.limit": "Drag the file here, or choose it. At most {mb} MB.",
    "ui.no_results": "No results",
}
