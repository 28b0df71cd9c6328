"""Messages of the reference cases (benchmarks from other municipalities)."""

DA = {
    "ui.legend.reference": "Reference: {municipality}",
    "reference.caption": "Reference (tynd grøn linje, fra planens første målmåned): "
                         "{municipality}, {title}. Kilde: {source}.",
    "reference.months": "Måneder efter start",
    "reference.pick": "Referencecase",
    "reference.none": "Ingen",
    "reference.saved": "Referencecasen er gemt.",
    "reference.imported.one": "{count} referencecase importeret: {keys}.",
    "reference.imported.other": "{count} referencecases importeret: {keys}.",
    "error.reference_columns": "Filen mangler kolonnerne: {columns}.",
    "error.reference_missing": "Linje {line}: kolonnen »{column}« er tom.",
    "error.reference_too_long": "Linje {line}: teksten er for lang (højst {max} tegn).",
    "error.reference_key": "Linje {line}: »{value}« kan ikke bruges som nøgle (små bogstaver, "
                           "tal og bindestreg).",
    "error.reference_unit": "Linje {line}: ukendt enhed »{value}« (kr, tkr, mio, fte, hours, "
                            "days, pct, count).",
    "error.reference_direction": "Linje {line}: retningen skal være higher eller lower, ikke "
                                 "»{value}«.",
    "error.reference_months": "Linje {line}: måneder efter start skal være et helt tal fra 0 "
                              "til {max}.",
    "error.reference_value": "Linje {line}: værdien er ikke et tal.",
    "error.reference_inconsistent": "Linje {line}: casen »{value}« har en anden kommune, "
                                    "titel, enhed, retning eller kilde end på de første linjer.",
    "error.reference_duplicate": "Linje {line}: casen »{value}« har allerede en værdi for "
                                 "måned {months}.",
    "error.reference_empty": "Filen har ingen referencecases.",
    "error.reference_file": "Filen {name} kan ikke læses: {reason}",
    "error.reference_shipped": "Casen »{value}« findes allerede i det medfølgende katalog og "
                               "kan ikke erstattes.",
    "error.reference_unknown": "Der findes ingen referencecase »{value}«.",
    "error.reference_unit_mismatch": "Referencecasen »{value}« er i en anden enhed ({unit}) "
                                     "end indikatoren »{indicator}«.",
}

EN = {
    "ui.legend.reference": "Reference: {municipality}",
    "reference.caption": "Reference (thin green line, from the plan's first target month): "
                         "{municipality}, {title}. Source: {source}.",
    "reference.months": "Months since start",
    "reference.pick": "Reference case",
    "reference.none": "None",
    "reference.saved": "The reference case is saved.",
    "reference.imported.one": "{count} reference case imported: {keys}.",
    "reference.imported.other": "{count} reference cases imported: {keys}.",
    "error.reference_columns": "The file lacks the columns: {columns}.",
    "error.reference_missing": "Line {line}: the column “{column}” is empty.",
    "error.reference_too_long": "Line {line}: the text is too long (at most {max} "
                                "characters).",
    "error.reference_key": "Line {line}: “{value}” cannot be a key (lower-case letters, "
                           "digits and hyphens).",
    "error.reference_unit": "Line {line}: unknown unit “{value}” (kr, tkr, mio, fte, hours, "
                            "days, pct, count).",
    "error.reference_direction": "Line {line}: the direction must be higher or lower, not "
                                 "“{value}”.",
    "error.reference_months": "Line {line}: months since start must be a whole number from 0 "
                              "to {max}.",
    "error.reference_value": "Line {line}: the value is not a number.",
    "error.reference_inconsistent": "Line {line}: the case “{value}” has another "
                                    "municipality, title, unit, direction or source than on "
                                    "its first lines.",
    "error.reference_duplicate": "Line {line}: the case “{value}” already has a value for "
                                 "month {months}.",
    "error.reference_empty": "The file has no reference cases.",
    "error.reference_file": "The file {name} cannot be read: {reason}",
    "error.reference_shipped": "The case “{value}” is in the shipped catalogue and cannot be "
                               "replaced.",
    "error.reference_unknown": "There is no reference case “{value}”.",
    "error.reference_unit_mismatch": "The reference case “{value}” is in another unit ({unit}) "
                                     "than the indicator “{indicator}”.",
}
