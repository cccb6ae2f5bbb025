"""Cloud SDK calls in inline code and scripts, as the cloud CLI calls they amount to.

``boto3.client("s3").delete_bucket(Bucket="prod")`` is ``aws s3api delete-bucket --bucket prod``;
``new DeleteBucketCommand({Bucket: "prod"})`` (AWS SDK for JavaScript v3) is the same call;
``storage.Client().bucket("media").delete(force=True)`` is ``gcloud storage rm --recursive
gs://media``; ``ResourceManagementClient(...).resource_groups.begin_delete("prod")`` is ``az
group delete --name prod``. Each recognised call becomes that argv, and the cloud pack judges it
as if it had been typed, with the same rules and messages.

boto3 operations map one to one to ``aws`` commands: the client's service (``s3`` is ``aws
s3api``), the operation in kebab case, and each keyword argument as an option
(``DBInstanceIdentifier="x"`` -> ``--db-instance-identifier=x``, ``SkipFinalSnapshot=True`` ->
``--skip-final-snapshot``, ``DeletionProtection=False`` -> ``--no-deletion-protection``). The
JavaScript SDKs (v3 ``XxxCommand`` classes from ``@aws-sdk/client-SERVICE``, v3 aggregated and
v2 clients with camel-case methods) map the same way. Resource-style calls
(``Bucket("x").objects.all().delete()``, ``Instance(id).terminate()``) become the CLI call that
does the same (``aws s3 rm s3://x --recursive``, ``aws ec2 terminate-instances``), and a loop
that deletes every item of a collection is the bulk delete it amounts to.

Clients, resources and the objects they hand out are followed through simple assignments
(``c = boto3.client("rds")``, ``self.s3 = ...``, ``const s3 = new S3Client({})``, ``with ...
as c``, ``for obj in bucket.objects.all()``), imports under other names and literal values.
Reads (``list_*``, ``get_*``, ``describe_*``, ...) produce nothing. A delete-like call
(delete, terminate, destroy, purge, ...) whose service or receiver cannot be read is not
passed: it becomes a call the cloud pack asks about (``aws unknown-service delete-x``, ``gcloud
unknown-service delete``, ``az resource delete``). An operation named at run time
(``getattr(client, op)``, ``client[op]``) is reported as a problem.

This is a recogniser, not an interpreter: scopes, branches and function calls are not followed;
a name takes the value of its nearest assignment before the use (or, if there is none, the first
one after it, as a function defined before a global it uses).
"""

from __future__ import annotations

import bisect
import re

from railguard.shell.inline import _REBIND, _STR, _VAR, _lit_in, _split_span, code_only

#: at most this many assignments, loops and ``with`` statements are read, and this many chains
#: that start from an SDK value: more is reported as a problem (the engine asks)
_MAX_STATEMENTS = 4000
_MAX_USES = 4000

#: how a literal value starts (strings, numbers, lists, dicts)
_LITERAL_START = re.compile(r"['\"`\[{(\-\d]|(?:True|False|None|true|false|null)\b")

#: a value that is not a literal (a variable, a call): unknown here
UNKNOWN = object()

#: what a Python name or a JavaScript package gives access to, per provider
_PY_ROOTS = {"boto3": "aws", "aioboto3": "aws", "botocore": "aws", "google": "gcp",
             "googleapiclient": "gcp", "azure": "azure"}

#: verbs of calls that delete, whatever object they are called on (with a suffix or without:
#: ``delete_bucket``, ``bucket.delete()``)
_DELETE_VERBS = ("delete", "terminate", "destroy", "purge")
#: verbs that delete only with a suffix (``deregister_image``); ``remove``, ``release`` and
#: ``close`` are left to calls on known clients, where every operation is judged
_SUFFIX_VERBS = ("deregister", "batch_delete", "begin_delete", "schedule_key_deletion",
                 "recursive_delete")

#: operation name prefixes (snake case) that only read
_READ_PREFIXES = ("get_", "list_", "describe_", "head_", "batch_get_", "select_", "lookup_",
                  "search_", "scan", "query", "generate_", "download_", "test_", "validate_",
                  "estimate_", "preview_", "simulate_", "check_", "can_", "wait", "poll_",
                  "filter_", "export_", "admin_get_", "admin_list_", "view_", "detect_",
                  "verify_", "decrypt", "encrypt", "sign", "assume_", "receive_")
#: client methods that are not API operations
_CLIENT_HELPERS = frozenset({
    "get_paginator", "get_waiter", "can_paginate", "close", "generate_presigned_url",
    "generate_presigned_post", "upload_file", "upload_fileobj", "download_file",
    "download_fileobj", "copy", "send", "destroy", "middleware_stack", "config", "meta",
    "exceptions", "promise", "then", "on", "with_options"})

# -- names -------------------------------------------------------------------------------------

_WORDS_RX = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")


def words(name: str) -> list[str]:
    """``DBInstanceIdentifier`` / ``deleteDBInstance`` / ``delete_db_instance`` in lower-case
    words, the way botocore splits names (``ListObjectsV2`` -> list, objects, v2)."""
    out: list[str] = []
    for chunk in re.split(r"[_\-\s]+", name):
        out.extend(w.lower() for w in _WORDS_RX.findall(chunk))
    return out


def kebab(name: str) -> str:
    return "-".join(words(name))


def snake(name: str) -> str:
    return "_".join(words(name))


def _delete_like(method: str) -> bool:
    """Is the (snake-case) method name a delete-like operation?"""
    return method in _DELETE_VERBS or method.startswith(
        tuple(v + "_" for v in _DELETE_VERBS)) or method.startswith(_SUFFIX_VERBS)


#: ``@aws-sdk/client-X`` packages and v2 class names whose CLI service name differs
_AWS_SERVICE_NAMES = {
    "secrets-manager": "secretsmanager", "auto-scaling": "autoscaling",
    "elastic-load-balancing-v2": "elbv2", "elastic-load-balancing": "elb",
    "cognito-identity-provider": "cognito-idp", "cognitoidentityserviceprovider": "cognito-idp",
    "elasticsearch-service": "es", "sfn": "stepfunctions", "api-gateway": "apigateway",
    "cloudwatch-logs": "logs", "cloudwatchlogs": "logs", "route-53": "route53",
    "elastic-beanstalk": "elasticbeanstalk", "s3-control": "s3control",
    "dynamodb-streams": "dynamodbstreams", "eventbridge": "events",
    "cloudwatchevents": "events", "redshiftserverless": "redshift-serverless",
    "docdbelastic": "docdb-elastic", "timestreamwrite": "timestream-write",
    "rdsdataservice": "rds-data", "lib-dynamodb": "dynamodb",
}
#: ``@aws-sdk/lib-dynamodb`` and v2 DocumentClient operations -> the DynamoDB operation
_DOC_OPS = {"delete": "delete-item", "put": "put-item", "update": "update-item",
            "batch_write": "batch-write-item", "transact_write": "transact-write-items"}

# -- values ------------------------------------------------------------------------------------


class V:
    """What an expression holds: a module, a client, a resource, a bucket ... of one provider.

    ``kind`` says which; ``svc`` the service (an AWS service, an Azure management client kind,
    a Google API); ``name`` the resource's name or a class name; ``ids`` the identifiers the
    SDK fills in (boto3 resource identifiers, a container and blob name); ``loop`` where the
    ``for`` statement is when the value is one item of a collection being iterated over."""

    __slots__ = ("extra", "ids", "kind", "loop", "name", "prov", "svc")

    def __init__(self, kind: str, prov: str, svc: str | None = None, name: str | None = None,
                 ids: dict[str, object] | None = None, extra: object = None,
                 loop: int = -1) -> None:
        self.kind = kind
        self.prov = prov
        self.svc = svc
        self.name = name
        self.ids = ids or {}
        self.extra = extra
        self.loop = loop

    def but(self, **changes: object) -> V:
        out = V(self.kind, self.prov, self.svc, self.name, dict(self.ids), self.extra, self.loop)
        for k, val in changes.items():
            setattr(out, k, val)
        return out


class Lit:
    """A literal value bound to a name (a string, a number, a list or a dict)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


Bound = V | Lit | None


class Args:
    """A call's arguments: positional values and keyword values (literals, SDK values, or
    UNKNOWN)."""

    __slots__ = ("kw", "pos")

    def __init__(self) -> None:
        self.pos: list[object] = []
        self.kw: dict[str, object] = {}

    def arg(self, index: int, *names: str) -> object:
        for n in names:
            if n in self.kw:
                return self.kw[n]
        return self.pos[index] if 0 <= index < len(self.pos) else UNKNOWN

    def text(self, index: int, *names: str) -> str | None:
        v = self.arg(index, *names)
        if isinstance(v, V) and v.name:
            return v.name
        return v if isinstance(v, str) else None

    def params(self) -> dict[str, object]:
        """Keyword arguments, or (JavaScript) the object given first."""
        out = dict(self.kw)
        if self.pos and isinstance(self.pos[0], dict):
            out.update(self.pos[0])
        return out


# -- reading code ------------------------------------------------------------------------------


class Step:
    __slots__ = ("args", "kind", "name", "pos")

    def __init__(self, kind: str, name: str, pos: int, args: list[str] | None = None) -> None:
        self.kind = kind  # attr, call, index
        self.name = name
        self.pos = pos
        self.args = args or []


_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_GAP = re.compile(r"[ \t]*(?:\\?\n[ \t]*)*")


def parse_chain(code: str, bare: str, i: int) -> tuple[str, list[Step], int] | None:
    """``root.attr(args)[index].attr ...`` from ``i``: the root name, its steps and where the
    chain ends. At most 64 steps."""
    m = _IDENT.match(bare, i)
    if m is None:
        return None
    root = m.group(0)
    steps: list[Step] = []
    i = m.end()
    n = len(code)
    for _ in range(64):
        j = i
        while j < n and bare[j] in " \t":
            j += 1
        c = bare[j : j + 1]
        if c in ("(", "["):
            args, end = _split_span(code, j + 1, True)
            close = ")" if c == "(" else "]"
            if end >= n or code[end] != close:
                break
            steps.append(Step("call" if c == "(" else "index", "", j, args))
            i = end + 1
            continue
        g = _GAP.match(bare, i)
        j = g.end() if g else i
        if bare.startswith("?.", j):
            j += 2
        elif bare.startswith(".", j) and not bare.startswith("..", j):
            j += 1
        else:
            break
        while j < n and bare[j] in " \t":
            j += 1
        a = _IDENT.match(bare, j)
        if a is None:
            break
        steps.append(Step("attr", a.group(0), a.start()))
        i = a.end()
    return root, steps, i


def _split_top(text: str, sep: str) -> tuple[str, str] | None:
    """``key: value`` split at the first ``sep`` outside strings and brackets."""
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            m = _str_rx().match(text, i)
            if m is None:
                return None
            i = m.end()
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            return text[:i], text[i + 1 :]
        i += 1
    return None


# -- the reader --------------------------------------------------------------------------------


class Reader:
    """One piece of code in one language: its bindings, and the SDK calls its chains make."""

    def __init__(self, lang: str, code: str) -> None:
        self.lang = lang
        self.code = code
        self.bare = code_only(lang, code)
        self.bindings: dict[str, list[tuple[int, Bound]]] = {}
        self.positions: dict[str, list[int]] = {}
        self.assigned: dict[str, int] = {}
        self.calls: list[list[str]] = []
        self.problems: list[str] = []
        #: where a method of a known SDK value is named (those calls are judged by what they are)
        self.handled: set[int] = set()
        self.emit = False
        self.providers = self._providers()

    # -- providers and bindings ----------------------------------------------------------------

    def _providers(self) -> list[str]:
        out = []
        if self.lang == "python":
            for prov, rx in (("aws", r"\b(?:boto3|aioboto3|botocore)\b"),
                             ("gcp", r"\bgoogle(?:\.cloud|apiclient)\b"),
                             ("azure", r"\bazure\.")):
                if re.search(rx, self.bare):
                    out.append(prov)
        else:
            for prov, rx in (("aws", r"""['"`](?:@aws-sdk/|aws-sdk\b)"""),
                             ("gcp", r"""['"`]@google-cloud/"""),
                             ("azure", r"""['"`]@azure/""")):
                if re.search(rx, self.code):
                    out.append(prov)
        return out

    def bind(self, name: str, pos: int, value: Bound) -> None:
        if isinstance(value, V) and value.kind == "unknown":
            value = None  # what an SDK call returns: not followed
        if value is None and name not in self.bindings:
            return
        seq = self.bindings.setdefault(name, [])
        at = self.positions.setdefault(name, [])
        k = bisect.bisect_right(at, pos)  # events come in order, but ``for`` binds at its line
        seq.insert(k, (pos, value))
        at.insert(k, pos)

    def lookup(self, name: str, pos: int) -> Bound:
        seq = self.bindings.get(name)
        if not seq:
            return None
        k = bisect.bisect_right(self.positions[name], pos)
        return seq[k - 1][1] if k else seq[0][1]

    def read(self) -> None:
        self._imports()
        self._statements()
        self.emit = True
        self._uses()
        self._unfollowed()
        self._fallback()

    def _imports(self) -> None:
        if self.lang != "node":
            return
        for m in re.finditer(rf"\bimport\s+(?:(?P<d>[\w$]+)\s*,?\s*)?(?:\*\s*as\s+(?P<ns>[\w$]+)|"
                             rf"\{{(?P<names>[^{{}}]*)\}})?\s*from\s*(?P<pkg>{_STR})", self.code):
            if self.bare[m.start()] != "i":
                continue
            pkg = _lit_in("node", m.group("pkg")) or ""
            mod = self.module(pkg)
            if mod is None:
                continue
            for name in (m.group("d"), m.group("ns")):
                if name:
                    self.bind(name, m.start(), mod)
            for item in (m.group("names") or "").split(","):
                parts = item.split()
                if not parts:
                    continue
                alias = parts[2] if len(parts) == 3 and parts[1] == "as" else parts[0]
                for name in {parts[0], alias}:
                    self.bind(name, m.start(), self.attr(mod, parts[0]))

    _ASSIGN = re.compile(
        r"(?:^|(?<=[;{}\n]))[ \t]*(?:(?:export\s+)?(?:const|let|var)\s+)?"
        r"(?P<t>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t]*(?::[^=\n;{}(),]{1,80}?)?"
        r"=(?![=>])", re.MULTILINE)
    _DESTRUCTURE = re.compile(r"\b(?:const|let|var)\s*\{(?P<names>[^{}]*)\}\s*=(?!=)")
    #: what may stand between ``=`` and the value (read in the code: in the code without its
    #: strings, a string is blanks)
    _RHS = re.compile(r"[ \t]*(?:await\s+)?(?:new\s+)?")
    _FOR_PY = re.compile(r"\bfor\s+(?P<t>[A-Za-z_]\w*)\s+in\s+")
    _FOR_JS = re.compile(r"\bfor\s*(?:await\s*)?\(\s*(?:const|let|var)?\s*(?P<t>[\w$]+)\s+of\s+")
    _WITH = re.compile(r"\bwith\s+(?:await\s+)?")

    def _statements(self) -> None:
        events: list[tuple[int, str, re.Match[str]]] = []
        for m in self._ASSIGN.finditer(self.bare):
            events.append((m.start("t"), "assign", m))
            self.assigned[m.group("t")] = self.assigned.get(m.group("t"), 0) + 1
        if self.lang == "node":
            events.extend((m.start(), "destructure", m)
                          for m in self._DESTRUCTURE.finditer(self.bare))
            events.extend((m.start(), "for", m) for m in self._FOR_JS.finditer(self.bare))
        else:
            events.extend((m.start(), "for", m) for m in self._FOR_PY.finditer(self.bare))
            events.extend((m.start(), "with", m) for m in self._WITH.finditer(self.bare))
        events.sort(key=lambda e: e[0])
        rebound = self._rebound()
        if len(events) > _MAX_STATEMENTS:
            self.problems.append("binds more names than can be followed")
        for pos, kind, m in events[:_MAX_STATEMENTS]:
            start = m.end()
            if kind in ("assign", "destructure"):
                rhs = self._RHS.match(self.code, start)
                start = rhs.end() if rhs else start
            if kind == "assign":
                name = m.group("t")
                value = self.literal(self.code[start:self._stmt_end(start)]) \
                    if _LITERAL_START.match(self.code, start) else UNKNOWN
                if value is not UNKNOWN:
                    # a literal: known only if the name is bound once, and no other way
                    once = self.assigned.get(name) == 1 and name not in rebound
                    self.bind(name, pos, Lit(value) if once else None)
                    continue
                self.bind(name, pos, self.expression(start))
            elif kind == "destructure":
                value = self.expression(start)
                for item in m.group("names").split(","):
                    key, _, alias = item.partition(":")
                    key, alias = key.strip(), (alias or key).split("=")[0].strip()
                    if key and alias and not key.startswith("..."):
                        # the key too: calls under the alias are spelt with the key's name
                        for name in {key, alias}:
                            self.bind(name, pos, self.attr(value, key) if value else None)
            elif kind == "for":
                value = self.expression(start)
                line = self.bare.rfind("\n", 0, pos) + 1
                if isinstance(value, V):
                    self.bind(m.group("t"), line, self.item(value, pos))
                else:
                    self.bind(m.group("t"), line, None)
            elif kind == "with":
                chain = parse_chain(self.code, self.bare, start)
                if chain is None:
                    continue
                after = re.compile(r"\s*as\s+([A-Za-z_]\w*)").match(self.bare, chain[2])
                if after:
                    self.bind(after.group(1), pos, self.evaluate(chain, start))

    def _rebound(self) -> set[str]:
        """Names bound other than by a plain assignment: changed in place (``x += 1``), loop
        variables, parameters, ``as`` targets."""
        out = set(re.findall(r"(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*(?:\*\*|//|>>|<<|\?\?|\|\||"
                             r"&&|[-+*/%&|^@])=(?!=)|(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*"
                             r"(?:\+\+|--)", self.bare))
        names = {a or b for a, b in out}
        var = _VAR.get(self.lang, r"([A-Za-z_$][\w$]*)")
        for pattern in _REBIND.get(self.lang, ()):
            for m in re.finditer(pattern, self.bare, re.MULTILINE):
                names.update(re.findall(var, m.group(1) if m.groups() else ""))
        return names

    def _stmt_end(self, start: int) -> int:
        """Where the statement from ``start`` ends: a newline or ``;`` outside brackets."""
        _, end = _split_span(self.code, start, parens=False)
        return end

    def expression(self, start: int) -> V | None:
        """The value of the expression at ``start`` when it is a chain (``a.b(c).d``)."""
        head = _IDENT.match(self.bare, start)
        if head is None or (head.group(0) not in self.bindings and
                            self.root(head.group(0), start) is None):
            return None  # not from an SDK value: not worth reading
        chain = parse_chain(self.code, self.bare, start)
        if chain is None:
            return None
        value = self.evaluate(chain, start)
        return value if isinstance(value, V) else None

    # -- values of text --------------------------------------------------------------------

    def literal(self, text: str, pos: int = -1) -> object:
        """A literal's value: a string, a number (as text), True/False/None, a list or a dict
        of those, an SDK value a name holds, or UNKNOWN."""
        t = text.strip()
        if not t:
            return UNKNOWN
        if t[0] in "'\"`":
            value = _lit_in(self.lang, t) if _str_rx().fullmatch(t) else None
            return value if value is not None else UNKNOWN
        if re.fullmatch(r"-?\d+(?:\.\d+)?", t):
            return t
        if t in ("True", "true"):
            return True
        if t in ("False", "false"):
            return False
        if t in ("None", "null", "undefined"):
            return None
        if (t[0], t[-1]) in (("[", "]"), ("(", ")")):
            inner, end = _split_span(t, 1, True)
            if end != len(t) - 1:
                return UNKNOWN
            return [self.literal(x, pos) for x in inner]
        if t[0] == "{" and t[-1] == "}":
            items, end = _split_span(t, 1, True)
            if end != len(t) - 1:
                return UNKNOWN
            out: dict[str, object] = {}
            for item in items:
                if item.startswith(("...", "**")):
                    continue
                kv = _split_top(item, ":")
                if kv is None:
                    if _IDENT.fullmatch(item):
                        out[item] = self.literal(item, pos)  # ``{Bucket}``
                    continue
                key = kv[0].strip()
                k = _lit_in(self.lang, key) if key[:1] in "'\"`" else key
                if k is not None and k:
                    out[k] = self.literal(kv[1], pos)
            return out
        if pos >= 0 and re.fullmatch(r"[A-Za-z_$][\w$.]*", t):
            bound = self.lookup(t, pos)
            if isinstance(bound, Lit):
                return bound.value
            if isinstance(bound, V):
                return bound
        return UNKNOWN

    def arguments(self, texts: list[str], pos: int) -> Args:
        out = Args()
        for t in texts:
            if self.lang == "python":
                if t.startswith("**"):
                    value = self.literal(t[2:], pos)
                    if isinstance(value, dict):
                        out.kw.update(value)
                    continue  # keywords not written out: left out (see _aws_options)
                kw = re.match(r"([A-Za-z_]\w*)\s*=(?!=)", t)
                if kw:
                    out.kw[kw.group(1)] = self.literal(t[kw.end():], pos)
                    continue
            out.pos.append(self.literal(t, pos))
        return out

    # -- evaluation ------------------------------------------------------------------------

    def root(self, name: str, pos: int) -> Bound:
        bound = self.lookup(name, pos)
        if bound is not None:
            return bound
        if self.lang == "python" and name in _PY_ROOTS:
            return V("mod", _PY_ROOTS[name], name=name)
        if self.lang == "node" and name in ("require", "import"):
            return V("require", "")
        return None

    def evaluate(self, chain: tuple[str, list[Step], int], pos: int) -> Bound:
        root, steps, _ = chain
        value = self.root(root, pos)
        path: str | None = root
        k = 0
        while k < len(steps):
            step = steps[k]
            if step.kind == "attr":
                nxt = steps[k + 1] if k + 1 < len(steps) else None
                if path is not None:
                    path = f"{path}.{step.name}"
                    bound = self.lookup(path, pos)
                    if bound is not None:
                        value = bound
                        k += 1
                        continue
                if not isinstance(value, V):
                    value = None
                    k += 1
                    continue
                if nxt is not None and nxt.kind == "call":
                    known = value.kind not in ("unknown", "require")
                    before = len(self.calls)
                    value = self.method(value, step.name, self.arguments(nxt.args, pos),
                                        step.pos)
                    method = snake(step.name) if self.lang == "node" else step.name
                    if self.emit and known and (len(self.calls) > before
                                                or not _delete_like(method)):
                        # judged by what it is; a delete this reader does not know on a
                        # known client is left to the fallback (asked about)
                        self.handled.add(step.pos)
                    path = None
                    k += 2
                    continue
                value = self.attr(value, step.name)
            elif step.kind == "call":
                path = None
                if isinstance(value, V):
                    value = self.call(value, self.arguments(step.args, pos), step.pos)
                else:
                    value = None
            else:  # index: ``x["name"]`` is ``x.name``; any other index cannot be followed
                path = None
                key = self.literal(step.args[0], pos) if len(step.args) == 1 else UNKNOWN
                if isinstance(value, V) and isinstance(key, str) and _IDENT.fullmatch(key):
                    steps = [*steps[:k], Step("attr", key, step.pos), *steps[k + 1 :]]
                    continue
                if isinstance(value, V) and value.kind != "unknown" and self.emit and \
                        not re.fullmatch(r"\d+", step.args[0].strip() if step.args else ""):
                    shown = self.code[pos : step.pos + 2 + len(step.args[0] if step.args
                                                                else "")].strip()
                    self.problems.append(f"calls {self._label(value)} operation named at "
                                         f"run time (`{shown}`)")
                value = None
            k += 1
        return value

    def _label(self, v: V) -> str:
        return {"aws": "an AWS SDK", "gcp": "a Google Cloud SDK", "azure": "an Azure SDK"}.get(
            v.prov, "a cloud SDK")

    def module(self, pkg: str) -> V | None:
        """The module a JavaScript package name gives."""
        if pkg.startswith("@aws-sdk/"):
            name = pkg[len("@aws-sdk/"):]
            svc = name[len("client-"):] if name.startswith("client-") else name
            return V("mod", "aws", _AWS_SERVICE_NAMES.get(svc, svc), name=pkg,
                     extra="doc" if name == "lib-dynamodb" else "v3")
        if pkg == "aws-sdk":
            return V("mod", "aws", None, name=pkg, extra="v2")
        if pkg.startswith("aws-sdk/clients/"):
            cls = pkg.rsplit("/", 1)[1]
            return V("cls", "aws", _aws_v2_service(cls), name=cls, extra="v2")
        if pkg.startswith("@google-cloud/"):
            return V("mod", "gcp", pkg.split("/", 1)[1], name=pkg)
        if pkg.startswith("@azure/"):
            return V("mod", "azure", pkg.split("/", 1)[1], name=pkg)
        return None

    def attr(self, v: Bound, name: str) -> V | None:
        if not isinstance(v, V):
            return None
        kind = v.kind
        if kind == "mod":
            if v.prov == "aws" and v.extra in ("v3", "doc"):
                return V("cls", "aws", v.svc, name=name, extra=v.extra)
            if v.prov == "aws" and v.extra == "v2":
                return V("cls", "aws", _aws_v2_service(name), name=name, extra="v2") \
                    if name[:1].isupper() else V("unknown", "aws")
            if self.lang == "python":
                if name[:1].isupper():
                    return V("cls", v.prov, name=name, extra=v.name)
                return V("mod", v.prov, name=f"{v.name}.{name}")
            return V("cls", v.prov, v.svc, name=name, extra=v.name)
        if kind == "cls":
            if v.prov == "aws" and name == "DocumentClient":
                return V("cls", "aws", "dynamodb", name=name, extra="doc")
            if name[:1].isupper():
                return V("cls", v.prov, v.svc, name=name, extra=v.extra)
            return v.but(kind="clsfn", ids={"method": name})
        if kind in ("aws_client", "aws_resource") and name == "meta":
            return v.but(kind="aws_meta")
        if kind == "aws_meta" and name == "client":
            return V("aws_client", "aws", v.svc, extra=v.extra)
        if kind in ("aws_resource", "aws_model") and name[:1].islower():
            model = _AWS_COLLECTIONS.get((v.svc or "", name))
            if model is None and name.endswith("s") and v.kind == "aws_resource":
                model = "".join(w.title() for w in words(name[:-1]))
            if model is not None:
                endpoint = v.extra if isinstance(v.extra, str) else None
                return V("aws_coll", "aws", v.svc, name=model, ids=dict(v.ids),
                         extra={"endpoint": endpoint} if endpoint else {})
        if kind == "az_mgmt" and name[:1].islower():
            return V("az_ops", "azure", v.svc, name=snake(name))
        return V("unknown", v.prov)

    def call(self, v: V, args: Args, pos: int) -> V | None:
        """``v(args)``: a class instantiated, a module function called."""
        kind = v.kind
        if kind == "require":
            pkg = args.text(0)
            return self.module(pkg) if pkg else None
        if kind == "cls":
            return self.instantiate(v.prov, v.svc, v.name or "", v.extra, args, pos)
        if kind == "clsfn":
            return self.static(v, str(v.ids.get("method", "")), args, pos)
        if kind == "mod" and self.lang == "python":
            return self.py_function(v, args)
        return V("unknown", v.prov) if v.prov else None

    # -- constructors and module functions -------------------------------------------------

    def py_function(self, v: V, args: Args) -> V | None:
        path = v.name or ""
        tail = path.rsplit(".", 1)[-1]
        if v.prov == "aws":
            if tail in ("client", "create_client"):
                return _aws_client(args)
            if tail == "resource":
                return _aws_client(args, "aws_resource")
            if tail in ("get_session",):
                return V("aws_session", "aws")
            return V("unknown", "aws")
        if v.prov == "gcp" and path.endswith("discovery.build"):
            return V("gapi", "gcp", args.text(0, "serviceName"), name=None, extra=[])
        return V("unknown", v.prov)

    def instantiate(self, prov: str, svc: str | None, cls: str, module: object, args: Args,
                    pos: int) -> V | None:
        module = module if isinstance(module, str) else ""
        if prov == "aws":
            if cls in ("Session",):
                return V("aws_session", "aws")
            if module == "doc" or cls == "DocumentClient":
                if cls.endswith("Command"):
                    op = _DOC_OPS.get(snake(cls[: -len("Command")]))
                    if op is not None:
                        self.emit_aws("dynamodb", op, args.params(), None, pos)
                    return None
                return V("aws_client", "aws", "dynamodb", name="doc")
            if cls.endswith("Command"):
                op = snake(cls[: -len("Command")])
                if not op.startswith(_READ_PREFIXES):
                    self.emit_aws(svc, kebab(op), args.params(), None, pos)
                return None
            params = args.params()
            endpoint = params.get("endpoint")
            return V("aws_client", "aws", svc,
                     extra=endpoint if isinstance(endpoint, str) else None)
        if prov == "gcp":
            where = f"{module} {svc or ''}"
            if cls in ("Client", "Storage") and "storage" in where:
                return V("gcs_client", "gcp")
            if cls == "Bucket" and "storage" in where:
                return V("gcs_bucket", "gcp", name=args.text(1, "name"))
            if cls == "Blob" and "storage" in where:
                bucket = args.arg(1, "bucket")
                return V("gcs_blob", "gcp", name=bucket.name if isinstance(bucket, V) else None,
                         extra=args.text(0, "name"))
            if cls in ("Client", "BigQuery") and "bigquery" in where:
                return V("bq_client", "gcp")
            if cls.endswith("Client") and "compute" in where:
                res = cls[: -len("Client")]
                res = re.sub(r"^(?:Region|Global|Zone)(?=[A-Z])", "", res)
                return V("gce", "gcp", kebab(res))
            return V("unknown", "gcp")
        if prov == "azure":
            return _azure_class(cls, module, args)
        return None

    def static(self, v: V, method: str, args: Args, pos: int) -> V | None:
        """``Class.from_connection_string(...)``, ``DynamoDBDocumentClient.from(client)``."""
        name = snake(method)
        if v.prov == "aws" and v.extra == "doc" and name == "from":
            return V("aws_client", "aws", "dynamodb", name="doc")
        if name.startswith("from_"):
            # the class's own constructor under another name; the names it takes come after
            # the connection string or URL
            return self.instantiate(v.prov, v.svc, v.name or "", v.extra, args, pos)
        return V("unknown", v.prov)

    # -- methods ---------------------------------------------------------------------------

    def method(self, v: V, name: str, args: Args, pos: int) -> V | None:
        m = snake(name) if self.lang == "node" else name
        kind = v.kind
        if kind == "unknown" or kind == "require":
            return V("unknown", v.prov)
        if kind == "mod" or (kind == "cls" and name[:1].isupper()):
            target = self.attr(v, name)
            if target is not None and target.kind == "cls":
                return self.call(target, args, pos)
            if kind == "mod" and self.lang == "python":
                return self.py_function(V("mod", v.prov, name=f"{v.name}.{name}"), args)
            return V("unknown", v.prov)
        if kind == "cls" or kind == "clsfn":
            return self.static(v, name, args, pos)
        if kind == "aws_session":
            if m in ("client", "create_client"):
                return _aws_client(args)
            if m == "resource":
                return _aws_client(args, "aws_resource")
            return V("unknown", "aws")
        if kind.startswith("aws_"):
            return self.aws_method(v, m, name, args, pos)
        if kind.startswith(("gcs_", "bq_", "gce", "gapi")):
            return self.gcp_method(v, m, args, pos)
        if kind.startswith("az_"):
            return self.azure_method(v, m, args, pos)
        return V("unknown", v.prov)

    # -- AWS -------------------------------------------------------------------------------

    def emit_aws(self, svc: str | None, op: str, params: dict[str, object],
                 endpoint: object, pos: int) -> None:
        if not self.emit:
            return
        argv = ["aws"]
        if isinstance(endpoint, str) and endpoint:
            argv.append(f"--endpoint-url={endpoint}")
        argv += ["s3api" if svc == "s3" else (svc or "unknown-service"), op]
        argv += _aws_options(params)
        self.calls.append(argv)

    def aws_method(self, v: V, m: str, raw: str, args: Args, pos: int) -> V | None:
        kind = v.kind
        endpoint = v.extra if isinstance(v.extra, str) else None
        if kind == "aws_client":
            if v.name == "doc":  # DynamoDB DocumentClient
                op = _DOC_OPS.get(m)
                if op is not None:
                    self.emit_aws("dynamodb", op, args.params(), endpoint, pos)
                return V("unknown", "aws")
            if m == "_make_api_call":
                op = args.text(0)
                params = args.arg(1)
                if op is None:
                    if self.emit:
                        self.problems.append("calls an AWS SDK operation named at run time "
                                             "(_make_api_call)")
                    return None
                self.emit_aws(v.svc, kebab(op), params if isinstance(params, dict) else {},
                              endpoint, pos)
                return None
            if m in _CLIENT_HELPERS or m.startswith(_READ_PREFIXES):
                return V("unknown", "aws")
            if v.svc is None and not _delete_like(m):
                return V("unknown", "aws")
            self.emit_aws(v.svc, kebab(m), args.params(), endpoint, pos)
            return V("unknown", "aws")
        if kind == "aws_resource":
            if raw[:1].isupper():
                return self.aws_model(v, raw, args)
            if m in _CLIENT_HELPERS or m.startswith(_READ_PREFIXES) or m in ("load", "reload"):
                return V("unknown", "aws")
            self.emit_aws(v.svc, kebab(m), args.params(), endpoint, pos)
            return V("unknown", "aws")
        if kind == "aws_model":
            if raw[:1].isupper():
                return self.aws_model(v, raw, args)
            self.aws_action(v, m, args, pos)
            return V("unknown", "aws")
        if kind == "aws_coll":
            filters = dict(v.extra) if isinstance(v.extra, dict) else {}
            if m in ("all", "limit", "page_size"):
                return v
            if m == "filter":
                filters.update(args.kw)
                return v.but(extra=filters)
            if _delete_like(m):
                self.aws_batch(v, m, args, pos)
            return V("unknown", "aws")
        return V("unknown", "aws")

    def aws_model(self, parent: V, model: str, args: Args) -> V:
        names = _AWS_MODEL_IDS.get((parent.svc or "", model))
        if names is None:
            names = ("Bucket", *("Key",) * (model != "Bucket")) if parent.svc == "s3" else \
                (f"{model}Id",)
        ids = dict(parent.ids) if parent.kind == "aws_model" else {}
        free = [n for n in names if n not in ids]
        for n, value in zip(free, args.pos, strict=False):
            ids[n] = value
        for k, value in args.kw.items():
            ids[k[:1].upper() + k[1:]] = value
        endpoint = parent.extra if isinstance(parent.extra, str) else None
        return V("aws_model", "aws", parent.svc, name=model, ids=ids, extra=endpoint)

    def item(self, coll: V, loop: int) -> V | None:
        """One item of a collection iterated over by a ``for`` at ``loop``."""
        if coll.kind == "aws_coll":
            extra = coll.extra if isinstance(coll.extra, dict) else {}
            return V("aws_model", "aws", coll.svc, name=coll.name,
                     ids={**coll.ids, "_filters": extra}, extra=extra.get("endpoint"),
                     loop=loop)
        if coll.kind == "gcs_blobs":
            return V("gcs_blob", "gcp", name=coll.name, extra=None, loop=loop,
                     ids={"prefix": coll.extra})
        if coll.kind == "gcs_buckets":
            return V("gcs_bucket", "gcp", loop=loop)
        if coll.kind == "az_blobs":
            return V("az_blob", "azure", name=coll.name, loop=loop, ids={"prefix": coll.extra})
        return V("unknown", coll.prov)

    def _each(self, v: V, pos: int) -> bool:
        """Is ``v`` every item of a collection, unfiltered (a loop without an ``if``)?"""
        if v.loop < 0:
            return False
        lo, hi = min(v.loop, pos), max(v.loop, pos)
        end = self.bare.find("\n", hi)
        return re.search(r"\bif\b", self.bare[lo : end if end >= 0 else len(self.bare)]) is None

    def aws_action(self, v: V, m: str, args: Args, pos: int) -> None:
        model = v.name or ""
        ids = {k: val for k, val in v.ids.items() if not k.startswith("_")}
        if v.svc == "s3" and model in ("Object", "ObjectSummary", "ObjectVersion") and \
                m == "delete" and self._each(v, pos):
            filters = v.ids.get("_filters")
            prefix = filters.get("Prefix") if isinstance(filters, dict) else None
            self._s3_bulk(ids.get("Bucket"), prefix, v.extra, pos)
            return
        op = _AWS_ACTIONS.get((v.svc or "", model, m))
        if op is None:
            if not _delete_like(m):
                return
            op = kebab(m) if "_" in m else f"{kebab(m)}-{kebab(model)}"
        if self._each(v, pos) and v.svc == "ec2" and model == "Instance":
            ids.pop("InstanceIds", None)
        for key in _AWS_MODEL_IDS.get((v.svc or "", model), ()):
            ids.setdefault(key, UNKNOWN)  # an item of a collection: which one is not known
        params = {**ids, **args.params()}
        if "VersionId" in params and model != "ObjectVersion":
            params.pop("VersionId")
        self.emit_aws(v.svc, op, params, v.extra, pos)

    def aws_batch(self, v: V, m: str, args: Args, pos: int) -> None:
        filters = v.extra if isinstance(v.extra, dict) else {}
        endpoint = filters.get("endpoint")
        if v.svc == "s3" and v.name in ("Object", "ObjectSummary", "ObjectVersion",
                                        "MultipartUpload") and m == "delete":
            self._s3_bulk(v.ids.get("Bucket"), filters.get("Prefix"), endpoint, pos)
            return
        op = _AWS_ACTIONS.get((v.svc or "", v.name or "", m)) or (
            kebab(m) if "_" in m else f"{kebab(m)}-{kebab(v.name or 'resource')}s")
        params = {k: val for k, val in filters.items() if k != "endpoint" and k != "Filters"}
        self.emit_aws(v.svc, op, {**params, **args.params()}, endpoint, pos)

    def _s3_bulk(self, bucket: object, prefix: object, endpoint: object, pos: int) -> None:
        if not self.emit:
            return
        name = bucket if isinstance(bucket, str) else "<bucket>"
        where = f"s3://{name}/{prefix if isinstance(prefix, str) else ''}"
        argv = ["aws"]
        if isinstance(endpoint, str) and endpoint:
            argv.append(f"--endpoint-url={endpoint}")
        self.calls.append([*argv, "s3", "rm", where, "--recursive"])

    # -- Google Cloud ----------------------------------------------------------------------

    def gcp_method(self, v: V, m: str, args: Args, pos: int) -> V | None:
        kind = v.kind
        if kind == "gcs_client":
            if m in ("bucket", "get_bucket", "lookup_bucket", "create_bucket"):
                return V("gcs_bucket", "gcp", name=args.text(0, "bucket_name", "bucket_or_name"))
            if m == "list_blobs":
                return V("gcs_blobs", "gcp", name=args.text(0, "bucket_or_name"),
                         extra=args.text(-1, "prefix"))
            if m in ("list_buckets", "get_buckets"):
                return V("gcs_buckets", "gcp")
            return V("unknown", "gcp")
        if kind == "gcs_bucket":
            bucket = v.name
            if m in ("blob", "get_blob", "file"):
                return V("gcs_blob", "gcp", name=bucket, extra=args.text(0, "blob_name"))
            if m in ("list_blobs", "get_files"):
                opts = args.params()
                prefix = opts.get("prefix")
                return V("gcs_blobs", "gcp", name=bucket,
                         extra=prefix if isinstance(prefix, str) else None)
            if m in ("delete", "delete_if_exists"):
                # ``force=True`` deletes the objects first; a value not written out may be True
                force = args.params().get("force")
                if force is True or force is UNKNOWN:
                    self.emit_gcs(["rm", "--recursive", _gs(bucket)])
                else:
                    self.emit_gcs(["buckets", "delete", _gs(bucket)])
                return None
            if m == "delete_blob":
                self.emit_gcs(["rm", _gs(bucket, args.text(0, "blob_name") or "<object>")])
                return None
            if m in ("delete_blobs", "delete_files"):
                prefix = args.params().get("prefix")
                items = args.pos[0] if args.pos and self.lang == "python" else None
                if isinstance(items, list) and items and all(isinstance(x, str) for x in items):
                    self.emit_gcs(["rm", *(_gs(bucket, str(x)) for x in items)])
                else:
                    self.emit_gcs(["rm", "--recursive",
                                   _gs(bucket, prefix if isinstance(prefix, str) else "")])
                return None
            return V("unknown", "gcp")
        if kind == "gcs_blob":
            if m in ("delete", "delete_if_exists"):
                if self._each(v, pos):
                    prefix = v.ids.get("prefix")
                    self.emit_gcs(["rm", "--recursive",
                                   _gs(v.name, prefix if isinstance(prefix, str) else "")])
                else:
                    self.emit_gcs(["rm", _gs(v.name, v.extra if isinstance(v.extra, str)
                                             else "<object>")])
                return None
            return V("unknown", "gcp")
        if kind == "gcs_blobs" or kind == "gcs_buckets":
            return V("unknown", "gcp")
        if kind == "bq_client":
            if m == "dataset":
                return V("bq_dataset", "gcp", name=args.text(0, "dataset_id"))
            if m == "delete_dataset":
                ds = args.text(0, "dataset")
                contents = args.params().get("delete_contents")
                self.emit_argv(["bq", "rm", *(["-r"] if contents is not False and contents
                                              is not None else []), "-f", "-d",
                                ds or "<dataset>"])
                return None
            if m == "delete_table":
                self.emit_argv(["bq", "rm", "-f", "-t", args.text(0, "table") or "<table>"])
                return None
            if m == "query":
                sql = args.text(0, "query")
                if sql is not None:
                    self.emit_argv(["bq", "query", sql])
                return V("unknown", "gcp")
            if _delete_like(m):
                self.emit_argv(["bq", "rm", "-f", args.text(0) or "<resource>"])
            return V("unknown", "gcp")
        if kind == "bq_dataset":
            if m == "table":
                return V("bq_table", "gcp", name=f"{v.name or '<dataset>'}."
                         f"{args.text(0) or '<table>'}")
            if m in ("delete",):
                force = args.params().get("force")
                self.emit_argv(["bq", "rm", *(["-r"] if force is not False and force is not None
                                              else []), "-f", "-d", v.name or "<dataset>"])
                return None
            return V("unknown", "gcp")
        if kind == "bq_table":
            if m == "delete":
                self.emit_argv(["bq", "rm", "-f", "-t", v.name or "<table>"])
                return None
            return V("unknown", "gcp")
        if kind == "gce":
            if m in ("delete", "delete_unary") or _delete_like(m):
                params = args.params()
                request = params.get("request")
                if isinstance(request, dict):
                    params = {**params, **request}
                res = v.svc or "instances"
                target = next((str(val) for k, val in params.items()
                               if isinstance(val, str) and k not in (
                                   "project", "zone", "region", "request_id", "requestId")),
                              "<name>")
                path = ["compute", *(["instance-groups", "managed"]
                                     if res == "instance-group-managers" else [res])]
                flags = [f"--{k}={params[k]}" for k in ("zone", "region", "project")
                         if isinstance(params.get(k), str)]
                self.emit_gcloud([*path, "delete"], target, flags)
                return None
            return V("unknown", "gcp")
        if kind == "gapi":
            colls = v.extra if isinstance(v.extra, list) else []
            if not args.pos and not args.kw and m not in ("execute",) and \
                    not _delete_like(m):
                return v.but(extra=[*colls, m])  # ``.projects().instances()``
            if _delete_like(m) or m == "delete":
                params = args.params()
                target = next((str(val) for k, val in params.items()
                               if isinstance(val, str) and k not in ("project", "zone",
                                                                     "region")), "<name>")
                svc = {"sqladmin": "sql", "cloudresourcemanager": ""}.get(v.svc or "",
                                                                          v.svc or "")
                coll = colls[-1] if colls else "resource"
                path = [p for p in (svc, kebab(coll)) if p]
                if svc == "storage" and coll == "buckets":
                    target = _gs(target)
                if svc == "storage" and coll == "objects":
                    self.emit_gcs(["rm", _gs(str(params.get("bucket", "<bucket>")), target)])
                    return None
                self.emit_gcloud([*path, "delete"], target)
                return None
            return V("unknown", "gcp")
        return V("unknown", "gcp")

    def emit_gcs(self, words_: list[str]) -> None:
        self.emit_argv(["gcloud", "storage", *words_])

    def emit_gcloud(self, path: list[str], target: str | None,
                    opts: list[str] | None = None) -> None:
        self.emit_argv(["gcloud", *path, *([target] if target else []), *(opts or [])])

    def emit_argv(self, argv: list[str]) -> None:
        if self.emit:
            self.calls.append(argv)

    # -- Azure -----------------------------------------------------------------------------

    def azure_method(self, v: V, m: str, args: Args, pos: int) -> V | None:
        kind = v.kind
        if kind == "az_blobsvc":
            if m in ("get_container_client", "create_container"):
                return V("az_container", "azure", name=args.text(0, "container", "name"))
            if m == "get_blob_client":
                return V("az_blob", "azure", name=args.text(0, "container"),
                         extra=args.text(1, "blob"))
            if m in ("delete_container",):
                self.emit_az(["storage", "container", "delete"],
                             name=args.text(0, "container", "name"))
                return None
        elif kind == "az_container":
            if m in ("get_blob_client", "get_block_blob_client", "get_append_blob_client",
                     "get_page_blob_client", "get_blob"):
                return V("az_blob", "azure", name=v.name, extra=args.text(0, "blob"))
            if m == "list_blobs":
                opts = args.params()
                prefix = opts.get("name_starts_with", opts.get("prefix"))
                return V("az_blobs", "azure", name=v.name,
                         extra=prefix if isinstance(prefix, str) else None)
            if m in ("delete_container", "delete", "delete_if_exists"):
                self.emit_az(["storage", "container", "delete"], name=v.name)
                return None
            if m == "delete_blob":
                blob = args.arg(0, "blob")
                if isinstance(blob, V) and blob.kind == "az_blob" and self._each(blob, pos):
                    self._az_blobs(v.name, blob.ids.get("prefix"))
                else:
                    self.emit_az(["storage", "blob", "delete"], container=v.name,
                                 name=args.text(0, "blob") or "<blob>")
                return None
            if m == "delete_blobs":
                self._az_blobs(v.name, None)
                return None
        elif kind == "az_blob":
            if m in ("delete_blob", "delete", "delete_if_exists"):
                if self._each(v, pos):
                    self._az_blobs(v.name, v.ids.get("prefix"))
                else:
                    self.emit_az(["storage", "blob", "delete"], container=v.name,
                                 name=v.extra if isinstance(v.extra, str) else "<blob>")
                return None
        elif kind in _AZ_DATA:
            return self.azure_data(v, m, args)
        elif kind == "az_ops":
            if m.startswith(("begin_delete", "delete", "purge")) or _delete_like(m):
                self.azure_mgmt(v, m, args)
                return None
            return V("unknown", "azure")
        if _delete_like(m):
            self.emit_az(["resource", "delete"], name=args.text(0, "name"))
            return None
        return V("unknown", "azure")

    def _az_blobs(self, container: str | None, prefix: object) -> None:
        opts = [f"--pattern={prefix}*"] if isinstance(prefix, str) and prefix else []
        self.emit_argv(["az", "storage", "blob", "delete-batch",
                        f"--source={container or '<container>'}", *opts])

    def azure_data(self, v: V, m: str, args: Args) -> V | None:
        """Data Lake, file shares, queues, tables, Key Vault and Cosmos DB clients."""
        group, sub = _AZ_DATA[v.kind]
        if v.kind == "az_cosmos":
            if m in ("get_database_client", "database", "create_database"):
                return V("az_cosmos_db", "azure", name=args.text(0, "database", "id"))
            if m == "delete_database":
                self.emit_az(["cosmosdb", "sql", "database", "delete"],
                             name=args.text(0, "database"))
                return None
        elif v.kind == "az_cosmos_db":
            if m in ("get_container_client", "container", "create_container"):
                return V("az_cosmos_ct", "azure", name=args.text(0, "container", "id"))
            if m == "delete_container":
                self.emit_az(["cosmosdb", "sql", "container", "delete"],
                             name=args.text(0, "container"))
                return None
            if m == "delete":
                self.emit_az(["cosmosdb", "sql", "database", "delete"], name=v.name)
                return None
        elif v.kind == "az_cosmos_ct":
            if m == "delete":
                self.emit_az(["cosmosdb", "sql", "container", "delete"], name=v.name)
                return None
        elif v.kind in ("az_dlsvc", "az_fs"):
            if m in ("get_file_system_client", "create_file_system"):
                return V("az_fs", "azure", name=args.text(0, "file_system"))
            if m == "get_directory_client" and v.kind == "az_fs":
                return V("az_dir", "azure", name=v.name, extra=args.text(0, "directory"))
            if m == "delete_file_system":
                self.emit_az(["storage", "fs", "delete"],
                             name=v.name if v.kind == "az_fs" else args.text(0, "file_system"))
                return None
            if m == "delete_directory" and v.kind == "az_fs":
                self.emit_az(["storage", "fs", "directory", "delete"], name=args.text(0),
                             opts=[f"--file-system={v.name or '<file-system>'}"])
                return None
        elif v.kind == "az_dir":
            if m in ("delete_directory", "delete"):
                self.emit_az(["storage", "fs", "directory", "delete"],
                             name=v.extra if isinstance(v.extra, str) else None,
                             opts=[f"--file-system={v.name or '<file-system>'}"])
                return None
        elif v.kind == "az_kv":
            kind = v.svc or "secret"
            if m.startswith("purge_deleted"):
                self.emit_az(["keyvault", kind, "purge"], name=args.text(0, "name"))
                return None
            if m.startswith(("begin_delete", "delete")):
                self.emit_az(["keyvault", kind, "delete"], name=args.text(0, "name"))
                return None
        else:
            # share, queue and table clients: the service client deletes by name, the client
            # of one share/queue/table deletes itself
            names = {"share": "share_name", "queue": "queue", "table": "table_name"}
            if m.startswith("get_") and m.endswith("_client") and v.kind.endswith("svc"):
                return V(v.kind[:-3], "azure", name=args.text(0, names.get(sub, "name"),
                                                              "name"))
            if m in (f"delete_{sub}", "delete"):
                name = v.name if not v.kind.endswith("svc") else args.text(0, "name")
                self.emit_az(["storage", group, "delete"], name=name)
                return None
        if _delete_like(m):
            self.emit_az(["resource", "delete"], name=args.text(0, "name"))
            return None
        return V("unknown", "azure")

    def azure_mgmt(self, v: V, m: str, args: Args) -> None:
        group = v.name or ""
        client = (v.svc or "").lower()
        texts = [x for x in args.pos if isinstance(x, str)]
        names = [val for k, val in args.kw.items() if isinstance(val, str)]
        rg = args.text(0, "resource_group_name")
        given = names or texts
        last = given[-1] if given else None
        if m.startswith("purge"):
            if group == "vaults":
                self.emit_az(["keyvault", "purge"], name=args.text(0, "vault_name"))
                return
            self.emit_az(["resource", "delete"], name=last)
            return
        path = None
        if group == "resource_groups":
            self.emit_az(["group", "delete"], name=args.text(0, "resource_group_name"))
            return
        if group in ("servers", "databases"):
            if "postgre" in client:
                path = ["postgres", "flexible-server", *(["db"] if group == "databases" else [])]
            elif "mysql" in client:
                path = ["mysql", "flexible-server", *(["db"] if group == "databases" else [])]
            elif "kusto" in client:
                path = ["kusto", "database" if group == "databases" else "cluster"]
            else:
                path = ["sql", "server" if group == "servers" else "db"]
        elif group == "vaults" and "recovery" in client:
            path = ["backup", "vault"]
        else:
            path = _AZ_MGMT_GROUPS.get(group)
        if m not in ("begin_delete", "delete", "begin_delete_and_wait", "delete_and_wait") \
                and path is not None and not m.endswith(tuple(path[-1:])):
            path = None  # another delete of the group (``begin_delete_sql_database``)
        if path is None:
            self.emit_az(["resource", "delete"], name=last,
                         opts=[f"--resource-group={rg}"] if rg and rg != last else [])
            return
        self.emit_az([*path, "delete"], name=last,
                     opts=[f"--resource-group={rg}"] if rg and rg != last else [])

    def emit_az(self, path: list[str], name: str | None = None, container: str | None = None,
                opts: list[str] | None = None) -> None:
        argv = ["az", *path]
        if container is not None or path[:2] == ["storage", "blob"]:
            argv.append(f"--container-name={container or '<container>'}")
        if name:
            argv.append(f"--name={name}")
        self.emit_argv([*argv, *(opts or [])])

    # -- uses ------------------------------------------------------------------------------

    def _uses(self) -> None:
        roots = {n.split(".", 1)[0] for n, seq in self.bindings.items()
                 if any(isinstance(b, V) for _, b in seq)}
        if self.lang == "python":
            roots.update(_PY_ROOTS)
        else:
            roots.add("require")
        roots = {r for r in roots if _IDENT.fullmatch(r)}
        if not roots:
            return
        alts = "|".join(re.escape(r) for r in sorted(roots, key=len, reverse=True))
        rx = re.compile(rf"(?<![\w$.])(?:{alts})(?![\w$])")
        for n, m in enumerate(rx.finditer(self.bare)):
            if n >= _MAX_USES:
                self.problems.append("uses cloud SDK clients more often than can be followed")
                break
            chain = parse_chain(self.code, self.bare, m.start())
            if chain is None or not chain[1]:
                continue
            self.evaluate(chain, m.start())

    def _unfollowed(self) -> None:
        """``getattr(client, name)`` with a name chosen at run time."""
        if self.lang != "python" or "getattr" not in self.bare:
            return
        for m in re.finditer(r"(?<![\w.])getattr\(\s*([A-Za-z_][\w.]*)\s*,", self.bare):
            target = self.root(m.group(1).split(".", 1)[0], m.start())
            bound = self.lookup(m.group(1), m.start()) if "." in m.group(1) else target
            if isinstance(bound, V) and bound.kind not in ("unknown", "require"):
                self.problems.append(f"calls {self._label(bound)} operation named at run "
                                     f"time (`{self.code[m.start():m.end() + 20].strip()}`)")
                return

    _CALL_RX = re.compile(r"(?<=\.)[ \t]*(?P<m>[A-Za-z_$][\w$]*)[ \t]*\(")

    def _fallback(self) -> None:
        """Delete-like calls on receivers the reader could not follow: asked about."""
        if not self.providers:
            return
        for m in self._CALL_RX.finditer(self.bare):
            name = m.group("m")
            method = snake(name) if self.lang == "node" else name
            if m.start("m") in self.handled or not _delete_like(method):
                continue
            if self.lang == "node" and (method == "destroy" or name.endswith("Command")):
                # streams, sockets and v3 clients are destroyed to close them; a command
                # class is read below
                continue
            args, _ = _split_span(self.code, m.end(), True)
            parsed = self.arguments(args, m.start())
            bare_verb = method in _DELETE_VERBS
            if bare_verb and parsed.pos and not (
                    self.lang == "node" and len(parsed.pos) == 1
                    and isinstance(parsed.pos[0], dict)):
                continue  # ``requests.delete(url)``, ``cache.delete(key)``: not a resource's
            prov = self._provider_for(m.start(), method)
            if prov == "aws":
                op = kebab(method) if not bare_verb else f"{kebab(method)}-resource"
                self.emit_aws(None, op, parsed.params(), None, m.start())
            elif prov == "gcp":
                self.emit_gcloud(["unknown-service", "delete"], parsed.text(0, "name"))
            else:
                self.emit_az(["resource", "delete"], name=parsed.text(0, "name"))
        if self.lang == "node" and "aws" in self.providers:
            # ``new DeleteBucketCommand(...)`` of a package this reader did not follow
            for m in re.finditer(r"\bnew\s+(?P<path>[\w$]+(?:\s*\.\s*[\w$]+)*)\s*\(", self.bare):
                parts = [x.strip() for x in m.group("path").split(".")]
                if not parts[-1].endswith("Command") or not parts[-1][:1].isupper():
                    continue
                op = snake(parts[-1][: -len("Command")])
                if not _delete_like(op) or isinstance(self.lookup(parts[0], m.start()), V):
                    continue
                args, _ = _split_span(self.code, m.end(), True)
                self.emit_aws(None, kebab(op), self.arguments(args, m.start()).params(), None,
                              m.start())

    def _provider_for(self, pos: int, method: str) -> str:
        """The provider whose SDK a call on an unfollowed receiver most likely belongs to."""
        start = pos - 1
        while start > 0 and (self.bare[start - 1].isalnum() or self.bare[start - 1] in "_$.?"):
            start -= 1
        root = _IDENT.match(self.bare, start)
        if root is not None:
            bound = self.root(root.group(0), pos)
            if isinstance(bound, V) and bound.prov in self.providers:
                return bound.prov
        if method.startswith("begin_") and "azure" in self.providers:
            return "azure"
        return self.providers[0]


# -- tables ------------------------------------------------------------------------------------


def _aws_v2_service(cls: str) -> str:
    low = cls.lower()
    return _AWS_SERVICE_NAMES.get(low, low)


def _aws_client(args: Args, kind: str = "aws_client") -> V:
    svc = args.text(0, "service_name")
    endpoint = args.kw.get("endpoint_url")
    return V(kind, "aws", svc, extra=endpoint if isinstance(endpoint, str) else None)


def _aws_options(params: dict[str, object]) -> list[str]:
    """boto3 / SDK parameters as ``aws`` options: strings and numbers ``--x=v``, lists
    ``--x a b``, booleans ``--x`` / ``--no-x``. A name or id not written out is shown as
    ``--x=<x>``; any other value not written out is left out (a flag that may be off is not
    assumed on: ``DryRun=dry`` is not a dry run)."""
    out: list[str] = []
    lists: list[str] = []
    for key, value in params.items():
        if not isinstance(key, str) or not key or not re.fullmatch(r"[\w-]+", key):
            continue
        opt = "--" + kebab(key)
        if isinstance(value, dict) and set(value) == {"Value"}:
            value = value["Value"]  # ``DisableApiTermination={"Value": False}``
        if value is True:
            out.append(opt)
        elif value is False:
            out.append("--no-" + kebab(key))
        elif isinstance(value, str):
            out.append(f"{opt}={value}")
        elif isinstance(value, list) and value and all(isinstance(x, str) for x in value):
            lists += [opt, *(str(x) for x in value)]
        elif (value is UNKNOWN or isinstance(value, V)) and words(key)[-1:] and \
                words(key)[-1] in _TARGET_WORDS:
            out.append(f"{opt}=<{kebab(key)}>")
    return out + lists


#: the last word of a parameter that names what a call acts on
_TARGET_WORDS = frozenset({"id", "ids", "arn", "arns", "name", "names", "identifier", "url",
                           "bucket", "key"})


_STR_RX: list[re.Pattern[str]] = []


def _str_rx() -> re.Pattern[str]:
    if not _STR_RX:
        _STR_RX.append(re.compile(_STR))
    return _STR_RX[0]


def _gs(bucket: str | None, key: str | None = None) -> str:
    where = f"gs://{bucket or '<bucket>'}"
    return where if key is None else f"{where}/{key}"


#: boto3 resource models: (service, model) -> identifiers, in the order the constructor takes
_AWS_MODEL_IDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("s3", "Bucket"): ("Bucket",), ("s3", "Object"): ("Bucket", "Key"),
    ("s3", "ObjectSummary"): ("Bucket", "Key"),
    ("s3", "ObjectVersion"): ("Bucket", "Key", "VersionId"),
    ("ec2", "Instance"): ("InstanceIds",), ("ec2", "Volume"): ("VolumeId",),
    ("ec2", "Snapshot"): ("SnapshotId",), ("ec2", "Image"): ("ImageId",),
    ("ec2", "SecurityGroup"): ("GroupId",), ("ec2", "KeyPair"): ("KeyName",),
    ("ec2", "KeyPairInfo"): ("KeyName",), ("ec2", "Vpc"): ("VpcId",),
    ("ec2", "Subnet"): ("SubnetId",),
    ("dynamodb", "Table"): ("TableName",), ("sqs", "Queue"): ("QueueUrl",),
    ("sns", "Topic"): ("TopicArn",), ("sns", "Subscription"): ("SubscriptionArn",),
    ("iam", "Role"): ("RoleName",), ("iam", "User"): ("UserName",),
    ("iam", "Group"): ("GroupName",), ("iam", "Policy"): ("PolicyArn",),
    ("iam", "AccessKey"): ("UserName", "AccessKeyId"),
    ("iam", "InstanceProfile"): ("InstanceProfileName",),
    ("cloudformation", "Stack"): ("StackName",),
    ("glacier", "Vault"): ("AccountId", "VaultName"),
    ("glacier", "Archive"): ("AccountId", "VaultName", "ArchiveId"),
    ("cloudwatch", "Alarm"): ("AlarmNames",),
}
#: (service, model, action) -> the operation, where it is not ``action-model``
_AWS_ACTIONS: dict[tuple[str, str, str], str] = {
    ("s3", "Bucket", "delete"): "delete-bucket",
    ("s3", "Bucket", "delete_objects"): "delete-objects",
    ("s3", "Object", "delete"): "delete-object",
    ("s3", "ObjectSummary", "delete"): "delete-object",
    ("s3", "ObjectVersion", "delete"): "delete-object",
    ("ec2", "Instance", "terminate"): "terminate-instances",
    ("ec2", "Image", "deregister"): "deregister-image",
    ("dynamodb", "Table", "delete_item"): "delete-item",
    ("sqs", "Queue", "purge"): "purge-queue",
    ("sqs", "Queue", "delete_messages"): "delete-message-batch",
    ("cloudwatch", "Alarm", "delete"): "delete-alarms",
}
#: (service, collection attribute) -> model
_AWS_COLLECTIONS: dict[tuple[str, str], str] = {
    ("s3", "buckets"): "Bucket", ("s3", "objects"): "ObjectSummary",
    ("s3", "object_versions"): "ObjectVersion", ("s3", "multipart_uploads"): "MultipartUpload",
    ("ec2", "instances"): "Instance", ("ec2", "volumes"): "Volume",
    ("ec2", "snapshots"): "Snapshot", ("ec2", "images"): "Image",
    ("ec2", "security_groups"): "SecurityGroup", ("dynamodb", "tables"): "Table",
    ("sqs", "queues"): "Queue", ("sns", "topics"): "Topic", ("iam", "roles"): "Role",
    ("iam", "users"): "User", ("iam", "policies"): "Policy",
    ("cloudformation", "stacks"): "Stack", ("glacier", "vaults"): "Vault",
}

#: Azure data-plane client kinds -> (``az storage`` group, what one client holds)
_AZ_DATA = {
    "az_sharesvc": ("share", "share"), "az_share": ("share", "share"),
    "az_queuesvc": ("queue", "queue"), "az_queue": ("queue", "queue"),
    "az_tablesvc": ("table", "table"), "az_table": ("table", "table"),
    "az_dlsvc": ("fs", "file_system"), "az_fs": ("fs", "file_system"),
    "az_dir": ("fs", "directory"), "az_kv": ("", ""), "az_cosmos": ("", ""),
    "az_cosmos_db": ("", ""), "az_cosmos_ct": ("", ""),
}
#: management operation groups -> the ``az`` command group that deletes the same resource
_AZ_MGMT_GROUPS: dict[str, list[str]] = {
    "virtual_machines": ["vm"], "virtual_machine_scale_sets": ["vmss"], "disks": ["disk"],
    "snapshots": ["snapshot"], "images": ["image"], "managed_clusters": ["aks"],
    "agent_pools": ["aks", "nodepool"], "storage_accounts": ["storage", "account"],
    "blob_containers": ["storage", "container"], "file_shares": ["storage", "share-rm"],
    "managed_instances": ["sql", "mi"], "database_accounts": ["cosmosdb"],
    "vaults": ["keyvault"], "redis": ["redis"], "web_apps": ["webapp"],
}

#: Azure classes -> (value kind, the keyword and position of the name it holds)
_AZ_CLASSES: dict[str, tuple[str, tuple[str, ...], int]] = {
    "BlobServiceClient": ("az_blobsvc", (), -1),
    "ContainerClient": ("az_container", ("container_name", "container"), 1),
    "DataLakeServiceClient": ("az_dlsvc", (), -1),
    "FileSystemClient": ("az_fs", ("file_system_name",), 1),
    "DataLakeDirectoryClient": ("az_dir", ("file_system_name",), 1),
    "ShareServiceClient": ("az_sharesvc", (), -1),
    "ShareClient": ("az_share", ("share_name",), 1),
    "QueueServiceClient": ("az_queuesvc", (), -1),
    "QueueClient": ("az_queue", ("queue_name",), 1),
    "TableServiceClient": ("az_tablesvc", (), -1),
    "TableClient": ("az_table", ("table_name",), 1),
    "CosmosClient": ("az_cosmos", (), -1),
}


def _azure_class(cls: str, module: str, args: Args) -> V:
    if cls == "BlobClient":
        return V("az_blob", "azure", name=args.text(1, "container_name"),
                 extra=args.text(2, "blob_name"))
    spec = _AZ_CLASSES.get(cls)
    if spec is not None:
        kind, keys, index = spec
        name = args.text(index, *keys) if index >= 0 else None
        v = V(kind, "azure", name=name)
        if kind == "az_dir":
            v.extra = args.text(2, "directory_name")
        return v
    if cls in ("SecretClient", "KeyClient", "CertificateClient"):
        return V("az_kv", "azure", {"SecretClient": "secret", "KeyClient": "key",
                                    "CertificateClient": "certificate"}[cls])
    if cls.endswith("Client") and ("mgmt" in module or "arm-" in module):
        return V("az_mgmt", "azure", cls)
    return V("unknown", "azure")


# -- entry point -------------------------------------------------------------------------------

def sdk_calls(lang: str, code: str) -> tuple[list[list[str]], list[str]]:
    """(the cloud CLI calls the code's SDK calls amount to, problems)."""
    if lang not in ("python", "node"):
        return [], []
    reader = Reader(lang, code)
    if not reader.providers:
        return [], []
    reader.read()
    out: list[list[str]] = []
    for argv in reader.calls:
        if argv not in out:
            out.append(argv)
    return out[:64], reader.problems[:4]
