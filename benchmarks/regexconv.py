"""Translates the packs' Python regular expressions into ripgrep's byte mode and JavaScript's ``u`` mode.

- Look-around, which ripgrep's engine lacks, is removed for ripgrep (the expression then
  matches a superset: the search does at least the same work) and kept for JavaScript.
- ``rg --no-unicode`` refuses non-ASCII characters, so each one becomes its UTF-8 bytes
  (``’`` → ``(?:\\xE2\\x80\\x99)``); a class holding some becomes an alternation, and a
  negated one simply loses them.
- Escapes each engine rejects (``\\'`` in both, ``\\#`` in JavaScript) lose their backslash;
  ``(?P<name>`` becomes ``(?<name>`` for JavaScript; ``\\Z`` becomes ``\\z`` / ``$``.

``check_rg`` and ``check_js`` ask the real engines which expressions they still reject.
"""

from __future__ import annotations

import json
import shutil
import subprocess

RUST_META = set("\\.+*?()|[]{}^$#&-~")
JS_SYNTAX = set("\\^$.*+?()[]{}|/")
LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def tokens(rx: str):
    """Split a regex into ("esc" | "class" | "open" | "close" | "char", text) tokens."""
    i, n = 0, len(rx)
    while i < n:
        c = rx[i]
        if c == "\\":
            j = i + 2
            if rx[i + 1 : i + 2] == "x":
                j = i + 4
            elif rx[i + 1 : i + 2] == "u":
                j = i + 6
            yield "esc", rx[i:j]
            i = j
        elif c == "[":
            j = i + 1
            if rx[j : j + 1] == "^":
                j += 1
            if rx[j : j + 1] == "]":
                j += 1
            while j < n and rx[j] != "]":
                j += 2 if rx[j] == "\\" else 1
            yield "class", rx[i : j + 1]
            i = j + 1
        elif c == "(":
            j = i + 1
            if rx[j : j + 1] == "?":
                if rx.startswith(("(?<=", "(?<!"), i):
                    j = i + 4
                elif rx.startswith(("(?P<", "(?<"), i):
                    j = rx.index(">", i) + 1
                else:
                    j = i + 3
            yield "open", rx[i:j]
            i = j
        elif c == ")":
            yield "close", c
            i += 1
        else:
            yield "char", c
            i += 1


def _char_of(esc: str) -> str | None:
    """The character a ``\\xHH`` or ``\\uHHHH`` escape stands for, else None."""
    if esc[1:2] in ("x", "u") and len(esc) in (4, 6):
        try:
            return chr(int(esc[2:], 16))
        except ValueError:
            return None
    return None


def _utf8(ch: str) -> str:
    return "(?:" + "".join(f"\\x{b:02X}" for b in ch.encode("utf-8")) + ")"


def _class_items(body: str):
    """The items of a class body: escapes and single characters."""
    i = 0
    while i < len(body):
        if body[i] == "\\":
            j = i + (4 if body[i + 1 : i + 2] == "x" else 6 if body[i + 1 : i + 2] == "u" else 2)
            yield body[i:j]
            i = j
        else:
            yield body[i]
            i += 1


def _fix_escape(esc: str, dialect: str, in_class: bool) -> str:
    ch = esc[1:]
    if len(ch) == 1 and not ch.isalnum():
        allowed = RUST_META if dialect == "rg" else (JS_SYNTAX | ({"-"} if in_class else set()))
        return esc if ch in allowed else ch
    if ch == "Z":
        return r"\z" if dialect == "rg" else "$"
    if ch == "A" and dialect == "js":
        return "^"
    return esc


def _class(text: str, dialect: str) -> str:
    negated = text.startswith("[^")
    body = text[2 if negated else 1 : -1]
    ascii_items, wide = [], []
    for item in _class_items(body):
        ch = _char_of(item) if item.startswith("\\") else item
        if dialect == "rg" and ch is not None and len(ch) == 1 and ord(ch) > 127:
            wide.append(ch)
        else:
            ascii_items.append(_fix_escape(item, dialect, True) if item.startswith("\\") else item)
    inner = "".join(ascii_items)
    if not wide:
        return ("[^" if negated else "[") + inner + "]"
    if negated:
        return "[^" + inner + "]" if inner else "[\\s\\S]"
    parts = ([f"[{inner}]"] if inner else []) + [_utf8(ch) for ch in dict.fromkeys(wide)]
    return "(?:" + "|".join(parts) + ")"


def convert(rx: str, dialect: str) -> str:
    """``rx`` (Python syntax) in the ``"rg"`` or ``"js"`` dialect."""
    out, skip = [], 0
    for kind, text in tokens(rx):
        if skip:
            skip += 1 if kind == "open" else -1 if kind == "close" else 0
            continue
        if kind == "open" and dialect == "rg" and text in LOOKAROUND:
            skip = 1
            continue
        if kind == "open" and dialect == "js" and text.startswith("(?P<"):
            text = "(?<" + text[4:]
        elif kind == "esc":
            ch = _char_of(text)
            if dialect == "rg" and ch and ord(ch) > 127:
                text = _utf8(ch)
            else:
                text = _fix_escape(text, dialect, False)
        elif kind == "class":
            text = _class(text, dialect)
        elif kind == "char" and dialect == "rg" and ord(text) > 127:
            text = _utf8(text)
        out.append(text)
    return "".join(out)


def check_rg(patterns: list[str]) -> dict[int, str]:
    """Index → error for every pattern ``rg -i --no-unicode`` rejects (nothing when rg is missing)."""
    rg = shutil.which("rg")
    bad = {}
    if not rg:
        return bad
    for i, p in enumerate(patterns):
        proc = subprocess.run([rg, "-i", "--no-unicode", "-e", p, "--", "/dev/null"], capture_output=True, text=True)
        if proc.returncode > 1:
            bad[i] = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
    return bad


def check_js(patterns: list[str]) -> dict[int, str]:
    """Index → error for every pattern ``new RegExp(p, "gmiu")`` rejects (nothing when node is missing)."""
    node = shutil.which("node")
    if not node or not patterns:
        return {}
    script = ("const ps = JSON.parse(require('fs').readFileSync(0, 'utf8')); const bad = {};"
              "ps.forEach((p, i) => { try { new RegExp(p, 'gmiu'); } catch (e) { bad[i] = e.message; } });"
              "process.stdout.write(JSON.stringify(bad));")
    proc = subprocess.run([node, "-e", script], input=json.dumps(patterns), capture_output=True, text=True)
    try:
        return {int(k): v for k, v in json.loads(proc.stdout or "{}").items()}
    except ValueError:
        return {}
