"""`--standard mini-ori`: its three collections against mini-ORI 1.0.0, organisation codes in
`organisatie`, the Woo category by label, and an informatieobject known only by its pid."""

from __future__ import annotations

from tests.vindplaats.conformance.tiny_feed import TinyFeed, found, mini_records, run, uid


def mini() -> TinyFeed:
    return TinyFeed(listing=mini_records())


def test_a_clean_mini_ori_feed_has_no_findings() -> None:
    feed = mini()
    report = run(feed, "mini-ori")
    assert report.findings == []
    assert ("informatieobjecten", "https://pid.example.nl/io/d1") in report.checked
    assert not any("fracties" in target for target in feed.reads)  # not of mini-ORI


def test_mini_ori_codes_categories_and_types() -> None:
    feed = mini()
    feed.record("vergaderingen", "v1")["organisatie"] = {"gemeente": "gm9999", "naam": "X"}
    feed.listing["informatieobjecten"][0]["wooinformatiecategorie"] = "c_00000000"
    feed.record("agendapunten", "a1")["dossiertype"] = 5  # not a string
    report = run(feed, "mini-ori")
    assert found(report) == {
        ("ORI-TOOI", "vergaderingen", uid("v1")),
        ("ORI-WOO-CATEGORY", "informatieobjecten", "https://pid.example.nl/io/d1"),
        ("ORI-SCHEMA", "agendapunten", uid("a1")),
    }
    tooi = next(f for f in report.findings if f.rule == "ORI-TOOI")
    assert (tooi.field, tooi.found) == ("organisatie.gemeente", "'gm9999'")
