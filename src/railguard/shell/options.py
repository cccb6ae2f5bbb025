"""Options by meaning: ``-rf`` = ``-r -f`` = ``-fr`` = ``--recursive --force``.

A rule describes a program's options once, as an :class:`OptSpec`, and reads the parsed result
by canonical name. Clusters are split, ``--opt=value`` and ``-nVALUE`` are understood, ``--``
ends options, and an unknown option is kept under its own spelling so nothing is dropped.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Word


class OptSpec:
    """How one program spells its options.

    ``flags`` and ``valued`` map spellings (``-r``, ``--recursive``) to a canonical name.
    ``valued`` options take an argument. ``prefix_long`` lets a long option be abbreviated the
    way getopt_long allows (``--recur``). ``stop_at_positional`` stops at the first operand
    (for programs whose operands include a sub-command with its own options).
    """

    __slots__ = ("flags", "long_names", "stop_at_positional", "valued")

    def __init__(
        self,
        flags: dict[str, str] | None = None,
        valued: dict[str, str] | None = None,
        *,
        stop_at_positional: bool = False,
    ) -> None:
        self.flags = flags or {}
        self.valued = valued or {}
        self.stop_at_positional = stop_at_positional
        self.long_names = sorted(
            [k for k in (*self.flags, *self.valued) if k.startswith("--")], key=len
        )

    def _long(self, name: str) -> str | None:
        if name in self.flags or name in self.valued:
            return name
        matches = {
            (self.flags.get(k) or self.valued.get(k)) for k in self.long_names if k.startswith(name)
        }
        # getopt_long takes any unique prefix, one letter included (``rm --r``); where this
        # table lists fewer options than the program has, a prefix it reads as unique may be
        # ambiguous to the program, which then refuses: never the harmless direction
        if len(matches) == 1 and len(name) > 2:
            for k in self.long_names:
                if k.startswith(name):
                    return k
        return None


class Opts:
    """The parsed options of one invocation."""

    __slots__ = ("flags", "positionals", "rest", "values")

    def __init__(self) -> None:
        self.flags: set[str] = set()
        self.values: dict[str, list[str]] = {}
        self.positionals: list[Word] = []
        #: with ``stop_at_positional``: the words from the first operand on, untouched
        self.rest: list[Word] = []

    def has(self, *names: str) -> bool:
        return any(n in self.flags or n in self.values for n in names)

    def value(self, name: str) -> str | None:
        vals = self.values.get(name)
        return vals[-1] if vals else None

    def __repr__(self) -> str:
        return f"Opts(flags={sorted(self.flags)}, values={self.values}, pos={self.positionals})"


def parse(words: Iterable[Word], spec: OptSpec) -> Opts:
    out = Opts()
    items = list(words)
    i = 0
    n = len(items)
    while i < n:
        w = items[i]
        t = w.text
        i += 1
        if t == "--":
            if spec.stop_at_positional:
                out.rest = items[i:]
            else:
                out.positionals.extend(items[i:])
            break
        if t.startswith("--") and len(t) > 2:
            name, eq, val = t.partition("=")
            key = spec._long(name)
            if key is not None and key in spec.valued:
                canon = spec.valued[key]
                if not eq:
                    if i < n:
                        val = items[i].text
                        i += 1
                    else:
                        val = ""
                out.values.setdefault(canon, []).append(val)
            elif key is not None:
                out.flags.add(spec.flags[key])
                if eq:
                    out.values.setdefault(spec.flags[key], []).append(val)
            elif eq:
                out.values.setdefault(name, []).append(val)
            else:
                out.flags.add(name)
            continue
        if t.startswith("-") and len(t) > 1 and not w.dynamic:
            j = 1
            while j < len(t):
                opt = "-" + t[j]
                if opt in spec.valued:
                    val = t[j + 1 :]
                    if not val:
                        if i < n:
                            val = items[i].text
                            i += 1
                    out.values.setdefault(spec.valued[opt], []).append(val)
                    break
                out.flags.add(spec.flags.get(opt, opt))
                j += 1
            continue
        if spec.stop_at_positional:
            out.rest = items[i - 1 :]
            break
        out.positionals.append(w)
    return out


#: options of the container CLIs (docker, podman, nerdctl) before the sub-command that take a
#: value
CONTAINER_GLOBAL_VALUED = frozenset(
    """--context -c --host -H --config -l --log-level --tlscacert --tlscert --tlskey
    --connection --url --identity --root --runroot --storage-driver --storage-opt
    --cgroup-manager --events-backend --network-cmd-path --runtime --tmpdir --module
    --namespace -n --address -a --snapshotter --cni-path --data-root --hosts-dir""".split()
)


def subcommand(words: list[str], valued: frozenset[str]) -> tuple[str, list[str], list[str]]:
    """(sub-command, options before it, the rest) past the program's own options; ``valued``
    are the options that take the next word as their value."""
    before: list[str] = []
    i = 0
    while i < len(words):
        t = words[i]
        if not t.startswith("-") or t == "-":
            return t, before, words[i + 1 :]
        before.append(t)
        i += 1
        if "=" not in t and t in valued and i < len(words):
            before.append(words[i])
            i += 1
    return "", before, []


def unknown_takes(words: list[Word], rest: list[Word], spec: OptSpec) -> bool:
    """Whether the option just before ``rest`` (what ``parse`` left as the operands) is one
    ``spec`` does not know, so the program may read ``rest[0]`` as that option's value."""
    at = len(words) - len(rest)
    if at <= 0 or not rest:
        return False
    t = words[at - 1].text
    if words[at - 1].dynamic or not t.startswith("-") or t in ("-", "--") or "=" in t:
        return False
    if t.startswith("--"):
        return spec._long(t) is None
    for j in range(1, len(t)):
        opt = "-" + t[j]
        if opt in spec.valued:
            return False  # its value is the rest of the word or the word after it
        if opt not in spec.flags:
            return j == len(t) - 1  # an unknown letter takes the next word only when last
    return False


#: ``run`` options of the container CLIs that take a value (the image is the first operand
#: that is not one of their values)
CONTAINER_RUN_VALUED = frozenset(
    """-v --volume --mount -e --env --env-file -w --workdir --name -p --publish --network --net
    --entrypoint -u --user -l --label --label-file --platform -h --hostname --add-host --cpus
    -c --cpu-shares -m --memory --memory-swap --restart --pull --log-driver --log-opt --device
    --cap-add --cap-drop --security-opt --ulimit --tmpfs --gpus --shm-size --stop-signal
    --stop-timeout --cidfile --dns --dns-search --dns-option --ipc --pid --uts --userns
    --runtime --volumes-from --link --expose --health-cmd --health-interval --health-retries
    --health-timeout --health-start-period --cgroupns --cgroup-parent --group-add --ip --ip6
    --mac-address --network-alias --attach -a --isolation --cpuset-cpus --cpuset-mems
    --memory-reservation --kernel-memory --oom-score-adj --pids-limit --sysctl --annotation
    --storage-opt --blkio-weight --device-read-bps --device-write-bps --detach-keys --domainname
    --init-path --arch --os --variant --pod --secret --hooks-dir --timeout --chrootdirs
    --userns-remap --uidmap --gidmap --subuidname --subgidname""".split()
)


def first_operand(words: list[Word], arity: dict[str, int]) -> int:
    """Where the operands start, for a program whose options take a fixed number of words each
    (``bwrap --bind SRC DEST CMD``: ``--bind`` takes two); an option ``arity`` does not list
    takes none, ``--`` ends the options."""
    i = 0
    while i < len(words):
        t = words[i].text
        if t == "--":
            return i + 1
        if not t.startswith("-") or t == "-" or words[i].dynamic:
            return i
        i += 1 + arity.get(t, 0)
    return len(words)
