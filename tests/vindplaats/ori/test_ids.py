from __future__ import annotations

from vindplaats.ori.ids import is_uuid, ori_uuid


def test_the_same_record_always_has_the_same_uuid_and_others_another():
    first = ori_uuid("meeting:notubiz:duinwijk:1152031")
    assert first == ori_uuid("meeting:notubiz:duinwijk:1152031")
    assert first != ori_uuid("meeting:notubiz:duinwijk:1152032")
    assert is_uuid(first) and len(first) <= 40
    assert first == "d7ea810f-ec4f-55f5-b0ca-1e84a243e2b3"  # public ids never change


def test_is_uuid_refuses_other_text():
    assert not is_uuid("meeting:notubiz:duinwijk:1")
    assert not is_uuid("")
    assert not is_uuid("F1F4A70B-ED1C-5E2A-9F0E-4A54F2A60B0A".replace("-", ""))
