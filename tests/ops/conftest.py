import pytest

from tests.pushsvc import push_service

__all__ = ["push_service"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fault: the fault battery (processes killed, database cut, disk full); "
        "run alone with -m fault",
    )
