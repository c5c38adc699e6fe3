"""heartwork's domain core: plain Python rules with no Django imports.

The web side calls into this package; nothing here imports from it. A test enforces that.
"""
