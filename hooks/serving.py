"""Starts the state of each build (hooks/build.py), knowing whether it is scripts/serve's preview (`extra.preview`,
set by scripts/serve through HANDBOOK_PREVIEW) or a build of the site: the steps a writer does not need to see while
editing (the downloads, the Pagefind index, the share cards) read `state(config).serving`. A setting, not MkDocs'
command: `mkdocs serve` loads the hooks afresh for each rebuild, and only the first load hears the command.
"""

from mkdocs.plugins import event_priority

from build import start


@event_priority(100)  # before every hook that reads the state
def on_config(config):
    start(config, serving=bool(config.extra.get("preview")))
    return config
