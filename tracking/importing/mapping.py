"""Column mapping for a sheet whose header row is not recognised: which header is the
indicator, the month, the value (and the comment). Pure: parsing `--map` and checking
a mapping; storing it per plan is `tracking.services.import_mapping`."""

from __future__ import annotations

from tracking.errors import ValidationError
from tracking.importing.reading import Column, normalise_header

ColumnMapping = dict[Column, str]

# The words `--map` accepts before '=' (Danish and English).
ROLE_WORDS: dict[str, Column] = {
    "indikator": Column.INDICATOR, "indicator": Column.INDICATOR,
    "indikator-id": Column.INDICATOR_ID, "indicator-id": Column.INDICATOR_ID,
    "id": Column.INDICATOR_ID,
    "måned": Column.MONTH, "maaned": Column.MONTH, "month": Column.MONTH,
    "værdi": Column.VALUE, "vaerdi": Column.VALUE, "value": Column.VALUE,
    "kommentar": Column.COMMENT, "comment": Column.COMMENT,
}


def check_mapping(mapping: ColumnMapping) -> ColumnMapping:
    """The mapping with blank entries left out; refuses one without an indicator, a month
    and a value column, or with one header used twice."""
    cleaned = {Column(col): head.strip() for col, head in mapping.items()
               if head and head.strip()}
    has_indicator = Column.INDICATOR in cleaned or Column.INDICATOR_ID in cleaned
    if not (has_indicator and Column.MONTH in cleaned and Column.VALUE in cleaned):
        raise ValidationError("error.import_mapping_incomplete", "mapping")
    heads = [normalise_header(h) for h in cleaned.values()]
    if len(set(heads)) < len(heads):
        raise ValidationError("error.import_mapping_twice", "mapping")
    return cleaned


def parse_map(items: list[str]) -> ColumnMapping:
    """`--map Indikator=Nøgletal --map Måned=Periode --map Værdi=Antal` as a mapping."""
    mapping: ColumnMapping = {}
    for item in items:
        role, sep, head = item.partition("=")
        col = ROLE_WORDS.get(role.strip().lower())
        if not sep or col is None:
            raise ValidationError("error.import_map_syntax", "mapping", text=item)
        mapping[col] = head
    return check_mapping(mapping)
