#!/usr/bin/env python3
"""The same snapshot as `avitui status --json`, written the way operators write it today:
the official Avi SDK (avisdk), one collection after another, then JSON on stdout."""
import json
import sys
from urllib.parse import urlparse

from avi.sdk.avi_api import ApiSession

ready = json.loads(sys.argv[1])
# --lean: the same reads, 200 objects per page, nothing printed (the fastest a script gets).
lean = "--lean" in sys.argv[2:]
url = urlparse(ready["url"])
api = ApiSession(controller_ip=url.hostname, port=url.port, username=ready["username"], password=ready["password"],
                 verify=ready["ca_file"], api_version=ready.get("version", "31.2.1"), tenant="*")
snapshot = {
    "cluster": api.get("cluster").json(),
    "cluster_runtime": api.get("cluster/runtime").json(),
    "service_engines": list(api.get_objects_iter("serviceengine", params={"join_subresources": "runtime", "page_size": 200})),
    "secure_channel": list(api.get_objects_iter("securechannelmapping", params={"page_size": 200})),
    "certificates": list(api.get_objects_iter("sslkeyandcertificate", params={"page_size": 200})),
    "system_configuration": api.get("systemconfiguration").json(),
    "alerts": list(api.get_objects_iter("alert", params={"page_size": 200, "sort": "-timestamp"})),
    "clouds": list(api.get_objects_iter("cloud", params={"page_size": 200})),
    "virtual_services": list(api.get_objects_iter("virtualservice", params={"page_size": 200})),
}
if lean:
    sys.stdout.write("%d objects\n" % sum(len(v) if isinstance(v, list) else 1 for v in snapshot.values()))
else:
    json.dump(snapshot, sys.stdout)
api.delete_session()
