"""The network pack: hosts as clients really connect to them, and methods set where the command
line does not show them (abbreviations, config files, standard input).

No request is sent: the calls are only judged, in a real git project with ``HOME`` in a temp
directory; config files are real files there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.config import Config
from railguard.engine import evaluate
from railguard.model import Action, Verdict
from railguard.rules.network import curl_globs, hosts_of


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "NET")


@pytest.mark.parametrize(("url", "host"), [
    ("https://api.%70rod.example.com/", "api.prod.example.com"),
    ("https://api.prod.example.com?id=@42", "api.prod.example.com"),
    ("https://api.prod.example.com#@x", "api.prod.example.com"),
    ("https:\\\\admin.prod.example.com\\users", "admin.prod.example.com"),
    ("https:admin.prod.example.com/", "admin.prod.example.com"),
    ("https:/admin.prod.example.com", "admin.prod.example.com"),
    ("admin\u3002prod\u3002example\u3002com", "admin.prod.example.com"),
    ("https://admin.\uff50\uff52\uff4f\uff44.example.com/", "admin.prod.example.com"),
    ("https://api.prod.example.com.:443/", "api.prod.example.com"),
    ("https://api.pro\u00add.example.com/", "api.prod.example.com"),
    ("https://api.prod%2eexample.com/", "api.prod.example.com"),
    ("https://user:pw@api.prod.example.com:8443/x", "api.prod.example.com"),
])
def test_hosts_as_clients_read_them(url: str, host: str) -> None:
    assert host in hosts_of(url)


def test_a_backslash_is_read_both_ways() -> None:
    # WHATWG ends the authority at the backslash; curl takes what follows the last @
    assert set(hosts_of("https://u@api.prod.example.com\\@docs.example.com/")) == {
        "api.prod.example.com", "docs.example.com"}


def test_curl_globs() -> None:
    assert curl_globs("https://api.{prod,dev}.example.com/") == [
        "https://api.prod.example.com/", "https://api.dev.example.com/"]
    assert curl_globs("https://pro[d-d].example.com/") == ["https://prod.example.com/"]
    assert curl_globs("https://h.example.com/[001-002]") == [
        "https://h.example.com/001", "https://h.example.com/002"]
    assert curl_globs("https://[1-9999].example.com/") is None
    assert curl_globs("http://[::1]:8000/") == ["http://[::1]:8000/"]


SPELLED_HOSTS = [
    "curl -X DELETE https://api.%70rod.example.com/",
    "curl -X DELETE 'https://api.{prod}.example.com/'",
    "curl -X DELETE 'https://api.{dev,prod}.example.com/'",
    "curl -X DELETE 'https://api.pro[d-d].example.com/'",
    "curl -X DELETE 'https://api-[1-9999].prod.example.com/'",
    "curl -X DELETE 'https://api.prod.example.com?id=@42'",
    "curl -X DELETE 'https://api.prod.example.com#@x'",
    "curl -X DELETE 'https:admin.prod.example.com/'",
    "curl -X DELETE 'https:/admin.prod.example.com'",
    "curl -X DELETE 'admin\u3002prod\u3002example\u3002com'",
    "curl -X DELETE 'https://admin.\uff50\uff52\uff4f\uff44.example.com'",
    "curl -X DELETE https://api.prod.example.com.:443/",
    "curl -X DELETE --connect-to A:443:api.prod.example.com:443 https://A/",
    "curl -X DELETE -H 'Host: api.prod.example.com' https://10.0.0.7/",
    "curl -X DELETE --resolve api.prod.example.com:443:10.0.0.7 https://10.0.0.7/",
    "wget --method=DELETE --header='Host: api.prod.example.com' https://10.0.0.7/",
    "http DELETE https://10.0.0.7/ Host:api.prod.example.com",
]


@pytest.mark.parametrize("command", SPELLED_HOSTS)
def test_production_hosts_however_spelled_are_denied(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert "NET002" in ids(command, project), decision.findings
    assert decision.verdict == Verdict.DENY


@pytest.mark.parametrize("url", [
    "https://api.%70rod.example.com/",
    "https:\\\\admin.prod.example.com\\users",
    "https:admin.prod.example.com/",
    "https://admin\u3002prod\u3002example\u3002com/",
    "https://api.prod.example.com?id=@42",
])
def test_web_fetch_of_a_spelled_production_host(url: str, project: Path) -> None:
    decision = evaluate(Action("fetch", "WebFetch", url=url, cwd=str(project),
                               project_dir=str(project)), Config())
    assert "NET003" in decision.rule_ids, decision.findings


def test_web_fetch_of_an_ordinary_host_passes(project: Path) -> None:
    decision = evaluate(Action("fetch", "WebFetch", url="https://docs.example.com/%70age",
                               cwd=str(project), project_dir=str(project)), Config())
    assert decision.verdict == Verdict.ALLOW


METHODS = [
    "curl --upload-fi x.bin https://api.prod.example.com/",
    "curl --jso '{}' https://api.prod.example.com/",
    "curl --requ DELETE https://api.prod.example.com/",
    "curl --data-b @x https://api.prod.example.com/",
    "wget --meth=DELETE https://api.prod.example.com/",
    "wget --meth DELETE https://api.prod.example.com/",
    "wget --post-d=x https://api.prod.example.com/",
    "wget -e method=DELETE https://api.prod.example.com/",
    "wget --execute=post_data=a https://api.prod.example.com/",
    "echo '{}' | http https://api.prod.example.com/",
    "http https://api.prod.example.com/ < body.json",
    "http https://api.prod.example.com/ <<< '{}'",
    "http --raw '{}' https://api.prod.example.com/",
    "xh https://api.prod.example.com/ --raw '{}'",
    "curl -K - https://api.prod.example.com/ <<< 'request = DELETE'",
    "echo '-X DELETE' | curl -K - https://api.prod.example.com/",
]


@pytest.mark.parametrize("command", METHODS)
def test_methods_however_spelled_are_denied(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert "NET002" in ids(command, project), decision.findings
    assert decision.verdict == Verdict.DENY


ORDINARY = [
    "curl https://api.prod.example.com/health",
    "curl --sil https://api.prod.example.com/health",
    "curl -X DELETE 'https://api.staging.example.com/items/[1-9999]'",
    "curl -g -X POST 'https://api.staging.example.com/q?f={a,b}'",
    "curl -X POST localhost:8000/api/users",
    "curl -X POST 'http://[::1]:8000/api'",
    "wget --quie https://api.prod.example.com/",
    "http --ignore-stdin https://api.prod.example.com/ < body.json",
    "echo '{}' | http https://api.staging.example.com/",
    "http https://api.prod.example.com/search q==term",
    "curl -K - https://api.prod.example.com/ <<< 'silent'",
]


@pytest.mark.parametrize("command", ORDINARY)
def test_reads_and_other_hosts_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], decide(command, project).findings


def test_curl_config_file_is_read(project: Path) -> None:
    (project / "del.conf").write_text('# removes\nrequest = "DELETE"\n')
    (project / "get.conf").write_text("silent\nshow-error\n")
    assert "NET002" in ids("curl -K del.conf https://api.prod.example.com/x", project)
    assert "NET002" in ids("curl --config=del.conf https://api.prod.example.com/x", project)
    assert "NET002" in ids("curl https://api.prod.example.com/x < del.conf -K -", project)
    assert ids("curl -K get.conf https://api.prod.example.com/x", project) == []


def test_curl_config_that_cannot_be_read_asks_for_production(project: Path) -> None:
    decision = decide("curl -K missing.conf https://api.prod.example.com/x", project)
    assert decision.rule_ids == ["NET004"]
    assert decision.verdict == Verdict.ASK
    assert decide("cat c | curl -K - https://api.prod.example.com/x", project).verdict \
        == Verdict.ASK
    assert ids("curl -K missing.conf https://api.staging.example.com/x", project) == []


def test_a_glob_too_large_to_tell_asks(project: Path) -> None:
    decision = decide("curl -X DELETE 'https://api-[1-9999].example.com/x'", project)
    assert decision.rule_ids == ["NET004"]


def test_default_curlrc_is_read(project: Path, home: Path) -> None:
    command = "curl https://api.prod.example.com/x"
    assert ids(command, project) == []
    (home / ".curlrc").write_text("-X DELETE\n")
    assert "NET002" in ids(command, project)
    # -q first: the default config is not read
    assert ids("curl -q https://api.prod.example.com/x", project) == []


def test_curl_home_names_the_config(project: Path) -> None:
    (project / "cfg").mkdir()
    (project / "cfg" / ".curlrc").write_text("data = a=1\n")
    assert "NET002" in ids(f"CURL_HOME={project / 'cfg'} curl https://api.prod.example.com/x",
                           project)
    assert ids("curl https://api.prod.example.com/x", project) == []


def test_wgetrc_is_read(project: Path, home: Path) -> None:
    (project / "rc").write_text("method = DELETE\n")
    command = "wget https://api.prod.example.com/x"
    assert ids(command, project) == []
    assert "NET002" in ids(f"WGETRC={project / 'rc'} {command}", project)
    assert "NET002" in ids(f"wget --config=rc {command[5:]}", project)
    (home / ".wgetrc").write_text("post_data = a=1\n")
    assert "NET002" in ids(command, project)
    assert ids(f"wget --no-config {command[5:]}", project) == []
