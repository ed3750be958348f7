"""Run by tests/odata/test_client.py in a process of its own: python-odata's package is
named ``odata``, like this project's app, so it is imported where the project is not on the
path (``python -I``). Reads the feed as a client would and prints what it found as JSON.

Usage: python -I odata_client.py <service url> <session id> <cycle code>"""

import json
import sys

import requests

from odata import ODataService

url, session_id, cycle = sys.argv[1:4]
session = requests.Session()
session.cookies.set("sessionid", session_id)
service = ODataService(url, reflect_entities=True, session=session, quiet_progress=True)
Activity = service.entities["Activities"]
Participant = service.entities["Participants"]
Report = service.entities["Reports"]
activities = service.query(Activity).filter(Activity.CycleCode == cycle)
women = service.query(Participant).filter(Participant.Sex == "women")
print(
    json.dumps(
        {
            "entity_sets": sorted(service.entities),
            "activity_titles": sorted(a.Title for a in activities),
            "women_rows": [[w.ActivityId, w.Count] for w in women],
            "participants_count": service.query(Participant).count(),
            "reports": [[r.Id, r.CycleCode, r.State] for r in service.query(Report)],
        }
    )
)
