#!/usr/bin/env python3
"""Random JSON merge patch cases with the results of a reference implementation (PyPI json-merge-patch).

    merge_patch_cases.py unit --seed S --count N   one JSON object a line: {"target", "patch", "result"}
    merge_patch_cases.py http --seed S --count N   one JSON object a line: {"start", "steps": [{"patch", "expect"}]}

`unit` cases are arbitrary JSON documents for MergePatch.apply. `http` cases are sequences of patches of the cluster
fields kkp-mock stores as the client sent them (labels, spec.podNodeSelectorAdmissionPluginConfig, spec.oidc,
spec.updateWindow, spec.auditLogging, spec.opaIntegration, spec.admissionPlugins), with values of the right types;
`start` is the state to set first and `expect` is the projection of those fields after each patch (with spec.oidc
defaulted to {} as kkp-mock's effective document does). The same seed always prints the same cases.
"""
import argparse, copy, json, random, sys

import json_merge_patch

KEYS = ["a", "b", "c", "d", "e", "name", "x-y", "ü", "😀", ""]
STRINGS = ["", "x", "hello world", "ünïcödé", "😀 emoji", "quote\"back\\slash", "tab\tnew\nline", "\u0001ctl", "/slash"]


def scalar(r):
    kind = r.randrange(6)
    if kind == 0:
        return None
    if kind == 1:
        return r.random() < 0.5
    if kind == 2:
        return r.choice([0, -1, 1, 42, 2**53 + 1, -(2**63), 2**64, 10**30])
    if kind == 3:
        return r.choice([0.5, -0.0, 1.0, 1e-7, 3.14159, 1e300, -2.5e-300])
    return r.choice(STRINGS)


def value(r, depth, null_weight=0.1):
    roll = r.random()
    if depth <= 0 or roll < 0.45:
        v = scalar(r)
        return None if v is None and r.random() > null_weight * 3 else v
    if roll < 0.6:
        return [value(r, depth - 1) for _ in range(r.randrange(4))]
    return obj(r, depth - 1, null_weight)


def obj(r, depth, null_weight):
    result = {}
    for _ in range(r.randrange(5)):
        key = r.choice(KEYS)
        result[key] = None if r.random() < null_weight else value(r, depth, null_weight)
    return result


def unit_case(r):
    # Mostly objects on both sides (the interesting case); patches null members more often than targets hold nulls.
    target = value(r, 4) if r.random() < 0.2 else obj(r, 4, 0.05)
    patch = value(r, 3) if r.random() < 0.15 else obj(r, 4, 0.3)
    result = json_merge_patch.merge(copy.deepcopy(target), copy.deepcopy(patch))
    return {"target": target, "patch": patch, "result": result}


# ---- http ----------------------------------------------------------------------------------------------------------
LABEL_KEYS = ["env", "team", "tier", "app.kubernetes.io/name", "owner", "x"]
LABEL_VALUES = ["staging", "prod", "sre", "", "a-b_c.d", "v1", "ünï"]
OIDC_FIELDS = ["issuerUrl", "clientId", "clientSecret", "usernameClaim", "groupsClaim", "requiredClaim", "extraScopes"]
PLUGINS = ["PodNodeSelector", "EventRateLimit", "PodSecurityPolicy", "AlwaysPullImages"]


def string_map(r, keys, values, nulls):
    return {r.choice(keys): (None if nulls and r.random() < 0.35 else r.choice(values)) for _ in range(r.randrange(4))}


def typed_object(r, fields, make, nulls):
    return {f: (None if nulls and r.random() < 0.3 else make(r)) for f in r.sample(fields, r.randrange(len(fields) + 1))}


def field_patch(r, name, nulls):
    """A patch value of the right type for one field (or null to remove it)."""
    if nulls and r.random() < 0.15:
        return None
    if name == "labels":
        return string_map(r, LABEL_KEYS, LABEL_VALUES, nulls)
    if name == "podNodeSelectorAdmissionPluginConfig":
        return string_map(r, ["clusterDefaultNodeSelector", "ns-a", "ns-b", "kube-system"], ["env=prod", "", "zone=a,disk=ssd"], nulls)
    if name == "oidc":
        return typed_object(r, OIDC_FIELDS, lambda r: r.choice(["", "https://issuer.example.com", "kkp", "email groups"]), nulls)
    if name == "updateWindow":
        return typed_object(r, ["start", "length"], lambda r: r.choice(["Mon 04:00", "2h", "", "Sun 23:30"]), nulls)
    if name in ("auditLogging", "opaIntegration"):
        return typed_object(r, ["enabled"], lambda r: r.random() < 0.5, nulls)
    if name == "admissionPlugins":
        return r.sample(PLUGINS, r.randrange(len(PLUGINS) + 1))
    raise ValueError(name)


SPEC_FIELDS = ["podNodeSelectorAdmissionPluginConfig", "oidc", "updateWindow", "auditLogging", "opaIntegration", "admissionPlugins"]


def random_patch(r, nulls=True):
    patch = {}
    if r.random() < 0.6:
        patch["labels"] = field_patch(r, "labels", nulls)
    spec = {f: field_patch(r, f, nulls) for f in r.sample(SPEC_FIELDS, r.randrange(1, 4))}
    if spec or r.random() < 0.5:
        patch["spec"] = spec
    return patch


def projection(state):
    """The fields the test compares, as kkp-mock's effective document shows them."""
    spec = state.get("spec", {})
    shown = {"spec": {f: spec[f] for f in SPEC_FIELDS if f in spec}}
    shown["spec"].setdefault("oidc", {})
    if "labels" in state:
        shown["labels"] = state["labels"]
    return copy.deepcopy(shown)  # the reference merges into `state` in place


def http_case(r):
    start = json_merge_patch.merge({}, random_patch(r, nulls=False))
    state = copy.deepcopy(start)
    steps = []
    for _ in range(r.randrange(3, 9)):
        patch = random_patch(r)
        state = json_merge_patch.merge(state, copy.deepcopy(patch))
        steps.append({"patch": patch, "expect": projection(state)})
    return {"start": start, "startExpect": projection(start), "steps": steps}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["unit", "http"])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    r = random.Random(args.seed)
    make = unit_case if args.mode == "unit" else http_case
    out = sys.stdout
    for _ in range(args.count):
        out.write(json.dumps(make(r), ensure_ascii=True, separators=(",", ":"), allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
