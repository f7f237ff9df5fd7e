"""XML from outside parsed safely, and read without caring for namespace prefixes (no database).

defusedxml with `forbid_dtd`: a document with any DTD is refused, so external entities, entity
expansion bombs ("billion laughs") and network lookups never happen. Cartridge writers disagree
on namespace versions (CC 1.1, 1.2 and 1.3 each have their own), so elements are matched by
their local name.
"""

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

__all__ = [
    "UnsafeXmlError",
    "attribute",
    "child",
    "children",
    "descendants",
    "local",
    "parse",
    "text",
]


class UnsafeXmlError(Exception):
    """The document is not well-formed XML, or declares a DTD or entities."""


def parse(data: bytes) -> Element:
    """The document's root element. Raises UnsafeXmlError."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise UnsafeXmlError(str(error)) from error


def local(name: str) -> str:
    """`{namespace}tag` without its namespace."""
    return name.rsplit("}", 1)[-1]


def children(element: Element | None, name: str) -> list[Element]:
    """The element's children with the local name `name`."""
    if element is None:
        return []
    return [item for item in element if local(item.tag) == name]


def child(element: Element | None, name: str) -> Element | None:
    """The element's first child with the local name `name`, or None."""
    found = children(element, name)
    return found[0] if found else None


def descendants(element: Element | None, name: str) -> list[Element]:
    """Every element below `element` with the local name `name`, in document order."""
    if element is None:
        return []
    return [item for item in element.iter() if item is not element and local(item.tag) == name]


def attribute(element: Element | None, name: str) -> str:
    """An attribute by its local name (`xml:base`, `href`), or ""."""
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value.strip()
    return ""


def text(element: Element | None) -> str:
    """The element's own text, stripped, or ""."""
    if element is None or element.text is None:
        return ""
    return element.text.strip()
