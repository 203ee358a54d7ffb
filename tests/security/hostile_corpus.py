"""Hostile input kept as data: texts for every free-text field, and whole hostile requests.

``{canary}`` in a text stands for the base URL of a local HTTP server the tests start; it must
receive no request while any of this renders. ``expect`` says what the service must do:
``literal`` — render it, the text shown exactly as given; ``rejected`` — a 4xx problem.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HostileText:
    """A string to put into every free-text field whose schema lets it in."""

    id: str
    text: str
    expect: str  # "literal" (shown as given in every format) or "rejected" (a 422)


TEXTS: tuple[HostileText, ...] = (
    # template injection: Jinja expressions and statements, sandbox escapes, docxtpl tags
    HostileText("jinja-expression", "{{7*7}}", "literal"),
    HostileText("jinja-loop", "{% for x in range(3) %}{{x}}{% endfor %}", "literal"),
    HostileText("jinja-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "literal"),
    HostileText(
        "jinja-config", "{{ config.items() }}{{ self._TemplateReference__context }}", "literal"
    ),
    HostileText("jinja-raw", "{% raw %}x{% endraw %}{# comment #}", "literal"),
    HostileText("docxtpl-paragraph", "{%p if True %}P{%p endif %}", "literal"),
    HostileText("docxtpl-row", "{%tr for r in rows %}{%tr endfor %}", "literal"),
    HostileText("docxtpl-cell-run", "{%tc x %}{%r y %}{{r rich }}{{p sub }}", "literal"),
    # markup and styles pointing outside: the canary must never be asked for anything
    HostileText("html-link", "<link rel=stylesheet href={canary}/link.css>", "literal"),
    HostileText("html-img", '<img src="{canary}/img.png" onerror=alert(1)>', "literal"),
    HostileText("css-import", "<style>@import url({canary}/import.css);</style>", "literal"),
    HostileText("css-url", "x{background:url({canary}/bg.png)}", "literal"),
    HostileText("html-iframe", "<iframe src={canary}/frame></iframe>", "literal"),
    HostileText("html-object", "<object data={canary}/object></object>", "literal"),
    HostileText("svg-image", '<svg><image href="{canary}/svg.png"/></svg>', "literal"),
    HostileText("script", "<script>fetch('{canary}/script')</script>", "literal"),
    HostileText("file-img", "<img src=file:///etc/passwd>", "literal"),
    HostileText("file-url", "file:///etc/passwd", "literal"),
    # XML specials, entities and CDATA, for the DOCX (WordprocessingML) and the HTML
    HostileText("xml-specials", "R&D <Ltd> & \"Co\" 'x' &amp; &lt;b&gt; &#x41; &#65;", "literal"),
    HostileText(
        "xml-entity", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;', "literal"
    ),
    HostileText("xml-cdata", "]]> <![CDATA[ x ]]> <?xml version='1.0'?>", "literal"),
    HostileText("quotes-and-formats", "\"'`\\ ${x} %s %(x)s {0} \\n", "literal"),
    HostileText("sql", "'; DROP TABLE records; --", "literal"),
    # scripts and planes the fonts must carry: astral CJK (Extension B) and emoji
    HostileText("astral-cjk", "𠀀𪚥𠮷", "literal"),
    HostileText("emoji", "😀☺", "literal"),
    # no installed font has a glyph for U+1F389: the PDF shows a box, not the text (known gap)
    HostileText("emoji-party-popper", "🎉", "literal"),  # drawn from Symbola
    HostileText("mixed-scripts", "Ünïcødé Ελληνικά кириллица 한국어 日本語", "literal"),
    # refused by the schema: control characters, bidi overrides, separators, huge strings
    HostileText("nul", "张\x00三", "rejected"),
    HostileText("bell-escape", "\x07\x1b[31mred", "rejected"),
    HostileText("c1-control", "a\x85b", "rejected"),
    HostileText("bidi-override", "\u202eevil\u202c", "rejected"),
    HostileText("bidi-isolate", "\u2067abc\u2069", "rejected"),
    HostileText("line-separator", "a\u2028b", "rejected"),
    # invisible or undrawable: two payloads that print alike, or XML a DOCX cannot hold
    HostileText("zero-width-space", "张\u200b三", "rejected"),
    HostileText("zero-width-joiners", "a\u200cb\u200dc", "rejected"),
    HostileText("bom-inside", "张三\ufeff", "rejected"),
    HostileText("soft-hyphen", "Zhang\u00adSan", "rejected"),
    HostileText("word-joiner", "张\u2060三", "rejected"),
    HostileText("invisible-operators", "1\u20612\u20623\u20634\u20645", "rejected"),
    HostileText("hangul-fillers", "\u3164\u115f\u1160\uffa0", "rejected"),
    HostileText("tag-characters", "flag\U000e0067\U000e0062\U000e007f", "rejected"),
    HostileText("noncharacter-fdd0", "张\ufdd0三", "rejected"),
    HostileText("noncharacter-fffe", "张三\ufffe", "rejected"),
    HostileText("noncharacter-ffff", "张三\uffff", "rejected"),
    HostileText("noncharacter-astral", "张三\U0001fffe", "rejected"),
    HostileText("private-use", "张\ue000三", "rejected"),
    HostileText("private-use-astral", "张\U000f0000三", "rejected"),
    HostileText("long-10000", "长" * 10_000, "rejected"),
    HostileText("blank", "   ", "rejected"),
)

# Whole requests that are hostile in shape rather than content (body bytes and media type).
DEEP_JSON = b"[" * 50_000 + b"]" * 50_000
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
MEDIA_TYPES_REFUSED = (
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/json-patch+json",
    "",
)
MALFORMED_BODIES = {
    "invalid-utf8": b'{"case": "\xff\xfe"}',
    "lone-surrogate-escape": b'{"document_type": "\\ud800"}',
    "nan": b'{"x": NaN}',
    "infinity": b'{"x": -Infinity}',
    "duplicate-keys": b'{"format": "pdf", "format": "docx"}',
    "top-level-array": b"[]",
    "top-level-string": b'"x"',
    "empty": b"",
    "truncated": b'{"document_type": "dunning',
    "bom": "\ufeff{}".encode(),
    "deep-array": DEEP_JSON,
    "deep-object": DEEP_OBJECT,
}
MULTI_MEGABYTE = 3 * 1024 * 1024
INSTALMENTS_HOSTILE = 20_000
