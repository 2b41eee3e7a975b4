"""The demo data a newcomer meets on the first `make run`."""

from __future__ import annotations

import datetime as dt

from relais.accounts.tables import User
from relais.care.tables import OnCallShift, Patient, ProxyLink, ScheduleItem
from relais.checkins.tables import Checkin
from relais.demo import DEMO_PASSWORD, seed
from relais.settings import Settings
from tests.helpers import ApiClient


async def test_demo_has_what_the_readme_promises(client: ApiClient, settings: Settings) -> None:
    assert await seed(settings, if_empty=True) is True
    assert await seed(settings, if_empty=True) is False  # first run only
    assert await User.count() == 6
    assert await OnCallShift.count() == 2
    jean = await Patient.select().where(Patient.family_name == "Dupont").first()
    assert jean is not None and jean["user"] is not None
    assert (dt.date.today() - jean["discharge_date"]).days in (9, 10, 11)
    assert await ScheduleItem.count().where(ScheduleItem.patient == jean["id"]) > 10
    assert await Checkin.count().where(Checkin.patient == jean["id"]) == 5
    no_gp = await Patient.select().where((Patient.gp_name == "") & (Patient.gp_phone == ""))
    assert [p["given_name"] for p in no_gp] == ["Henri"]
    parent = await User.select().where(User.email == "parent@demo.relais").first()
    assert parent is not None
    assert await ProxyLink.count().where(ProxyLink.user == parent["id"]) == 2

    await client.login_ok("parent@demo.relais", DEMO_PASSWORD)
    people = (await client.get("/api/me/circle")).json()["people"]
    assert sorted(p["given_name"] for p in people) == ["Gabriel", "Léa"]
    assert all(p["team"]["phone"] for p in people)
