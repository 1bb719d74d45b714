"""Vindplaats: one search over Dutch council information and Woo publications."""

from __future__ import annotations

__version__ = "0.1.0"
USER_AGENT_NAME = "Vindplaats"
