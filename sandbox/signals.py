"""What the sandbox tells the apps above it, which it may not import (docs/architecture.md).

`sample_data_loaded` is sent by `services.sandbox_load` in the default seat, once the shared
content the sandbox owns is there (the trainer, the trainer notes), so that an app above with
shared content of its own loads what is missing of it: each connects its receiver in its
`AppConfig.ready()` (lessons: its shipped exercises). A receiver creates only what is missing,
as the loader does, inside the loader's transaction; `make run`, `load_sandbox`,
`reset_sandbox` and the trainer's Reset page all load through `sandbox_load`.
"""

from django.dispatch import Signal

sample_data_loaded = Signal()
