"""One DOCX render from a package frame: docxtpl's own steps on the parts that hold tags.

Each step is docxtpl's method, run on the cached cleaned-up sources instead of on a freshly
parsed package, and each part is serialised as python-docx would serialise it; the rest of
the package is copied from the frame (render/docx_package.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment

from doc_service.render.docx_package import DocxPackage, Layout, UnsupportedPackage
from doc_service.render.verification import with_docx_image

# resolve_listing only ever replaces these characters: without them it returns its input
_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")

Stamp = Callable[[CoreProperties], None]


class _PartSteps(DocxTemplate):
    """docxtpl's per-part steps, without a package of its own."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO())
        self.docx_ids_index = 1000  # as render_init leaves it: fix_docpr_ids counts from here

    def resolve_listing(self, xml: str) -> str:
        """Return docxtpl's resolve_listing, skipped when it cannot change anything."""
        if _LISTING_CHARACTERS.search(xml) is None:
            return xml
        return super().resolve_listing(xml)


class PlacedPicture:
    """The QR image as the body's template places it: docxtpl's markup, counted."""

    def __init__(self, layout: Layout, image: bytes) -> None:
        self.layout = layout
        self.image = image
        self.placed = 0

    def __html__(self) -> str:
        self.placed += 1
        return self.layout.picture_markup or ""

    __str__ = __html__


def render_package(
    package: DocxPackage, env: Environment, context: dict[str, Any], stamp: Stamp
) -> bytes:
    """Return the DOCX docxtpl would write for this context, from the package frame."""
    pictures: list[PlacedPicture] = []

    def place(image: bytes, width: int, height: int) -> PlacedPicture:
        pictures.append(PlacedPicture(package.picture_layout(image, width, height), image))
        return pictures[-1]

    context = with_docx_image(context, place)
    steps = _PartSteps()
    filled = {package.document_member: _document(package, steps, env, context)}
    placed = [picture for picture in pictures if picture.placed]
    if len(placed) > 1:
        raise UnsupportedPackage("more than one image placed")
    in_body = sum(picture.placed for picture in pictures)
    for member, source in package.part_sources:
        xml = steps.render_xml_part(source, None, context, env)
        # docxtpl reloads the part from the bytes (XmlPart.load) before python-docx saves it
        filled[member] = serialize_part_xml(parse_xml(xml.encode("utf-8")))
    if sum(picture.placed for picture in pictures) != in_body:
        raise UnsupportedPackage("an image placed in a header or footer")
    filled[package.core_member] = _core_properties(package, steps, env, context, stamp)
    if not placed:
        return package.plain.write(filled)
    layout = placed[0].layout
    if layout.image_member is None:
        raise UnsupportedPackage("an image without its part")
    filled[layout.image_member] = placed[0].image
    return layout.write(filled)


def _document(
    package: DocxPackage, steps: _PartSteps, env: Environment, context: dict[str, Any]
) -> bytes:
    """Render the body as docxtpl's render does, and splice it into the document part."""
    xml = steps.render_xml_part(package.body_source, None, context, env)
    tree = steps.fix_tables(xml)
    steps.fix_docpr_ids(tree)
    return package.shell.document(tree)


def _core_properties(
    package: DocxPackage,
    steps: _PartSteps,
    env: Environment,
    context: dict[str, Any],
    stamp: Stamp,
) -> bytes:
    """Render the core properties as docxtpl's render_properties does, then stamp them."""
    element = parse_xml(package.core_xml)
    properties = CoreProperties(element)
    steps.docx = SimpleNamespace(core_properties=properties)  # all render_properties reads
    steps.render_properties(context, env)
    stamp(properties)
    return serialize_part_xml(element)
