"""The sandbox's front page (`GET /`): says plainly that everything here is sample data and
lists the NotuBiz sample municipalities with a starting link to their API."""

from __future__ import annotations

from html import escape

from vindplaats.sandbox.notubiz_world import NotubizWorld
from vindplaats.sandbox.routing import Response, html_response

TITLE = "Vindplaats sandbox — sample data, not real council information"


def home_page(world: NotubizWorld, base_url: str) -> Response:
    notubiz = f"{base_url}/notubiz"
    window = (
        f"date_from={world.date_from:%Y-%m-%d} 00:00:00"
        f"&date_to={world.date_until:%Y-%m-%d} 23:59:59"
    )
    rows = []
    with world.lock:
        for m in world.municipalities:
            events = (
                f"{notubiz}/events?organisation_id={m.organisation_id}&{window}"
                "&page=1&format=json&version=1.17.0"
            )
            rows.append(
                f"<tr><td>{escape(m.name)}</td><td><code>{escape(m.key)}</code></td>"
                f"<td>NotuBiz</td><td>{m.organisation_id}</td>"
                f'<td><a href="{escape(events)}">events</a></td>'
                f"<td>{len(m.meetings)}</td><td>{len(m.documents)}</td></tr>"
            )
    body = "\n".join(rows)
    html = f"""<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>{escape(TITLE)}</title></head>
<body>
<h1>{escape(TITLE)}</h1>
<p>Deze server spreekt de API's van leveranciers van raadsinformatiesystemen met
<strong>verzonnen voorbeeldgegevens</strong>. Geen enkele gemeente, vergadering of document hier
is echt. This server speaks council-information supplier APIs with made-up sample data.</p>
<table border="1" cellpadding="4">
<tr><th>Municipality</th><th>Key</th><th>Supplier</th><th>Organisation id</th><th>API</th>
<th>Meetings</th><th>Documents</th></tr>
{body}
</table>
<p>NotuBiz API base: <code>{escape(notubiz)}</code> (every JSON call needs
<code>format=json&amp;version=1.17.0</code>).</p>
</body>
</html>
"""
    return html_response(html)
