"""Settings layers: defaults < wirewatch.toml < environment < explicit overrides."""

from __future__ import annotations

import dataclasses

import pytest

from wirewatch.config import IngestSettings, NormaliseSettings, Settings, load_settings
from wirewatch.errors import ConfigError


def write_toml(tmp_path, text, name="wirewatch.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults -----------------------------------------------------------------------------


def test_load_settings_without_file_or_env_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.ingest.glob == ("**/*.txt", "**/*.html", "**/*.htm")
    assert settings.ingest.batch_size == 1000
    assert settings.normalise.min_lang_prob == pytest.approx(0.80)


def test_load_settings_ignores_unrelated_environment_variables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    environ = {"PATH": "/usr/bin", "WIREWATCHER": "x", "WIREWATCH_INGEST_BATCH_SIZE": "7"}
    assert load_settings(environ=environ) == Settings()


def test_default_settings_pass_validation():
    Settings().validate()


# --- TOML layer ---------------------------------------------------------------------------


def test_toml_file_overrides_only_the_keys_it_sets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(
        tmp_path,
        '[ingest]\nbatch_size = 50\nglob = ["news/**/*.txt", "*.md"]\n\n'
        "[normalise]\nmin_lang_chars = 80\n",
        name="custom.toml",
    )
    settings = load_settings(path, environ={})
    assert settings.ingest == dataclasses.replace(
        IngestSettings(), batch_size=50, glob=("news/**/*.txt", "*.md")
    )
    assert settings.normalise == dataclasses.replace(NormaliseSettings(), min_lang_chars=80)


def test_toml_file_path_may_be_a_string(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "[ingest]\nsettle_seconds = 0\n", name="custom.toml")
    assert load_settings(str(path), environ={}).ingest.settle_seconds == 0.0


def test_wirewatch_toml_in_cwd_is_read_when_no_path_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_toml(tmp_path, "[ingest]\nbatch_size = 25\n")
    assert load_settings(environ={}).ingest.batch_size == 25


def test_explicit_config_file_replaces_wirewatch_toml_in_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_toml(tmp_path, "[ingest]\nbatch_size = 25\n")
    other = write_toml(tmp_path, "[ingest]\nbatch_bytes = 4096\n", name="other.toml")
    settings = load_settings(other, environ={})
    assert settings.ingest.batch_size == IngestSettings().batch_size
    assert settings.ingest.batch_bytes == 4096


def test_missing_explicit_config_file_raises_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"does-not-exist\.toml"):
        load_settings(tmp_path / "does-not-exist.toml", environ={})


def test_invalid_toml_syntax_raises_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "[ingest\nbatch_size = = 3\n", name="broken.toml")
    with pytest.raises(ConfigError, match=r"broken\.toml"):
        load_settings(path, environ={})


# --- environment layer --------------------------------------------------------------------


def test_env_overrides_toml_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "[ingest]\nbatch_size = 50\nsettle_seconds = 5\n")
    settings = load_settings(path, environ={"WIREWATCH__INGEST__BATCH_SIZE": "500"})
    assert settings.ingest.batch_size == 500
    assert settings.ingest.settle_seconds == 5.0  # set by TOML, untouched by env


def test_env_sets_float_setting_from_string(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={"WIREWATCH__NORMALISE__MIN_LANG_PROB": "0.95"})
    assert settings.normalise.min_lang_prob == pytest.approx(0.95)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**/*.md", ("**/*.md",)),
        ("**/*.txt,**/*.md", ("**/*.txt", "**/*.md")),
        (" **/*.txt , news/*.md , ", ("**/*.txt", "news/*.md")),
    ],
)
def test_env_glob_comma_separated_becomes_tuple(tmp_path, monkeypatch, raw, expected):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={"WIREWATCH__INGEST__GLOB": raw})
    assert settings.ingest.glob == expected


def test_env_variable_without_key_part_raises_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="WIREWATCH__INGEST"):
        load_settings(environ={"WIREWATCH__INGEST": "5"})


# --- explicit overrides -------------------------------------------------------------------


def test_explicit_overrides_win_over_env_and_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "[ingest]\nbatch_size = 50\n")
    settings = load_settings(
        path,
        overrides={"ingest": {"batch_size": 10}},
        environ={"WIREWATCH__INGEST__BATCH_SIZE": "500"},
    )
    assert settings.ingest.batch_size == 10


def test_explicit_override_none_leaves_lower_layer_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(
        overrides={"ingest": {"batch_size": None, "settle_seconds": 0}},
        environ={"WIREWATCH__INGEST__BATCH_SIZE": "500"},
    )
    assert settings.ingest.batch_size == 500
    assert settings.ingest.settle_seconds == 0.0


# --- validation: every error names the dotted key ------------------------------------------


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[ingest]\nbatchsize = 3\n", "ingest.batchsize"),
        ("[normalise]\nlanguage = 'en'\n", "normalise.language"),
    ],
    ids=["ingest-typo", "normalise-unknown"],
)
def test_unknown_key_in_toml_raises_config_error_naming_key(tmp_path, monkeypatch, toml, key):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, toml)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert key in str(excinfo.value)


def test_unknown_key_in_env_raises_config_error_naming_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(environ={"WIREWATCH__INGEST__BATCHSIZE": "3"})
    assert "ingest.batchsize" in str(excinfo.value)


def test_unknown_key_in_overrides_raises_config_error_naming_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(overrides={"normalise": {"seed": 1}}, environ={})
    assert "normalise.seed" in str(excinfo.value)


def test_unknown_section_in_toml_raises_config_error_naming_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "[ingst]\nbatch_size = 3\n")
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert "ingst" in str(excinfo.value)


def test_unknown_section_in_env_raises_config_error_naming_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(environ={"WIREWATCH__STORE__PATH": "x.duckdb"})
    assert "store" in str(excinfo.value)


def test_section_that_is_not_a_table_raises_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, "ingest = 5\n")
    with pytest.raises(ConfigError, match="ingest"):
        load_settings(path, environ={})


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[ingest]\nbatch_size = "lots"\n', "ingest.batch_size"),
        ("[ingest]\nbatch_size = 2.5\n", "ingest.batch_size"),
        ("[ingest]\nbatch_size = true\n", "ingest.batch_size"),
        ("[ingest]\nsettle_seconds = false\n", "ingest.settle_seconds"),
        ("[ingest]\nglob = 5\n", "ingest.glob"),
        ('[ingest]\nglob = ["**/*.txt", 3]\n', "ingest.glob"),
        ('[normalise]\nmin_lang_prob = "high"\n', "normalise.min_lang_prob"),
        ("[normalise]\nlang_windows = [1, 2]\n", "normalise.lang_windows"),
    ],
    ids=[
        "int-from-word",
        "int-from-fraction",
        "int-from-bool",
        "float-from-bool",
        "glob-from-int",
        "glob-with-int-item",
        "float-from-word",
        "int-from-list",
    ],
)
def test_bad_type_in_toml_raises_config_error_naming_key(tmp_path, monkeypatch, toml, key):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, toml)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert key in str(excinfo.value)


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("WIREWATCH__INGEST__BATCH_SIZE", "abc", "ingest.batch_size"),
        ("WIREWATCH__INGEST__BATCH_SIZE", "", "ingest.batch_size"),
        ("WIREWATCH__NORMALISE__MIN_LANG_PROB", "high", "normalise.min_lang_prob"),
        ("WIREWATCH__INGEST__SETTLE_SECONDS", "soon", "ingest.settle_seconds"),
    ],
)
def test_bad_type_in_env_raises_config_error_naming_key(tmp_path, monkeypatch, name, value, key):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(environ={name: value})
    assert key in str(excinfo.value)


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("ingest", "batch_size", 0),
        ("ingest", "batch_size", -5),
        ("ingest", "batch_bytes", 1023),
        ("ingest", "settle_seconds", -1),
        ("ingest", "max_file_bytes", 0),
        ("ingest", "glob", []),
        ("ingest", "glob", ["  "]),
        ("ingest", "glob", ["/etc/*.txt"]),
        ("normalise", "min_lang_chars", -1),
        ("normalise", "min_lang_prob", 1.5),
        ("normalise", "min_lang_prob", -0.1),
        ("normalise", "lang_sample_chars", 49),
        ("normalise", "max_control_char_ratio", 2.0),
    ],
)
def test_out_of_range_override_raises_config_error_naming_key(
    tmp_path, monkeypatch, section, key, value
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(overrides={section: {key: value}}, environ={})
    assert f"{section}.{key}" in str(excinfo.value)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[ingest]\nbatch_size = 0\n", "ingest.batch_size"),
        ("[normalise]\nmin_lang_prob = 1.5\n", "normalise.min_lang_prob"),
        ("[normalise]\nmin_lang_prob = nan\n", "normalise.min_lang_prob"),
    ],
)
def test_out_of_range_value_in_toml_raises_config_error_naming_key(
    tmp_path, monkeypatch, toml, key
):
    monkeypatch.chdir(tmp_path)
    path = write_toml(tmp_path, toml)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert key in str(excinfo.value)


def test_out_of_range_value_in_env_raises_config_error_naming_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(environ={"WIREWATCH__INGEST__BATCH_SIZE": "0"})
    assert "ingest.batch_size" in str(excinfo.value)


def test_config_error_is_a_value_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=r"normalise\.min_lang_prob"):
        load_settings(overrides={"normalise": {"min_lang_prob": 1.5}}, environ={})


# --- [coding] -------------------------------------------------------------------------------


def test_coding_section_from_toml_and_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    actors = tmp_path / "actors"
    actors.mkdir()
    path = write_toml(
        tmp_path, f'[coding]\nbatch_size = 50\nextra_actor_dirs = ["{actors}"]\n', "w.toml"
    )
    settings = load_settings(path, environ={"WIREWATCH__CODING__LANGUAGES": "en,fr"})
    assert settings.coding.batch_size == 50
    assert settings.coding.languages == ("en", "fr")
    assert settings.coding.extra_actor_dirs == (str(actors),)
    assert settings.coding.enabled is True
    disabled = load_settings(environ={"WIREWATCH__CODING__ENABLED": "false"})
    assert disabled.coding.enabled is False


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"batch_size": 0}, "coding.batch_size"),
        ({"languages": []}, "coding.languages"),
        ({"extra_actor_dirs": ["/no/such/folder"]}, "coding.extra_actor_dirs"),
    ],
)
def test_bad_coding_setting_raises_config_error_naming_key(tmp_path, monkeypatch, values, key):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings(overrides={"coding": values}, environ={})


def test_config_file_that_is_not_utf8_raises_config_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "latin1.toml"
    path.write_bytes("[ingest]\n# caf\xe9\nbatch_size = 5\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin1\.toml is not UTF-8"):
        load_settings(path, environ={})
