"""The editor pane: one editor per kind of thing selected in the outline."""
