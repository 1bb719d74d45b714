"""The routes of `/ori/mini/v1/`: mini-ORI 1.0.0's three collections (`mini_routes`) and the
event-polling draft's events and webhook subscriptions (`events_routes`) at the same base."""

from __future__ import annotations

from search_api.ori import events_routes, mini_routes

routes = [*events_routes.routes, *mini_routes.routes]

__all__ = ["routes"]
