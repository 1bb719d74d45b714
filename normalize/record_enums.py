"""The enumerations of the records (`normalize.records` re-exports them): suppliers,
organisation kinds, meeting status, the download and extraction states, motion results and vote
choices."""

from __future__ import annotations

from enum import StrEnum


class Supplier(StrEnum):
    NOTUBIZ = "notubiz"
    IBABS = "ibabs"
    GEMEENTEOPLOSSINGEN = "gemeenteoplossingen"
    PARLAEUS = "parlaeus"
    ORI = "ori"  # a supplier serving the VNG ORI API (2.0 or mini-ORI 1.0)
    ORI_API = "ori"  # the same (an alias, the name earlier code used)
    DIWOO = "diwoo"


class OrganizationType(StrEnum):
    MUNICIPALITY = "gemeente"
    PROVINCE = "provincie"
    WATER_BOARD = "waterschap"
    OTHER = "overig"


class MeetingStatus(StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


class ExtractionStatus(StrEnum):
    PENDING = "pending"
    OK = "ok"
    EMPTY = "empty"  # extracted, but no text at all
    TRUNCATED = "truncated"  # extracted, but cut at a page or text cap: `Truncation` says where
    FAILED = "failed"


class DownloadStatus(StrEnum):
    PENDING = "pending"
    OK = "ok"
    FAILED = "failed"  # HTTP error, too large, refused by the fetch guard


class MotionResult(StrEnum):
    """What became of a motion or amendment (`normalize.motions.normalize_motion_result`)."""

    AANGENOMEN = "aangenomen"
    VERWORPEN = "verworpen"
    INGETROKKEN = "ingetrokken"
    AANGEHOUDEN = "aangehouden"
    OVERIG = "overig"  # a result the register states but that is none of the above


class VoteChoice(StrEnum):
    VOOR = "voor"
    TEGEN = "tegen"
    ONTHOUDEN = "onthouden"
    AFWEZIG = "afwezig"


__all__ = [
    "DownloadStatus",
    "ExtractionStatus",
    "MeetingStatus",
    "MotionResult",
    "OrganizationType",
    "Supplier",
    "VoteChoice",
]
