"""The staff sign-in settings are read once at start: a bad combination stops start-up with a
message that names the variable."""

from __future__ import annotations

import pytest

from relais.settings import SettingsError, parse_settings
from relais.sso.service import check_settings

BASE = {
    "RELAIS_DATA_DIR": "/tmp/relais-settings-test",
    "RELAIS_SECRET_KEY": "x" * 40,
    "RELAIS_OIDC_ISSUER": "https://sso.chu.example/realms/staff",
    "RELAIS_OIDC_CLIENT_ID": "relais",
    "RELAIS_OIDC_CLIENT_SECRET": "s3cret",
}


def test_a_complete_configuration_is_read() -> None:
    settings = parse_settings(
        {
            **BASE,
            "RELAIS_OIDC_SCOPES": "openid scope_all",
            "RELAIS_OIDC_PROVIDER_NAME": "Pro Santé Connect",
            "RELAIS_OIDC_ID_CLAIM": "SubjectNameID",
            "RELAIS_OIDC_ROLES": "it=admin, nurses=clinician",
            "RELAIS_OIDC_TEAMS": "rea=6f1d3c2a-0000-4000-8000-00000000a001:physician",
            "RELAIS_OIDC_ACR_VALUES": "eidas1",
            "RELAIS_STAFF_PASSWORDS": "false",
        }
    )
    assert settings.oidc_enabled
    assert settings.oidc_scopes == ("openid", "scope_all")
    assert settings.oidc_roles == (("it", "admin"), ("nurses", "clinician"))
    assert settings.oidc_teams == (("rea", "6f1d3c2a-0000-4000-8000-00000000a001", "physician"),)
    assert settings.oidc_acr_values == ("eidas1",)
    assert settings.staff_passwords is False
    assert "s3cret" not in repr(settings)
    check_settings(settings)


def test_without_an_issuer_nothing_changes() -> None:
    settings = parse_settings({k: v for k, v in BASE.items() if "OIDC" not in k})
    assert not settings.oidc_enabled
    assert settings.staff_passwords is True


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"RELAIS_OIDC_CLIENT_SECRET": ""}, "RELAIS_OIDC_CLIENT_SECRET"),
        ({"RELAIS_OIDC_ISSUER": "sso.chu.example"}, "RELAIS_OIDC_ISSUER"),
        ({"RELAIS_OIDC_SCOPES": "email profile"}, "RELAIS_OIDC_SCOPES"),
        ({"RELAIS_OIDC_ROLES": "nurses=nurse"}, "RELAIS_OIDC_ROLES"),
        ({"RELAIS_OIDC_ROLES": "nurses"}, "RELAIS_OIDC_ROLES"),
        ({"RELAIS_OIDC_TEAMS": "rea=team-1:physician"}, "RELAIS_OIDC_TEAMS"),
        ({"RELAIS_OIDC_MATCH_EMAIL": "false"}, "RELAIS_OIDC_ID_CLAIM"),
        ({"RELAIS_ENV": "production", "RELAIS_OIDC_ACR_VALUES": "x"}, "https://"),
        ({"RELAIS_STAFF_SECOND_FACTOR": "required"}, "RELAIS_OIDC_ACR_VALUES"),
        ({"RELAIS_OIDC_ISSUER": "", "RELAIS_STAFF_PASSWORDS": "false"}, "RELAIS_OIDC_ISSUER"),
    ],
)
def test_a_bad_combination_stops_start_up_naming_the_variable(
    change: dict[str, str], named: str
) -> None:
    env = {**BASE, **change}
    if env.get("RELAIS_ENV") == "production":
        env["RELAIS_OIDC_ISSUER"] = "http://sso.chu.example"
    with pytest.raises(SettingsError, match=named):
        parse_settings(env)


def test_an_unknown_member_role_stops_start_up() -> None:
    settings = parse_settings(
        {**BASE, "RELAIS_OIDC_TEAMS": "rea=6f1d3c2a-0000-4000-8000-00000000a001:surgeon"}
    )
    with pytest.raises(SettingsError, match="RELAIS_OIDC_TEAMS"):
        check_settings(settings)
