"""What a command does to files: which paths it writes and which it reads.

Shared by the packs that guard paths (credentials, self-protection, Terraform state, the
filesystem ``>`` check), so that every one of them knows that ``cp x .env``, ``tee .env``,
``sed -i ... .env``, ``curl -o .env`` and ``> .env`` all write ``.env``.
"""

from __future__ import annotations

from railguard.model import Invocation, Word
from railguard.shell.options import OptSpec
from railguard.shell.options import parse as parse_opts

#: programs that read the files named as operands
READERS = frozenset(
    """cat tac less more head tail nl od xxd hexdump hd strings base64 base32 grep egrep fgrep rg
    ag ack awk gawk mawk nawk sed vim vi nvim nano emacs view code subl bat batcat jq yq sort
    uniq cut paste tr diff cmp comm wc md5sum sha1sum sha256sum sha512sum shasum cksum file
    source . openssl gpg iconv column fold fmt pr expand unexpand rev look dd strings
    zcat zless gzcat bzcat xzcat gzip gunzip bzip2 bunzip2 xz unxz zstd unzstd lz4""".split()
)
#: programs that copy or pack their operands somewhere (their sources are read)
COPIERS = frozenset("cp scp rsync tar zip 7z 7za rar gzip bzip2 xz zstd install ln mv".split())

_CP = OptSpec(
    {"-r": "recursive", "-R": "recursive", "-a": "archive", "-f": "force", "-i": "i",
     "-n": "n", "-v": "v", "-p": "p", "-u": "u", "-l": "link", "-s": "symlink", "-b": "backup",
     "-T": "no_target_dir", "-L": "L", "-P": "P", "-H": "H", "-x": "x", "-d": "d",
     "--recursive": "recursive", "--force": "force", "--archive": "archive",
     "--no-target-directory": "no_target_dir", "--update": "u", "--verbose": "v",
     "--backup": "backup", "--parents": "parents", "--remove-destination": "force"},
    {"-t": "target", "--target-directory": "target", "-S": "suffix", "--suffix": "suffix",
     "-m": "mode", "-o": "owner", "-g": "group", "--mode": "mode", "--owner": "owner",
     "--group": "group", "--reflink": "reflink", "--sparse": "sparse"},
)
_RSYNC_VALUED = {"-e": "rsh", "--rsh": "rsh", "--exclude": "exclude", "--include": "include",
                 "--exclude-from": "xf", "--include-from": "if", "--files-from": "ff",
                 "--filter": "filter", "-f": "filter", "--chmod": "chmod", "--backup-dir": "bd",
                 "--suffix": "suffix", "--log-file": "log", "--password-file": "pw",
                 "--temp-dir": "tmp", "-T": "tmp", "--compare-dest": "cd", "--link-dest": "ld",
                 "--copy-dest": "cpd", "--max-size": "max", "--min-size": "min",
                 "--timeout": "to", "--port": "port", "--bwlimit": "bw", "--rsync-path": "rp"}
_RSYNC = OptSpec({}, _RSYNC_VALUED)
_SED = OptSpec({"-n": "n", "-E": "E", "-r": "E", "-s": "s", "-u": "u", "-z": "z",
                "--quiet": "n", "--silent": "n", "--regexp-extended": "E",
                "--separate": "s", "--null-data": "z", "--posix": "posix", "--debug": "dbg",
                "--sandbox": "sandbox"},
               {"-e": "expr", "--expression": "expr", "-f": "file", "--file": "file",
                "-l": "len", "--line-length": "len"})
_CURL_OUT = {"-o", "--output"}
_TEE = OptSpec({"-a": "append", "-i": "i", "-p": "p", "--append": "append",
                "--ignore-interrupts": "i"}, {"--output-error": "oe"})


def _operands(words: list[Word]) -> list[Word]:
    out = []
    after = False
    for w in words:
        if after:
            out.append(w)
        elif w.text == "--":
            after = True
        elif not w.text.startswith("-") or w.text == "-":
            out.append(w)
    return out


def _sed_in_place(args: list[Word]) -> bool:
    for w in args:
        t = w.text
        if t == "--in-place" or t.startswith("--in-place="):
            return True
        if t.startswith("-") and not t.startswith("--") and "i" in t[1:]:
            # -i, -i.bak, -ni; but not -e/-f values
            return True
    return False


def write_targets(inv: Invocation) -> list[Word]:
    """Paths this invocation writes, creates, replaces or truncates (not deletes)."""
    out: list[Word] = [r.target for r in inv.redirects if r.writes and r.target is not None
                       and not r.target.text.isdigit() and r.target.text != "-"]
    name = inv.name
    args = inv.args
    if name is None:
        return out
    if name in ("cp", "mv", "install", "ln"):
        o = parse_opts(args, _CP)
        target = o.value("target")
        if target is not None:
            out.append(Word(target))
        elif len(o.positionals) >= 2 or (name == "ln" and o.positionals):
            out.append(o.positionals[-1])
    elif name == "tee":
        o = parse_opts(args, _TEE)
        out.extend(o.positionals)
    elif name in ("sed", "perl", "ruby") and _sed_in_place(args):
        if name == "sed":
            o = parse_opts(args, _SED)
            files = o.positionals if ("expr" in o.values or "file" in o.values) else \
                o.positionals[1:]
        else:
            files = [w for w in _operands(args)][1:]
        out.extend(files)
    elif name == "dd":
        for w in args:
            if w.text.startswith("of="):
                out.append(Word(w.text[3:], w.dynamic, w.glob))
    elif name in ("curl",):
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            if t in _CURL_OUT and i + 1 < len(args):
                out.append(args[i + 1])
            elif t.startswith("--output="):
                out.append(Word(t.split("=", 1)[1]))
            elif t.startswith("-o") and len(t) > 2 and not t.startswith("--"):
                out.append(Word(t[2:]))
    elif name == "wget":
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            if t in ("-O", "--output-document") and i + 1 < len(args):
                out.append(args[i + 1])
            elif t.startswith("--output-document="):
                out.append(Word(t.split("=", 1)[1]))
            elif t.startswith("-O") and len(t) > 2:
                out.append(Word(t[2:]))
    elif name == "rsync":
        o = parse_opts(args, _RSYNC)
        if len(o.positionals) >= 2:
            out.append(o.positionals[-1])
    elif name == "scp":
        ops = _operands(args)
        if len(ops) >= 2 and ":" not in ops[-1].text:
            out.append(ops[-1])
    elif name in ("touch", "truncate", "mkdir", "chmod", "chown", "chgrp", "setfacl"):
        ops = _operands(args)
        if name in ("chmod", "chown", "chgrp"):
            # the mode/owner is the first operand, unless it was written like an option
            # (``chmod -x FILE``: ``-x`` is the mode)
            mode_as_option = name == "chmod" and any(
                w.text[1:] and all(c in "rwxXstugo" for c in w.text[1:])
                for w in args if w.text.startswith("-") and w.text != "--")
            if ops and not mode_as_option:
                ops = ops[1:]
        if name == "truncate":
            ops = [w for w in ops if not w.text.lstrip("-+<>/%").isdigit()]
        out.extend(ops)
    elif name in ("vim", "vi", "nvim", "nano", "emacs", "code", "subl", "ed", "sudoedit"):
        out.extend(_operands(args))
    elif name in ("tar",):
        # extraction writes below -C DIR (or cwd); creation writes the archive
        texts = [w.text for w in args]
        first = texts[0] if texts else ""
        extracting = ("x" in first.lstrip("-") and not first.startswith("--")) or "--extract" in \
            texts or "-x" in texts
        for i, t in enumerate(texts):
            if t in ("-C", "--directory") and i + 1 < len(args):
                out.append(args[i + 1])
            elif t.startswith("--directory="):
                out.append(Word(t.split("=", 1)[1]))
            elif t in ("-f", "--file") and i + 1 < len(args) and not extracting:
                out.append(args[i + 1])
        if not extracting and first and not first.startswith("-") and "f" in first \
                and len(args) > 1:
            out.append(args[1])
    elif name in ("unzip",):
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            if t == "-d" and i + 1 < len(args):
                out.append(args[i + 1])
    elif name in ("git",):
        pass
    return out


def read_targets(inv: Invocation) -> list[Word]:
    """Paths whose content this invocation reads (or copies, packs, uploads)."""
    name = inv.name
    out: list[Word] = [r.target for r in inv.redirects if r.op == "<" and r.target is not None]
    if name is None:
        return out
    args = inv.args
    if name in ("cp", "mv", "install", "ln"):
        o = parse_opts(args, _CP)
        if o.value("target") is not None:
            out.extend(o.positionals)
        else:
            out.extend(o.positionals[:-1])
    elif name == "rsync":
        o = parse_opts(args, _RSYNC)
        out.extend(o.positionals[:-1])
    elif name == "scp":
        out.extend(_operands(args)[:-1])
    elif name in ("grep", "egrep", "fgrep", "rg", "ag", "ack"):
        ops = _operands(args)
        has_e = any(w.text in ("-e", "-f", "--regexp", "--file") or
                    w.text.startswith(("--regexp=", "--file=")) for w in args)
        out.extend(ops if has_e else ops[1:])
    elif name in ("awk", "gawk", "mawk", "nawk"):
        ops = _operands(args)
        has_f = any(w.text == "-f" for w in args)
        out.extend(ops if has_f else ops[1:])
    elif name == "sed":
        o = parse_opts(args, _SED)
        out.extend(o.positionals if ("expr" in o.values or "file" in o.values)
                   else o.positionals[1:])
    elif name == "openssl":
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            if t in ("-in", "-inkey", "-key") and i + 1 < len(args):
                out.append(args[i + 1])
    elif name == "dd":
        for w in args:
            if w.text.startswith("if="):
                out.append(Word(w.text[3:], w.dynamic, w.glob))
    elif name == "tar":
        texts = [w.text for w in args]
        first = texts[0] if texts else ""
        extracting = "x" in first.lstrip("-") or "--extract" in texts or "-x" in texts
        if not extracting:
            skip_next = False
            for i, w in enumerate(args):
                if skip_next:
                    skip_next = False
                    continue
                if i == 0 and not w.text.startswith("-"):
                    if "f" in w.text:
                        skip_next = True
                    continue
                if w.text in ("-f", "--file", "-C", "--directory", "-T", "--files-from",
                              "--exclude"):
                    skip_next = True
                    continue
                if not w.text.startswith("-"):
                    out.append(w)
    elif name in ("zip", "7z", "7za"):
        ops = _operands(args)
        out.extend(ops[1:])
    elif name in ("curl",):
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            val = None
            if t in ("-d", "--data", "--data-binary", "--data-raw", "--data-urlencode", "-F",
                     "--form", "-T", "--upload-file", "--json") and i + 1 < len(args):
                val = args[i + 1]
            elif t.startswith(("--data=", "--data-binary=", "--form=", "--upload-file=")):
                val = Word(t.split("=", 1)[1])
            elif t.startswith(("-d@", "-F")) and len(t) > 2:
                val = Word(t[2:])
            if val is None:
                continue
            text = val.text
            if t in ("-T", "--upload-file") or t.startswith("--upload-file="):
                out.append(val)
            elif "@" in text:
                path = text.split("@", 1)[1].split(";", 1)[0]
                if path and path != "-":
                    out.append(Word(path, val.dynamic))
            elif text.startswith("<"):
                out.append(Word(text[1:].split(";", 1)[0], val.dynamic))
    elif name == "wget":
        texts = [w.text for w in args]
        for i, t in enumerate(texts):
            if t in ("--post-file", "--body-file") and i + 1 < len(args):
                out.append(args[i + 1])
            elif t.startswith(("--post-file=", "--body-file=")):
                out.append(Word(t.split("=", 1)[1]))
    elif name in READERS:
        ops = _operands(args)
        if name in ("head", "tail"):
            ops = [w for w in ops if not w.text.lstrip("+-").isdigit()]
        out.extend(ops)
    return out
