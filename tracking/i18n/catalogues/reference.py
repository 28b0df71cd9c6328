"""Messages of the reference cases (benchmarks from other municipalities)."""

DA = {
    "ui.legend.reference": "Reference: {municipality}",
    "reference.caption": "Reference (tynd grøn linje, fra planens første målmåned): "
                         "{municipality}, {title}. Kilde: {source}.",
    "reference.months": "Måneder efter start",
    "reference.pick": "Referencecase",
    "reference.none": "Ingen",
    "entity.reference_case": "Referencecase",
    "entity.indicator_reference": "Indikatorens referencecase",
    "reference.saved": "Referencecasen er gemt.",
    "reference.imported.one": "{count} referencecase importeret: {keys}.",
    "reference.imported.other": "{count} referencecases importeret: {keys}.",
    "error.reference_columns": "Filen mangler kolonnerne: {columns}.",
    "error.reference_missing": "Række {line}, kolonne »{column}«: feltet er tomt.",
    "error.reference_too_long": "Række {line}, kolonne »{column}«: teksten er for lang (højst {max} tegn).",
    "error.reference_key": "Række {line}, kolonne »case«: »{value}« kan ikke bruges som nøgle (små bogstaver, "
                           "tal og bindestreg).",
    "error.reference_unit": "Række {line}, kolonne »unit«: ukendt enhed »{value}« (kr, tkr, mio, fte, hours, "
                            "days, pct, count).",
    "error.reference_direction": "Række {line}, kolonne »direction«: retningen skal være higher eller lower, ikke "
                                 "»{value}«.",
    "error.reference_months": "Række {line}, kolonne »months_since_start«: måneder efter start skal være et helt tal fra 0 "
                              "til {max}.",
    "error.reference_value": "Række {line}, kolonne »value«: »{value}« er ikke et tal (skriv fx 38,5).",
    "error.reference_inconsistent": "Række {line}, kolonne »case«: casen »{value}« har en anden kommune, "
                                    "titel, enhed, retning eller kilde end på de første linjer.",
    "error.reference_duplicate": "Række {line}, kolonne »months_since_start«: casen »{value}« har allerede en værdi for "
                                 "måned {months}.",
    "error.reference_empty": "Filen har ingen referencecases.",
    "error.reference_rows.one": "Filen er afvist, intet er importeret: {count} række har en "
                                "fejl.",
    "error.reference_rows.other": "Filen er afvist, intet er importeret: {count} rækker har "
                                  "fejl.",
    "error.reference_not_text": "Filen er ikke en CSV-fil i UTF-8 (gem den fra Excel som "
                                "»CSV UTF-8 (kommasepareret)«).",
    "reference.import": "Importér referencecases (CSV)",
    "reference.import_help": "Én række pr. punkt med kolonnerne case, municipality, title, "
                             "unit, direction, months_since_start, value og source, som i "
                             "data/reference_cases.csv. Semikolon eller komma som "
                             "skilletegn; decimalkomma går fint. Er én række forkert, "
                             "afvises hele filen.",
    "reference.import_button": "Importér",
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
    "entity.reference_case": "Reference case",
    "entity.indicator_reference": "Indicator's reference case",
    "reference.saved": "The reference case is saved.",
    "reference.imported.one": "{count} reference case imported: {keys}.",
    "reference.imported.other": "{count} reference cases imported: {keys}.",
    "error.reference_columns": "The file lacks the columns: {columns}.",
    "error.reference_missing": "Row {line}, column “{column}”: the cell is empty.",
    "error.reference_too_long": "Row {line}, column “{column}”: the text is too long (at most {max} "
                                "characters).",
    "error.reference_key": "Row {line}, column “case”: “{value}” cannot be a key (lower-case letters, "
                           "digits and hyphens).",
    "error.reference_unit": "Row {line}, column “unit”: unknown unit “{value}” (kr, tkr, mio, fte, hours, "
                            "days, pct, count).",
    "error.reference_direction": "Row {line}, column “direction”: the direction must be higher or lower, not "
                                 "“{value}”.",
    "error.reference_months": "Row {line}, column “months_since_start”: months since start must be a whole number from 0 "
                              "to {max}.",
    "error.reference_value": "Row {line}, column “value”: “{value}” is not a number (write e.g. 38.5).",
    "error.reference_inconsistent": "Row {line}, column “case”: the case “{value}” has another "
                                    "municipality, title, unit, direction or source than on "
                                    "its first lines.",
    "error.reference_duplicate": "Row {line}, column “months_since_start”: the case “{value}” already has a value for "
                                 "month {months}.",
    "error.reference_empty": "The file has no reference cases.",
    "error.reference_rows.one": "The file is refused, nothing was imported: {count} row has "
                                "an error.",
    "error.reference_rows.other": "The file is refused, nothing was imported: {count} rows "
                                  "have errors.",
    "error.reference_not_text": "The file is not a CSV file in UTF-8 (save it from Excel as "
                                "“CSV UTF-8 (comma delimited)”).",
    "reference.import": "Import reference cases (CSV)",
    "reference.import_help": "One row per point with the columns case, municipality, title, "
                             "unit, direction, months_since_start, value and source, as in "
                             "data/reference_cases.csv. Semicolon or comma as separator; a "
                             "decimal comma is fine. If one row is wrong, the whole file is "
                             "refused.",
    "reference.import_button": "Import",
    "error.reference_file": "The file {name} cannot be read: {reason}",
    "error.reference_shipped": "The case “{value}” is in the shipped catalogue and cannot be "
                               "replaced.",
    "error.reference_unknown": "There is no reference case “{value}”.",
    "error.reference_unit_mismatch": "The reference case “{value}” is in another unit ({unit}) "
                                     "than the indicator “{indicator}”.",
}
