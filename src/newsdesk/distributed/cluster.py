"""Starting Ray here, or joining a running cluster: the only place Ray is set up."""

from __future__ import annotations

import logging
import os
from typing import Any

from newsdesk.errors import MissingDependency

# A local Ray's object store: results come back a few bundles at a time, so a small
# store is plenty, and Ray's default (a third of the memory) would crowd the machine.
OBJECT_STORE_MB = 256


def ray_module() -> Any:
    """`ray`, or a `MissingDependency` naming the extra that brings it."""
    try:
        import ray
    except ImportError as exc:
        raise MissingDependency("ray", "ray") from exc
    return ray


def connect(address: str | None, cpus: int | None) -> bool:
    """Join the cluster at `address`, or start a local Ray with `cpus` (default: every
    core); True when started here, to be shut down by the caller.  A Ray already
    initialised in this process is used as it is."""
    ray = ray_module()
    if ray.is_initialized():
        return False
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **quiet)
        return False
    ray.init(
        address="local",  # never some other cluster this machine happens to run
        num_cpus=cpus or os.cpu_count() or 1,
        object_store_memory=OBJECT_STORE_MB * 1024 * 1024,
        include_dashboard=False,
        **quiet,
    )
    return True


def cluster_cpus() -> int:
    """CPUs the connected cluster offers: how many actors to start by default."""
    return max(1, int(ray_module().cluster_resources().get("CPU", 1)))
