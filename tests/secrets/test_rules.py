"""Every built-in rule: its metadata, and its true and false examples through both engines."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from railguard.secrets import RULES
from railguard.secrets.engine import SEVERITIES, Scanner, hyperscan_available
from railguard.secrets.examples import expand

ENGINES = ["python", pytest.param("hyperscan", marks=pytest.mark.skipif(
    not hyperscan_available(), reason="no hyperscan wheel here"))]


@pytest.fixture(scope="module", params=ENGINES)
def scanner(request: pytest.FixtureRequest) -> Scanner:
    return Scanner(RULES, request.param)


def test_catalogue_shape() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"SEC\d{3}", i) for i in ids)
    assert len(RULES) >= 150
    providers = Counter(r.provider for r in RULES if not r.generic)
    for p in ("AWS", "Google", "Azure", "DigitalOcean", "Cloudflare", "GitHub", "GitLab",
              "Bitbucket", "OpenAI", "Anthropic", "Hugging Face", "Groq", "Replicate", "Cohere",
              "Mistral", "Stripe", "Slack", "SendGrid", "Datadog", "npm", "PyPI", "JWT",
              "Private key", "Google Cloud"):
        assert providers[p] or any(r.provider == p for r in RULES), p
    for r in RULES:
        assert r.severity in SEVERITIES, r.id
        assert r.keywords, f"{r.id} has no keywords"
        assert r.true_examples, f"{r.id} has no true example"
        if r.anchor:
            assert r.regex.startswith(r.anchor), r.id
        # the common subset of re / RE2 / Hyperscan: no lookaround, no \s
        assert "(?=" not in r.regex and "(?!" not in r.regex and "(?<" not in r.regex, r.id
        assert "\\s" not in r.regex, r.id


def _cases(kind: str) -> list[tuple[str, int, str]]:
    out = []
    for r in RULES:
        examples = r.true_examples if kind == "true" else r.false_examples
        for k, t in enumerate(examples):
            out.append((r.id, k, t))
    return out


@pytest.mark.parametrize(("rule_id", "k", "template"), _cases("true"))
def test_true_example_is_found(scanner: Scanner, rule_id: str, k: int, template: str) -> None:
    text = expand(template, f"{rule_id}:{k}")
    found = scanner.scan_text(text)
    assert rule_id in [f.rule_id for f in found], f"{rule_id} missed its example #{k}"
    for f in found:
        assert f.value not in repr(f) and f.value not in str(f)
        assert f.value not in f.redacted or len(f.value) < 4


@pytest.mark.parametrize(("rule_id", "k", "template"), _cases("false"))
def test_false_example_is_not_found(scanner: Scanner, rule_id: str, k: int,
                                    template: str) -> None:
    text = expand(template, f"{rule_id}:f{k}")
    assert rule_id not in [f.rule_id for f in scanner.scan_text(text)]


@pytest.mark.parametrize("text", [
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "OPENAI_API_KEY=sk-...your-key",
    "GITHUB_TOKEN=<YOUR_KEY>",
    "api_key = ${API_KEY}",
    "token = os.environ['GITHUB_TOKEN']",
    "STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    'integrity="sha512-Q2VzdCBuJ2VzdCBwYXMgdW4gc2VjcmV0IG1haXMgdW4gaGFjaGFnZS4uLg=="',
    "commit 3f786850e387550fdab836ed7e6dc881de23001b",
    "id: 123e4567-e89b-12d3-a456-426614174000",
    "password = xxxxxxxxxxxx",
    # base64 of placeholder text, an elided value, typed sequences, paging tokens, public keys
    "ANY_KEY = ZHVtbXkgdGV4dCBkYXRhIGRhdGEgZGF0YQ==",
    'token = "AbCdE12345...long.string...54321EdCbA"',
    "weatherstack_key=a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6",
    '"NextToken": "eyJ2IjoxLCJzIjoxLCJpIjoiOU83OTFodzdycnZCbkN4MExHeHVwQT09In0="',
    '"LockToken":"3f0a6d2e-6c1e-4a8b-9f7d-2b1c0e9d8a7f"',
])
def test_placeholders_and_ids_are_not_findings(scanner: Scanner, text: str) -> None:
    assert scanner.scan_text(text) == []


def test_prefilter_matches_wherever_the_rule_does() -> None:
    """Hyperscan looks only for a rule's prefilter: it must match on every line the rule does."""
    for r in RULES:
        if not r.prefilter:
            continue
        flags = re.M | (re.I if r.icase else 0)
        rx, pf = re.compile(r.regex, flags), re.compile(r.prefilter, flags)
        for k, t in enumerate(r.true_examples):
            text = expand(t, f"{r.id}:{k}")
            for m in rx.finditer(text):
                line_start = text.rfind("\n", 0, m.start()) + 1
                line_end = text.find("\n", m.start())
                line = text[line_start:None if line_end < 0 else line_end]
                assert pf.search(line), f"{r.id}: prefilter misses example #{k}"


def test_generated_django_key_with_percent_paren_is_found(scanner: Scanner) -> None:
    text = expand("SECRET_KEY = 'django-insecure-<<l:12>>%(^+<<l:34>>'", "dj")
    assert [f.rule_id for f in scanner.scan_text(text)] == ["SEC263"]
    fmt = expand("SECRET_KEY = 'django-insecure-%(seed)s<<l:42>>'", "dj2")
    assert scanner.scan_text(fmt) == []
