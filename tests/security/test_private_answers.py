"""An adult's answers on mood and the notes of their check-ins stay theirs: a family member sees
the level of a check-in, not what was said about mood, anxiety or self-harm, unless the adult
allows it (ASVS 4.0.3 V4.2.1, V8.3.1). The tests name their requirement."""

from __future__ import annotations

import io
import zipfile

from tests.checkins.test_checkins import checkin
from tests.world import World

NOTE = "je pense souvent a mourir ces jours-ci"


async def _self_harm_checkin(world: World) -> str:
    pid = world.ids["patient"]
    answers = {f"phq9_{i}": 0 for i in range(1, 10)} | {"phq9_9": 2}
    resp = await world["patient"].post(
        f"/api/patients/{pid}/checkins", json=checkin(answers=answers, note=NOTE)
    )
    assert resp.status_code == 201 and resp.json()["level"] == "red", resp.text
    return pid


async def test_v4_2_1_a_family_member_sees_the_level_not_the_answers_on_mood(
    world: World,
) -> None:
    pid = await _self_harm_checkin(world)
    sylvie = world["proxy"]
    [seen] = (await sylvie.get(f"/api/patients/{pid}/checkins")).json()
    assert seen["level"] == "red" and seen["private_hidden"] is True
    assert not any(k.startswith("phq9") for k in seen["answers"])
    assert "phq9" not in seen["scores"] and seen["note"] == ""
    assert "phq9_item9_self_harm" not in seen["fired"]
    today = (await sylvie.get(f"/api/patients/{pid}/today")).json()["last_checkin"]
    assert today["note"] == "" and not any(k.startswith("phq9") for k in today["answers"])
    # Her download of the record leaves them out too.
    export = await sylvie.get(f"/api/patients/{pid}/export/csv")
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.content)) as z:
        files = {n: z.read(n).decode() for n in z.namelist()}
    assert [n for n, text in files.items() if NOTE in text] == []
    assert "phq9_9" not in files["checkins.csv"] + files.get("answers.csv", "")
    # Jean himself and his team see everything.
    for who in ("patient", "clin_a"):
        [full] = (await world[who].get(f"/api/patients/{pid}/checkins")).json()
        assert full["note"] == NOTE and full["answers"]["phq9_9"] == 2, who
        assert full["private_hidden"] is False


async def test_v4_2_1_only_the_adult_lets_a_family_member_see_them(world: World) -> None:
    pid = await _self_harm_checkin(world)
    links = (await world["patient"].get(f"/api/patients/{pid}/proxies")).json()
    sylvie_link = next(link for link in links if link["display_name"] == "Sylvie")
    assert sylvie_link["can_read_private"] is False
    url = f"/api/patients/{pid}/proxies/{sylvie_link['id']}/private"
    # Neither Sylvie nor the team may decide it for him.
    assert (await world["proxy"].post(url, json={"allow": True})).status_code == 403
    assert (await world["clin_a"].post(url, json={"allow": True})).status_code == 403
    allowed = await world["patient"].post(url, json={"allow": True})
    assert allowed.status_code == 200 and allowed.json()["can_read_private"] is True
    [seen] = (await world["proxy"].get(f"/api/patients/{pid}/checkins")).json()
    assert seen["note"] == NOTE and seen["answers"]["phq9_9"] == 2
    assert seen["private_hidden"] is False
    assert (await world["patient"].post(url, json={"allow": False})).status_code == 200
    [again] = (await world["proxy"].get(f"/api/patients/{pid}/checkins")).json()
    assert again["note"] == "" and again["private_hidden"] is True
