"""CPython's json.loads as PyPI runs it on caveats, driven by tests/core/json-cpython.test.ts.

Reads one line per case: `b` then the base64 of a caveat's bytes (so an empty caveat is still a line). Decodes them as pymacaroons does (bytes.decode("utf-8"),
which keeps a byte-order mark), parses with json.loads, and prints one JSON line per case:
  {"ok": true, "v": <canonical value>}  or  {"ok": false, "kind": "utf8" | "bom" | "int-limit" | "syntax" | "depth"}
The canonical form is the test's (canon() there): `null` `true` `false`, `i<int>` keeps every digit, `f<repr>` is a
float, strings quote printable ASCII and write every other code point (lone surrogates included) as \\<hex>;,
lists and dicts in order (a dict as Python built it: a repeated key keeps its first place and its last value).

The first line printed describes this interpreter: its version, its int digit limit, and the deepest nesting
json.loads reads with the default recursion limit. Parsing then runs in a thread with a large stack and a raised
recursion limit, so that depth is bounded by the test's cases rather than by Debian 3.11's stack: PyPI runs 3.14,
whose limit follows the C stack and reads deeper than 3.11 does.
Test data only: never a real token.
"""
import base64
import json
import sys
import threading


class Raw(str):
    """Text to emit as is while canon() walks a value without recursion."""


def canon_str(s):
    return '"' + "".join(c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "\\%x;" % ord(c) for c in s) + '"'


def canon(root):
    out = []
    work = [root]
    while work:
        v = work.pop()
        if type(v) is Raw:
            out.append(v)
        elif v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, int):
            out.append("i" + str(v))
        elif isinstance(v, float):
            out.append("f" + repr(v))
        elif isinstance(v, str):
            out.append(canon_str(v))
        elif isinstance(v, list):
            out.append("[")
            work.append(Raw("]"))
            for i in range(len(v) - 1, -1, -1):
                work.append(v[i])
                if i:
                    work.append(Raw(","))
        elif isinstance(v, dict):
            out.append("{")
            work.append(Raw("}"))
            items = list(v.items())
            for i in range(len(items) - 1, -1, -1):
                work.append(items[i][1])
                work.append(Raw(canon_str(items[i][0]) + ":"))
                if i:
                    work.append(Raw(","))
        else:
            raise TypeError(type(v).__name__)
    return "".join(out)


def verdict(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"ok": False, "kind": "utf8"}
    try:
        return {"ok": True, "v": canon(json.loads(text))}
    except json.JSONDecodeError as e:
        return {"ok": False, "kind": "bom" if e.msg.startswith("Unexpected UTF-8 BOM") else "syntax"}
    except RecursionError:
        return {"ok": False, "kind": "depth"}
    except ValueError as e:
        if "Exceeds the limit" in str(e):
            return {"ok": False, "kind": "int-limit"}
        raise


def default_depth():
    """The deepest `[[...]]` json.loads reads here with the default recursion limit (called from a shallow stack)."""
    def reads(n):
        try:
            json.loads("[" * n + "]" * n)
            return True
        except RecursionError:
            return False

    lo, hi = 1, 100_000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if reads(mid) else (lo, mid - 1)
    return lo


def main():
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("b"):
            out.write(json.dumps(verdict(base64.b64decode(line[1:]))) + "\n")


if __name__ == "__main__":
    print(json.dumps({
        "python": sys.version.split()[0],
        "int_max_str_digits": sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None,
        "default_depth": default_depth(),
    }), flush=True)
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 1024 * 1024)
    worker = threading.Thread(target=main)
    worker.start()
    worker.join()
