"""The bundle's entry point: the same ``authoring`` command pip installs."""

from __future__ import annotations

from authoring.cli import main

raise SystemExit(main())
