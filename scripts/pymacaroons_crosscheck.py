"""Cross-check against the real pymacaroons (Debian python3-pymacaroons), driven by tests/core/pymacaroons.test.ts.

  verify: reads JSON lines {serialized, key_hex, location, identifier, caveats} made by our core and prints, for
          each, whether pymacaroons reads the same fields and verifies the signature with the key (and not with a
          wrong key).
  mint N SEED: prints N JSON lines of random macaroons made by pymacaroons (V1 and V2), for our core to read and check.
Keys and macaroons here are random test data, never real tokens.
"""
import json
import random
import sys

import pymacaroons


def verify(line):
    case = json.loads(line)
    m = pymacaroons.Macaroon.deserialize(case["serialized"])
    same = (
        m.location == case["location"]
        and m.identifier_bytes == case["identifier"].encode()
        and [c.caveat_id_bytes.decode() for c in m.caveats] == case["caveats"]
    )

    def ok(key):
        v = pymacaroons.Verifier()
        v.satisfy_general(lambda caveat: True)
        try:
            return v.verify(m, key)
        except pymacaroons.exceptions.MacaroonInvalidSignatureException:
            return False

    key = bytes.fromhex(case["key_hex"])
    return {"same_fields": same, "verifies": ok(key), "wrong_key_verifies": ok(key + b"x")}


def mint(n, seed):
    rnd = random.Random(seed)
    ascii_only = "abcdefghijklmnopqrstuvwxyz0123456789-_ .\"[]{},:"
    for i in range(n):
        key = rnd.randbytes(rnd.choice([1, 16, 32, 64]))
        version = pymacaroons.MACAROON_V1 if i % 4 == 0 else pymacaroons.MACAROON_V2
        # pymacaroons' V1 writer counts characters, not bytes, in packet lengths: V1 stays ASCII.
        alphabet = ascii_only if version == pymacaroons.MACAROON_V1 else ascii_only + "\u00e9\u4e2d"
        text = lambda k: "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, k)))
        location = rnd.choice(["pypi.org", "test.pypi.org", "example.com", text(20)])
        identifier = text(40) or "id"
        m = pymacaroons.Macaroon(location=location, identifier=identifier, key=key, version=version)
        caveats = [text(60) or "x" for _ in range(rnd.randint(0, 6))]
        for c in caveats:
            m.add_first_party_caveat(c)
        print(json.dumps({
            "serialized": m.serialize(), "key_hex": key.hex(), "version": version,
            "location": location, "identifier": identifier, "caveats": caveats,
        }))


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        for line in sys.stdin:
            print(json.dumps(verify(line)))
    else:
        mint(int(sys.argv[2]), int(sys.argv[3]))
