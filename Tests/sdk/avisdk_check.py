#!/usr/bin/env python3
"""Reads everything the console reads from a running `avitui sim`, with the
official Avi Python SDK (avisdk), and checks counts and fields.

Usage: avisdk_check.py READY_FILE [--api-version V] [--ses N] [--certs N] [--alerts N]
Exits 0 when every check passes, 1 otherwise.
"""
import argparse
import json
import sys
from urllib.parse import urlparse

from avi.sdk.avi_api import ApiSession

failures = []


def check(condition, message):
    status = "ok  " if condition else "FAIL"
    print(f"{status} {message}")
    if not condition:
        failures.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ready_file")
    parser.add_argument("--api-version", default="31.2.1")
    parser.add_argument("--ses", type=int, required=True)
    parser.add_argument("--certs", type=int, required=True)
    parser.add_argument("--alerts", type=int, required=True)
    args = parser.parse_args()

    with open(args.ready_file) as handle:
        ready = json.load(handle)
    url = urlparse(ready["url"])

    # verify= is handed to requests: a CA bundle path turns on verification
    # against the simulator's own CA (hostname 127.0.0.1 is in the SAN).
    api = ApiSession(
        controller_ip=url.hostname, port=url.port, username=ready["username"], password=ready["password"],
        verify=ready["ca_file"], api_version=args.api_version, tenant="admin",
    )
    check(api.remote_api_version.get("Version") == args.api_version,
          f"login: controller version {api.remote_api_version.get('Version')}")

    cluster = api.get("cluster").json()
    check(len(cluster.get("nodes", [])) == 3, f"cluster: {len(cluster.get('nodes', []))} nodes")
    check(cluster.get("virtual_ip", {}).get("addr", "").startswith("10."), "cluster: virtual_ip.addr")

    runtime = api.get("cluster/runtime").json()
    state = runtime.get("cluster_state", {}).get("state")
    check(state == "CLUSTER_UP_HA_ACTIVE", f"cluster/runtime: {state}")
    roles = sorted(node.get("role") for node in runtime.get("node_states", []))
    check(roles == ["CLUSTER_FOLLOWER", "CLUSTER_FOLLOWER", "CLUSTER_LEADER"], f"cluster/runtime roles {roles}")
    check("(" in runtime.get("node_info", {}).get("version", ""), "cluster/runtime: node_info.version")

    ses = list(api.get_objects_iter("serviceengine", params={"join_subresources": "runtime", "page_size": 50}))
    check(len(ses) == args.ses, f"serviceengine: {len(ses)} (expected {args.ses})")
    states = {se.get("runtime", {}).get("oper_status", {}).get("state") for se in ses}
    check(None not in states and "OPER_UP" in states, f"serviceengine runtime states {sorted(s for s in states if s)}")
    check(all(se["mgmt_vnic"]["vnic_networks"][0]["ip"]["ip_addr"]["addr"] for se in ses), "serviceengine: mgmt IPs")

    mappings = list(api.get_objects_iter("securechannelmapping"))
    check(len(mappings) == args.ses + 3, f"securechannelmapping: {len(mappings)} (expected {args.ses + 3})")
    check(all(m.get("local_ip") and m.get("status", "").startswith("SECURE_CHANNEL_") for m in mappings),
          "securechannelmapping: local_ip and status")

    certs = list(api.get_objects_iter("sslkeyandcertificate", params={"page_size": 200}))
    check(len(certs) == args.certs + 6, f"sslkeyandcertificate: {len(certs)} (expected {args.certs + 6})")
    names = {cert["name"] for cert in certs}
    for default in ("System-Default-Portal-Cert", "System-Default-Portal-Cert-EC256",
                    "System-Default-Secure-Channel-Cert", "System-Default-Root-CA",
                    "System-Default-Cert", "System-Default-Cert-EC"):
        check(default in names, f"sslkeyandcertificate: {default}")
    check(all(len(cert["certificate"]["not_after"]) == 19 for cert in certs), "sslkeyandcertificate: not_after format")
    check(all(cert["certificate"]["certificate"].startswith("-----BEGIN CERTIFICATE-----") for cert in certs),
          "sslkeyandcertificate: PEM bodies")
    check(all(cert.get("key", "<sensitive>") == "<sensitive>" for cert in certs), "sslkeyandcertificate: keys masked")

    config = api.get("systemconfiguration").json()
    channel = config.get("secure_channel_configuration")
    check(channel is not None, "systemconfiguration: secure_channel_configuration present")
    refs = (channel or {}).get("sslkeyandcertificate_refs", [])
    check(len(refs) == 1, f"systemconfiguration: {len(refs)} secure-channel ref")
    portal = config.get("portal_configuration", {}).get("sslkeyandcertificate_refs", [])
    check(len(portal) == 2, f"systemconfiguration: {len(portal)} portal refs")

    alerts = api.get("alert", params={"page_size": 200, "sort": "-timestamp"}).json()
    check(alerts.get("count", 0) >= args.alerts, f"alert: count {alerts.get('count')}")
    levels = {alert["level"] for alert in alerts.get("results", [])}
    check(levels <= {"ALERT_LOW", "ALERT_MEDIUM", "ALERT_HIGH"} and levels, f"alert: levels {sorted(levels)}")

    clouds = api.get("cloud").json().get("results", [])
    check(any(c["name"] == "Default-Cloud" and c["vtype"] == "CLOUD_VCENTER" for c in clouds), "cloud: Default-Cloud")

    vs = api.get("virtualservice", tenant="*").json()
    check(vs.get("count", 0) >= 3, f"virtualservice: {vs.get('count')}")

    # A write through the SDK's own CSRF/Referer handling, then clean up.
    created = api.post("tenant", data={"name": "sdk-check"})
    check(created.status_code == 201, f"POST tenant: {created.status_code} {created.text[:120]}")
    if created.status_code == 201:
        deleted = api.delete("tenant/" + created.json()["uuid"])
        check(deleted.status_code == 204, f"DELETE tenant: {deleted.status_code}")

    logout = api.post("logout")
    check(logout.status_code == 200, f"logout: {logout.status_code}")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all SDK checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
