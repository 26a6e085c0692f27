#!/usr/bin/env python3
"""Prepares wrk's inputs against a running gateway (scripts/benchmark.sh; not measured).

  prepare.py tokens URL USERS_JSON OUT [N]   sign in N app users (password + TOTP) -> one access token per line
  prepare.py pairs  URL USERS_JSON OUT N     open N SMS sign-in challenges; code from the dev outbox -> "challengeId code"
  prepare.py credentials USERS_JSON OUT      "username<TAB>password" per app user (password step)
  prepare.py locked URL OUT N                lock N unknown usernames (SA-10/SA-11: 5 wrong passwords each)

Loopback only, bounded: every loop has a fixed count, every request a 30 s timeout.
"""
import base64, concurrent.futures as cf, hashlib, hmac, json, struct, sys, time, urllib.error, urllib.request


def call(url, method="GET", body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def totp(secret, step):
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def field(user, name):
    return user.get(name) or user.get(name[0].upper() + name[1:])


def tokens(url, users_path, out, n=100):
    users = [u for u in json.load(open(users_path)) if field(u, "totpSecret")][: int(n)]
    step = int(time.time()) // 30 + 1  # a step after any the load tool used (SA-8: no replay)
    while int(time.time()) // 30 < step: time.sleep(0.5)

    def one(u):
        status, body = call(url + "/api/v1/sessions", "POST", {"username": field(u, "username"), "password": field(u, "password")})
        if status != 200: return None
        status, body = call(url + f"/api/v1/sessions/{body['challengeId']}/verify", "POST", {"code": totp(field(u, "totpSecret"), int(time.time()) // 30)})
        return body["accessToken"] if status == 200 else None

    with cf.ThreadPoolExecutor(8) as pool: got = [t for t in pool.map(one, users) if t]
    open(out, "w").write("\n".join(got) + "\n")
    print(f"tokens: {len(got)} of {len(users)}", file=sys.stderr)


def pairs(url, users_path, out, n):
    users = [u for u in json.load(open(users_path)) if field(u, "phoneNumber")]
    n = int(n)

    def one(i):
        u = users[i % len(users)]
        status, body = call(url + "/api/v1/sessions", "POST", {"username": field(u, "username"), "password": field(u, "password")})
        if status != 200: return None
        status, box = call(url + "/api/v1/dev/outbox?to=" + urllib.parse.quote(field(u, "phoneNumber")))
        if status != 200 or not box: return None
        code = box[-1].get("code")  # the newest message is this challenge's
        return f"{body['challengeId']} {code}" if code else None

    import urllib.parse
    # One user's challenges one after the other (its newest SMS is its latest challenge's code).
    per_user = [[i for i in range(n) if i % len(users) == k] for k in range(min(len(users), n))]
    def user_chain(indices): return [one(i) for i in indices]
    with cf.ThreadPoolExecutor(8) as pool: got = [p for chain in pool.map(user_chain, per_user) for p in chain if p]
    open(out, "w").write("\n".join(got) + "\n")
    print(f"pairs: {len(got)} of {n}", file=sys.stderr)


def credentials(users_path, out):
    users = [u for u in json.load(open(users_path)) if field(u, "totpSecret")]
    open(out, "w").write("".join(f"{field(u, 'username')}\t{field(u, 'password')}\n" for u in users))


def locked(url, out, n):
    names = [f"wrklocked{i:04d}" for i in range(int(n))]

    def one(name):
        last = 0
        for _ in range(6): last, _b = call(url + "/api/v1/sessions", "POST", {"username": name, "password": "wrong password for the bench"})
        return name if last == 423 else None

    with cf.ThreadPoolExecutor(8) as pool: got = [x for x in pool.map(one, names) if x]
    open(out, "w").write("\n".join(got) + "\n")
    print(f"locked: {len(got)} of {len(names)}", file=sys.stderr)


if __name__ == "__main__":
    import urllib.parse  # noqa: F401
    {"tokens": tokens, "pairs": pairs, "locked": locked, "credentials": credentials}[sys.argv[1]](*sys.argv[2:])
