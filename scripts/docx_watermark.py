"""The specimen mark of a DOCX preview: Word's own diagonal text watermark (a VML shape)."""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)

# Word's text-effect shape type (o:spt 136), as Word writes it for Design > Watermark
_SHAPETYPE = """
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
  path="m@7,l@8,m@5,21600l@6,21600e">
 <v:formulas>
  <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
  <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
  <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
  <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
  <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
 </v:formulas>
 <v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
   o:connectangles="270,180,90,0"/>
 <v:textpath on="t" fitshape="t"/>
 <o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
"""

# centred on the page's margins, rotated 35° up like the PDF's mark, light red, behind the text
_SHAPE = """
<v:shape id="SpecimenWatermark" o:spid="_x0000_s2049" type="#_x0000_t136"
  style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:80pt;rotation:325;
  z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
  mso-position-vertical:center;mso-position-vertical-relative:margin"
  o:allowincell="f" fillcolor="#be1e1e" stroked="f">
 <v:fill opacity="0.16"/>
 <v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt;font-weight:bold" string="{text}"/>
 <w10:wrap anchorx="margin" anchory="margin"/>
</v:shape>
"""


def watermark_run(text: str, font: str) -> Any:
    """Return a w:r holding the watermark shape whose text is `text` (a template tag)."""
    shape = _SHAPE.replace("{font}", font).replace("{text}", text)
    xml = (
        f"<w:r {_NAMESPACES}><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}{shape}</w:pict></w:r>"
    )
    return parse_xml(xml)
