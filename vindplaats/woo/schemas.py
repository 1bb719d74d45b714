"""The official schemas, read offline from the directory `VINDPLAATS_XSD_DIR` names.

- sitemaps.org 0.9: `sitemaps/0.9/sitemap.xsd` (`<urlset>`) and `siteindex.xsd`
  (`<sitemapindex>`). Both let foreign elements in through `xs:any ##other` with
  `processContents="strict"`, so a `diwoo:Document` inside a `<url>` must itself be declared:
  each is compiled together with DiWoo into one schema, and one validation checks both layers.
- DiWoo 0.9.8: `diwoo/0.9.8/diwoo-metadata.xsd`, which includes the lists XSD
  (`diwoo-metadata-lijsten.xsd`, the TOOI value lists) and imports the Nationaal Archief MDTO
  schema from the internet. That import is resolved to our own stub declaring `mdto:MDTO`
  (`normalize.diwoo_schema.MDTO_STUB`, the one the DiWoo writer is checked with); nothing is ever
  fetched (`no_network`, entities off).

From the same XSDs come the facts the Woo-index rules need, never retyped: which DiWoo element
takes its `resource` from which value list (to name the list a wrong code is not in), which
elements refer to other documents, and the accepted file types (the PLOOI file-type list,
`formatlijst`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from normalize.diwoo_schema import DIWOO_NAMESPACE as DIWOO_NS
from normalize.diwoo_schema import MDTO_LOCATION as MDTO_IMPORT
from normalize.diwoo_schema import MDTO_NAMESPACE as MDTO_NS
from normalize.diwoo_schema import MDTO_STUB
from vindplaats.errors import ConfigError

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XS = "{http://www.w3.org/2001/XMLSchema}"

SITEMAP_XSD = Path("sitemaps/0.9/sitemap.xsd")
SITEINDEX_XSD = Path("sitemaps/0.9/siteindex.xsd")
DIWOO_XSD = Path("diwoo/0.9.8/diwoo-metadata.xsd")
LISTS_XSD = Path("diwoo/0.9.8/diwoo-metadata-lijsten.xsd")
REFERENCE_TYPE = "geidentificeerdDocument"  # documentverwijzingType: isPartOf, hasPart, ...
FORMAT_LIST = "formatlijst"


@dataclass(frozen=True)
class CodeList:
    """A value list of the lists XSD, or DiWoo's union of several (organisatielijst)."""

    name: str
    set_id: str | None  # the TOOI set, e.g. scw_woo_informatiecategorieen
    members: tuple[str, ...] = ()  # the lists of a union

    def describe(self) -> str:
        if self.members:
            return f"{self.name} (any of {', '.join(self.members)})"
        return f"{self.name} ({self.set_id})" if self.set_id else self.name


@dataclass(frozen=True)
class Schemas:
    urlset: etree.XMLSchema  # sitemap.xsd + DiWoo
    sitemapindex: etree.XMLSchema  # siteindex.xsd + DiWoo
    code_lists: dict[str, CodeList]  # DiWoo element (local name) -> its resource list
    reference_elements: frozenset[str]  # DiWoo elements whose resource names a document
    formats: dict[str, str]  # file-type code (PDF, DOCX, 7Z) -> its URI in formatlijst


class _LocalImports(etree.Resolver):
    """Resolves the MDTO import to our stub; nothing else is resolved (no network)."""

    def __init__(self, stub: bytes) -> None:
        super().__init__()
        self._stub = stub

    def resolve(  # type: ignore[override]  # lxml passes a context the stubs omit
        self, system_url: str, public_id: str, context: object
    ) -> object:
        if system_url == MDTO_IMPORT:
            return self.resolve_string(self._stub, context)  # type: ignore[call-arg]
        return None


def _parser(stub: bytes | None = None) -> etree.XMLParser:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    if stub is not None:
        parser.resolvers.add(_LocalImports(stub))
    return parser


def _required(xsd_dir: Path) -> None:
    hint = "set VINDPLAATS_XSD_DIR to the directory holding the official XSDs"
    if not xsd_dir.is_dir():
        raise ConfigError(f"VINDPLAATS_XSD_DIR: {xsd_dir} is not a directory ({hint})")
    for relative in (SITEMAP_XSD, SITEINDEX_XSD, DIWOO_XSD, LISTS_XSD):
        if not (xsd_dir / relative).is_file():
            raise ConfigError(f"VINDPLAATS_XSD_DIR: {xsd_dir} has no {relative} ({hint})")


def _combined(xsd_dir: Path, sitemap_xsd: Path, stub: bytes) -> etree.XMLSchema:
    wrapper = (
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{SITEMAP_NS}" schemaLocation="{(xsd_dir / sitemap_xsd).as_uri()}"/>'
        f'<xs:import namespace="{DIWOO_NS}" schemaLocation="{(xsd_dir / DIWOO_XSD).as_uri()}"/>'
        f"</xs:schema>"
    )
    root = etree.fromstring(wrapper.encode(), _parser(stub), base_url=xsd_dir.as_uri() + "/")
    try:
        return etree.XMLSchema(etree.ElementTree(root))
    except etree.XMLSchemaParseError as exc:
        raise ConfigError(
            f"VINDPLAATS_XSD_DIR: the XSDs in {xsd_dir} do not compile ({exc}); set "
            "VINDPLAATS_XSD_DIR to a directory with the official sitemaps.org 0.9 and DiWoo "
            "0.9.8 XSDs"
        ) from None


def _local(qname: str | None) -> str:
    return (qname or "").rsplit(":", 1)[-1]


def _read(path: Path) -> etree._Element:
    try:
        return etree.parse(str(path), _parser()).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise ConfigError(f"VINDPLAATS_XSD_DIR: cannot read {path} ({exc})") from None


def _lists(main: etree._Element, lists: etree._Element) -> dict[str, CodeList]:
    found: dict[str, CodeList] = {}
    for simple in lists.iter(f"{XS}simpleType"):
        name = simple.get("name")
        if name:
            found[name] = CodeList(name, simple.get("id"))
    for simple in main.iter(f"{XS}simpleType"):
        name = simple.get("name")
        union = simple.find(f"{XS}union")
        if name and union is not None:
            members = tuple(_local(r.get("base")) for r in union.iter(f"{XS}restriction"))
            if members and all(m in found for m in members):
                found[name] = CodeList(name, None, members)
    return found


def _resource_bases(main: etree._Element) -> dict[str, str]:
    """Element local name -> the simple type its `resource` attribute is restricted to."""
    by_type: dict[str, str] = {}
    for complex_type in main.iter(f"{XS}complexType"):
        attribute = complex_type.find(f".//{XS}attribute[@name='resource']")
        restriction = None if attribute is None else attribute.find(f".//{XS}restriction")
        if complex_type.get("name") and restriction is not None:
            by_type[complex_type.get("name", "")] = _local(restriction.get("base"))
    bases: dict[str, str] = {}
    for element in main.iter(f"{XS}element"):
        type_name = _local(element.get("type"))
        if element.get("name") and type_name in by_type:
            bases[element.get("name", "")] = by_type[type_name]
    return bases


def _formats(lists: etree._Element) -> dict[str, str]:
    formats: dict[str, str] = {}
    for simple in lists.iter(f"{XS}simpleType"):
        if simple.get("name") == FORMAT_LIST:
            for value in simple.iter(f"{XS}enumeration"):
                uri = value.get("value", "")
                formats[uri.rsplit("/", 1)[-1].upper()] = uri
    return formats


@lru_cache(maxsize=4)
def load_schemas(xsd_dir: Path) -> Schemas:
    """The compiled schemas and list facts of `xsd_dir` (ConfigError naming the setting)."""
    _required(xsd_dir)
    stub = MDTO_STUB.encode()
    main, lists = _read(xsd_dir / DIWOO_XSD), _read(xsd_dir / LISTS_XSD)
    code_lists = _lists(main, lists)
    bases = _resource_bases(main)
    formats = _formats(lists)
    if not formats:
        raise ConfigError(f"VINDPLAATS_XSD_DIR: {xsd_dir / LISTS_XSD} has no {FORMAT_LIST}")
    return Schemas(
        urlset=_combined(xsd_dir, SITEMAP_XSD, stub),
        sitemapindex=_combined(xsd_dir, SITEINDEX_XSD, stub),
        code_lists={el: code_lists[base] for el, base in bases.items() if base in code_lists},
        reference_elements=frozenset(el for el, base in bases.items() if base == REFERENCE_TYPE),
        formats=formats,
    )


__all__ = [
    "DIWOO_NS",
    "MDTO_IMPORT",
    "MDTO_NS",
    "SITEMAP_NS",
    "CodeList",
    "Schemas",
    "load_schemas",
]
