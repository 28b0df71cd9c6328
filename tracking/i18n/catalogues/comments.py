"""Messages of the comment threads."""

DA = {
    "comment.title": "Kommentarer",
    "comment.none": "Ingen kommentarer endnu.",
    "comment.add": "Skriv en kommentar",
    "comment.save": "Tilføj kommentar",
    "comment.edit": "Ret",
    "comment.edited": "rettet",
    "comment.saved": "Kommentaren er gemt.",
    "comment.by": "{author}, {when}",
    "comment.target.idea": "Idé",
    "comment.target.action": "Handling",
    "comment.target.indicator": "Indikator",
    "comment.target.benefit": "Gevinst",
    "minutes.comments": "Kommentarer skrevet på mødet",
    "minutes.comment": "{target} »{about}«: {text} ({author})",
    "error.comment_empty": "Kommentaren er tom.",
    "error.comment_target": "Der kan ikke skrives kommentarer til »{value}«.",
    "error.comment_target_not_found": "Det, kommentaren skulle stå på, findes ikke (længere).",
    "error.comment_not_found": "Kommentaren findes ikke (længere).",
    "error.comment_not_author": "Kun {author}, der skrev kommentaren, eller planens "
                                "facilitator kan rette den.",
    "error.comment_stale": "Kommentaren er ændret, siden du åbnede den. Genindlæs og prøv igen.",
}

EN = {
    "comment.title": "Comments",
    "comment.none": "No comments yet.",
    "comment.add": "Write a comment",
    "comment.save": "Add comment",
    "comment.edit": "Edit",
    "comment.edited": "edited",
    "comment.saved": "The comment is saved.",
    "comment.by": "{author}, {when}",
    "comment.target.idea": "Idea",
    "comment.target.action": "Action",
    "comment.target.indicator": "Indicator",
    "comment.target.benefit": "Benefit",
    "minutes.comments": "Comments written in the meeting",
    "minutes.comment": "{target} “{about}”: {text} ({author})",
    "error.comment_empty": "The comment is empty.",
    "error.comment_target": "Comments cannot be written on “{value}”.",
    "error.comment_target_not_found": "What the comment was to be on does not exist (any "
                                      "more).",
    "error.comment_not_found": "The comment does not exist (any more).",
    "error.comment_not_author": "Only {author}, who wrote the comment, or the plan's "
                                "facilitator can edit it.",
    "error.comment_stale": "The comment changed after you opened it. Reload and try again.",
}
