"""Whether MkDocs serves the site to a writer (`mkdocs serve`, scripts/serve) or builds it: the hooks that skip
work a writer does not need to see while editing (the downloads, the Pagefind index) read `config.extra["serving"]`.
"""

from mkdocs.plugins import event_priority

_command = "build"  # MkDocs names its command once, at start-up, before any configuration exists


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)  # before every hook that reads it
def on_config(config):
    config.extra["serving"] = _command == "serve"
    return config
