"""Every page of the real site is valid HTML: the W3C Nu HTML Checker (vnu.jar) finds no error.

vnu.jar comes from npm (``vnu-jar``, pinned in package.json and package-lock.json; ``make test``
runs ``npm ci``) and runs on Java (Debian: ``default-jre-headless``; ``.ci/run`` installs it).
If either is missing, the test fails and says how to get it: it never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import unquote, urlparse

import pytest

from browser import html_pages
from conftest import REPO, Built

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(real: Built) -> None:
    java = shutil.which("java")
    if not java:
        pytest.fail(
            "Java is missing, so the HTML checker cannot run: install it "
            "(Debian: apt-get install default-jre-headless; .ci/run does this).",
            pytrace=False,
        )
    if not VNU.is_file():
        pytest.fail(
            f"{VNU.relative_to(REPO)} is missing: run `make test`, or `npm ci` at the repository's root.",
            pytrace=False,
        )
    checked = len(html_pages(real.site))  # vnu checks each of them: one JVM for the whole site
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(real.site)],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stderr.strip() or result.stdout.strip()  # vnu writes its report to stderr
    try:
        messages = json.loads(output)["messages"]
    except (ValueError, KeyError) as error:
        pytest.fail(f"vnu.jar did not report in JSON ({error}; exit {result.returncode}):\n{output[:2000]}")
    errors = []
    for message in messages:
        if message.get("type") == "info":
            continue
        url = unquote(urlparse(message.get("url", "")).path)
        where = url.removeprefix(str(real.site)).lstrip("/") or "(the site)"
        line = message.get("lastLine", message.get("firstLine", "?"))
        errors.append(f"/{where}:{line}: {message.get('message', '').strip()}")
    pages = len({error.split(":", 1)[0] for error in errors})
    assert not errors, f"{len(errors)} error(s) on {pages} of {checked} pages:\n" + "\n".join(errors)
    assert result.returncode == 0, f"vnu.jar failed (exit {result.returncode}):\n{output[:2000]}"
