"""Agent strings: which software (name + version) produced a text, recorded on every result.

Versions come from package metadata, so naming an agent never loads the native Tika library.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# extractous embeds a fixed Apache Tika build; it does not report the version itself.
_TIKA_IN_EXTRACTOUS = {"0.3.0": "2.9.2", "0.2.1": "2.9.2", "0.2.0": "2.9.2"}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


EXTRACTOUS_VERSION = _version("extractous")
TIKA_VERSION = _TIKA_IN_EXTRACTOUS.get(EXTRACTOUS_VERSION, "unknown")
PYPDF_VERSION = _version("pypdf")

AGENT = f"extractous {EXTRACTOUS_VERSION} (Apache Tika {TIKA_VERSION})"
"""The default agent: embedded Apache Tika through extractous."""

XFA_AGENT = f"pypdf {PYPDF_VERSION} (XFA route)"
"""The agent of the non-XML path for PDFs with XFA forms."""


def with_ocr(agent: str, tesseract_version: str | None) -> str:
    """`agent` plus the OCR engine: "extractous 0.3.0 (Apache Tika 2.9.2) + tesseract 5.3.0"."""
    if tesseract_version is None:
        return agent
    return f"{agent} + tesseract {tesseract_version}"


def tesseract_agent(tesseract_version: str | None) -> str:
    """The agent of the image route: "tesseract 5.3.0" (or just "tesseract" when not found)."""
    return f"tesseract {tesseract_version}" if tesseract_version else "tesseract"
