"""The web interface: server-rendered Dutch pages (Starlette + Jinja2) over everything harvested.

Every page works without JavaScript; scripts are small progressive enhancements. No external
assets: templates in `templates/`, CSS and scripts in `static/` (served by `static_files`).
Each page module of this package exports `routes` (a list of Starlette routes); `routes.py`
collects them, so adding a page is adding one module.
"""
