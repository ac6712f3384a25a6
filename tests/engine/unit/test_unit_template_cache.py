"""compiled.OwnTemplatesCache: our templates' compiled code is kept between builds;
other templates, and templates that changed, are compiled as usual."""

from __future__ import annotations

from pathlib import Path

import jinja2

from coproduction.mkdocs_plugin.template_cache import OwnTemplatesCache, use_own_templates_cache


def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    ours, theirs, cache = tmp_path / "ours", tmp_path / "overrides", tmp_path / "cache"
    for folder in (ours, theirs, cache):
        folder.mkdir()
    (ours / "a.html").write_text("A {{ x }}", encoding="utf-8")
    (theirs / "b.html").write_text("B {{ x }}", encoding="utf-8")
    return ours, theirs, cache


def env_for(ours: Path, theirs: Path, cache: Path, **settings: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(theirs), str(ours)]), **settings)  # type: ignore[arg-type]
    env.bytecode_cache = OwnTemplatesCache(str(ours), str(cache))
    return env


def test_only_our_templates_are_stored_and_reused(tmp_path: Path) -> None:
    ours, theirs, cache = setup(tmp_path)
    first = env_for(ours, theirs, cache)
    assert first.get_template("a.html").render(x=1) == "A 1"
    assert first.get_template("b.html").render(x=1) == "B 1"
    stored = sorted(cache.iterdir())
    assert len(stored) == 1  # a.html only

    second = env_for(ours, theirs, cache)
    bucket = second.bytecode_cache.get_bucket(second, "a.html", str(ours / "a.html"), "A {{ x }}")  # type: ignore[union-attr]
    assert bucket.code is not None  # the next build loads it instead of compiling
    assert second.get_template("a.html").render(x=2) == "A 2"


def test_an_edited_template_is_compiled_afresh(tmp_path: Path) -> None:
    ours, theirs, cache = setup(tmp_path)
    assert env_for(ours, theirs, cache).get_template("a.html").render(x=1) == "A 1"
    (ours / "a.html").write_text("Changed {{ x }}", encoding="utf-8")
    assert env_for(ours, theirs, cache).get_template("a.html").render(x=1) == "Changed 1"


def test_other_environment_settings_do_not_share_code(tmp_path: Path) -> None:
    ours, theirs, cache = setup(tmp_path)
    assert env_for(ours, theirs, cache).get_template("a.html").render(x="<b>") == "A <b>"
    escaping = env_for(ours, theirs, cache, autoescape=True)
    assert escaping.get_template("a.html").render(x="<b>") == "A &lt;b&gt;"
    assert len(list(cache.iterdir())) == 2


def test_an_environment_with_a_cache_of_its_own_keeps_it(tmp_path: Path) -> None:
    env = jinja2.Environment()
    own = jinja2.FileSystemBytecodeCache(str(tmp_path))
    env.bytecode_cache = own
    use_own_templates_cache(env, str(tmp_path))
    assert env.bytecode_cache is own
    fresh = jinja2.Environment()
    use_own_templates_cache(fresh, str(tmp_path))
    assert isinstance(fresh.bytecode_cache, OwnTemplatesCache)
