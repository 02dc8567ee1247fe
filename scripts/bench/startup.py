#!/usr/bin/env python3
"""Time from process start to the first answered request, over many runs; prints the median and range in ms.

usage: startup.py RUNS URL_PATH -- COMMAND...   (the command prints `kkp-mock listening on http://HOST:PORT`)
       startup.py RUNS URL_PATH --port PORT -- COMMAND...   (a server on a known port: polled every 0.5 ms)
Each run: spawn, wait for the listening line (or poll connect), send one GET with `Authorization: Bearer demo-token`,
read the whole answer (status must be 200), stop the process with SIGTERM (SIGQUIT for nginx: --quit) and wait.
"""
import os, signal, socket, statistics, subprocess, sys, time


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-token\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    if status != 200:
        raise SystemExit(f"startup.py: GET {path} answered {status}")


def one_run(path, port, stop_signal, command):
    start = time.perf_counter()
    if port is None:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = proc.stdout.readline().decode()
        if not line.startswith("kkp-mock listening on http://"):
            proc.kill(); proc.wait()
            raise SystemExit(f"startup.py: no listening line from {command[0]}: {line!r}")
        port = int(line.strip().rsplit(":", 1)[1])
        get(port, path)
    else:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = start + 10
        while True:
            try:
                get(port, path)
                break
            except (ConnectionRefusedError, ConnectionResetError):
                if time.perf_counter() > deadline:
                    proc.kill(); proc.wait()
                    raise SystemExit("startup.py: the server never answered")
                time.sleep(0.0005)
    elapsed = (time.perf_counter() - start) * 1000
    proc.send_signal(stop_signal)
    proc.wait(timeout=10)
    return elapsed


def main():
    args = sys.argv[1:]
    runs, path = int(args[0]), args[1]
    args = args[2:]
    port, stop_signal = None, signal.SIGTERM
    while args[0] != "--":
        if args[0] == "--port":
            port = int(args[1]); args = args[2:]
        elif args[0] == "--quit":
            stop_signal = signal.SIGQUIT; args = args[1:]
        else:
            raise SystemExit(f"startup.py: unknown option {args[0]}")
    command = args[1:]
    times = [one_run(path, port, stop_signal, command) for _ in range(runs)]
    print(f"{statistics.median(times):.1f} {min(times):.1f} {max(times):.1f}")


if __name__ == "__main__":
    main()
