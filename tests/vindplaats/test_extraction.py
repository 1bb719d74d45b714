"""`options_from`: the extraction options the settings ask for."""

from __future__ import annotations

import pytest

from vindplaats.errors import ConfigError
from vindplaats.extraction import options_from
from vindplaats.settings import load_settings


def test_embedded_by_default() -> None:
    options = options_from(load_settings(extractor="embedded", tika_url=None))
    assert options.backend == "embedded" and options.tika_url is None


def test_tika_server_settings_pass_through() -> None:
    settings = load_settings(
        extractor="tika-server", tika_url="http://tika:9998", extract_timeout=90, ocr_language="nld"
    )
    options = options_from(settings)
    assert (options.backend, options.tika_url) == ("tika-server", "http://tika:9998")
    assert (options.timeout, options.ocr_language) == (90, "nld")


def test_embedded_with_a_tika_url_keeps_it_for_xfa() -> None:
    options = options_from(load_settings(extractor="embedded", tika_url="http://tika:9998"))
    assert (options.backend, options.tika_url) == ("embedded", "http://tika:9998")


def test_tika_server_without_url_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="VINDPLAATS_TIKA_URL"):
        options_from(load_settings(extractor="tika-server", tika_url=None))


def test_invalid_tika_url_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="invalid VINDPLAATS_TIKA_URL"):
        options_from(load_settings(tika_url="ftp://tika:9998"))
