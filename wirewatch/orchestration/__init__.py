"""The Prefect side of wirewatch: the tasks the flows compose, the temporary API server for
command-line runs, and finding the flows in a checkout or in the wheel."""
