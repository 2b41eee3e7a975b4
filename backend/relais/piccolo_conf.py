"""Piccolo's configuration module (``PICCOLO_CONF=relais.piccolo_conf``).

``DB`` is set by ``relais.db.configure()`` from the settings; Piccolo's own tools look it up here.
"""

from typing import Any

from piccolo.conf.apps import AppRegistry

DB: Any = None

APP_REGISTRY = AppRegistry(apps=["relais.piccolo_app"])
