"""Ray as a second executor: the same typed steps, on a local Ray or a cluster.

- `cluster`: start a small local Ray, or join a running cluster at an address;
- `worker`: the actor's body, which loads the models once and then reads part after
  part (so one WARC is read by many workers) and runs the steps over its pages;
- `executor`: `RayExecutor`, which hands the actors bundles of parts in input order,
  retries a failed task, turns a page that fails every try into a rejection, and
  gives the results back in input order to the run's one writer (its sink).

Ray is imported only when this executor runs (`--engine ray`, extra `newsdesk[ray]`).
"""

from newsdesk.distributed.executor import RayExecutor

__all__ = ["RayExecutor"]
