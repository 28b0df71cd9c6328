"""The minutes as a Word document (.docx), the format a municipal reader opens and edits.

Written with the standard library (zipfile and WordprocessingML): a title, a heading per
section and a paragraph per line, in the same order as the Markdown and the PDF
(`tracking.minutes.minutes_sections`). User text is XML-escaped, and characters XML
cannot hold (control characters) are dropped, so any text gives a file Word opens.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from tracking.minutes import Minutes, minutes_sections, minutes_title

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{MIME}.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml"
 ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""


def _relationships(*parts: tuple[str, str]) -> str:
    """A relationships part: rId1, rId2, … for each (target, relationship type) in order."""
    rels = "".join(f'<Relationship Id="rId{n}" Target="{target}" Type="{kind}"/>'
                   for n, (target, kind) in enumerate(parts, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>')


_PACKAGE_RELS = _relationships(("word/document.xml", f"{_REL}/officeDocument"),
                               ("docProps/core.xml", f"{_PKG_REL}/metadata/core-properties"))
_DOCUMENT_RELS = _relationships(("styles.xml", f"{_REL}/styles"))


def _style(style_id: str, name: str, size_half_points: int, bold: bool,
           space_before: int) -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="{space_before}" w:after="80"/></w:pPr>'
            f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size_half_points}"/></w:rPr>'
            f"</w:style>")


_STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}">'
           '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"'
           ' w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault>'
           '<w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault>'
           '</w:docDefaults>'
           '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
           '<w:qFormat/></w:style>'
           + _style("Title", "Title", 36, True, 0) + _style("Heading1", "heading 1", 26, True, 240)
           + "</w:styles>")

# XML 1.0 cannot hold most control characters: a pasted one would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _runs(text: str) -> str:
    """The text as runs, a line break where the text has one."""
    lines = _NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in lines)


_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def _paragraph(text: str, style: str | None = None, bullet: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if bullet:  # a hanging indent with a dash: a list without a numbering part
        props += '<w:ind w:left="360" w:hanging="360"/>'
        text = f"–\t{text}"
    return f"<w:p><w:pPr>{props}</w:pPr>{_runs(text).replace(chr(9), _TAB)}</w:p>"


def _document(m: Minutes, lang: str) -> str:
    body = [_paragraph(minutes_title(m, lang), "Title")]
    for heading, lines in minutes_sections(m, lang):
        if heading:
            body.append(_paragraph(heading, "Heading1"))
        body += [_paragraph(line, bullet=bool(heading)) for line in lines]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{_W}" xmlns:r="{_REL}"><w:body>{"".join(body)}'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134"'
            ' w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/>'
            "</w:sectPr></w:body></w:document>")


def _core(m: Minutes, lang: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(_NOT_XML.sub('', minutes_title(m, lang)))}</dc:title>"
            f"<dc:language>{'da-DK' if lang == 'da' else 'en-GB'}</dc:language>"
            "</cp:coreProperties>")


def render_docx(m: Minutes, lang: str = "da") -> bytes:
    """The minutes as a .docx file (bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        z.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        z.writestr("word/document.xml", _document(m, lang))
        z.writestr("word/styles.xml", _STYLES)
        z.writestr("docProps/core.xml", _core(m, lang))
    return out.getvalue()
