"""The Prefect flows of wirewatch: one module per flow, each a short composition of the stage
functions of the `wirewatch` package. Installed, this folder is `wirewatch.flows`."""
