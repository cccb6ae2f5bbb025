"""Commands that cloud and VM tools run on another machine, read for ``shell.analyze``'s walk.

``gcloud compute ssh VM --command CMD``, ``aws ssm send-command --parameters commands=CMD``,
``heroku run CMD``, ``fly ssh console -C CMD``, ``az vm run-command invoke --scripts CMD`` and
their kind run CMD on a server, often a production one: CMD is judged as the command it is, as
on the far side of ``ssh host CMD`` (paths there are the remote machine's, ``~`` its home).
A command known only at run time is not allowed silently.

Imported only when one of ``PROGRAMS`` runs.
"""

from __future__ import annotations

import json
import shlex

from railguard.model import Invocation, Word

TYPE_CHECKING = False
if TYPE_CHECKING:
    from railguard.shell.analyze import _Walk

PROGRAMS = frozenset({"gcloud", "aws", "heroku", "fly", "flyctl", "az", "doctl", "vagrant",
                      "multipass", "lxc", "incus", "docker-machine"})

#: heroku's options for ``run`` that take a value (they may come after the command's words)
_HEROKU_VALUED = frozenset({"-a", "--app", "-r", "--remote", "-s", "--size", "-e", "--env",
                            "--type"})
_HEROKU_FLAGS = frozenset({"-x", "--exit-code", "--no-tty", "--no-notify", "--listen"})


def _value(args: list[Word], i: int, names: tuple[str, ...]) -> tuple[Word | None, int]:
    """The value of option ``args[i]`` when it is one of ``names`` (``--opt V``, ``--opt=V``,
    ``-CV`` for a one-letter name), and how many words it took."""
    t = args[i].text
    for n in names:
        if t == n and i + 1 < len(args):
            return args[i + 1], 2
        if n.startswith("--") and t.startswith(n + "="):
            return Word(t[len(n) + 1:], args[i].dynamic), 1
        if not n.startswith("--") and t.startswith(n) and len(t) > len(n):
            return Word(t[len(n):], args[i].dynamic), 1
    return None, 0


def _option_values(args: list[Word], names: tuple[str, ...]) -> list[Word]:
    out: list[Word] = []
    i = 0
    while i < len(args):
        if args[i].text == "--":
            break
        v, took = _value(args, i, names)
        if v is not None:
            out.append(v)
            i += took
        else:
            i += 1
    return out


def _after_dashes(args: list[Word]) -> list[Word]:
    texts = [w.text for w in args]
    return args[texts.index("--") + 1:] if "--" in texts else []


def _ssm_commands(value: Word) -> list[Word] | None:
    """The shell lines of ``aws ssm send-command --parameters``: JSON
    (``{"commands": [...]}``) or the shorthand (``commands=CMD``, ``commands=[a,b]``); None
    when they cannot be read (a file, a value known only at run time)."""
    if value.dynamic:
        return None
    text = value.text.strip()
    if text.startswith(("file://", "fileb://")):
        return None
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return None
        lines = data.get("commands") if isinstance(data, dict) else None
        if isinstance(lines, str):
            lines = [lines]
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            return None
        return [Word(x) for x in lines]
    found: list[Word] = []
    for part in _shorthand_items(text):
        key, eq, val = part.partition("=")
        if not eq or key.strip() != "commands":
            continue
        val = val.strip()
        if val.startswith("[") and val.endswith("]"):
            items = [x.strip() for x in _split_top(val[1:-1])]
            found.extend(Word(_unquote(x)) for x in items if x)
        else:
            found.append(Word(_unquote(val)))
    return found


def _shorthand_items(text: str) -> list[str]:
    """``commands=[a,b],workingDirectory=/x``: the top-level ``key=value`` items."""
    return _split_top(text)


def _split_top(text: str) -> list[str]:
    items: list[str] = []
    cur: list[str] = []
    depth, quote = 0, ""
    for c in text:
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "," and depth == 0:
            items.append("".join(cur))
            cur = []
            continue
        cur.append(c)
    items.append("".join(cur))
    return items


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _words_to_code(words: list[Word], *, joined: bool = False) -> Word:
    """Several words (``heroku run rails db:drop``) as one line of shell code: each quoted
    when the tool runs them as an argv, or ``joined`` by spaces into one line, as ssh does,
    when the remote shell reads them."""
    dynamic = any(w.dynamic for w in words)
    if len(words) == 1:
        return words[0]
    if joined:
        return Word(" ".join(w.text for w in words), dynamic)
    return Word(" ".join(shlex.quote(w.text) for w in words), dynamic)


def commands(inv: Invocation, name: str) -> tuple[str, list[Word]] | None:
    """What ``inv`` runs on another machine: a label naming where, and the code (one word per
    command line). None when it runs nothing there (an interactive session, another verb)."""
    args = inv.args
    texts = [w.text for w in args]
    if name == "gcloud":
        if "ssh" not in texts:
            return None
        at = texts.index("ssh")
        target = next((t for t in texts[at + 1:] if not t.startswith("-")), "a VM")
        code = _option_values(args[at + 1:], ("--command",))
        extra = _after_dashes(args[at + 1:])
        if extra and not extra[0].text.startswith("-"):
            code.append(_words_to_code(extra, joined=True))
        return f"gcloud {' '.join(texts[:at + 1])} {target}", code
    if name == "aws":
        if "ssm" in texts and "send-command" in texts:
            code = []
            for v in _option_values(args, ("--parameters",)):
                lines = _ssm_commands(v)
                code.extend(lines if lines is not None else [Word(v.text, True)])
            return "aws ssm send-command", code
        if "ecs" in texts and "execute-command" in texts:
            return "aws ecs execute-command", _option_values(args, ("--command",))
        return None
    if name == "heroku":
        sub = next((t for t in texts if not t.startswith("-")), "")
        if sub not in ("run", "run:detached", "run:inside"):
            return None
        at = texts.index(sub)
        rest = args[at + 1:]
        if "--" in texts[at + 1:]:
            cmd = _after_dashes(rest)
        else:
            cmd, i = [], 0
            while i < len(rest):
                t = rest[i].text
                key = t.split("=", 1)[0]
                if key in _HEROKU_VALUED:
                    i += 1 if "=" in t else 2
                    continue
                if t in _HEROKU_FLAGS:
                    i += 1
                    continue
                cmd.append(rest[i])
                i += 1
            if sub == "run:inside" and cmd:
                cmd = cmd[1:]  # the dyno's name
        app = _option_values(args, ("-a", "--app"))
        where = f" -a {app[0].text}" if app else ""
        return f"heroku {sub}{where}", [_words_to_code(cmd, joined=True)] if cmd else []
    if name in ("fly", "flyctl"):
        if texts[:2] == ["ssh", "console"]:
            return f"{name} ssh console", _option_values(args[2:], ("-C", "--command"))
        if texts[:2] in (["machine", "exec"], ["machines", "exec"]):
            ops = [w for w in args[2:] if not w.text.startswith("-")]
            return f"{name} machine exec", ops[1:2]
        return None
    if name == "az":
        if texts[:2] == ["vm", "run-command"] and len(texts) > 2 and \
                texts[2] in ("invoke", "create", "update"):
            scripts = _option_values(args, ("--scripts", "--script"))
            # ``--scripts`` takes every word up to the next option: each is a line
            if "--scripts" in texts:
                at = texts.index("--scripts") + 2
                while at < len(args) and not texts[at].startswith("-"):
                    scripts.append(args[at])
                    at += 1
            return f"az vm run-command {texts[2]}", scripts
        if texts[:2] == ["container", "exec"]:
            return "az container exec", _option_values(args, ("--exec-command",))
        return None
    if name == "doctl":
        if texts[:2] != ["compute", "ssh"]:
            return None
        return "doctl compute ssh", _option_values(args, ("--ssh-command",))
    if name == "vagrant":
        if not texts or texts[0] != "ssh":
            return None
        code = _option_values(args[1:], ("-c", "--command"))
        extra = _after_dashes(args[1:])
        return "vagrant ssh", code + ([_words_to_code(extra, joined=True)] if extra else [])
    if name == "multipass":
        if not texts or texts[0] != "exec":
            return None
        extra = _after_dashes(args)
        return "multipass exec", [_words_to_code(extra)] if extra else []
    if name in ("lxc", "incus"):
        if not texts or texts[0] != "exec":
            return None
        extra = _after_dashes(args)
        return f"{name} exec", [_words_to_code(extra)] if extra else []
    if name == "docker-machine":
        if not texts or texts[0] != "ssh":
            return None
        ops = [w for w in args[1:] if not w.text.startswith("-")]
        return "docker-machine ssh", ([_words_to_code(ops[1:], joined=True)] if len(ops) > 1
                                      else [])
    return None


def judge(walk: _Walk, inv: Invocation, name: str, depth: int, out: list[Invocation]) -> None:
    """Hand what ``inv`` runs on another machine to the walk, as remote code."""
    found = commands(inv, name)
    if found is None:
        return
    label, code = found
    for word in code:
        if word.dynamic:
            walk.an.problem("dynamic_code", f"the command {label} runs on the remote machine "
                            "is known only at run time", inv)
            continue
        if word.text.strip():
            walk._nested(word.text, inv, label, depth, out, remote=True)
