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
    elif name == "sort":
        out.extend(w for w, _ in _sort_output(args))
    elif name == "uniq":
        # uniq [INPUT [OUTPUT]]: the second operand is written
        ops = [w for w in _operands(args) if not _after_valued(args, w, _UNIQ_VALUED)]
        if len(ops) == 2 and ops[1].text != "-":
            out.append(ops[1])
    elif name == "find":
        out.extend(w for w, _ in _find_outputs(args))
    elif name == "tree":
        out.extend(_tree_output(args))
    elif name == "history":
        out.extend(w for w, _ in _history_file(args))
    elif name.startswith(("python", "pypy")):
        extracted = python_extraction(args)
        if extracted is not None:
            out.append(extracted[1])
    return out


def python_extraction(args: list[Word]) -> tuple[Word, Word] | None:
    """(archive, folder) for ``python -m zipfile -e ARCHIVE DIR`` and ``python -m tarfile -e
    ARCHIVE [DIR]`` (the folder defaults to the current one)."""
    module = None
    rest: list[Word] = []
    for i, w in enumerate(args):
        t = w.text
        if t == "-m" and i + 1 < len(args):
            module, rest = args[i + 1].text, args[i + 2 :]
            break
        if t.startswith("-m") and len(t) > 2:
            module, rest = t[2:], args[i + 1 :]
            break
        if not t.startswith("-") or t in ("-c", "-"):
            return None  # a script or inline code runs, not a module
    if module not in ("zipfile", "tarfile") or not rest:
        return None
    texts = [w.text for w in rest]
    for i, t in enumerate(texts):
        if t in ("-e", "--extract") or (t.startswith("--ext") and "--extract".startswith(t)):
            ops = [w for w in rest[i + 1 :] if not w.text.startswith("-")]
            if not ops:
                return None
            return ops[0], ops[1] if len(ops) > 1 else Word(".")
    return None


def expand(path: str, limit: int = 256) -> list[str]:
    """The names an unquoted glob in an absolute ``path`` matches on disk, as bash matches them
    by default (a leading ``.`` is matched only by a pattern that starts with one), at most
    ``limit``; empty when nothing matches or the pattern cannot be read."""
    import glob
    import itertools

    try:
        return sorted(itertools.islice(glob.iglob(path), limit))
    except (OSError, ValueError, RecursionError):
        return []


_UNIQ_VALUED = frozenset({"-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars",
                          "--group", "--all-repeated"})
_SORT_VALUED = frozenset({"-k", "--key", "-t", "--field-separator", "-S", "--buffer-size",
                          "-T", "--temporary-directory", "--parallel", "--batch-size",
                          "--compress-program", "--files0-from", "--random-source", "--sort"})
#: find actions that write a file (``-fprint FILE``, ``-fprintf FILE FORMAT``)
_FIND_WRITERS = frozenset({"-fprint", "-fprint0", "-fls", "-fprintf"})


def _after_valued(args: list[Word], word: Word, valued: frozenset[str]) -> bool:
    for i, w in enumerate(args):
        if w is word:
            return i > 0 and args[i - 1].text in valued
    return False


def _sort_output(args: list[Word]) -> list[tuple[Word, str]]:
    """``sort -o FILE`` / ``--output=FILE``: sort truncates FILE (after reading its inputs)."""
    out: list[tuple[Word, str]] = []
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if t == "--":
            break
        if t in ("-o", "--output"):
            if i < len(args):
                out.append((args[i], "sort -o"))
            i += 1
        elif t.startswith("--output="):
            out.append((Word(t.split("=", 1)[1], w.dynamic, w.glob), "sort -o"))
        elif t in _SORT_VALUED:
            i += 1
        elif t.startswith("-") and not t.startswith("--") and len(t) > 1:
            letters = t[1:]
            at = letters.find("o")
            # a cluster: -uo FILE, -oFILE (-k/-t/-S/-T take the rest of the word first)
            stop = min((letters.find(c) for c in "ktST" if c in letters), default=-1)
            if at >= 0 and (stop < 0 or at < stop):
                rest = letters[at + 1 :]
                if rest:
                    out.append((Word(rest, w.dynamic, w.glob), "sort -o"))
                else:
                    if i < len(args):
                        out.append((args[i], "sort -o"))
                    i += 1
            elif stop >= 0 and stop == len(letters) - 1:
                i += 1
    return out


def _find_outputs(args: list[Word]) -> list[tuple[Word, str]]:
    """The files ``find -fprint FILE`` (and -fprint0, -fls, -fprintf) truncate and write."""
    out: list[tuple[Word, str]] = []
    for i, w in enumerate(args[:-1]):
        if w.text in _FIND_WRITERS and not w.dynamic:
            out.append((args[i + 1], f"find {w.text}"))
    return out


#: tree's options that take the next word as their value (``-o`` is the output file)
_TREE_VALUED = frozenset("oLPIHT")
_TREE_LONG_VALUED = frozenset({"--charset", "--filelimit", "--timefmt", "--sort", "--hintro",
                               "--houtro", "--infofile", "--gitfile"})


def _tree_output(args: list[Word]) -> list[Word]:
    """``tree -o FILE``: tree writes its listing to FILE (each one-letter option of a cluster
    that takes a value takes the next word, in order)."""
    out: list[Word] = []
    i = 0
    while i < len(args):
        t = args[i].text
        i += 1
        if t == "--":
            break
        if t.startswith("--"):
            if "=" not in t and t in _TREE_LONG_VALUED:
                i += 1
        elif t.startswith("-") and len(t) > 1 and not args[i - 1].dynamic:
            for c in t[1:]:
                if c in _TREE_VALUED:
                    if c == "o" and i < len(args):
                        out.append(args[i])
                    i += 1
    return out


def _history_file(args: list[Word]) -> list[tuple[Word, str]]:
    """``history -w FILE`` (replaces FILE with the list) and ``history -a FILE`` (appends)."""
    for i, w in enumerate(args):
        t = w.text
        if not t.startswith("-") or t == "--" or w.dynamic:
            break
        letters = t[1:]
        if ("w" in letters or "a" in letters) and i + 1 < len(args) and \
                not args[i + 1].text.startswith("-"):
            return [(args[i + 1], "w" if "w" in letters else "a")]
    return []


def _no_clobber(args: list[Word]) -> bool:
    for w in args:
        t = w.text
        if t in ("-n", "--no-clobber", "--update=none", "--update=none-fail"):
            return True
        if t.startswith("-") and not t.startswith("--") and "n" in t[1:]:
            return True
    return False


def replace_targets(inv: Invocation) -> list[tuple[Word, str, Word | None]]:
    """Paths whose whole content this invocation replaces, with how, and for the destination
    of a copy, move or link the source that lands there (only an existing file at the
    destination loses anything; when it is a folder, the copy lands inside it), or None for a
    file opened for writing (``>``, ``tee``, ``dd of=``, ``sort -o``, ``find -fprint``).

    Appending, editing in place and metadata changes are not replacing.
    """
    out: list[tuple[Word, str, Word | None]] = []
    for r in inv.redirects:
        if r.truncates and r.target is not None and not r.target.text.isdigit() \
                and r.target.text != "-":
            out.append((r.target, r.op, None))
    name = inv.name
    if name is None:
        return out
    args = inv.args
    if name == "tee":
        o = parse_opts(args, _TEE)
        if not o.has("append"):
            out.extend((w, "tee", None) for w in o.positionals)
    elif name == "dd":
        notrunc = any(w.text.startswith("conv=") and "notrunc" in w.text for w in args)
        if not notrunc:
            out.extend((Word(w.text[3:], w.dynamic, w.glob), "dd", None) for w in args
                       if w.text.startswith("of="))
    elif name == "sort":
        out.extend((w, how, None) for w, how in _sort_output(args))
    elif name == "find":
        out.extend((w, how, None) for w, how in _find_outputs(args))
    elif name == "tree":
        out.extend((w, "tree -o", None) for w in _tree_output(args))
    elif name == "history":
        out.extend((w, "history -w", None) for w, how in _history_file(args) if how == "w")
    elif name in ("cp", "mv", "install", "ln"):
        o = parse_opts(args, _CP)
        if name == "install" and any(w.text in ("-d", "--directory") for w in args):
            return out
        if name == "ln" and not o.has("force"):
            return out  # ln without -f fails on an existing name
        if name in ("cp", "mv") and _no_clobber(args):
            return out
        target = o.value("target")
        if target is not None:
            out.extend((_join(Word(target), w), name, w) for w in o.positionals)
        elif len(o.positionals) > 2:
            dest = o.positionals[-1]
            out.extend((_join(dest, w), name, w) for w in o.positionals[:-1])
        elif len(o.positionals) == 2:
            out.append((o.positionals[1], name, o.positionals[0]))
    elif name in ("curl", "wget", "uniq"):
        out.extend((w, name, None) for w in write_targets(inv)
                   if not any(r.target is w for r in inv.redirects))
    return out


def _join(folder: Word, src: Word) -> Word:
    base = src.text.rstrip("/").rsplit("/", 1)[-1]
    return Word(folder.text.rstrip("/") + "/" + base, folder.dynamic or src.dynamic,
                folder.glob or src.glob)


#: zip's options that take a value as the next word
ZIP_VALUED = frozenset({"-b", "-n", "-t", "-tt", "-P", "-Z", "-s", "-O", "-lf", "-ds", "-TT",
                        "-UN", "--out", "--output-file", "--temp-path", "--suffixes",
                        "--password", "--split-size", "--logfile-path", "--compression-method",
                        "--from-date", "--before-date", "--unzip-command", "--dot-size",
                        "--unicode"})
#: zip's one-letter options that take no value (they cluster: ``-rq``)
_ZIP_FLAGS = frozenset("0123456789AcdDeFfghHjJklLmopqrRTuUvXyz@")
#: zip's long options that take a list of patterns
_ZIP_LISTS = {"--exclude": "x", "--include": "i"}


def zip_args(args: list[Word]) -> tuple[list[Word], list[Word], list[tuple[str, Word]]]:
    """zip's command line as zip reads it: (the options, without their values; the operands,
    the archive first; the patterns of ``-x`` and ``-i`` as ("x" or "i", pattern)).

    ``-x PAT ...`` (``--exclude``) and ``-i PAT ...`` (``--include``), or a cluster ending in
    one (``-rx``), take the words after them up to the next option, a bare ``@`` or the end,
    wherever they stand; joined to the option (``-x*.o``, ``-x=*.o``, ``--exclude=*.o``) the
    value is one pattern. A pattern ``@FILE`` names a file of patterns. After ``--`` every
    word is an operand."""
    opts: list[Word] = []
    ops: list[Word] = []
    patterns: list[tuple[str, Word]] = []
    listing = ""  # "x" or "i" while the words are patterns of ``-x`` or ``-i``
    i = 0
    while i < len(args):
        w = args[i]
        t = w.text
        i += 1
        if t == "--":
            ops.extend(args[i:])
            break
        if t.startswith("-") and len(t) > 1:
            listing = ""
            name, eq, value = t.partition("=")
            kind = _ZIP_LISTS.get(name, "")
            if kind and eq:
                patterns.append((kind, Word(value, w.dynamic, w.glob)))
                continue
            letters = t[1:]
            if kind:
                listing = kind
            elif letters[0] in "xi" and len(letters) > 1 and letters != "ic":
                patterns.append((letters[0], Word(letters[1:].removeprefix("="), w.dynamic,
                                                  w.glob)))
                continue
            elif letters[-1] in "xi" and not letters.endswith("li") and all(
                    c in _ZIP_FLAGS for c in letters[:-1]):
                listing = letters[-1]
            opts.append(w)
            if t in ZIP_VALUED:
                i += 1
        elif listing and t == "@":
            listing = ""
        elif listing:
            patterns.append((listing, w))
        else:
            ops.append(w)
    return opts, ops, patterns


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
    elif name == "zip":
        _opts, ops, patterns = zip_args(args)
        out.extend(ops[1:])
        # ``-x@FILE``: zip reads the patterns from FILE
        out.extend(Word(w.text[1:], w.dynamic, w.glob) for _, w in patterns
                   if w.text.startswith("@") and len(w.text) > 1)
    elif name in ("7z", "7za"):
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
