"""Server-side plumbing for the Voila apps (no models, no widgets).

- ``identity``: Voila without cookies.
- ``kernels``: the kernel manager that caps kernels, culls pages that never connected and names
  kernels so that nginx can route a page's websocket to the Voila process that owns its kernel.
Both are configured in voila.json.
"""
