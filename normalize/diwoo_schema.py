"""The official DiWoo XSD, loaded offline: `diwoo_schema(directory)` -> `lxml.etree.XMLSchema`.

`diwoo-metadata.xsd` imports the Nationaal Archief MDTO schema from the network
(`https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd`); we never fetch it. A resolver maps
that import to our own tiny stub that declares the one element DiWoo refers to, `mdto:MDTO`
(any content), so every DiWoo part validates fully and an `mdto:MDTO` block is accepted
unchecked. The lists XSD is included from the same directory. The schema files are read from the
directory given (the shared copy is `../shared/standards/diwoo/0.9.8/`); nothing is copied into
the project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

DIWOO_NAMESPACE = "https://standaarden.overheid.nl/diwoo/metadata/"
MDTO_NAMESPACE = "https://www.nationaalarchief.nl/mdto"
MDTO_LOCATION = "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
MAIN_XSD = "diwoo-metadata.xsd"

# Our stub of the MDTO schema: only the element DiWoo references, with any content.
MDTO_STUB = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{MDTO_NAMESPACE}"
           elementFormDefault="qualified">
  <xs:element name="MDTO">
    <xs:complexType>
      <xs:sequence>
        <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute processContents="skip"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


class DiWooSchemaError(ValueError):
    """The XSD directory does not hold a readable DiWoo schema."""


class _MdtoStub(etree.Resolver):
    def resolve(self, system_url: str, public_id: str, context: Any = None) -> Any:
        if system_url == MDTO_LOCATION:
            return self.resolve_string(MDTO_STUB, context, base_url=None)
        return None


def diwoo_schema(directory: Path) -> etree.XMLSchema:
    """The DiWoo schema of `directory` (holding `diwoo-metadata.xsd` and its lists XSD), with the
    MDTO import resolved to the local stub. DiWooSchemaError names what is missing or broken."""
    main = directory / MAIN_XSD
    if not main.is_file():
        raise DiWooSchemaError(f"{main}: not found (the DiWoo XSD directory holds {MAIN_XSD})")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_MdtoStub())
    try:
        return etree.XMLSchema(etree.parse(str(main), parser))
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise DiWooSchemaError(f"{main}: not a usable DiWoo schema ({exc})") from None


__all__ = [
    "DIWOO_NAMESPACE",
    "MDTO_LOCATION",
    "MDTO_NAMESPACE",
    "MDTO_STUB",
    "DiWooSchemaError",
    "diwoo_schema",
]
