"""``make check``'s view of a site: the engine loads ``mkdocs.yml``, the plugin runs the pipeline.

The same steps as a build up to the point where pages would be rendered: the
engine's config loader (``INHERIT``, ``!ENV``, validation), the plugin's own
``configure`` and ``read_site``, and the engine's listing of ``docs/``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import get_files

from coproduction.core.pipeline import Site
from coproduction.mkdocs_plugin.engine import ENGINE
from coproduction.mkdocs_plugin.plugin import CoproductionPlugin

__all__ = ["ConfigProblem", "load_site"]


class ConfigProblem(Exception):
    """The configuration cannot be used; the message says why."""


class _Messages(logging.Handler):
    """Keeps what the engine logs while loading the configuration."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_engine() -> Iterator[_Messages]:
    """Collect the engine's warnings instead of printing them."""
    logger = logging.getLogger(ENGINE)  # the engine's own logger: "mkdocs" or "properdocs"
    handler = _Messages()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def load_site(config_file: str) -> tuple[Site, list[str]]:
    """The site as the build would read it, and the engine's own warnings about its configuration."""
    with _quiet_engine() as engine:
        try:
            config = load_config(config_file=config_file)
        except MkDocsException as e:
            raise ConfigProblem("; ".join([*engine.messages, str(e)])) from None
        plugin = config.plugins.get("coproduction")
        if not isinstance(plugin, CoproductionPlugin):
            raise ConfigProblem("the coproduction plugin is not listed under 'plugins'")
        plugin.on_startup(command="build", dirty=False)
        plugin.configure(config)
        site = plugin.read_site(get_files(config), config)
    if site is None:
        raise ConfigProblem("the coproduction plugin is turned off ('enabled: false')")
    return site, engine.messages
