"""Which files of the content folders the site may publish as they are.

The engine copies every file of ``docs/`` that is not a page to the site unchanged, and
the source folders' files go the same way. A browser runs what such a file holds in the
site's own origin when it is a document (``.html``, ``.svg``, ``.xml``), or when a page
loads it (``.js``). So only types a browser shows or hands over without running anything
are published (``PUBLISHABLE``); an SVG only when ``svg_problem`` finds nothing active in
it; anything else only if the configuration's ``publish_files`` names it. Templates belong
in ``overrides/``, which is the theme's, not content: this rule is not applied there.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable
from xml.parsers import expat

from coproduction.core.records import Problem
from coproduction.core.settings import SiteSpec
from coproduction.core.sources import ContentFile
from coproduction.core.text import quote

__all__ = ["PUBLISHABLE", "check_file_types", "svg_problem"]

PUBLISHABLE = frozenset(
    {
        # Pictures (SVG apart: it is a document, checked by ``svg_problem``)
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico",
        # Documents to download or print
        "pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "rtf",
        "txt", "csv", "zip", "epub",
        # Audio, video and their captions (WebVTT: a <track> of a <video>)
        "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "webm", "vtt", "srt",
    }
)  # fmt: skip
"""Suffixes (lower case) a browser shows or downloads without running anything. Fonts and
stylesheets are the theme's (``overrides/``); scripts, pages and XML run or render."""

_NAMES = frozenset({"CNAME"})
"""Files without a suffix that hosts read (GitHub Pages' custom domain)."""

_AS_PAGE = frozenset({"html", "htm", "xhtml", "shtml", "xht"})

# SVG: the elements a picture needs. No <script>, <foreignObject> (HTML inside), <a>,
# <image> or <feImage> (they fetch), no animation (it can rewrite an href to javascript:).
_SVG = "http://www.w3.org/2000/svg"
_SVG_ELEMENTS = frozenset(
    """svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline
    polygon text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence style""".split()  # noqa: SIM905 (a word list)
)
# Attributes of those elements: geometry, presentation, text and accessibility.
_SVG_ATTRIBUTES = frozenset(
    """id class style lang tabindex role version baseProfile x y x1 y1 x2 y2 cx cy r rx ry fx fy
    fr width height d points pathLength viewBox preserveAspectRatio transform
    gradientTransform gradientUnits patternTransform patternUnits patternContentUnits
    spreadMethod offset clipPathUnits maskUnits maskContentUnits markerUnits markerWidth
    markerHeight refX refY orient dx dy rotate textLength lengthAdjust startOffset method
    spacing side href filterUnits primitiveUnits in in2 result mode type values
    tableValues slope intercept amplitude exponent operator k1 k2 k3 k4 order kernelMatrix
    divisor bias targetX targetY edgeMode preserveAlpha surfaceScale diffuseConstant
    specularConstant specularExponent kernelUnitLength scale xChannelSelector
    yChannelSelector stdDeviation radius baseFrequency numOctaves seed stitchTiles azimuth
    elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle requiredExtensions
    systemLanguage alignment-baseline baseline-shift clip clip-path clip-rule color
    color-interpolation color-interpolation-filters color-rendering cursor direction display
    dominant-baseline enable-background fill fill-opacity fill-rule filter flood-color
    flood-opacity font font-family font-size font-size-adjust font-stretch font-style
    font-variant font-weight glyph-orientation-horizontal glyph-orientation-vertical
    image-rendering isolation kerning letter-spacing lighting-color marker marker-end
    marker-mid marker-start mask mask-type mix-blend-mode opacity overflow paint-order
    pointer-events shape-rendering solid-color solid-opacity stop-color stop-opacity stroke
    stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-opacity stroke-width text-anchor text-decoration text-rendering transform-origin
    unicode-bidi vector-effect visibility white-space word-spacing writing-mode media""".split()  # noqa: SIM905
)
_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
# Drawing programs' own notes (Inkscape, Sodipodi, Illustrator, RDF licence metadata):
# elements and attributes a browser neither shows nor runs.
_EDITORS = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/",
)
# In CSS (a <style> or a style attribute): what fetches or runs; url(#id) is the picture's own.
_CSS_ACTIVE_RE = re.compile(
    r"@import|url\s*\((?![\s'\"]*#)|image-set|\bsrc\s*\(|expression\s*\(|javascript:|\\", re.I
)  # a backslash: CSS escapes could spell any of these


class _Active(Exception):
    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line, self.what = line, what


def _local(value: str) -> bool:
    """An href within the picture (``#id``)."""
    return value.strip().startswith("#")


def svg_problem(data: bytes) -> tuple[int, str] | None:
    """The line and description of the first thing in an SVG that is not a plain picture
    (an element or attribute off the allow-list, a reference outside the picture, a DTD),
    or None when it is one: then it may be published as it is."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    in_style = [False]

    def line() -> int:
        return int(parser.CurrentLineNumber)

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace.startswith(_EDITORS):
            return
        if namespace != _SVG or local not in _SVG_ELEMENTS:
            raise _Active(line(), f"a <{local}> element")
        in_style[0] = local == "style"
        for key, value in attributes.items():
            space, _, attribute = key.rpartition(" ")
            if space.startswith(_EDITORS) or (space == _XML and attribute in ("space", "lang")):
                continue
            if space not in ("", _XLINK) or not (
                attribute in _SVG_ATTRIBUTES or attribute.startswith(("aria-", "data-"))
            ):
                raise _Active(line(), f"an attribute {attribute}= on <{local}>")
            if attribute == "href" and not _local(value):
                raise _Active(line(), f"a link out of the picture ({quote(value)}) on <{local}>")
            if _CSS_ACTIVE_RE.search(value):
                raise _Active(
                    line(), f"an attribute {attribute}= on <{local}> that fetches or runs something"
                )

    def text(data: str) -> None:
        if in_style[0] and _CSS_ACTIVE_RE.search(data):
            raise _Active(line(), "a <style> that fetches or runs something")

    def end(name: str) -> None:
        in_style[0] = False

    def doctype(*_: object) -> None:
        raise _Active(line(), "a <!DOCTYPE> (its entities can bring in other files)")

    def instruction(target: str, _: str) -> None:
        raise _Active(line(), f"a <?{target}?> instruction")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except _Active as active:
        return active.line, active.what
    except expat.ExpatError as e:
        return int(e.lineno), "XML that does not parse"
    return None


def _suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lstrip(".").lower()


def _refusal(file: ContentFile, config_file: str) -> tuple[int, str] | None:
    """Where and why a file that is not a page may not be published, or None."""
    suffix = _suffix(file.path)
    name = posixpath.basename(file.path)
    if suffix in PUBLISHABLE or (not suffix and name in _NAMES):
        return None
    fix = f"if the site really means to ship it, list it under 'publish_files' in {config_file} ({file.path})"
    if suffix == "svg":
        try:
            with open(file.abs_path, "rb") as f:
                found = svg_problem(f.read())
        except OSError:
            found = (1, "a file that cannot be read")
        if found is None:
            return None
        line, what = found
        return line, (
            f"this picture holds {what}, which is not part of a plain picture, and a browser "
            f"opening the file would run or fetch it: it is not published. Save it again as a "
            f"plain SVG (or as PNG), or {fix}"
        )
    if suffix in _AS_PAGE:
        return 1, (
            "this file would be published as it is, and a browser runs what it holds as a page of "
            "the site: it is not published. Write a page in Markdown (.md); a template belongs in "
            f"overrides/; or {fix}"
        )
    kind = f"a .{suffix[:20]} file" if suffix else "a file without a type (.png, .pdf)"
    return 1, (
        f"this is {kind}, which a browser could run or show as a page of the site, so it is not "
        "published from a content folder: pictures, documents, audio and video are (.png, .jpg, "
        ".pdf, .docx, .mp4 ...); stylesheets, scripts and fonts belong in overrides/; or "
        f"{fix}"
    )


def check_file_types(files: Iterable[ContentFile], spec: SiteSpec) -> tuple[set[str], list[Problem]]:
    """The files that are not pages and may not be published (their ``src_uri``), with a
    problem for each, and one for each ``publish_files`` entry that names no file."""
    refused: set[str] = set()
    problems: list[Problem] = []
    used: set[str] = set()
    for file in files:
        if file.is_page:
            continue
        listed = [p for p in spec.publish_files if fnmatch.fnmatchcase(file.path, p)]
        used.update(listed)
        found = None if listed else _refusal(file, spec.config_file)
        if found is not None:
            refused.add(file.src_uri)
            problems.append(Problem(file.path, found[0], found[1]))
    for pattern in spec.publish_files:
        if pattern not in used:
            problems.append(
                Problem(
                    spec.config_file,
                    spec.line("plugins.coproduction.publish_files"),
                    f"publish_files entry {quote(pattern)} names no file of the content folders "
                    f"(it is a path from the folder of {spec.config_file}, like docs/assets/widget.js): "
                    "correct it, or remove it",
                )
            )
    return refused, problems
