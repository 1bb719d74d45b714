"""The VNG ORI APIs served over everything harvested: ORI API 2.0.0-beta.4 at `/ori/v2/`
(`v2_*`), the mini-ORI subset and the event feed (`mini_*`, `events_*`)."""
