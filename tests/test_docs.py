"""The rule pages in docs/rules/ are generated from the catalogue and must be current."""

from __future__ import annotations

from pathlib import Path

from railguard.docgen import pages

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def test_rule_pages_are_current() -> None:
    wanted = pages()
    stale = [name for name, text in wanted.items()
             if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != text]
    extra = [p.name for p in DOCS.glob("*.md") if p.name not in wanted]
    assert not stale and not extra, (
        f"docs/rules is out of date (stale: {stale[:5]}, extra: {extra[:5]}); "
        "run `python -m railguard.docgen`"
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```")
    first, second = blocks[1], blocks[3]
    assert "railguard demo" in first
    assert "pytest" in second
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in second.splitlines() if line.strip()
                        and not line.startswith(("sh", "bash", "console"))).strip()
    assert test_command in ci, "the CI script must run exactly the README's test command"


def test_readme_config_example_is_valid(tmp_path: Path) -> None:
    from railguard import config
    from railguard.rules import all_rules

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Configuration", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    (tmp_path / ".railguard.toml").write_text(example, encoding="utf-8")
    cfg = config.load(str(tmp_path), str(tmp_path / "home"), known_rules=set(all_rules()))
    assert cfg.disabled and cfg.verdicts and cfg.deny and cfg.production_hosts
