"""Starts the state of each build (hooks/build.py), knowing whether MkDocs serves the site to a writer
(`mkdocs serve`, scripts/serve) or builds it: the steps a writer does not need to see while editing (the downloads,
the Pagefind index, the share cards) read `state(config).serving`.
"""

from mkdocs.plugins import event_priority

from build import start

_command = "build"  # MkDocs names its command once per process, at start-up, before any configuration exists


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)  # before every hook that reads the state
def on_config(config):
    start(config, serving=_command == "serve")
    return config
