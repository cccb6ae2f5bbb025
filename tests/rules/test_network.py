"""The network pack's HTTP clients, through the real engine, in a real git project.

No request is sent: the calls are only judged. The rows cover how curl, wget and httpie/xh
spell a method (a separate value, ``=value``, glued to ``-X``, inside a cluster) and the values
of other options that must not be mistaken for the URL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "NET")


PROD = "https://api.prod.example.com/x"

CHANGING = [
    f"wget --method DELETE {PROD}",
    f"wget --method=PUT {PROD}",
    f"wget --method PATCH --body-data '{{\"a\":1}}' {PROD}",
    f"wget --body-file=b.json --method=POST {PROD}",
    f"wget --post-data a=1 {PROD}",
    f"wget -q -O out.json --post-file body.json {PROD}",
    f"curl -X DELETE {PROD}",
    f"curl --request DELETE {PROD}",
    f"curl --request=DELETE {PROD}",
    f"curl -XDELETE {PROD}",
    f"curl -sXPOST {PROD}",
    f"curl -sX DELETE {PROD}",
    f"curl -sSd @body.json {PROD}",
    f"curl -H 'Content-Type: application/json' --json '{{}}' {PROD}",
    f"curl -T file.bin {PROD}",
    f"curl --url {PROD} -X PUT",
    f"http -a user:pw DELETE {PROD}",
    f"http {PROD} name=x",
    f"http {PROD} count:=1",
    f"http -f {PROD} file@./a.txt",
    f"xh PUT {PROD} enabled:=true",
]

READING = [
    f"wget {PROD}",
    f"wget -qO- {PROD}",
    f"wget -O prod.json {PROD}",
    "wget -O prod.json --post-data x=1 http://localhost:8000/api",
    f"curl {PROD}",
    f"curl -sSL -o out.json {PROD}",
    f"curl -G -d 'q=status' {PROD}",
    f"curl -I {PROD}",
    "curl -D prod.headers -X POST http://localhost:8000/api",
    "curl -x http://proxy.prod.example.com:3128 -X POST https://api.staging.example.com/",
    f"http {PROD} q==term",
    f"http {PROD} Authorization:'Bearer x'",
    f"http --offline POST {PROD} a=1",
    f"xh {PROD} 'X-Trace:1'",
    "curl -X DELETE http://localhost:8080/items/1",
]


@pytest.mark.parametrize("command", CHANGING)
def test_changing_requests_to_production_are_denied(command: str, project: Path) -> None:
    decision = decide(command, project)
    assert "NET002" in ids(command, project), decision.findings
    assert decision.verdict == Verdict.DENY


@pytest.mark.parametrize("command", READING)
def test_reads_and_other_hosts_pass(command: str, project: Path) -> None:
    assert "NET002" not in ids(command, project), decide(command, project).findings


def test_message_names_method_and_host(project: Path) -> None:
    findings = decide(f"wget --method DELETE {PROD}", project).findings
    assert [f.message for f in findings if f.rule_id == "NET002"] == [
        "DELETE request to the production host api.prod.example.com"]
