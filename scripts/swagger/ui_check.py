#!/usr/bin/env python3
"""Checks kkp-mock's Swagger UI in a real browser: headless Chromium, driven over the DevTools protocol.

    python3 scripts/swagger/ui_check.py http://127.0.0.1:PORT [--screenshot ui.png]

Against a running kkp-mock (with the fixtures; it changes the cluster staging-eu), it
1. opens /rest-api and waits until every operation of /api/swagger.json is shown;
2. presses Authorize and enters the token (`demo-token`);
3. on patchClusterV2 presses "Try it out", fills in project jb4kfzwsxl, cluster w225mx4z66 and the body
   {"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}, presses Execute, and waits for the page to
   show the 200 answer with the projection enabled;
and fails if the page reports a Content-Security-Policy violation, a script error or a failed request on the way.
It exits 0 when all went well, 1 with a message when not. The caller checks through the API that the cluster
changed. Chromium (Debian's `chromium`) gets a throw-away profile, talks to 127.0.0.1 only, and is stopped at the
end, with every process it started.
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import websocket  # websocket-client

PROJECT, CLUSTER = "jb4kfzwsxl", "w225mx4z66"
PATCH = '{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}'

# Collects Content-Security-Policy violations in the page (a script added through DevTools is not subject to the CSP).
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline"));
});
"""

# Helpers the steps call in the page.
HELPERS = """
window.__kkp = {
  click: function (selector) {
    var element = document.querySelector(selector);
    if (!element) return false;
    element.scrollIntoView({block: "center"});
    element.click();
    return true;
  },
  focus: function (selector) {
    var element = document.querySelector(selector);
    if (!element) return false;
    element.scrollIntoView({block: "center"});
    element.focus();
    if (element.select) element.select();
    return document.activeElement === element;
  },
  text: function (selector) {
    var element = document.querySelector(selector);
    return element ? element.textContent : null;
  },
  value: function (selector) {
    var element = document.querySelector(selector);
    return element ? element.value : null;
  },
};
true
"""


class Failure(Exception):
    """The check failed; the message says where."""


class DevTools:
    """A minimal DevTools protocol client over one WebSocket: commands by id, events kept for later."""

    def __init__(self, url, deadline):
        self.deadline = deadline
        # No Origin header (Chromium refuses WebSocket connections from other origins), and never a proxy.
        self.socket = websocket.create_connection(url, timeout=max(1.0, deadline - time.monotonic()), suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.session = None

    def call(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"timed out waiting for the answer to {method}")
            self.socket.settimeout(remaining)
            answer = json.loads(self.socket.recv())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise Failure(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise Failure(f"page script failed: {expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what):
        """Evaluates `expression` until it is truthy; a Failure naming `what` at the deadline."""
        while time.monotonic() < self.deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise Failure(f"timed out waiting for {what}")

    def close(self):
        try:
            self.socket.close()
        except Exception:
            pass


def start_chromium(profile, deadline):
    """Starts headless Chromium with DevTools on a free port; returns the process and the browser's WebSocket URL."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        raise Failure("chromium is not installed (Debian package chromium; scripts/setup.sh installs it)")
    arguments = [
        binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only", "--no-pings",
        # Nothing but the mock: any other host name does not resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--window-size=1280,1800", "about:blank",
    ]
    process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    found = {}
    ready = threading.Event()

    def read_stderr():  # reads to the end, so Chromium never blocks on a full pipe
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace")
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match and not ready.is_set():
                found["url"] = match.group(1)
                ready.set()
        ready.set()

    threading.Thread(target=read_stderr, daemon=True).start()
    ready.wait(timeout=max(0.0, deadline - time.monotonic()))
    if "url" not in found:
        stop_chromium(process)
        raise Failure("chromium did not report its DevTools port")
    return process, found["url"]


def stop_chromium(process):
    """Stops Chromium and the processes it started (its own process group), waiting for the browser to exit."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:  # helpers still alive in the group (zygote, renderers)
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def operation_ids(base_url):
    """The (tag, operationId) pairs of the document, which the page must show."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(base_url + "/api/swagger.json", timeout=10) as response:
        document = json.load(response)
    return [(operation.get("tags", ["default"])[0], operation["operationId"])
            for operations in document["paths"].values() for operation in operations.values()]


def check(devtools, base_url, token, screenshot):
    operations = operation_ids(base_url)
    target = devtools.call("Target.createTarget", {"url": "about:blank"}, session=False)
    attached = devtools.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, session=False)
    devtools.session = attached["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        devtools.call(f"{domain}.enable")
    devtools.call("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_CSP})
    devtools.call("Page.navigate", {"url": base_url + "/rest-api"})

    # 1. Every operation is shown.
    devtools.wait_for("document.readyState === 'complete' && !!window.ui", "the page and its scripts to load")
    devtools.evaluate(HELPERS)
    selectors = [f"#operations-{tag}-{operation}" for tag, operation in operations]
    devtools.wait_for(f"{json.dumps(selectors)}.every(function (s) {{ return document.querySelector(s); }})",
                      f"the {len(selectors)} operations of the document to render")

    # 2. Authorize with the token.
    devtools.wait_for("__kkp.click('.auth-wrapper .btn.authorize')", "the Authorize button")
    devtools.wait_for("__kkp.focus('.modal-ux .auth-container input')", "the token field")
    devtools.call("Input.insertText", {"text": token})
    devtools.wait_for("__kkp.click('.modal-ux .auth-btn-wrapper .btn.authorize')", "the dialog's Authorize button")
    devtools.wait_for("__kkp.click('.modal-ux .auth-btn-wrapper .btn-done')", "the dialog's Close button")
    devtools.wait_for("!document.querySelector('.modal-ux')", "the dialog to close")

    # 3. Try it out on patchClusterV2.
    block = "#operations-project-patchClusterV2"
    devtools.wait_for(f"__kkp.click('{block} .opblock-summary-control')", "patchClusterV2's summary")
    devtools.wait_for(f"__kkp.click('{block} .try-out__btn')", "the Try it out button")
    # The document's examples fill in the staging-eu cluster and a PATCH body; they are typed over all the same.
    for name, value in (("project_id", PROJECT), ("cluster_id", CLUSTER)):
        field = f"{block} tr[data-param-name=\"{name}\"] input"
        devtools.wait_for(f"__kkp.focus('{field}')", f"the {name} field")
        if devtools.evaluate(f"__kkp.value('{field}')") != value:
            raise Failure(f"the {name} field is not filled in with {value} from the document's example")
        devtools.call("Input.insertText", {"text": value})
    devtools.wait_for(f"__kkp.focus('{block} textarea.body-param__text')", "the body field")
    example = devtools.evaluate(f"__kkp.value('{block} textarea.body-param__text')")
    if json.loads(example or "null") != json.loads(PATCH):
        raise Failure(f"the body field is not filled in with the document's example: {example!r}")
    devtools.call("Input.insertText", {"text": PATCH})
    body = devtools.evaluate(f"__kkp.value('{block} textarea.body-param__text')")
    if json.loads(body) != json.loads(PATCH):
        raise Failure(f"the body field holds {body!r}")
    devtools.wait_for(f"__kkp.click('{block} .btn.execute')", "the Execute button")
    status = devtools.wait_for(f"__kkp.text('{block} .live-responses-table tbody .response-col_status')",
                               "the answer to the PATCH")
    shown = devtools.evaluate(f"__kkp.text('{block} .live-responses-table tbody .response-col_description pre')") or ""
    if status.strip() != "200":
        raise Failure(f"the PATCH answered {status.strip()}: {shown[:500]}")
    if not re.search(r'"tokenVolumeProjectionEnabled":\s*true', shown):
        raise Failure(f"the answer shown does not enable the projection: {shown[:500]}")

    if screenshot:
        devtools.evaluate(f"document.querySelector('{block}').scrollIntoView()")
        image = devtools.call("Page.captureScreenshot", {"format": "png"})
        with open(screenshot, "wb") as file:
            file.write(base64.b64decode(image["data"]))

    # Nothing went wrong on the way.
    violations = devtools.evaluate("window.__cspViolations")
    if violations:
        raise Failure("Content-Security-Policy violations: " + "; ".join(violations))
    problems = []
    for event in devtools.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append("script error: " + params["exceptionDetails"].get("exception", {}).get("description", ""))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            problems.append(f"console: {params['entry'].get('text', '')} {params['entry'].get('url', '')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            problems.append("console.error: " + " ".join(str(arg.get("value", "")) for arg in params.get("args", [])))
        elif method == "Network.loadingFailed":
            problems.append(f"request failed: {params.get('errorText')}")
    if problems:
        raise Failure("the page reported problems:\n  " + "\n  ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base_url", help="the mock's base URL, such as http://127.0.0.1:8080")
    parser.add_argument("--token", default="demo-token", help="the token to enter in the Authorize dialog")
    parser.add_argument("--screenshot", help="save a PNG of the page after the PATCH")
    parser.add_argument("--timeout", type=float, default=45, help="seconds for the whole check (default 45)")
    arguments = parser.parse_args()
    deadline = time.monotonic() + arguments.timeout
    profile = tempfile.mkdtemp(prefix="kkp-mock-chromium-")
    process = None
    devtools = None
    try:
        process, url = start_chromium(profile, deadline)
        devtools = DevTools(url, deadline)
        check(devtools, arguments.base_url.rstrip("/"), arguments.token, arguments.screenshot)
    except Failure as failure:
        print(f"ui_check: {failure}", file=sys.stderr)
        return 1
    finally:
        if devtools:
            devtools.close()
        if process:
            stop_chromium(process)
        shutil.rmtree(profile, ignore_errors=True)
    print("ui_check: the Swagger UI shows every operation, and Try it out on patchClusterV2 answered 200")
    return 0


if __name__ == "__main__":
    sys.exit(main())
