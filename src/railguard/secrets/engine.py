"""The scanning engine: Hyperscan over the whole buffer, a confirming regex per candidate line.

What a finding is (the same for both engines, by construction):

- A rule looks at one line at a time (``\\n``-separated; the confirming regex never sees a
  newline). A *multi-line* rule (private keys) has an ``anchor`` that must start on the line and
  its regex may run on into the next lines (up to :data:`WINDOW` bytes).
- A line is examined for a rule only if it contains one of the rule's keywords (ASCII
  case-insensitive); a rule without keywords examines every line.
- On an examined line, every non-overlapping match of the rule's regex (leftmost first) whose
  secret (its ``group``, or the first capture group that matched, or the whole match) passes the
  rule's entropy floor, the placeholder filters and the rule's allowlists is a finding.

Hyperscan finds the lines worth examining (the rule regexes compiled into one database, cached on
disk); the pure-Python engine finds them from the keywords. Both then run the same confirm step.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence

from railguard.secrets.finding import SecretFinding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
else:
    Any = object

WINDOW = 64 * 1024
ENGINE_VERSION = "1"
SEVERITIES = ("low", "medium", "high", "critical")

#: inline markers that suppress a finding on their line
ALLOW_MARKERS = (b"railguard:allow", b"gitleaks:allow", b"pragma: allowlist secret",
                 b"betterleaks:allow", b"trufflehog:ignore")
NEXTLINE_MARKER = b"pragma: allowlist nextline secret"

#: a secret value containing one of these (case-insensitive) is a placeholder, not a secret
PLACEHOLDER_PARTS = ("example", "xxxx", "****", "your", "placeholder", "dummy", "changeme",
                     "redacted", "<", ">", "${", "{{", "...", "…", "sample", "fake",
                     "insert", "replace_me", "replace_with", "replaceme", "here", "0000000000", "1234567890",
                     "abcdefghij", "todo")


class Rule:
    """One credential format. ``regex`` is in the common subset of Python ``re``, RE2 and
    Hyperscan (no lookaround, no backreferences, no ``\\s``: write ``[ \\t]``)."""

    __slots__ = ("allow_lines", "allow_matches", "allow_paths", "allow_values", "anchor",
                 "entropy", "false_examples", "generic", "group", "icase", "id", "keywords",
                 "path", "prefilter", "provider", "regex", "severity", "show", "source",
                 "stopwords", "title", "true_examples")

    def __init__(self, id: str, provider: str, title: str, regex: str, *,
                 keywords: Sequence[str] = (), severity: str = "high", group: int | None = None,
                 entropy: float | None = None, icase: bool = False, anchor: str | None = None,
                 show: int = 0, generic: bool = False, allow_values: Sequence[str] = (),
                 allow_matches: Sequence[str] = (), allow_lines: Sequence[str] = (),
                 allow_paths: Sequence[str] = (), stopwords: Sequence[str] = (),
                 path: str | None = None, true_examples: Sequence[str] = (),
                 false_examples: Sequence[str] = (), source: str = "railguard",
                 prefilter: str | None = None) -> None:
        self.id = id
        self.provider = provider
        self.title = title
        self.regex = regex
        self.keywords = tuple(k.lower() for k in keywords)
        self.severity = severity
        self.group = group
        self.entropy = entropy
        self.icase = icase
        self.anchor = anchor
        self.show = show
        self.generic = generic
        self.allow_values = tuple(allow_values)
        self.allow_matches = tuple(allow_matches)
        self.allow_lines = tuple(allow_lines)
        self.allow_paths = tuple(allow_paths)
        self.stopwords = tuple(s.lower() for s in stopwords)
        self.path = path
        self.true_examples = tuple(true_examples)
        self.false_examples = tuple(false_examples)
        self.source = source
        #: what Hyperscan looks for instead of ``regex`` (a cheaper pattern that matches on every
        #: line where ``regex`` does, e.g. its prefix); the confirming regex still decides
        self.prefilter = prefilter

    def __repr__(self) -> str:
        return f"Rule({self.id} {self.provider}: {self.title})"

    def copy(self, **changes: Any) -> Rule:
        kw: dict[str, Any] = {k: getattr(self, k) for k in self.__slots__}
        kw.update(changes)
        for k in ("id", "provider", "title", "regex"):
            kw.pop(k)
        return Rule(self.id, self.provider, self.title, self.regex, **kw)

    def signature(self) -> str:
        return repr((self.id, self.regex, self.anchor, self.icase, self.keywords, self.prefilter))



_BUILTIN: tuple[Rule, ...] | None = None


def builtin_rules() -> tuple[Rule, ...]:
    global _BUILTIN
    if _BUILTIN is None:
        from railguard.secrets.rules import RULE_DATA

        _BUILTIN = tuple(Rule(**d) for d in RULE_DATA)
    return _BUILTIN


def shannon(value: str) -> float:
    """Shannon entropy in bits per character."""
    n = len(value)
    if not n:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def is_placeholder(value: str) -> bool:
    low = value.lower()
    if any(p in low for p in PLACEHOLDER_PARTS):
        return True
    if "%(" in value:  # a %(name)s format field; a bare "%(" may be part of a generated key
        import re

        if re.search(r"%\([A-Za-z_][A-Za-z0-9_]*\)", value):
            return True
    if len(value) >= 8 and len(set(low)) < 4:
        return True
    if len(value) >= 16 and len(value) % 4 == 0 and value.endswith("="):
        # base64 of readable text that is itself a placeholder ("dummy text data ...")
        import binascii

        try:
            raw = binascii.a2b_base64(value)
        except (binascii.Error, ValueError):
            return False
        if raw.isascii() and all(32 <= b < 127 or b in (9, 10, 13) for b in raw):
            text = raw.decode().lower()
            return any(p in text for p in PLACEHOLDER_PARTS if len(p) > 2)
    return False


def _cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "railguard")


def hyperscan_available() -> bool:
    try:
        import hyperscan  # noqa: F401
    except Exception:
        return False
    return True


def _resolve_engine(engine: str | None) -> str:
    choice = (engine or os.environ.get("RAILGUARD_SECRETS_ENGINE") or "auto").lower()
    if choice not in ("auto", "hyperscan", "python"):
        raise ValueError(f"unknown secrets engine {choice!r} (auto, hyperscan or python)")
    if choice == "auto":
        return "hyperscan" if hyperscan_available() else "python"
    return choice


def _regex_module(go_syntax: bool) -> Any:
    """The confirming engine. Built-in rules are written for the standard library's ``re`` and
    only ever see one line (bounded repeats, no nested quantifiers): measured here it confirms
    ~5x faster than the google-re2 wrapper, whose per-call overhead dominates on short lines.
    Rules from gitleaks configs are Go RE2 syntax: google-re2 when installed, else ``re``."""
    if go_syntax and os.environ.get("RAILGUARD_SECRETS_REGEX") != "re":
        try:
            import re2  # type: ignore[import-untyped]

            return re2
        except Exception:
            pass
    import re

    return re


class Scanner:
    """A compiled rule set. Thread-compatible, not thread-safe (Hyperscan scratch)."""

    def __init__(self, rules: Iterable[Rule], engine: str | None = None) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.engine = _resolve_engine(engine)
        self._rx: list[Any] = [None] * len(self.rules)
        self._kw: list[tuple[bytes, ...]] = [
            tuple(k.encode() for k in r.keywords) for r in self.rules]
        self._hs_db: Any = None
        self._hs_scratch: Any = None
        self._hs_missing: list[int] = []  # rules Hyperscan could not compile: keyword path
        self._aux: dict[str | bytes, Any] = {}
        self.compile_errors: list[tuple[str, str]] = []
        self._bad: set[int] = set()
        #: honour inline markers (railguard:allow, gitleaks:allow, pragma: allowlist secret)
        self.honor_suppressions = True

    # ---- compilation -------------------------------------------------------------------------

    def _confirm_rx(self, i: int) -> Any:
        rx = self._rx[i]
        if rx is None:
            r = self.rules[i]
            mod = _regex_module(r.source == "gitleaks")
            flags = "(?m)" + ("(?i)" if r.icase else "")
            try:
                rx = mod.compile((flags + r.regex).encode())
            except Exception as exc:
                import re

                try:
                    rx = re.compile((flags + r.regex).encode())
                except Exception:
                    self.compile_errors.append((r.id, str(exc)))
                    self._bad.add(i)
                    rx = False
            self._rx[i] = rx
        return rx

    def _aux_rx(self, pattern: str | bytes) -> Any:
        rx = self._aux.get(pattern)
        if rx is None:
            try:
                rx = _regex_module(True).compile(pattern)
            except Exception:
                import re

                rx = re.compile(pattern)
            self._aux[pattern] = rx
        return rx

    def cache_key(self) -> str:
        import hyperscan

        from railguard.secrets.finding import sha256

        h = sha256()
        h.update(f"{ENGINE_VERSION}:{getattr(hyperscan, '__version__', '?')}".encode())
        for r in self.rules:
            h.update(r.signature().encode())
        key: str = h.hexdigest()[:24]
        return key

    def _hs_patterns(self) -> list[tuple[int, bytes, int]]:
        import hyperscan as hs

        out = []
        for i, r in enumerate(self.rules):
            flags = hs.HS_FLAG_MULTILINE | (hs.HS_FLAG_CASELESS if r.icase else 0)
            out.append((i, (r.prefilter or r.anchor or r.regex).encode(), flags))
        return out

    def _load_hyperscan(self) -> None:
        import hyperscan as hs

        key = self.cache_key()
        path = os.path.join(_cache_dir(), f"secrets-{key}.hsdb")
        missing_path = path + ".missing"
        try:
            with open(path, "rb") as f:
                buf = f.read()
            with open(missing_path, "rb") as f:
                missing = [int(x) for x in f.read().split()]
            self._hs_db = hs.loadb(buf, hs.HS_MODE_BLOCK)
            self._hs_missing = missing
        except (OSError, ValueError, hs.HyperscanError):
            self._compile_hyperscan()
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                tmp = f"{path}.{os.getpid()}.tmp"
                with open(tmp, "wb") as f:
                    f.write(hs.dumpb(self._hs_db))
                os.replace(tmp, path)
                with open(tmp, "wb") as f:
                    f.write(" ".join(map(str, self._hs_missing)).encode())
                os.replace(tmp, missing_path)
            except OSError:
                pass
        self._hs_scratch = hs.Scratch(self._hs_db)

    def _compile_hyperscan(self) -> None:
        import hyperscan as hs

        pats = self._hs_patterns()
        ok = []
        missing = []
        try:
            db = hs.Database(mode=hs.HS_MODE_BLOCK)
            db.compile(expressions=[p for _, p, _ in pats], ids=[i for i, _, _ in pats],
                       elements=len(pats), flags=[f for _, _, f in pats])
        except hs.HyperscanError:
            for i, p, f in pats:
                try:
                    hs.Database(mode=hs.HS_MODE_BLOCK).compile(expressions=[p], ids=[i],
                                                               elements=1, flags=[f])
                    ok.append((i, p, f))
                except hs.HyperscanError:
                    missing.append(i)
            db = hs.Database(mode=hs.HS_MODE_BLOCK)
            if ok:
                db.compile(expressions=[p for _, p, _ in ok], ids=[i for i, _, _ in ok],
                           elements=len(ok), flags=[f for _, _, f in ok])
            else:  # nothing compiles: a database that never matches
                db.compile(expressions=[b"\\A\\z"], ids=[-1 & 0xFFFF], elements=1, flags=[0])
        self._hs_db = db
        self._hs_missing = missing

    def warm(self) -> None:
        """Load (or compile and cache) everything a scan needs."""
        if self.engine == "hyperscan" and self._hs_db is None:
            self._load_hyperscan()

    def compile_all(self) -> None:
        """Compile every confirming regex now (normally each is compiled on its first hit)."""
        for i in range(len(self.rules)):
            self._confirm_rx(i)

    # ---- scanning ----------------------------------------------------------------------------

    def candidate_lines(self, data: bytes) -> dict[int, set[int]]:
        """rule index -> start offsets of the lines to examine."""
        cands: dict[int, set[int]] = {}
        lower: bytes | None = None
        if self.engine == "hyperscan":
            if self._hs_db is None:
                self._load_hyperscan()
            ends: list[tuple[int, int]] = []
            add = ends.append

            def on_match(rid: int, _frm: int, to: int, _flags: int, _ctx: object) -> None:
                add((rid, to))

            self._hs_db.scan(data, match_event_handler=on_match, scratch=self._hs_scratch)
            rfind = data.rfind
            seen: set[tuple[int, int]] = set()
            for rid, to in ends:
                if (rid, to) in seen:
                    continue
                seen.add((rid, to))
                ls = rfind(b"\n", 0, max(to - 1, 0)) + 1
                s = cands.get(rid)
                if s is None:
                    cands[rid] = {ls}
                else:
                    s.add(ls)
            # a line is examined only if it holds a keyword: the same rule as the keyword path
            find = data.find
            for rid in list(cands):
                kws = self._kw[rid]
                if not kws:
                    continue
                keep = set()
                for ls in cands[rid]:
                    le = find(b"\n", ls)
                    line = (data[ls:] if le < 0 else data[ls:le]).lower()
                    if any(k in line for k in kws):
                        keep.add(ls)
                if keep:
                    cands[rid] = keep
                else:
                    del cands[rid]
            rest: Iterable[int] = self._hs_missing
        else:
            rest = range(len(self.rules))
        for i in rest:
            kws = self._kw[i]
            if not kws:
                cands[i] = _all_line_starts(data)
                continue
            if lower is None:
                lower = data.lower()
            starts: set[int] | None = None
            for k in kws:
                pos = lower.find(k)
                while pos >= 0:
                    ls = lower.rfind(b"\n", 0, pos) + 1
                    if starts is None:
                        starts = set()
                    starts.add(ls)
                    le = lower.find(b"\n", pos)
                    if le < 0:
                        break
                    pos = lower.find(k, le)
            if starts:
                cands[i] = starts
        return cands

    def raw_matches(self, data: bytes, path: str | None = None
                    ) -> list[tuple[int, int, int, bytes]]:
        """(rule index, value start, value end, value) for every finding, suppressed or not."""
        out: list[tuple[int, int, int, bytes]] = []
        cands = self.candidate_lines(data)
        n = len(data)
        find = data.find
        for i in sorted(cands):
            r = self.rules[i]
            if path is not None and not self._path_ok(r, path):
                continue
            rx = self._confirm_rx(i)
            if rx is False:
                continue
            taken_end = -1
            for ls in sorted(cands[i]):
                le = find(b"\n", ls)
                if le < 0:
                    le = n
                stop = min(n, ls + WINDOW) if r.anchor else le
                # the slice starts at a line start and ends at a line end (or the window's end):
                # ^, $ and \b behave as they would in place
                chunk = data[ls:stop]
                llen = le - ls
                for m in rx.finditer(chunk):
                    ms = m.start()
                    if ms >= llen:
                        break
                    if ms + ls < taken_end or m.end() == ms:
                        continue
                    g = r.group
                    if g is None:
                        g = 0
                        for k in range(1, (rx.groups or 0) + 1):
                            if m.start(k) >= 0:
                                g = k
                                break
                    vs, ve = m.start(g), m.end(g)
                    if vs < 0 or ve <= vs:
                        continue
                    value = chunk[vs:ve]
                    if self._value_ok(r, value, m.group(0), chunk, llen):
                        out.append((i, vs + ls, ve + ls, value))
                        taken_end = m.end() + ls
        if len(out) > 1:
            out = _drop_generic_overlaps(out, self.rules)
        return out

    def _path_ok(self, r: Rule, path: str) -> bool:
        if r.path is not None and not self._aux_rx(r.path).search(path):
            return False
        return not any(self._aux_rx(p).search(path) for p in r.allow_paths)

    def _value_ok(self, r: Rule, value_b: bytes, match_b: bytes, chunk: bytes,
                  llen: int) -> bool:
        value = value_b.decode("utf-8", "replace")
        if r.entropy is not None and shannon(value) < r.entropy:
            return False
        if is_placeholder(value):
            return False
        if r.stopwords:
            low = value.lower()
            if any(s in low for s in r.stopwords):
                return False
        if any(self._aux_rx(p.encode()).search(value_b) for p in r.allow_values):
            return False
        if any(self._aux_rx(p.encode()).search(match_b) for p in r.allow_matches):
            return False
        if r.allow_lines and any(self._aux_rx(p.encode()).search(chunk[:llen])
                                 for p in r.allow_lines):
            return False
        return True

    def findings(self, data: bytes, *, path: str | None = None,
                 suppressions: bool | None = None, text: str | None = None,
                 keep_suppressed: bool = False) -> list[SecretFinding]:
        if suppressions is None:
            suppressions = self.honor_suppressions
        raw = self.raw_matches(data, path)
        out: list[SecretFinding] = []
        ascii_text = text is None or len(text) == len(data)
        for i, vs, ve, value in raw:
            r = self.rules[i]
            ls = data.rfind(b"\n", 0, vs) + 1
            le = data.find(b"\n", vs)
            if le < 0:
                le = len(data)
            suppressed = suppressions and _suppressed(data, ls, le, r.id)
            if suppressed and not keep_suppressed:
                continue
            line = data.count(b"\n", 0, vs) + 1
            end_line = line + data.count(b"\n", vs, ve)
            col = len(data[ls:vs].decode("utf-8", "replace")) + 1
            if ascii_text:
                start, end = vs, ve
            else:
                start = len(data[:vs].decode("utf-8", "replace"))
                end = start + len(value.decode("utf-8", "replace"))
            out.append(SecretFinding(
                rule_id=r.id, provider=r.provider, title=r.title, severity=r.severity,
                line=line, column=col, start=start, end=end, end_line=end_line,
                value=value.decode("utf-8", "replace"), show=r.show, path=path,
                suppressed=suppressed))
        out.sort(key=lambda f: (f.start, f.rule_id))
        return out

    def scan_bytes(self, data: bytes, *, path: str | None = None,
                   suppressions: bool = True) -> list[SecretFinding]:
        return self.findings(data, path=path, suppressions=suppressions)

    def scan_text(self, text: str, *, path: str | None = None,
                  suppressions: bool = True) -> list[SecretFinding]:
        data = text.encode("utf-8", "surrogatepass")
        return self.findings(data, path=path, suppressions=suppressions, text=text)


def _all_line_starts(data: bytes) -> set[int]:
    starts = {0}
    pos = data.find(b"\n")
    while pos >= 0:
        starts.add(pos + 1)
        pos = data.find(b"\n", pos + 1)
    return starts


def _suppressed(data: bytes, ls: int, le: int, rule_id: str) -> bool:
    line = data[ls:le]
    for marker in ALLOW_MARKERS:
        pos = line.find(marker)
        if pos < 0:
            continue
        if marker == b"railguard:allow":
            rest = line[pos + len(marker):]
            if rest.startswith(b"["):  # railguard:allow[SEC001,SEC002]: only those rules
                ids = rest[1:rest.find(b"]")].replace(b" ", b"").split(b",")
                if rule_id.encode() not in ids:
                    continue
        return True
    if ls > 0:
        pls = data.rfind(b"\n", 0, ls - 1) + 1
        if data.find(NEXTLINE_MARKER, pls, ls) >= 0:
            return True
    return False


def _drop_generic_overlaps(out: list[tuple[int, int, int, bytes]], rules: Sequence[Rule]
                           ) -> list[tuple[int, int, int, bytes]]:
    """A span found by a specific rule is not reported again by a generic one; the same span
    found by two rules is reported once (the first rule)."""
    specific = [(vs, ve) for i, vs, ve, _ in out if not rules[i].generic]
    keep = []
    seen_spans: set[tuple[int, int]] = set()
    for item in sorted(out, key=lambda t: (rules[t[0]].generic, t[0])):
        i, vs, ve, _ = item
        if (vs, ve) in seen_spans:
            continue
        if rules[i].generic and any(s < ve and vs < e for s, e in specific):
            continue
        seen_spans.add((vs, ve))
        keep.append(item)
    return keep


_SCANNERS: dict[str, Scanner] = {}


def default_scanner(engine: str | None = None) -> Scanner:
    name = _resolve_engine(engine)
    sc = _SCANNERS.get(name)
    if sc is None:
        sc = _SCANNERS[name] = Scanner(builtin_rules(), name)
    return sc
