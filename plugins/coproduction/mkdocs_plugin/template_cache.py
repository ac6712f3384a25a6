"""Our templates' compiled code, kept between builds by Jinja's bytecode cache."""

from __future__ import annotations

import contextlib
import os

import jinja2
from jinja2.bccache import Bucket

__all__ = ["OwnTemplatesCache", "use_own_templates_cache"]


class OwnTemplatesCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache (in the system's temporary folder, per user), for the
    templates under ``folder`` only.

    MkDocs makes a new environment for every build, so every build (and every
    rebuild of ``mkdocs serve``) compiled our templates again: about 50 ms. The
    theme's own templates are compiled as before. Jinja keys the cache on each
    template's file name and checks its source, so an edited template compiles
    afresh, and an override in ``overrides/`` is not under ``folder``. The key
    also holds the environment's settings and Jinja's version, which the code
    depends on but Jinja's own key leaves out.
    """

    def __init__(self, folder: str, directory: str | None = None) -> None:
        super().__init__(directory)
        self.folder = os.path.join(os.path.abspath(folder), "")

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        if not filename or not os.path.abspath(filename).startswith(self.folder):
            return Bucket(environment, "", "")  # empty: compiled as usual, never stored
        key = self.get_cache_key(name, f"{filename}\0{_settings(environment)}")
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        # A cache that cannot be written only costs the next build its time.
        with contextlib.suppress(OSError):
            super().set_bucket(bucket)


def _settings(env: jinja2.Environment) -> str:
    """What, besides the source, changes the code Jinja compiles a template to."""
    return repr(
        (
            jinja2.__version__,
            env.autoescape,
            sorted(env.extensions),
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
        )
    )


def use_own_templates_cache(env: jinja2.Environment, folder: str) -> None:
    """Cache the compiled templates under ``folder``, unless ``env`` has a cache of its own
    or there is no safe temporary folder to keep one in."""
    if env.bytecode_cache is not None:
        return
    with contextlib.suppress(OSError, RuntimeError):
        env.bytecode_cache = OwnTemplatesCache(folder)
