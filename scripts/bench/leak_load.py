#!/usr/bin/env python3
"""Drives a running kkp-mock through its code paths, for scripts/leakcheck: GET, list, PATCH (real writes, no-ops,
If-Match), bad JSON, wrong types, 404/405/415, HEAD/OPTIONS, the Swagger document, 413s, conflicting framing, and
connections dropped mid-request. Every request carries the demo token. Exits non-zero on an unexpected answer.

usage: leak_load.py PORT [ROUNDS]
"""
import http.client, socket, sys

PORT = int(sys.argv[1])
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
AUTH = {"Authorization": "Bearer demo-token"}
CLUSTER = "/api/v2/projects/jb4kfzwsxl/clusters/w225mx4z66"
V1 = "/api/v1/projects/jb4kfzwsxl/dc/europe-west3-c/clusters/w225mx4z66"
failures = []


def expect(conn, method, path, status, body=None, headers=None):
    conn.request(method, path, body=body, headers={**AUTH, **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    if response.status != status:
        failures.append(f"{method} {path} {body!r:.60}: {response.status} (wanted {status}) {data[:120]!r}")
    return response, data


def raw(data, close_early=False):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    try:
        s.sendall(data)
        if close_early:
            return
        s.shutdown(socket.SHUT_WR)
        while s.recv(65536):
            pass
    except OSError:
        pass
    finally:
        s.close()


for round_ in range(ROUNDS):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for i in range(10):
        expect(conn, "GET", CLUSTER, 200)
        expect(conn, "GET", V1, 200)
        expect(conn, "GET", "/api/v2/projects/jb4kfzwsxl/clusters", 200)
        expect(conn, "PATCH", CLUSTER, 200, f'{{"labels":{{"leak":"{round_}-{i}"}}}}')
    response, _ = expect(conn, "PATCH", CLUSTER, 200, '{"labels":{"leak":"same"}}')
    expect(conn, "PATCH", CLUSTER, 200, '{"labels":{"leak":"same"}}')  # a no-op write
    expect(conn, "PATCH", CLUSTER, 412, '{"name":"x"}', {"If-Match": '"1"'})
    expect(conn, "PATCH", CLUSTER, 200, '{"labels":{"m":"1"}}', {"If-Match": response.getheader("ETag")})
    expect(conn, "PATCH", CLUSTER, 200, '{"spec":{"version":"1.20.2","serviceAccount":{"tokenVolumeProjectionEnabled":false}}}')
    expect(conn, "PATCH", CLUSTER, 200, '{"spec":{"serviceAccount":null},"id":"other"}')
    for bad in ['{', '{"a":}', '{"name":"a","name":"b"}', '[' * 5000, '{"spec":{"serviceAccount":{"issuer":1}}}',
                '{"spec":{"version":"9.9.9"}}', '{"spec":{"cloud":{"dc":"other"}}}', 'null', '[]', '{"name":"\\ud800"}']:
        expect(conn, "PATCH", CLUSTER, 400, bad)
    expect(conn, "PATCH", CLUSTER, 400, b'{"name":"\xff"}')
    expect(conn, "PATCH", CLUSTER, 415, '[]', {"Content-Type": "application/json-patch+json"})
    expect(conn, "GET", "/api/v2/projects/jb4kfzwsxl/clusters/nope", 404)
    expect(conn, "GET", "/api/v2/projects/nope/clusters", 404)
    expect(conn, "GET", "/api/nothing/here", 404)
    expect(conn, "PUT", CLUSTER, 405, "{}")
    expect(conn, "OPTIONS", CLUSTER, 204)
    conn.request("HEAD", CLUSTER, headers=AUTH)
    conn.getresponse().read()
    expect(conn, "GET", "/api/swagger.json", 200)
    expect(conn, "GET", "/api/v1/projects", 200)
    conn.close()
    # A body over the 1 MiB limit, declared and chunked; framing errors; connections dropped mid-request.
    big = b'{"labels":{"x":"' + b"a" * (1 << 20) + b'"}}'
    raw(b"PATCH " + CLUSTER.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(big) + big)
    raw(b"PATCH " + CLUSTER.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"".join(b"8000\r\n" + b"a" * 0x8000 + b"\r\n" for _ in range(40)) + b"0\r\n\r\n")
    raw(b"PATCH " + CLUSTER.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 2\r\n\r\nabcd")
    raw(b"PATCH " + CLUSTER.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabcd")
    raw(b"PATCH " + CLUSTER.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"labels\"", close_early=True)
    raw(b"GET " + CLUSTER.encode() + b" HTT", close_early=True)
    raw(b"\x16\x03\x01\x02\x00garbage\r\n\r\n")
    print(f"round {round_ + 1}/{ROUNDS} done", file=sys.stderr)

if failures:
    print("\n".join(failures[:20]), file=sys.stderr)
    print(f"leak_load.py: {len(failures)} unexpected answers", file=sys.stderr)
    sys.exit(1)
