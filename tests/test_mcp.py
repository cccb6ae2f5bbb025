"""MCP tools judged by name and arguments: a server's tool that runs a command, reads, writes,
edits, moves or deletes a file, or fetches a URL is judged as the agent's own tool would be.

The argument shapes are those of widely used servers: the reference filesystem server
(``read_text_file``, ``write_file``, ``edit_file``, ``move_file``), Desktop Commander
(``execute_command``, ``start_process``, ``edit_block``), shell servers (``shell_execute`` with an
argument vector), code runners, GitHub's and fetch servers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from railguard.config import Config
from railguard.engine import evaluate
from railguard.mcp import equivalents
from railguard.model import Action, Verdict


def mcp(tool: str, args: dict[str, Any], project: Path) -> Action:
    return Action("mcp", tool, args=args, cwd=str(project), project_dir=str(project))


def verdict(tool: str, args: dict[str, Any], project: Path) -> tuple[str, list[str]]:
    d = evaluate(mcp(tool, args, project), Config())
    return d.verdict.label, d.rule_ids


@pytest.mark.parametrize(
    ("tool", "args", "expected", "rule"),
    [
        # shells
        ("mcp__desktop-commander__execute_command", {"command": "rm -rf ~"}, "deny", "FS001"),
        ("mcp__desktop-commander__start_process", {"command": "git reset --hard",
                                                   "timeout_ms": 5000}, "deny", "GIT001"),
        ("mcp__shell__shell_execute", {"command": ["rm", "-rf", "/"]}, "deny", "FS001"),
        ("mcp__terminal__run", {"cmd": "cat .env"}, "deny", "CRED001"),
        ("mcp__shell__exec", {"command": "rm", "args": ["-rf", "/home"]}, "deny", "FS001"),
        ("mcp__desktop-commander__execute_command", {"command": "ls -la"}, "allow", None),
        ("mcp__desktop-commander__execute_command", {"command": "npm test"}, "allow", None),
        # code runners
        ("mcp__runner__run_python", {"code": "import shutil; shutil.rmtree('/home')"}, "deny",
         "FS001"),
        ("mcp__code__execute_code", {"language": "javascript",
                                     "code": "require('fs').rmSync('/etc', {recursive: true})"},
         "deny", "FS001"),
        ("mcp__code__execute_code", {"language": "python", "code": "print(1 + 1)"}, "allow", None),
        # files
        ("mcp__filesystem__read_text_file", {"path": ".env"}, "deny", "CRED001"),
        ("mcp__filesystem__read_multiple_files", {"paths": ["README.md", ".env"]}, "deny",
         "CRED001"),
        ("mcp__filesystem__read_text_file", {"path": "README.md"}, "allow", None),
        ("mcp__filesystem__write_file", {"path": ".claude/settings.json", "content": "{}"}, "deny",
         "SELF001"),
        ("mcp__filesystem__write_file", {"path": "terraform.tfstate", "content": "{}"}, "deny",
         "TFS001"),
        ("mcp__filesystem__write_file", {"path": "src/new.py", "content": "x = 1\n"}, "allow",
         None),
        ("mcp__filesystem__edit_file", {"path": ".git/hooks/pre-commit",
                                        "edits": [{"oldText": "lint", "newText": "exit 0"}]},
         "deny", "SELF002"),
        ("mcp__desktop-commander__edit_block", {"file_path": ".env", "old_string": "A=1",
                                                "new_string": "A=2"}, "deny", "CRED006"),
        ("mcp__filesystem__move_file", {"source": ".git", "destination": "/tmp/old-git"}, "deny",
         "FS015"),
        ("mcp__filesystem__move_file", {"source": "src/app.py", "destination": "src/main.py"},
         "allow", None),
        ("mcp__files__delete_directory", {"path": "~"}, "deny", "FS001"),
        ("mcp__files__delete_file", {"path": ".claude/settings.json"}, "deny", "SELF001"),
        ("mcp__files__deleteFile", {"path": "src/scratch.txt"}, "allow", None),
        ("mcp__filesystem__search_files", {"path": "~/.ssh", "pattern": "BEGIN"}, "deny",
         "CRED001"),
        ("mcp__filesystem__create_directory", {"path": "src/pkg"}, "allow", None),
        ("mcp__filesystem__list_directory", {"path": "~/.ssh"}, "allow", None),
        ("mcp__filesystem__get_file_info", {"path": ".env"}, "allow", None),
        # the web
        ("mcp__fetch__fetch", {"url": "https://api.prod.example.com/users"}, "deny", "NET003"),
        ("mcp__http__request", {"url": "https://prod.example.com/users/1", "method": "DELETE"},
         "deny", None),
        ("mcp__fetch__fetch", {"url": "https://docs.python.org/3/"}, "allow", None),
        # hosted repositories
        ("mcp__github__delete_repository", {"owner": "acme", "repo": "shop"}, "ask", "PUB"),
        ("mcp__github__get_file_contents", {"owner": "acme", "repo": "shop", "path": ".env"},
         "allow", None),
        # a tool railguard does not recognise: left to the agent's own permissions
        ("mcp__memory__create_entities", {"entities": [{"name": "x"}]}, "allow", None),
        # SQL stays with the database rules
        ("mcp__postgres__query", {"sql": "DROP TABLE orders;"}, "deny", "DB"),
    ],
)
def test_mcp_calls_are_judged_as_what_they_amount_to(tool: str, args: dict[str, Any],
                                                     expected: str, rule: str | None,
                                                     project: Path) -> None:
    got, ids = verdict(tool, args, project)
    assert got == expected, (tool, args, ids)
    if rule is not None:
        assert any(i.startswith(rule) for i in ids), ids


@pytest.mark.parametrize(
    ("tool", "args", "expected", "rule"),
    [
        # standard input, and text typed into a running process
        ("mcp__commands__run_command", {"command": "bash", "stdin": "rm -rf ~"}, "deny",
         "FS001"),
        ("mcp__shell__shell_execute", {"command": ["bash"], "stdin": "rm -rf ~"}, "deny",
         "FS001"),
        ("mcp__desktop-commander__interact_with_process", {"pid": 1, "input": "rm -rf ~"},
         "deny", "FS001"),
        ("mcp__commands__run_command", {"command": "cat", "stdin": "hello"}, "allow", None),
        # other spellings of a program and its arguments
        ("mcp__commands__run_process", {"mode": "executable", "argv": ["rm", "-rf", "/home"]},
         "deny", "FS001"),
        ("mcp__proc__run", {"program": "rm", "args": ["-rf", "/home"]}, "deny", "FS001"),
        # code under other keys, its language under other names
        ("mcp__code-runner__run-code", {"code": "import shutil; shutil.rmtree('/home')",
                                        "languageId": "python"}, "deny", "FS001"),
        ("mcp__run-python__run_python_code", {"python_code": "import shutil; "
                                              "shutil.rmtree('/home')"}, "deny", "FS001"),
        ("mcp__jupyter__append_execute_code_cell", {"cell_source": "import shutil; "
                                                    "shutil.rmtree('/home')"}, "deny", "FS001"),
        ("mcp__jupyter__execute_ipython", {"code": "print(2 + 2)"}, "allow", None),
        # command-line tools named by the server or the tool
        ("mcp__aws-api__call_aws", {"cli_command": "aws s3 rb s3://prod-data --force"}, "deny",
         "CLOUD002"),
        ("mcp__terraform__ExecuteTerraformCommand", {"command": "destroy",
                                                     "working_directory": "/tmp"}, "deny",
         "IAC001"),
        ("mcp__terraform__ExecuteTerraformCommand", {"command": "validate",
                                                     "working_directory": "/tmp"}, "allow", None),
        ("mcp__kubernetes__kubectl_delete", {"resourceType": "namespace", "name": "prod"},
         "deny", "K8S001"),
        ("mcp__kubernetes__delete_namespace", {"name": "prod"}, "deny", "K8S001"),
        ("mcp__kubernetes__uninstall_helm_chart", {"name": "web", "namespace": "prod"}, "deny",
         "K8S009"),
        ("mcp__kubernetes__kubectl_get", {"resourceType": "pods"}, "allow", None),
        # git servers
        ("mcp__git__git_reset", {"repo_path": ".", "mode": "hard"}, "deny", "GIT001"),
        ("mcp__git__git_push", {"repo_path": ".", "force": True}, "deny", "GIT015"),
        ("mcp__git__git_clean", {"repo_path": ".", "force": True}, "deny", "GIT002"),
        ("mcp__git__git_branch", {"repo_path": ".", "mode": "delete", "force": True,
                                  "branch_name": "feat"}, "ask", "GIT008"),
        ("mcp__git__git_status", {"repo_path": "."}, "allow", None),
        ("mcp__git__git_reset", {"repo_path": "."}, "allow", None),  # unstages only
        # a read tool given a URL fetches it; an upload sends a local file
        ("mcp__desktop-commander__read_file", {"path": "https://admin.prod.example.com/users",
                                               "isUrl": True}, "deny", "NET003"),
        ("mcp__playwright__browser_file_upload", {"paths": [".env"]}, "deny", "CRED001"),
        ("mcp__playwright__browser_file_upload", {"paths": ["README.md"]}, "allow", None),
    ],
)
def test_more_server_shapes(tool: str, args: dict[str, Any], expected: str, rule: str | None,
                            project: Path) -> None:
    got, ids = verdict(tool, args, project)
    assert got == expected, (tool, args, ids)
    if rule is not None:
        assert any(i.startswith(rule) for i in ids), ids


def test_wrapped_arguments_and_other_agents_names(project: Path) -> None:
    # one object nested under a single key
    assert verdict("mcp__shell__run_command", {"params": {"command": "rm -rf ~"}},
                   project)[0] == "deny"
    # Gemini CLI's and Cursor's spellings of an MCP tool's name
    assert verdict("mcp_shell_execute_command", {"command": "rm -rf ~"}, project)[0] == "deny"
    assert verdict("MCP:run_terminal_cmd", {"command": "rm -rf ~"}, project)[0] == "deny"


def test_a_working_directory_argument_is_where_paths_resolve(project: Path,
                                                             tmp_path: Path) -> None:
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    acts = equivalents(mcp("mcp__shell__run_command", {"command": "rm -rf ..",
                                                       "cwd": str(project)}, project))
    assert [a.cwd for a in acts] == [str(project)]
    assert verdict("mcp__shell__run_command", {"command": "rm -rf ..", "cwd": str(project)},
                   project)[0] == "deny"


def test_odd_arguments_are_not_a_crash(project: Path) -> None:
    for args in ({"command": None}, {"command": 42}, {"command": ["rm", 3]}, {"path": ["x"]},
                 {"paths": "notalist"}, {"url": "ftp://x"}, {"edits": "x", "path": "a"},
                 {"params": {"params": {"command": "rm -rf ~"}}}, {}):
        evaluate(mcp("mcp__files__write_file", args, project), Config())
        evaluate(mcp("mcp__shell__execute_command", args, project), Config())


def test_the_hook_refuses_an_mcp_shell_call(hook: Any) -> None:
    r = hook.tool("mcp__desktop-commander__execute_command", command="rm -rf ~")
    assert r.returncode == 0 and r.decision == "deny", r
    assert "FS001" in (r.reason or "")
    r = hook.tool("mcp__filesystem__read_text_file", path=".env")
    assert r.decision == "deny" and "CRED001" in (r.reason or "")
    r = hook.tool("mcp__filesystem__read_text_file", path="README.md")
    assert r.returncode == 0 and r.decision is None and r.stdout == ""


@pytest.mark.parametrize(("tool", "args"), [
    ("mcp__aws__delete_bucket", {"bucket": "prod-assets"}),
    ("mcp__vercel__delete_deployment", {"id": "dpl_1"}),
    ("mcp__cloudflare__d1_database_delete", {"database_id": "x"}),
    ("mcp__stripe__cancel_subscription", {"subscription": "sub_1"}),
    ("mcp__linear__deleteIssue", {"id": "LIN-1"}),
    ("mcp__redis__flush_all", {}),
])
def test_a_server_tool_that_deletes_what_railguard_cannot_see_asks(
        tool: str, args: dict[str, object], project: Path) -> None:
    d = evaluate(Action("mcp", tool, args=args, cwd=str(project), project_dir=str(project)),
                 Config())
    assert d.verdict >= Verdict.ASK, (tool, d.findings)


@pytest.mark.parametrize(("tool", "args"), [
    ("mcp__aws__list_buckets", {}), ("mcp__linear__create_issue", {"title": "x"}),
    ("mcp__github__get_deleted_branches", {"owner": "o", "repo": "r"}),
    ("mcp__files__deleteFile", {"path": "src/scratch.txt"}),
])
def test_server_tools_that_read_or_create_pass(tool: str, args: dict[str, object],
                                               project: Path) -> None:
    d = evaluate(Action("mcp", tool, args=args, cwd=str(project), project_dir=str(project)),
                 Config())
    assert d.verdict == Verdict.ALLOW, (tool, d.findings)


@pytest.mark.parametrize(("tool", "expected"), [
    ("mcp__vault__read_secret", "deny"), ("mcp__aws__get_secret_value", "deny"),
    ("mcp__1password__reveal_password", "deny"), ("mcp__gcp__access_secret_version", "deny"),
    ("mcp__vault__list_secrets", "allow"), ("mcp__github__get_secret_scanning_alert", "allow"),
    ("mcp__github__get_file_contents", "allow"),
])
def test_a_server_tool_that_hands_back_a_secret_is_denied(tool: str, expected: str,
                                                          project: Path) -> None:
    d = evaluate(Action("mcp", tool, args={"name": "db"}, cwd=str(project),
                        project_dir=str(project)), Config())
    assert d.verdict.label == expected, (tool, d.findings)
    if expected == "deny":
        assert "CRED004" in d.rule_ids
