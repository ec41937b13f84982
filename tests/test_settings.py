"""One settings table, read by every front end and documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import paths

from newsdesk import settings
from newsdesk.cli import main
from newsdesk.web.app import create_app


def test_the_readme_documents_every_setting_as_the_table_says() -> None:
    readme = (paths.REPO / "README.md").read_text("utf-8")
    assert settings.markdown_table() in readme
    for s in settings.SETTINGS:
        assert f"`{s.env}`" in readme


def test_the_environment_overrides_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    write = settings.setting("write_batch")
    assert settings.get_int("write_batch") == int(write.default)
    monkeypatch.setenv(write.env, "7")
    assert settings.get_int("write_batch") == 7
    monkeypatch.setenv(write.env, "seven")
    with pytest.raises(ValueError, match=write.env):
        settings.get_int("write_batch")


def test_the_worker_batch_and_the_write_batch_are_two_settings() -> None:
    names = [s.name for s in settings.SETTINGS]
    assert "worker_batch" in names and "write_batch" in names and "batch_size" not in names
    assert len(names) == len(set(names))


def test_newsdesk_settings_shows_the_current_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.setting("worker_batch").env, "64")
    shown = CliRunner().invoke(main, ["settings"]).output
    for s in settings.SETTINGS:
        assert s.name in shown
    assert "64" in shown


def test_the_portal_reads_its_settings_from_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.setting("api_token").env, "from-the-environment")
    monkeypatch.setenv(settings.setting("max_upload_bytes").env, "1234")
    app = create_app(f"{tmp_path}/s.db")
    assert app.state.token == "from-the-environment"
    assert app.state.max_upload_bytes == 1234
    monkeypatch.setenv(settings.setting("api_token").env, "")
    assert create_app(f"{tmp_path}/s.db").state.token is None
